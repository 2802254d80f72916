"""Course sessions (a course type held on given dates), instructors (C4), capacity,
activity registration (C9) and enrolment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helsestudio.models import (
    Booking,
    CourseSession,
    CourseType,
    Enrolment,
    Person,
    SessionInstructor,
)
from helsestudio.services import audit, course_validation
from helsestudio.services.auth import Permission, require
from helsestudio.services.completions import session_days, teaching_minutes
from helsestudio.services.course_types import by_code_in
from helsestudio.services.credentials import instructor_qualified_in
from helsestudio.services.errors import InvalidInput, NotFound, RuleViolation
from helsestudio.services.people import get_person_in

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

# C9: the kinds of learning activity counted in the activity report.
ACTIVITY_TYPES = {
    "kurs": "Kurs",
    "simulering": "Simulering",
    "ferdighetstrening": "Ferdighetstrening",
    "webinar": "Webinar",
    "veiledning": "Veiledning",
}
FIELDS = ("course_type_id", "start", "end", "place", "booking_id", "capacity", "activity_type",
           "region")


@dataclass(frozen=True)
class SessionInput:
    course_type: str  # code
    start: datetime
    end: datetime
    instructors: tuple[int, ...]
    place: str = ""
    booking_id: int | None = None
    capacity: int | None = None
    activity_type: str = "kurs"
    region: str = ""
    notes: str = ""


@dataclass(frozen=True)
class EnrolmentRow:
    id: int
    session_id: int
    person_id: int
    equipment: str | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "session_id": self.session_id, "person_id": self.person_id,
                "equipment": self.equipment}


@dataclass(frozen=True)
class SessionInfo:
    """The session's own fields (C9 included), without participants."""

    id: int
    course_type_id: int
    course_type: str  # code
    course_name: str
    start: datetime
    end: datetime
    place: str
    booking_id: int | None
    capacity: int | None
    activity_type: str
    region: str
    version: int
    instructors: list[tuple[int, str]] = field(default_factory=list)
    enrolled: int = 0

    @property
    def duration_minutes(self) -> int:
        return teaching_minutes(self.start, self.end)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.enrolled >= self.capacity


def parse_activity_type(raw: str) -> str:
    value = (raw or "kurs").strip().lower()
    if value not in ACTIVITY_TYPES:
        raise InvalidInput(f"Ukjent aktivitetstype «{raw}»: bruk {', '.join(ACTIVITY_TYPES)}")
    return value


def check_instructors_in(session: Session, course: CourseType, person_ids: tuple[int, ...],
                         start: datetime, end: datetime) -> None:
    """C4: every instructor holds a valid qualifying credential on every session day."""
    if not person_ids:
        raise InvalidInput("Et kurs må ha minst én instruktør (--instructor PERSON_ID)")
    for person_id in dict.fromkeys(person_ids):
        get_person_in(session, person_id)
        for day in session_days(start, end):
            ok, reason = instructor_qualified_in(session, person_id, course.id, day)
            if not ok:
                raise RuleViolation("C4", reason)


def info_in(session: Session, cs: CourseSession) -> SessionInfo:
    course = session.get(CourseType, cs.course_type_id)
    assert course is not None
    instructors = session.execute(
        select(Person.id, Person.name).join(SessionInstructor, SessionInstructor.person_id == Person.id)
        .where(SessionInstructor.session_id == cs.id).order_by(Person.name)
    ).all()
    enrolled = session.scalar(select(func.count()).select_from(Enrolment)
                              .where(Enrolment.session_id == cs.id)) or 0
    return SessionInfo(cs.id, course.id, course.code, course.name, cs.start, cs.end, cs.place,
                       cs.booking_id, cs.capacity, cs.activity_type, cs.region, cs.version,
                       [(i, n) for i, n in instructors], enrolled)


def get_session_in(session: Session, session_id: int, *, lock: bool = False) -> CourseSession:
    stmt = select(CourseSession).where(CourseSession.id == session_id)
    # On PostgreSQL the row lock serialises enrolments, so two PCs cannot both take the last seat
    # (SQLite's BEGIN IMMEDIATE already does).
    found = session.scalar(stmt.with_for_update() if lock else stmt)
    if found is None:
        raise NotFound(f"Fant ikke kurs med id {session_id}")
    return found


def validated_fields(session: Session, data: SessionInput) -> dict[str, object]:
    """The session's columns from `data`, every check except C4 done (add and edit share it)."""
    course = by_code_in(session, data.course_type)
    if data.end <= data.start:
        raise InvalidInput("Slutt må være etter start: sjekk datoene og klokkeslettene")
    if len(session_days(data.start, data.end)) > 14:
        raise InvalidInput("Et kurs kan vare høyst 14 dager: del det opp i flere kurs")
    if data.booking_id is not None and session.get(Booking, data.booking_id) is None:
        raise NotFound(f"Fant ingen Studio 2037-booking med id {data.booking_id}")
    return {
        "course_type_id": course.id, "start": data.start, "end": data.end,
        "place": course_validation.text("Stedet", data.place), "booking_id": data.booking_id,
        "capacity": course_validation.positive_int("Kapasiteten", data.capacity),
        "activity_type": parse_activity_type(data.activity_type),
        "region": course_validation.text("Region/HF", data.region, max_len=100),
        "notes": course_validation.long_text("Merknaden", data.notes),
    }


