"""Import participants and e-learning completions into a session, all or nothing.

Common headers are recognised (Navn/Name, E-post/Email, Enhet/Unit, HPR,
E-læring fullført/E-learning completed, Kursbevisnummer/Certificate number);
other exports are mapped column by column and the mapping is remembered by name.
Every row is checked before anything is written; any bad row is reported with
its line number and nothing is imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Completion, Component, CourseType, Enrolment, ImportMapping, Person
from helsestudio.services import audit, course_validation
from helsestudio.services.auth import Permission, require
from helsestudio.services.completions import record_completion_in
from helsestudio.services.course_sessions import enrol_in, get_session_in
from helsestudio.services.errors import InvalidInput, NotFound
from helsestudio.services.import_files import Table, read_table
from helsestudio.services.people import add_person_in, find_duplicates_in, fold

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

FIELDS = ("name", "first_name", "last_name", "email", "unit", "hpr", "elearning_completed",
          "certificate_number")
FIELD_NB = {
    "name": "Navn", "first_name": "Fornavn", "last_name": "Etternavn", "email": "E-post",
    "unit": "Enhet", "hpr": "HPR", "elearning_completed": "E-læring fullført",
    "certificate_number": "Kursbevisnummer",
}
_ALIASES = {
    "name": ("navn", "name", "fullt navn", "full name", "deltaker", "participant", "deltakernavn"),
    "first_name": ("fornavn", "first name", "firstname", "given name"),
    "last_name": ("etternavn", "last name", "lastname", "surname", "family name"),
    "email": ("e-post", "epost", "email", "e-mail", "e-postadresse", "mail", "email address"),
    "unit": ("enhet", "unit", "arbeidssted", "avdeling", "department", "organisasjon",
             "organisation", "organization"),
    "hpr": ("hpr", "hpr-nummer", "hpr nummer", "hprnr", "hpr number", "hpr-nr"),
    "elearning_completed": ("e-læring fullført", "e-learning completed", "elæring fullført",
                            "fullført", "completed", "completion date", "fullført dato"),
    "certificate_number": ("kursbevisnummer", "certificate number", "kursbevis nr",
                           "kursbevis", "certificate no", "sertifikatnummer", "certificate id"),
}
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S")


def _key(header: str) -> str:
    return re.sub(r"[\s_:.]+", " ", fold(header)).strip()


_BY_ALIAS = {_key(alias): name for name, aliases in _ALIASES.items() for alias in aliases}


@dataclass(frozen=True)
class ParsedRow:
    line: int
    name: str
    email: str
    unit: str
    hpr: str | None
    elearning_on: date | None
    certificate_number: str
    action: str = ""  # what the import will do, in Norwegian (preview)
    person_id: int | None = None


@dataclass(frozen=True)
class ImportResult:
    session_id: int
    dry_run: bool
    columns: list[str]
    mapping: dict[str, str]
    encoding: str
    rows: list[ParsedRow]
    errors: list[str] = field(default_factory=list)  # «linje 4: …»
    warnings: list[str] = field(default_factory=list)
    created_people: int = 0
    enrolled: int = 0
    elearning_recorded: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.session_id, "session_id": self.session_id, "dry_run": self.dry_run,
            "mapping": self.mapping, "encoding": self.encoding, "rows": len(self.rows),
            "created_people": self.created_people, "enrolled": self.enrolled,
            "elearning_recorded": self.elearning_recorded, "warnings": self.warnings,
            "people": [{"line": r.line, "person_id": r.person_id, "name": r.name,
                        "action": r.action} for r in self.rows],
        }

    def text_nb(self) -> str:
        head = ("Forhåndsvisning (ingenting er importert)" if self.dry_run else
                f"Importert: {self.created_people} nye personer, {self.enrolled} påmeldt, "
                f"{self.elearning_recorded} e-læringer registrert")
        lines = [head, *self.warnings]
        lines += [f"  linje {r.line:>4}: {r.name:<32} {r.action}" for r in self.rows]
        return "\n".join(lines)


def detect_mapping(columns: list[str]) -> dict[str, str]:
    """Field → column for every header we recognise."""
    found: dict[str, str] = {}
    for column in columns:
        name = _BY_ALIAS.get(_key(column))
        if name and name not in found:
            found[name] = column
    return found


def parse_map_args(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        target, sep, column = item.partition("=")
        if not sep or target.strip() not in FIELDS or not column.strip():
            raise InvalidInput(f"«{item}» er ikke en tilordning: skriv FELT=KOLONNE, der FELT er "
                               f"en av {', '.join(FIELDS)}")
        out[target.strip()] = column.strip()
    return out


def saved_mapping_in(session: Session, name: str) -> dict[str, str] | None:
    row = session.get(ImportMapping, name.strip())
    return dict(row.columns) if row else None


def saved_mapping(ctx: AppContext, name: str) -> dict[str, str] | None:
    with ctx.db.read() as session:
        return saved_mapping_in(session, name)


def mapping_names(ctx: AppContext) -> list[str]:
    with ctx.db.read() as session:
        return list(session.scalars(select(ImportMapping.name).order_by(ImportMapping.name)))


def parse_date_cell(raw: str) -> date:
    text = raw.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise InvalidInput(f"«{raw}» er ikke en dato (bruk f.eks. 2026-03-01 eller 01.03.2026)") from None


def _resolve_mapping(table: Table, saved: Mapping[str, str] | None,
                     overrides: Mapping[str, str]) -> dict[str, str]:
    mapping = detect_mapping(table.columns)
    mapping.update(saved or {})
    mapping.update(overrides)
    present = {c.casefold(): c for c in table.columns if c}
    resolved: dict[str, str] = {}
    for target, column in mapping.items():
        actual = present.get(column.casefold())
        if actual is None:
            if target in overrides or (saved and target in saved):
                raise InvalidInput(f"Kolonnen «{column}» ({FIELD_NB[target]}) finnes ikke i filen. "
                                   f"Kolonnene er: {', '.join(c for c in table.columns if c)}")
            continue
        resolved[target] = actual
    if "name" not in resolved and not {"first_name", "last_name"} <= resolved.keys():
        raise InvalidInput(
            "Fant ingen kolonne for navn. Kolonnene i filen er: "
            f"{', '.join(c for c in table.columns if c)}. Tilordne en (f.eks. --map name=KOLONNE)")
    return resolved


def _parse_row(line: int, cells: list[str], index: dict[str, int]) -> ParsedRow:
    def get(target: str) -> str:
        i = index.get(target)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    raw_name = get("name") or f"{get('first_name')} {get('last_name')}".strip()
    name = course_validation.person_name(raw_name)
    email = course_validation.email(get("email"))
    unit = course_validation.text("Enheten", get("unit"))
    hpr = course_validation.hpr(get("hpr"))
    certificate = course_validation.text("Kursbevisnummeret", get("certificate_number"), max_len=200)
    completed = get("elearning_completed")
    elearning_on = parse_date_cell(completed) if completed else None
    if elearning_on is None and certificate:
        raise InvalidInput("kursbevisnummer uten dato for fullført e-læring: fyll inn datoen")
    if elearning_on is not None and not certificate:
        raise InvalidInput("e-læring fullført uten kursbevisnummer: fyll inn nummeret fra læringsportalen")
    return ParsedRow(line, name, email, unit, hpr, elearning_on, certificate)


def _match_person(session: Session, row: ParsedRow) -> Person | None:
    found = find_duplicates_in(session, row.name, row.email, row.hpr)
    if not found:
        return None
    person = found[0]
    if row.hpr and person.hpr == row.hpr and fold(person.name) != fold(row.name):
        raise InvalidInput(f"HPR-nummer {row.hpr} tilhører «{person.name}» (id {person.id}), ikke «{row.name}»")
    return person


def _plan(session: Session, session_id: int, table: Table,
          mapping: dict[str, str]) -> tuple[list[ParsedRow], list[str], list[str]]:
    """Parse and check every row against the database without writing; (rows, errors, warnings)."""
    cs = get_session_in(session, session_id)
    course = session.get(CourseType, cs.course_type_id)
    assert course is not None
    enrolled = set(session.scalars(select(Enrolment.person_id).where(Enrolment.session_id == cs.id)))
    index = {target: table.columns.index(column) for target, column in mapping.items()}
    rows: list[ParsedRow] = []
    errors: list[str] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    new_enrolments = 0
    for line, cells in table.rows:
        try:
            parsed = _parse_row(line, cells, index)
            key = parsed.hpr or f"{fold(parsed.name)}|{parsed.email}"
            if key in seen:
                raise InvalidInput(f"samme person som på linje {seen[key]}")
            seen[key] = line
            person = _match_person(session, parsed)
        except InvalidInput as exc:
            errors.append(f"linje {line}: {exc.message}")
            continue
        if person is not None and person.id in enrolled:
            action = f"finnes (id {person.id}), allerede påmeldt"
        else:
            new_enrolments += 1
            action = f"finnes (id {person.id}), meldes på" if person else "ny person, meldes på"
        if parsed.elearning_on is not None:
            action += ", e-læring registreres"
        rows.append(ParsedRow(**{**parsed.__dict__, "action": action,
                                 "person_id": person.id if person else None}))
    if any(r.elearning_on for r in rows) and not course.requires_elearning:
        warnings.append(f"«{course.name}» krever ikke e-læring: e-læringskolonnene blir ikke importert")
    if cs.capacity is not None and len(enrolled) + new_enrolments > cs.capacity:
        errors.append(f"kurset har {cs.capacity} plasser, {len(enrolled)} er påmeldt og filen vil "
                      f"melde på {new_enrolments} til: øk kapasiteten eller del listen")
    if not table.rows:
        errors.append("filen har ingen deltakere under overskriftsraden")
    return rows, errors, warnings


def _apply(session: Session, actor: str, session_id: int, rows: list[ParsedRow],
           with_elearning: bool) -> tuple[int, int, int, list[ParsedRow]]:
    created = enrolled = recorded = 0
    done: list[ParsedRow] = []
    for row in rows:
        try:
            # The plan already matched existing people under the same write lock.
            person = session.get(Person, row.person_id) if row.person_id else None
            is_new = person is None
            if person is None:
                person = add_person_in(session, actor, row.name, row.email, row.unit, row.hpr)
                created += 1
            # A person created just now has no enrolment and no completion to look for.
            enrolment = None if is_new else session.scalar(select(Enrolment).where(
                Enrolment.session_id == session_id, Enrolment.person_id == person.id))
            fresh = enrolment is None
            if enrolment is None:
                enrolment = enrol_in(session, actor, session_id, person.id)
                enrolled += 1
            if with_elearning and row.elearning_on is not None and (fresh or not _already_recorded(
                    session, enrolment.id, row.elearning_on, row.certificate_number)):
                record_completion_in(session, actor, enrolment, Component.ELEARNING.value,
                                     row.elearning_on, row.certificate_number)
                recorded += 1
        except InvalidInput as exc:
            # Rolls the whole import back; the message names the line.
            raise InvalidInput(f"Linje {row.line}: {exc.message}. Ingenting er importert") from exc
        done.append(ParsedRow(**{**row.__dict__, "person_id": person.id}))
    return created, enrolled, recorded, done


def _already_recorded(session: Session, enrolment_id: int, on: date, evidence: str) -> bool:
    """The same e-learning completion is stored already: importing the same list again (say
    after a crash, not knowing whether the first run went through) must not record it twice."""
    return session.scalar(select(Completion.id).where(
        Completion.enrolment_id == enrolment_id, Completion.component == Component.ELEARNING.value,
        Completion.completed_on == on, Completion.evidence == evidence.strip(),
        Completion.passed.is_(True)).limit(1)) is not None


def import_file(ctx: AppContext, session_id: int, path: Path, *, mapping_name: str | None = None,
                overrides: Mapping[str, str] | None = None, dry_run: bool = False) -> ImportResult:
    """Preview (`dry_run`) or import a participant list; any bad row refuses the whole file."""
    table = read_table(path)
    overrides = dict(overrides or {})
    # A preview only reads; the import itself holds the write lock from the first check on.
    with ctx.db.read() if dry_run else ctx.db.write() as session:
        require(session, ctx.username, Permission.RUN_SESSIONS)
        require(session, ctx.username, Permission.MANAGE_PEOPLE)
        saved = saved_mapping_in(session, mapping_name) if mapping_name else None
        if mapping_name and saved is None and not overrides:
            raise NotFound(f"Ingen lagret kolonnetilordning heter «{mapping_name}»: oppgi kolonnene med "
                           "--map FELT=KOLONNE første gang (en forhåndsvisning med --dry-run lagrer "
                           "den ikke; den lagres når importen gjøres)")
        mapping = _resolve_mapping(table, saved, overrides)
        rows, errors, warnings = _plan(session, session_id, table, mapping)
        if errors:
            shown = "; ".join(errors[:20]) + (f"; … og {len(errors) - 20} til" if len(errors) > 20 else "")
            raise InvalidInput(f"Ingenting er importert. Rett filen og prøv igjen: {shown}")
        result = ImportResult(session_id, dry_run, table.columns, mapping, table.encoding, rows,
                              errors, warnings)
        if dry_run:
            return result
        course_session = get_session_in(session, session_id)
        course = session.get(CourseType, course_session.course_type_id)
        assert course is not None
        created, enrolled, recorded, done = _apply(session, ctx.username, session_id, rows,
                                                   course.requires_elearning)
        if mapping_name and overrides:
            _remember(session, mapping_name, {**(saved or {}), **overrides})
        audit.record(session, actor=ctx.username, action="session.import", entity="course_session",
                     entity_id=session_id, after={"file": path.name, "rows": len(rows),
                                                  "created_people": created, "enrolled": enrolled})
        return ImportResult(session_id, False, table.columns, mapping, table.encoding, done, [],
                            warnings, created, enrolled, recorded)


def preview_rows(ctx: AppContext, session_id: int, path: Path, mapping: Mapping[str, str]
                 ) -> tuple[Table, dict[str, str], list[ParsedRow], list[str], list[str]]:
    """For the UI: the table, the resolved mapping, rows, errors and warnings (never raises on rows)."""
    table = read_table(path)
    with ctx.db.read() as session:
        resolved = _resolve_mapping(table, None, mapping)
        rows, errors, warnings = _plan(session, session_id, table, resolved)
    return table, resolved, rows, errors, warnings


def _remember(session: Session, name: str, columns: dict[str, str]) -> None:
    clean = course_validation.text("Navnet på tilordningen", name, required=True, max_len=100)
    row = session.get(ImportMapping, clean)
    if row is None:
        session.add(ImportMapping(name=clean, columns=columns))
    else:
        row.columns = columns
