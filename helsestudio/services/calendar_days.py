"""Working days: Norwegian public holidays are closed days (R9)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _norwegian_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("NO", years=year, language="no"))


def holiday_name(day: date) -> str | None:
    return _norwegian_holidays(day.year).get(day)


def is_closed_day(day: date) -> bool:
    """Weekend or Norwegian public holiday."""
    return day.weekday() >= 5 or holiday_name(day) is not None
