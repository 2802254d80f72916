"""People: search as you type, and a person page with all their courses, qualifications
and statuses (C5) today."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import course_types, people, person_view, qualifications
from helsestudio.services.app import AppContext
from helsestudio.services.course_types import CourseTypeRow
from helsestudio.services.credentials import STATUS_NB
from helsestudio.services.people import PersonRow
from helsestudio.services.person_view import PersonDetail
from helsestudio.services.timeutil import oslo_date
from helsestudio.ui import tasks
from helsestudio.ui.courses.forms import PersonDialog, QualificationDialog
from helsestudio.ui.courses.pickers import error_label
from helsestudio.ui.labels import format_date, label
from helsestudio.ui.messages import describe
from helsestudio.ui.table_model import Column, RowTableModel

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
STATUS_COLOUR = {"valid": "#1b7f3b", "expiring": "#b36b00", "expired": "#b00020", "missing": "#6b6b6b"}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def person_html(d: PersonDetail) -> str:
    p = d.person
    lines = [f"<h2>{_esc(p.name)}</h2>",
             "<p>" + " · ".join(_esc(x) for x in (p.email, p.unit, f"HPR {p.hpr}" if p.hpr else "") if x)
             + "</p>", "<h3>" + translate("PeopleView", "Status per {date}").format(date=format_date(d.on)) + "</h3>"]
    if not d.statuses:
        lines.append("<p>" + translate("PeopleView", "Ingen kurs eller kvalifikasjoner registrert.") + "</p>")
    for s in d.statuses:
        colour = STATUS_COLOUR[s.status]
        extra = ""
        if s.credential is not None:
            until = (translate("PeopleView", "gyldig til {date}").format(date=format_date(s.credential.valid_until))
                     if s.credential.valid_until else translate("PeopleView", "uten utløp"))
            extra = f" – {_esc(s.credential.kind)} {_esc(s.credential.ref)}, {until}"
        lines.append(f"<p><b>{_esc(s.course_name)}</b>: <span style='color:{colour}'>"
                     f"{label(STATUS_NB[s.status])}</span>{extra}</p>")
    held = [(s.course_name, c) for s in d.statuses for c in s.held]
    if held:
        lines.append("<h3>" + translate("PeopleView", "Kvalifikasjoner og kursbevis") + "</h3>")
    for course_name, c in held:
        until = (translate("PeopleView", "gyldig til {date}").format(date=format_date(c.valid_until))
                 if c.valid_until else translate("PeopleView", "uten utløp"))
        kind = translate("PeopleView", "kursbevis") if c.kind == "kursbevis" else translate("PeopleView", "fra")
        lines.append(f"<p>{_esc(course_name)}: {kind} {_esc(c.ref)}, "
                     + translate("PeopleView", "utstedt {date}").format(date=format_date(c.issued_on))
                     + f", {until}</p>")
    lines.append("<h3>" + translate("PeopleView", "Kurs") + "</h3>")
    if not d.courses:
        lines.append("<p>" + translate("PeopleView", "Ikke påmeldt noen kurs.") + "</p>")
    for c in d.courses:
        state = translate("PeopleView", "fullført") if c.eligible else \
            translate("PeopleView", "mangler: ") + "; ".join(c.reasons)
        lines.append(f"<p>{format_date(oslo_date(c.start))}: <b>{_esc(c.course_name)}</b> – "
                     f"{_esc(state)}</p>")
    if d.instructs:
        lines.append("<p>" + translate("PeopleView", "Instruktør på {n} kurs.").format(n=len(d.instructs)) + "</p>")
    return "\n".join(lines)


class PeopleView(QWidget):
    person_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Søk på navn, e-post eller HPR (å/á/ŋ trengs ikke) …"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("Ny person …"))
        self.edit_button = QPushButton(self.tr("Endre …"))
        self.qualification_button = QPushButton(self.tr("Registrer kvalifikasjon …"))
        self.qualification_button.setToolTip(self.tr(
            "Et kursbevis personen har fått utenfor programmet (administrator/koordinator)"))
        self.count = QLabel("")
        self.model: RowTableModel[PersonRow] = RowTableModel([
            Column(self.tr("Navn"), lambda p: p.name),
            Column(self.tr("E-post"), lambda p: p.email),
            Column(self.tr("Enhet"), lambda p: p.unit),
            Column(self.tr("HPR"), lambda p: p.hpr or ""),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.page = QTextBrowser()
        self.error = error_label()

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.qualification_button)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.page)
        split.setSizes([520, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)

        self.search.textChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._open_selected())
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.qualification_button.clicked.connect(self.add_qualification)
        self.refresh()

    def refresh(self) -> None:
        query = self.search.text()
        tasks.run_task(lambda: people.search_people(self._ctx, query), self._show,
                       lambda exc: self.error.setText(describe(exc)))

    def _show(self, rows: list[PersonRow]) -> None:
        self.model.set_rows(rows)
        self.count.setText(self.tr("{n} treff").format(n=len(rows)))
        if rows:
            self.table.selectRow(0)
        else:
            self.page.setHtml("")

    def selected(self) -> PersonRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def add_qualification(self) -> None:
        row = self.selected()
        if row is not None:
            tasks.run_task(lambda: course_types.list_course_types(self._ctx),
                           lambda types: self._ask_qualification(row, types),
                           lambda exc: self.error.setText(describe(exc)))

    def _ask_qualification(self, row: PersonRow, types: list[CourseTypeRow]) -> None:
        today = oslo_date(datetime.now().astimezone())
        dialog = QualificationDialog(row, types, today, self)
        dialog.save_with(dialog.values, lambda values: qualifications.add_external_qualification(
            self._ctx, row.id, *values))  # a failed save keeps the form open (issue 7)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.error.setText("")
        self._open_selected()
        self.person_changed.emit()

    def _open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        today = oslo_date(datetime.now().astimezone())
        tasks.run_task(lambda: person_view.person_detail(self._ctx, row.id, today),
                       lambda d: self.page.setHtml(person_html(d)),
                       lambda exc: self.error.setText(describe(exc)))

    def _save(self, dialog: PersonDialog) -> None:
        """Run the form; it saves from inside itself, so a failed save keeps what was typed (issue 7)."""
        row = dialog.row

        def write(values: tuple[str, str, str, str]) -> PersonRow:
            if row is None:
                return people.add_person(self._ctx, *values)
            assert dialog.version is not None
            return people.update_person(self._ctx, row.id, dialog.version, *values)

        def reload() -> None:
            self.refresh()
            self.person_changed.emit()

        dialog.save_with(dialog.values, write, version=row.version if row else None, reload=reload)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        saved: PersonRow = dialog.saved
        self.error.setText("")
        self.search.setText(saved.name)
        self.person_changed.emit()

    def add_person(self) -> None:
        self._save(PersonDialog(parent=self))

    def edit_person(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._save(PersonDialog(row, parent=self))
