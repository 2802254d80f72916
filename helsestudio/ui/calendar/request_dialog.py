"""«Ny forespørsel»: the request form opened from a selected time range.

Checks run as the user types (title, times, opening hours and closed days
(R9), platform capacity (R7), lead time (R2)); the service checks everything
again when the request is saved, so this is guidance, not the rule.

With a `send` function the form stays open while the request is saved and
closes only when that worked: if the shared database is away, nothing typed
is lost and «Send forespørsel» can be pressed again (issue 7).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time
from typing import Any

from PySide6.QtCore import QDateTime, QTimer, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services.bookings_rules import is_on_time, lead_deadline
from helsestudio.services.calendar_days import holiday_name, is_closed_day
from helsestudio.services.calendar_queries import CalendarMeta
from helsestudio.services.errors import DatabaseUnavailable, InvalidInput
from helsestudio.services.timeutil import OSLO, localize, to_oslo
from helsestudio.ui.connection_monitor import unsaved_kept_text
from helsestudio.ui.labels import format_date
from helsestudio.ui.messages import describe
from helsestudio.ui.tasks import run_task

_OSLO_QT = QTimeZone(b"Europe/Oslo")
CHECK_DELAY_MS = 300


def to_qt(value: datetime) -> QDateTime:
    local = to_oslo(value)
    return QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0, 0, _OSLO_QT)


def from_qt(value: QDateTime) -> datetime:
    """Oslo wall-clock from the editor; refuses the hour skipped at the DST change."""
    d, t = value.date(), value.time()
    return localize(datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()))


def oslo_edit(value: datetime) -> QDateTimeEdit:
    """A date-time editor in Oslo wall-clock time, whatever the PC's own time zone is."""
    edit = QDateTimeEdit()
    edit.setTimeZone(_OSLO_QT)
    edit.setDateTime(to_qt(value))
    edit.setDisplayFormat("dd.MM.yyyy HH:mm")
    edit.setCalendarPopup(True)
    return edit


def _clock(raw: str) -> time:
    hh, mm = raw.split(":")
    return time(int(hh), int(mm))


