"""Reading real-client calendar files (issue 6): every sample in tests/data/ics, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from helsestudio.services.errors import InvalidInput
from helsestudio.services.ics_parse import ParsedFile, ParseOptions, parse_ics
from helsestudio.services.ics_vevent import oslo_vtimezone
from helsestudio.services.ics_windows_zones import resolve_tzid

DATA = Path(__file__).parent.parent / "data" / "ics"
YEAR_2027 = ParseOptions(date(2027, 1, 1), date(2027, 12, 31))


def _parse(name: str, opts: ParseOptions = YEAR_2027) -> ParsedFile:
    return parse_ics((DATA / name).read_bytes(), opts)


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _starts(parsed: ParsedFile) -> list[datetime]:
    return [c.start.astimezone(UTC) for c in parsed.candidates]


def _reasons(parsed: ParsedFile) -> list[tuple[str, str]]:
    return [(s.start or "", s.reason) for s in parsed.skipped]


def test_outlook_request_with_windows_zone_folded_lines_and_teams() -> None:
    parsed = _parse("outlook_request.ics")
    (c,) = parsed.candidates
    assert (c.start.astimezone(UTC), c.end.astimezone(UTC)) == (_utc(2027, 3, 3, 12), _utc(2027, 3, 3, 13, 30))
    assert c.title == "Webinar: Sepsis i akuttmottaket"
    assert (c.organizer_name, c.organizer_contact) == ("Åse Sæther", "ase.saether@example.no")
    assert c.platform == "teams" and "ønsker å låne studioet" in c.notes
    assert c.uid.startswith("040000008200E00074C5B7101A82E008") and c.uid.endswith("ABCDEF")
    assert parsed.occurrences == 1 and not parsed.problems


def test_outlook_windows_id_and_display_name_without_vtimezone() -> None:
    parsed = _parse("outlook_windows_tz_without_vtimezone.ics")
    # 10 March is winter time (UTC+1), 7 April summer time (UTC+2) in 2027.
    assert _starts(parsed) == [_utc(2027, 3, 10, 8), _utc(2027, 4, 7, 7)]
    assert {c.category for c in parsed.candidates} == {"regut"}
    assert parsed.candidates[0].organizer_name == "Bjørn Ødegård"


def test_google_x_wr_timezone_keeps_local_time_across_dst_and_skips_cancelled_and_all_day() -> None:
    parsed = _parse("google_x_wr_timezone.ics")
    # DTSTART 12:00Z in winter = 13:00 Oslo; X-WR-TIMEZONE keeps 13:00 Oslo after 28 March.
    assert _starts(parsed) == [_utc(2027, 3, 5, 12), _utc(2027, 3, 12, 12), _utc(2027, 3, 19, 12),
                               _utc(2027, 4, 2, 11)]
    assert _reasons(parsed) == [("2027-03-26T13:00:00+01:00", "helligdag"),
                                ("2027-03-16T09:00:00+01:00", "avlyst"),
                                ("2027-03-17", "heldagshendelse")]
    assert parsed.occurrences == 7
    assert {c.platform for c in parsed.candidates} == {"nhn"}
    assert len({c.uid for c in parsed.candidates}) == 4  # one booking UID per occurrence


def test_apple_file_all_day_holiday_and_evening_are_skipped_with_reasons() -> None:
    parsed = _parse("apple_icloud.ics")
    assert _starts(parsed) == [_utc(2027, 3, 31, 7, 30)]
    assert parsed.candidates[0].category == "produksjon"
    assert [r for _, r in _reasons(parsed)] == ["heldagshendelse", "helligdag", "utenfor åpningstid"]


def test_thunderbird_rrule_with_exdate_and_recurrence_id_override() -> None:
    parsed = _parse("thunderbird_series.ics")
    # Tuesdays 10:00 Oslo; 16 March excluded; 23 March moved to Wednesday 24 March 13:00.
    assert _starts(parsed) == [_utc(2027, 3, 2, 9), _utc(2027, 3, 9, 9), _utc(2027, 3, 24, 12),
                               _utc(2027, 3, 30, 8), _utc(2027, 4, 6, 8)]
    moved = parsed.candidates[2]
    assert moved.title == "Ledermøte nivå 2 (flyttet)"
    assert moved.uid == "3f2a9c1e-6d7b-4a8e-9f01-2b3c4d5e6f70/20270323T100000"


def test_floating_times_are_oslo_wall_clock_and_duration_is_honoured() -> None:
    parsed = _parse("floating_times.ics")
    assert [(c.start.astimezone(UTC), c.end - c.start) for c in parsed.candidates] == [
        (_utc(2027, 4, 5, 8), timedelta(hours=1)), (_utc(2027, 4, 6, 10), timedelta(minutes=45))]


def test_outlook_cancel_message_is_skipped_as_cancelled() -> None:
    parsed = _parse("outlook_cancel.ics")
    assert not parsed.candidates and [r for _, r in _reasons(parsed)] == ["avlyst"]


def test_windows_1252_file_is_read_with_a_problem_note() -> None:
    parsed = _parse("windows1252_encoded.ics")
    assert parsed.candidates[0].title == "Øvelse på kirurgisk avdeling – for ÆØÅ"
    assert "Windows-1252" in parsed.problems[0]


def test_window_limits_occurrences() -> None:
    parsed = _parse("thunderbird_series.ics", ParseOptions(date(2027, 3, 9), date(2027, 3, 24)))
    assert parsed.occurrences == 2 and _starts(parsed) == [_utc(2027, 3, 9, 9), _utc(2027, 3, 24, 12)]


@pytest.mark.parametrize(("name", "message"), [
    ("broken_not_calendar.ics", "ikke en iCalendar-fil (.ics): linje 1"),
    ("broken_truncated.ics", "avkortet: BEGIN:VEVENT på linje 4"),
    ("broken_bad_dtstart.ics", "Hendelse nr. 2 «Feil dato» (UID bad-date-1, linje 10): egenskapen DTSTART"),
    ("broken_missing_dtstart.ics", "«Uten start» (UID no-start, linje 4): mangler starttidspunkt"),
    ("broken_end_before_start.ics", "sluttidspunktet er før starttidspunktet"),
    ("broken_bad_rrule.ics", "egenskapen RRULE kan ikke leses"),
    ("broken_garbage_line.ics", "«Søppellinje» (UID garbage, linje 4): linje 9 «Dette er ikke en gyldig linje» kan ikke leses"),
    ("broken_mismatched_end.ics", "Linje 7: END:VTODO passer ikke til BEGIN:VEVENT på linje 4"),
    ("broken_minutely_rrule.ics", "hvert sekund/minutt"),
    ("broken_empty.ics", "Filen er tom"),
])
def test_broken_files_are_refused_with_event_and_line(name: str, message: str) -> None:
    with pytest.raises(InvalidInput) as err:
        _parse(name)
    assert message in err.value.message


def test_binary_file_is_refused() -> None:
    with pytest.raises(InvalidInput, match="ikke en tekstfil"):
        parse_ics(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", YEAR_2027)


def test_unknown_time_zone_is_read_as_oslo_and_reported() -> None:
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
            "DTSTART;TZID=Mars/Olympus:20270310T090000\r\nDTEND;TZID=Mars/Olympus:20270310T100000\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
    parsed = parse_ics(text.encode(), YEAR_2027)
    assert _starts(parsed) == [_utc(2027, 3, 10, 8)]
    assert "Mars/Olympus" in parsed.problems[0]


@pytest.mark.parametrize(("tzid", "iana"), [
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),
    ("(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna", "Europe/Berlin"),
    ("(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb", "Europe/Sarajevo"),
    ("/freeassociation.sourceforge.net/Europe/Oslo", "Europe/Oslo"),
    ("CET", "CET"),
])
def test_windows_and_vendor_zone_names_resolve(tzid: str, iana: str) -> None:
    zone = resolve_tzid(tzid)
    assert zone is not None
    july = datetime(2027, 7, 1, 12, tzinfo=zone).utcoffset()
    assert july == datetime(2027, 7, 1, 12, tzinfo=ZoneInfo(iana)).utcoffset()


def test_oslo_vtimezone_agrees_with_zoneinfo_every_hour_around_changes() -> None:
    """Our RRULE VTIMEZONE, read back by icalendar as a tz, gives zoneinfo's offsets 2020–2040."""
    tz = oslo_vtimezone().to_tz()
    oslo = ZoneInfo("Europe/Oslo")
    for year in range(2020, 2041):
        for month, day in ((3, 24), (10, 24)):
            start = datetime(year, month, day, tzinfo=UTC)
            for hour in range(0, 24 * 8):
                instant = start + timedelta(hours=hour)
                assert instant.astimezone(tz).utcoffset() == instant.astimezone(oslo).utcoffset()


