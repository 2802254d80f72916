"""The bad-input matrix (issue 7): the values every input surface is fed, and the checks.

Each surface's module draws from these strategies and asserts the same contract:
a value is either accepted (and then stored cleanly: no control characters, not
longer than its column) or refused with one clear Norwegian sentence — one line
on stderr with exit 2 (or 1 for a rule) on the command line, a message in an
open form in the UI — and then NOTHING is written: every table has the row count
it had before. An unexpected error (CLI exit 3, an exception escaping a form) is
always a failure.

The database is created once per test function (both SQLite and PostgreSQL);
examples only compare counts before and after, so hypothesis's function-scoped
fixture health check is suppressed on purpose (see SETTINGS).
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from helsestudio.models import Base
from helsestudio.services.app import AppContext
from tests.helpers import CliResult

# One database per test function; each example takes its own before/after snapshot.
# HELSESTUDIO_BADINPUT_EXAMPLES=400 hunts longer (about 5 minutes for the whole matrix).
EXAMPLES = int(os.environ.get("HELSESTUDIO_BADINPUT_EXAMPLES", "50"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

LONG = "Simuleringstrening for akuttmottaket " * 6  # 222 characters
RTL = "تدريب المحاكاة في قسم الطوارئ"
RTL_OVERRIDE = "Kurs \u202ekkesnyr\u202c i dag"
EMOJI = "Teamtrening 🏥🚑 👩🏽‍⚕️"
CONTROL = ["\x00", "a\x00b", "linje\rskift", "to\nlinjer", "\x1b[31mrød\x1b[0m", "tab\tinni", "\x7f", "\x08"]
LOOKALIKES = ["'; DROP TABLE bookings; --", "Robert'); DROP TABLE people;--", "../../etc/passwd",
              "C:\\CON", "CON", "NUL", "%s%n%x", "{0}{name}", "$(rm -rf /)", "<script>alert(1)</script>",
              "\\x00", "NULL", "None"]
TEXTS = ["", " ", "   \t ", LONG, "x" * 201, "x" * 5001, RTL, RTL_OVERRIDE, EMOJI, "\ufeffBOM",
         "Zofia Wójcik-Łęcka", "Áilu Ŋuvtto-Čoarvi", *CONTROL, *LOOKALIKES]

DATES = ["2026-02-30", "2026-02-29", "2025-13-01", "2026-00-10", "0000-01-01", "0001-01-01",
         "9999-12-31", "2026-3-1", "12.03.2026", "", " ", "i morgen", "2027-03-28", "2026-10-25",
         "+002026-03-12", "2026-03-12\x00"]
DATETIMES = ["2026-02-30T09:00", "2026-03-12T24:00", "2026-03-12T23:60", "2027-03-28T02:30",
             "2026-10-25T02:30", "2026-03-12T09:00+14:00", "2026-03-12T09:00Z", "0001-01-01T00:30",
             "9999-12-31T23:30", "9999-12-31T23:30-10:00", "2026-03-12", "", "NaN", "1e30",
             "2026-03-12T09:00:00.123456789", "2026-03-12 09:00", "2026-03-12T9:00"]
NUMBERS = [str(10**30), "-1", "0", "NaN", "nan", "inf", "-inf", "1e30", "9" * 40, "1.5", "0x10",
           "٣", " 12 ", "+5", "-0", "", "ti", str(2**31), str(2**63)]


def odd_text() -> st.SearchStrategy[str]:
    """The listed nasty strings, alone or spliced into an ordinary title, plus random unicode."""
    listed = st.sampled_from(TEXTS)
    spliced = st.tuples(st.sampled_from(["Fagdag ", "", "Kurs: "]), listed,
                        st.sampled_from(["", " i studio", " 🚑"])).map("".join)
    return st.one_of(listed, spliced, st.text(min_size=0, max_size=250))


def odd_date() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(DATES), st.dates().map(str))


def odd_datetime() -> st.SearchStrategy[str]:
    return st.sampled_from(DATETIMES)


def odd_number() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NUMBERS), st.integers(min_value=-(10**40), max_value=10**40).map(str))


def row_counts(ctx: AppContext) -> dict[str, int]:
    """How many rows each table holds: the «wrote nothing» check."""
    tables = Base.metadata.sorted_tables
    counts = select(*(select(func.count()).select_from(t).scalar_subquery().label(t.name)
                      for t in tables))  # one round trip, not one per table
    with ctx.db.read() as session:
        row = session.execute(counts).one()
    return {t.name: int(n) for t, n in zip(tables, row, strict=True)}


def clean_stored(value: Any, max_len: int = 200) -> bool:
    """A stored one-line text has no control characters and fits its column."""
    text = str(value)
    return len(text) <= max_len and not any(ord(c) < 32 or ord(c) == 127 for c in text)


def assert_refused_cleanly(result: CliResult, before: dict[str, int], after: dict[str, int],
                           argv: tuple[str, ...]) -> None:
    """A refusal: exit 1 (a rule) or 2 (bad input), one line on stderr, and nothing written."""
    assert result.code in (1, 2), f"{argv!r}: exit {result.code}: {result.err}"
    message = result.err.strip()
    assert message and "\n" not in message, f"{argv!r}: not one line: {result.err!r}"
    assert "Traceback" not in message, message
    assert after == before, f"{argv!r} was refused but wrote: " + ", ".join(
        f"{t} {before[t]}→{after[t]}" for t in after if after[t] != before[t])
