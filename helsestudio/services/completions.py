"""C2: components, completions and eligibility for a certificate.

Eligibility is a pure function of the recorded data (`evaluate`), so the session
screen, the CLI and certificate issue all agree on who is complete and what the
rest are missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Completion, Component, CourseSession, CourseType, Enrolment, Person
from helsestudio.services import audit, course_validation
from helsestudio.services.auth import Permission, require
from helsestudio.services.errors import InvalidInput, NotFound
from helsestudio.services.timeutil import format_date_nb, oslo_date, to_oslo

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

COMPONENT_NB = {
    Component.ELEARNING.value: "e-læring (forkurs)",
    Component.ATTENDANCE.value: "oppmøte",
    Component.ASSESSMENT.value: "praktisk vurdering",
}


@dataclass(frozen=True)
class ComponentState:
    component: str
    done: bool
    completed_on: date | None
    evidence: str
    passed: bool | None = None  # assessment: the latest result; None = not yet assessed
    attended: tuple[date, ...] = ()  # attendance: the days present
    detail: str = ""  # what is missing, in Norwegian ("" when done)


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    missing: list[str]
    components: list[ComponentState]
    reasons: list[str] = field(default_factory=list)  # one Norwegian sentence per missing component

    def component(self, name: str) -> ComponentState | None:
        return next((c for c in self.components if c.component == name), None)


def session_days(start: datetime, end: datetime) -> list[date]:
    """The Oslo calendar days a session covers (an end at midnight does not add a day)."""
    first, last = oslo_date(start), oslo_date(end - timedelta(microseconds=1))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def teaching_minutes(start: datetime, end: datetime) -> int:
    """C9 duration: a session over several days runs from the start clock to the end clock
    each day (09:00–15:00 on 3 and 4 March is 12 hours, not 30)."""
    days = session_days(start, end)
    span = int((end - start).total_seconds() // 60)
    if len(days) == 1:
        return span
    local_start, local_end = to_oslo(start), to_oslo(end)
    daily = (local_end.hour * 60 + local_end.minute) - (local_start.hour * 60 + local_start.minute)
    return daily * len(days) if daily > 0 else span


def parse_component(raw: str) -> str:
    aliases = {"e-læring": "elearning", "elæring": "elearning", "oppmøte": "attendance",
               "vurdering": "assessment"}
    value = aliases.get(raw.strip().lower(), raw.strip().lower())
    if value not in {c.value for c in Component}:
        raise InvalidInput(f"Ukjent komponent «{raw}»: bruk elearning, attendance eller assessment")
    return value


def _latest(rows: Sequence[Completion], component: str) -> Completion | None:
    matching = [r for r in rows if r.component == component]
    return max(matching, key=lambda r: r.id) if matching else None


def _attendance(rows: Sequence[Completion], days: Sequence[date]) -> ComponentState:
    present: dict[date, bool] = {}
    for row in sorted((r for r in rows if r.component == Component.ATTENDANCE), key=lambda r: r.id):
        if row.day is not None:
            present[row.day] = row.passed
    attended = tuple(d for d in days if present.get(d))
    absent = [d for d in days if not present.get(d)]
    detail = ""
    if absent:
        detail = "oppmøte mangler " + ", ".join(format_date_nb(d) for d in absent)
    return ComponentState(
        Component.ATTENDANCE.value, not absent, max(attended) if attended else None,
        f"{len(attended)} av {len(days)} dager", attended=attended, detail=detail,
    )


def _single(rows: Sequence[Completion], component: str) -> ComponentState:
    row = _latest(rows, component)
    if row is None:
        return ComponentState(component, False, None, "", detail=f"{COMPONENT_NB[component]} mangler")
    if not row.passed:
        return ComponentState(
            component, False, row.completed_on, row.evidence, passed=False,
            detail=f"{COMPONENT_NB[component]} ikke bestått ({format_date_nb(row.completed_on)})",
        )
    return ComponentState(component, True, row.completed_on, row.evidence, passed=True)


def evaluate(required: Iterable[str], days: Sequence[date], rows: Sequence[Completion]) -> Eligibility:
    """C2: eligible only when every required component is complete; names what is missing."""
    states = [
        _attendance(rows, days) if c == Component.ATTENDANCE else _single(rows, c) for c in required
    ]
    missing = [s.component for s in states if not s.done]
    reasons = [s.detail for s in states if not s.done]
    return Eligibility(not missing, missing, states, reasons)


def eligibility_in(session: Session, enrolment_id: int) -> Eligibility:
    enrolment = session.get(Enrolment, enrolment_id)
    if enrolment is None:
        raise NotFound(f"Fant ingen påmelding med id {enrolment_id}")
    course_session = session.get(CourseSession, enrolment.session_id)
    assert course_session is not None
    course = session.get(CourseType, course_session.course_type_id)
    assert course is not None
    rows = list(session.scalars(select(Completion).where(Completion.enrolment_id == enrolment_id)))
    return evaluate(
        course.required_components(), session_days(course_session.start, course_session.end), rows
    )


def find_enrolment(session: Session, session_id: int, person_id: int) -> Enrolment:
    enrolment = session.scalar(
        select(Enrolment).where(Enrolment.session_id == session_id, Enrolment.person_id == person_id)
    )
    if enrolment is None:
        if session.get(CourseSession, session_id) is None:
            raise NotFound(f"Fant ingen kursdag/kurs med id {session_id}")
        if session.get(Person, person_id) is None:
            raise NotFound(f"Fant ingen person med id {person_id}")
        raise InvalidInput(
            f"Person {person_id} er ikke påmeldt kurs {session_id}: meld personen på først "
            f"(helsestudio enrol {session_id} {person_id})"
        )
    return enrolment


@dataclass(frozen=True)
class CompletionRecord:
    id: int
    enrolment_id: int
    person_id: int
    component: str
    completed_on: date
    passed: bool
    evidence: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "enrolment_id": self.enrolment_id,
                "person_id": self.person_id, "component": self.component,
                "completed_on": self.completed_on.isoformat(), "passed": self.passed,
                "evidence": self.evidence}


def record_completion_in(
    session: Session, actor: str, enrolment: Enrolment, component: str, on: date,
    evidence: str = "", passed: bool = True,
) -> CompletionRecord:
    """Record one component for one participant (attendance: `on` is the session day)."""
    component = parse_component(component)
    evidence = course_validation.text("Dokumentasjonen", evidence)
    course_session = session.get(CourseSession, enrolment.session_id)
    assert course_session is not None
    course = session.get(CourseType, course_session.course_type_id)
    assert course is not None
    if component not in course.required_components():
        raise InvalidInput(
            f"«{course.name}» krever ikke {COMPONENT_NB[component]}: den kan ikke registreres"
        )
    day: date | None = None
    if component == Component.ATTENDANCE:
        days = session_days(course_session.start, course_session.end)
        if on not in days:
            listed = ", ".join(format_date_nb(d) for d in days)
            raise InvalidInput(
                f"{format_date_nb(on)} er ikke en kursdag for dette kurset (kursdager: {listed})"
            )
        day = on
    if component == Component.ELEARNING and passed and not evidence:
        raise InvalidInput(
            "Fullført e-læring dokumenteres med kursbevisnummeret fra læringsportalen: "
            "oppgi det (--evidence NUMMER)"
        )
    existing = None
    if day is not None:
        existing = session.scalar(select(Completion).where(
            Completion.enrolment_id == enrolment.id, Completion.component == component,
            Completion.day == day))
    before = audit.snapshot(existing, ("completed_on", "passed", "evidence")) if existing else None
    row = existing or Completion(enrolment_id=enrolment.id, component=component, day=day)
    row.completed_on, row.evidence, row.passed, row.recorded_by = on, evidence, passed, actor
    if existing is None:
        session.add(row)
    session.flush()
    audit.record(
        session, actor=actor, action="completion.record", entity="enrolment",
        entity_id=enrolment.id, before=before,
        after={"component": component, "completed_on": on, "passed": passed, "evidence": evidence,
               "day": day},
    )
    return CompletionRecord(row.id, enrolment.id, enrolment.person_id, component, on, passed, evidence)


def record_completion(
    ctx: AppContext, session_id: int, person_id: int | None, component: str, on: date,
    evidence: str = "", passed: bool = True,
) -> list[CompletionRecord]:
    """One participant, or with `person_id=None` every enrolled participant («alle til stede»)."""
    if on > oslo_date(datetime.now(UTC)):
        # A completion is a fact about the past; a typo such as 2099 would end up on an
        # immutable certificate (C6).
        raise InvalidInput(f"{format_date_nb(on)} er fram i tid: registrer {COMPONENT_NB.get(component, component)} "
                           "når den er fullført")
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.RUN_SESSIONS)
        if person_id is not None:
            enrolments = [find_enrolment(session, session_id, person_id)]
        else:
            if session.get(CourseSession, session_id) is None:
                raise NotFound(f"Fant ingen kurs med id {session_id}")
            enrolments = list(session.scalars(
                select(Enrolment).where(Enrolment.session_id == session_id).order_by(Enrolment.id)))
            if not enrolments:
                raise InvalidInput(f"Kurs {session_id} har ingen påmeldte deltakere ennå")
        return [record_completion_in(session, ctx.username, e, component, on, evidence, passed)
                for e in enrolments]
