"""Side panels for the superuser on duty: «Venter på bekreftelse» and «I dag»."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from helsestudio.services.calendar_queries import CalendarMeta, CalendarRow, DayOverview
from helsestudio.services.timeutil import format_time, oslo_date
from helsestudio.ui.calendar.painting import day_long, platform_short, state_name, weekday_short
from helsestudio.ui.labels import format_date
from helsestudio.ui.table_model import Column, RowTableModel

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def _when(row: CalendarRow) -> str:
    d = oslo_date(row.start)
    return f"{weekday_short(d)} {d.day}.{d.month}. {format_time(row.start)}–{format_time(row.end)}"


def _starts(row: CalendarRow) -> str:
    """Short enough for the narrow side panel; the whole span is in the tooltip."""
    d = oslo_date(row.start)
    return f"{weekday_short(d)} {d.day}.{d.month}. {format_time(row.start)}"


def _lead_tip(row: CalendarRow) -> str:
    received = translate("PendingPanel", "Mottatt {date}: ").format(date=format_date(oslo_date(row.received_at)))
    if row.on_time:
        return received + translate("PendingPanel", "i tide (minst 28 dager før, R2) – deltar i prioriteringen")
    return received + translate("PendingPanel", "sen forespørsel – kan bare få ledig tid og fortrenger ingen (R2)")


def _who(row: CalendarRow) -> str:
    return ", ".join(x for x in (row.organizer, row.organizer_unit) if x) or translate("PendingPanel", "ukjent bestiller")


class _PanelTable(QTableView):
    """A read-only row table for a narrow side panel.

    The other columns fit their text; column `stretch` (the title) gets what is left
    of the width, but never less than MIN_STRETCH_PX. Qt's own Stretch mode cannot be
    used beside ResizeToContents columns: it kept the title at the width the table
    had before the splitter narrowed it, pushing the rest out of sight.
    """

    MIN_STRETCH_PX = 110

    def __init__(self, model: RowTableModel[CalendarRow], stretch: int) -> None:
        super().__init__()
        self._stretch = stretch
        self.setModel(model)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        # Fit columns to the rows near the top only: a long backlog of requests must not
        # make every refresh measure thousands of rows (the default looks at 1000).
        header.setResizeContentsPrecision(40)
        header.sectionResized.connect(self._fit_later)
        model.modelReset.connect(self._fit_later)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)

    def _fit_later(self, *_args: object) -> None:
        QTimer.singleShot(0, self, self.fit_title)  # with a context: dropped if the table is gone

    def fit_title(self) -> None:
        header = self.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != self._stretch)
        width = max(self.MIN_STRETCH_PX, self.viewport().width() - others)
        if header.sectionSize(self._stretch) != width:
            header.resizeSection(self._stretch, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_title()


class _Panel(QWidget):
    bookingActivated = Signal(int)

    def _wire(self, table: QTableView, model: RowTableModel[CalendarRow]) -> None:
        table.doubleClicked.connect(lambda index: self.bookingActivated.emit(model.row(index.row()).id))


class PendingPanel(_Panel):
    """Requests waiting for confirmation: on-time ones first, oldest received first (R2, R3)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflicts: dict[int, list[CalendarRow]] = {}
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        # The panel is narrow: the title gets the spare width, and the two things a
        # superuser scans for (a late request, a clash) share one short column.
        self.model: RowTableModel[CalendarRow] = RowTableModel(
            [
                Column(self.tr("Ønsket tid"), _starts, tooltip=_when),
                Column(self.tr("Tittel"), lambda r: r.title, tooltip=_who),
                Column(self.tr("Merk"), self._marks, tooltip=self._marks_tip),
            ],
            self,
        )
        self.table = _PanelTable(self.model, 1)
        self.table.setToolTip(self.tr("Dobbeltklikk for å åpne og bekrefte eller avslå"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self._wire(self.table, self.model)
        self.set_rows([])

    def _marks(self, row: CalendarRow) -> str:
        """«sen» for a late request (R2), «⚠» for a clash with a confirmed booking (R3)."""
        marks = [] if row.on_time else [self.tr("sen")]
        if self.conflicts.get(row.id):
            marks.append("⚠")
        return " ".join(marks)

    def _marks_tip(self, row: CalendarRow) -> str:
        return f"{_lead_tip(row)}\n{self._conflict_tip(row)}"

    def _conflict_tip(self, row: CalendarRow) -> str:
        hits = self.conflicts.get(row.id)
        if not hits:
            return self.tr("Ingen bekreftet booking i denne tiden")
        names = ", ".join(f"«{h.title}» ({format_time(h.start)}–{format_time(h.end)})" for h in hits)
        if row.on_time:
            return self.tr("Kolliderer med {names}: bekreftes den, fortrenges de med lavere prioritet (R3)").format(
                names=names)
        return self.tr("Kolliderer med {names}: en sen forespørsel kan ikke fortrenge noe (R2)").format(names=names)

    def set_rows(self, rows: list[CalendarRow], conflicts: dict[int, list[CalendarRow]] | None = None) -> None:
        self.conflicts = conflicts or {}
        self.model.set_rows(rows)
        self.title.setText(self.tr("Venter på bekreftelse (%1)").replace("%1", str(len(rows))))


class TodayPanel(_Panel):
    """The day's bookings with platform, participants and who assists, then the warnings (R8, R3)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meta = CalendarMeta([], {})
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.model: RowTableModel[CalendarRow] = RowTableModel(
            [
                # What the superuser on duty needs first (time, title, who assists: R8)
                # fits the narrow panel; the rest is a scroll away.
                Column(self.tr("Tid"), lambda r: f"{format_time(r.start)}–{format_time(r.end)}"),
                Column(self.tr("Tittel"), lambda r: r.title, tooltip=_who),
                Column(self.tr("Assistanse"), self._assist),
                Column(self.tr("Plattform"), lambda r: platform_short(r.platform),
                       tooltip=lambda r: self.meta.platforms.get(r.platform, r.platform)),
                Column(self.tr("Delt."), lambda r: r.participants or ""),
                Column(self.tr("Status"), lambda r: state_name(r.state)),
            ],
            self,
        )
        self.table = _PanelTable(self.model, 1)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a4b00; background: #fff4e0; padding: 6px; border-radius: 4px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        self._wire(self.table, self.model)

    def _assist(self, row: CalendarRow) -> str:
        if not row.assist_requested:
            return "–"
        return row.assigned_to or self.tr("⚠ ikke tildelt")

    def set_overview(self, overview: DayOverview, meta: CalendarMeta) -> None:
        self.meta = meta
        self.model.set_rows(overview.bookings)
        self.title.setText(self.tr("I dag – %1").replace("%1", day_long(overview.day)))
        self.warnings.setVisible(bool(overview.warnings))
        self.warnings.setText("⚠ " + "\n⚠ ".join(overview.warnings) if overview.warnings else "")
