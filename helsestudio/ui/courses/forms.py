"""Forms that validate as you type and say in Norwegian what is wrong: course type (C1),
person, new session (C4 and capacity are checked when it is saved).

A form given `save_with` saves from inside itself and closes only when the save
worked, so a refusal or a shared database that is away loses nothing typed (issue 7).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from helsestudio.services import course_types, course_validation
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import ACTIVITY_TYPES, SessionInfo, SessionInput
from helsestudio.services.course_types import CourseTypeInput, CourseTypeRow
from helsestudio.services.errors import ConcurrentEdit, DatabaseUnavailable
from helsestudio.services.people import PersonRow
from helsestudio.services.timeutil import OSLO, localize
from helsestudio.ui import tasks
from helsestudio.ui.conflict_dialog import Choice, ConflictBox
from helsestudio.ui.connection_monitor import unsaved_kept_text
from helsestudio.ui.courses.pickers import (
    PersonPickerDialog,
    buttons,
    date_edit,
    error_label,
    to_date,
)
from helsestudio.ui.messages import describe

V = TypeVar("V")


class ValidatingDialog(QDialog):
    """A form whose OK button is enabled only when every check passes; the first problem is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.error = error_label()
        self._checks: list[Callable[[], str]] = []
        self.box: QDialogButtonBox | None = None
        self._save: tuple[Callable[[], Any], Callable[[Any], Any]] | None = None
        self.saving = False
        self.save_note = ""  # why the last save did not work, until the next try
        self.saved: Any = None  # what the save returned
        self.version: int | None = None  # the stored object's version the form was filled from
        self._reload: Callable[[], None] | None = None
        self.conflict: ConflictBox | None = None  # open while the user chooses (issue 7)

    def finish(self, ok_text: str) -> None:
        self.form.addRow(self.error)
        self.box = buttons(self, ok_text)
        self.form.addRow(self.box)
        self.validate()

    def check(self, fn: Callable[[], object]) -> None:
        self._checks.append(lambda: course_validation.problem(fn))

    def check_message(self, fn: Callable[[], str]) -> None:
        self._checks.append(fn)

    def validate(self) -> bool:
        problems = [p for p in (c() for c in self._checks) if p]
        self.error.setText(problems[0] if problems else self.save_note)
        if self.box is not None:
            self.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems and not self.saving)
        return not problems

    def save_with(self, read: Callable[[], V], write: Callable[[V], object], *,
                  version: int | None = None, reload: Callable[[], None] | None = None) -> None:
        """OK saves: `read()` takes the values (GUI thread), `write(values)` stores them in the
        background; the form closes only when that worked, with its result in `saved`.

        For a change to a stored object, `write` sends `self.version` (start: `version`). When
        another PC saved the object meanwhile, the service refuses (ConcurrentEdit) and the
        user chooses in a ConflictBox (issue 7): «Overskriv» saves again over the newer version,
        «Last inn på nytt» closes the form and calls `reload` to show what is stored now,
        «Avbryt» leaves the form open with what was typed.
        """
        self._save = (read, write)
        self.version = version
        self._reload = reload

    def accept(self) -> None:
        if self._save is None:
            super().accept()
            return
        if self.saving or not self.validate():
            return
        read, write = self._save
        values = read()
        self.saving, self.save_note = True, ""
        self.validate()
        tasks.run_task(lambda: write(values), self._saved, self._save_failed)

    def _saved(self, result: object) -> None:
        self.saving, self.saved = False, result
        QDialog.accept(self)

    def _save_failed(self, exc: Exception) -> None:
        """Keep every value; say why; OK works again (when the database is back)."""
        self.saving = False
        self.save_note = unsaved_kept_text() if isinstance(exc, DatabaseUnavailable) else describe(exc)
        self.validate()
        if isinstance(exc, ConcurrentEdit) and self.version is not None:
            self._ask_about_conflict(exc)

    def _ask_about_conflict(self, exc: ConcurrentEdit) -> None:
        box = ConflictBox(describe(exc), self)
        if exc.current_version is None:  # nothing known to overwrite: reload or cancel only
            box.overwrite_button.hide()
        box.chosen.connect(lambda choice: self._conflict_chosen(Choice(choice), exc.current_version))
        self.conflict = box
        box.open()  # window-modal: the event loop runs on (and tests can press its buttons)

    def _conflict_chosen(self, choice: Choice, current_version: int | None) -> None:
        self.conflict = None
        if choice is Choice.OVERWRITE and current_version is not None:
            self.version = current_version
            self.save_note = ""
            self.accept()
        elif choice is Choice.RELOAD:
            self.reject()
            if self._reload is not None:
                self._reload()


