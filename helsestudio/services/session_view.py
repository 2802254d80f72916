"""The session page / `session show`: every participant with components, eligibility and
what is missing, read in a fixed number of queries however many participants there are."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Completion, CourseType, Enrolment, Person
from helsestudio.services.completions import Eligibility, evaluate, session_days
from helsestudio.services.course_sessions import SessionInfo, get_session_in, info_in
from helsestudio.services.people import sort_key
from helsestudio.services.timeutil import iso_local

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext


@dataclass(frozen=True)
class ParticipantRow:
    enrolment_id: int
    person_id: int
    name: str
    email: str
    equipment: str | None
    eligibility: Eligibility

    def components_json(self) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = {}
        for state in self.eligibility.components:
            item: dict[str, object] = {
                "done": state.done,
                "completed_on": state.completed_on.isoformat() if state.completed_on else None,
                "evidence": state.evidence,
            }
            if state.component == "attendance":
                item["days"] = [d.isoformat() for d in state.attended]
            if state.component == "assessment":
                item["passed"] = state.passed
            out[state.component] = item
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "person_id": self.person_id, "name": self.name, "enrolment_id": self.enrolment_id,
            "equipment": self.equipment, "components": self.components_json(),
            "eligible": self.eligibility.eligible, "missing": list(self.eligibility.missing),
        }


@dataclass(frozen=True)
class SessionDetail:
    info: SessionInfo
    days: list[date]
    required: list[str]
    participants: list[ParticipantRow]
    equipment: list[str] = field(default_factory=list)  # kinds the course type trains on (C3)

    @property
    def complete_count(self) -> int:
        return sum(1 for p in self.participants if p.eligibility.eligible)

    def to_json(self) -> dict[str, object]:
        info = self.info
        return {
            "id": info.id,
            "course_type": info.course_type,
            "course_name": info.course_name,
            "start": iso_local(info.start),
            "end": iso_local(info.end),
            "instructors": [{"person_id": pid, "name": name} for pid, name in info.instructors],
            "participants": [p.to_json() for p in self.participants],
            "place": info.place,
            "booking_id": info.booking_id,
            "capacity": info.capacity,
            "activity_type": info.activity_type,
            "region": info.region,
            "duration_minutes": info.duration_minutes,
            "participant_count": len(self.participants),
            "days": [d.isoformat() for d in self.days],
            "requires": self.required,
            "version": info.version,
        }


def session_detail_in(session: Session, session_id: int) -> SessionDetail:
    cs = get_session_in(session, session_id)
    course = session.get(CourseType, cs.course_type_id)
    assert course is not None
    days = session_days(cs.start, cs.end)
    required = course.required_components()
    enrolments = session.execute(
        select(Enrolment, Person).join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.session_id == cs.id).order_by(Person.name, Person.id)
    ).all()
    by_enrolment: dict[int, list[Completion]] = defaultdict(list)
    ids = [e.id for e, _ in enrolments]
    if ids:
        for row in session.scalars(select(Completion).where(Completion.enrolment_id.in_(ids))):
            by_enrolment[row.enrolment_id].append(row)
    participants = sorted(
        (ParticipantRow(e.id, p.id, p.name, p.email, e.equipment,
                        evaluate(required, days, by_enrolment[e.id])) for e, p in enrolments),
        key=lambda r: (sort_key(r.name), r.person_id),
    )
    return SessionDetail(info_in(session, cs), days, required, participants,
                         list(course.equipment or []))


def session_detail(ctx: AppContext, session_id: int) -> SessionDetail:
    with ctx.db.read() as session:
        return session_detail_in(session, session_id)
