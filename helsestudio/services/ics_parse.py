"""Reading iCalendar files from real clients into booking candidates (issue 6, «Import»).

Pure functions, no database: bytes in, `ParsedFile` out, or `InvalidInput` with a
message that names the event and line. Parsing is icalendar's; recurrences are
expanded by recurring-ical-events `between()` (which also applies Google's
X-WR-TIMEZONE); this module decides what each occurrence means for the studio.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

import recurring_ical_events
from icalendar import Calendar, Component

from helsestudio.services.calendar_days import holiday_name
from helsestudio.services.errors import InvalidInput
from helsestudio.services.ics_checks import (
    MAX_OCCURRENCES,
    as_utc,
    check_events,
    refuse_huge_expansion,
)
from helsestudio.services.ics_guard import TooSlow, time_limit
from helsestudio.services.ics_source import SourceText, decode, read_calendars
from helsestudio.services.ics_windows_zones import resolve_tzid
from helsestudio.services.timeutil import OSLO, iso_local

EXPANSION_SECONDS = 10
UID_MAX = 200
TITLE_MAX = 200
NOTES_MAX = 10_000

# Skip reasons (Norwegian, short and fixed so scripts can match them).
ALL_DAY = "heldagshendelse"
CANCELLED = "avlyst"
HOLIDAY = "helligdag"
WEEKEND = "helg"
CLOSED = "studioet er stengt"
OUTSIDE_HOURS = "utenfor åpningstid"
NO_DURATION = "uten varighet"
DUPLICATE = "finnes to ganger i filen"
ANSWER = "svar på en invitasjon, ikke en forespørsel"
# Outlook/Exchange mark all-day events this way even when they write times.
_ALL_DAY_FLAGS = ("X-MICROSOFT-CDO-ALLDAYEVENT", "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT")
# iTIP methods that answer an invitation rather than ask for something (RFC 5546).
_ANSWERS = {"REPLY", "COUNTER", "DECLINECOUNTER", "REFRESH"}

DEFAULT_CATEGORIES = {
    "fredagsmote": "fredagsmote", "fredagsmøte": "fredagsmote", "regut": "regut",
    "ledermote": "ledermote", "ledermøte": "ledermote", "produksjon": "produksjon", "annet": "annet",
}
_PLATFORM_HINTS = (
    ("teams.microsoft.com", "teams"), ("microsoft teams", "teams"), ("teams-møte", "teams"),
    ("join.nhn.no", "nhn"), ("norsk helsenett", "nhn"),
    ("whereby.com", "2meet"), ("2meet", "2meet"),
)


@dataclass(frozen=True)
class Candidate:
    """One occurrence that would become a booking request."""

    uid: str  # what the booking stores: the event UID, plus the instant for recurrences
    source_uid: str
    title: str
    start: datetime
    end: datetime
    organizer_name: str
    organizer_contact: str
    notes: str
    category: str
    platform: str


@dataclass(frozen=True)
class Skipped:
    uid: str
    start: str | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"uid": self.uid, "start": self.start, "reason": self.reason}


@dataclass
class ParsedFile:
    occurrences: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ParseOptions:
    first: date
    last: date
    opening: tuple[time, time] = (time(7, 30), time(16, 0))
    categories: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    closed_days: frozenset[date] = frozenset()


def parse_ics(data: bytes | str, opts: ParseOptions) -> ParsedFile:
    """Every occurrence in [opts.first, opts.last] (Oslo dates) as a candidate or a skip."""
    result = ParsedFile()
    source = decode(data, result.problems)
    calendars = read_calendars(source, result.problems)
    seen: set[str] = set()  # across calendars: two exports pasted into one file repeat UIDs
    for cal in calendars:
        check_events(cal, source)
        _expand(cal, source, opts, result, seen)
    return result


def _expand(cal: Calendar, source: SourceText, opts: ParseOptions, result: ParsedFile,
            seen: set[str]) -> None:
    default_zone = _calendar_zone(cal)
    wr_name = _one(cal, "X-WR-TIMEZONE")
    if wr_name and resolve_tzid(str(wr_name)) is None:
        result.problems.append(f"Ukjent kalendertidssone X-WR-TIMEZONE «{wr_name}»: "
                               "tider uten sone er lest som norsk tid (Europe/Oslo)")
    method = str(_one(cal, "METHOD", "")).strip().upper()
    recurring = {str(_one(e, "UID", "")).strip() for e in cal.walk("VEVENT")
                 if "RRULE" in e or "RDATE" in e or "RECURRENCE-ID" in e}
    for event in _occurrences(cal, recurring, opts):
        start_value = event["DTSTART"].dt
        local_day = _local_date(start_value, default_zone)
        if not opts.first <= local_day <= opts.last:
            continue  # began before the window and runs into it: not read «inside» it
        result.occurrences += 1
        uid, source_uid = _uids(event, recurring)
        reason = _skip_reason(event, start_value, default_zone, opts, method)
        if reason is None and uid in seen:
            reason = DUPLICATE
        if reason is not None:
            result.skipped.append(Skipped(source_uid, _start_text(start_value, default_zone), reason))
            continue
        seen.add(uid)
        result.candidates.append(_candidate(event, uid, source_uid, default_zone, opts))


def _occurrences(cal: Calendar, recurring: set[str], opts: ParseOptions) -> list[Component]:
    """Every occurrence, in file order. Only series go through recurring-ical-events: it copies
    each occurrence (≈ 0.1 ms each), and a single event is its own only occurrence. X-WR-TIMEZONE
    matters only to series (it changes how an RRULE steps across DST); single events get the
    calendar zone for floating times in `_aware`."""
    events = list(cal.walk("VEVENT"))
    by_uid: dict[str, list[Component]] = {}
    if recurring:
        series = Calendar()
        for key, value in cal.items():
            if key.upper() != "X-WR-TIMEZONE":
                series.add(key, value)
        zone_name = getattr(_calendar_zone(cal), "key", None)
        if "X-WR-TIMEZONE" in cal and zone_name:
            # Only a zone that resolves: x-wr-timezone (inside recurring-ical-events) fails
            # on an unknown name, and a Windows name must reach it as its IANA equivalent.
            series.add("X-WR-TIMEZONE", zone_name)
        for component in cal.subcomponents:
            if component.name == "VTIMEZONE" or str(_one(component, "UID", "")).strip() in recurring:
                series.add_component(component)
        refuse_huge_expansion(series.walk("VEVENT"), opts.first, opts.last)
        try:
            with time_limit(EXPANSION_SECONDS):
                expanded = recurring_ical_events.of(series).between(
                    opts.first, opts.last + timedelta(days=1))
        except TooSlow:
            raise InvalidInput(
                f"Gjentakelsene i filen tok over {EXPANSION_SECONDS} sekunder å regne ut "
                "(en regel som nesten aldri slår til, f.eks. 30. februar): importen er stoppet"
            ) from None
        except Exception as exc:  # noqa: BLE001 - a bad RRULE/EXDATE surfaces here in many forms
            raise InvalidInput(f"Gjentakelsen i en hendelse kan ikke leses: {exc}") from None
        if len(expanded) > MAX_OCCURRENCES:
            raise InvalidInput(
                f"Filen gir over {MAX_OCCURRENCES} forekomster i perioden: velg en kortere periode")
        for occ in expanded:
            by_uid.setdefault(str(_one(occ, "UID", "")).strip(), []).append(occ)
    out: list[Component] = []
    for event in events:
        uid = str(_one(event, "UID", "")).strip()
        if uid not in recurring:
            out.append(event)
        elif uid in by_uid:
            out.extend(sorted(by_uid.pop(uid), key=lambda e: as_utc(e["DTSTART"].dt)))
    return out


def _one(component: Component, name: str, default: Any = None) -> Any:
    """A property that should appear once; a file that repeats it gets the first value."""
    value = component.get(name, default)
    return value[0] if isinstance(value, list) and value else value


def _calendar_zone(cal: Calendar) -> tzinfo:
    """The calendar's own zone (Google's X-WR-TIMEZONE) for floating times; Oslo otherwise."""
    name = _one(cal, "X-WR-TIMEZONE")
    return (resolve_tzid(str(name)) if name else None) or OSLO


def _aware(value: datetime, zone: tzinfo) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=zone)


def _local_date(value: date | datetime, zone: tzinfo) -> date:
    if isinstance(value, datetime):
        try:
            return _aware(value, zone).astimezone(OSLO).date()
        except OverflowError:  # year 1 or 9999 in a zone east or west of UTC: far outside any window
            return value.date()
    return value


def _start_text(value: date | datetime, zone: tzinfo) -> str | None:
    if isinstance(value, datetime):
        return iso_local(_aware(value, zone))
    return value.isoformat()


def _uids(event: Component, recurring: set[str]) -> tuple[str, str]:
    """(booking UID, event UID). Occurrences of a series share the event UID, so the booking
    UID adds the occurrence's original instant (RECURRENCE-ID) to stay unique and stable."""
    raw = str(_one(event, "UID", "")).strip()
    if not raw:
        basis = f"{_one(event, 'SUMMARY', '')}|{event['DTSTART'].to_ical()!r}"
        raw = f"{hashlib.sha1(basis.encode()).hexdigest()[:16]}@import.helsestudio"
    uid = raw
    rid = _one(event, "RECURRENCE-ID") if raw in recurring else None
    if rid is not None:
        value = rid.dt
        stamp = (_aware(value, OSLO).astimezone(OSLO).strftime("%Y%m%dT%H%M%S")
                 if isinstance(value, datetime) else value.strftime("%Y%m%d"))
        uid = f"{raw}/{stamp}"
    # Too long for the column, or with control characters (PostgreSQL refuses NUL, and the UID
    # goes back out in calendar files): stored as a stable hash, so a re-import still matches.
    if len(uid) > UID_MAX or any(ord(c) < 32 or ord(c) == 127 for c in uid):
        uid = f"{hashlib.sha1(uid.encode()).hexdigest()}@import.helsestudio"
    return uid, raw