def test_exported_vtimezone_is_valid_icalendar() -> None:
    cal = icalendar.Calendar.from_ical(oslo_vtimezone().to_ical())
    assert cal["TZID"] == "Europe/Oslo" and not cal.errors


def _calendar(*events: str, head: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{head}{body}END:VCALENDAR\r\n".encode()


def test_exchange_all_day_written_as_midnight_times_is_all_day() -> None:
    flagged = ("UID:a\r\nDTSTART;TZID=W. Europe Standard Time:20270301T080000\r\n"
               "DTEND;TZID=W. Europe Standard Time:20270301T160000\r\nX-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\n")
    midnight = "UID:b\r\nDTSTART;TZID=Europe/Oslo:20270302T000000\r\nDTEND;TZID=Europe/Oslo:20270303T000000\r\n"
    parsed = parse_ics(_calendar(flagged, midnight), YEAR_2027)
    assert [r for _, r in _reasons(parsed)] == ["heldagshendelse", "heldagshendelse"]


def test_a_reply_to_an_invitation_is_not_a_request() -> None:
    parsed = parse_ics(_calendar("UID:r\r\nDTSTART:20270301T090000Z\r\nDTEND:20270301T100000Z\r\n",
                                 head="METHOD:REPLY\r\n"), YEAR_2027)
    assert not parsed.candidates and parsed.skipped[0].reason.startswith("svar på en invitasjon")


def test_endless_series_that_would_take_long_are_refused_at_once() -> None:
    import time

    daily = [f"UID:d{i}\r\nDTSTART:20200301T090000Z\r\nDTEND:20200301T100000Z\r\nRRULE:FREQ=DAILY\r\n"
             for i in range(300)]
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="velg en kortere periode"):
        parse_ics(_calendar(*daily), YEAR_2027)
    assert time.perf_counter() - started < 2
    short = parse_ics(_calendar(*daily[:3]), ParseOptions(date(2027, 3, 1), date(2027, 3, 5)))
    assert len(short.candidates) == 15


