"""Kursbevis dialogs: verify (code or QR payload, big state words) and revoke (with a reason)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import certificate_checks
from helsestudio.services.app import AppContext
from helsestudio.services.certificate_checks import Verification
from helsestudio.ui import tasks
from helsestudio.ui.labels import format_date
from helsestudio.ui.labels import label as service_label
from helsestudio.ui.messages import describe

STATE_COLOURS = {"valid": "#1b7a34", "revoked": "#b3261e", "expired": "#b36b00", "invalid": "#b3261e"}


class VerifyDialog(QDialog):
    """Type the control code or paste the QR content; the answer comes in large, clear words."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("Kontroller kursbevis"))
        self.resize(560, 460)
        self.input = QPlainTextEdit()
        self.input.setPlaceholderText(self.tr("Kontrollkode (f.eks. GVD8-D97E-67J3) eller innholdet i QR-koden (HS1.…)"))
        self.input.setFixedHeight(70)
        check = QPushButton(self.tr("Kontroller"))
        check.setDefault(True)
        check.clicked.connect(self.check)
        self.state_label = QLabel("")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label.setMinimumHeight(70)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.facts = {key: QLabel("") for key in ("number", "name", "course", "issued", "valid_until")}
        form = QFormLayout()
        for key, label in (("number", self.tr("Nummer")), ("name", self.tr("Navn")),
                           ("course", self.tr("Kurs")), ("issued", self.tr("Utstedt")),
                           ("valid_until", self.tr("Gyldig til og med"))):
            self.facts[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label + ":", self.facts[key])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(check)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.state_label)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(close)

    def check(self) -> None:
        text = self.input.toPlainText().strip()
        if not text:
            return
        tasks.run_task(lambda: certificate_checks.verify(self._ctx, text), self.show_result,
                       lambda exc: self.show_error(describe(exc)))

    def show_error(self, text: str) -> None:
        self.state_label.setText("")
        self.message.setText(text)

    def show_result(self, result: Verification) -> None:
        colour = STATE_COLOURS[result.state]
        self.state_label.setText(service_label(result.state_nb))
        self.state_label.setStyleSheet(
            f"font-size: 30pt; font-weight: 700; color: white; background: {colour}; "
            "border-radius: 8px; padding: 6px;")
        self.message.setText(result.message)
        values = {
            "number": result.number or "", "name": result.name or "", "course": result.course or "",
            "issued": format_date(result.issued) if result.issued else "",
            "valid_until": (format_date(result.valid_until) if result.valid_until
                            else (self.tr("uten utløpsdato") if result.number else "")),
        }
        for key, value in values.items():
            self.facts[key].setText(value)


class RevokeDialog(QDialog):
    """Revocation needs a reason; the dialog says plainly that it cannot be undone."""

    def __init__(self, number: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trekk tilbake kursbevis"))
        intro = QLabel(self.tr("Kursbevis {0} til {1} trekkes tilbake. Det kan ikke angres; "
                               "et rettet kursbevis utstedes på nytt etterpå.").format(number, name))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Begrunnelse (påkrevd)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Trekk tilbake"))
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.reason.toPlainText().strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()
