"""Innstillinger: which database this PC uses (local file or shared PostgreSQL), and its backups."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import local_config
from helsestudio.services.app import AppContext
from helsestudio.services.database import default_url, parse_url
from helsestudio.services.errors import DomainError
from helsestudio.ui.pages.backups_box import BackupsBox


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        title = QLabel(self.tr("Innstillinger"))
        title.setObjectName("pageTitle")

        box = QGroupBox(self.tr("Database for denne PC-en"))
        self.local_radio = QRadioButton(self.tr("Lokal fil på denne PC-en (virker uten nett)"))
        self.shared_radio = QRadioButton(self.tr("Felles PostgreSQL-database"))
        group = QButtonGroup(self)
        group.addButton(self.local_radio)
        group.addButton(self.shared_radio)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(self.tr("postgresql+psycopg://bruker@server/helsestudio"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        save = QPushButton(self.tr("Lagre valget"))
        save.clicked.connect(self.save_choice)

        form = QFormLayout(box)
        form.addRow(self.local_radio)
        form.addRow(QLabel(self.tr("Fil: ") + default_url().removeprefix("sqlite:///")))
        form.addRow(self.shared_radio)
        form.addRow(self.tr("Adresse:"), self.url_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        form.addRow(buttons)
        form.addRow(self.message)

        current = QLabel(self.tr("I bruk nå: ") + ctx.db.masked_url)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(current)
        layout.addWidget(box)
        self.backups = BackupsBox(ctx)
        layout.addWidget(self.backups)
        layout.addStretch(1)

        chosen = local_config.chosen_db_url()
        if chosen and chosen.startswith("postgresql"):
            self.shared_radio.setChecked(True)
            self.url_edit.setText(chosen)
        else:
            self.local_radio.setChecked(True)
        self.shared_radio.toggled.connect(self.url_edit.setEnabled)
        self.url_edit.setEnabled(self.shared_radio.isChecked())
        self.url_edit.textChanged.connect(self._validate)

    def _validate(self) -> bool:
        if not self.shared_radio.isChecked():
            self.message.setText("")
            return True
        raw = self.url_edit.text().strip()
        try:
            url = parse_url(raw)
            if url.get_backend_name() != "postgresql":
                raise DomainError(self.tr("Adressen må begynne med postgresql+psycopg://"))
        except DomainError as exc:
            self.message.setText(exc.message)
            return False
        self.message.setText("")
        return True

    def save_choice(self) -> None:
        if not self._validate():
            return
        url = self.url_edit.text().strip() if self.shared_radio.isChecked() else None
        local_config.choose_db_url(url)
        self.message.setText(self.tr("Lagret. Valget gjelder neste gang programmet startes."))
