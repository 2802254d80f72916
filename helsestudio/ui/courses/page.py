"""Kurs: sessions (search, filter by period and course type), course types, people.
A session opens in its own tab: the instructor's working screen."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import course_sessions, course_types
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import ACTIVITY_TYPES, SessionInfo
from helsestudio.services.course_types import CourseTypeInput, CourseTypeRow
from helsestudio.services.timeutil import day_bounds_utc, oslo_date, oslo_datetime
from helsestudio.ui import tasks
from helsestudio.ui.courses.forms import CourseTypeDialog, SessionDialog
from helsestudio.ui.courses.people_view import PeopleView
from helsestudio.ui.courses.pickers import date_edit, error_label, to_date
from helsestudio.ui.courses.session_page import SessionPage
from helsestudio.ui.labels import format_date, label
from helsestudio.ui.messages import describe
from helsestudio.ui.table_model import Column, RowTableModel


def _today() -> date:
    return oslo_date(datetime.now().astimezone())


def _table(model: RowTableModel) -> QTableView:  # type: ignore[type-arg]
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    return table


def _stack(owner: QWidget, bar: QHBoxLayout, error: QWidget, body: QWidget) -> None:
    """A list tab: its tool bar, the error line, then the list taking the rest."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(bar)
    layout.addWidget(error)
    layout.addWidget(body, 1)


class SessionsView(QWidget):
    def __init__(self, ctx: AppContext, page: CoursesPage) -> None:
        super().__init__(page)
        self._ctx = ctx
        self._page = page
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Søk på kursnavn, kode eller sted …"))
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        self.type_filter.addItem(self.tr("Alle kurstyper"), None)
        today = _today()
        self.first = date_edit(today - timedelta(days=90))
        self.last = date_edit(today + timedelta(days=180))
        self.new_button = QPushButton(self.tr("Nytt kurs …"))
        self.open_button = QPushButton(self.tr("Åpne"))
        self.model: RowTableModel[SessionInfo] = RowTableModel([
            Column(self.tr("Dato"), lambda s: format_date(oslo_date(s.start))),
            Column(self.tr("Kurs"), lambda s: s.course_name),
            Column(self.tr("Sted"), lambda s: s.place),
            Column(self.tr("Instruktør"), lambda s: ", ".join(n for _, n in s.instructors)),
            Column(self.tr("Påmeldt"), lambda s: f"{s.enrolled}" + (f" / {s.capacity}" if s.capacity else "")),
            Column(self.tr("Aktivitet"), lambda s: label(ACTIVITY_TYPES.get(s.activity_type, s.activity_type))),
        ], self)
        self.table = _table(self.model)
        self.error = error_label()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.type_filter)
        bar.addWidget(QLabel(self.tr("Fra:")))
        bar.addWidget(self.first)
        bar.addWidget(QLabel(self.tr("til:")))
        bar.addWidget(self.last)
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        _stack(self, bar, self.error, self.table)
        self.search.textChanged.connect(self.refresh)
        self.type_filter.currentIndexChanged.connect(self.refresh)
        self.first.dateChanged.connect(self.refresh)
        self.last.dateChanged.connect(self.refresh)
        self.table.doubleClicked.connect(self._open)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.new_button.clicked.connect(self.new_session)

    def set_types(self, types: list[CourseTypeRow]) -> None:
        current = self.type_filter.currentData()
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("Alle kurstyper"), None)
        for t in types:
            self.type_filter.addItem(t.name, t.id)
        index = self.type_filter.findData(current)
        self.type_filter.setCurrentIndex(max(index, 0))
        self.type_filter.blockSignals(False)

    def refresh(self) -> None:
        first, last = to_date(self.first.date()), to_date(self.last.date())
        lo, hi = day_bounds_utc(first, max(first, last))
        query, type_id = self.search.text(), self.type_filter.currentData()
        tasks.run_task(lambda: course_sessions.list_sessions(self._ctx, query, type_id, lo, hi),
                       self._show, lambda exc: self.error.setText(describe(exc)))

    def _show(self, rows: list[SessionInfo]) -> None:
        self.error.setText("")
        self.model.set_rows(rows)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self._page.open_session(self.model.row(index.row()).id)

    def new_session(self) -> None:
        start = oslo_datetime(_today() + timedelta(days=7), time(9, 0))
        dialog = SessionDialog(self._ctx, self._page.types, start, self)
        # Saved from inside the form: a failed save keeps what was typed (issue 7).
        dialog.save_with(dialog.data, lambda data: course_sessions.add_session(self._ctx, data))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        info: SessionInfo = dialog.saved
        self.refresh()
        self._page.open_session(info.id)