def _skip_reason(event: Component, start: date | datetime, zone: tzinfo, opts: ParseOptions,
                 method: str) -> str | None:
    if not isinstance(start, datetime) or any(
            str(_one(event, flag, "")).upper() == "TRUE" for flag in _ALL_DAY_FLAGS):
        return ALL_DAY
    if method == "CANCEL" or str(_one(event, "STATUS", "")).upper() == "CANCELLED":
        return CANCELLED
    if method in _ANSWERS:
        return ANSWER
    begin = _aware(start, zone).astimezone(OSLO)
    end = _aware(_end_of(event, start), zone).astimezone(OSLO)
    if end <= begin:
        return NO_DURATION
    if begin.time() == end.time() == time(0):
        return ALL_DAY  # midnight to midnight: how some Exchange exports write all-day events
    day = begin.date()
    if holiday_name(day):
        return HOLIDAY
    if day in opts.closed_days:
        return CLOSED
    if day.weekday() >= 5:
        return WEEKEND
    opens, closes = opts.opening
    if end.date() != day or begin.time() < opens or end.time() > closes:
        return OUTSIDE_HOURS
    return None


def _end_of(event: Component, start: datetime) -> datetime:
    if "DTEND" in event:
        return event["DTEND"].dt
    if "DURATION" in event:
        return start + event["DURATION"].dt
    return start


