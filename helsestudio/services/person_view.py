"""The person page: all of a person's courses, qualifications and statuses (C5) on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from helsestudio.models import (
    CourseSession,
    CourseType,
    Enrolment,
    ExternalQualification,
    SessionInstructor,
)
from helsestudio.services import settings
from helsestudio.services.credentials import Credential, credentials_for, requirement_status
from helsestudio.services.people import PersonRow, get_person_in, row_of
from helsestudio.services.session_view import session_detail_in

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext


@dataclass(frozen=True)
class PersonCourse:
    session_id: int
    course_name: str
    start: datetime
    eligible: bool
    reasons: list[str]


@dataclass(frozen=True)
class PersonStatus:
    course_type: str  # code
    course_name: str
    status: str
    credential: Credential | None
    held: list[Credential]


@dataclass(frozen=True)
class PersonDetail:
    person: PersonRow
    on: date
    courses: list[PersonCourse]
    statuses: list[PersonStatus]
    instructs: list[int]  # session ids


def person_detail(ctx: AppContext, person_id: int, on: date) -> PersonDetail:
    with ctx.db.read() as session:
        person = get_person_in(session, person_id)
        session_ids = list(session.scalars(
            select(Enrolment.session_id).join(CourseSession, CourseSession.id == Enrolment.session_id)
            .where(Enrolment.person_id == person_id).order_by(CourseSession.start.desc())))
        courses = []
        for sid in session_ids:
            detail = session_detail_in(session, sid)
            mine = next(p for p in detail.participants if p.person_id == person_id)
            courses.append(PersonCourse(sid, detail.info.course_name, detail.info.start,
                                        mine.eligibility.eligible, mine.eligibility.reasons))
        type_ids = set(session.scalars(select(ExternalQualification.course_type_id)
                                       .where(ExternalQualification.person_id == person_id)))
        type_ids |= set(session.scalars(
            select(CourseSession.course_type_id).join(Enrolment, Enrolment.session_id == CourseSession.id)
            .where(Enrolment.person_id == person_id)))
        window = int(settings.get_in(session, "expiring_window_days"))
        statuses = []
        for ct in session.scalars(select(CourseType).where(CourseType.id.in_(type_ids))
                                  .order_by(CourseType.name)):
            state, best = requirement_status(session, person_id, ct.id, on, window)
            statuses.append(PersonStatus(ct.code, ct.name, state, best,
                                         credentials_for(session, person_id, ct.id)))
        instructs = list(session.scalars(select(SessionInstructor.session_id)
                                         .where(SessionInstructor.person_id == person_id)))
        return PersonDetail(row_of(session, person), on, courses, statuses, instructs)
