"""Changing a session after it was created: optimistic locking, C4 checked again for the new
dates and instructors, capacity never below the people already enrolled; withdrawing a
participant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from helsestudio.models import Certificate, Completion, CourseType, Enrolment, SessionInstructor
from helsestudio.services import audit, course_validation
from helsestudio.services.auth import Permission, require
from helsestudio.services.completions import find_enrolment
from helsestudio.services.course_sessions import (
    FIELDS,
    SessionInfo,
    SessionInput,
    check_instructors_in,
    get_session_in,
    info_in,
    validated_fields,
)
from helsestudio.services.edit_conflicts import refuse_stale_audited
from helsestudio.services.errors import InvalidInput, RuleViolation

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext


def update_session(ctx: AppContext, session_id: int, expected_version: int,
                   data: SessionInput) -> SessionInfo:
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.RUN_SESSIONS)
        cs = get_session_in(session, session_id, lock=True)
        refuse_stale_audited(session, f"Kurset #{cs.id}", entity="course_session",
                             entity_id=cs.id, found=cs.version, expected=expected_version,
                             actor=ctx.username, it="det")
        fields = validated_fields(session, data)
        enrolled = session.scalar(select(func.count()).select_from(Enrolment)
                                  .where(Enrolment.session_id == cs.id)) or 0
        if fields["course_type_id"] != cs.course_type_id and enrolled:
            raise InvalidInput("Kurstypen kan ikke byttes når noen er påmeldt: opprett et nytt kurs")
        capacity = fields["capacity"]
        if isinstance(capacity, int) and capacity < enrolled:
            raise RuleViolation("KAPASITET", f"{enrolled} er allerede påmeldt: kapasiteten kan ikke "
                                             f"settes lavere enn det ({capacity})")
        course = session.get(CourseType, fields["course_type_id"])
        assert course is not None
        check_instructors_in(session, course, data.instructors, data.start, data.end)
        before = audit.snapshot(cs, FIELDS)
        before["instructors"] = sorted(session.scalars(
            select(SessionInstructor.person_id).where(SessionInstructor.session_id == cs.id)))
        for key, value in fields.items():
            setattr(cs, key, value)
        cs.version += 1
        session.execute(delete(SessionInstructor).where(SessionInstructor.session_id == cs.id))
        for person_id in dict.fromkeys(data.instructors):
            session.add(SessionInstructor(session_id=cs.id, person_id=person_id))
        session.flush()
        audit.record(session, actor=ctx.username, action="session.update", entity="course_session",
                     entity_id=cs.id, before=before,
                     after={**audit.snapshot(cs, FIELDS), "instructors": sorted(set(data.instructors))})
        return info_in(session, cs)


def withdraw(ctx: AppContext, session_id: int, person_id: int, reason: str) -> None:
    """Take a participant off a session (frees the seat). Refused once a certificate rests on
    the enrolment: that is corrected by revoking the certificate, never by deleting history."""
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.RUN_SESSIONS)
        cs = get_session_in(session, session_id, lock=True)
        enrolment = find_enrolment(session, cs.id, person_id)
        why = course_validation.text("Begrunnelsen", reason, required=True, max_len=500)
        if session.scalar(select(Certificate.id).where(Certificate.enrolment_id == enrolment.id)):
            raise RuleViolation("C6", "Deltakeren har fått kursbevis fra dette kurset og kan ikke "
                                      "fjernes: trekk tilbake kursbeviset i stedet")
        done = [audit.snapshot(c, ("component", "completed_on", "passed", "evidence", "day"))
                for c in session.scalars(select(Completion)
                                         .where(Completion.enrolment_id == enrolment.id))]
        before = {"person_id": person_id, "equipment": enrolment.equipment, "completions": done}
        session.execute(delete(Completion).where(Completion.enrolment_id == enrolment.id))
        session.delete(enrolment)
        audit.record(session, actor=ctx.username, action="session.withdraw",
                     entity="course_session", entity_id=cs.id, before=before, reason=why)
