"""Bad setting values (issue 7) straight into services/settings.py, typed as a caller might pass them.

`config set` (test_cli_args.py) only ever passes text; the settings service takes
any value (a future settings page will pass ints and strings from its widgets).
A value is either stored as the declared type, within range, or refused with
InvalidInput and nothing written. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helsestudio.services import settings
from helsestudio.services.app import AppContext
from helsestudio.services.errors import DomainError, InvalidInput
from tests.badinput import nasty

TYPED = [None, True, False, 0, -1, 15, 241, 10**30, -(10**30), 1.5, 15.0, math.nan, math.inf,
         -math.inf, b"15", [15], {"value": 15}, "07:30", "7:30", "24:00", "23:59", " 08:00 ",
         "08:00\n", "٠٨:٣٠", "07:3٠"]
LISTED = [*TYPED, *nasty.TEXTS, *nasty.NUMBERS, *nasty.DATETIMES]
ODD_VALUES = st.one_of(
    nasty.odd_text(), nasty.odd_number(), st.sampled_from(TYPED),
    st.integers(), st.floats(allow_nan=True, allow_infinity=True),
)
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _valid(key: str, value: object) -> bool:
    """What the stored value of each declared setting must look like."""
    if key == "buffer_minutes":
        return type(value) is int and 0 <= value <= 240
    if key == "expiring_window_days":
        return type(value) is int and 0 <= value <= 3650
    if key in ("opening_start", "opening_end"):
        return isinstance(value, str) and bool(CLOCK.match(value))
    return isinstance(value, str) and nasty.clean_stored(value, 500)


def _must_refuse(key: str, value: object) -> bool:
    """Values of the wrong type: a number setting gets no bool, fraction or container, a text
    setting gets nothing but text (str(None) would be stored as «None»)."""
    if isinstance(settings.SPECS[key].default, int):
        return (isinstance(value, bool) or not isinstance(value, (int, float, str))
                or (isinstance(value, float) and not value.is_integer()))
    return not isinstance(value, str)


def _check(ctx: AppContext, key: str, value: object) -> None:
    before = nasty.row_counts(ctx)
    try:
        stored = settings.set_value(ctx, key, value)
    except InvalidInput as exc:
        assert exc.message and "\n" not in exc.message
        assert nasty.row_counts(ctx) == before, f"{key}={value!r} refused but written"
        return
    assert not _must_refuse(key, value), f"{key}={value!r} accepted as {stored!r}"
    assert _valid(key, stored), f"{key}={value!r} stored as {stored!r}"
    assert settings.get(ctx, key) == stored


@pytest.mark.parametrize("key", sorted(settings.SPECS))
def test_every_listed_value_is_stored_typed_or_refused(ctx: AppContext, key: str) -> None:
    """The whole matrix for settings: every listed value for every key (cheap: no CLI)."""
    for value in LISTED:
        _check(ctx, key, value)


@given(key=st.sampled_from(sorted(settings.SPECS)), value=ODD_VALUES)
@nasty.SETTINGS
def test_random_values_are_stored_typed_or_refused(ctx: AppContext, key: str, value: object) -> None:
    _check(ctx, key, value)


@given(key=nasty.odd_text())
@nasty.SETTINGS
def test_unknown_setting_keys_are_refused(ctx: AppContext, key: str) -> None:
    if key in settings.SPECS:
        return
    before = nasty.row_counts(ctx)
    with pytest.raises(DomainError) as refused:
        settings.set_value(ctx, key, "15")
    assert "\n" not in refused.value.message and "Ukjent innstilling" in refused.value.message
    assert nasty.row_counts(ctx) == before
