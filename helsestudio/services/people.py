"""People: participants and instructors. Any Unicode name, e-mail, unit, optional HPR.

Never a national identity number (every text field is checked). Duplicates are
caught on HPR number and on name + e-mail, compared Unicode-folded so «ÁILE SOMBY»
and «Áile Somby» are the same person.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from helsestudio.models import Person, Unit
from helsestudio.services import audit, course_validation, units
from helsestudio.services.auth import Permission, require
from helsestudio.services.edit_conflicts import refuse_stale_audited
from helsestudio.services.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

# Letters that Unicode does not decompose into a base letter + accent.
_FOLD = str.maketrans({"đ": "d", "ŧ": "t", "ŋ": "n", "ø": "o", "æ": "ae", "ł": "l", "ß": "ss",
                       "ð": "d", "þ": "th", "œ": "oe", "ı": "i"})


def fold(value: str) -> str:
    """Lower case without accents, for search and duplicate checks («Čáhppes» → «cahppes»)."""
    decomposed = unicodedata.normalize("NFKD", value.casefold().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)


# Norwegian alphabetical order puts these after z (… x y z æ ø å); other accented letters,
# Sámi ones included, sort with their base letter («Áilu» with A, «Čáhppes» with C).
_AFTER_Z = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}


def sort_key(name: str) -> str:
    """Alphabetical order as a Norwegian reader expects it, the same on SQLite and PostgreSQL."""
    text = unicodedata.normalize("NFC", name.casefold())
    return "".join(_AFTER_Z.get(c) or fold(c) for c in text)


def search_key(name: str, email: str, hpr: str | None) -> str:
    return " ".join(fold(p) for p in (name, email, hpr or "") if p)[:500]


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    email: str
    hpr: str | None
    unit_id: int | None
    unit: str  # the unit's path, "" if none
    version: int

    def to_json(self) -> dict[str, object]:
        return asdict(self)


class DuplicatePerson(InvalidInput):
    """The person seems to exist already; `existing` names them."""

    def __init__(self, message: str, existing: PersonRow) -> None:
        super().__init__(message)
        self.existing = existing


def row_of(session: Session, person: Person, paths: dict[int, str] | None = None) -> PersonRow:
    unit_path = ""
    if person.unit_id is not None:
        paths = paths if paths is not None else units.paths_in(session)
        unit_path = paths.get(person.unit_id, "")
    return PersonRow(person.id, person.name, person.email, person.hpr, person.unit_id, unit_path,
                     person.version)


def get_person_in(session: Session, person_id: int, *, lock: bool = False) -> Person:
    # The row lock makes PostgreSQL serialise two saves of one person, so the second sees the
    # first's version (SQLite's BEGIN IMMEDIATE already does).
    person = session.get(Person, person_id, with_for_update=lock)
    if person is None:
        raise NotFound(f"Fant ingen person med id {person_id}")
    return person


def find_duplicates_in(
    session: Session, name: str, email: str, hpr: str | None, exclude_id: int | None = None
) -> list[Person]:
    """People with the same HPR number, or the same name and e-mail (folded)."""
    conditions = []
    if hpr:
        conditions.append(Person.hpr == hpr)
    if email:
        conditions.append(Person.email == email.lower())
    if not conditions:
        conditions.append(Person.email == "")
    found = []
    for person in session.scalars(select(Person).where(or_(*conditions))):
        if person.id == exclude_id:
            continue
        same_hpr = bool(hpr) and person.hpr == hpr
        same_name_email = fold(person.name) == fold(name) and person.email == email.lower()
        if same_hpr or same_name_email:
            found.append(person)
    return found


def _duplicate_error(session: Session, existing: Person, hpr: str | None) -> DuplicatePerson:
    why = f"HPR-nummer {hpr}" if hpr and existing.hpr == hpr else "samme navn og e-post"
    return DuplicatePerson(
        f"Personen finnes allerede ({why}): «{existing.name}», id {existing.id}. "
        "Bruk den registrerte personen i stedet for å legge inn en ny",
        row_of(session, existing),
    )


def add_person_in(
    session: Session, actor: str, name: str, email: str = "", unit: str = "", hpr: str | None = None
) -> Person:
    require(session, actor, Permission.MANAGE_PEOPLE)
    clean_name = course_validation.person_name(name)
    clean_email = course_validation.email(email)
    clean_hpr = course_validation.hpr(hpr)
    duplicates = find_duplicates_in(session, clean_name, clean_email, clean_hpr)
    if duplicates:
        raise _duplicate_error(session, duplicates[0], clean_hpr)
    unit_row = units.resolve_unit_in(session, actor, unit)
    person = Person(
        name=clean_name, email=clean_email, hpr=clean_hpr, unit_id=unit_row.id if unit_row else None,
        search_key=search_key(clean_name, clean_email, clean_hpr), created_by=actor,
    )
    session.add(person)
    session.flush()
    audit.record(session, actor=actor, action="person.add", entity="person", entity_id=person.id,
                 after=audit.snapshot(person, ("name", "email", "hpr", "unit_id")))
    return person


def add_person(ctx: AppContext, name: str, email: str = "", unit: str = "",
               hpr: str | None = None) -> PersonRow:
    with ctx.db.write() as session:
        return row_of(session, add_person_in(session, ctx.username, name, email, unit, hpr))


def update_person(ctx: AppContext, person_id: int, expected_version: int, name: str,
                  email: str = "", unit: str = "", hpr: str | None = None) -> PersonRow:
    """Change a person; refused if someone else saved them since `expected_version` was read."""
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.MANAGE_PEOPLE)
        person = get_person_in(session, person_id, lock=True)
        refuse_stale_audited(session, f"Personen «{person.name}»", entity="person", entity_id=person.id,
                             found=person.version, expected=expected_version, actor=ctx.username)
        clean = (course_validation.person_name(name), course_validation.email(email),
                 course_validation.hpr(hpr))
        duplicates = find_duplicates_in(session, *clean, exclude_id=person.id)
        if duplicates:
            raise _duplicate_error(session, duplicates[0], clean[2])
        before = audit.snapshot(person, ("name", "email", "hpr", "unit_id"))
        unit_row = units.resolve_unit_in(session, ctx.username, unit)
        person.name, person.email, person.hpr = clean
        person.unit_id = unit_row.id if unit_row else None
        person.search_key = search_key(*clean)
        person.version += 1
        audit.record(session, actor=ctx.username, action="person.update", entity="person",
                     entity_id=person.id, before=before,
                     after=audit.snapshot(person, ("name", "email", "hpr", "unit_id")))
        return row_of(session, person)


def search_people(ctx: AppContext, query: str = "", limit: int = 200) -> list[PersonRow]:
    """People whose name, e-mail or HPR contains every word of `query` (accent-insensitive)."""
    words = fold(query).split()
    with ctx.db.read() as session:
        stmt = select(Person)
        for word in words:
            stmt = stmt.where(Person.search_key.contains(word, autoescape=True))
        # search_key starts with the folded name: «Áile» sorts with «Aile», the same on both databases.
        people = list(session.scalars(stmt.order_by(Person.search_key, Person.id).limit(limit)))
        # The shown page in Norwegian order (Æ Ø Å after Z), as in the reports.
        people.sort(key=lambda p: (sort_key(p.name), p.id))
        paths = units.paths_in(session)
        return [row_of(session, p, paths) for p in people]


def get_person(ctx: AppContext, person_id: int) -> PersonRow:
    with ctx.db.read() as session:
        return row_of(session, get_person_in(session, person_id))


def unit_of(session: Session, person: Person) -> Unit | None:
    return session.get(Unit, person.unit_id) if person.unit_id else None
