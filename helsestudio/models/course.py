"""Courses: units, people, course types (C1), sessions (C9), enrolments, completions (C2)
and qualifications obtained elsewhere (C4).

People carry a name, e-mail, unit and optionally an HPR number — never a national
identity number (domain.md, «Data and privacy»). `version` columns give the
editable objects optimistic locking.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from helsestudio.models.base import Base, utcnow


class UnitKind(enum.StrEnum):
    HELSEFORETAK = "helseforetak"
    KOMMUNE = "kommune"
    LEGEVAKT = "legevakt"
    AMK = "amk"
    AVDELING = "avdeling"


class Component(enum.StrEnum):
    """The parts a course type may require for completion (C2)."""

    ELEARNING = "elearning"
    ATTENDANCE = "attendance"
    ASSESSMENT = "assessment"


class Unit(Base):
    """An organisation unit; a small tree (helseforetak > avdeling, kommune > legevakt …)."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("name", "parent_id", name="uq_units_name_parent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default=UnitKind.AVDELING.value)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    # Helsepersonellregisteret number: 7–9 digits; unique when given.
    hpr: Mapped[str | None] = mapped_column(String(9), unique=True)
    # Name, e-mail and HPR folded for search-as-you-type («aile» finds «Áile»), see people.search_key.
    search_key: Mapped[str] = mapped_column(String(500), default="", index=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(128), default="")


class CourseType(Base):
    """C1: what a course is, what completing it takes, how long it lasts, who may teach it."""

    __tablename__ = "course_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")  # one learning outcome per line
    requires_elearning: Mapped[bool] = mapped_column(default=False)
    requires_attendance: Mapped[bool] = mapped_column(default=True)
    requires_assessment: Mapped[bool] = mapped_column(default=False)
    validity_months: Mapped[int | None]
    instructor_qualification_id: Mapped[int | None] = mapped_column(ForeignKey("course_types.id"))
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def required_components(self) -> list[str]:
        flags = (
            (Component.ELEARNING, self.requires_elearning),
            (Component.ATTENDANCE, self.requires_attendance),
            (Component.ASSESSMENT, self.requires_assessment),
        )
        return [c.value for c, on in flags if on]


class CourseSession(Base):
    """A course type held on given dates (C9 activity registration: type, region, duration, count)."""

    __tablename__ = "course_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_type_id: Mapped[int] = mapped_column(ForeignKey("course_types.id"), index=True)
    start: Mapped[datetime] = mapped_column(index=True)
    end: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200), default="")
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    capacity: Mapped[int | None]
    activity_type: Mapped[str] = mapped_column(String(32), default="kurs")
    region: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(128), default="")


class SessionInstructor(Base):
    __tablename__ = "session_instructors"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("course_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)


class Enrolment(Base):
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("session_id", "person_id", name="uq_enrolments_session_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("course_sessions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    equipment: Mapped[str | None] = mapped_column(String(100))  # C3: the type trained on
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)


class Completion(Base):
    """One piece of evidence for a component (C2); attendance has one row per session day."""

    __tablename__ = "completions"
    __table_args__ = (Index("ix_completions_enrolment_component", "enrolment_id", "component"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id", ondelete="CASCADE"))
    component: Mapped[str] = mapped_column(String(16))
    completed_on: Mapped[date]
    evidence: Mapped[str] = mapped_column(String(200), default="")  # e-learning: LMS certificate no.
    passed: Mapped[bool] = mapped_column(default=True)
    day: Mapped[date | None]  # attendance: which session day
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(128), default="")


class ExternalQualification(Base):
    """A certificate obtained outside this program (e.g. the national instructor course), for C4."""

    __tablename__ = "external_qualifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    course_type_id: Mapped[int] = mapped_column(ForeignKey("course_types.id"))
    issued_on: Mapped[date]
    valid_until: Mapped[date | None]  # the last valid day (C5)
    issuer: Mapped[str] = mapped_column(String(200))
    equipment: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(128), default="")


class ImportMapping(Base):
    """A remembered column mapping for participant imports (LMS exports differ)."""

    __tablename__ = "import_mappings"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    columns: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
