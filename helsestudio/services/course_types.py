"""C1 course types: what a course is, its required components (C2), equipment kinds (C3),
validity (C5) and the qualification an instructor must hold to run it (C4)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from helsestudio.models import Component, CourseType
from helsestudio.services import audit, course_validation
from helsestudio.services.auth import Permission, require
from helsestudio.services.edit_conflicts import refuse_stale_audited
from helsestudio.services.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

_FIELDS = ("code", "name", "description", "outcomes", "requires_elearning", "requires_attendance",
           "requires_assessment", "validity_months", "instructor_qualification_id", "equipment")


@dataclass(frozen=True)
class CourseTypeInput:
    code: str
    name: str
    requires: tuple[str, ...] = (Component.ATTENDANCE.value,)
    description: str = ""
    outcomes: str = ""
    validity_months: int | None = None
    instructor_qualification: str | None = None  # code of another course type
    equipment: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourseTypeRow:
    id: int
    code: str
    name: str
    description: str
    outcomes: list[str]
    requires: list[str]
    validity_months: int | None
    instructor_qualification: str | None  # code
    instructor_qualification_name: str | None
    equipment: list[str] = field(default_factory=list)
    version: int = 1

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "code": self.code, "name": self.name, "description": self.description,
            "outcomes": self.outcomes, "requires": self.requires,
            "validity_months": self.validity_months,
            "instructor_qualification": self.instructor_qualification,
            "equipment": self.equipment, "version": self.version,
        }


def valid_until_for(issued_on: date, months: int | None) -> date | None:
    """The last valid day: the day before the same date `months` later (clamped to month end)."""
    if months is None:
        return None
    index = issued_on.month - 1 + months
    year, month = issued_on.year + index // 12, index % 12 + 1
    day = min(issued_on.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def parse_list(raw: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (raw or "").split(",") if p.strip())


def parse_requires(raw: str | None) -> tuple[str, ...]:
    from helsestudio.services.completions import parse_component

    parts = parse_list(raw)
    return tuple(dict.fromkeys(parse_component(p) for p in parts)) if parts else (
        Component.ATTENDANCE.value,)


def row_of(session: Session, ct: CourseType) -> CourseTypeRow:
    qual = session.get(CourseType, ct.instructor_qualification_id) if ct.instructor_qualification_id else None
    return CourseTypeRow(
        ct.id, ct.code, ct.name, ct.description,
        [line for line in ct.outcomes.splitlines() if line.strip()], ct.required_components(),
        ct.validity_months, qual.code if qual else None, qual.name if qual else None,
        list(ct.equipment or []), ct.version,
    )


def by_code_in(session: Session, code: str) -> CourseType:
    found = session.scalar(select(CourseType).where(CourseType.code == code.strip().upper()))
    if found is None:
        known = ", ".join(session.scalars(select(CourseType.code).order_by(CourseType.code)).all())
        hint = f" Kjente koder: {known}" if known else " Ingen kurstyper er registrert ennå."
        raise NotFound(f"Fant ingen kurstype med koden «{code}».{hint}")
    return found


def _apply(session: Session, ct: CourseType, data: CourseTypeInput) -> None:
    ct.code = course_validation.code(data.code)
    ct.name = course_validation.text("Navnet på kurstypen", data.name, required=True)
    ct.description = course_validation.long_text("Beskrivelsen", data.description)
    ct.outcomes = course_validation.long_text("Læringsutbyttet", data.outcomes)
    requires = set(data.requires)
    if not requires:
        raise InvalidInput("En kurstype må kreve minst én komponent: e-læring, oppmøte eller vurdering")
    ct.requires_elearning = Component.ELEARNING.value in requires
    ct.requires_attendance = Component.ATTENDANCE.value in requires
    ct.requires_assessment = Component.ASSESSMENT.value in requires
    ct.validity_months = course_validation.positive_int("Gyldighet i måneder", data.validity_months,
                                                        maximum=600)
    equipment = [course_validation.text("Utstyrstypen", e, required=True, max_len=100)
                 for e in data.equipment]
    if len({e.casefold() for e in equipment}) != len(equipment):
        raise InvalidInput("Samme utstyrstype står flere ganger: fjern duplikatet")
    ct.equipment = equipment
    ct.instructor_qualification_id = None
    if data.instructor_qualification:
        qualification = by_code_in(session, data.instructor_qualification)
        if ct.id is not None and qualification.id == ct.id:
            raise InvalidInput("En kurstype kan ikke være sin egen instruktørkvalifikasjon")
        ct.instructor_qualification_id = qualification.id


def add_course_type_in(session: Session, actor: str, data: CourseTypeInput) -> CourseType:
    require(session, actor, Permission.MANAGE_COURSE_TYPES)
    ct = CourseType()
    _apply(session, ct, data)
    if session.scalar(select(CourseType.id).where(CourseType.code == ct.code)) is not None:
        raise InvalidInput(f"Koden «{ct.code}» er allerede brukt av en annen kurstype: velg en annen")
    session.add(ct)
    session.flush()
    audit.record(session, actor=actor, action="course_type.add", entity="course_type",
                 entity_id=ct.id, after=audit.snapshot(ct, _FIELDS))
    return ct


def add_course_type(ctx: AppContext, data: CourseTypeInput) -> CourseTypeRow:
    with ctx.db.write() as session:
        return row_of(session, add_course_type_in(session, ctx.username, data))


def update_course_type(ctx: AppContext, course_type_id: int, expected_version: int,
                       data: CourseTypeInput) -> CourseTypeRow:
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.MANAGE_COURSE_TYPES)
        # Locked, so two PCs saving at once on PostgreSQL are serialised and the second is refused.
        ct = session.get(CourseType, course_type_id, with_for_update=True)
        if ct is None:
            raise NotFound(f"Fant ingen kurstype med id {course_type_id}")
        refuse_stale_audited(session, f"Kurstypen «{ct.name}»", entity="course_type",
                             entity_id=ct.id, found=ct.version, expected=expected_version,
                             actor=ctx.username)
        before = audit.snapshot(ct, _FIELDS)
        _apply(session, ct, data)
        clash = session.scalar(select(CourseType.id).where(CourseType.code == ct.code,
                                                           CourseType.id != ct.id))
        if clash is not None:
            raise InvalidInput(f"Koden «{ct.code}» er allerede brukt av en annen kurstype")
        ct.version += 1
        audit.record(session, actor=ctx.username, action="course_type.update", entity="course_type",
                     entity_id=ct.id, before=before, after=audit.snapshot(ct, _FIELDS))
        return row_of(session, ct)


def list_course_types(ctx: AppContext, search: str = "") -> list[CourseTypeRow]:
    with ctx.db.read() as session:
        stmt = select(CourseType).order_by(CourseType.name)
        if search.strip():
            pattern = search.strip()
            stmt = stmt.where(or_(CourseType.name.icontains(pattern, autoescape=True),
                                  CourseType.code.icontains(pattern, autoescape=True)))
        return [row_of(session, ct) for ct in session.scalars(stmt)]


def get_course_type(ctx: AppContext, course_type_id: int) -> CourseTypeRow:
    with ctx.db.read() as session:
        ct = session.get(CourseType, course_type_id)
        if ct is None:
            raise NotFound(f"Fant ingen kurstype med id {course_type_id}")
        return row_of(session, ct)
