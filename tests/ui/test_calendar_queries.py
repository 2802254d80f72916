"""The calendar's read queries on SQLite and PostgreSQL (no widgets; lives with the calendar tests)."""

from __future__ import annotations

from datetime import date, time, timedelta

from helsestudio.services.app import AppContext
from helsestudio.services.calendar_queries import (
    bookings_in_range,
    confirmed_conflicts,
    day_bookings,
    load_meta,
    pending_requests,
)
from helsestudio.services.timeutil import oslo_datetime
from tests.ui.test_calendar import NOW, TUE, add


def titles(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.title for r in rows]


def test_range_is_oslo_days_inclusive_and_dst_safe(ctx: AppContext) -> None:
    # 00:30 Oslo on the day summer time starts is 23:30 UTC the day before.
    add(ctx, "Natt til søndag", date(2027, 3, 28), "00:30", "01:30")
    add(ctx, "Lørdag kveld", date(2027, 3, 27), "22:00", "23:00")
    add(ctx, "Mandag", date(2027, 3, 29), "08:00", "09:00")
    with ctx.db.read() as session:
        assert titles(bookings_in_range(session, date(2027, 3, 28), date(2027, 3, 28))) == ["Natt til søndag"]
        assert titles(bookings_in_range(session, date(2027, 3, 27), date(2027, 3, 29))) == [
            "Lørdag kveld", "Natt til søndag", "Mandag"]


def test_booking_running_into_the_range_is_shown(ctx: AppContext) -> None:
    day = date(2027, 2, 1)
    add(ctx, "Over midnatt", day, "23:00", "23:59")
    with ctx.db.write() as session:  # stretch it past midnight
        from helsestudio.models import Booking

        b = session.query(Booking).filter_by(title="Over midnatt").one()
        b.end = oslo_datetime(day + timedelta(days=1), time(1, 0))
    with ctx.db.read() as session:
        assert titles(bookings_in_range(session, day + timedelta(days=1), day + timedelta(days=1))) == ["Over midnatt"]
        assert titles(bookings_in_range(session, day + timedelta(days=2), day + timedelta(days=2))) == []


def test_r3_pending_requests_are_flagged_against_confirmed_time(ctx: AppContext) -> None:
    day = TUE + timedelta(days=35)
    held = add(ctx, "Opptak", day, "10:00", "11:00", category="produksjon")
    req = add(ctx, "RegUt", day, "10:30", "11:30", state="forespurt", received=NOW - timedelta(days=3))
    free = add(ctx, "Ledig tid", day, "13:00", "14:00", state="forespurt", received=NOW - timedelta(days=2))
    with ctx.db.read() as session:
        pending = pending_requests(session, NOW)
        conflicts = confirmed_conflicts(session, pending)
    assert [r.id for r in pending] == [req, free]
    assert [c.id for c in conflicts[req]] == [held] and free not in conflicts


def test_day_bookings_leave_out_cancelled_and_meta_reads_policy(ctx: AppContext) -> None:
    add(ctx, "Ledermøte", TUE, "13:00", "14:00", category="ledermote", assist=True)
    add(ctx, "Avlyst", TUE, "09:00", "10:00", state="avlyst", assist=True)
    with ctx.db.read() as session:
        rows = day_bookings(session, TUE)
        meta = load_meta(session)
    assert titles(rows) == ["Ledermøte"]  # cancelled ones are not on the day plan
    assert [c.code for c in meta.categories][:2] == ["fredagsmote", "regut"]
    assert meta.opening == ("07:30", "16:00") and meta.capacities["2meet"] == 50 and meta.crisis is None
