"""A small invented course population for the certificate and compliance tests.

Rows are written through the ORM models agreed in interfaces.md, so these tests
do not depend on the details of the course services' input forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from helsestudio.models import (
    Completion,
    CourseSession,
    CourseType,
    Enrolment,
    ExternalQualification,
    Person,
    SessionInstructor,
    Unit,
)
from helsestudio.services.app import AppContext
from helsestudio.services.timeutil import oslo_datetime

COURSE_DAY = date(2026, 3, 3)


@dataclass
class Population:
    hf: int
    amk: int
    mottak: int
    kommune: int
    instr_type: int
    course_type: int
    instructor: int
    unqualified: int
    kari: int
    ailu: int
    per: int
    session: int


def _session(s, course_type: int, instructor: int, day: date = COURSE_DAY) -> CourseSession:
    cs = CourseSession(course_type_id=course_type, start=oslo_datetime(day, time(8)),
                       end=oslo_datetime(day, time(15)), place="Simuleringssenteret, Haukeland")
    s.add(cs)
    s.flush()
    s.add(SessionInstructor(session_id=cs.id, person_id=instructor))
    return cs


def enrol(s, session_id: int, person_id: int, *, elearning: bool = True, attended: bool = True,
          day: date = COURSE_DAY, equipment: str | None = "Sepura STP9000") -> Enrolment:
    e = Enrolment(session_id=session_id, person_id=person_id, equipment=equipment)
    s.add(e)
    s.flush()
    if elearning:
        s.add(Completion(enrolment_id=e.id, component="elearning", completed_on=date(2026, 2, 20),
                         evidence=f"LMS-{person_id}", passed=True))
    if attended:
        s.add(Completion(enrolment_id=e.id, component="attendance", completed_on=day, evidence="",
                         passed=True, day=day))
    return e


def build(ctx: AppContext) -> Population:
    with ctx.db.write() as s:
        hf = Unit(name="Helse Bergen HF", kind="helseforetak")
        kommune = Unit(name="Bergen kommune", kind="kommune")
        s.add_all([hf, kommune])
        s.flush()
        amk = Unit(name="AMK Bergen", kind="amk", parent_id=hf.id)
        mottak = Unit(name="Akuttmottaket", kind="avdeling", parent_id=hf.id)
        s.add_all([amk, mottak])
        s.flush()
        instr = CourseType(code="NN-INSTR", name="Nødnett instruktørkurs", requires_attendance=True,
                           validity_months=36, equipment=[])
        s.add(instr)
        s.flush()
        course = CourseType(
            code="NN-RT", name="Nødnett brukerkurs radioterminal", requires_elearning=True,
            requires_attendance=True, validity_months=24, instructor_qualification_id=instr.id,
            outcomes="Kan bruke radioterminalen i daglig drift\nKjenner talegrupper og nødknapp",
            equipment=["Sepura STP9000", "Motorola MTP6650"],
        )
        people = {
            key: Person(name=name, unit_id=unit)
            for key, name, unit in (
                ("instructor", "Ingrid Haugland", amk.id), ("unqualified", "Ola Uten Kurs", amk.id),
                ("kari", "Kari Nordmann", amk.id), ("ailu", "Áilu Ŋuvtto-Čoarvi", mottak.id),
                ("per", "Per Mangel", amk.id),
            )
        }
        s.add(course)
        s.add_all(people.values())
        s.flush()
        s.add(ExternalQualification(person_id=people["instructor"].id, course_type_id=instr.id,
                                    issued_on=date(2025, 1, 10), valid_until=date(2027, 12, 31),
                                    issuer="Nasjonal kompetansetjeneste"))
        cs = _session(s, course.id, people["instructor"].id)
        enrol(s, cs.id, people["kari"].id)
        enrol(s, cs.id, people["ailu"].id, equipment="Motorola MTP6650")
        enrol(s, cs.id, people["per"].id, elearning=False)
        return Population(
            hf=hf.id, amk=amk.id, mottak=mottak.id, kommune=kommune.id, instr_type=instr.id,
            course_type=course.id, instructor=people["instructor"].id,
            unqualified=people["unqualified"].id, kari=people["kari"].id, ailu=people["ailu"].id,
            per=people["per"].id, session=cs.id,
        )


def add_session(ctx: AppContext, pop: Population, instructor: int, person_ids: list[int],
                day: date = COURSE_DAY) -> int:
    with ctx.db.write() as s:
        cs = _session(s, pop.course_type, instructor, day)
        for pid in person_ids:
            enrol(s, cs.id, pid, day=day)
        return cs.id


def add_people(ctx: AppContext, unit_id: int, names: list[str]) -> list[int]:
    with ctx.db.write() as s:
        rows = [Person(name=name, unit_id=unit_id) for name in names]
        s.add_all(rows)
        s.flush()
        return [p.id for p in rows]


def naive(day: date) -> datetime:
    return datetime.combine(day, time(12))
