"""Organisation units: a small tree (helseforetak > avdeling, kommune > legevakt, AMK …).

Units are usually named in passing (`person add --unit`, an import column), so
`resolve_unit_in` finds a unit by name or by a path «Helse Bergen > Akuttmottaket»
and creates what is missing, guessing the kind from the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Unit, UnitKind
from helsestudio.services import audit, course_validation
from helsestudio.services.errors import InvalidInput

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

KIND_NB = {
    UnitKind.HELSEFORETAK.value: "helseforetak",
    UnitKind.KOMMUNE.value: "kommune",
    UnitKind.LEGEVAKT.value: "legevakt",
    UnitKind.AMK.value: "AMK",
    UnitKind.AVDELING.value: "avdeling",
}
PATH_SEPARATOR = ">"


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str
    parent_id: int | None
    path: str  # «Helse Bergen > Akuttmottaket»


def guess_kind(name: str) -> str:
    lowered = name.lower()
    if "amk" in lowered.split() or lowered.startswith("amk"):
        return UnitKind.AMK.value
    if "legevakt" in lowered:
        return UnitKind.LEGEVAKT.value
    if "kommune" in lowered:
        return UnitKind.KOMMUNE.value
    if lowered.startswith("helse ") or lowered.endswith(" hf") or "sykehus" in lowered:
        return UnitKind.HELSEFORETAK.value
    return UnitKind.AVDELING.value


def parse_kind(raw: str) -> str:
    value = raw.strip().lower()
    if value not in KIND_NB:
        raise InvalidInput(f"Ukjent enhetstype «{raw}»: bruk {', '.join(KIND_NB)}")
    return value


def _child(session: Session, name: str, parent_id: int | None) -> Unit | None:
    # An import names the same few units on every row: remember the ones found in this
    # transaction (units are never renamed or deleted, so a hit cannot go stale).
    known: dict[tuple[str, int | None], Unit] = session.info.setdefault("helsestudio.units", {})
    unit = known.get((name, parent_id))
    if unit is None:
        stmt = select(Unit).where(Unit.name == name)
        stmt = stmt.where(Unit.parent_id.is_(None) if parent_id is None else Unit.parent_id == parent_id)
        unit = session.scalars(stmt.order_by(Unit.id)).first()
        if unit is not None:
            known[(name, parent_id)] = unit
    return unit


def resolve_unit_in(session: Session, actor: str, raw: str) -> Unit | None:
    """The unit named by `raw` (a name or a path «A > B»), created if it does not exist."""
    cleaned = course_validation.text("Enheten", raw)
    if not cleaned:
        return None
    parts = [" ".join(p.split()) for p in cleaned.split(PATH_SEPARATOR)]
    if any(not p for p in parts):
        raise InvalidInput(f"Enheten «{cleaned}» har et tomt ledd: skriv f.eks. «Helse Bergen > Akuttmottaket»")
    if len(parts) == 1:
        # A bare name matches that unit wherever it sits in the tree.
        existing = session.scalars(select(Unit).where(Unit.name == parts[0]).order_by(Unit.id)).first()
        if existing is not None:
            return existing
    parent: Unit | None = None
    for part in parts:
        unit = _child(session, part, parent.id if parent else None)
        if unit is None:
            unit = Unit(name=part, kind=guess_kind(part), parent_id=parent.id if parent else None)
            session.add(unit)
            session.flush()
            audit.record(session, actor=actor, action="unit.add", entity="unit", entity_id=unit.id,
                         after={"name": unit.name, "kind": unit.kind, "parent_id": unit.parent_id})
        parent = unit
    return parent


def paths_in(session: Session) -> dict[int, str]:
    """Every unit's full path, computed once (the tree is small)."""
    units = {u.id: u for u in session.scalars(select(Unit))}
    cache: dict[int, str] = {}

    def path(unit_id: int, depth: int = 0) -> str:
        if unit_id not in cache:
            unit = units[unit_id]
            if unit.parent_id is None or depth > 20:
                cache[unit_id] = unit.name
            else:
                cache[unit_id] = f"{path(unit.parent_id, depth + 1)} {PATH_SEPARATOR} {unit.name}"
        return cache[unit_id]

    return {uid: path(uid) for uid in units}


def list_units(ctx: AppContext) -> list[UnitRow]:
    with ctx.db.read() as session:
        paths = paths_in(session)
        rows = [UnitRow(u.id, u.name, u.kind, u.parent_id, paths[u.id])
                for u in session.scalars(select(Unit))]
    return sorted(rows, key=lambda r: r.path.casefold())
