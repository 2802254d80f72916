"""The instructor's participant table: one row per participant, one column per component
(attendance one per session day, ticked in place), and a status that says what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from helsestudio.services.session_view import ParticipantRow, SessionDetail

Index = QModelIndex | QPersistentModelIndex
GREEN, RED, GREY = QColor("#d8f0dc"), QColor("#fbe0dc"), QColor("#6b6b6b")
AMBER = QColor("#fff2cc")  # not complete yet, but the session is not over either


@dataclass(frozen=True)
class ColumnSpec:
    kind: str  # name | equipment | elearning | attendance | assessment | status
    title: str
    day: date | None = None


def _short(day: date) -> str:
    return f"{day.day}.{day.month}."


class ParticipantModel(QAbstractTableModel):
    """Plain rows from `SessionDetail`; ticking an attendance box asks the page to record it."""

    attendance_toggled = Signal(int, object, bool)  # person_id, day, present

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []
        self._columns: list[ColumnSpec] = []
        self._finished = True

    def set_detail(self, detail: SessionDetail, has_equipment: bool, today: date) -> None:
        self.beginResetModel()
        self._finished = detail.days[-1] < today
        self._rows = list(detail.participants)
        cols = [ColumnSpec("name", self.tr("Deltaker"))]
        if has_equipment:
            cols.append(ColumnSpec("equipment", self.tr("Utstyr")))
        for component in detail.required:
            if component == "attendance":
                cols += [ColumnSpec("attendance", self.tr("Oppmøte ") + _short(d), d) for d in detail.days]
            elif component == "elearning":
                cols.append(ColumnSpec("elearning", self.tr("E-læring")))
            else:
                cols.append(ColumnSpec("assessment", self.tr("Vurdering")))
        cols.append(ColumnSpec("status", self.tr("Status")))
        self._columns = cols
        self.endResetModel()

    def column(self, index: int) -> ColumnSpec:
        return self._columns[index]

    def row(self, index: int) -> ParticipantRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self._columns[index.column()].kind == "attendance":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def _text(self, row: ParticipantRow, col: ColumnSpec) -> str:
        elig = row.eligibility
        if col.kind == "name":
            return row.name
        if col.kind == "equipment":
            return row.equipment or ""
        if col.kind == "status":
            if elig.eligible:
                return self.tr("Fullført")
            text = "; ".join(elig.reasons)
            return text[:1].upper() + text[1:]
        state = elig.component(col.kind)
        if state is None or col.kind == "attendance":
            return ""
        if col.kind == "elearning":
            if not state.done:
                return "–"
            return f"✓ {state.completed_on:%d.%m.%Y} ({state.evidence})" if state.completed_on else "✓"
        if state.passed is None:
            return "–"
        return self.tr("Bestått") if state.passed else self.tr("Ikke bestått")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "attendance":
            state = row.eligibility.component("attendance")
            present = state is not None and col.day in state.attended
            return Qt.CheckState.Checked if present else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and col.kind == "status":
            if row.eligibility.eligible:
                return QBrush(GREEN)
            return QBrush(RED if self._finished else AMBER)
        if role == Qt.ItemDataRole.ForegroundRole:
            state = row.eligibility.component(col.kind)
            if self._text(row, col) == "–":
                return QBrush(GREY)
            if state is not None and state.passed is False:
                return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.kind == "status" and row.eligibility.reasons:
                return "\n".join(row.eligibility.reasons)
            if col.kind in ("elearning", "assessment"):
                return self.tr("Dobbeltklikk for å registrere")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        col = self._columns[index.column()]
        if col.kind != "attendance":
            return False
        present = Qt.CheckState(value) == Qt.CheckState.Checked
        self.attendance_toggled.emit(self._rows[index.row()].person_id, col.day, present)
        return True
