"""Qualifications from elsewhere (C4's first instructors) and a person's status for a
requirement on a date (C5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from helsestudio.models import ExternalQualification
from helsestudio.services import audit, course_validation, settings
from helsestudio.services.auth import Permission, require
from helsestudio.services.course_types import by_code_in, valid_until_for
from helsestudio.services.credentials import STATUS_NB, Credential, requirement_status
from helsestudio.services.errors import InvalidInput
from helsestudio.services.people import get_person_in
from helsestudio.services.timeutil import format_date_nb, oslo_date

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext


@dataclass(frozen=True)
class QualificationRow:
    id: int
    person_id: int
    course_type: str
    issued_on: date
    valid_until: date | None
    issuer: str
    equipment: str | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "person_id": self.person_id, "course_type": self.course_type,
                "issued_on": self.issued_on.isoformat(),
                "valid_until": self.valid_until.isoformat() if self.valid_until else None,
                "issuer": self.issuer, "equipment": self.equipment}


@dataclass(frozen=True)
class StatusResult:
    person_id: int
    course_type: str
    on: date
    status: str  # valid | expiring | expired | missing
    credential: Credential | None
    window_days: int

    def to_json(self) -> dict[str, object]:
        return {"status": self.status,
                "certificate": self.credential.to_json() if self.credential else None,
                "person_id": self.person_id, "course_type": self.course_type,
                "on": self.on.isoformat(), "window_days": self.window_days}

    def text_nb(self) -> str:
        line = f"{STATUS_NB[self.status]} per {format_date_nb(self.on)}"
        c = self.credential
        if c is not None:
            until = f"gyldig til {format_date_nb(c.valid_until)}" if c.valid_until else "uten utløp"
            line += f" ({c.kind} {c.ref}, utstedt {format_date_nb(c.issued_on)}, {until})"
        return line


def add_external_qualification_in(
    session: Session, actor: str, person_id: int, course_type: str, issued_on: date,
    valid_until: date | None, issuer: str, equipment: str | None = None,
) -> ExternalQualification:
    """Record a certificate obtained outside this program. Without valid-until, the course
    type's validity applies (counted from the issue date)."""
    require(session, actor, Permission.RECORD_QUALIFICATIONS)
    person = get_person_in(session, person_id)
    course = by_code_in(session, course_type)
    clean_issuer = course_validation.text("Utsteder", issuer, required=True)
    if valid_until is None:
        valid_until = valid_until_for(issued_on, course.validity_months)
    if valid_until is not None and valid_until < issued_on:
        raise InvalidInput(
            f"Gyldig til ({format_date_nb(valid_until)}) er før utstedelsesdatoen "
            f"({format_date_nb(issued_on)}): sjekk datoene")
    row = ExternalQualification(
        person_id=person.id, course_type_id=course.id, issued_on=issued_on, valid_until=valid_until,
        issuer=clean_issuer, recorded_by=actor,
        equipment=course_validation.text("Utstyrstypen", equipment, max_len=100) or None,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="qualification.add", entity="person",
                 entity_id=person.id,
                 after={"qualification_id": row.id, "course_type": course.code, "issued_on": issued_on,
                        "valid_until": valid_until, "issuer": clean_issuer})
    return row


def add_external_qualification(
    ctx: AppContext, person_id: int, course_type: str, issued_on: date,
    valid_until: date | None, issuer: str, equipment: str | None = None,
) -> QualificationRow:
    if issued_on > oslo_date(datetime.now(UTC)):
        # Not yet held: a typo here would count as a valid qualification from that day on (C4, C5).
        raise InvalidInput(f"Utstedelsesdatoen {format_date_nb(issued_on)} er fram i tid: registrer "
                           "kvalifikasjonen når den er tatt")
    with ctx.db.write() as session:
        row = add_external_qualification_in(session, ctx.username, person_id, course_type,
                                            issued_on, valid_until, issuer, equipment)
        return QualificationRow(row.id, row.person_id, by_code_in(session, course_type).code,
                                row.issued_on, row.valid_until, row.issuer, row.equipment)


def status_in(session: Session, person_id: int, course_type: str, on: date) -> StatusResult:
    get_person_in(session, person_id)
    course = by_code_in(session, course_type)
    window = int(settings.get_in(session, "expiring_window_days"))
    state, credential = requirement_status(session, person_id, course.id, on, window)
    return StatusResult(person_id, course.code, on, state, credential, window)


def status(ctx: AppContext, person_id: int, course_type: str, on: date) -> StatusResult:
    with ctx.db.read() as session:
        return status_in(session, person_id, course_type, on)
