"""Import a participant list (CSV/XLSX): choose the file, check the column mapping,
look at the preview with any bad lines named, then import all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import participant_import
from helsestudio.services.app import AppContext
from helsestudio.services.errors import DomainError
from helsestudio.services.import_files import read_table
from helsestudio.services.participant_import import FIELD_NB, FIELDS, ImportResult, ParsedRow
from helsestudio.ui import tasks
from helsestudio.ui.courses.pickers import buttons, error_label
from helsestudio.ui.labels import label
from helsestudio.ui.messages import describe
from helsestudio.ui.table_model import Column, RowTableModel


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._session_id = session_id
        self.path: Path | None = None
        self.result: ImportResult | None = None
        self._filling = False  # True while the column choices are refilled (no re-preview)
        self.setWindowTitle(self.tr("Importer deltakerliste"))
        self.resize(900, 600)

        self.file_label = QLabel(self.tr("Ingen fil valgt (CSV eller Excel .xlsx)"))
        choose = QPushButton(self.tr("Velg fil …"))
        choose.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)

        self.mapping_name = QComboBox()
        self.mapping_name.setEditable(True)
        self.mapping_name.addItem("")
        self.mapping_name.setToolTip(self.tr("Gi tilordningen et navn (f.eks. læringsportalen) så "
                                             "huskes den til neste gang"))
        self.mapping_name.activated.connect(self._load_saved)
        mapping_box = QGroupBox(self.tr("Kolonner"))
        grid = QGridLayout(mapping_box)
        self.combos: dict[str, QComboBox] = {}
        for i, target in enumerate(FIELDS):
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.combos[target] = combo
            grid.addWidget(QLabel(label(FIELD_NB[target]) + ":"), i // 4, (i % 4) * 2)
            grid.addWidget(combo, i // 4, (i % 4) * 2 + 1)
        name_form = QFormLayout()
        name_form.addRow(self.tr("Husk tilordningen som:"), self.mapping_name)

        self.model: RowTableModel[ParsedRow] = RowTableModel([
            Column(self.tr("Linje"), lambda r: r.line),
            Column(self.tr("Navn"), lambda r: r.name),
            Column(self.tr("E-post"), lambda r: r.email),
            Column(self.tr("Enhet"), lambda r: r.unit),
            Column(self.tr("HPR"), lambda r: r.hpr or ""),
            Column(self.tr("E-læring"), lambda r: f"{r.elearning_on:%d.%m.%Y} ({r.certificate_number})"
                   if r.elearning_on else ""),
            Column(self.tr("Blir"), lambda r: r.action),
        ], self)
        self.preview = QTableView()
        self.preview.setModel(self.model)
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.errors = error_label()
        self.info = QLabel("")

        self.box = buttons(self, self.tr("Importer"))
        self.box.accepted.disconnect()
        self.box.accepted.connect(self.do_import)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mapping_box)
        layout.addLayout(name_form)
        layout.addWidget(self.info)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.errors)
        layout.addWidget(self.box)
        self._set_ok(False)
        tasks.run_task(lambda: participant_import.mapping_names(ctx), self.mapping_name.addItems,
                       self._failed)

    def _set_ok(self, ok: bool) -> None:
        self.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Velg deltakerliste"), "",
                                              self.tr("Deltakerlister (*.csv *.xlsx *.txt)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path, mapping: dict[str, str] | None = None) -> None:
        """Read the file's header first, so the column choices are this file's, then preview."""
        self.path = path
        self.file_label.setText(str(path))
        try:
            table = read_table(path)
        except DomainError as exc:
            self.path = None
            self._fill([], {})
            self._failed(exc)
            return
        self._fill(table.columns, {**participant_import.detect_mapping(table.columns), **(mapping or {})})
        self._preview(mapping or {})

    def current_mapping(self) -> dict[str, str]:
        return {t: c.currentText() for t, c in self.combos.items() if c.currentText()}

    def _load_saved(self) -> None:
        name = self.mapping_name.currentText().strip()
        if not name or self.path is None:
            return
        path = self.path

        def loaded(saved: dict[str, str] | None) -> None:
            if saved:
                self.load(path, saved)

        tasks.run_task(lambda: participant_import.saved_mapping(self._ctx, name), loaded, self._failed)

    def _mapping_changed(self) -> None:
        if not self._filling and self.path is not None:
            self._preview(self.current_mapping())

    def _preview(self, mapping: dict[str, str]) -> None:
        assert self.path is not None
        path, sid = self.path, self._session_id
        tasks.run_task(lambda: participant_import.preview_rows(self._ctx, sid, path, mapping),
                       self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.model.set_rows([])
        self.errors.setText(describe(exc))
        self._set_ok(False)

    def _fill(self, columns: list[str], mapping: dict[str, str]) -> None:
        self._filling = True
        for target, combo in self.combos.items():
            combo.clear()
            combo.addItem("")
            combo.addItems([c for c in columns if c])
            combo.setCurrentText(mapping.get(target, ""))
        self._filling = False

    def _show(self, preview: tuple) -> None:  # type: ignore[type-arg]
        table, mapping, rows, errors, warnings = preview
        self._fill(table.columns, mapping)
        self.model.set_rows(rows)
        self.info.setText(self.tr("{n} deltakere · tegnsett {enc}").format(n=len(rows), enc=table.encoding)
                          + ("" if not warnings else " · " + " ".join(warnings)))
        self.errors.setText("" if not errors else self.tr("Kan ikke importeres før dette er rettet: ")
                            + "; ".join(errors))
        self._set_ok(not errors and bool(rows))

    def do_import(self) -> None:
        if self.path is None:
            return
        path, sid, mapping = self.path, self._session_id, self.current_mapping()
        name = self.mapping_name.currentText().strip() or None

        def done(result: ImportResult) -> None:
            self.result = result
            self.accept()

        tasks.run_task(lambda: participant_import.import_file(
            self._ctx, sid, path, mapping_name=name, overrides=mapping), done, self._failed)