def test_utf16_file_and_event_without_uid_are_read() -> None:
    text = _calendar("SUMMARY:Uten UID – Ålesund\r\nDTSTART:20270301T090000Z\r\nDTEND:20270301T100000Z\r\n")
    first = parse_ics(text.decode().encode("utf-16"), YEAR_2027)
    again = parse_ics(text, YEAR_2027)
    assert first.candidates[0].title == "Uten UID – Ålesund"
    assert first.candidates[0].uid == again.candidates[0].uid.lower() == again.candidates[0].uid
    assert first.candidates[0].uid.endswith("@import.helsestudio")


def test_unknown_x_wr_timezone_is_reported_not_fatal() -> None:
    weekly = "UID:w\r\nDTSTART:20270302T100000Z\r\nDTEND:20270302T110000Z\r\nRRULE:FREQ=DAILY;COUNT=2\r\n"
    parsed = parse_ics(_calendar(weekly, head="X-WR-TIMEZONE:Europe/Nowhere\r\n"), YEAR_2027)
    assert _starts(parsed) == [_utc(2027, 3, 2, 10), _utc(2027, 3, 3, 10)]
    assert "Europe/Nowhere" in parsed.problems[0]


def test_outlook_update_of_one_occurrence_without_its_series() -> None:
    """Outlook mails only the changed instance (RECURRENCE-ID, no RRULE): it is one request."""
    only = ("UID:serie-1\r\nRECURRENCE-ID;TZID=W. Europe Standard Time:20270302T100000\r\n"
            "DTSTART;TZID=W. Europe Standard Time:20270303T130000\r\n"
            "DTEND;TZID=W. Europe Standard Time:20270303T140000\r\nSUMMARY:Flyttet\r\n")
    parsed = parse_ics(_calendar(only, head="METHOD:REQUEST\r\n"), YEAR_2027)
    assert _starts(parsed) == [_utc(2027, 3, 3, 12)]
    assert parsed.candidates[0].uid == "serie-1/20270302T100000"


@pytest.mark.parametrize(("rule", "message"), [
    ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL=0"),  # dateutil would loop for ever
    ("FREQ=DAILY;BYMONTH=13", "BYMONTH=13"),  # dateutil would search to year 9999
])
def test_rules_that_never_end_are_refused(rule: str, message: str) -> None:
    event = f"UID:x\r\nDTSTART:20270302T100000Z\r\nDTEND:20270302T110000Z\r\nRRULE:{rule}\r\n"
    with pytest.raises(InvalidInput, match=message):
        parse_ics(_calendar(event), YEAR_2027)


def test_a_rule_that_almost_never_matches_is_stopped_by_the_time_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """«Every 30 February» is valid but makes dateutil search to year 9999 (≈ 3 s a rule)."""
    import time

    monkeypatch.setattr("helsestudio.services.ics_parse.EXPANSION_SECONDS", 0.3)
    event = ("UID:feb30\r\nDTSTART:20270302T100000Z\r\nDTEND:20270302T110000Z\r\n"
             "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r\n")
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="tok over 0.3 sekunder"):
        parse_ics(_calendar(event), YEAR_2027)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("tzid", ["Europe", "../../etc/passwd", "Europe/", "/"])
def test_zone_names_that_break_zoneinfo_are_unknown_zones(tzid: str) -> None:
    event = (f"UID:z\r\nDTSTART;TZID={tzid}:20270302T100000\r\n"
             f"DTEND;TZID={tzid}:20270302T110000\r\n")
    parsed = parse_ics(_calendar(event), YEAR_2027)
    assert _starts(parsed) == [_utc(2027, 3, 2, 9)] and "Ukjent tidssone" in parsed.problems[0]
