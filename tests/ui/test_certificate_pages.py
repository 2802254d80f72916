"""The Kursbevis and Rapporter pages, driven with real widgets (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter

from helsestudio.services import certificate_checks
from helsestudio.services.app import AppContext
from helsestudio.ui import tasks
from helsestudio.ui.certificates import printing
from helsestudio.ui.certificates.dialogs import RevokeDialog, VerifyDialog
from helsestudio.ui.certificates.page import CertificatesPage
from helsestudio.ui.certificates.reports_page import ReportsPage
from helsestudio.ui.certificates.steps import StepsRunner
from helsestudio.ui.main_window import MainWindow
from tests.integration import certificate_population as popmod

SHOTS = Path("/work/shots")


@pytest.fixture(autouse=True)
def _synchronous_tasks():
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture
def pop(sqlite_ctx: AppContext) -> popmod.Population:
    return popmod.build(sqlite_ctx)


def _shot(widget, name: str) -> None:
    if SHOTS.is_dir():
        widget.grab().save(str(SHOTS / name))


def test_c2_page_shows_who_is_not_eligible_and_issues_the_rest(qtbot, sqlite_ctx, pop) -> None:
    page = CertificatesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.select_session(pop.session)
    rows = {p.name: p for p in page.model.rows()}
    assert rows["Per Mangel"].eligible is False and "e-læring" in rows["Per Mangel"].detail
    assert page.issue_button.text().endswith("(2)")
    assert "Ingrid Haugland" in page.instructor_label.text()
    page.issue()
    assert page.last_result is not None and len(page.last_result.issued) == 2
    assert "Per Mangel" in page.result_label.text()
    assert {p.name: p.certificate for p in page.model.rows()}["Kari Nordmann"] is not None
    assert not page.issue_button.isEnabled()  # nobody left who can get one
    _shot(page, "certificate_page.png")


def test_c6_cancel_in_the_progress_dialog_issues_nothing(qtbot, sqlite_ctx, pop) -> None:
    page = CertificatesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.select_session(pop.session)
    from helsestudio.services import certificates

    outcome: list[object] = []
    runner = StepsRunner(page, "…", lambda: certificates.issue_steps(sqlite_ctx, pop.session),
                         outcome.append, outcome.append)
    runner.cancel()  # pressed before the first certificate was written
    runner.start()
    assert type(outcome[0]).__name__ == "Cancelled"
    assert certificate_checks.session_certificates(sqlite_ctx, pop.session) == []


def test_c6_revoke_needs_a_reason_and_verify_dialog_shows_state(qtbot, sqlite_ctx, pop) -> None:
    page = CertificatesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.select_session(pop.session)
    page.issue()
    kari = next(p for p in page.model.rows() if p.name == "Kari Nordmann")
    dialog = RevokeDialog(kari.certificate or "", kari.name)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("Feil navn")
    assert dialog.ok_button.isEnabled()

    cert = certificate_checks.get_certificate(sqlite_ctx, kari.certificate or "")
    verify = VerifyDialog(sqlite_ctx)
    qtbot.addWidget(verify)
    verify.input.setPlainText(cert.code)
    verify.check()
    assert verify.state_label.text() == "GYLDIG" and verify.facts["name"].text() == "Kari Nordmann"
    verify.resize(560, 460)
    _shot(verify, "certificate_verify_dialog.png")

    page.table.selectRow(page.model.rows().index(kari))
    page.revoke_selected(reason="Feil navn")
    verify.input.setPlainText(cert.payload)
    verify.check()
    assert verify.state_label.text() == "TILBAKEKALT" and "Feil navn" in verify.message.text()


def test_c6_print_path_renders_every_pdf_page_onto_the_printer(qtbot, sqlite_ctx, pop, tmp_path) -> None:
    page = CertificatesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.select_session(pop.session)
    page.issue()
    data = page.pdf_bytes()
    assert data is not None
    printer = printing.a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(72)
    assert printing.paint_pdf(printer, data) == 2
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2
    page.save_pdf(str(tmp_path / "saved.pdf"))
    assert (tmp_path / "saved.pdf").read_bytes() == data  # preview, print and save: one document
    page.save_per_person(str(tmp_path / "per"))
    assert len(list((tmp_path / "per").iterdir())) == 2


def test_c7_reports_page_shows_totals_table_and_exports(qtbot, sqlite_ctx, pop, tmp_path) -> None:
    from helsestudio.services import certificates

    certificates.issue(sqlite_ctx, pop.session, issued_on=popmod.COURSE_DAY)
    page = ReportsPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.choose(pop.hf, "NN-RT", None, QDate(2026, 6, 1))
    page.run_report()
    assert page.model.rowCount() == 5
    assert "gyldig: <b>2</b>" in page.totals_label.text()
    page.choose(pop.hf, "NN-RT", "Sepura STP9000", QDate(2026, 6, 1))
    page.run_report()
    assert page.report is not None and page.report.totals["valid"] == 1
    for suffix in ("pdf", "csv", "xlsx"):
        page.export(suffix, str(tmp_path / f"r.{suffix}"))
        assert (tmp_path / f"r.{suffix}").stat().st_size > 100
    _shot(page, "certificate_reports_page.png")


def test_main_window_has_the_real_kursbevis_and_rapporter_pages(qtbot, sqlite_ctx) -> None:
    window = MainWindow(sqlite_ctx)
    qtbot.addWidget(window)
    assert isinstance(window.page("kursbevis"), CertificatesPage)
    assert isinstance(window.page("rapporter"), ReportsPage)


def test_c2_issue_for_the_selected_participant_only(qtbot, sqlite_ctx, pop) -> None:
    page = CertificatesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.select_session(pop.session)
    names = [p.name for p in page.model.rows()]
    assert names == ["Áilu Ŋuvtto-Čoarvi", "Kari Nordmann", "Per Mangel"]  # accent-insensitive order
    page.table.selectRow(names.index("Kari Nordmann"))
    page.issue_selected()
    assert page.last_result is not None and [i.person_id for i in page.last_result.issued] == [pop.kari]


def test_page_opens_on_the_latest_course_that_has_begun() -> None:
    """After a course the instructor prints for it: a course next month must not be preselected."""
    from datetime import UTC, datetime, timedelta
    from types import SimpleNamespace

    from helsestudio.ui.certificates.page import _latest_started

    now = datetime.now(UTC)
    listed = [SimpleNamespace(start=now + timedelta(days=d)) for d in (30, 7, -1, -40)]
    assert _latest_started(listed) == 2
    assert _latest_started([SimpleNamespace(start=now + timedelta(days=3))]) == 0
    assert _latest_started([]) == 0