class CourseTypeDialog(ValidatingDialog):
    def __init__(self, existing: list[CourseTypeRow], row: CourseTypeRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("Endre kurstype") if row else self.tr("Ny kurstype"))
        self.resize(560, 560)
        self.code = QLineEdit(row.code if row else "")
        self.code.setPlaceholderText("NODNETT-BRUKER")
        self.name = QLineEdit(row.name if row else "")
        self.description = QPlainTextEdit(row.description if row else "")
        self.description.setFixedHeight(60)
        self.outcomes = QPlainTextEdit("\n".join(row.outcomes) if row else "")
        self.outcomes.setPlaceholderText(self.tr("Ett læringsutbytte per linje (skrives på kursbeviset)"))
        self.elearning = QCheckBox(self.tr("E-læring (forkurs)"))
        self.attendance = QCheckBox(self.tr("Oppmøte"))
        self.assessment = QCheckBox(self.tr("Praktisk vurdering"))
        requires = set(row.requires) if row else {"attendance"}
        for box, key in ((self.elearning, "elearning"), (self.attendance, "attendance"),
                         (self.assessment, "assessment")):
            box.setChecked(key in requires)
        components = QHBoxLayout()
        for box in (self.elearning, self.attendance, self.assessment):
            components.addWidget(box)
        self.validity = QSpinBox()
        self.validity.setRange(0, 600)
        self.validity.setSpecialValueText(self.tr("uten utløp"))
        self.validity.setSuffix(self.tr(" måneder"))
        self.validity.setValue(row.validity_months or 0 if row else 0)
        self.qualification = QComboBox()
        self.qualification.addItem(self.tr("(ingen krav)"), None)
        for other in existing:
            if row is None or other.id != row.id:
                self.qualification.addItem(f"{other.name} ({other.code})", other.code)
        if row and row.instructor_qualification:
            self.qualification.setCurrentIndex(self.qualification.findData(row.instructor_qualification))
        self.equipment = QLineEdit(", ".join(row.equipment) if row else "")
        self.equipment.setPlaceholderText(self.tr("f.eks. Sepura STP9000, Motorola MTP6650"))

        self.form.addRow(self.tr("Kode:"), self.code)
        self.form.addRow(self.tr("Navn:"), self.name)
        self.form.addRow(self.tr("Beskrivelse:"), self.description)
        self.form.addRow(self.tr("Læringsutbytte:"), self.outcomes)
        self.form.addRow(self.tr("Krever:"), components)
        self.form.addRow(self.tr("Gyldighet:"), self.validity)
        self.form.addRow(self.tr("Instruktør må ha:"), self.qualification)
        self.form.addRow(self.tr("Utstyrstyper:"), self.equipment)
        taken = {o.code for o in existing if row is None or o.id != row.id}
        self.check(lambda: course_validation.code(self.code.text()))
        self.check_message(lambda: self.tr("Koden er allerede brukt av en annen kurstype")
                           if self.code.text().strip().upper() in taken else "")
        self.check(lambda: course_validation.text("Navnet", self.name.text(), required=True))
        self.check(lambda: course_validation.long_text("Beskrivelsen", self.description.toPlainText()))
        self.check(lambda: course_validation.long_text("Læringsutbyttet", self.outcomes.toPlainText()))
        self.check_message(lambda: "" if self.data().requires else self.tr(
            "Velg minst én komponent: e-læring, oppmøte eller praktisk vurdering"))
        for widget in (self.code, self.name, self.equipment):
            widget.textChanged.connect(self.validate)
        for edit in (self.description, self.outcomes):
            edit.textChanged.connect(self.validate)
        for box in (self.elearning, self.attendance, self.assessment):
            box.toggled.connect(self.validate)
        self.finish(self.tr("Lagre"))

    def data(self) -> CourseTypeInput:
        requires = tuple(k for box, k in ((self.elearning, "elearning"),
                                          (self.attendance, "attendance"),
                                          (self.assessment, "assessment")) if box.isChecked())
        return CourseTypeInput(
            code=self.code.text(), name=self.name.text(), requires=requires,
            description=self.description.toPlainText(), outcomes=self.outcomes.toPlainText(),
            validity_months=self.validity.value() or None,
            instructor_qualification=self.qualification.currentData(),
            equipment=course_types.parse_list(self.equipment.text()))