def add_session_in(session: Session, actor: str, data: SessionInput) -> CourseSession:
    require(session, actor, Permission.RUN_SESSIONS)
    cs = CourseSession(**validated_fields(session, data), created_by=actor)
    course = session.get(CourseType, cs.course_type_id)
    assert course is not None
    check_instructors_in(session, course, data.instructors, data.start, data.end)
    session.add(cs)
    session.flush()
    for person_id in dict.fromkeys(data.instructors):
        session.add(SessionInstructor(session_id=cs.id, person_id=person_id))
    audit.record(session, actor=actor, action="session.add", entity="course_session",
                 entity_id=cs.id, after={**audit.snapshot(cs, FIELDS),
                                         "instructors": list(data.instructors)})
    return cs


def add_session(ctx: AppContext, data: SessionInput) -> SessionInfo:
    with ctx.db.write() as session:
        cs = add_session_in(session, ctx.username, data)
        session.flush()
        return info_in(session, cs)


def enrol_in(session: Session, actor: str, session_id: int, person_id: int,
             equipment: str | None = None) -> Enrolment:
    require(session, actor, Permission.RUN_SESSIONS)
    cs = get_session_in(session, session_id, lock=True)
    person = get_person_in(session, person_id)
    course = session.get(CourseType, cs.course_type_id)
    assert course is not None
    if session.scalar(select(Enrolment.id).where(Enrolment.session_id == cs.id,
                                                 Enrolment.person_id == person.id)):
        raise InvalidInput(f"{person.name} er allerede påmeldt dette kurset")
    count = session.scalar(select(func.count()).select_from(Enrolment)
                           .where(Enrolment.session_id == cs.id)) or 0
    if cs.capacity is not None and count >= cs.capacity:
        raise RuleViolation("KAPASITET", (
            f"Kurset er fullt ({count} av {cs.capacity} plasser): {person.name} ble ikke påmeldt. "
            "Øk kapasiteten eller meld personen på et annet kurs"))
    chosen = course_validation.text("Utstyrstypen", equipment, max_len=100) or None
    if chosen is not None:
        known = {e.casefold(): e for e in course.equipment or []}
        if chosen.casefold() not in known:
            listed = ", ".join(course.equipment or []) or "ingen"
            raise InvalidInput(f"«{chosen}» er ikke en utstyrstype for «{course.name}» (kjente: {listed})")
        chosen = known[chosen.casefold()]
    enrolment = Enrolment(session_id=cs.id, person_id=person.id, equipment=chosen)
    session.add(enrolment)
    session.flush()
    audit.record(session, actor=actor, action="session.enrol", entity="course_session",
                 entity_id=cs.id, after={"person_id": person.id, "equipment": chosen})
    return enrolment


def enrol(ctx: AppContext, session_id: int, person_id: int, equipment: str | None = None) -> EnrolmentRow:
    with ctx.db.write() as session:
        e = enrol_in(session, ctx.username, session_id, person_id, equipment)
        return EnrolmentRow(e.id, e.session_id, e.person_id, e.equipment)


def list_sessions(ctx: AppContext, search: str = "", course_type_id: int | None = None,
                  first: datetime | None = None, last: datetime | None = None) -> list[SessionInfo]:
    """Sessions, newest first, filtered by course name/code/place, type and period [first, last)."""
    with ctx.db.read() as session:
        stmt = select(CourseSession).join(CourseType, CourseType.id == CourseSession.course_type_id)
        if course_type_id is not None:
            stmt = stmt.where(CourseSession.course_type_id == course_type_id)
        if first is not None:
            stmt = stmt.where(CourseSession.end > first)
        if last is not None:
            stmt = stmt.where(CourseSession.start < last)
        if search.strip():
            pattern = search.strip()
            stmt = stmt.where(CourseType.name.icontains(pattern, autoescape=True)
                              | CourseType.code.icontains(pattern, autoescape=True)
                              | CourseSession.place.icontains(pattern, autoescape=True))
        rows = session.scalars(stmt.order_by(CourseSession.start.desc()).limit(500))
        return [info_in(session, cs) for cs in rows]


@dataclass(frozen=True)
class ActivityLine:
    """C9: learning activity counted per type and region/HF."""

    activity_type: str
    region: str
    sessions: int
    participants: int
    hours: float  # teaching hours summed over sessions (not multiplied by participants)

    def to_json(self) -> dict[str, object]:
        return {"activity_type": self.activity_type, "region": self.region,
                "sessions": self.sessions, "participants": self.participants,
                "hours": round(self.hours, 2)}


def activity_report(ctx: AppContext, first: datetime, last: datetime) -> list[ActivityLine]:
    """Sessions starting in [first, last) counted by activity type and region (C9)."""
    with ctx.db.read() as session:
        counts = (select(Enrolment.session_id, func.count().label("n"))
                  .group_by(Enrolment.session_id).subquery())
        rows = session.execute(
            select(CourseSession.activity_type, CourseSession.region, CourseSession.start,
                   CourseSession.end, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.session_id == CourseSession.id)
            .where(CourseSession.start >= first, CourseSession.start < last)).all()
    totals: dict[tuple[str, str], list[float]] = {}
    for activity, region, start, end, n in rows:
        line = totals.setdefault((activity, region), [0, 0, 0.0])
        line[0] += 1
        line[1] += n
        line[2] += teaching_minutes(start, end) / 60
    return [ActivityLine(a, r, int(v[0]), int(v[1]), v[2]) for (a, r), v in sorted(totals.items())]
