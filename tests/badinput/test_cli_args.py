"""Bad input on the command line (issue 7): booking request, person add, course-type add, config set.

Each example changes ONE argument of an otherwise valid command to a value from
the matrix (tests/badinput/nasty.py) and runs the CLI in-process. Accepted values
must come back clean; refused ones must give one line on stderr, exit 1 or 2,
and write nothing. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helsestudio.services.app import AppContext
from tests.badinput import nasty
from tests.helpers import cli_inproc

BOOKING = {"--title": "Fagdag akuttmedisin", "--category": "regut", "--start": "2027-03-10T09:00",
           "--end": "2027-03-10T10:00", "--participants": "12", "--platform": "teams",
           "--organizer": "Kari Nordmann", "--unit": "Akuttmottaket", "--contact": "kari@example.no",
           "--notes": "Ta med simulatoren", "--received-at": "2027-01-04T10:00"}
BOOKING_FIELDS = {
    "--title": nasty.odd_text(), "--category": nasty.odd_text(), "--platform": nasty.odd_text(),
    "--organizer": nasty.odd_text(), "--unit": nasty.odd_text(), "--contact": nasty.odd_text(),
    "--notes": nasty.odd_text(), "--start": nasty.odd_datetime(), "--end": nasty.odd_datetime(),
    "--received-at": nasty.odd_datetime(), "--participants": nasty.odd_number(),
}
PERSON = {"--name": "Ola Testesen", "--email": "ola@example.no", "--unit": "Akuttmottaket",
          "--hpr": "1234567"}
PERSON_FIELDS = {"--name": nasty.odd_text(), "--email": nasty.odd_text(), "--unit": nasty.odd_text(),
                 "--hpr": st.one_of(nasty.odd_number(), nasty.odd_text())}
COURSE_TYPE = {"--code": "SIM-1", "--name": "Grunnkurs i simulering", "--requires": "attendance",
               "--validity-months": "24", "--description": "For nye fasilitatorer",
               "--equipment": "Sepura STP9000"}
COURSE_TYPE_FIELDS = {"--code": nasty.odd_text(), "--name": nasty.odd_text(),
                      "--requires": nasty.odd_text(), "--validity-months": nasty.odd_number(),
                      "--description": nasty.odd_text(), "--equipment": nasty.odd_text(),
                      "--instructor-qualification": nasty.odd_text()}
CONFIG_KEYS = ["buffer_minutes", "opening_start", "opening_end", "expiring_window_days",
               "organisation_name", "organisation_logo", "priority_order", "capacity.2meet",
               "capacity.teams", "capacity.ukjent", "ukjent_nøkkel", "", " buffer_minutes ",
               "capacity.", "../../etc/passwd", "opening_start\x00"]
CONFIG_VALUES = st.one_of(nasty.odd_text(), nasty.odd_number(), nasty.odd_datetime(),
                          st.sampled_from(["07:30", "7:30", "24:00", "23:59", "16:00", "00:00",
                                           "regut,annet", "regut,regut,annet,produksjon,ledermote,"
                                           "fredagsmote", "annet,produksjon,ledermote,regut,fredagsmote"]))


def _args(command: tuple[str, ...], base: dict[str, str], field: str, value: str) -> tuple[str, ...]:
    # `--opt=value`, so a value that starts with «-» still reaches the program.
    values = {**base, field: value}
    return (*command, "--json", *(f"{k}={v}" for k, v in values.items()))


def _run(db_url: str, capsys: Any, args: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return cli_inproc(*args, db=db_url, capsys=capsys)


@given(data=st.data())
@nasty.SETTINGS
def test_booking_request_with_bad_arguments(db_url: str, ctx: AppContext, capsys, data) -> None:
    field = data.draw(st.sampled_from(sorted(BOOKING_FIELDS)), label="field")
    value = data.draw(BOOKING_FIELDS[field], label="value")
    args = _args(("booking", "request"), BOOKING, field, value)
    before = nasty.row_counts(ctx)
    result = _run(db_url, capsys, args)
    after = nasty.row_counts(ctx)
    if result.code != 0:
        nasty.assert_refused_cleanly(result, before, after, args)
        return
    booking = result.json
    texts = {"title": booking["title"], **booking["organizer"]}
    for key, text in texts.items():
        assert nasty.clean_stored(text), f"{args!r} stored {key}={text!r}"
    assert "\x00" not in booking["notes"] and "\x1b" not in booking["notes"], args
    assert booking["participants"] is None or 0 <= booking["participants"] <= 100_000, args
    assert after["bookings"] == before["bookings"] + 1


@given(data=st.data())
@nasty.SETTINGS
def test_person_add_with_bad_arguments(db_url: str, ctx: AppContext, capsys, data) -> None:
    field = data.draw(st.sampled_from(sorted(PERSON_FIELDS)), label="field")
    value = data.draw(PERSON_FIELDS[field], label="value")
    # A fresh e-mail and HPR each time, so an accepted person never makes the next a duplicate.
    n = nasty.row_counts(ctx)["people"]
    base = {**PERSON, "--email": f"ola{n}@example.no", "--hpr": f"{1234567 + n}"}
    args = _args(("person", "add"), base, field, value)
    before = nasty.row_counts(ctx)
    result = _run(db_url, capsys, args)
    after = nasty.row_counts(ctx)
    if result.code != 0:
        nasty.assert_refused_cleanly(result, before, after, args)
        return
    person = result.json
    for key in ("name", "email", "unit"):
        assert nasty.clean_stored(person[key] or "", 254), f"{args!r} stored {key}={person[key]!r}"
    assert after["people"] == before["people"] + 1


@given(data=st.data())
@nasty.SETTINGS
def test_course_type_add_with_bad_arguments(db_url: str, ctx: AppContext, capsys, data) -> None:
    field = data.draw(st.sampled_from(sorted(COURSE_TYPE_FIELDS)), label="field")
    value = data.draw(COURSE_TYPE_FIELDS[field], label="value")
    n = nasty.row_counts(ctx)["course_types"]
    args = _args(("course-type", "add"), {**COURSE_TYPE, "--code": f"SIM-{n}"}, field, value)
    before = nasty.row_counts(ctx)
    result = _run(db_url, capsys, args)
    after = nasty.row_counts(ctx)
    if result.code != 0:
        nasty.assert_refused_cleanly(result, before, after, args)
        return
    row = result.json
    assert nasty.clean_stored(row["code"], 32) and nasty.clean_stored(row["name"]), args
    assert row["validity_months"] is None or 1 <= row["validity_months"] <= 600, args
    assert after["course_types"] == before["course_types"] + 1


@given(key=st.sampled_from(CONFIG_KEYS), value=CONFIG_VALUES)
@nasty.SETTINGS
def test_config_set_with_bad_values(db_url: str, ctx: AppContext, capsys, key: str, value: str) -> None:
    args = ("config", "set", "--json", key, value)
    if value.startswith("-"):
        args = ("config", "set", "--json", key, "--", value)
    before = nasty.row_counts(ctx)
    result = _run(db_url, capsys, args)
    after = nasty.row_counts(ctx)
    if result.code != 0:
        nasty.assert_refused_cleanly(result, before, after, args)
        return
    stored = cli_inproc("config", "get", "--json", key, db=db_url, capsys=capsys)
    assert stored.code == 0 and stored.json["value"] == result.json["value"], args
    assert nasty.clean_stored(stored.json["value"], 500), f"{args!r} stored {stored.json['value']!r}"


@pytest.mark.parametrize("args", [
    ("booking", "request", "--title", "x", "--category", "regut", "--start", "2027-03-10T09:00"),
    ("booking", "request", "--participants", "NaN"),
    ("person", "add"),
    ("config", "set", "buffer_minutes"),
    ("course-type", "add", "--code", "X", "--name", "Y", "--validity-months", "1e30"),
])
def test_usage_errors_are_one_line_and_exit_2(db_url: str, ctx: AppContext, capsys,
                                              args: tuple[str, ...]) -> None:
    before = nasty.row_counts(ctx)
    result = _run(db_url, capsys, args)
    assert result.code == 2
    nasty.assert_refused_cleanly(result, before, nasty.row_counts(ctx), args)


@pytest.mark.parametrize("args", [
    ("course-type", "add", "--code=NUL-1", "--name=Kurs", "--instructor-qualification=\x00"),
    ("booking", "list", "--from=2027-03-01", "--to=2027-03-31", "--state=\x00"),
])
def test_nul_in_a_looked_up_value_is_bad_input_not_a_crash(db_url: str, ctx: AppContext, capsys,
                                                           args: tuple[str, ...]) -> None:
    """PostgreSQL refuses NUL even in a query parameter (it was exit 3 there)."""
    before = nasty.row_counts(ctx)
    result = _run(db_url, capsys, args)
    nasty.assert_refused_cleanly(result, before, nasty.row_counts(ctx), args)
