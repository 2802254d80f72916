"""Kalender: the studio calendar (day/week/month), pending requests and the «I dag» panel.

All database work runs through `run_task`, so navigating weeks or confirming a
booking never freezes the window; results for a period the user has already
left are dropped by the view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from helsestudio.models import User
from helsestudio.services.app import AppContext
from helsestudio.services.calendar_queries import (
    CalendarMeta,
    CalendarRow,
    DayOverview,
    bookings_in_range,
    closures,
    confirmed_conflicts,
    day_bookings,
    load_meta,
    pending_requests,
)
from helsestudio.services.day_plan import build_day_plan
from helsestudio.services.timeutil import to_oslo
from helsestudio.ui.calendar import day_plan_print
from helsestudio.ui.calendar.booking_actions import BookingActions
from helsestudio.ui.calendar.panels import PendingPanel, TodayPanel
from helsestudio.ui.calendar.view import CalendarView
from helsestudio.ui.calendar_ics import ExportDialog, open_import
from helsestudio.ui.messages import describe
from helsestudio.ui.tasks import run_task

ASSISTING_ROLES = ("superbruker", "faglig_leder", "administrator")
REFRESH_MS = 60_000


@dataclass(frozen=True)
class SideData:
    overview: DayOverview
    pending: list[CalendarRow]
    conflicts: dict[int, list[CalendarRow]]
    meta: CalendarMeta
    assistants: list[str]


def _opening_hours(meta: CalendarMeta) -> tuple[int, int]:
    """Whole hours to show: an hour before opening to an hour after closing."""
    first = int(meta.opening[0][:2])
    last_h, last_m = (int(x) for x in meta.opening[1].split(":"))
    return max(0, first - (0 if first <= 7 else 1)), min(24, last_h + (1 if last_m else 0) + 1)


class CalendarPage(QWidget):
    periodLoaded = Signal(int)  # bookings now shown (start-up benchmark, tests)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.now = now or (lambda: datetime.now(UTC))
        self.meta = CalendarMeta([], {})
        self.assistants: list[str] = []
        self.overview: DayOverview | None = None
        self._printer: object | None = None  # QPrinter, imported only when printing
        self.view = CalendarView(self.now)
        self.pending = PendingPanel()
        self.today = TodayPanel()
        self.new_button = QPushButton(self.tr("Ny forespørsel …"))
        self.print_button = QPushButton(self.tr("Skriv ut dagsplan …"))
        self.pdf_button = QPushButton(self.tr("Dagsplan som PDF …"))
        # Calendar files (issue 6) share one button so the row stays short.
        self.ics_button = QPushButton(self.tr("Kalenderfiler"))
        ics_menu = QMenu(self.ics_button)
        self.ics_export_action = ics_menu.addAction(self.tr("Eksporter periode som .ics …"))
        self.ics_import_action = ics_menu.addAction(self.tr("Importer forespørsler fra .ics …"))
        self.ics_button.setMenu(ics_menu)
        self.status = QLabel("")  # loading and counts
        self.message = QLabel("")  # the result of the last action, kept until the next one
        self.message.setStyleSheet("font-weight: 600;")
        self.actions = BookingActions(ctx, self)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        # Two short rows, so the side panel does not force the window wider than a laptop screen.
        for row_buttons in ((self.new_button, self.ics_button), (self.print_button, self.pdf_button)):
            buttons = QHBoxLayout()
            for button in row_buttons:
                buttons.addWidget(button)
            side_layout.addLayout(buttons)
        side_layout.addWidget(self.today, 3)
        side_layout.addWidget(self.pending, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        footer.addWidget(self.status)
        layout.addLayout(footer)

        self.view.periodChanged.connect(self.load_period)
        self.view.rangeSelected.connect(self.actions.new_request)
        self.view.bookingActivated.connect(self.actions.open_booking)
        self.pending.bookingActivated.connect(self.actions.open_booking)
        self.today.bookingActivated.connect(self.actions.open_booking)
        self.new_button.clicked.connect(lambda: self.actions.new_request(None, None))
        self.print_button.clicked.connect(self.print_day_plan)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.ics_export_action.triggered.connect(self.export_ics)
        self.ics_import_action.triggered.connect(self.import_ics)
        self.setFocusProxy(self.view)
        # Other PCs change the same calendar: refresh in the background now and then.
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh_visible)
        self._refresh.start()
        self.reload()

    # --- loading ----------------------------------------------------------------
    def reload(self) -> None:
        """Reload everything: lookups and the visible period first (what the eye goes to), then the side panels."""
        first, last = self.view.period()

        def load() -> tuple[CalendarMeta, list[CalendarRow], set[date]]:
            with self._ctx.db.read() as session:
                return load_meta(session), bookings_in_range(session, first, last), closures(session, first, last)

        def done(result: tuple[CalendarMeta, list[CalendarRow], set[date]]) -> None:
            self.meta = result[0]
            self.view.set_meta(self.meta, _opening_hours(self.meta))
            self._show_period(first, last, result[1], result[2])
            self.load_side()

        self.status.setText(self.tr("Henter bookinger …"))
        run_task(load, done, self._failed)

    def load_side(self) -> None:
        today = to_oslo(self.now()).date()
        now = self.now()

        def load() -> SideData:
            with self._ctx.db.read() as session:
                helpers = session.execute(
                    User.__table__.select().with_only_columns(User.username)
                    .where(User.role_code.in_(ASSISTING_ROLES), User.active.is_(True))
                    .order_by(User.username)
                ).scalars().all()
                pending = pending_requests(session, now)
                today_rows = day_bookings(session, today)
                conflicts = confirmed_conflicts(session, pending)
                meta = load_meta(session)
            # The same warnings as `helsestudio schedule` and the printed day plan.
            plan = build_day_plan(self._ctx, today)
            return SideData(DayOverview(today, today_rows, plan.warnings), pending, conflicts, meta,
                            list(helpers))

        def done(data: SideData) -> None:
            self.meta, self.assistants, self.overview = data.meta, data.assistants, data.overview
            self.view.set_meta(data.meta, _opening_hours(data.meta))
            self.today.set_overview(data.overview, data.meta)
            self.pending.set_rows(data.pending, data.conflicts)

        run_task(load, done, self._failed)

    def load_period(self, first: date, last: date) -> None:
        def load() -> tuple[list[CalendarRow], set[date]]:
            with self._ctx.db.read() as session:
                return bookings_in_range(session, first, last), closures(session, first, last)

        self.status.setText(self.tr("Henter bookinger …"))
        run_task(load, lambda result: self._show_period(first, last, *result), self._failed)

    def _show_period(self, first: date, last: date, rows: list[CalendarRow], closed: set[date]) -> None:
        self.view.time_grid.extra_closed = self.view.month_grid.extra_closed = closed
        if self.view.show_rows(first, last, rows):  # False: the user has moved on meanwhile
            self.status.setText(self.tr("%1 booking(er) i perioden").replace("%1", str(len(rows))))
            self.periodLoaded.emit(len(rows))

    def _failed(self, exc: Exception) -> None:
        self.status.setText(describe(exc))

    def refresh_visible(self) -> None:
        """Reload the side panels and the visible period (no dialog is disturbed)."""
        if not self.isVisible():
            return
        self.load_side()
        self.load_period(*self.view.period())

    def after_change(self, message: str) -> None:
        self.message.setText(message)
        self.load_side()
        self.load_period(*self.view.period())
        window = self.window()
        banner = getattr(window, "crisis_banner", None)
        if banner is not None:
            banner.refresh()

    # --- day plan -----------------------------------------------------------------
    def print_day_plan(self) -> None:
        if self.overview is None:
            return
        overview, meta = self.overview, self.meta
        from PySide6.QtPrintSupport import QPrintPreviewDialog  # only when printing (start-up time)

        # The dialog does not own the printer: keep it alive as long as the page (a
        # collected QPrinter under an open preview is a segmentation fault).
        self._printer = day_plan_print.a4_printer()
        preview = QPrintPreviewDialog(self._printer, self)
        preview.setWindowTitle(self.tr("Dagsplan – forhåndsvisning"))
        preview.paintRequested.connect(lambda printer: day_plan_print.document(overview, meta).print_(printer))
        preview.open()

    def ask_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Lagre dagsplan som PDF"),
                                              f"dagsplan-{to_oslo(self.now()).date()}.pdf", "PDF (*.pdf)")
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, target: Path) -> None:
        """The A4 day plan from the booking service, the same file as `schedule --pdf`."""
        # Imported here: reportlab is not needed to start the program.
        from helsestudio.services.day_plan_pdf import write_day_plan

        day = to_oslo(self.now()).date()
        run_task(lambda: write_day_plan(build_day_plan(self._ctx, day), target),
                 lambda path: self.message.setText(self.tr("Dagsplanen er lagret: %1").replace("%1", str(path))),
                 self._failed)

    # --- calendar files ------------------------------------------------------------
    def export_ics(self) -> None:
        ExportDialog(self._ctx, self).exec()

    def import_ics(self) -> None:
        result = open_import(self, self._ctx)
        if result is not None:
            self.after_change(self.tr("Importerte {n} forespørsler fra kalenderfilen").format(
                n=len(result.created_ids)))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.view.setFocus()  # arrow keys, T, D/W/M work at once

    def state(self) -> dict[str, Any]:
        """What the page shows, for tests and support."""
        return {"mode": self.view.mode, "date": self.view.current, "rows": len(self.view.rows)}
