"""Issuing, revoking and verifying certificates on SQLite and PostgreSQL (C2, C4, C5, C6)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from helsestudio.models import Certificate, CertificateCounter, ExternalQualification
from helsestudio.models.certificate import ImmutableCertificate
from helsestudio.services import certificate_checks as checks
from helsestudio.services import certificates, signing, users
from helsestudio.services.app import AppContext
from helsestudio.services.credentials import credentials_for
from helsestudio.services.errors import PermissionDenied, RuleViolation
from tests.integration import certificate_population as popmod

DAY = popmod.COURSE_DAY


@pytest.fixture
def pop(ctx: AppContext) -> popmod.Population:
    return popmod.build(ctx)


def test_c2_only_complete_participants_get_a_certificate(ctx: AppContext, pop) -> None:
    result = certificates.issue(ctx, pop.session, issued_on=DAY)
    assert [(i.person_id, i.number) for i in result.issued] == [
        (pop.kari, "2026-000001"), (pop.ailu, "2026-000002")]
    [refused] = result.not_eligible
    assert refused.person_id == pop.per and refused.missing == ["elearning"]
    assert refused.reason.startswith("C2:") and "e-læring" in refused.reason
    assert set(result.to_json()) == {"issued", "not_eligible"}
    assert set(result.to_json()["issued"][0]) == {"number", "person_id", "code"}
    assert set(result.to_json()["not_eligible"][0]) == {"person_id", "missing", "reason"}


def test_c6_certificate_is_a_full_snapshot_with_valid_until_as_last_day(ctx: AppContext, pop) -> None:
    certificates.issue(ctx, pop.session, person_id=pop.ailu, issued_on=DAY)
    cert = checks.get_certificate(ctx, "2026-000001")
    assert cert.person_name == "Áilu Ŋuvtto-Čoarvi" and cert.unit_name == "Akuttmottaket"
    assert cert.course_code == "NN-RT" and len(cert.outcomes) == 2
    assert [c.component for c in cert.components] == ["elearning", "attendance"]
    assert cert.components[0].evidence == f"LMS-{pop.ailu}"
    assert cert.equipment == "Motorola MTP6650" and cert.instructor_name == "Ingrid Haugland"
    assert cert.issued_on == DAY and cert.valid_until == date(2028, 3, 2)
    assert cert.organisation_name == "Helse Bergen" and cert.place.startswith("Simulering")


def test_c4_unqualified_instructor_cannot_sign(ctx: AppContext, pop) -> None:
    result = certificates.issue(ctx, pop.session, instructor_id=pop.unqualified, issued_on=DAY)
    assert result.issued == []
    assert {n.person_id for n in result.not_eligible} == {pop.kari, pop.ailu, pop.per}
    assert all(n.reason.startswith("C4:") and "Ola Uten Kurs" in n.reason for n in result.not_eligible)
    with ctx.db.read() as s:
        assert s.scalar(select(Certificate.id)) is None
        assert s.get(CertificateCounter, 2026) is None  # no number used up


def test_c4_qualification_must_be_valid_on_the_course_date(ctx: AppContext, pop) -> None:
    with ctx.db.write() as s:
        q = s.scalar(select(ExternalQualification))
        q.valid_until = date(2026, 3, 2)  # ran out the day before the course
    result = certificates.issue(ctx, pop.session, issued_on=DAY)
    assert result.issued == [] and "gikk ut" in result.not_eligible[0].reason


def test_c6_second_issue_for_the_same_enrolment_is_refused(ctx: AppContext, pop) -> None:
    certificates.issue(ctx, pop.session, issued_on=DAY)
    again = certificates.issue(ctx, pop.session, issued_on=DAY)
    assert again.issued == []
    assert any("2026-000001" in n.reason and n.reason.startswith("C6") for n in again.not_eligible)


def test_batch_is_all_or_nothing_when_cancelled(ctx: AppContext, pop) -> None:
    steps = certificates.issue_steps(ctx, pop.session, issued_on=DAY)
    first = next(steps)
    assert (first.done, first.total) == (1, 2)
    steps.close()  # the user pressed Cancel
    with ctx.db.read() as s:
        assert s.scalar(select(Certificate.id)) is None
    assert certificates.issue(ctx, pop.session, issued_on=DAY).issued[0].number == "2026-000001"


def test_c6_issued_certificate_cannot_be_edited_only_revoked(ctx: AppContext, pop) -> None:
    certificates.issue(ctx, pop.session, person_id=pop.kari, issued_on=DAY)
    with pytest.raises(ImmutableCertificate), ctx.db.write() as s:
        s.scalar(select(Certificate)).person_name = "Noen Andre"
    assert checks.get_certificate(ctx, "2026-000001").person_name == "Kari Nordmann"


def test_c6_correction_is_revocation_plus_new_certificate_pointing_back(ctx: AppContext, pop) -> None:
    certificates.issue(ctx, pop.session, person_id=pop.kari, issued_on=DAY)
    revoked = checks.revoke(ctx, "2026-000001", "Feil utstyrstype")
    assert revoked.revoked and revoked.revoke_reason == "Feil utstyrstype" and revoked.revoked_by
    with pytest.raises(RuleViolation) as err:
        checks.revoke(ctx, "2026-000001", "igjen")
    assert err.value.rule == "C6"
    new = certificates.issue(ctx, pop.session, person_id=pop.kari, issued_on=DAY).issued[0]
    assert new.number == "2026-000002"
    assert checks.get_certificate(ctx, new.number).replaces_number == "2026-000001"


def test_revoke_instructor_only_own_coordinator_any(ctx: AppContext, pop) -> None:
    users.add_user(ctx, "inst", "instruktor")
    users.add_user(ctx, "inst2", "instruktor")
    users.add_user(ctx, "koord", "koordinator")
    as_inst = AppContext(db=ctx.db, username="inst")
    number = certificates.issue(as_inst, pop.session, person_id=pop.kari, issued_on=DAY).issued[0].number
    other = certificates.issue(ctx, pop.session, person_id=pop.ailu, issued_on=DAY).issued[0].number
    with pytest.raises(PermissionDenied):
        checks.revoke(AppContext(db=ctx.db, username="inst2"), number, "ikke min")
    with pytest.raises(PermissionDenied):
        checks.revoke(as_inst, other, "ikke min")
    assert checks.revoke(as_inst, number, "min egen feil").revoked
    assert checks.revoke(AppContext(db=ctx.db, username="koord"), other, "koordinator").revoked


def test_c6_verify_valid_revoked_expired_invalid(ctx: AppContext, pop) -> None:
    issued = certificates.issue(ctx, pop.session, issued_on=DAY).issued
    good, bad = issued
    v = checks.verify(ctx, good.code.lower().replace("-", ""), today=date(2026, 6, 1))
    assert v.state == "valid" and v.name == "Kari Nordmann" and v.valid_until == date(2028, 3, 2)
    assert set(v.to_json()) == {"state", "number", "name", "course", "issued", "valid_until"}
    payload = checks.qr_payload(ctx, good.number)
    assert checks.verify(ctx, payload, today=date(2026, 6, 1)).state == "valid"
    assert checks.verify(ctx, payload, today=date(2028, 3, 2)).state == "valid"  # last valid day
    assert checks.verify(ctx, payload, today=date(2028, 3, 3)).state == "expired"
    checks.revoke(ctx, bad.number, "Deltok ikke")
    assert checks.verify(ctx, bad.code, today=date(2026, 6, 1)).state == "revoked"
    assert checks.verify(ctx, checks.qr_payload(ctx, bad.number)).state == "revoked"
    prefix, body, sig = payload.split(".")
    other = checks.qr_payload(ctx, bad.number).split(".")[1]
    assert checks.verify(ctx, ".".join([prefix, other, sig])).state == "invalid"
    assert checks.verify(ctx, "ZZZZ-ZZZZ-ZZZZ").state == "invalid"
    assert checks.verify(ctx, "tull").state == "invalid"


def test_c6_database_edit_of_a_certificate_makes_its_code_invalid(ctx: AppContext, pop) -> None:
    good = certificates.issue(ctx, pop.session, person_id=pop.kari, issued_on=DAY).issued[0]
    with ctx.db.write() as s:  # bypass the ORM guard, as a hand-edit in the database would
        s.execute(Certificate.__table__.update().values(person_name="Falsk Navn"))
    assert checks.verify(ctx, good.code).state == "invalid"


def test_c6_payload_from_unknown_site_is_invalid_until_its_key_is_trusted(ctx: AppContext, pop, tmp_path,
                                                                        monkeypatch) -> None:
    monkeypatch.setenv(signing.ENV_KEY_DIR, str(tmp_path / "site_b"))
    foreign = signing.load_or_create_signing_key()
    payload = signing.make_payload(signing.SignedFacts(
        "2026-000999", "Ekstern Person", "NN-RT", "Nødnett", DAY, None, foreign.key_id), foreign)
    monkeypatch.setenv(signing.ENV_KEY_DIR, str(tmp_path / "site_a"))
    assert checks.verify(ctx, payload).state == "invalid"
    (tmp_path / "site_a" / "trusted").mkdir(parents=True)
    signing.export_public_key(tmp_path / "site_a" / "trusted" / "b.pem", tmp_path / "site_b")
    result = checks.verify(ctx, payload)
    assert result.state == "valid" and "finnes ikke i denne databasen" in result.message


def test_c6_pcs_sharing_a_database_verify_each_others_certificates(ctx: AppContext, pop, tmp_path,
                                                                   monkeypatch) -> None:
    monkeypatch.setenv(signing.ENV_KEY_DIR, str(tmp_path / "pc1"))
    code = certificates.issue(ctx, pop.session, person_id=pop.kari, issued_on=DAY).issued[0].code
    monkeypatch.setenv(signing.ENV_KEY_DIR, str(tmp_path / "pc2"))  # another PC, its own key
    assert checks.verify(ctx, code).state == "valid"


def test_c5_credentials_include_live_certificates_only(ctx: AppContext, pop) -> None:
    number = certificates.issue(ctx, pop.session, person_id=pop.kari, issued_on=DAY).issued[0].number
    with ctx.db.read() as s:
        found = credentials_for(s, pop.kari, pop.course_type)
    assert [(c.kind, c.ref, c.valid_until) for c in found] == [("kursbevis", number, date(2028, 3, 2))]
    checks.revoke(ctx, number, "feil")
    with ctx.db.read() as s:
        assert credentials_for(s, pop.kari, pop.course_type) == []


def test_issuing_is_audited(ctx: AppContext, pop) -> None:
    from helsestudio.services import audit

    certificates.issue(ctx, pop.session, person_id=pop.kari, issued_on=DAY)
    checks.revoke(ctx, "2026-000001", "test")
    with ctx.db.read() as s:
        actions = [e.action for e in audit.history(s, "certificate", "2026-000001")]
    assert actions == ["certificate.issue", "certificate.revoke"]


def test_c6_a_name_no_shipped_font_can_print_is_refused_not_printed_as_boxes(ctx: AppContext, pop) -> None:
    from helsestudio.models import Person

    with ctx.db.write() as s:
        s.get(Person, pop.kari).name = "สมชาย ใจดี"
    result = certificates.issue(ctx, pop.session, issued_on=DAY)
    refused = {n.person_id: n.reason for n in result.not_eligible}
    assert "latinske bokstaver" in refused[pop.kari]
    assert [i.person_id for i in result.issued] == [pop.ailu]


def test_c5_validity_runs_from_the_course_not_from_a_late_issue_or_a_correction(ctx: AppContext, pop) -> None:
    late = date(DAY.year, DAY.month + 1, DAY.day)  # printed a month after the course
    certificates.issue(ctx, pop.session, person_id=pop.ailu, issued_on=late)
    first = checks.get_certificate(ctx, "2026-000001")
    assert first.issued_on == late and first.valid_until == date(2028, 3, 2)
    checks.revoke(ctx, first.number, "Feil utstyr registrert")
    certificates.issue(ctx, pop.session, person_id=pop.ailu, issued_on=date(DAY.year, DAY.month + 2, 1))
    correction = checks.get_certificate(ctx, "2026-000002")
    assert correction.replaces_number == first.number
    assert correction.valid_until == first.valid_until  # a correction does not extend C5 validity
