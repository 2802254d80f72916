"""Courses: the session screen, search-as-you-type over many people, and a large import.

1. `session_detail` (one batched read for every participant's eligibility) against the
   baseline of one `eligibility_in` per participant, for a 3-day session with 200 people.
2. `search_people` over 10,000 people (what each keystroke costs in the People tab).
3. A 1,000-row CSV: preview (dry run) and the all-or-nothing import.

    python benchmarks/bench_courses.py [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("HELSESTUDIO_USER", "bench")

from sqlalchemy import insert, select  # noqa: E402

from helsestudio.models import Completion, Enrolment, Person  # noqa: E402
from helsestudio.services import completions, course_sessions, course_types, people  # noqa: E402
from helsestudio.services.app import AppContext  # noqa: E402
from helsestudio.services.course_sessions import SessionInput  # noqa: E402
from helsestudio.services.course_types import CourseTypeInput  # noqa: E402
from helsestudio.services.participant_import import import_file  # noqa: E402
from helsestudio.services.people import search_key  # noqa: E402
from helsestudio.services.session_view import session_detail  # noqa: E402
from helsestudio.services.timeutil import parse_datetime  # noqa: E402

FIRST = ("Áile", "Zofia", "Đuro", "Ingrid", "Dragan", "Thảo", "Ŧoavvu", "Søren", "Amira", "Jonas")
LAST = ("Somby", "Wójcik", "Čuoŋas", "Solvang", "Petrović", "Nguyễn", "Žiidá", "Ærø", "Haugland")


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _fill(ctx: AppContext, n_people: int, n_enrolled: int) -> int:
    course_types.add_course_type(ctx, CourseTypeInput("SIM", "Grunnkurs i simulering",
                                                      ("elearning", "attendance")))
    teacher = people.add_person(ctx, "Ingrid Lærer", "laerer@example.no")
    sid = course_sessions.add_session(ctx, SessionInput(
        "SIM", parse_datetime("2027-03-01T09:00"), parse_datetime("2027-03-03T15:00"),
        (teacher.id,))).id
    rows = []
    for i in range(n_people):
        name = f"{FIRST[i % 10]} {LAST[(i // 10) % 9]} {i}"
        email = f"p{i}@example.no"
        rows.append({"name": name, "email": email, "hpr": None, "unit_id": None, "version": 1,
                     "search_key": search_key(name, email, None), "created_by": "bench"})
    with ctx.db.write() as s:
        s.execute(insert(Person), rows)
        ids = list(s.scalars(select(Person.id).where(Person.id != teacher.id).order_by(Person.id)))
        s.execute(insert(Enrolment), [{"session_id": sid, "person_id": pid} for pid in ids[:n_enrolled]])
        enrolments = list(s.scalars(select(Enrolment.id).where(Enrolment.session_id == sid)))
        done = []
        for k, eid in enumerate(enrolments):
            done.append({"enrolment_id": eid, "component": "elearning", "completed_on": date(2027, 2, 1),
                         "evidence": f"LMS-{k}", "passed": True, "day": None, "recorded_by": "bench"})
            for d in range(3 - k % 2):
                day = date(2027, 3, 1) + timedelta(days=d)
                done.append({"enrolment_id": eid, "component": "attendance", "completed_on": day,
                             "evidence": "", "passed": True, "day": day, "recorded_by": "bench"})
        s.execute(insert(Completion), done)
    return sid


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=None, help="PostgreSQL URL (an empty database)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.pg or f"sqlite:///{Path(tmp) / 'bench.db'}"
        ctx = AppContext.open(url)
        sid = _fill(ctx, 10_000, 200)

        def per_participant() -> None:
            with ctx.db.read() as s:
                ids = s.scalars(select(Enrolment.id).where(Enrolment.session_id == sid)).all()
                for eid in ids:
                    completions.eligibility_in(s, eid)

        batched = _median_ms(lambda: session_detail(ctx, sid), args.rounds)
        baseline = _median_ms(per_participant, args.rounds)
        print(f"session screen, 200 participants x 3 days: batched {batched:.1f} ms, "
              f"per-participant baseline {baseline:.1f} ms, ratio {batched / baseline:.2f}")

        for query in ("aile", "wojcik 12", "zz-no-hit"):
            ms = _median_ms(lambda q=query: people.search_people(ctx, q), args.rounds)
            print(f"search_people over 10,000 people, «{query}»: {ms:.1f} ms")

        sid2 = course_sessions.add_session(ctx, SessionInput(
            "SIM", parse_datetime("2027-04-01T09:00"), parse_datetime("2027-04-01T15:00"),
            (1,))).id
        csv = Path(tmp) / "liste.csv"
        lines = ["Navn;E-post;Enhet;E-læring fullført;Kursbevisnummer"]
        lines += [f"Ny Deltaker Ŋ{i};ny{i}@example.no;Helse Bergen > Avd {i % 7};01.02.2027;LMS-{i}"
                  for i in range(1000)]
        csv.write_bytes("\n".join(lines).encode("utf-8-sig"))
        t0 = time.perf_counter()
        import_file(ctx, sid2, csv, dry_run=True)
        preview = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        result = import_file(ctx, sid2, csv)
        real = (time.perf_counter() - t0) * 1000
        assert result.created_people == 1000 and result.elearning_recorded == 1000
        print(f"import 1,000 rows: preview {preview:.0f} ms, import {real:.0f} ms "
              f"({real / 1000:.2f} ms/row)")
        ctx.close()


if __name__ == "__main__":
    main()
