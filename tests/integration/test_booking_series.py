"""R5: the Fredagsmøte series — Fridays 08:00–09:00 Oslo time, holidays skipped,
single occurrences cancelled or moved without touching the rest."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from helsestudio.services import bookings, series
from helsestudio.services.app import AppContext
from helsestudio.services.errors import RuleViolation
from helsestudio.services.timeutil import format_time, parse_datetime


def _rows(ctx: AppContext, first: date, last: date) -> list[bookings.BookingRow]:
    return bookings.list_bookings(ctx, first, last)


def test_r5_series_is_fridays_at_0800_oslo_across_dst_and_skips_langfredag(ctx: AppContext) -> None:
    result = series.create_fredagsmote_series(ctx, date(2027, 3, 1), date(2027, 4, 30))
    rows = _rows(ctx, date(2027, 3, 1), date(2027, 4, 30))
    dates = [r.occurrence_date for r in rows]
    assert date(2027, 3, 26) not in dates  # Langfredag
    assert [d for d, _ in result.skipped] == [date(2027, 3, 26)]
    assert len(rows) == len(result.created) == 8
    assert all(r.occurrence_date.weekday() == 4 for r in rows)
    assert {format_time(r.start) for r in rows} == {"08:00"}  # before and after 28 March
    assert {r.start.astimezone(UTC).hour for r in rows} == {7, 6}  # stored in UTC
    assert {(r.state, r.category, r.series_id) for r in rows} == {
        ("bekreftet", "fredagsmote", result.series_id)}


def test_r5_cancel_and_move_single_occurrences_leave_the_rest(ctx: AppContext) -> None:
    result = series.create_fredagsmote_series(ctx, date(2027, 5, 7), date(2027, 5, 28))
    first, second, *rest = result.created
    series.cancel_occurrence(ctx, first, "Foreleser syk")
    moved = series.move_occurrence(ctx, second, parse_datetime("2027-05-14T09:00"),
                                   parse_datetime("2027-05-14T10:00"))
    assert moved.occurrence_date == date(2027, 5, 14) and format_time(moved.start) == "09:00"
    assert moved.sequence == 2  # confirmed (1), moved (2)
    states = {r.id: r.state for r in _rows(ctx, date(2027, 5, 7), date(2027, 5, 28))}
    assert states[first] == "avlyst" and states[second] == "bekreftet"
    assert all(states[i] == "bekreftet" for i in rest)


def test_r5_a_friday_already_taken_is_skipped_with_the_reason(ctx: AppContext) -> None:
    taken = bookings.request_booking(ctx, bookings.BookingRequest(
        title="Stor øvelse", category="fredagsmote", start=parse_datetime("2027-06-11T07:45"),
        end=parse_datetime("2027-06-11T08:30"), received_at=parse_datetime("2026-10-01T09:00")))
    bookings.confirm_booking(ctx, taken.id)
    result = series.create_fredagsmote_series(ctx, date(2027, 6, 4), date(2027, 6, 18))
    assert len(result.created) == 2
    assert [d for d, _ in result.skipped] == [date(2027, 6, 11)]
    assert result.skipped[0][1].startswith("R4:")


def test_r5_cancel_occurrence_refuses_a_booking_outside_a_series(ctx: AppContext) -> None:
    row = bookings.request_booking(ctx, bookings.BookingRequest(
        title="Kurs", category="regut", start=parse_datetime("2027-06-08T10:00"),
        end=parse_datetime("2027-06-08T11:00")))
    with pytest.raises(RuleViolation, match="^R5: "):
        series.cancel_occurrence(ctx, row.id, "feil")
