"""Fuzzing the importer (issue 6): any mangled file gives a result or InvalidInput, never a crash
or a hang. Bounded here; `benchmarks/fuzz_ics.py` runs 10,000 cases."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helsestudio.services.errors import InvalidInput
from helsestudio.services.ics_parse import ParseOptions, parse_ics

DATA = Path(__file__).parent.parent / "data" / "ics"
SAMPLES = sorted(p.read_bytes() for p in DATA.glob("*.ics") if not p.name.startswith("broken_"))
OPTS = ParseOptions(date(2027, 1, 1), date(2027, 12, 31))
PIECES = [b"\r\n", b":", b";", b"=", b"\r\n ", b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n",
          b"RRULE:FREQ=DAILY\r\n", b"TZID=Nowhere", b"DTSTART:2027", b"\x00", b"\xff\xfe", b"\xc3",
          b"EXDATE:20270101T000000Z\r\n", b"RECURRENCE-ID:20270302T100000\r\n", b"VALUE=DATE:"]


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "drop", "byte", "repeat"]))
        if kind == "repeat":  # a property line twice (ORGANIZER, SUMMARY, METHOD …)
            lines = bytes(data).split(b"\r\n")
            i = draw(st.integers(0, max(0, len(lines) - 1)))
            data = bytearray(b"\r\n".join([*lines[:i + 1], *lines[i:]]))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(PIECES))
        elif kind == "drop":
            del data[at:at + draw(st.integers(1, 80))]
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


ZONES = ["Europe/Oslo", "W. Europe Standard Time", "(UTC+01:00) Amsterdam, Berlin", "Nowhere/Else",
         "UTC", "", "America/New_York"]
STAMPS = ["20270301T090000", "20270301T090000Z", "20270301", "20270229T250000", "2027", "20270331T023000"]
RULE_PARTS = ["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=HOURLY", "FREQ=NEVER",
              "COUNT=3", "COUNT=-1", "INTERVAL=2", "INTERVAL=0", "BYDAY=MO,WE", "BYDAY=-1SU", "BYDAY=XX",
              "UNTIL=20270401", "UNTIL=20270401T000000Z", "UNTIL=junk", "BYMONTH=13", "BYSETPOS=1"]


@st.composite
def odd_events(draw: st.DrawFn) -> bytes:
    """Well-formed lines with odd values: zones, dates, rules, exceptions in any combination."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:fuzz"]
    if draw(st.booleans()):
        lines.append(f"X-WR-TIMEZONE:{draw(st.sampled_from(ZONES))}")
    for _ in range(draw(st.integers(1, 4))):
        zone = draw(st.sampled_from(ZONES))
        tz = f";TZID={zone}" if zone and draw(st.booleans()) else ""
        lines += ["BEGIN:VEVENT", f"UID:f{draw(st.integers(0, 2))}", "DTSTAMP:20261101T000000Z",
                  f"DTSTART{tz}:{draw(st.sampled_from(STAMPS))}"]
        if draw(st.booleans()):
            lines.append(f"DTEND{tz}:{draw(st.sampled_from(STAMPS))}")
        if draw(st.booleans()):
            parts = draw(st.lists(st.sampled_from(RULE_PARTS), min_size=1, max_size=4))
            lines.append("RRULE:" + ";".join(parts))
        for name in ("EXDATE", "RDATE", "RECURRENCE-ID"):
            if draw(st.integers(0, 3)) == 0:
                lines.append(f"{name}{tz}:{draw(st.sampled_from(STAMPS))}")
        lines += [f"STATUS:{draw(st.sampled_from(['CONFIRMED', 'CANCELLED', 'X']))}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def check_one(data: bytes) -> None:
    started = time.perf_counter()
    try:
        result = parse_ics(data, OPTS)
    except InvalidInput as exc:
        assert exc.message and "Traceback" not in exc.message
    else:
        assert result.occurrences == len(result.candidates) + len(result.skipped)
    assert time.perf_counter() - started < 5


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_files_give_a_result_or_a_clear_refusal(data: bytes) -> None:
    check_one(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_events())
def test_odd_values_give_a_result_or_a_clear_refusal(data: bytes) -> None:
    check_one(data)