def _candidate(event: Component, uid: str, source_uid: str, zone: tzinfo,
               opts: ParseOptions) -> Candidate:
    start = event["DTSTART"].dt
    organizer = _one(event, "ORGANIZER")
    name = str(organizer.params.get("CN", "")).strip() if organizer is not None else ""
    contact = str(organizer).strip() if organizer is not None else ""
    contact = re.sub(r"^mailto:", "", contact, flags=re.IGNORECASE)
    title = " ".join(str(_one(event, "SUMMARY", "")).split()) or "(uten tittel)"
    notes = str(_one(event, "DESCRIPTION", "")).strip()
    return Candidate(
        uid=uid, source_uid=source_uid, title=title[:TITLE_MAX],
        start=_aware(start, zone).astimezone(OSLO), end=_aware(_end_of(event, start), zone).astimezone(OSLO),
        organizer_name=name[:200], organizer_contact=contact[:200], notes=notes[:NOTES_MAX],
        category=_category(event, opts.categories), platform=_platform(event, notes),
    )


def _category(event: Component, known: Mapping[str, str]) -> str:
    raw = event.get("CATEGORIES")
    values = raw if isinstance(raw, list) else [raw] if raw is not None else []
    for prop in values:
        for name in getattr(prop, "cats", []):
            code = known.get(str(name).strip().lower())
            if code:
                return code
    return "annet"


def _platform(event: Component, notes: str) -> str:
    if "X-MICROSOFT-SKYPETEAMSMEETINGURL" in event:
        return "teams"
    haystack = " ".join((str(_one(event, "LOCATION", "")), str(_one(event, "URL", "")), notes)).lower()
    for hint, code in _PLATFORM_HINTS:
        if hint in haystack:
            return code
    return "ingen"
