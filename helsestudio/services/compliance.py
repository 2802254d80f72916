"""C7: who in a unit (and its sub-units) is trained on a course type, on a given date.

Each person's status is C5's valid / expiring / expired / missing, computed from
the one list of credentials (credentials.py): certificates issued here and
qualifications recorded from elsewhere. With an equipment type, only
credentials for that equipment count (C3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import CourseType, Person, Unit
from helsestudio.services import credentials, settings
from helsestudio.services.auth import Permission, require
from helsestudio.services.errors import InvalidInput, NotFound
from helsestudio.services.people import sort_key
from helsestudio.services.timeutil import format_date_nb, iso_local, oslo_date
from helsestudio.services.units import paths_in

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

STATUS_ORDER = ("valid", "expiring", "expired", "missing")
STATUS_NB = credentials.STATUS_NB


@dataclass(frozen=True)
class ComplianceRow:
    person_id: int
    name: str
    unit: str
    status: str
    kind: str | None  # 'kursbevis' | 'ekstern' | None
    ref: str | None  # certificate number or issuer
    issued_on: date | None
    valid_until: date | None
    equipment: str | None

    @property
    def status_nb(self) -> str:
        return STATUS_NB[self.status]

    @property
    def evidence_nb(self) -> str:
        if self.ref is None:
            return ""
        return f"kursbevis {self.ref}" if self.kind == "kursbevis" else f"{self.ref} (ekstern)"

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id, "name": self.name, "unit": self.unit, "status": self.status,
            "kind": self.kind, "ref": self.ref,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "equipment": self.equipment,
        }


@dataclass(frozen=True)
class ComplianceReport:
    unit: str
    course_code: str
    course_name: str
    equipment: str | None
    on: date
    window_days: int
    made_by: str
    made_at: datetime
    rows: list[ComplianceRow] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    def title_nb(self) -> str:
        what = self.course_name + (f" – {self.equipment}" if self.equipment else "")
        return f"Opplæringsstatus: {what}"

    def subtitle_nb(self) -> str:
        return f"{self.unit} med underenheter, per {format_date_nb(self.on)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit, "course_type": self.course_code, "course": self.course_name,
            "equipment": self.equipment, "on": self.on.isoformat(), "made_by": self.made_by,
            "made_at": iso_local(self.made_at), "totals": self.totals, "total": len(self.rows),
            "people": [r.to_json() for r in self.rows],
        }


def _find_unit(s: Session, raw: str, paths: dict[int, str]) -> Unit:
    text = raw.strip()
    if text.isdigit():
        unit = s.get(Unit, int(text))
        if unit is None:
            raise NotFound(f"Fant ingen enhet med id {text}")
        return unit
    folded = text.casefold()
    matches = [uid for uid, path in paths.items() if path.casefold() == folded]
    if not matches:
        matches = [u.id for u in s.scalars(select(Unit)) if u.name.casefold() == folded]
    if not matches:
        known = "; ".join(sorted(paths.values(), key=str.casefold)[:12]) or "ingen ennå"
        raise NotFound(f"Fant ingen enhet som heter «{text}». Kjente enheter: {known}"
                       + (" …" if len(paths) > 12 else ""))
    if len(matches) > 1:
        options = "; ".join(sorted(paths[m] for m in matches))
        raise InvalidInput(f"Flere enheter heter «{text}»: skriv hele stien ({options}) eller id-en")
    unit = s.get(Unit, matches[0])
    assert unit is not None
    return unit


def _find_course(s: Session, raw: str) -> CourseType:
    text = raw.strip()
    course = s.get(CourseType, int(text)) if text.isdigit() else None
    course = course or s.scalar(select(CourseType).where(CourseType.code == text.upper())) \
        or s.scalar(select(CourseType).where(CourseType.code == text))
    if course is None:
        raise NotFound(f"Fant ingen kurstype med kode «{text}»: se «helsestudio course-type list»")
    return course


def _subtree(s: Session, root: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for uid, parent in s.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found, stack = set(), [root]
    while stack:
        uid = stack.pop()
        if uid not in found:
            found.add(uid)
            stack.extend(children.get(uid, []))
    return found


def _equipment(course: CourseType, raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    known = {e.casefold(): e for e in course.equipment or []}
    if known and raw.strip().casefold() not in known:
        listed = ", ".join(course.equipment)
        raise InvalidInput(f"«{raw.strip()}» er ikke et utstyr for {course.name}: velg blant {listed}")
    return known.get(raw.strip().casefold(), raw.strip())


def _row(s: Session, person: Person, unit_path: str, course: CourseType, equipment: str | None,
         on: date, window: int) -> ComplianceRow:
    held = credentials.credentials_for(s, person.id, course.id)
    if equipment is not None:
        held = [c for c in held if (c.equipment or "").casefold() == equipment.casefold()]
    # The same choice of credential and status as C5's requirement_status, on the filtered list.
    best = credentials.best_credential(held, on)
    status = credentials.status_of(best, on, window)
    return ComplianceRow(
        person.id, person.name, unit_path, status, best.kind if best else None,
        best.ref if best else None, best.issued_on if best else None,
        best.valid_until if best else None, best.equipment if best else None,
    )


def compliance_report(ctx: AppContext, unit: str, course_type: str, equipment: str | None = None,
                      on: date | None = None) -> ComplianceReport:
    with ctx.db.read() as s:
        require(s, ctx.username, Permission.REPORTS)
        paths = paths_in(s)
        root = _find_unit(s, unit, paths)
        course = _find_course(s, course_type)
        equip = _equipment(course, equipment)
        day = on or oslo_date(datetime.now(UTC))
        window = int(settings.get_in(s, "expiring_window_days"))
        people = s.scalars(select(Person).where(Person.unit_id.in_(_subtree(s, root.id))))
        rows = [_row(s, p, paths.get(p.unit_id or 0, ""), course, equip, day, window) for p in people]
        rows.sort(key=lambda r: (sort_key(r.unit), sort_key(r.name), r.person_id))
        return ComplianceReport(
            unit=paths.get(root.id, root.name), course_code=course.code, course_name=course.name,
            equipment=equip, on=day, window_days=window, made_by=ctx.username,
            made_at=datetime.now(UTC), rows=rows,
        )
