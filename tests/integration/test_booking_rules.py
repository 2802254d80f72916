"""Booking rules R1–R9 through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from helsestudio.models import AuditEntry, Booking
from helsestudio.services import bookings, bookings_config, studio_policy, users
from helsestudio.services.app import AppContext
from helsestudio.services.errors import InvalidInput, PermissionDenied, RuleViolation
from helsestudio.services.studio_queries import BookingRow
from helsestudio.services.timeutil import format_time, oslo_date, parse_datetime

DAY = "2027-03-12"  # a Friday; requests received 1 November 2026 are on time (R2)
ON_TIME = "2026-11-01T09:00"


def request(ctx: AppContext, start: str, end: str, category: str = "regut",
            received: str = ON_TIME, day: str = DAY, **kw: Any) -> BookingRow:
    req = bookings.BookingRequest(
        title=kw.pop("title", f"{category} {start}"), category=category,
        start=parse_datetime(f"{day}T{start}"), end=parse_datetime(f"{day}T{end}"),
        received_at=parse_datetime(received), **kw)
    return bookings.request_booking(ctx, req)


def confirmed(ctx: AppContext, start: str, end: str, category: str = "regut",
              received: str = ON_TIME, **kw: Any) -> BookingRow:
    row = request(ctx, start, end, category, received, **kw)
    return bookings.confirm_booking(ctx, row.id).booking


def state(ctx: AppContext, booking_id: int) -> str:
    return bookings.show_booking(ctx, booking_id).state


def refusal(rule: str) -> Any:
    return pytest.raises(RuleViolation, match=f"^{rule}: ")


def test_r1_priority_order_is_data_and_a_change_is_logged(ctx: AppContext) -> None:
    held = confirmed(ctx, "10:00", "11:00", "fredagsmote", received="2026-11-02T09:00")
    bookings_config.config_set(ctx, "priority_order", "regut,fredagsmote,ledermote,produksjon,annet")
    new = request(ctx, "10:30", "11:30", "regut")
    result = bookings.confirm_booking(ctx, new.id)
    assert result.displaced == [held.id]
    with ctx.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "policy.priority_order")).one()
    assert entry.actor == ctx.username and entry.after["order"][0] == "regut"


def test_r2_lead_time_boundary_is_28_calendar_days(ctx: AppContext) -> None:
    assert request(ctx, "10:00", "11:00", received="2027-02-12T23:59").on_time
    assert not request(ctx, "12:00", "13:00", received="2027-02-13T00:00").on_time


def test_r2_late_request_never_displaces(ctx: AppContext) -> None:
    held = confirmed(ctx, "10:00", "11:00", "annet")
    late = request(ctx, "10:00", "11:00", "fredagsmote", received="2027-03-01T09:00")
    with refusal("R2"):
        bookings.confirm_booking(ctx, late.id)
    assert (state(ctx, held.id), state(ctx, late.id)) == ("bekreftet", "forespurt")


def test_r2_late_request_refused_in_time_a_pending_on_time_request_wants(ctx: AppContext) -> None:
    waiting = request(ctx, "13:00", "14:00", "annet")
    late = request(ctx, "13:30", "14:30", "regut", received="2027-03-01T09:00")
    with pytest.raises(RuleViolation, match=f"R2: .*booking {waiting.id}"):
        bookings.confirm_booking(ctx, late.id)


def test_r2_late_request_is_confirmed_into_free_time(ctx: AppContext) -> None:
    confirmed(ctx, "10:00", "11:00")
    late = request(ctx, "11:15", "12:00", "annet", received="2027-03-10T09:00")
    assert bookings.confirm_booking(ctx, late.id).booking.state == "bekreftet"


def test_r3_on_time_request_displaces_lower_priority(ctx: AppContext) -> None:
    held = confirmed(ctx, "10:00", "11:00", "produksjon")
    new = request(ctx, "10:30", "11:30", "regut")
    result = bookings.confirm_booking(ctx, new.id)
    assert result.displaced == [held.id] and result.booking.state == "bekreftet"
    after = bookings.show_booking(ctx, held.id)
    assert after.state == "fortrengt" and after.displaced_by == new.id
    assert "Fortrengt av" in after.state_reason and after.sequence == held.sequence + 1
    # Suggestions: same length, same day first, never clashing with what is now confirmed.
    assert result.suggestions and all(s.end - s.start == after.end - after.start
                                      for s in result.suggestions)
    assert oslo_date(result.suggestions[0].start) == oslo_date(after.start)
    buffer = timedelta(minutes=15)
    assert all(not (s.start < result.booking.end + buffer and result.booking.start < s.end + buffer)
               for s in result.suggestions)
    with ctx.db.read() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).where(
            AuditEntry.entity == "booking", AuditEntry.entity_id == str(held.id)))]
    assert actions == ["booking.request", "booking.confirm", "booking.displace"]


def test_r3_equal_priority_earlier_received_wins(ctx: AppContext) -> None:
    held = confirmed(ctx, "10:00", "11:00", "regut", received="2026-11-05T09:00")
    earlier = request(ctx, "10:00", "11:00", "regut", received="2026-11-04T09:00")
    assert bookings.confirm_booking(ctx, earlier.id).displaced == [held.id]


def test_r3_equal_priority_received_later_is_refused_and_nothing_changes(ctx: AppContext) -> None:
    held = confirmed(ctx, "10:00", "11:00", "regut", received="2026-11-01T09:00")
    later = request(ctx, "10:30", "11:30", "regut", received="2026-11-02T09:00")
    # First come among equals: the time is taken, reported as R4 (no double booking).
    with pytest.raises(RuleViolation, match="^R4: .*samme prioritet.*mottatt først"):
        bookings.confirm_booking(ctx, later.id)
    assert (state(ctx, held.id), state(ctx, later.id)) == ("bekreftet", "forespurt")


def test_r3_refused_if_any_overlap_has_higher_priority_and_nothing_changes(ctx: AppContext) -> None:
    low = confirmed(ctx, "09:30", "10:30", "annet")
    high = confirmed(ctx, "11:00", "12:00", "fredagsmote")
    new = request(ctx, "10:00", "11:30", "regut")
    with pytest.raises(RuleViolation, match=f"R3: .*booking {high.id}.*høyere prioritet"):
        bookings.confirm_booking(ctx, new.id)
    assert (state(ctx, low.id), state(ctx, high.id)) == ("bekreftet", "bekreftet")


def test_r3_pending_conflicts_are_flagged_in_the_read_model(ctx: AppContext) -> None:
    held = confirmed(ctx, "10:00", "11:00", "annet")
    pending = request(ctx, "10:30", "11:30", "regut")
    alone = request(ctx, "14:00", "15:00", "regut")
    rows = {r.id: r for r in bookings.list_bookings(ctx, oslo_date(held.start), oslo_date(held.start))}
    assert rows[held.id].pending_conflicts == (pending.id,)
    assert rows[pending.id].pending_conflicts == (held.id,)
    assert rows[alone.id].pending_conflicts == ()


def test_r4_buffer_10_11_and_11_15_fit_but_11_10_does_not(ctx: AppContext) -> None:
    confirmed(ctx, "10:00", "11:00")
    too_close = request(ctx, "11:10", "12:00", received="2026-11-02T09:00")
    with pytest.raises(RuleViolation, match="R4: .*15 minutters riggetid"):
        bookings.confirm_booking(ctx, too_close.id)
    assert confirmed(ctx, "11:15", "12:00", received="2026-11-02T09:00").state == "bekreftet"


def test_r4_buffer_is_configurable(ctx: AppContext) -> None:
    bookings_config.config_set(ctx, "buffer_minutes", "30")
    confirmed(ctx, "10:00", "11:00")
    with refusal("R4"):
        confirmed(ctx, "11:15", "12:00", received="2026-11-02T09:00")
    assert confirmed(ctx, "11:30", "12:00", received="2026-11-02T09:00").state == "bekreftet"


def test_r4_exclusion_constraint_stops_a_double_booking_that_bypasses_python(pg_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    ctx = AppContext.open(pg_url)
    try:
        held = confirmed(ctx, "10:00", "11:00")
        with pytest.raises(IntegrityError, match="ex_bookings_no_double_booking"), \
                ctx.db.write() as s:
            b = s.get(Booking, request(ctx, "11:10", "12:00").id)
            assert b is not None
            b.state, b.blocked_until = "bekreftet", b.end
        assert state(ctx, held.id) == "bekreftet"
    finally:
        ctx.close()


def test_r6_crisis_order_applies_until_switched_off_and_is_logged(ctx: AppContext) -> None:
    studio_policy.crisis_on(ctx, "Pandemi: opplæring i smittevern", "produksjon,regut")
    held = confirmed(ctx, "10:00", "11:00", "fredagsmote")
    crisis_request = request(ctx, "10:00", "11:00", "produksjon")
    assert bookings.confirm_booking(ctx, crisis_request.id).displaced == [held.id]
    studio_policy.crisis_off(ctx)
    again = request(ctx, "10:30", "11:00", "fredagsmote", received="2026-10-01T09:00")
    # Normal order again: the Fredagsmøte outranks production.
    assert bookings.confirm_booking(ctx, again.id).displaced == [crisis_request.id]
    with ctx.db.read() as s:
        log = [(e.action, e.actor) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "crisis").order_by(AuditEntry.id))]
    assert log == [("crisis.on", ctx.username), ("crisis.off", ctx.username)]


def test_r7_capacity_refusal_names_a_platform_that_fits(ctx: AppContext) -> None:
    with pytest.raises(RuleViolation, match=r"R7: .*50 deltakere.*--platform teams"):
        request(ctx, "10:00", "11:00", participants=51, platform="2meet")
    assert request(ctx, "10:00", "11:00", participants=50, platform="2meet").participants == 50
    bookings_config.config_set(ctx, "capacity.2meet", "60")
    assert request(ctx, "12:00", "13:00", participants=51, platform="2meet").platform == "2meet"


def test_r8_assistance_is_a_superuser_and_day_plan_warns_when_unassigned(ctx: AppContext) -> None:
    from helsestudio.services.day_plan import build_day_plan

    users.add_user(ctx, "siri", "superbruker")
    users.add_user(ctx, "ida", "instruktor")
    row = confirmed(ctx, "10:00", "11:00", assist=True)
    plan = build_day_plan(ctx, oslo_date(row.start))
    assert any(w.startswith("R8:") for w in plan.warnings)
    with refusal("R8"):
        bookings.assign_assistance(ctx, row.id, "ida")
    assert bookings.assign_assistance(ctx, row.id, "siri").assigned_to == "siri"
    assert not any(w.startswith("R8:") for w in build_day_plan(ctx, oslo_date(row.start)).warnings)


def test_r9_holidays_weekends_and_opening_hours_block_unless_lead_overrides(ctx: AppContext) -> None:
    with pytest.raises(RuleViolation, match="R9: .*Langfredag"):
        request(ctx, "10:00", "11:00", day="2027-03-26")
    with refusal("R9"):
        request(ctx, "10:00", "11:00", day="2027-03-13")  # Saturday
    assert request(ctx, "15:00", "16:00").state == "forespurt"
    with refusal("R9"):
        request(ctx, "15:30", "16:15")
    with refusal("R9"):
        request(ctx, "07:00", "08:00")
    lead = request(ctx, "10:00", "11:00", day="2027-03-26", override_hours=True)
    assert bookings.confirm_booking(ctx, lead.id).booking.hours_override


def test_r9_a_superuser_cannot_override_opening_hours(ctx: AppContext) -> None:
    users.add_user(ctx, "siri", "superbruker")
    siri = AppContext(db=ctx.db, username="siri")
    with pytest.raises(PermissionDenied):
        request(siri, "17:00", "18:00", override_hours=True)


def test_dst_week_keeps_local_times_and_buffers(ctx: AppContext) -> None:
    # Summer time starts Sunday 28 March 2027 (Easter); Tuesday 30 March 08:00 is 06:00 UTC.
    row = confirmed(ctx, "08:00", "09:00", day="2027-03-30")
    assert row.start.isoformat() == "2027-03-30T06:00:00+00:00"
    with refusal("R4"):
        confirmed(ctx, "09:10", "10:00", day="2027-03-30", received="2026-11-02T09:00")
    assert confirmed(ctx, "09:15", "10:00", day="2027-03-30").state == "bekreftet"


def test_request_shape_errors_are_clear(ctx: AppContext) -> None:
    with pytest.raises(InvalidInput, match="etter start"):
        request(ctx, "11:00", "10:00")
    with pytest.raises(InvalidInput, match="Ukjent kategori"):
        request(ctx, "10:00", "11:00", "konsert")
    with pytest.raises(InvalidInput, match="negativt"):
        request(ctx, "10:00", "11:00", participants=-1)


def test_states_decline_cancel_need_reasons_and_confirm_only_once(ctx: AppContext) -> None:
    row = confirmed(ctx, "10:00", "11:00")
    with pytest.raises(RuleViolation, match="^STATE: "):
        bookings.confirm_booking(ctx, row.id)
    with pytest.raises(InvalidInput):
        bookings.cancel_booking(ctx, row.id, " ")
    cancelled = bookings.cancel_booking(ctx, row.id, "Kurset utgår")
    assert (cancelled.state, cancelled.state_reason, cancelled.sequence) == (
        "avlyst", "Kurset utgår", row.sequence + 1)
    declined = bookings.decline_booking(ctx, request(ctx, "12:00", "13:00").id, "Ikke studiobruk")
    assert declined.state == "avslått"
    # The freed time can be confirmed again.
    assert confirmed(ctx, "10:00", "11:00").state == "bekreftet"


def test_r3_displaced_booking_moved_to_a_suggestion_is_confirmed_there(ctx: AppContext) -> None:
    held = confirmed(ctx, "10:00", "11:00", "annet")
    result = bookings.confirm_booking(ctx, request(ctx, "10:00", "11:00", "regut").id)
    slot = result.suggestions[0]
    moved = bookings.move_booking(ctx, held.id, slot.start, slot.end)
    assert (moved.state, moved.start, moved.uid) == ("bekreftet", slot.start, held.uid)
    with refusal("R4"):
        bookings.move_booking(ctx, held.id, result.booking.start, result.booking.end)


def test_only_superusers_confirm(ctx: AppContext) -> None:
    users.add_user(ctx, "ida", "instruktor")
    row = request(ctx, "10:00", "11:00")
    with pytest.raises(PermissionDenied):
        bookings.confirm_booking(AppContext(db=ctx.db, username="ida"), row.id)


def test_r9_maintenance_closure_blocks_requests_and_free_slots(ctx: AppContext) -> None:
    from datetime import date

    from helsestudio.services.bookings_slots import free_slots

    studio_policy.add_closure(ctx, date(2027, 3, 15), "Nytt lysanlegg")
    with pytest.raises(RuleViolation, match="R9: .*Nytt lysanlegg"):
        request(ctx, "10:00", "11:00", day="2027-03-15")
    with ctx.db.read() as s:
        slots = free_slots(s, timedelta(hours=1), parse_datetime("2027-03-12T15:00"), count=20)
    days = {oslo_date(slot.start) for slot in slots}
    assert date(2027, 3, 12) in days and date(2027, 3, 16) in days
    assert date(2027, 3, 15) not in days


def test_r3_suggestions_are_same_day_first_then_following_working_days(ctx: AppContext) -> None:
    from datetime import date

    # Friday 12 March: everything taken except 14:15–15:15 (and the tail 15:15–16:00).
    confirmed(ctx, "07:30", "14:00", "fredagsmote", override_hours=True)
    held = confirmed(ctx, "15:30", "16:00", "annet")
    result = bookings.confirm_booking(ctx, request(ctx, "15:30", "16:00", "regut").id)
    assert result.displaced == [held.id]
    days = [oslo_date(s.start) for s in result.suggestions]
    assert days[0] == date(2027, 3, 12) and days[1:] and set(days[1:]) <= {date(2027, 3, 12),
                                                                          date(2027, 3, 15)}
    for s in result.suggestions:
        local = (format_time(s.start), format_time(s.end))
        assert local[0] >= "07:30" and local[1] <= "16:00" and s.end - s.start == timedelta(minutes=30)
        assert not (oslo_date(s.start) == date(2027, 3, 12) and local[0] < "14:15")
    assert sorted(result.suggestions, key=lambda s: s.start) == sorted(set(result.suggestions),
                                                                       key=lambda s: s.start)


def test_r2_late_request_overlapping_a_higher_priority_booking_names_lateness(ctx: AppContext) -> None:
    confirmed(ctx, "10:00", "11:00", "regut")
    late = request(ctx, "10:30", "11:30", "annet", received="2027-03-01T09:00")
    with pytest.raises(RuleViolation, match="^R2: Forespørselen kom for sent.*fristen .* var 12. februar 2027"):
        bookings.confirm_booking(ctx, late.id)
    equal = request(ctx, "10:00", "11:00", "regut", received="2027-03-01T09:00")
    with refusal("R4"):  # an equal-priority booking was there first
        bookings.confirm_booking(ctx, equal.id)
    near = request(ctx, "11:10", "12:00", "annet", received="2027-03-01T09:00")
    with refusal("R4"):  # only the buffer is in the way: that is R4, late or not
        bookings.confirm_booking(ctx, near.id)


def test_a_stale_view_cannot_overwrite_a_newer_change(ctx: AppContext) -> None:
    from helsestudio.services.errors import ConcurrentEdit

    row = request(ctx, "10:00", "11:00")
    bookings.move_booking(ctx, row.id, parse_datetime(f"{DAY}T12:00"),
                          parse_datetime(f"{DAY}T13:00"), expected_version=row.version)
    with pytest.raises(ConcurrentEdit):
        bookings.confirm_booking(ctx, row.id, expected_version=row.version)
    assert state(ctx, row.id) == "forespurt"
