"""Courses on the command line (issue 4): course-type, person, qualification, session,
enrol, complete, participants import, status."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from helsestudio.cli.common import Run, group, leaf
from helsestudio.services import (
    completions,
    course_sessions,
    course_types,
    participant_import,
    people,
    qualifications,
    session_edit,
    session_view,
)
from helsestudio.services.errors import InvalidInput
from helsestudio.services.import_files import decode
from helsestudio.services.timeutil import (
    day_bounds_utc,
    format_datetime_nb,
    iso_local,
    oslo_date,
    parse_date,
    parse_datetime,
)


def register(sub: argparse._SubParsersAction) -> None:
    ct = group(sub, "course-type", "kurstyper (C1)")
    add = leaf(ct, "add", "ny kurstype", add_course_type)
    add.add_argument("--code", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--requires", default=None,
                     help="komponenter: elearning,attendance,assessment (standard: attendance)")
    add.add_argument("--validity-months", type=int, default=None)
    add.add_argument("--instructor-qualification", default=None, metavar="CODE")
    add.add_argument("--outcomes-file", default=None, metavar="F",
                     help="tekstfil med læringsutbytte, ett per linje")
    add.add_argument("--description", default="")
    add.add_argument("--equipment", default=None, metavar="E1,E2")
    leaf(ct, "list", "vis kurstypene", list_course_types)

    person = group(sub, "person", "personer (deltakere og instruktører)")
    padd = leaf(person, "add", "ny person", add_person)
    padd.add_argument("--name", required=True)
    padd.add_argument("--email", default="")
    padd.add_argument("--unit", default="", help="enhet, eventuelt «Helse Bergen > Akuttmottaket»")
    padd.add_argument("--hpr", default=None, help="HPR-nummer, 7–9 sifre")
    search = leaf(person, "search", "søk etter personer", search_people)
    search.add_argument("query", nargs="?", default="")

    qual = group(sub, "qualification", "kvalifikasjoner tatt utenfor programmet (C4)")
    qadd = leaf(qual, "add", "registrer en kvalifikasjon", add_qualification)
    qadd.add_argument("--person", type=int, required=True, metavar="ID")
    qadd.add_argument("--course-type", required=True, metavar="CODE")
    qadd.add_argument("--issued", required=True, metavar="D")
    qadd.add_argument("--valid-until", default=None, metavar="D")
    qadd.add_argument("--issuer", required=True, metavar="TEXT")
    qadd.add_argument("--equipment", default=None)

    sess = group(sub, "session", "kurs (en kurstype på gitte dager)")
    sadd = leaf(sess, "add", "nytt kurs", add_session)
    sadd.add_argument("--course-type", required=True, metavar="CODE")
    sadd.add_argument("--start", required=True, metavar="T")
    sadd.add_argument("--end", required=True, metavar="T")
    sadd.add_argument("--instructor", type=int, action="append", required=True, metavar="PERSON_ID")
    sadd.add_argument("--place", default="")
    sadd.add_argument("--booking", type=int, default=None, metavar="ID")
    sadd.add_argument("--capacity", type=int, default=None)
    sadd.add_argument("--activity-type", default="kurs",
                      help=", ".join(course_sessions.ACTIVITY_TYPES))
    sadd.add_argument("--region", default="", help="region/HF (C9)")
    show = leaf(sess, "show", "vis kurset med deltakere", show_session)
    show.add_argument("session_id", type=int, metavar="SESSION_ID")
    leaf(sess, "list", "vis kursene", list_sessions)
    act = leaf(sess, "activity", "læringsaktivitet per type og region (C9)", show_activity)
    act.add_argument("--from", dest="first", required=True, metavar="D")
    act.add_argument("--to", dest="last", required=True, metavar="D", help="til og med denne dagen")

    enrol = leaf(sub, "enrol", "meld en person på et kurs", enrol_person)
    enrol.add_argument("session_id", type=int, metavar="SESSION_ID")
    enrol.add_argument("person_id", type=int, metavar="PERSON_ID")
    enrol.add_argument("--equipment", default=None)

    unenrol = leaf(sub, "unenrol", "fjern en deltaker fra et kurs (frigjør plassen)", unenrol_person)
    unenrol.add_argument("session_id", type=int, metavar="SESSION_ID")
    unenrol.add_argument("person_id", type=int, metavar="PERSON_ID")
    unenrol.add_argument("--reason", required=True, metavar="TEXT")

    comp = leaf(sub, "complete", "registrer e-læring, oppmøte eller vurdering (C2)", complete)
    comp.add_argument("session_id", type=int, metavar="SESSION_ID")
    comp.add_argument("person_id", type=int, nargs="?", default=None, metavar="PERSON_ID")
    comp.add_argument("--all", action="store_true", help="alle påmeldte (f.eks. «alle til stede»)")
    comp.add_argument("--component", required=True,
                      choices=("elearning", "attendance", "assessment"))
    comp.add_argument("--date", required=True, metavar="D")
    comp.add_argument("--evidence", default="", metavar="TEXT")
    comp.add_argument("--failed", action="store_true", help="ikke bestått / ikke til stede")

    parts = group(sub, "participants", "deltakerlister")
    imp = leaf(parts, "import", "importer deltakere og e-læring fra CSV eller XLSX", import_participants)
    imp.add_argument("session_id", type=int, metavar="SESSION_ID")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--mapping", default=None, metavar="NAME",
                     help="bruk (og husk) en lagret kolonnetilordning med dette navnet")
    imp.add_argument("--map", action="append", default=[], metavar="FELT=KOLONNE",
                     help="tilordne en kolonne, f.eks. name=Fullt navn (lagres under --mapping)")
    imp.add_argument("--dry-run", action="store_true", help="bare forhåndsvis, importer ingenting")

    st = leaf(sub, "status", "status for et krav på en dato (C5)", show_status)
    st.add_argument("--person", type=int, required=True, metavar="ID")
    st.add_argument("--course-type", required=True, metavar="CODE")
    st.add_argument("--on", default=None, metavar="D")


def _today() -> date:
    from datetime import datetime

    return oslo_date(datetime.now().astimezone())


def add_course_type(run: Run) -> int:
    a = run.args
    outcomes = ""
    if a.outcomes_file:
        path = Path(a.outcomes_file)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InvalidInput(f"Fant ikke filen {path} (--outcomes-file)") from None
        except OSError as exc:
            raise InvalidInput(f"Kan ikke lese læringsutbyttet fra {path}: {exc.strerror}") from None
        # A file saved from Notepad in Norway may well be Windows-1252, as the import accepts.
        outcomes, _ = decode(raw)
    data = course_types.CourseTypeInput(
        code=a.code, name=a.name, requires=course_types.parse_requires(a.requires),
        description=a.description, outcomes=outcomes, validity_months=a.validity_months,
        instructor_qualification=a.instructor_qualification,
        equipment=course_types.parse_list(a.equipment),
    )
    row = course_types.add_course_type(run.ctx, data)
    run.emit(row.to_json(), f"Kurstype {row.id} {row.code}: {row.name} "
             f"(krever {', '.join(completions.COMPONENT_NB[c] for c in row.requires)})")
    return 0


def list_course_types(run: Run) -> int:
    rows = course_types.list_course_types(run.ctx)
    run.emit({"course_types": [r.to_json() for r in rows]},
             lambda: "\n".join(f"{r.code:<20} {r.name}" for r in rows) or "Ingen kurstyper.")
    return 0


def add_person(run: Run) -> int:
    a = run.args
    row = people.add_person(run.ctx, a.name, a.email, a.unit, a.hpr)
    run.emit(row.to_json(), f"Person {row.id}: {row.name}" + (f" ({row.unit})" if row.unit else ""))
    return 0


def search_people(run: Run) -> int:
    rows = people.search_people(run.ctx, run.args.query)
    run.emit({"people": [r.to_json() for r in rows]},
             lambda: "\n".join(f"{r.id:>5} {r.name:<32} {r.email:<32} {r.unit}" for r in rows)
             or "Ingen treff.")
    return 0


def add_qualification(run: Run) -> int:
    a = run.args
    row = qualifications.add_external_qualification(
        run.ctx, a.person, a.course_type, parse_date(a.issued),
        parse_date(a.valid_until) if a.valid_until else None, a.issuer, a.equipment)
    until = row.valid_until.isoformat() if row.valid_until else "uten utløp"
    run.emit(row.to_json(), f"Kvalifikasjon {row.id}: {row.course_type} for person {row.person_id}, "
             f"gyldig til {until}")
    return 0


def add_session(run: Run) -> int:
    a = run.args
    data = course_sessions.SessionInput(
        course_type=a.course_type, start=parse_datetime(a.start), end=parse_datetime(a.end),
        instructors=tuple(a.instructor), place=a.place, booking_id=a.booking, capacity=a.capacity,
        activity_type=a.activity_type, region=a.region,
    )
    info = course_sessions.add_session(run.ctx, data)
    detail = session_view.session_detail(run.ctx, info.id)
    run.emit(detail.to_json(), f"Kurs {info.id}: {info.course_name}, {format_datetime_nb(info.start)}")
    return 0


def _session_text(detail: session_view.SessionDetail) -> str:
    info = detail.info
    lines = [f"Kurs {info.id}: {info.course_name} ({info.course_type})",
             f"{format_datetime_nb(info.start)} – {format_datetime_nb(info.end)}  {info.place}",
             "Instruktør: " + ", ".join(name for _, name in info.instructors),
             f"Deltakere: {len(detail.participants)}"
             + (f" av {info.capacity}" if info.capacity else "")
             + f", fullført: {detail.complete_count}"]
    for p in detail.participants:
        state = "fullført" if p.eligibility.eligible else "mangler: " + "; ".join(p.eligibility.reasons)
        lines.append(f"  {p.person_id:>5} {p.name:<32} {state}")
    return "\n".join(lines)


def show_session(run: Run) -> int:
    detail = session_view.session_detail(run.ctx, run.args.session_id)
    run.emit(detail.to_json(), lambda: _session_text(detail))
    return 0


def list_sessions(run: Run) -> int:
    rows = course_sessions.list_sessions(run.ctx)
    run.emit({"sessions": [{"id": r.id, "course_type": r.course_type, "start": iso_local(r.start),
                            "enrolled": r.enrolled, "capacity": r.capacity} for r in rows]},
             lambda: "\n".join(f"{r.id:>5} {format_datetime_nb(r.start):<26} {r.course_name}"
                               for r in rows) or "Ingen kurs.")
    return 0


def show_activity(run: Run) -> int:
    first, last = parse_date(run.args.first), parse_date(run.args.last)
    if last < first:
        raise InvalidInput("--to må være samme dag som eller etter --from")
    lo, hi = day_bounds_utc(first, last)
    lines = course_sessions.activity_report(run.ctx, lo, hi)
    run.emit({"from": first.isoformat(), "to": last.isoformat(),
              "activities": [ln.to_json() for ln in lines]},
             lambda: "\n".join(f"{course_sessions.ACTIVITY_TYPES.get(ln.activity_type, ln.activity_type):<18} "
                               f"{ln.region:<20} {ln.sessions:>4} kurs {ln.participants:>5} deltakere "
                               f"{ln.hours:>7.1f} timer" for ln in lines) or "Ingen aktivitet i perioden.")
    return 0


def enrol_person(run: Run) -> int:
    a = run.args
    row = course_sessions.enrol(run.ctx, a.session_id, a.person_id, a.equipment)
    run.emit(row.to_json(), f"Person {row.person_id} er påmeldt kurs {row.session_id}")
    return 0


def unenrol_person(run: Run) -> int:
    a = run.args
    session_edit.withdraw(run.ctx, a.session_id, a.person_id, a.reason)
    run.emit({"session_id": a.session_id, "person_id": a.person_id, "withdrawn": True},
             f"Person {a.person_id} er fjernet fra kurs {a.session_id}")
    return 0


def complete(run: Run) -> int:
    a = run.args
    if a.all == (a.person_id is not None):
        raise InvalidInput("Oppgi enten PERSON_ID eller --all (alle påmeldte), ikke begge eller ingen")
    records = completions.record_completion(
        run.ctx, a.session_id, a.person_id, a.component, parse_date(a.date), a.evidence,
        passed=not a.failed)
    data: object = records[0].to_json() if a.person_id is not None else {
        "session_id": a.session_id, "component": a.component,
        "completions": [r.to_json() for r in records]}
    word = "ikke bestått/fraværende" if a.failed else "registrert"
    run.emit(data, f"{completions.COMPONENT_NB[records[0].component]} {word} for "
             f"{len(records)} deltaker(e)")
    return 0


def import_participants(run: Run) -> int:
    a = run.args
    overrides = participant_import.parse_map_args(a.map)
    result = participant_import.import_file(run.ctx, a.session_id, Path(a.file), mapping_name=a.mapping,
                                            overrides=overrides, dry_run=a.dry_run)
    run.emit(result.to_json(), lambda: result.text_nb())
    return 0


def show_status(run: Run) -> int:
    a = run.args
    on = parse_date(a.on) if a.on else _today()
    result = qualifications.status(run.ctx, a.person, a.course_type, on)
    run.emit(result.to_json(), result.text_nb())
    return 0
