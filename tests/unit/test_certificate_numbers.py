"""C6: certificate numbers YYYY-NNNNNN (allocation itself is tested on both databases in integration)."""

from __future__ import annotations

import pytest

from helsestudio.services.certificate_numbers import format_number, parse_number
from helsestudio.services.errors import InvalidInput


def test_c6_number_format_is_year_and_six_digits() -> None:
    assert format_number(2026, 123) == "2026-000123"
    assert parse_number(" 2026-000123 ") == "2026-000123"


@pytest.mark.parametrize("raw", ["2026-123", "26-000123", "2026000123", "abcd-000123", ""])
def test_c6_malformed_numbers_are_refused_with_the_expected_form(raw: str) -> None:
    with pytest.raises(InvalidInput, match="ÅÅÅÅ-NNNNNN"):
        parse_number(raw)
