"""Small dialogs used on the session page: pick a person (search as you type), record
e-learning evidence, record an assessment result."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import people
from helsestudio.services.app import AppContext
from helsestudio.services.people import PersonRow
from helsestudio.ui import tasks
from helsestudio.ui.messages import describe
from helsestudio.ui.table_model import Column, RowTableModel


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(initial: date) -> QDateEdit:
    edit = QDateEdit(QDate(initial.year, initial.month, initial.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


class ErrorLabel(QLabel):
    """A red message line that takes no room while there is nothing to say."""

    def __init__(self) -> None:
        super().__init__("")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))


def error_label() -> ErrorLabel:
    return ErrorLabel()


def buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("Dialogs", "Avbryt"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class PersonPicker(QWidget):
    """Search-as-you-type over people; `selected()` is the chosen row."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Søk på navn, e-post eller HPR …"))
        self.model: RowTableModel[PersonRow] = RowTableModel([
            Column(self.tr("Navn"), lambda p: p.name),
            Column(self.tr("E-post"), lambda p: p.email),
            Column(self.tr("Enhet"), lambda p: p.unit),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.search.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        query = self.search.text()
        tasks.run_task(lambda: people.search_people(self._ctx, query, 100), self._show,
                       lambda exc: self.error.setText(describe(exc)))

    def _show(self, rows: list[PersonRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)

    def selected(self) -> PersonRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None


class PersonPickerDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, equipment: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 420)
        self.picker = PersonPicker(ctx, self)
        self.equipment = QComboBox()
        self.equipment.addItem(self.tr("(ikke oppgitt)"), None)
        for item in equipment or []:
            self.equipment.addItem(item, item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        if equipment:
            form = QFormLayout()
            form.addRow(self.tr("Utstyr (C3):"), self.equipment)
            layout.addLayout(form)
        layout.addWidget(buttons(self, self.tr("Velg")))
        self.picker.table.doubleClicked.connect(self.accept)

    def chosen_equipment(self) -> str | None:
        return self.equipment.currentData()


class ElearningDialog(QDialog):
    """C2: e-learning is documented by its completion date and the LMS certificate number."""

    def __init__(self, name: str, initial: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("E-læring for ") + name)
        self.date = date_edit(initial)
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(self.tr("Kursbevisnummer fra læringsportalen"))
        self.error = error_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Fullført dato:"), self.date)
        form.addRow(self.tr("Kursbevisnummer:"), self.evidence)
        form.addRow(self.error)
        self.box = buttons(self, self.tr("Registrer"))
        form.addRow(self.box)
        self.evidence.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        ok = bool(self.evidence.text().strip())
        self.error.setText("" if ok else self.tr("Skriv inn kursbevisnummeret fra læringsportalen."))
        self.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class AssessmentDialog(QDialog):
    def __init__(self, name: str, days: list[date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Praktisk vurdering for ") + name)
        self.result = QComboBox()
        self.result.addItem(self.tr("Bestått"), True)
        self.result.addItem(self.tr("Ikke bestått"), False)
        self.date = date_edit(days[-1])
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Merknad (valgfritt)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Resultat:"), self.result)
        form.addRow(self.tr("Dato:"), self.date)
        form.addRow(self.tr("Merknad:"), self.note)
        form.addRow(buttons(self, self.tr("Registrer")))
        self.result.setFocus(Qt.FocusReason.OtherFocusReason)
