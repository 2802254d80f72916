"""Innstillinger › Sikkerhetskopier: the daily copies of the local database, and one made now (issue 7)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import backup
from helsestudio.services.app import AppContext
from helsestudio.services.backup import BackupInfo
from helsestudio.services.timeutil import oslo_date
from helsestudio.ui import tasks
from helsestudio.ui.labels import format_datetime
from helsestudio.ui.messages import describe
from helsestudio.ui.table_model import Column, RowTableModel


def _size(info: BackupInfo) -> str:
    kib = info.size / 1024
    return f"{kib / 1024:.1f} MB" if kib >= 1024 else f"{kib:.0f} kB"


class BackupsBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sikkerhetskopier"), parent)
        self._ctx = ctx
        folder = backup.backup_dir(ctx.db)
        if folder is not None:
            about = self.tr(
                "Programmet tar en kopi av den lokale databasen hver dag når det starter, og "
                "beholder de {keep} nyeste i {folder}.").format(keep=backup.KEEP_DAILY, folder=folder)
        else:
            about = self.tr(
                "Den felles PostgreSQL-databasen sikkerhetskopieres på serveren. «Ta sikkerhetskopi "
                "nå» bruker pg_dump hvis det er installert på denne PC-en.")
        intro = QLabel(about)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model: RowTableModel[BackupInfo] = RowTableModel([
            Column(self.tr("Tatt"), lambda b: format_datetime(b.made.astimezone())),
            Column(self.tr("Størrelse"), _size),
            Column(self.tr("Fil"), lambda b: b.path.name, tooltip=lambda b: str(b.path)),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(160)
        self.table.setVisible(folder is not None)
        restore = QLabel(self.tr(
            "Gjenopprette en kopi: lukk Helsestudio og kjør «helsestudio db restore FIL». "
            "Den nåværende filen legges til side først, så ingenting går tapt."))
        restore.setWordWrap(True)
        restore.setVisible(folder is not None)
        self.backup_button = QPushButton(self.tr("Ta sikkerhetskopi nå …"))
        self.backup_button.clicked.connect(lambda: self.backup_now())
        self.message = QLabel("")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.backup_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(restore)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        # Only the backup folder is read: no database work, so it may run here.
        self.model.set_rows(backup.daily_backups(self._ctx.db))

    def backup_now(self, path: str | None = None) -> None:
        """Write a copy where the user chooses (`path` for tests); the work runs in the background."""
        today = oslo_date(datetime.now(UTC)).isoformat()
        suggested = f"helsestudio-kopi-{today}" + (".db" if self._ctx.db.is_sqlite else ".dump")
        name = path or QFileDialog.getSaveFileName(
            self, self.tr("Ta sikkerhetskopi"), str(Path.home() / suggested),
            self.tr("Sikkerhetskopi (*.db *.dump)"))[0]
        if not name:
            return
        self.backup_button.setEnabled(False)
        self.message.setText(self.tr("Tar sikkerhetskopi …"))
        tasks.run_task(lambda: backup.backup(self._ctx.db, Path(name)), self._done, self._failed)

    def _done(self, info: BackupInfo) -> None:
        self.backup_button.setEnabled(True)
        self.refresh()  # a copy saved into the backup folder is listed too
        self.message.setText(self.tr("Sikkerhetskopien er lagret: {path} ({size})").format(
            path=info.path, size=_size(info)))

    def _failed(self, exc: Exception) -> None:
        self.backup_button.setEnabled(True)
        self.message.setText(describe(exc))
