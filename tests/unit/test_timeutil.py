from datetime import UTC, date, datetime

import pytest

from helsestudio.services.errors import InvalidInput
from helsestudio.services.timeutil import (
    day_bounds_utc,
    format_date_nb,
    iso_local,
    parse_datetime,
)


def test_norwegian_date_format() -> None:
    assert format_date_nb(date(2026, 3, 3)) == "3. mars 2026"
    assert format_date_nb(date(2026, 12, 24)) == "24. desember 2026"


def test_naive_input_is_oslo_time_and_stored_as_utc() -> None:
    winter = parse_datetime("2026-01-09T08:00")
    summer = parse_datetime("2026-06-12T08:00")
    assert winter.astimezone(UTC) == datetime(2026, 1, 9, 7, 0, tzinfo=UTC)
    assert summer.astimezone(UTC) == datetime(2026, 6, 12, 6, 0, tzinfo=UTC)
    assert iso_local(summer) == "2026-06-12T08:00:00+02:00"


def test_time_in_the_spring_forward_gap_is_refused() -> None:
    with pytest.raises(InvalidInput, match="finnes ikke"):
        parse_datetime("2026-03-29T02:30")


def test_explicit_offset_is_kept() -> None:
    assert parse_datetime("2026-03-12T09:00+00:00").hour == 9


@pytest.mark.parametrize("raw", ["", "i morgen", "2026-13-01T10:00", "2026-02-30T10:00"])
def test_unreadable_times_get_a_clear_message(raw: str) -> None:
    with pytest.raises(InvalidInput, match="tidspunkt"):
        parse_datetime(raw)


def test_day_bounds_cover_whole_oslo_days_across_dst() -> None:
    lo, hi = day_bounds_utc(date(2026, 3, 29), date(2026, 3, 29))
    assert (hi - lo).total_seconds() == 23 * 3600  # the day summer time starts is 23 hours long