class RequestDialog(QDialog):
    def __init__(self, meta: CalendarMeta, start: datetime, end: datetime,
                 now: datetime | None = None, parent: QWidget | None = None,
                 check: Callable[[dict[str, Any]], None] | None = None,
                 send: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(parent)
        self.meta = meta
        self._send = send
        self.sending = False
        # Set when the database did not answer (a check or a save); it warns, it does not block.
        self.offline_note = ""
        # The booking service's own check (R7, R9, closures), run in the background a
        # moment after the user stops typing; its refusal blocks sending like a local error.
        self._check = check
        self.server_error = ""
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.run_service_check)
        self._now = now or datetime.now(UTC)
        self.setWindowTitle(self.tr("Ny forespørsel – Studio 2037"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("F.eks. RegUt: Akuttmedisin for LIS1"))
        self.category = QComboBox()
        for cat in meta.categories:
            self.category.addItem(f"{cat.priority}. {cat.name}", cat.code)
        self.start_edit = oslo_edit(start)
        self.end_edit = oslo_edit(end)
        self.participants = QSpinBox()
        self.participants.setRange(0, 100000)
        self.participants.setSpecialValueText(self.tr("ikke oppgitt"))
        self.platform = QComboBox()
        for code, name in meta.platforms.items():
            cap = meta.capacities.get(code)
            limit = self.tr("ubegrenset") if cap is None else self.tr("maks %1").replace("%1", str(cap))
            self.platform.addItem(f"{name} ({limit})", code)
        self.assist = QCheckBox(self.tr("Ønsker teknisk assistanse"))
        self.organizer = QLineEdit()
        self.unit = QLineEdit()
        self.contact = QLineEdit()
        self.received = oslo_edit(self._now)
        self.received.setToolTip(self.tr("Når forespørselen kom inn (f.eks. e-postens dato); avgjør om den er i tide (R2)"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.lead = QLabel()
        self.lead.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Tittel"), self.title_edit)
        form.addRow(self.tr("Kategori"), self.category)
        form.addRow(self.tr("Start"), self.start_edit)
        form.addRow(self.tr("Slutt"), self.end_edit)
        form.addRow(self.tr("Deltakere"), self.participants)
        form.addRow(self.tr("Plattform"), self.platform)
        form.addRow("", self.assist)
        form.addRow(self.tr("Bestiller"), self.organizer)
        form.addRow(self.tr("Enhet"), self.unit)
        form.addRow(self.tr("Kontakt"), self.contact)
        form.addRow(self.tr("Mottatt"), self.received)
        form.addRow(self.tr("Merknad"), self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send forespørsel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lead)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for signal in (self.title_edit.textChanged, self.category.currentIndexChanged,
                       self.start_edit.dateTimeChanged, self.end_edit.dateTimeChanged,
                       self.participants.valueChanged, self.platform.currentIndexChanged,
                       self.received.dateTimeChanged):
            signal.connect(self._changed)
        self._changed()

    def problems(self) -> tuple[list[str], list[str]]:
        """(errors that block sending, warnings the superuser should see) in Norwegian."""
        errors: list[str] = []
        warnings: list[str] = []
        if not self.title_edit.text().strip():
            errors.append(self.tr("Skriv en tittel."))
        try:
            start, end = from_qt(self.start_edit.dateTime()), from_qt(self.end_edit.dateTime())
        except InvalidInput as exc:
            return errors + [exc.message], warnings
        if end <= start:
            errors.append(self.tr("Slutt må være etter start."))
            return errors, warnings
        day = to_oslo(start).date()
        if is_closed_day(day):
            why = holiday_name(day) or self.tr("helg")
            warnings.append(self.tr("{date} er stengt ({why}); bare faglig leder kan overstyre (R9).").format(
                date=format_date(day), why=why))
        opening = (_clock(self.meta.opening[0]), _clock(self.meta.opening[1]))
        if to_oslo(start).time() < opening[0] or to_oslo(end).time() > opening[1] or to_oslo(end).date() != day:
            warnings.append(self.tr("Utenfor åpningstiden {opens}–{closes} (R9).").format(
                opens=self.meta.opening[0], closes=self.meta.opening[1]))
        code = self.platform.currentData()
        cap = self.meta.capacities.get(code)
        wanted = self.participants.value()
        if cap is not None and wanted > cap:
            fits = [self.meta.platforms[c] for c, k in self.meta.capacities.items()
                    if c != "ingen" and (k is None or k >= wanted)]
            hint = " " + self.tr("Velg {platform}.").format(platform=fits[0]) if fits else ""
            errors.append(self.tr("{platform} tar maks {cap} deltakere (R7).").format(
                platform=self.meta.platforms.get(code, code), cap=cap) + hint)
        received = from_qt(self.received.dateTime())
        deadline = lead_deadline(start)
        if is_on_time(received, start):
            self.lead.setText(self.tr("I tide: mottatt innen fristen {date} (R2).").format(
                date=format_date(deadline)))
            self.lead.setStyleSheet("color: #1b6e20;")
        else:
            self.lead.setText(self.tr("Sen forespørsel: fristen var {date}. Den kan bare få "
                                      "ledig tid og fortrenger ingen (R2).").format(date=format_date(deadline)))
            self.lead.setStyleSheet("color: #8a4b00;")
        return errors, warnings

    def _changed(self) -> None:
        self.server_error = ""
        if self.validate() and self._check is not None:
            self._check_timer.start()

    def run_service_check(self) -> None:
        if self._check is None:
            return
        try:
            values = self.values()
        except InvalidInput:
            return
        check = self._check

        def done(_result: object, checked: dict[str, Any] = values) -> None:
            self.offline_note = ""  # the database answered: it is back
            if self._still(checked):
                self.server_error = ""
            self.validate()

        def failed(exc: Exception, checked: dict[str, Any] = values) -> None:
            if isinstance(exc, DatabaseUnavailable):
                # Not a refusal: the form must stay sendable for when the database is back.
                self.offline_note = self.offline_note or describe(exc)
                self.validate()
            elif self._still(checked):
                rule = getattr(exc, "rule", None)
                self.server_error = (f"{rule}: " if rule else "") + describe(exc)
                self.validate()

        run_task(lambda: check(values), done, failed)

    def _still(self, checked: dict[str, Any]) -> bool:
        """The answer is for what the form shows now (the user may have typed on)."""
        try:
            return self.values() == checked
        except InvalidInput:
            return False

    def validate(self) -> bool:
        errors, warnings = self.problems()
        if self.server_error:
            errors.append(self.server_error)
        if self.offline_note:
            warnings.append(self.offline_note)
        lines = [f"✖ {e}" for e in errors] + [f"⚠ {w}" for w in warnings]
        self.message.setText("\n".join(lines))
        self.message.setStyleSheet("color: #b00020;" if errors else "color: #8a4b00;")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors and not self.sending)
        return not errors

    # --- sending (issue 7: the form is kept until the save has worked) -------------------
    def accept(self) -> None:
        if self._send is None:
            super().accept()
            return
        if self.sending or not self.validate():
            return
        values = self.values()
        self.sending = True
        self.validate()
        self._send(values)

    def sent(self) -> None:
        """The request is saved: now the form may close."""
        self.sending = False
        self.offline_note = ""
        super().accept()

    def send_failed(self, exc: Exception) -> None:
        """Keep every value; say why, and let the user send again."""
        self.sending = False
        if isinstance(exc, DatabaseUnavailable):
            self.offline_note = unsaved_kept_text()
        else:
            rule = getattr(exc, "rule", None)
            text = describe(exc)
            self.server_error = text if not rule or text.startswith(rule) else f"{rule}: {text}"
        self.validate()

    def values(self) -> dict[str, Any]:
        """The form as BookingRequest keyword arguments."""
        return {
            "title": self.title_edit.text().strip(),
            "category": self.category.currentData(),
            "start": from_qt(self.start_edit.dateTime()),
            "end": from_qt(self.end_edit.dateTime()),
            "participants": self.participants.value() or None,
            "platform": self.platform.currentData(),
            "assist": self.assist.isChecked(),
            "organizer_name": self.organizer.text().strip(),
            "organizer_unit": self.unit.text().strip(),
            "organizer_contact": self.contact.text().strip(),
            "notes": self.notes.toPlainText().strip(),
            "received_at": from_qt(self.received.dateTime()).astimezone(OSLO),
        }
