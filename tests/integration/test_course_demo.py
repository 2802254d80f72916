"""Demo data for courses: invented people in many scripts, sessions at every stage."""

from __future__ import annotations

from datetime import date

from helsestudio.services import course_sessions, demo, people, session_view
from helsestudio.services.app import AppContext


def test_demo_fills_courses_with_people_in_many_scripts_and_mixed_progress(
    sqlite_ctx: AppContext,
) -> None:
    summary = demo.fill_demo(sqlite_ctx, date(2026, 11, 23))
    certificates = summary.extra.pop("certificates")
    assert summary.extra == {"course_types": 6, "people": 60, "sessions": 7, "enrolments": 58}
    assert certificates > 0  # the older finished courses have their certificates (C2, C4)
    names = [p.name for p in people.search_people(sqlite_ctx, "")]
    assert len(names) == 60 and any(not n.isascii() for n in names)
    assert {"Анна Смирнова", "Γιώργος Παπαδόπουλος"} <= set(names)
    assert any(ch in "".join(names) for ch in "ŋšžčđŧá")
    details = [session_view.session_detail(sqlite_ctx, s.id)
               for s in course_sessions.list_sessions(sqlite_ctx)]
    complete = [d.complete_count for d in details]
    assert max(complete) > 0 and min(complete) == 0  # finished and not yet started sessions
    assert any(p.eligibility.missing for d in details for p in d.participants)
