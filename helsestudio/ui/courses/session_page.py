"""The session page: the instructor's working screen.

Tick attendance per day, record e-learning evidence and assessments, see at a
glance who is complete and what the rest are missing, enrol people and import a
participant list. Every change goes through the course services in the
background and the table is reloaded from the database afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import completions, course_sessions, course_types, session_view
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import ACTIVITY_TYPES, SessionInput
from helsestudio.services.course_types import CourseTypeRow
from helsestudio.services.session_edit import update_session, withdraw
from helsestudio.services.session_view import SessionDetail
from helsestudio.services.timeutil import format_time, oslo_date
from helsestudio.ui import tasks
from helsestudio.ui.courses.forms import SessionDialog
from helsestudio.ui.courses.import_dialog import ImportDialog
from helsestudio.ui.courses.participant_model import ParticipantModel
from helsestudio.ui.courses.pickers import (
    AssessmentDialog,
    ElearningDialog,
    PersonPickerDialog,
    error_label,
    to_date,
)
from helsestudio.ui.labels import format_date, format_datetime, label
from helsestudio.ui.messages import describe


def describe_when(detail: SessionDetail) -> str:
    info = detail.info
    if len(detail.days) == 1:
        return QCoreApplication.translate("SessionPage", "{day} kl. {start}–{end}").format(
            day=format_date(detail.days[0]), start=format_time(info.start), end=format_time(info.end))
    return f"{format_datetime(info.start)} – {format_datetime(info.end)}"


class SessionPage(QWidget):
    changed = Signal()  # something was recorded (the session list may show new counts)
    loaded = Signal()

    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.session_id = session_id
        self.detail: SessionDetail | None = None
        self.short_title = ""

        self.title = QLabel("")
        self.title.setObjectName("pageTitle")
        self.info = QLabel("")
        self.info.setWordWrap(True)
        self.summary = QLabel("")
        self.summary.setStyleSheet("font-weight: 600;")
        self.message = error_label()

        self.enrol_button = QPushButton(self.tr("Meld på …"))
        self.withdraw_button = QPushButton(self.tr("Fjern fra kurset …"))
        self.day_combo = QComboBox()
        self.all_present = QPushButton(self.tr("Alle til stede"))
        self.import_button = QPushButton(self.tr("Importer deltakerliste …"))
        self.reload_button = QPushButton(self.tr("Oppdater"))
        self.edit_button = QPushButton(self.tr("Endre kurs …"))
        bar = QHBoxLayout()
        for w in (self.enrol_button, self.withdraw_button, QLabel(self.tr("Dag:")), self.day_combo, self.all_present,
                  self.import_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.reload_button)

        self.model = ParticipantModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.model.attendance_toggled.connect(self._toggle_attendance)
        self.table.doubleClicked.connect(self._cell_activated)
        self.enrol_button.clicked.connect(self.enrol_someone)
        self.all_present.clicked.connect(self.mark_all_present)
        self.import_button.clicked.connect(self.import_list)
        self.reload_button.clicked.connect(self.reload)
        self.edit_button.clicked.connect(self.edit_session)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        sid = self.session_id
        tasks.run_task(lambda: session_view.session_detail(self._ctx, sid), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.message.setText(describe(exc))

    def _show(self, detail: SessionDetail) -> None:
        self.detail = detail
        info = detail.info
        self.title.setText(f"{info.course_name} ({info.course_type})")
        parts = [describe_when(detail)]
        if info.place:
            parts.append(info.place)
        parts.append(self.tr("Instruktør: ") + ", ".join(n for _, n in info.instructors))
        parts.append(label(ACTIVITY_TYPES.get(info.activity_type, info.activity_type))
                     + (f", {info.region}" if info.region else ""))
        self.info.setText("  ·  ".join(parts))
        total = len(detail.participants)
        seats = f" / {info.capacity} " + self.tr("plasser") if info.capacity else ""
        needs = ", ".join(label(completions.COMPONENT_NB[c]) for c in detail.required)
        self.summary.setText(
            self.tr("{done} av {total} fullført").format(done=detail.complete_count, total=total)
            + f"  ·  {total} " + self.tr("påmeldt") + seats + "  ·  " + self.tr("Krever: ") + needs)
        current = self.day_combo.currentData()
        self.day_combo.clear()
        for day in detail.days:
            self.day_combo.addItem(format_date(day), day)
        has_attendance = "attendance" in detail.required
        self.day_combo.setEnabled(has_attendance)
        self.all_present.setEnabled(has_attendance and total > 0)
        if current in detail.days:
            self.day_combo.setCurrentIndex(detail.days.index(current))
        self.enrol_button.setEnabled(not info.is_full)
        self.enrol_button.setToolTip(self.tr("Kurset er fullt") if info.is_full else "")
        self.model.set_detail(detail, bool(detail.equipment), oslo_date_today())
        first = detail.days[0]
        self.short_title = f"{info.course_name[:28]} {first.day}.{first.month}."
        self.loaded.emit()
        header = self.table.horizontalHeader()
        if self.model.columnCount():
            # The status text can be long: it takes the room that is left, not more.
            header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)

    # -- recording ---------------------------------------------------------------------------
    def _record(self, fn: Callable[[], Any]) -> None:
        def done(_: Any) -> None:
            self.message.setText("")
            self.changed.emit()
            self.reload()

        def failed(exc: Exception) -> None:
            self.message.setText(describe(exc))
            self.reload()  # put the tick back the way the database has it

        tasks.run_task(fn, done, failed)

    def _toggle_attendance(self, person_id: int, day: date, present: bool) -> None:
        sid = self.session_id
        self._record(lambda: completions.record_completion(
            self._ctx, sid, person_id, "attendance", day, passed=present))

    def mark_all_present(self) -> None:
        day = self.day_combo.currentData()
        if day is None:
            return
        sid = self.session_id
        self._record(lambda: completions.record_completion(self._ctx, sid, None, "attendance", day))

    def _cell_activated(self, index: QModelIndex) -> None:
        if self.detail is None or not index.isValid():
            return
        kind = self.model.column(index.column()).kind
        row = self.model.row(index.row())
        sid = self.session_id
        if kind == "elearning":
            dialog = ElearningDialog(row.name, min(self.detail.days[0], oslo_date_today()), self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                on, evidence = to_date(dialog.date.date()), dialog.evidence.text()
                self._record(lambda: completions.record_completion(
                    self._ctx, sid, row.person_id, "elearning", on, evidence))
        elif kind == "assessment":
            assess = AssessmentDialog(row.name, self.detail.days, self)
            if assess.exec() == QDialog.DialogCode.Accepted:
                on, passed = to_date(assess.date.date()), bool(assess.result.currentData())
                note = assess.note.text()
                self._record(lambda: completions.record_completion(
                    self._ctx, sid, row.person_id, "assessment", on, note, passed))

    def enrol_someone(self) -> None:
        if self.detail is None:
            return
        dialog = PersonPickerDialog(self._ctx, self.tr("Meld på kurset"), self.detail.equipment, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        person = dialog.picker.selected()
        if person is None:
            return
        equipment, sid = dialog.chosen_equipment(), self.session_id
        self._record(lambda: course_sessions.enrol(self._ctx, sid, person.id, equipment))

    def withdraw_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.message.setText(self.tr("Velg deltakeren som skal fjernes i listen først"))
            return
        row = self.model.row(index.row())
        reason, ok = QInputDialog.getText(
            self, self.tr("Fjern fra kurset"),
            self.tr("Hvorfor skal {name} fjernes? (lagres i loggen)").format(name=row.name))
        if ok:
            sid = self.session_id
            self._record(lambda: withdraw(self._ctx, sid, row.person_id, reason))

    def edit_session(self) -> None:
        tasks.run_task(lambda: course_types.list_course_types(self._ctx), self._ask_edit, self._failed)

    def _ask_edit(self, types: list[CourseTypeRow]) -> None:
        if self.detail is None:
            return
        info = self.detail.info
        dialog = SessionDialog(self._ctx, types, info.start, self, existing=info)
        sid = self.session_id

        def write(data: SessionInput) -> object:
            assert dialog.version is not None
            return update_session(self._ctx, sid, dialog.version, data)

        # Saved from inside the form: a failed save keeps what was typed, and a change saved
        # meanwhile on another PC is a choice: reload, overwrite or cancel (issue 7).
        dialog.save_with(dialog.data, write, version=info.version, reload=self.reload)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.setText("")
            self.changed.emit()
            self.reload()

    def import_list(self) -> None:
        dialog = ImportDialog(self._ctx, self.session_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()
            self.reload()


def oslo_date_today() -> date:
    from datetime import datetime

    return oslo_date(datetime.now().astimezone())

