"""What a person holds for a course type, from ONE place (C4, C5).

A credential is either a qualification recorded from elsewhere (`ekstern`,
ExternalQualification) or a certificate issued here (`kursbevis`). C4 (who may
run a session) and C5 (valid / expiring / expired / missing) both read
`credentials_for`, so the two rules can never disagree about what counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Certificate, CourseType, ExternalQualification, Person
from helsestudio.services.errors import NotFound
from helsestudio.services.timeutil import format_date_nb

STATUSES = ("valid", "expiring", "expired", "missing")
STATUS_NB = {"valid": "gyldig", "expiring": "utløper snart", "expired": "utløpt", "missing": "mangler"}


@dataclass(frozen=True)
class Credential:
    kind: str  # 'ekstern' | 'kursbevis'
    ref: str  # issuer of an external qualification, number of a certificate
    issued_on: date
    valid_until: date | None  # the LAST valid day; None = never expires
    equipment: str | None

    def valid_on(self, on: date) -> bool:
        return self.issued_on <= on and (self.valid_until is None or on <= self.valid_until)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "ref": self.ref,
            "issued_on": self.issued_on.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "equipment": self.equipment,
        }


def _external(session: Session, person_id: int, course_type_id: int) -> list[Credential]:
    stmt = select(ExternalQualification).where(
        ExternalQualification.person_id == person_id,
        ExternalQualification.course_type_id == course_type_id,
    )
    return [
        Credential("ekstern", q.issuer, q.issued_on, q.valid_until, q.equipment)
        for q in session.scalars(stmt)
    ]


def _certificates(session: Session, person_id: int, course_type_id: int) -> list[Credential]:
    """Certificates issued here that are not revoked (kind 'kursbevis', ref = its number)."""
    stmt = select(Certificate).where(
        Certificate.person_id == person_id,
        Certificate.course_type_id == course_type_id,
        Certificate.revoked_at.is_(None),
    )
    return [
        Credential("kursbevis", c.number, c.issued_on, c.valid_until, c.equipment)
        for c in session.scalars(stmt)
    ]


def credentials_for(session: Session, person_id: int, course_type_id: int) -> list[Credential]:
    """Every credential the person holds for the course type, oldest first."""
    found = _external(session, person_id, course_type_id) + _certificates(
        session, person_id, course_type_id
    )
    return sorted(found, key=lambda c: (c.issued_on, c.valid_until or date.max))


def best_credential(credentials: list[Credential], on: date) -> Credential | None:
    """The credential that lasts longest among those issued by `on` (None = never expires)."""
    held = [c for c in credentials if c.issued_on <= on]
    if not held:
        return None
    return max(held, key=lambda c: (c.valid_until or date.max, c.issued_on))


def status_of(best: Credential | None, on: date, window_days: int) -> str:
    """C5 for one credential. Expiring: `on` is within `window_days` before the last valid day."""
    if best is None:
        return "missing"
    if best.valid_until is None:
        return "valid"
    if on > best.valid_until:
        return "expired"
    if on >= best.valid_until - timedelta(days=window_days):
        return "expiring"
    return "valid"


def requirement_status(
    session: Session, person_id: int, course_type_id: int, on: date, window_days: int
) -> tuple[str, Credential | None]:
    """C5: 'valid' | 'expiring' | 'expired' | 'missing' on `on`, with the credential it rests on."""
    best = best_credential(credentials_for(session, person_id, course_type_id), on)
    return status_of(best, on, window_days), best


def instructor_qualified_in(
    session: Session, person_id: int, course_type_id: int, on: date
) -> tuple[bool, str]:
    """C4: may this person run (and sign for) the course type on `on`? (ok, Norwegian reason)."""
    course = session.get(CourseType, course_type_id)
    person = session.get(Person, person_id)
    if course is None:
        raise NotFound(f"Fant ingen kurstype med id {course_type_id}")
    if person is None:
        raise NotFound(f"Fant ingen person med id {person_id}")
    if course.instructor_qualification_id is None:
        return True, f"«{course.name}» krever ingen instruktørkvalifikasjon"
    qualification = session.get(CourseType, course.instructor_qualification_id)
    assert qualification is not None  # foreign key
    status, best = requirement_status(session, person_id, qualification.id, on, 0)
    when = format_date_nb(on)
    if status == "missing":
        later = [c for c in credentials_for(session, person_id, qualification.id) if c.issued_on > on]
        if later:
            return False, (
                f"{person.name} fikk «{qualification.name}» først {format_date_nb(later[0].issued_on)}, "
                f"etter {when}: kvalifikasjonen må gjelde fra kursdagen. Velg en annen instruktør "
                "eller flytt kurset"
            )
        return False, (
            f"{person.name} har ikke «{qualification.name}», som kreves for å holde "
            f"«{course.name}» (per {when}). Registrer kvalifikasjonen først eller velg en annen instruktør"
        )
    if status == "expired":
        assert best is not None and best.valid_until is not None
        return False, (
            f"{person.name} sin kvalifikasjon «{qualification.name}» gikk ut "
            f"{format_date_nb(best.valid_until)}, før {when}: den må fornyes før "
            f"{person.name} kan holde «{course.name}»"
        )
    until = f"gyldig til {format_date_nb(best.valid_until)}" if best and best.valid_until else "uten utløpsdato"
    return True, f"{person.name} har «{qualification.name}» ({until})"