class CourseTypesView(QWidget):
    def __init__(self, ctx: AppContext, page: CoursesPage) -> None:
        super().__init__(page)
        self._ctx = ctx
        self._page = page
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Søk på kurstype …"))
        self.new_button = QPushButton(self.tr("Ny kurstype …"))
        self.edit_button = QPushButton(self.tr("Endre …"))
        self.model: RowTableModel[CourseTypeRow] = RowTableModel([
            Column(self.tr("Kode"), lambda t: t.code),
            Column(self.tr("Navn"), lambda t: t.name),
            Column(self.tr("Krever"), lambda t: ", ".join(
                {"elearning": self.tr("e-læring"), "attendance": self.tr("oppmøte"),
                 "assessment": self.tr("vurdering")}[c]
                for c in t.requires)),
            Column(self.tr("Gyldighet"), lambda t: self.tr("{n} mnd").format(n=t.validity_months)
                   if t.validity_months else "–"),
            Column(self.tr("Instruktør må ha"), lambda t: t.instructor_qualification_name or "–"),
            Column(self.tr("Utstyr"), lambda t: ", ".join(t.equipment)),
        ], self)
        self.table = _table(self.model)
        self.error = error_label()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        _stack(self, bar, self.error, self.table)
        self.search.textChanged.connect(self._filter)
        self.new_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.table.doubleClicked.connect(lambda _: self._edit_selected())

    def _filter(self) -> None:
        text = self.search.text().casefold()
        self.model.set_rows([t for t in self._page.types
                             if text in t.name.casefold() or text in t.code.casefold()])

    def _edit_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._edit(self.model.row(index.row()))

    def _edit(self, row: CourseTypeRow | None) -> None:
        dialog = CourseTypeDialog(self._page.types, row, self)

        def write(data: CourseTypeInput) -> object:
            if row is None:
                return course_types.add_course_type(self._ctx, data)
            assert dialog.version is not None
            return course_types.update_course_type(self._ctx, row.id, dialog.version, data)

        # A failed save keeps the form open; a change saved meanwhile on another PC is a choice (issue 7).
        dialog.save_with(dialog.data, write, version=row.version if row else None, reload=self._page.reload)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._page.reload()


class CoursesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.types: list[CourseTypeRow] = []
        title = QLabel(self.tr("Kurs"))
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.sessions = SessionsView(ctx, self)
        self.course_types = CourseTypesView(ctx, self)
        self.people = PeopleView(ctx, self)
        self.tabs.addTab(self.sessions, self.tr("Kurs"))
        self.tabs.addTab(self.course_types, self.tr("Kurstyper"))
        self.tabs.addTab(self.people, self.tr("Personer"))
        for i in range(3):  # the three lists stay; session tabs can be closed
            self.tabs.tabBar().setTabButton(i, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def reload(self) -> None:
        tasks.run_task(lambda: course_types.list_course_types(self._ctx), self._types_loaded,
                       lambda exc: self.sessions.error.setText(describe(exc)))

    def _types_loaded(self, types: list[CourseTypeRow]) -> None:
        self.types = types
        self.sessions.set_types(types)
        self.course_types._filter()
        self.sessions.refresh()

    def open_session(self, session_id: int) -> SessionPage:
        for i in range(3, self.tabs.count()):
            widget = self.tabs.widget(i)
            if isinstance(widget, SessionPage) and widget.session_id == session_id:
                self.tabs.setCurrentIndex(i)
                return widget
        page = SessionPage(self._ctx, session_id, self)
        page.changed.connect(self.sessions.refresh)
        self.tabs.addTab(page, page.short_title or self.tr("Kurs"))
        page.loaded.connect(lambda: self.tabs.setTabText(self.tabs.indexOf(page), page.short_title))
        self.tabs.setCurrentWidget(page)
        return page

    def _close_tab(self, index: int) -> None:
        if index >= 3:
            widget = self.tabs.widget(index)
            self.tabs.removeTab(index)
            widget.deleteLater()
