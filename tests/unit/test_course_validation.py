"""Input checks for people and course types (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from helsestudio.services import course_validation as cv
from helsestudio.services.course_types import valid_until_for
from helsestudio.services.errors import InvalidInput
from helsestudio.services.people import fold


@pytest.mark.parametrize("value", ["1234567", "12345678", "123456789", " 1234 567 "])
def test_hpr_accepts_seven_to_nine_digits(value: str) -> None:
    assert cv.hpr(value) == value.replace(" ", "").strip()


@pytest.mark.parametrize("value", ["123456", "1234567890", "12a4567", "HPR1234567", "-1234567"])
def test_hpr_refuses_letters_and_wrong_length(value: str) -> None:
    with pytest.raises(InvalidInput, match="7–9"):
        cv.hpr(value)


@pytest.mark.parametrize("value", ["01017012345", "010170 12345", "Kari 01017012345 Nordmann"])
def test_an_eleven_digit_identity_number_is_refused_in_any_text_field(value: str) -> None:
    with pytest.raises(InvalidInput, match="fødselsnummer"):
        cv.text("Feltet", value)
    with pytest.raises(InvalidInput, match="fødselsnummer"):
        cv.hpr(value.replace(" ", "")) if value.replace(" ", "").isdigit() else cv.person_name(value)


@pytest.mark.parametrize("name", ["Áile Ŋuvvon-Somby", "Đuro Čuoŋas", "Zofia Wójcik-Łęcka",
                                  "Ŧoavvu Žiidá", "Ólafur Þórsson", "李小龙", "Nguyễn Thị Hà"])
def test_names_in_many_scripts_are_kept_exactly(name: str) -> None:
    assert cv.person_name(f"  {name} ") == name


def test_fold_makes_search_accent_insensitive() -> None:
    assert fold("Áile Ŋuvvon-Somby") == "aile nuvvon-somby"
    assert fold("ŁĘCKA Đuro Ŧoavvu") == "lecka duro toavvu"


def test_email_is_checked_and_lower_cased() -> None:
    assert cv.email("Kari@Example.NO") == "kari@example.no"
    with pytest.raises(InvalidInput, match="ikke en e-postadresse"):
        cv.email("kari.example.no")


@pytest.mark.parametrize(
    ("issued", "months", "until"),
    [(date(2024, 6, 2), 24, date(2026, 6, 1)), (date(2024, 1, 31), 1, date(2024, 2, 28)),
     (date(2024, 3, 1), 12, date(2025, 2, 28)), (date(2024, 3, 1), None, None)],
)
def test_c5_valid_until_is_the_last_valid_day(issued: date, months: int | None,
                                              until: date | None) -> None:
    assert valid_until_for(issued, months) == until
