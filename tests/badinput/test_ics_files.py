"""Bad calendar files (issue 7) through the whole ICS import, database included.

The parser alone is fuzzed by tests/unit/test_ics_fuzz.py (and 10,000 cases by
benchmarks/fuzz_ics.py); this module reuses those generators and adds events whose
texts and times come from the matrix, then runs `import_ics` for real: a file is
either refused with InvalidInput and nothing written, or imported with every
stored text clean — an event with a bad value is skipped with a reason, never
stored half-broken, and never a crash (PostgreSQL refuses NUL in text). A preview
never writes. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
from datetime import date

from hypothesis import event, given
from hypothesis import strategies as st
from sqlalchemy import select

from helsestudio.models import Booking
from helsestudio.services.app import AppContext
from helsestudio.services.errors import InvalidInput
from helsestudio.services.ics_import import import_ics
from tests.badinput import nasty
from tests.unit.test_ics_fuzz import mangled, odd_events

FIRST, LAST = date(2026, 10, 1), date(2027, 12, 31)
STAMPS = ["20270303T090000", "20270230T090000", "20270303T240000", "20270328T023000",
          "20261025T023000", "20270303T090000Z", "20270303", "00010101T003000", "99991231T233000",
          "20270303T0900"]
ZONES = ["Europe/Oslo", "W. Europe Standard Time", "", "../../etc/passwd", "C:\\CON"]


def _escape(text: str) -> str:
    """iCalendar TEXT escaping, so the odd value arrives as itself rather than as broken syntax."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


@st.composite
def events_with_odd_values(draw: st.DrawFn) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//badinput//NO"]
    for n in range(draw(st.integers(1, 3))):
        values = {"SUMMARY": "Fagdag akuttmedisin", "DESCRIPTION": "Møterom: Teams",
                  "ORGANIZER_CN": "Kari Nordmann", "LOCATION": "Studio 2037",
                  "CATEGORIES": "RegUt", "UID": f"odd-{n}-{draw(st.uuids())}@example.no"}
        for key in draw(st.lists(st.sampled_from(sorted(values)), min_size=1, max_size=2)):
            values[key] = draw(nasty.odd_text())
        zone = draw(st.sampled_from(ZONES))
        tz = f";TZID={zone}" if zone else ""
        start = draw(st.sampled_from(STAMPS)) if draw(st.integers(0, 3)) == 0 else "20270303T090000"
        lines += [
            "BEGIN:VEVENT", f"UID:{_escape(values['UID'])}", "DTSTAMP:20261101T000000Z",
            f"SUMMARY:{_escape(values['SUMMARY'])}", f"DESCRIPTION:{_escape(values['DESCRIPTION'])}",
            f"LOCATION:{_escape(values['LOCATION'])}", f"CATEGORIES:{_escape(values['CATEGORIES'])}",
            f'ORGANIZER;CN="{values["ORGANIZER_CN"].replace(chr(34), "")}":mailto:kari@example.no',
            f"DTSTART{tz}:{start}", f"DTEND{tz}:20270303T103000", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    text = "\r\n".join(lines) + "\r\n"
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])), errors="replace")


def _check(ctx: AppContext, data: bytes) -> None:
    before = nasty.row_counts(ctx)
    with contextlib.suppress(InvalidInput):  # the preview may refuse; it must not write
        import_ics(ctx, data, FIRST, LAST, dry_run=True)
    assert nasty.row_counts(ctx) == before, "a preview wrote"
    try:
        result = import_ics(ctx, data, FIRST, LAST)
    except InvalidInput as exc:
        event("refused")
        assert exc.message and "\n" not in exc.message
        assert nasty.row_counts(ctx) == before, f"refused ({exc.message}) but wrote"
        return
    event(f"imported {min(result.requests, 1)}+, skipped {min(len(result.skipped), 1)}+")
    assert nasty.row_counts(ctx)["bookings"] == before["bookings"] + result.requests
    with ctx.db.read() as s:
        for b in s.scalars(select(Booking).where(Booking.id.in_(result.created_ids))):
            for text in (b.title, b.organizer_name, b.organizer_unit, b.organizer_contact, b.uid):
                assert nasty.clean_stored(text), f"stored {text!r}"
            assert "\x00" not in b.notes and "\x1b" not in b.notes, f"stored notes {b.notes!r}"
            assert b.start < b.end


@given(data=events_with_odd_values())
@nasty.SETTINGS
def test_events_with_odd_texts_and_times(ctx: AppContext, data: bytes) -> None:
    _check(ctx, data)


@given(data=st.one_of(mangled(), odd_events()))
@nasty.SETTINGS
def test_mangled_files_through_the_whole_import(ctx: AppContext, data: bytes) -> None:
    _check(ctx, data)


def test_year_one_in_a_windows_zone_is_outside_the_window_not_a_crash(ctx: AppContext) -> None:
    """Found by the matrix: converting 0001-01-01 00:30 (UTC+1) to Oslo overflowed."""
    data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:aar-en@example.no\r\n"
            "DTSTAMP:20261101T000000Z\r\nSUMMARY:Fagdag\r\n"
            "DTSTART;TZID=W. Europe Standard Time:00010101T003000\r\n"
            "DTEND;TZID=W. Europe Standard Time:00010101T013000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    before = nasty.row_counts(ctx)
    result = import_ics(ctx, data.encode(), FIRST, LAST)
    assert (result.occurrences, result.requests) == (0, 0)
    assert nasty.row_counts(ctx) == before


def test_two_calendars_in_one_file_with_the_same_uids_import_once(ctx: AppContext) -> None:
    """Found by the matrix: two exports pasted into one file repeat their UIDs. Each calendar was
    checked for duplicates alone, so the insert hit the unique index and the whole import was
    refused with «Noen andre lagret … samtidig», which nobody had."""
    one = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:limt-inn@example.no\r\n"
           "DTSTAMP:20261101T000000Z\r\nSUMMARY:Fagdag\r\nDTSTART;TZID=Europe/Oslo:20270303T090000\r\n"
           "DTEND;TZID=Europe/Oslo:20270303T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = import_ics(ctx, (one + one).encode(), FIRST, LAST)
    assert (result.requests, [s.uid for s in result.skipped]) == (1, ["limt-inn@example.no"])
