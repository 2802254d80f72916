"""Courses: rules C1–C5 and C9 through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from helsestudio.models import AuditEntry
from helsestudio.services import (
    certificates,
    completions,
    course_sessions,
    course_types,
    courses,
    people,
    qualifications,
    session_view,
    settings,
    users,
)
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import SessionInput
from helsestudio.services.course_types import CourseTypeInput
from helsestudio.services.errors import InvalidInput, PermissionDenied, RuleViolation
from helsestudio.services.timeutil import parse_datetime


@dataclass
class Setup:
    instructor: int
    participant: int
    course_id: int
    qualification_id: int


def _setup(ctx: AppContext, *, qualified_until: date | None = date(2026, 6, 1)) -> Setup:
    qual = course_types.add_course_type(ctx, CourseTypeInput(
        code="INSTR", name="Nødnett instruktørkurs kontrollrom", validity_months=24))
    course = course_types.add_course_type(ctx, CourseTypeInput(
        code="BRUKER", name="Nødnett brukerkurs radioterminal",
        requires=("elearning", "attendance", "assessment"), instructor_qualification="INSTR",
        outcomes="Kan bruke radioterminalen\nKan gjøre gruppeoppkall", validity_months=24,
        equipment=("Sepura STP9000", "Motorola MTP6650")))
    teacher = people.add_person(ctx, "Áile Ŋuvvon-Somby", "aile@example.no", "Helse Bergen > AMK")
    learner = people.add_person(ctx, "Zofia Wójcik-Łęcka", "zofia@example.no", "Bergen kommune",
                                "7654321")
    if qualified_until is not None:
        qualifications.add_external_qualification(
            ctx, teacher.id, "INSTR", date(2024, 6, 2), qualified_until, "Nasjonalt (DSB)")
    return Setup(teacher.id, learner.id, course.id, qual.id)


def _session(ctx: AppContext, s: Setup, start: str = "2026-03-03T09:00",
             end: str = "2026-03-04T15:00", capacity: int | None = None) -> int:
    info = course_sessions.add_session(ctx, SessionInput(
        course_type="BRUKER", start=parse_datetime(start), end=parse_datetime(end),
        instructors=(s.instructor,), place="Studio 2037", capacity=capacity,
        activity_type="simulering", region="Helse Bergen"))
    return info.id


def test_c1_course_type_keeps_outcomes_components_equipment_validity_and_qualification(
    ctx: AppContext,
) -> None:
    s = _setup(ctx)
    row = course_types.get_course_type(ctx, s.course_id)
    assert row.outcomes == ["Kan bruke radioterminalen", "Kan gjøre gruppeoppkall"]
    assert row.requires == ["elearning", "attendance", "assessment"]
    assert row.equipment == ["Sepura STP9000", "Motorola MTP6650"]
    assert (row.validity_months, row.instructor_qualification) == (24, "INSTR")
    with pytest.raises(InvalidInput, match="allerede brukt"):
        course_types.add_course_type(ctx, CourseTypeInput(code="bruker", name="Dobbel"))
    with pytest.raises(InvalidInput, match="Fant ingen kurstype"):
        course_types.add_course_type(ctx, CourseTypeInput(
            code="X", name="X", instructor_qualification="FINNESIKKE"))


def test_c1_course_type_edit_is_refused_when_someone_else_saved_first(ctx: AppContext) -> None:
    s = _setup(ctx)
    data = CourseTypeInput(code="BRUKER", name="Nytt navn", requires=("attendance",))
    course_types.update_course_type(ctx, s.course_id, 1, data)
    with pytest.raises(RuleViolation, match=r"er endret av \S+ kl\. \d\d:\d\d"):
        course_types.update_course_type(ctx, s.course_id, 1, data)


def test_c2_eligible_only_when_all_components_complete_and_missing_is_named(ctx: AppContext) -> None:
    s = _setup(ctx)
    sid = _session(ctx, s)
    course_sessions.enrol(ctx, sid, s.participant, "Sepura STP9000")

    def elig() -> courses.Eligibility:
        detail = session_view.session_detail(ctx, sid)
        with ctx.db.read() as session:
            direct = courses.eligibility_in(session, detail.participants[0].enrolment_id)
        assert direct == detail.participants[0].eligibility  # one rule, two read paths
        return direct

    assert elig().missing == ["elearning", "attendance", "assessment"]
    completions.record_completion(ctx, sid, s.participant, "elearning", date(2026, 2, 20), "LMS-4711")
    completions.record_completion(ctx, sid, s.participant, "attendance", date(2026, 3, 3))
    state = elig()
    assert state.missing == ["attendance", "assessment"]
    assert "4. mars 2026" in state.reasons[0]  # the day not attended is named
    completions.record_completion(ctx, sid, s.participant, "attendance", date(2026, 3, 4))
    completions.record_completion(ctx, sid, s.participant, "assessment", date(2026, 3, 4),
                                  passed=False)
    assert elig().missing == ["assessment"]
    assert "ikke bestått" in elig().reasons[0]
    completions.record_completion(ctx, sid, s.participant, "assessment", date(2026, 3, 4))
    final = elig()
    assert final.eligible and final.missing == []
    assert final.component("elearning") == courses.ComponentState(
        "elearning", True, date(2026, 2, 20), "LMS-4711", passed=True)


def test_c2_elearning_needs_lms_certificate_number_and_attendance_a_session_day(
    ctx: AppContext,
) -> None:
    s = _setup(ctx)
    sid = _session(ctx, s)
    course_sessions.enrol(ctx, sid, s.participant)
    with pytest.raises(InvalidInput, match="kursbevisnummeret"):
        completions.record_completion(ctx, sid, s.participant, "elearning", date(2026, 2, 1))
    with pytest.raises(InvalidInput, match="ikke en kursdag"):
        completions.record_completion(ctx, sid, s.participant, "attendance", date(2026, 3, 5))
    with pytest.raises(InvalidInput, match="ikke påmeldt"):
        completions.record_completion(ctx, sid, s.instructor, "attendance", date(2026, 3, 3))


def test_c2_a_completion_dated_in_the_future_is_refused(ctx: AppContext) -> None:
    """C2/C6: a typo such as 2099 must not reach the certificate, which can never be edited."""
    s = _setup(ctx)
    sid = _session(ctx, s)
    course_sessions.enrol(ctx, sid, s.participant)
    tomorrow = certificates.today_oslo() + timedelta(days=1)
    for component in ("elearning", "assessment"):
        with pytest.raises(InvalidInput, match="fram i tid"):
            completions.record_completion(ctx, sid, s.participant, component, tomorrow, "LMS-1")
    with pytest.raises(InvalidInput, match="fram i tid"):
        completions.record_completion(ctx, sid, None, "elearning", date(2099, 1, 1), "LMS-1")
    assert session_view.session_detail(ctx, sid).participants[0].eligibility.missing == [
        "elearning", "attendance", "assessment"]


def test_c2_unticking_attendance_makes_the_participant_incomplete_again(ctx: AppContext) -> None:
    s = _setup(ctx)
    sid = _session(ctx, s, end="2026-03-03T15:00")
    course_sessions.enrol(ctx, sid, s.participant)
    completions.record_completion(ctx, sid, None, "attendance", date(2026, 3, 3))
    assert "attendance" not in session_view.session_detail(ctx, sid).participants[0].eligibility.missing
    completions.record_completion(ctx, sid, None, "attendance", date(2026, 3, 3), passed=False)
    assert "attendance" in session_view.session_detail(ctx, sid).participants[0].eligibility.missing


def test_c3_enrolment_equipment_must_be_one_the_course_trains_on(ctx: AppContext) -> None:
    s = _setup(ctx)
    sid = _session(ctx, s)
    with pytest.raises(InvalidInput, match="ikke en utstyrstype"):
        course_sessions.enrol(ctx, sid, s.participant, "Nokia 3310")
    row = course_sessions.enrol(ctx, sid, s.participant, "motorola mtp6650")
    assert row.equipment == "Motorola MTP6650"


def test_c4_session_refused_when_instructor_qualification_is_missing(ctx: AppContext) -> None:
    s = _setup(ctx, qualified_until=None)
    with pytest.raises(RuleViolation) as err:
        _session(ctx, s)
    assert err.value.rule == "C4" and "har ikke" in err.value.detail
    assert course_sessions.list_sessions(ctx) == []


def test_c4_a_qualification_gained_after_the_course_day_is_named_as_such(ctx: AppContext) -> None:
    s = _setup(ctx)  # instructor qualified from 2 June 2024
    with ctx.db.read() as session:
        ok, reason = courses.instructor_qualified_in(session, s.instructor, s.course_id, date(2024, 5, 20))
    assert not ok and "først 2. juni 2024, etter 20. mai 2024" in reason and "har ikke" not in reason


def test_c4_qualification_valid_through_its_last_day_then_expired(ctx: AppContext) -> None:
    s = _setup(ctx, qualified_until=date(2026, 3, 4))
    assert _session(ctx, s, "2026-03-03T09:00", "2026-03-04T15:00") > 0  # last day = valid-until
    with pytest.raises(RuleViolation, match="gikk ut 4. mars 2026") as err:
        _session(ctx, s, "2026-03-04T09:00", "2026-03-05T15:00")  # runs past it
    assert err.value.rule == "C4"
    with ctx.db.read() as session:
        ok, reason = courses.instructor_qualified_in(session, s.instructor, s.course_id,
                                                     date(2026, 3, 5))
    assert not ok and "må fornyes" in reason


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2024, 6, 1), "missing"),  # before it was issued
        (date(2026, 3, 2), "valid"),  # 91 days before the last valid day
        (date(2026, 3, 3), "expiring"),  # 90 days before: inside the default window
        (date(2026, 6, 1), "expiring"),  # the last valid day itself
        (date(2026, 6, 2), "expired"),
    ],
)
def test_c5_status_around_boundaries(ctx: AppContext, on: date, expected: str) -> None:
    s = _setup(ctx)
    result = qualifications.status(ctx, s.instructor, "INSTR", on)
    assert result.status == expected
    assert (result.credential is None) == (expected == "missing")


def test_c5_window_is_a_setting_and_missing_means_no_credential(ctx: AppContext) -> None:
    s = _setup(ctx)
    settings.set_value(ctx, "expiring_window_days", 30)
    assert qualifications.status(ctx, s.instructor, "INSTR", date(2026, 3, 3)).status == "valid"
    assert qualifications.status(ctx, s.instructor, "INSTR", date(2026, 5, 2)).status == "expiring"
    assert qualifications.status(ctx, s.participant, "INSTR", date(2026, 5, 2)).status == "missing"


def test_c5_newer_credential_wins_and_default_validity_from_course_type(ctx: AppContext) -> None:
    s = _setup(ctx)
    row = qualifications.add_external_qualification(
        ctx, s.instructor, "INSTR", date(2026, 5, 15), None, "Nasjonalt (DSB)")
    assert row.valid_until == date(2028, 5, 14)  # 24 months, the day before the anniversary
    assert qualifications.status(ctx, s.instructor, "INSTR", date(2026, 6, 2)).status == "valid"
    with pytest.raises(InvalidInput, match="før utstedelsesdatoen"):
        qualifications.add_external_qualification(
            ctx, s.instructor, "INSTR", date(2026, 5, 15), date(2026, 5, 1), "X")



def test_c4_a_qualification_issued_in_the_future_is_refused(ctx: AppContext) -> None:
    """C4/C5: a typo such as 2099 is refused rather than stored as a qualification not yet held."""
    s = _setup(ctx)
    tomorrow = certificates.today_oslo() + timedelta(days=1)
    with pytest.raises(InvalidInput, match="fram i tid"):
        qualifications.add_external_qualification(ctx, s.participant, "INSTR", tomorrow, None, "DSB")
    assert qualifications.status(ctx, s.participant, "INSTR", tomorrow).status == "missing"


def test_c9_session_records_activity_type_region_duration_and_count(ctx: AppContext) -> None:
    s = _setup(ctx)
    sid = _session(ctx, s, capacity=1)
    course_sessions.enrol(ctx, sid, s.participant)
    data = session_view.session_detail(ctx, sid).to_json()
    assert (data["activity_type"], data["region"]) == ("simulering", "Helse Bergen")
    assert (data["duration_minutes"], data["participant_count"]) == (720, 1)  # two days of 09:00–15:00
    with pytest.raises(InvalidInput, match="aktivitetstype"):
        course_sessions.add_session(ctx, SessionInput(
            course_type="BRUKER", start=parse_datetime("2026-03-03T09:00"),
            end=parse_datetime("2026-03-03T10:00"), instructors=(s.instructor,),
            activity_type="fotball"))


def test_full_session_refuses_enrolment(ctx: AppContext) -> None:
    s = _setup(ctx)
    sid = _session(ctx, s, capacity=1)
    course_sessions.enrol(ctx, sid, s.participant)
    with pytest.raises(RuleViolation, match="fullt") as err:
        course_sessions.enrol(ctx, sid, s.instructor)
    assert err.value.rule == "KAPASITET"
    assert session_view.session_detail(ctx, sid).info.enrolled == 1


def test_session_end_before_start_is_bad_input(ctx: AppContext) -> None:
    s = _setup(ctx)
    with pytest.raises(InvalidInput, match="Slutt må være etter start"):
        _session(ctx, s, "2026-03-03T15:00", "2026-03-03T09:00")


def test_instructor_role_cannot_record_external_qualifications(ctx: AppContext) -> None:
    s = _setup(ctx)
    users.add_user(ctx, "ingrid", "instruktor")
    as_instructor = AppContext(db=ctx.db, username="ingrid")
    with pytest.raises(PermissionDenied):
        qualifications.add_external_qualification(
            as_instructor, s.participant, "INSTR", date(2026, 1, 1), None, "Meg selv")
    sid = _session(as_instructor, s)  # but may run sessions
    course_sessions.enrol(as_instructor, sid, s.participant)
    with ctx.db.read() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.actor == "ingrid")))
    assert {"session.add", "session.enrol"} <= actions


def test_c9_activity_is_counted_per_type_and_region(ctx: AppContext) -> None:
    s = _setup(ctx)
    first = _session(ctx, s)  # simulering, Helse Bergen, 2 days of 09:00–15:00 = 12 h
    _session(ctx, s, "2026-03-10T09:00", "2026-03-10T12:00")
    course_sessions.enrol(ctx, first, s.participant)
    lines = course_sessions.activity_report(ctx, parse_datetime("2026-03-01T00:00"),
                                            parse_datetime("2026-04-01T00:00"))
    assert [ln.to_json() for ln in lines] == [{"activity_type": "simulering", "region": "Helse Bergen",
                                               "sessions": 2, "participants": 1, "hours": 15.0}]
    assert course_sessions.activity_report(ctx, parse_datetime("2026-04-01T00:00"),
                                           parse_datetime("2026-05-01T00:00")) == []


def test_session_linked_to_a_missing_booking_is_bad_input(ctx: AppContext) -> None:
    s = _setup(ctx)
    with pytest.raises(InvalidInput, match="booking med id 999"):
        course_sessions.add_session(ctx, SessionInput(
            course_type="BRUKER", start=parse_datetime("2026-03-03T09:00"),
            end=parse_datetime("2026-03-03T10:00"), instructors=(s.instructor,), booking_id=999))


def test_session_edit_rechecks_c4_capacity_and_version(ctx: AppContext) -> None:
    from helsestudio.services.session_edit import update_session

    s = _setup(ctx)  # the instructor's qualification ends 1 June 2026
    sid = _session(ctx, s, capacity=2)
    course_sessions.enrol(ctx, sid, s.participant)
    moved = SessionInput(course_type="BRUKER", start=parse_datetime("2026-05-05T09:00"),
                         end=parse_datetime("2026-05-05T15:00"), instructors=(s.instructor,),
                         place="Simuleringssenteret", capacity=2)
    info = update_session(ctx, sid, 1, moved)
    assert (info.version, info.place, info.duration_minutes) == (2, "Simuleringssenteret", 360)
    with pytest.raises(RuleViolation, match=r"er endret av \S+ kl\. \d\d:\d\d"):
        update_session(ctx, sid, 1, moved)
    too_late = SessionInput(**{**moved.__dict__, "start": parse_datetime("2026-06-02T09:00"),
                               "end": parse_datetime("2026-06-02T15:00")})
    with pytest.raises(RuleViolation) as err:
        update_session(ctx, sid, 2, too_late)
    assert err.value.rule == "C4"
    course_sessions.enrol(ctx, sid, s.instructor)
    with pytest.raises(RuleViolation, match="2 er allerede påmeldt"):
        update_session(ctx, sid, 2, SessionInput(**{**moved.__dict__, "capacity": 1}))
    assert session_view.session_detail(ctx, sid).info.version == 2  # refusals changed nothing


def test_withdrawing_frees_the_seat_but_never_once_a_certificate_rests_on_it(ctx: AppContext) -> None:
    from helsestudio.services import certificates
    from helsestudio.services.session_edit import withdraw

    s = _setup(ctx)
    sid = _session(ctx, s, end="2026-03-03T15:00", capacity=1)
    course_sessions.enrol(ctx, sid, s.participant)
    completions.record_completion(ctx, sid, s.participant, "attendance", date(2026, 3, 3))
    with pytest.raises(InvalidInput, match="Begrunnelsen"):
        withdraw(ctx, sid, s.participant, "")
    withdraw(ctx, sid, s.participant, "meldte forfall")
    assert session_view.session_detail(ctx, sid).participants == []
    course_sessions.enrol(ctx, sid, s.participant)  # the seat is free again, evidence gone
    (p,) = session_view.session_detail(ctx, sid).participants
    assert p.eligibility.missing == ["elearning", "attendance", "assessment"]
    for component, evidence in (("elearning", "LMS-1"), ("attendance", ""), ("assessment", "")):
        completions.record_completion(ctx, sid, s.participant, component, date(2026, 3, 3), evidence)
    certificates.issue(ctx, sid, s.participant, issued_on=date(2026, 3, 3))
    with pytest.raises(RuleViolation, match="trekk tilbake kursbeviset"):
        withdraw(ctx, sid, s.participant, "feil")
    assert len(session_view.session_detail(ctx, sid).participants) == 1