class PersonDialog(ValidatingDialog):
    def __init__(self, row: PersonRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("Endre person") if row else self.tr("Ny person"))
        self.setMinimumWidth(460)
        self.name = QLineEdit(row.name if row else "")
        self.email = QLineEdit(row.email if row else "")
        self.unit = QLineEdit(row.unit if row else "")
        self.unit.setPlaceholderText(self.tr("f.eks. Helse Bergen > Akuttmottaket"))
        self.hpr = QLineEdit(row.hpr or "" if row else "")
        self.hpr.setPlaceholderText(self.tr("7–9 sifre (valgfritt). Aldri fødselsnummer."))
        self.form.addRow(self.tr("Navn:"), self.name)
        self.form.addRow(self.tr("E-post:"), self.email)
        self.form.addRow(self.tr("Enhet:"), self.unit)
        self.form.addRow(self.tr("HPR-nummer:"), self.hpr)
        self.check(lambda: course_validation.person_name(self.name.text()))
        self.check(lambda: course_validation.email(self.email.text()))
        self.check(lambda: course_validation.text("Enheten", self.unit.text()))
        self.check(lambda: course_validation.hpr(self.hpr.text()))
        for widget in (self.name, self.email, self.unit, self.hpr):
            widget.textChanged.connect(self.validate)
        self.finish(self.tr("Lagre"))

    def values(self) -> tuple[str, str, str, str]:
        """Name, e-mail, unit, HPR number: the arguments of add_person/update_person."""
        return self.name.text(), self.email.text(), self.unit.text(), self.hpr.text()


def _qdatetime(value: datetime) -> QDateTime:
    local = value.astimezone(OSLO)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def _aware(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return localize(datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()))


class SessionDialog(ValidatingDialog):
    """A new session, or (with `existing`) a change to one; C4 is checked when it is saved."""

    def __init__(self, ctx: AppContext, types: list[CourseTypeRow], start: datetime,
                 parent: QWidget | None = None, existing: SessionInfo | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("Endre kurs") if existing else self.tr("Nytt kurs"))
        self.resize(520, 420)
        self.course_type = QComboBox()
        for t in types:
            self.course_type.addItem(f"{t.name} ({t.code})", t.code)
        begin = existing.start if existing else start
        self.start = QDateTimeEdit(_qdatetime(begin))
        self.end = QDateTimeEdit(_qdatetime(existing.end) if existing
                                 else _qdatetime(begin).addSecs(6 * 3600))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.instructors: list[tuple[int, str]] = list(existing.instructors) if existing else []
        self.instructor_edit = QLineEdit()
        self.instructor_edit.setReadOnly(True)
        choose = QPushButton(self.tr("Legg til …"))
        choose.clicked.connect(self._choose_instructor)
        clear = QPushButton(self.tr("Tøm"))
        clear.clicked.connect(self._clear_instructors)
        row = QHBoxLayout()
        row.addWidget(self.instructor_edit, 1)
        row.addWidget(choose)
        row.addWidget(clear)
        self.place = QLineEdit(existing.place if existing else "Studio 2037")
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 500)
        self.capacity.setSpecialValueText(self.tr("ubegrenset"))
        self.capacity.setValue(existing.capacity or 0 if existing else 0)
        self.activity = QComboBox()
        for key, label in ACTIVITY_TYPES.items():
            self.activity.addItem(label, key)
        self.region = QLineEdit(existing.region if existing else "Helse Bergen")
        if existing:
            self.course_type.setCurrentIndex(max(self.course_type.findData(existing.course_type), 0))
            self.activity.setCurrentIndex(max(self.activity.findData(existing.activity_type), 0))
        self._show_instructors()
        self.form.addRow(self.tr("Kurstype:"), self.course_type)
        self.form.addRow(self.tr("Start:"), self.start)
        self.form.addRow(self.tr("Slutt:"), self.end)
        self.form.addRow(self.tr("Instruktør:"), row)
        self.form.addRow(self.tr("Sted:"), self.place)
        self.form.addRow(self.tr("Kapasitet:"), self.capacity)
        self.form.addRow(self.tr("Aktivitetstype:"), self.activity)
        self.form.addRow(self.tr("Region/HF:"), self.region)
        self.check_message(lambda: "" if self.course_type.count() else self.tr(
            "Det finnes ingen kurstyper ennå: opprett en kurstype først"))
        # 02:30 on the last Sunday of March does not exist in Oslo: say so here, not as an
        # exception when OK is pressed.
        self.check(lambda: _aware(self.start.dateTime()))
        self.check(lambda: _aware(self.end.dateTime()))
        self.check_message(lambda: "" if self.end.dateTime() > self.start.dateTime() else self.tr(
            "Slutt må være etter start"))
        self.check_message(lambda: "" if self.instructors else self.tr("Velg minst én instruktør"))
        self.check(lambda: course_validation.text("Stedet", self.place.text()))
        self.check(lambda: course_validation.text("Region/HF", self.region.text(), max_len=100))
        self.start.dateTimeChanged.connect(self._start_moved)
        self.end.dateTimeChanged.connect(self.validate)
        self.place.textChanged.connect(self.validate)
        self.region.textChanged.connect(self.validate)
        self.finish(self.tr("Lagre endringene") if existing else self.tr("Opprett kurs"))

    def _start_moved(self) -> None:
        if self.end.dateTime() <= self.start.dateTime():
            self.end.setDateTime(self.start.dateTime().addSecs(3 * 3600))
        self.validate()

    def _show_instructors(self) -> None:
        self.instructor_edit.setText(", ".join(name for _, name in self.instructors))

    def add_instructor(self, person_id: int, name: str) -> None:
        if person_id not in {pid for pid, _ in self.instructors}:
            self.instructors.append((person_id, name))
        self._show_instructors()
        self.validate()

    def _clear_instructors(self) -> None:
        self.instructors = []
        self._show_instructors()
        self.validate()

    def _choose_instructor(self) -> None:
        dialog = PersonPickerDialog(self._ctx, self.tr("Velg instruktør"), parent=self)
        picked = dialog.picker.selected() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if picked is not None:
            self.add_instructor(picked.id, picked.name)

    def data(self) -> SessionInput:
        return SessionInput(
            course_type=self.course_type.currentData(), start=_aware(self.start.dateTime()),
            end=_aware(self.end.dateTime()), instructors=tuple(pid for pid, _ in self.instructors),
            place=self.place.text(), capacity=self.capacity.value() or None,
            activity_type=self.activity.currentData(), region=self.region.text())


