"""Calendar files from the calendar toolbar (issue 6): export a range, send a confirmation,
import with a preview of what would be created before anything is saved.

Wiring (for the calendar toolbar, owned by the calendar page):
    ExportDialog(ctx, parent).exec()
    send_confirmation(parent, ctx, booking_id)
    open_import(parent, ctx)          # asks for the file, then shows ImportPreviewDialog
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from helsestudio.models import BookingCategory, BookingState
from helsestudio.services.app import AppContext
from helsestudio.services.errors import InvalidInput
from helsestudio.services.ics_export import ExportFilter, export_calendar
from helsestudio.services.ics_import import (
    ImportResult,
    PreviewRow,
    default_window,
    import_ics,
    preview_import,
    read_file,
)
from helsestudio.services.ics_invite import Invitation, invitation
from helsestudio.services.ics_parse import Skipped
from helsestudio.ui.calendar.painting import state_name
from helsestudio.ui.labels import format_date
from helsestudio.ui.messages import show_error
from helsestudio.ui.table_model import Column, RowTableModel
from helsestudio.ui.tasks import run_task

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
ICS_FILTER = QT_TRANSLATE_NOOP("CalendarFiles", "Kalenderfil (*.ics)")  # translated when shown


def _ics_filter() -> str:
    return translate("CalendarFiles", ICS_FILTER)


def category_names(ctx: AppContext) -> list[tuple[str, str]]:
    """(code, name) of the booking categories in priority order (R1: they are data)."""
    with ctx.db.read() as session:
        return [(p.code, p.name) for p in session.scalars(
            select(BookingCategory).order_by(BookingCategory.priority))]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise InvalidInput(translate("CalendarFiles", "Kan ikke skrive {path}: {reason}").format(
            path=path, reason=exc.strerror)) from None


class ExportDialog(QDialog):
    """«Eksporter kalender»: a date range, optional category and status, then a file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("Eksporter kalender (.ics)"))
        first, last = default_window()
        self.first_edit, self.last_edit = _date_edit(first), _date_edit(last)
        self.category = QComboBox()
        self.category.addItem(self.tr("Alle kategorier"), "")
        run_task(lambda: category_names(ctx), self._fill_categories, lambda exc: None)
        self.state = QComboBox()
        self.state.addItem(self.tr("Alle statuser"), "")
        for state in BookingState:
            self.state.addItem(state_name(state.value), state.value)
        form = QFormLayout()
        form.addRow(self.tr("Fra og med"), self.first_edit)
        form.addRow(self.tr("Til og med"), self.last_edit)
        form.addRow(self.tr("Kategori"), self.category)
        form.addRow(self.tr("Status"), self.state)
        self.status = QLabel()
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Lukk"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button = buttons.addButton(self.tr("Lagre som …"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self._choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _fill_categories(self, names: list[tuple[str, str]]) -> None:
        for code, name in names:
            self.category.addItem(name, code)

    def current_filter(self) -> ExportFilter:
        category, state = self.category.currentData(), self.state.currentData()
        return ExportFilter(_pydate(self.first_edit.date()), _pydate(self.last_edit.date()),
                            frozenset({category} if category else ()), frozenset({state} if state else ()))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lagre kalender"), "studio2037.ics", _ics_filter())
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            flt = self.current_filter()
        except InvalidInput as exc:
            show_error(self, exc)
            return
        ctx = self._ctx

        def work() -> int:
            content = export_calendar(ctx, flt)
            _write(path, content)
            return content.count(b"BEGIN:VEVENT")

        self.save_button.setEnabled(False)
        run_task(work, lambda n: self._done(path, n), self._failed)

    def _done(self, path: Path, events: int) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Lagret {n} hendelser i {path}").format(n=events, path=path))

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        show_error(self, exc, self.tr("Kunne ikke eksportere"))


def mailto_url(inv: Invitation, path: Path) -> QUrl:
    """A mailto: link with subject and a body that names the saved file (mailto cannot attach)."""
    kind = translate("CalendarFiles", "avlysning") if inv.method == "CANCEL" else \
        translate("CalendarFiles", "bekreftelse")
    body = translate("CalendarFiles", "Hei,\n\nvedlagt er kalenderfilen for bookingen i Studio 2037 ({kind}).\n"
                     "Legg ved filen {path} før du sender.\n\nHilsen Studio 2037").format(kind=kind, path=path)
    return QUrl(f"mailto:{inv.recipient or ''}?subject={quote(inv.subject)}&body={quote(body)}")


def send_confirmation(parent: QWidget | None, ctx: AppContext, booking_id: int, *,
                      path: Path | None = None, open_mail: bool = True,
                      on_saved: Callable[[Path, Invitation], None] | None = None) -> None:
    """«Send bekreftelse»: save the invitation (REQUEST or CANCEL) and open the mail client."""

    def saved(inv: Invitation) -> None:
        target = path
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(parent, translate("CalendarFiles", "Lagre invitasjon"),
                                                    inv.filename, _ics_filter())
            if not chosen:
                return
            target = Path(chosen)
        try:
            _write(target, inv.content)
        except InvalidInput as exc:
            show_error(parent, exc)
            return
        if open_mail and inv.recipient:
            QDesktopServices.openUrl(mailto_url(inv, target))
        if on_saved is not None:
            on_saved(target, inv)

    run_task(lambda: invitation(ctx, booking_id), saved,
             lambda exc: show_error(parent, exc, translate("CalendarFiles", "Kan ikke lage invitasjon")))


def _conflict_text(row: PreviewRow) -> str:
    return "; ".join(row.conflicts) if row.conflicts else "–"


