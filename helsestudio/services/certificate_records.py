"""Plain, fully loaded certificate data for the PDF, the CLI and the UI (never lazy ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from helsestudio.models.certificate import Certificate
from helsestudio.services.timeutil import format_date_nb, iso_local

COMPONENT_LABELS_NB = {
    "elearning": "E-læring (forkurs)",
    "attendance": "Oppmøte",
    "assessment": "Praktisk vurdering",
}


@dataclass(frozen=True)
class ComponentLine:
    component: str
    completed_on: date | None
    evidence: str

    @property
    def label(self) -> str:
        return COMPONENT_LABELS_NB.get(self.component, self.component)

    def to_json(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "evidence": self.evidence,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ComponentLine:
        raw = data.get("completed_on")
        return cls(str(data["component"]), date.fromisoformat(raw) if raw else None,
                   str(data.get("evidence") or ""))


@dataclass(frozen=True)
class CertificateData:
    id: int
    number: str
    code: str
    person_id: int
    person_name: str
    person_hpr: str | None
    unit_name: str
    course_type_id: int
    course_code: str
    course_name: str
    outcomes: tuple[str, ...]
    components: tuple[ComponentLine, ...]
    equipment: str | None
    session_id: int | None
    course_first_day: date | None
    course_last_day: date | None
    place: str
    instructor_name: str
    organisation_name: str
    issued_on: date
    valid_until: date | None
    template_version: int
    payload: str
    issued_by: str
    issued_at: datetime
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str | None
    replaces_number: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def course_dates_nb(self) -> str:
        first, last = self.course_first_day, self.course_last_day
        if first is None:
            return ""
        if last is None or last == first:
            return format_date_nb(first)
        return f"{format_date_nb(first)} – {format_date_nb(last)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "code": self.code,
            "person_id": self.person_id,
            "name": self.person_name,
            "course_code": self.course_code,
            "course": self.course_name,
            "issued": self.issued_on.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "components": [c.to_json() for c in self.components],
            "equipment": self.equipment,
            "place": self.place,
            "instructor": self.instructor_name,
            "session_id": self.session_id,
            "revoked_at": iso_local(self.revoked_at),
            "revoke_reason": self.revoke_reason,
            "replaces": self.replaces_number,
        }


def from_row(row: Certificate, replaces_number: str | None = None) -> CertificateData:
    return CertificateData(
        id=row.id, number=row.number, code=row.code, person_id=row.person_id,
        person_name=row.person_name, person_hpr=row.person_hpr, unit_name=row.unit_name,
        course_type_id=row.course_type_id, course_code=row.course_code, course_name=row.course_name,
        outcomes=tuple(line.strip() for line in row.outcomes.splitlines() if line.strip()),
        components=tuple(ComponentLine.from_json(c) for c in row.components or []),
        equipment=row.equipment, session_id=row.session_id,
        course_first_day=row.course_first_day, course_last_day=row.course_last_day,
        place=row.place, instructor_name=row.instructor_name,
        organisation_name=row.organisation_name, issued_on=row.issued_on,
        valid_until=row.valid_until, template_version=row.template_version, payload=row.payload,
        issued_by=row.issued_by, issued_at=row.issued_at, revoked_at=row.revoked_at,
        revoked_by=row.revoked_by, revoke_reason=row.revoke_reason, replaces_number=replaces_number,
    )