class QualificationDialog(ValidatingDialog):
    """Record a qualification obtained elsewhere (C4: how the first instructors get in)."""

    def __init__(self, person: PersonRow, types: list[CourseTypeRow], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kvalifikasjon for ") + person.name)
        self.course_type = QComboBox()
        for t in types:
            self.course_type.addItem(f"{t.name} ({t.code})", t.code)
        self.issued = date_edit(today)
        self.has_until = QCheckBox(self.tr("Gyldig til:"))
        self.valid_until = date_edit(today)
        self.valid_until.setEnabled(False)
        self.has_until.toggled.connect(self.valid_until.setEnabled)
        until_row = QHBoxLayout()
        until_row.addWidget(self.has_until)
        until_row.addWidget(self.valid_until, 1)
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText(self.tr("f.eks. Nasjonalt instruktørkurs (DSB)"))
        self.form.addRow(self.tr("Kurstype:"), self.course_type)
        self.form.addRow(self.tr("Utstedt:"), self.issued)
        self.form.addRow(self.tr("Utløp:"), until_row)
        self.form.addRow(self.tr("Utsteder:"), self.issuer)
        self.check_message(lambda: "" if self.course_type.count() else self.tr(
            "Det finnes ingen kurstyper ennå"))
        self.check(lambda: course_validation.text("Utsteder", self.issuer.text(), required=True))
        self.check_message(lambda: self.tr("Gyldig til kan ikke være før utstedelsesdatoen")
                           if self.has_until.isChecked()
                           and self.valid_until.date() < self.issued.date() else "")
        self.issuer.textChanged.connect(self.validate)
        self.has_until.toggled.connect(self.validate)
        self.issued.dateChanged.connect(self.validate)
        self.valid_until.dateChanged.connect(self.validate)
        self.finish(self.tr("Registrer"))

    def values(self) -> tuple[str, date, date | None, str]:
        until = to_date(self.valid_until.date()) if self.has_until.isChecked() else None
        return (self.course_type.currentData(), to_date(self.issued.date()), until,
                self.issuer.text())
