"""Rapporter: the C7 compliance report with filters, on screen and exported (PDF, CSV, XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import compliance, compliance_export, course_types, units
from helsestudio.services.app import AppContext
from helsestudio.services.compliance import ComplianceReport, ComplianceRow
from helsestudio.services.compliance_export import STATUS_COLOURS
from helsestudio.ui import tasks
from helsestudio.ui.labels import format_date
from helsestudio.ui.labels import label as service_label
from helsestudio.ui.messages import describe, show_error
from helsestudio.ui.table_model import Column, RowTableModel

STATUS_COLUMN = 2


class ComplianceModel(RowTableModel[ComplianceRow]):
    """The report rows; the status cell is coloured like the printed report."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.column() == STATUS_COLUMN:
            return QColor(STATUS_COLOURS[self.row(index.row()).status])
        return super().data(index, role)


def _widest_unit(unit_rows: list[Any]) -> int | None:
    """The unit the report starts on: the one with the most sub-units (the health trust)."""
    if not unit_rows:
        return None
    def below(unit: Any) -> int:
        return sum(1 for other in unit_rows if other.path.startswith(unit.path + " > "))
    return max(unit_rows, key=lambda u: (below(u), -len(u.path))).id


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.report: ComplianceReport | None = None
        self._equipment: dict[str, list[str]] = {}
        title = QLabel(self.tr("Rapporter – dokumentasjon av opplæring (C7)"))
        title.setObjectName("pageTitle")

        self.unit_combo = QComboBox()
        self.course_combo = QComboBox()
        self.course_combo.currentIndexChanged.connect(lambda _i: self._fill_equipment())
        self.equipment_combo = QComboBox()
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d.M.yyyy")
        show = QPushButton(self.tr("Vis"))
        show.setDefault(True)
        show.clicked.connect(self.run_report)
        filters = QGridLayout()
        for col, (label, widget) in enumerate(((self.tr("Enhet (med underenheter)"), self.unit_combo),
                                               (self.tr("Kurstype"), self.course_combo),
                                               (self.tr("Utstyr"), self.equipment_combo),
                                               (self.tr("Per dato"), self.date_edit))):
            filters.addWidget(QLabel(label), 0, col)
            filters.addWidget(widget, 1, col)
        filters.addWidget(show, 1, 4)
        filters.setColumnStretch(0, 2)
        filters.setColumnStretch(1, 2)

        self.totals_label = QLabel("")
        self.totals_label.setStyleSheet("font-size: 12pt; padding: 6px 0;")
        self.model = ComplianceModel([
            Column(self.tr("Navn"), lambda r: r.name),
            Column(self.tr("Enhet"), lambda r: r.unit),
            Column(self.tr("Status"), lambda r: service_label(r.status_nb)),
            Column(self.tr("Grunnlag"), lambda r: r.evidence_nb),
            Column(self.tr("Gyldig til"), lambda r: format_date(r.valid_until) if r.valid_until else ""),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(False)

        exports = QHBoxLayout()
        exports.addStretch(1)
        self.export_buttons = {}
        for suffix in ("pdf", "csv", "xlsx"):
            button = QPushButton(self.tr("Eksporter {0}…").format(suffix.upper()))
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, s=suffix: self.export(s))
            exports.addWidget(button)
            self.export_buttons[suffix] = button
        self.message = QLabel("")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(exports)
        layout.addWidget(self.message)
        self.reload_filters()

    def reload_filters(self) -> None:
        def load() -> tuple[list[Any], list[Any]]:
            return units.list_units(self._ctx), course_types.list_course_types(self._ctx)
        tasks.run_task(load, self._set_filters, lambda exc: self.message.setText(describe(exc)))

    def _set_filters(self, loaded: tuple[list[Any], list[Any]]) -> None:
        unit_rows, course_rows = loaded
        self.unit_combo.clear()
        for unit in sorted(unit_rows, key=lambda u: u.path.casefold()):
            self.unit_combo.addItem(unit.path, unit.id)
        widest = _widest_unit(unit_rows)
        if widest is not None:
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(widest))
        self.course_combo.clear()
        self._equipment = {c.code: list(c.equipment) for c in course_rows}
        for course in course_rows:
            self.course_combo.addItem(f"{course.name} ({course.code})", course.code)
        self._fill_equipment()
        if self.report is None and unit_rows and course_rows:
            self.run_report()  # a coordinator opening the page sees figures at once

    def _fill_equipment(self) -> None:
        self.equipment_combo.clear()
        self.equipment_combo.addItem(self.tr("(alt utstyr)"), None)
        for item in self._equipment.get(self.course_combo.currentData() or "", []):
            self.equipment_combo.addItem(item, item)

    def choose(self, unit_id: int, course_code: str, equipment: str | None, on: QDate) -> None:
        """Set the filters programmatically (tests, and links from other pages)."""
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit_id))
        self.course_combo.setCurrentIndex(self.course_combo.findData(course_code))
        if equipment is not None:
            self.equipment_combo.setCurrentIndex(self.equipment_combo.findData(equipment))
        self.date_edit.setDate(on)

    def run_report(self) -> None:
        unit_id, code = self.unit_combo.currentData(), self.course_combo.currentData()
        if unit_id is None or code is None:
            self.message.setText(self.tr("Velg enhet og kurstype."))
            return
        equipment = self.equipment_combo.currentData()
        on = self.date_edit.date().toPython()
        tasks.run_task(lambda: compliance.compliance_report(self._ctx, str(unit_id), code, equipment, on),
                       self.show_report, lambda exc: show_error(self, exc))

    def show_report(self, report: ComplianceReport) -> None:
        self.report = report
        self.model.set_rows(report.rows)
        self.table.resizeColumnsToContents()
        totals = report.totals
        parts = [f"<b>{len(report.rows)}</b> " + self.tr("personer")]
        parts += [f"<span style='background:{STATUS_COLOURS[s]}; padding:2px 6px'>"
                  f"{service_label(compliance.STATUS_NB[s])}: <b>{totals[s]}</b></span>" for s in compliance.STATUS_ORDER]
        self.totals_label.setText(" &nbsp; ".join(parts))
        self.message.setText(f"{report.title_nb()} – {report.subtitle_nb()}")
        for button in self.export_buttons.values():
            button.setEnabled(True)

    def export(self, suffix: str, path: str | None = None) -> None:
        if self.report is None:
            return
        name = path or QFileDialog.getSaveFileName(
            self, self.tr("Eksporter rapport"), self.tr("opplaeringsstatus") + f".{suffix}",
            f"{suffix.upper()} (*.{suffix})")[0]
        if not name:
            return
        try:
            compliance_export.export(self.report, Path(name))
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return
        self.message.setText(self.tr("Lagret {0}").format(name))