# Column titles are translated when the dialog builds its models (_translated).
PREVIEW_COLUMNS: list[Column[PreviewRow]] = [
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "Dato"), lambda r: format_date(r.candidate.start.date())),
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "Tid"),
           lambda r: f"{r.candidate.start:%H:%M}–{r.candidate.end:%H:%M}"),
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "Tittel"), lambda r: r.candidate.title),
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "Bestiller"),
           lambda r: r.candidate.organizer_name or r.candidate.organizer_contact),
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "Kategori"), lambda r: r.candidate.category),
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "I tide (R2)"),
           lambda r: translate("ImportPreviewDialog", "ja") if r.on_time
           else translate("ImportPreviewDialog", "nei, for sent")),
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "Konflikter"), _conflict_text, tooltip=_conflict_text),
]
SKIPPED_COLUMNS: list[Column[Skipped]] = [
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "Start"), lambda s: s.start or "?"),
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "Årsak"), lambda s: s.reason, tooltip=lambda s: s.reason),
    Column(QT_TRANSLATE_NOOP("ImportPreviewDialog", "UID"), lambda s: s.uid),
]


def _translated(columns: list[Column]) -> list[Column]:  # type: ignore[type-arg]
    return [replace(c, title=translate("ImportPreviewDialog", c.title)) for c in columns]


class ImportPreviewDialog(QDialog):
    """What an import would create (with R2 on-time status and conflicts), then «Importer»."""

    def __init__(self, ctx: AppContext, data: bytes, first: date | None = None,
                 last: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._data = ctx, data
        self._window = (first, last) if first and last else default_window()
        self.result_value: ImportResult | None = None
        self.setWindowTitle(self.tr("Importer kalenderfil"))
        self.summary = QLabel(self.tr("Leser filen …"))
        self.summary.setWordWrap(True)
        self.rows = RowTableModel(_translated(PREVIEW_COLUMNS), self)
        self.skipped = RowTableModel(_translated(SKIPPED_COLUMNS), self)
        self.rows_view, self.skipped_view = QTableView(), QTableView()
        for view, model in ((self.rows_view, self.rows), (self.skipped_view, self.skipped)):
            view.setModel(model)
            view.horizontalHeader().setStretchLastSection(True)
            view.verticalHeader().setVisible(False)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.import_button: QPushButton = buttons.addButton(self.tr("Importer"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(False)
        buttons.accepted.connect(self._import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.first_edit, self.last_edit = _date_edit(self._window[0]), _date_edit(self._window[1])
        refresh = QPushButton(self.tr("Vis på nytt"))
        refresh.clicked.connect(self._change_window)
        window_row = QHBoxLayout()
        for widget in (QLabel(self.tr("Periode")), self.first_edit, QLabel("–"), self.last_edit, refresh):
            window_row.addWidget(widget)
        window_row.addStretch(1)
        layout.addLayout(window_row)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Blir bookingforespørsler:")))
        layout.addWidget(self.rows_view, 3)
        layout.addWidget(QLabel(self.tr("Hoppes over:")))
        layout.addWidget(self.skipped_view, 2)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self._preview()

    def _preview(self) -> None:
        ctx, data, (f, t) = self._ctx, self._data, self._window
        self.import_button.setEnabled(False)
        run_task(lambda: preview_import(ctx, data, f, t), self._show, self._failed)

    def _change_window(self) -> None:
        """Occurrences are read inside the window only, so a new window means a new preview."""
        self._window = (_pydate(self.first_edit.date()), _pydate(self.last_edit.date()))
        self.summary.setText(self.tr("Leser filen …"))
        self._preview()

    def _show(self, result: ImportResult) -> None:
        self.rows.set_rows(result.rows)
        self.skipped.set_rows(result.skipped)
        self.rows_view.resizeColumnsToContents()
        late = sum(1 for r in result.rows if not r.on_time)
        clashes = sum(1 for r in result.rows if r.conflicts)
        self.summary.setText(self.tr(
            "{occ} forekomster i perioden {first}–{last}: {req} blir forespørsler "
            "({late} for sent, {clash} med konflikt), {skip} hoppes over."
        ).format(occ=result.occurrences, first=format_date(self._window[0]),
                 last=format_date(self._window[1]), req=result.requests, late=late,
                 clash=clashes, skip=len(result.skipped)))
        self.problems.setText("\n".join(result.problems))
        self.import_button.setEnabled(result.requests > 0)

    def _failed(self, exc: Exception) -> None:
        self.summary.setText(str(getattr(exc, "message", exc)))
        self.import_button.setEnabled(False)
        show_error(self, exc, self.tr("Kan ikke lese kalenderfilen"))

    def _import(self) -> None:
        self.import_button.setEnabled(False)
        ctx, data, (f, t) = self._ctx, self._data, self._window
        run_task(lambda: import_ics(ctx, data, f, t), self._imported, self._import_failed)

    def _imported(self, result: ImportResult) -> None:
        self.result_value = result
        self.accept()

    def _import_failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        show_error(self, exc, self.tr("Importen ble ikke lagret"))


def open_import(parent: QWidget | None, ctx: AppContext) -> ImportResult | None:
    """Ask for a .ics file and show the preview; returns what was imported, if anything."""
    chosen, _ = QFileDialog.getOpenFileName(parent, translate("CalendarFiles", "Importer kalenderfil"), "",
                                            _ics_filter())
    if not chosen:
        return None
    try:
        data = read_file(chosen)
    except InvalidInput as exc:
        show_error(parent, exc)
        return None
    dialog = ImportPreviewDialog(ctx, data, parent=parent)
    dialog.exec()
    return dialog.result_value
