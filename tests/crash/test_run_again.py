"""Running an import again after a crash must be safe (found by the SIGKILL harness).

A user whose program died during a participant import cannot tell whether it
went through, so the natural thing is to import the same file again. That
must neither fail nor store anything twice — e-learning completions included.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from helsestudio.models import Completion, Enrolment, Person
from helsestudio.services import course_sessions, course_types, people
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import SessionInput
from helsestudio.services.course_types import CourseTypeInput
from helsestudio.services.participant_import import import_file
from helsestudio.services.timeutil import parse_datetime

CSV = ("Navn;E-post;E-læring fullført;Kursbevisnummer\r\n"
       "Áile Ŋuvvon-Somby;aile@example.no;2026-02-20;LMS-1\r\n"
       "Zofia Wójcik-Łęcka;zofia@example.no;01.02.2026;LMS-2\r\n")


def _counts(ctx: AppContext) -> tuple[int, int, int]:
    with ctx.db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0  # type: ignore[return-value]
                     for t in (Person, Enrolment, Completion))


def test_same_participant_list_imported_twice_records_elearning_once(ctx: AppContext,
                                                                    tmp_path: Path) -> None:
    course_types.add_course_type(ctx, CourseTypeInput(
        code="SIM", name="Grunnkurs i simulering", requires=("elearning", "attendance")))
    teacher = people.add_person(ctx, "Ingrid Solvang", "ingrid@example.no")
    sid = course_sessions.add_session(ctx, SessionInput(
        course_type="SIM", start=parse_datetime("2026-03-03T09:00"),
        end=parse_datetime("2026-03-03T15:00"), instructors=(teacher.id,))).id
    path = tmp_path / "liste.csv"
    path.write_bytes(CSV.encode("utf-8"))
    first = import_file(ctx, sid, path)
    after_first = _counts(ctx)
    again = import_file(ctx, sid, path)
    assert (first.created_people, first.enrolled, first.elearning_recorded) == (2, 2, 2)
    assert (again.created_people, again.enrolled, again.elearning_recorded) == (0, 0, 0)
    assert _counts(ctx) == after_first

    path.write_bytes(CSV.replace("LMS-2", "LMS-2b").encode("utf-8"))  # a renewed e-learning is news
    assert import_file(ctx, sid, path).elearning_recorded == 1
