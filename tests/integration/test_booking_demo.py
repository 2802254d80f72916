"""The demo data goes through the booking services, so it obeys the rules it demonstrates."""

from __future__ import annotations

from datetime import date, timedelta

from helsestudio.services import bookings, demo
from helsestudio.services.app import AppContext
from helsestudio.services.calendar_days import is_closed_day
from helsestudio.services.timeutil import format_time, oslo_date


def test_r4_r5_r9_demo_studio_data_is_rule_valid(sqlite_ctx: AppContext) -> None:
    today = date(2026, 11, 23)
    assert demo.fill_demo(sqlite_ctx, today).bookings > 100
    rows = bookings.list_bookings(sqlite_ctx, today - timedelta(days=60), today + timedelta(days=60))
    live = [r for r in rows if r.state == "bekreftet"]
    buffer = timedelta(minutes=15)
    assert all(a.end + buffer <= b.start for a, b in zip(live, live[1:], strict=False))  # R4
    assert all(not is_closed_day(oslo_date(r.start)) for r in rows)  # R9
    assert all(format_time(r.start) >= "07:30" and format_time(r.end) <= "16:00" for r in rows)
    fridays = [r for r in rows if r.series_id is not None]
    assert fridays and {format_time(r.start) for r in fridays} == {"08:00"}  # R5
    assert {r.state for r in fridays} == {"bekreftet", "avlyst"}
    assert any(r.state == "fortrengt" and r.displaced_by for r in rows)  # R3
    assert any(r.state == "forespurt" and r.pending_conflicts for r in rows)
    assert any(r.assist_requested and r.assigned_to for r in live)  # R8
