"""Several PCs on one database: the last seat of a session goes to exactly one person,
and the course schema built by migration 0003 matches the models."""

from __future__ import annotations

import threading

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from helsestudio.models import Base
from helsestudio.services import course_sessions, course_types, people, session_view
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import SessionInput
from helsestudio.services.course_types import CourseTypeInput
from helsestudio.services.errors import RuleViolation
from helsestudio.services.timeutil import parse_datetime

COURSE_TABLES = {"units", "people", "course_types", "course_sessions", "session_instructors",
                 "enrolments", "completions", "external_qualifications", "import_mappings"}


def test_capacity_holds_when_many_pcs_enrol_into_the_last_seats_at_once(ctx: AppContext) -> None:
    course_types.add_course_type(ctx, CourseTypeInput("SIM", "Grunnkurs i simulering"))
    teacher = people.add_person(ctx, "Ingrid Solvang", "ingrid@example.no")
    sid = course_sessions.add_session(ctx, SessionInput(
        "SIM", parse_datetime("2026-03-03T09:00"), parse_datetime("2026-03-03T15:00"),
        (teacher.id,), capacity=3)).id
    learners = [people.add_person(ctx, f"Deltaker Nummer{i}", f"d{i}@example.no").id for i in range(8)]
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(learners))

    def worker(person_id: int) -> None:
        # Each thread is its own PC: its own engine and connections to the same database.
        other = AppContext.open(str(ctx.db.url.render_as_string(hide_password=False)), upgrade=False)
        other.username = ctx.username
        try:
            start.wait()
            course_sessions.enrol(other, sid, person_id)
            result = "ok"
        except RuleViolation as exc:
            result = exc.rule
        finally:
            other.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(pid,)) for pid in learners]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["KAPASITET"] * 5 + ["ok"] * 3
    assert len(session_view.session_detail(ctx, sid).participants) == 3


def test_migration_0003_builds_exactly_the_course_models(ctx: AppContext) -> None:
    with ctx.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    mine = [d for d in diff if any(t in repr(d) for t in COURSE_TABLES)]
    assert mine == []
