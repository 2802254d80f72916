"""C7: the compliance report — unit with sub-units, C5 statuses, equipment (C3), exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helsestudio.models import ExternalQualification, Person
from helsestudio.services import (
    certificate_checks,
    certificates,
    compliance,
    compliance_export,
    users,
)
from helsestudio.services.app import AppContext
from helsestudio.services.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration import certificate_population as popmod


@pytest.fixture
def pop(ctx: AppContext) -> popmod.Population:
    pop = popmod.build(ctx)
    certificates.issue(ctx, pop.session, issued_on=popmod.COURSE_DAY)  # Kari, Áilu: valid to 2028-03-02
    with ctx.db.write() as s:
        old = Person(name="Eldre Utløpt", unit_id=pop.amk)
        soon = Person(name="Snart Utløp", unit_id=pop.mottak)
        outside = Person(name="Kommune Person", unit_id=pop.kommune)
        s.add_all([old, soon, outside])
        s.flush()
        s.add_all([
            ExternalQualification(person_id=old.id, course_type_id=pop.course_type, issued_on=date(2023, 1, 1),
                                  valid_until=date(2024, 12, 31), issuer="Annet HF", equipment="Sepura STP9000"),
            ExternalQualification(person_id=soon.id, course_type_id=pop.course_type, issued_on=date(2024, 7, 1),
                                  valid_until=date(2026, 7, 31), issuer="Annet HF", equipment="Sepura STP9000"),
            ExternalQualification(person_id=outside.id, course_type_id=pop.course_type,
                                  issued_on=date(2025, 1, 1), valid_until=None, issuer="Kommunen"),
        ])
    return pop


def _statuses(report: compliance.ComplianceReport) -> dict[str, str]:
    return {r.name: r.status for r in report.rows}


def test_c7_unit_with_sub_units_gets_each_persons_status_and_evidence(ctx: AppContext, pop) -> None:
    report = compliance.compliance_report(ctx, "Helse Bergen HF", "NN-RT", on=date(2026, 6, 1))
    assert _statuses(report) == {
        "Kari Nordmann": "valid", "Áilu Ŋuvtto-Čoarvi": "valid", "Per Mangel": "missing",
        "Ingrid Haugland": "missing", "Ola Uten Kurs": "missing", "Eldre Utløpt": "expired",
        "Snart Utløp": "expiring",  # 60 days before valid-until, inside the 90-day window
    }
    assert report.totals == {"valid": 2, "expiring": 1, "expired": 1, "missing": 3}
    kari = next(r for r in report.rows if r.name == "Kari Nordmann")
    assert (kari.kind, kari.ref, kari.valid_until) == ("kursbevis", "2026-000001", date(2028, 3, 2))
    assert "Kommune Person" not in _statuses(report)  # another unit tree


def test_c7_sub_unit_only_and_by_path(ctx: AppContext, pop) -> None:
    report = compliance.compliance_report(ctx, "Helse Bergen HF > Akuttmottaket", "NN-RT", on=date(2026, 6, 1))
    assert _statuses(report) == {"Áilu Ŋuvtto-Čoarvi": "valid", "Snart Utløp": "expiring"}


def test_c3_c7_equipment_counts_only_credentials_for_that_equipment(ctx: AppContext, pop) -> None:
    report = compliance.compliance_report(ctx, str(pop.hf), "NN-RT", "sepura stp9000", on=date(2026, 6, 1))
    statuses = _statuses(report)
    assert statuses["Kari Nordmann"] == "valid"
    assert statuses["Áilu Ŋuvtto-Čoarvi"] == "missing"  # trained on Motorola, not Sepura
    assert report.equipment == "Sepura STP9000"
    with pytest.raises(InvalidInput):
        compliance.compliance_report(ctx, str(pop.hf), "NN-RT", "Nokia 3310")


def test_c5_c7_revoked_certificate_no_longer_counts(ctx: AppContext, pop) -> None:
    certificate_checks.revoke(ctx, "2026-000001", "feil person")
    report = compliance.compliance_report(ctx, "AMK Bergen", "NN-RT", on=date(2026, 6, 1))
    assert _statuses(report)["Kari Nordmann"] == "missing"


def test_c5_c7_status_on_a_later_date(ctx: AppContext, pop) -> None:
    statuses = _statuses(compliance.compliance_report(ctx, "AMK Bergen", "NN-RT", on=date(2028, 3, 3)))
    assert statuses["Kari Nordmann"] == "expired"


def test_c7_unknown_unit_or_course_and_permission(ctx: AppContext, pop) -> None:
    with pytest.raises(NotFound):
        compliance.compliance_report(ctx, "Finnes ikke", "NN-RT")
    with pytest.raises(NotFound):
        compliance.compliance_report(ctx, "AMK Bergen", "NOPE")
    users.add_user(ctx, "inst", "instruktor")
    with pytest.raises(PermissionDenied):
        compliance.compliance_report(AppContext(db=ctx.db, username="inst"), "AMK Bergen", "NN-RT")


def test_c7_exports_refuse_unknown_format(ctx: AppContext, pop, tmp_path: Path) -> None:
    report = compliance.compliance_report(ctx, "AMK Bergen", "NN-RT", on=date(2026, 6, 1))
    with pytest.raises(InvalidInput):
        compliance_export.export(report, tmp_path / "r.docx")
    compliance_export.export(report, tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_c7_pdf_prints_names_in_other_scripts(ctx: AppContext, pop, tmp_path: Path) -> None:
    from pypdf import PdfReader

    popmod.add_people(ctx, pop.amk, ["王小明", "Анна Кузнецова", "Áilu & <Co>"])
    report = compliance.compliance_report(ctx, "AMK Bergen", "NN-RT", on=date(2026, 6, 1))
    compliance_export.export(report, tmp_path / "r.pdf")
    text = PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert "王小明" in text and "Анна Кузнецова" in text and "Áilu & <Co>" in text


def test_c7_people_are_listed_in_norwegian_alphabetical_order_on_every_database(
        ctx: AppContext, pop) -> None:
    """Sámi letters sort with their base letter, Æ Ø Å after Z; not the database's own collation."""
    popmod.add_people(ctx, pop.amk, ["Åse Ås", "Zofia Zed", "Ánde Ánte", "Æsa Æ", "Øyvind Ø", "Aslak A"])
    report = compliance.compliance_report(ctx, "AMK Bergen", "NN-RT", on=date(2026, 6, 1))
    assert [r.name for r in report.rows] == [
        "Ánde Ánte", "Aslak A", "Eldre Utløpt", "Ingrid Haugland", "Kari Nordmann", "Ola Uten Kurs",
        "Per Mangel", "Zofia Zed", "Æsa Æ", "Øyvind Ø", "Åse Ås"]
    # A session's certificates print in the same order (how they are handed out).
    printed = certificate_checks.session_certificates(ctx, pop.session)
    assert [c.person_name for c in printed] == ["Áilu Ŋuvtto-Čoarvi", "Kari Nordmann"]
