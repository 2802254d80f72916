"""One booking: its details and history note, and the superuser's actions on it.

The dialog never writes itself; it emits `actionRequested(name, args)` and the
page runs the service in the background, so a slow shared database cannot
freeze the window, and errors are shown in one place.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services.calendar_queries import CalendarMeta, CalendarRow
from helsestudio.services.errors import InvalidInput
from helsestudio.services.timeutil import format_time, oslo_date
from helsestudio.ui.calendar.painting import day_long, state_name
from helsestudio.ui.calendar.request_dialog import from_qt, oslo_edit
from helsestudio.ui.labels import format_datetime


class BookingDialog(QDialog):
    actionRequested = Signal(str, object)  # service name, positional args after booking id
    invitationRequested = Signal(int)  # booking id: save the .ics for the organiser

    def __init__(self, row: CalendarRow, meta: CalendarMeta, assistants: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("Booking #%1 – %2").replace("%1", str(row.id)).replace("%2", row.title))
        self.setMinimumWidth(520)
        category = meta.category(row.category)
        state = state_name(row.state)
        info = QFormLayout()
        heading = QLabel(f"<b>{row.title}</b>")
        info.addRow(heading)
        info.addRow(self.tr("Når"), QLabel(self.tr("{day} kl. {start}–{end}").format(
            day=day_long(oslo_date(row.start)), start=format_time(row.start), end=format_time(row.end))))
        info.addRow(self.tr("Kategori"), QLabel(
            f"<span style='color:{category.colour}'>■</span> {category.priority}. {category.name}"))
        status = QLabel(state + (f" – {row.state_reason}" if row.state_reason else ""))
        status.setWordWrap(True)
        info.addRow(self.tr("Status"), status)
        lead = self.tr("i tide") if row.on_time else self.tr("sen (kan ikke fortrenge, R2)")
        info.addRow(self.tr("Mottatt"), QLabel(f"{format_datetime(row.received_at)} – {lead}"))
        info.addRow(self.tr("Bestiller"), QLabel(", ".join(x for x in (row.organizer, row.organizer_unit) if x) or "–"))
        info.addRow(self.tr("Plattform"), QLabel(
            f"{meta.platforms.get(row.platform, row.platform)}"
            + (self.tr(", {n} deltakere").format(n=row.participants) if row.participants else "")))
        assist = self.tr("ikke ønsket") if not row.assist_requested else (
            row.assigned_to or self.tr("⚠ ønsket, ikke tildelt"))
        info.addRow(self.tr("Teknisk assistanse"), QLabel(assist))
        if row.notes:
            notes = QLabel(row.notes)
            notes.setWordWrap(True)
            info.addRow(self.tr("Merknad"), notes)

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Begrunnelse (kreves for å avslå eller avlyse)"))
        self.confirm_button = QPushButton(self.tr("Bekreft"))
        self.decline_button = QPushButton(self.tr("Avslå"))
        self.cancel_button = QPushButton(self.tr("Avlys"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        actions = QHBoxLayout()
        for button in (self.confirm_button, self.decline_button, self.cancel_button):
            actions.addWidget(button)
        state_box = QGroupBox(self.tr("Behandle"))
        state_layout = QVBoxLayout(state_box)
        state_layout.addWidget(self.reason)
        state_layout.addLayout(actions)

        self.assignee = QComboBox()
        self.assignee.addItems(assistants)
        if row.assigned_to in assistants:
            self.assignee.setCurrentText(row.assigned_to)
        self.assign_button = QPushButton(self.tr("Tildel assistanse"))
        assign_row = QHBoxLayout()
        assign_row.addWidget(self.assignee, 1)
        assign_row.addWidget(self.assign_button)

        self.start_edit = oslo_edit(row.start)
        self.end_edit = oslo_edit(row.end)
        self.move_button = QPushButton(self.tr("Flytt"))
        move_row = QHBoxLayout()
        move_row.addWidget(self.start_edit)
        move_row.addWidget(QLabel("–"))
        move_row.addWidget(self.end_edit)
        move_row.addWidget(self.move_button)
        # Title, participants and platform are saved together (edit_booking, R7 checked).
        self.title_edit = QLineEdit(row.title)
        self.participants_edit = QSpinBox()
        self.participants_edit.setRange(0, 100_000)
        self.participants_edit.setSpecialValueText("–")  # 0: not given
        self.participants_edit.setValue(row.participants or 0)
        self.platform_edit = QComboBox()
        for code, name in meta.platforms.items():
            self.platform_edit.addItem(name, code)
        self.platform_edit.setCurrentIndex(max(0, self.platform_edit.findData(row.platform)))
        self.save_button = QPushButton(self.tr("Lagre endringer"))
        details_row = QHBoxLayout()
        details_row.addWidget(self.participants_edit)
        details_row.addWidget(self.platform_edit, 1)
        details_row.addWidget(self.save_button)
        edit_box = QGroupBox(self.tr("Endre"))
        edit_layout = QFormLayout(edit_box)
        edit_layout.addRow(self.tr("Tittel"), self.title_edit)
        edit_layout.addRow(self.tr("Deltakere og plattform"), details_row)
        edit_layout.addRow(self.tr("Assistanse"), assign_row)
        edit_layout.addRow(self.tr("Ny tid"), move_row)

        # Outlook needs the calendar file to add (or, after a cancellation or
        # displacement, remove) the event; a request has nothing to send yet.
        self.invite_button = QPushButton(self.tr("Send kalenderfil til bestiller …"))
        self.invite_button.setEnabled(row.state != "forespurt")
        self.invite_button.setToolTip(self.tr(
            "Lagrer en .ics-fil (bekreftelse eller avlysning) og åpner e-postprogrammet"))
        close = QPushButton(self.tr("Lukk"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.invite_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(info)
        layout.addWidget(state_box)
        layout.addWidget(edit_box)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.confirm_button.clicked.connect(lambda: self._request("confirm_booking"))
        self.decline_button.clicked.connect(lambda: self._request("decline_booking", self._reason()))
        self.cancel_button.clicked.connect(lambda: self._request("cancel_booking", self._reason()))
        self.assign_button.clicked.connect(lambda: self._request("assign_assistance", self.assignee.currentText()))
        self.move_button.clicked.connect(self._move)
        self.save_button.clicked.connect(self._save_details)
        self.invite_button.clicked.connect(lambda: self.invitationRequested.emit(row.id))
        self._enable()

    def _enable(self) -> None:
        """Only actions that make sense for the booking's state."""
        state = self.row.state
        allowed = {
            self.confirm_button: state == "forespurt",
            self.decline_button: state == "forespurt",
            self.cancel_button: state in ("forespurt", "bekreftet", "fortrengt"),
            self.assign_button: state in ("forespurt", "bekreftet") and self.assignee.count() > 0,
            self.move_button: state in ("forespurt", "bekreftet", "fortrengt"),
            self.save_button: state in ("forespurt", "bekreftet", "fortrengt"),
        }
        for button, sensible in allowed.items():
            button.setEnabled(sensible)

    def _reason(self) -> str | None:
        text = self.reason.text().strip()
        if not text:
            self.message.setText(self.tr("Skriv en begrunnelse først: den lagres og vises for bestilleren."))
            self.reason.setFocus()
            return None
        return text

    def _request(self, name: str, *args: object) -> None:
        if any(a is None for a in args):
            return
        self.message.setText("")
        self.actionRequested.emit(name, list(args))

    def _move(self) -> None:
        try:
            start, end = from_qt(self.start_edit.dateTime()), from_qt(self.end_edit.dateTime())
        except InvalidInput as exc:
            self.message.setText(exc.message)
            return
        if end <= start:
            self.message.setText(self.tr("Slutt må være etter start."))
            return
        self._request("move_booking", start, end)

    def _save_details(self) -> None:
        """Send only what was changed (None for the rest), so a colleague's other edits stand."""
        title = self.title_edit.text().strip()
        participants = self.participants_edit.value()
        platform = self.platform_edit.currentData()
        changes = (title if title != self.row.title else None,
                   participants if participants != (self.row.participants or 0) else None,
                   platform if platform != self.row.platform else None)
        if not title:
            self.message.setText(self.tr("Bookingen må ha en tittel."))
        elif changes == (None, None, None):
            self.message.setText(self.tr("Ingen endringer å lagre."))
        else:
            self.message.setText("")
            self.actionRequested.emit("edit_booking", list(changes))

    def show_error(self, text: str) -> None:
        self.message.setText(text)

