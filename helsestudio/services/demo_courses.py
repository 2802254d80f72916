"""Demo data for courses: course types, units, ~60 invented people in many scripts, and
sessions with participants at every stage of completion.

Every person is invented (combinations of common first and last names); none comes
from the source documents. Everything goes through the same `*_in` services a user
would use, so the demo obeys C2, C4 and capacity and is audited like real work.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Component, CourseSession
from helsestudio.services import certificates
from helsestudio.services.completions import record_completion_in, session_days
from helsestudio.services.course_sessions import SessionInput, add_session_in, enrol_in
from helsestudio.services.course_types import CourseTypeInput, add_course_type_in
from helsestudio.services.errors import DomainError, PermissionDenied
from helsestudio.services.people import add_person_in, fold
from helsestudio.services.qualifications import add_external_qualification_in
from helsestudio.services.timeutil import oslo_date, oslo_datetime

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

E, A, V = Component.ELEARNING.value, Component.ATTENDANCE.value, Component.ASSESSMENT.value
TERMINALS = ("Sepura STP9000", "Motorola MTP6650", "Sepura SC20")

COURSE_TYPES = (
    CourseTypeInput("NN-INSTR", "Nødnett instruktørkurs kontrollrom", (A, V),
                    "Kurs for instruktører som skal lære opp operatører i AMK og legevaktsentral.",
                    "Kan planlegge og gjennomføre brukeropplæring i Nødnett\n"
                    "Kan vurdere deltakernes praktiske ferdigheter", 36, None,
                    ("Kontrollromsløsning (ICCS)",)),
    CourseTypeInput("NN-BRUKER", "Nødnett brukerkurs radioterminal", (E, A, V),
                    "Brukeropplæring i radioterminal for helsepersonell.",
                    "Kan slå på, logge inn og velge talegruppe\nKan gjøre gruppe- og "
                    "individuelle anrop\nKan bruke nødknappen riktig", 24, "NN-INSTR", TERMINALS),
    CourseTypeInput("SIM-INSTR", "Instruktørkurs i helsefaglig simulering", (A, V),
                    "For deg som skal lede simulering og debrifing.",
                    "Kan lede en simulering etter en strukturert mal\nKan lede debrifing", None),
    CourseTypeInput("SIM-GRUNN", "Grunnkurs i simulering", (E, A),
                    "Grunnkurs for fasilitatorer i helsefaglig simulering.",
                    "Kjenner prinsippene for trygg læringsarena\nKan delta som fasilitator",
                    None, "SIM-INSTR"),
    CourseTypeInput("TEAMLEDER", "Teamlederkurs akuttmottak", (A,),
                    "Simuleringsbasert teamtrening for ledere av traumeteam.",
                    "Kan lede et team etter ABCDE\nKan bruke lukket kommunikasjon", 24, "SIM-INSTR"),
    CourseTypeInput("VIDEO-AMK", "Opplæring i videoløsning for AMK og legevaktsentral", (E, A),
                    "Webinar om bruk av video i samtale med innringer.",
                    "Kan starte og avslutte en videosamtale med innringer", 12),
)
UNITS = (
    "Helse Bergen > Akuttmottaket", "Helse Bergen > AMK Bergen", "Helse Bergen > Kvinneklinikken",
    "Helse Bergen > Barne- og ungdomsklinikken", "Bergen kommune > Bergen legevakt",
    "Askøy kommune > Askøy legevakt", "Voss kommune > Voss legevakt",
    "Helse Fonna > Medisinsk avdeling",
)
FIRST = ("Áile", "Máret", "Ánde", "Niillas", "Biret", "Jovnna", "Risten", "Sárá", "Ánná", "Piera",
         "Zofia", "Łukasz", "Małgorzata", "Grzegorz", "Agnieszka", "Dragan", "Jelena", "Mirela",
         "Søren", "Øystein", "Åse", "Ingrid", "Kjersti", "Håkon", "Ólafur", "Chidinma", "Amira",
         "Thảo", "Hà", "Leyla", "Eevi", "Jörg", "Siobhán", "Ægir")
LAST = ("Somby", "Ŋuvvon", "Đuolbma", "Ŧuolla", "Žiidá", "Čáhppes", "Hætta", "Guttorm",
        "Wójcik", "Dąbrowski", "Kowalczyk", "Żółkiewska", "Wiśniewska", "Petrović", "Marković",
        "Kjærgaard", "Ærø-Åsen", "Solheim", "Lunde-Øvrebø", "Þórsson", "Okafor", "Nguyễn",
        "Yılmaz", "Väisänen", "Müller", "Ní Bhriain", "Bø")
# Names in other scripts stay whole, so no one is half Cyrillic.
WHOLE_NAMES = ("Анна Смирнова", "Γιώργος Παπαδόπουλος", "Nguyễn Thị Thảo")


def _people(session: Session, actor: str, rng: random.Random, count: int) -> list[int]:
    ids: list[int] = []
    used: set[str] = set()
    whole = list(WHOLE_NAMES)
    while len(ids) < count:
        name = whole.pop() if whole else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in used:
            continue
        used.add(name)
        slug = ".".join("".join(c for c in part if c.isascii() and c.isalpha())
                        for part in fold(name).split()).strip(".") or "person"
        hpr = str(rng.randint(1_000_000, 99_999_999)) if rng.random() < 0.5 else None
        person = add_person_in(session, actor, name, f"{slug}{len(ids)}@example.org",
                               rng.choice(UNITS), hpr)
        ids.append(person.id)
    return ids


def _run(session: Session, actor: str, rng: random.Random, code: str, day: date, days: int,
         instructor: int, learners: list[int], stage: str, capacity: int, today: date) -> int:
    start = oslo_datetime(day, time(9, 0))
    end = oslo_datetime(day + timedelta(days=days - 1), time(15, 30))
    cs = add_session_in(session, actor, SessionInput(
        code, start, end, (instructor,), place=rng.choice(("Studio 2037", "Simuleringssenteret",
                                                            "AMK Bergen, møterom 2")),
        capacity=capacity, activity_type=rng.choice(("kurs", "simulering", "ferdighetstrening")),
        region="Helse Bergen"))
    components = next(c.requires for c in COURSE_TYPES if c.code == code)
    equipment = next(c.equipment for c in COURSE_TYPES if c.code == code)
    for person_id in learners:
        enrolment = enrol_in(session, actor, cs.id, person_id,
                             rng.choice(equipment) if equipment else None)
        # How far each participant has come depends on where the session is in time.
        progress = {"done": 0.9, "running": 0.6, "planned": 0.0}[stage]
        if E in components and rng.random() < max(progress, 0.45):
            record_completion_in(session, actor, enrolment, E, day - timedelta(days=rng.randint(3, 20)),
                                 f"LMS-{rng.randint(100000, 999999)}")
        if A in components and stage != "planned":
            for d in session_days(start, end):
                if d <= today and rng.random() < progress + 0.08:
                    record_completion_in(session, actor, enrolment, A, d)
        if V in components and stage == "done":
            record_completion_in(session, actor, enrolment, V, session_days(start, end)[-1],
                                 "Praktisk prøve", passed=rng.random() < 0.9)
    return len(learners)


def fill_courses(session: Session, actor: str, today: date, seed: int = 2037) -> dict[str, int]:
    rng = random.Random(seed)
    for data in COURSE_TYPES:
        add_course_type_in(session, actor, data)
    person_ids = _people(session, actor, rng, 60)
    instructors, learners = person_ids[:5], person_ids[5:]
    issued = today - timedelta(days=700)
    # The first instructors got their qualification elsewhere (C4); one is about to expire.
    add_external_qualification_in(session, actor, instructors[0], "NN-INSTR", issued, None,
                                  "Nasjonalt instruktørkurs (DSB)")
    add_external_qualification_in(session, actor, instructors[1], "NN-INSTR", issued,
                                  today + timedelta(days=45), "Nasjonalt instruktørkurs (DSB)")
    for i in (2, 3, 4):
        add_external_qualification_in(session, actor, instructors[i], "SIM-INSTR", issued, None,
                                      "Nasjonalt senter for simulering")
    add_external_qualification_in(session, actor, instructors[4], "NN-INSTR", issued - timedelta(days=800),
                                  today - timedelta(days=30), "Nasjonalt instruktørkurs (DSB)")
    plan = (  # (course, days from today, number of days, instructor, participants, capacity)
        ("NN-BRUKER", -40, 1, 0, 12, 14), ("NN-BRUKER", -9, 2, 1, 10, 12),
        ("NN-BRUKER", 0, 1, 0, 8, 12), ("SIM-GRUNN", -20, 2, 2, 10, 12),
        ("TEAMLEDER", -3, 1, 3, 8, 8), ("SIM-GRUNN", 14, 2, 2, 6, 12),
        ("NN-BRUKER", 21, 1, 1, 4, 12),
    )
    enrolments = 0
    for code, offset, days, who, count, capacity in plan:
        day = today + timedelta(days=offset)
        while any((day + timedelta(days=n)).weekday() >= 5 for n in range(days)):
            day += timedelta(days=1)  # courses run on weekdays only
        last = day + timedelta(days=days - 1)
        stage = "done" if last < today else "planned" if day > today else "running"
        enrolments += _run(session, actor, rng, code, day, days, instructors[who],
                           rng.sample(learners, count), stage, capacity, today)
    return {"course_types": len(COURSE_TYPES), "people": len(person_ids), "sessions": len(plan),
            "enrolments": enrolments}


def issue_for_finished(ctx: AppContext, today: date, after_days: int = 7) -> int:
    """Issue certificates for the courses that ended more than a week ago.

    The most recent courses are left for the user: the Kursbevis page then shows
    both a course that is done and one that is waiting to be issued.
    """
    with ctx.db.read() as session:
        finished = [(cs.id, cs.end) for cs in session.scalars(select(CourseSession).order_by(CourseSession.end))
                    if (today - oslo_date(cs.end)).days > after_days]
    count = 0
    for session_id, end in finished:
        try:
            result = certificates.issue(ctx, session_id, issued_on=oslo_date(end))
        except PermissionDenied:
            raise  # the demo's user may not issue: say so rather than quietly issue nothing
        except DomainError:
            # An instructor not qualified that day (C4), nobody enrolled, a date ahead of the
            # clock: as in real life, that course gets no certificates; the rest still do.
            continue
        count += len(result.issued)
    return count
