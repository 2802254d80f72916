"""Kursbevis: issue for a session (with who is not eligible and why), print, save, verify, revoke."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services import (
    certificate_checks,
    certificate_print,
    certificates,
    course_sessions,
)
from helsestudio.services.app import AppContext
from helsestudio.services.certificate_records import CertificateData
from helsestudio.services.certificates import IssueResult, ParticipantStatus, SessionReadiness
from helsestudio.services.timeutil import oslo_date
from helsestudio.ui import tasks
from helsestudio.ui.certificates.dialogs import RevokeDialog, VerifyDialog
from helsestudio.ui.certificates.printing import print_preview
from helsestudio.ui.certificates.steps import Cancelled, StepsRunner
from helsestudio.ui.labels import format_date
from helsestudio.ui.messages import describe, show_error
from helsestudio.ui.table_model import Column, RowTableModel


def _state(p: ParticipantStatus) -> str:
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
    if p.certificate:
        return translate("CertificatesPage", "Har kursbevis")
    return translate("CertificatesPage", "Klar") if p.eligible else translate("CertificatesPage", "Ikke fullført")


def _latest_started(sessions: list[Any]) -> int:
    """The course an instructor prints for: the latest one that has begun (else the first listed)."""
    now = datetime.now(UTC)
    started = [(info.start, i) for i, info in enumerate(sessions) if info.start <= now]
    return max(started)[1] if started else 0


class CertificatesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.readiness: SessionReadiness | None = None
        self.last_result: IssueResult | None = None
        title = QLabel(self.tr("Kursbevis"))
        title.setObjectName("pageTitle")

        self.session_combo = QComboBox()
        self.session_combo.setMinimumWidth(420)
        self.session_combo.currentIndexChanged.connect(lambda _i: self.load_session())
        refresh = QPushButton(self.tr("Oppdater"))
        refresh.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kurs:")))
        top.addWidget(self.session_combo, 1)
        top.addWidget(refresh)

        self.instructor_label = QLabel("")
        self.instructor_label.setWordWrap(True)
        self.model: RowTableModel[ParticipantStatus] = RowTableModel([
            Column(self.tr("Deltaker"), lambda p: p.name),
            Column(self.tr("Status"), _state),
            Column(self.tr("Kursbevis", "column: the certificate number"), lambda p: p.certificate or ""),
            Column(self.tr("Mangler"), lambda p: p.detail, tooltip=lambda p: p.detail),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()

        self.issue_button = QPushButton(self.tr("Utsted kursbevis"))
        self.issue_button.setStyleSheet("font-weight: 600;")
        self.issue_button.clicked.connect(self.issue)
        self.issue_one_button = QPushButton(self.tr("Utsted for valgt deltaker"))
        self.issue_one_button.clicked.connect(self.issue_selected)
        self.preview_button = QPushButton(self.tr("Forhåndsvis og skriv ut…"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("Lagre som PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.per_person_button = QPushButton(self.tr("Én fil per person…"))
        self.per_person_button.clicked.connect(self.save_per_person)
        self.revoke_button = QPushButton(self.tr("Trekk tilbake…"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        verify = QPushButton(self.tr("Kontroller kursbevis…"))
        verify.clicked.connect(self.open_verify)
        buttons = QHBoxLayout()
        for button in (self.issue_button, self.issue_one_button, self.preview_button, self.save_button,
                       self.per_person_button, self.revoke_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(verify)

        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.instructor_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        self.reload()

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        tasks.run_task(lambda: course_sessions.list_sessions(self._ctx), self._set_sessions,
                       lambda exc: self.result_label.setText(describe(exc)))

    def _set_sessions(self, sessions: list[Any]) -> None:
        current = self.session_id()
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for info in sessions:
            label = f"{format_date(oslo_date(info.start))} – {info.course_name}"
            if info.place:
                label += f", {info.place}"
            self.session_combo.addItem(label + " " + self.tr("(kurs {0})").format(info.id), info.id)
        index = self.session_combo.findData(current) if current is not None else _latest_started(sessions)
        self.session_combo.setCurrentIndex(max(index, 0))
        self.session_combo.blockSignals(False)
        self.load_session()

    def session_id(self) -> int | None:
        value = self.session_combo.currentData()
        return int(value) if value is not None else None

    def select_session(self, session_id: int) -> None:
        self.session_combo.setCurrentIndex(self.session_combo.findData(session_id))

    def load_session(self) -> None:
        sid = self.session_id()
        if sid is None:
            self.model.set_rows([])
            self.instructor_label.setText(self.tr("Ingen kurs ennå: opprett et under Kurs."))
            return
        tasks.run_task(lambda: certificates.session_readiness(self._ctx, sid), self._show_readiness,
                       lambda exc: self.result_label.setText(describe(exc)))

    def _show_readiness(self, readiness: SessionReadiness) -> None:
        self.readiness = readiness
        self.model.set_rows(readiness.participants)
        self.table.resizeColumnsToContents()
        colour = "#1b7a34" if readiness.instructor_ok else "#b3261e"
        who = readiness.instructor or self.tr("ingen instruktør")
        signs = self.tr("Signerer")
        self.instructor_label.setText(
            f"<span style='color:{colour}'><b>{signs}: {who}</b></span> – "
            f"{readiness.instructor_reason}")
        ready = sum(1 for p in readiness.participants if p.eligible and not p.certificate)
        self.issue_button.setText(self.tr("Utsted kursbevis ({0})").format(ready))
        self.issue_button.setEnabled(ready > 0 and readiness.instructor_ok)

    # --- issuing -------------------------------------------------------------------------

    def issue(self, person_id: int | None = None) -> None:
        """Issue for everyone in the session who is complete, or for one participant."""
        sid = self.session_id()
        if sid is None:
            return
        self.runner = StepsRunner(self, self.tr("Utsteder kursbevis…"),
                                  lambda: certificates.issue_steps(self._ctx, sid, person_id),
                                  self._issued, self._issue_failed)
        self.runner.start()

    def issue_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.result_label.setText(self.tr("Velg en deltaker i tabellen først."))
            return
        self.issue(chosen.person_id)

    def _issued(self, result: IssueResult) -> None:
        self.last_result = result
        lines = [self.tr("Utstedt {0} kursbevis.").format(len(result.issued))]
        lines += [f"{n.person_name}: {n.reason}" for n in result.not_eligible]
        self.result_label.setText("\n".join(lines))
        self.load_session()

    def _issue_failed(self, exc: Exception) -> None:
        if isinstance(exc, Cancelled):
            self.result_label.setText(self.tr("Avbrutt: ingen kursbevis ble utstedt."))
            return
        show_error(self, exc)

    # --- printing ------------------------------------------------------------------------

    def _certs(self) -> list[CertificateData]:
        sid = self.session_id()
        return certificate_checks.session_certificates(self._ctx, sid) if sid is not None else []

    def pdf_bytes(self) -> bytes | None:
        certs = self._certs()
        if not certs:
            self.result_label.setText(self.tr("Kurset har ingen gyldige kursbevis å skrive ut ennå."))
            return None
        return certificate_print.pdf_bytes(self._ctx, certs)

    def preview(self) -> None:
        data = self.pdf_bytes()
        if data is not None:
            self.preview_dialog = print_preview(self, data, self.tr("Kursbevis"))
            self.preview_dialog.open()

    def save_pdf(self, path: str | None = None) -> None:
        name = path or QFileDialog.getSaveFileName(self, self.tr("Lagre kursbevis som PDF"),
                                                   self.tr("kursbevis-kurs-{0}.pdf").format(self.session_id()),
                                                   self.tr("PDF (*.pdf)"))[0]
        if name:
            done = self.tr("Lagret {0} kursbevis i {1}")
            self._write(lambda: done.format(
                certificate_print.write_pdf(self._ctx, self._certs(), Path(name)), name))

    def save_per_person(self, directory: str | None = None) -> None:
        folder = directory or QFileDialog.getExistingDirectory(self, self.tr("Velg mappe"))
        if folder:
            done = self.tr("Lagret {0} filer i {1}")
            self._write(lambda: done.format(
                len(certificate_print.write_per_person(self._ctx, self._certs(), Path(folder))), folder))

    def _write(self, work: Callable[[], str]) -> None:
        """Write files off the GUI thread (a big course takes seconds); report the result."""
        tasks.run_task(work, self.result_label.setText, lambda exc: show_error(self, exc))

    # --- revoke and verify -----------------------------------------------------------------

    def selected(self) -> ParticipantStatus | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def revoke_selected(self, reason: str | None = None) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.certificate:
            self.result_label.setText(self.tr("Velg en deltaker som har kursbevis."))
            return
        if reason is None:
            dialog = RevokeDialog(chosen.certificate, chosen.name, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            reason = dialog.reason_text()
        number = chosen.certificate
        tasks.run_task(lambda: certificate_checks.revoke(self._ctx, number, reason),
                       lambda cert: (self.result_label.setText(
                           self.tr("Kursbevis {0} er trukket tilbake.").format(cert.number)),
                           self.load_session()),
                       lambda exc: show_error(self, exc))

    def open_verify(self) -> VerifyDialog:
        self.verify_dialog = VerifyDialog(self._ctx, self)
        self.verify_dialog.open()
        return self.verify_dialog
