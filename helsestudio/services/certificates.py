"""Issuing certificates (kursbevis) for a session or one participant (C2, C4, C6).

Issuing is a generator (`issue_steps`) that yields progress and returns an
`IssueResult`: the UI drives it with a Cancel button, the CLI runs it to the
end. The whole batch is one transaction, so cancelling (closing the
generator) or any error leaves the database exactly as it was, numbers
included. Verification and revocation live in certificate_checks.py.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from helsestudio.models import (
    Certificate,
    CourseSession,
    CourseType,
    Enrolment,
    Person,
    SessionInstructor,
    SigningKeyRecord,
    Unit,
)
from helsestudio.services import audit, certificate_numbers, settings, signing
from helsestudio.services.auth import Permission, require
from helsestudio.services.certificate_text import unprintable
from helsestudio.services.completions import eligibility_in, find_enrolment, session_days
from helsestudio.services.course_types import valid_until_for
from helsestudio.services.credentials import instructor_qualified_in
from helsestudio.services.errors import DatabaseUnavailable, InvalidInput, NotFound, RuleViolation
from helsestudio.services.people import sort_key
from helsestudio.services.timeutil import format_date_nb, oslo_date

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

RETRIES = 5
_RETRY_SQLSTATES = {"40P01", "40001"}  # deadlock, serialization failure (shared/NOTES.md)


@dataclass(frozen=True)
class Issued:
    number: str
    person_id: int
    code: str
    person_name: str

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "person_id": self.person_id, "code": self.code}


@dataclass(frozen=True)
class NotEligible:
    person_id: int
    person_name: str
    missing: list[str]
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "missing": list(self.missing), "reason": self.reason}


@dataclass(frozen=True)
class IssueResult:
    issued: list[Issued] = field(default_factory=list)
    not_eligible: list[NotEligible] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"issued": [i.to_json() for i in self.issued],
                "not_eligible": [n.to_json() for n in self.not_eligible]}


@dataclass(frozen=True)
class IssueProgress:
    done: int
    total: int
    person_name: str


def today_oslo() -> date:
    return oslo_date(datetime.now(UTC))


def _pick_instructor(s: Session, course_session: CourseSession, instructor_id: int | None,
                     on: date) -> tuple[Person, bool, str]:
    """The signing instructor and whether C4 lets them sign on the course date."""
    if instructor_id is not None:
        person = s.get(Person, instructor_id)
        if person is None:
            raise NotFound(f"Fant ingen person med id {instructor_id} (instruktør)")
        return person, *instructor_qualified_in(s, person.id, course_session.course_type_id, on)
    ids = list(s.scalars(select(SessionInstructor.person_id)
                         .where(SessionInstructor.session_id == course_session.id)
                         .order_by(SessionInstructor.person_id)))
    if not ids:
        raise RuleViolation("C4", (
            f"Kurset {course_session.id} har ingen instruktør som kan signere kursbevisene: "
            "registrer instruktøren på kurset eller oppgi --instructor PERSON_ID"))
    first: tuple[Person, bool, str] | None = None
    for pid in ids:
        person = s.get(Person, pid)
        assert person is not None
        ok, reason = instructor_qualified_in(s, pid, course_session.course_type_id, on)
        if ok:
            return person, ok, reason
        first = first or (person, ok, reason)
    assert first is not None
    return first


def _register_key(s: Session, key: signing.SigningKey, actor: str) -> None:
    if s.get(SigningKeyRecord, key.key_id) is None:
        pem = signing.public_pem(key.private.public_key()).decode("ascii")
        s.add(SigningKeyRecord(key_id=key.key_id, public_pem=pem, first_used_by=actor))


def _live_certificate(s: Session, enrolment_id: int) -> Certificate | None:
    return s.scalar(select(Certificate).where(Certificate.enrolment_id == enrolment_id,
                                              Certificate.revoked_at.is_(None)))


def _replaced(s: Session, enrolment: Enrolment) -> Certificate | None:
    """The latest revoked certificate for this enrolment: a new one corrects it (C6)."""
    return s.scalar(select(Certificate).where(Certificate.enrolment_id == enrolment.id,
                                              Certificate.revoked_at.is_not(None))
                    .order_by(Certificate.id.desc()).limit(1))


def _snapshot(s: Session, enrolment: Enrolment, course: CourseType, course_session: CourseSession,
              components: list[dict[str, Any]], instructor: Person, issued_on: date,
              organisation: str) -> Certificate:
    person = s.get(Person, enrolment.person_id)
    assert person is not None
    unit = s.get(Unit, person.unit_id) if person.unit_id else None
    days = session_days(course_session.start, course_session.end)
    replaced = _replaced(s, enrolment)
    return Certificate(
        person_id=person.id, person_name=person.name, person_hpr=person.hpr,
        unit_name=unit.name if unit else "", course_type_id=course.id, course_code=course.code,
        course_name=course.name, outcomes=course.outcomes or "", components=components,
        equipment=enrolment.equipment, session_id=course_session.id, enrolment_id=enrolment.id,
        course_first_day=days[0], course_last_day=days[-1], place=course_session.place or "",
        instructor_id=instructor.id, instructor_name=instructor.name, organisation_name=organisation,
        issued_on=issued_on,
        # C5: validity runs from the course, not from the printing: a certificate issued
        # weeks later, or a correction after a revocation (C6), must not last longer.
        valid_until=valid_until_for(min(issued_on, days[-1]), course.validity_months),
        replaces_id=replaced.id if replaced else None,
    )


def _attempt(ctx: AppContext, key: signing.SigningKey, session_id: int, person_id: int | None,
             instructor_id: int | None, issued_on: date | None
             ) -> Generator[IssueProgress, None, IssueResult]:
    with ctx.db.write() as s:
        require(s, ctx.username, Permission.ISSUE_CERTIFICATES)
        course_session = s.get(CourseSession, session_id)
        if course_session is None:
            raise NotFound(f"Fant ingen kurs med id {session_id}")
        course = s.get(CourseType, course_session.course_type_id)
        assert course is not None
        course_day = oslo_date(course_session.start)
        today = today_oslo()
        on = issued_on or today
        if on > today:
            raise InvalidInput(f"Utstedelsesdatoen {format_date_nb(on)} er i framtiden")
        if on < course_day:
            raise InvalidInput(
                f"Kursbevis kan ikke utstedes {format_date_nb(on)}, før kurset startet "
                f"{format_date_nb(course_day)}")
        if person_id is not None:
            enrolments = [find_enrolment(s, session_id, person_id)]
        else:
            enrolments = list(s.scalars(select(Enrolment).where(Enrolment.session_id == session_id)
                                        .order_by(Enrolment.id)))
        if not enrolments:
            raise InvalidInput(f"Ingen er påmeldt kurs {session_id}: meld på deltakerne først")
        instructor, qualified, why = _pick_instructor(s, course_session, instructor_id, course_day)

        result = IssueResult()
        ready: list[tuple[Enrolment, list[dict[str, Any]]]] = []
        for enrolment in enrolments:
            name = s.get(Person, enrolment.person_id).name  # type: ignore[union-attr]
            live = _live_certificate(s, enrolment.id)
            if not qualified:
                result.not_eligible.append(NotEligible(enrolment.person_id, name, [], f"C4: {why}"))
            elif missing_glyphs := unprintable(name):
                result.not_eligible.append(NotEligible(
                    enrolment.person_id, name, [],
                    f"C6: navnet har tegn som ikke kan skrives ut på kursbeviset ({missing_glyphs}): "
                    "registrer navnet også med latinske bokstaver"))
            elif live is not None:
                result.not_eligible.append(NotEligible(
                    enrolment.person_id, name, [],
                    f"C6: har allerede kursbevis {live.number} for dette kurset (trekk det tilbake "
                    "for å utstede et rettet)"))
            else:
                state = eligibility_in(s, enrolment.id)
                if state.eligible:
                    ready.append((enrolment, [
                        {"component": c.component,
                         "completed_on": c.completed_on.isoformat() if c.completed_on else None,
                         "evidence": c.evidence} for c in state.components]))
                else:
                    result.not_eligible.append(NotEligible(
                        enrolment.person_id, name, list(state.missing),
                        "C2: " + "; ".join(state.reasons or state.missing)))
        if not ready:
            return result

        _register_key(s, key, ctx.username)
        organisation = str(settings.get_in(s, "organisation_name"))
        numbers = certificate_numbers.allocate(s, on.year, len(ready))
        for done, ((enrolment, components), number) in enumerate(zip(ready, numbers, strict=True), 1):
            cert = _snapshot(s, enrolment, course, course_session, components, instructor, on, organisation)
            facts = signing.SignedFacts(number, cert.person_name, cert.course_code, cert.course_name,
                                        on, cert.valid_until, key.key_id)
            cert.number = number
            cert.payload = signing.make_payload(facts, key)
            cert.code = signing.code_from_signature(signing.payload_signature(cert.payload))
            cert.key_id = key.key_id
            cert.issued_by = ctx.username
            s.add(cert)
            s.flush()
            audit.record(s, actor=ctx.username, action="certificate.issue", entity="certificate",
                         entity_id=number, after={"person_id": cert.person_id, "session_id": session_id,
                                                  "replaces_id": cert.replaces_id, "code": cert.code})
            result.issued.append(Issued(number, cert.person_id, cert.code, cert.person_name))
            yield IssueProgress(done, len(ready), cert.person_name)
        return result


def _is_conflict(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    cause = exc.__cause__
    orig = getattr(cause, "orig", None)
    return isinstance(exc, DatabaseUnavailable) and getattr(orig, "sqlstate", None) in _RETRY_SQLSTATES


def issue_steps(ctx: AppContext, session_id: int, person_id: int | None = None,
                instructor_id: int | None = None, issued_on: date | None = None
                ) -> Generator[IssueProgress, None, IssueResult]:
    """Issue for a whole session (or one person in it), yielding progress; all-or-nothing.

    Another PC issuing for the same session at the same moment makes one of the
    two transactions fail on a unique index; it is simply run again and then
    sees the certificates the other one issued.
    """
    key = signing.load_or_create_signing_key()
    for attempt in range(RETRIES):
        try:
            return (yield from _attempt(ctx, key, session_id, person_id, instructor_id, issued_on))
        except (IntegrityError, DatabaseUnavailable) as exc:
            if attempt == RETRIES - 1 or not _is_conflict(exc):
                raise
    raise AssertionError("unreachable")


def run_to_end(steps: Generator[IssueProgress, None, IssueResult]) -> IssueResult:
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


def issue(ctx: AppContext, session_id: int, person_id: int | None = None,
          instructor_id: int | None = None, issued_on: date | None = None) -> IssueResult:
    return run_to_end(issue_steps(ctx, session_id, person_id, instructor_id, issued_on))


@dataclass(frozen=True)
class ParticipantStatus:
    """One participant as the Kursbevis page shows them before (and after) issuing."""

    person_id: int
    name: str
    eligible: bool
    certificate: str | None  # the live certificate's number, if any
    detail: str  # what is missing, or "" when complete


@dataclass(frozen=True)
class SessionReadiness:
    instructor: str
    instructor_ok: bool
    instructor_reason: str
    participants: list[ParticipantStatus]


def session_readiness(ctx: AppContext, session_id: int, instructor_id: int | None = None
                      ) -> SessionReadiness:
    """Who would get a certificate now, and why not (C2, C4); writes nothing."""
    with ctx.db.read() as s:
        course_session = s.get(CourseSession, session_id)
        if course_session is None:
            raise NotFound(f"Fant ingen kurs med id {session_id}")
        try:
            person, ok, why = _pick_instructor(s, course_session, instructor_id,
                                               oslo_date(course_session.start))
            instructor = person.name
        except RuleViolation as exc:
            instructor, ok, why = "", False, exc.detail
        rows = []
        stmt = (select(Enrolment, Person.name).join(Person, Person.id == Enrolment.person_id)
                .where(Enrolment.session_id == session_id).order_by(Person.name))
        for enrolment, name in s.execute(stmt):
            live = _live_certificate(s, enrolment.id)
            state = eligibility_in(s, enrolment.id)
            rows.append(ParticipantStatus(enrolment.person_id, name, state.eligible,
                                          live.number if live else None, "; ".join(state.reasons)))
        rows.sort(key=lambda r: (sort_key(r.name), r.person_id))  # «Ægir» after «Zofia», «Čáhppes» with C
        return SessionReadiness(instructor, ok, why, rows)
