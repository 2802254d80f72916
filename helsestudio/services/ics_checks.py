"""Checks that run before a calendar file is expanded (issue 6): every VEVENT must be readable,
and no recurrence may make the import hang or run for minutes.

An event that fails here stops the whole import with InvalidInput naming the event and its
line (`describe_event`); nothing has been written yet.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from icalendar import Calendar, Component

from helsestudio.services.errors import InvalidInput
from helsestudio.services.ics_source import SourceText, describe_event, unparsable_line
from helsestudio.services.timeutil import OSLO

DENSE_FREQUENCIES = {"SECONDLY", "MINUTELY"}
MAX_OCCURRENCES = 20_000


def check_events(cal: Calendar, source: SourceText) -> None:
    """Refuse, before anything is expanded, an event whose times or recurrence cannot be read."""
    for event in cal.walk("VEVENT"):
        label = describe_event(event, source)
        if event.errors:
            name, message = event.errors[0]
            if name:
                raise InvalidInput(f"{label}: egenskapen {name} kan ikke leses ({message})")
            bad = unparsable_line(source, str(message))
            raise InvalidInput(f"{label}: {bad or 'en linje'} kan ikke leses ({message})")
        if "DTSTART" not in event:
            raise InvalidInput(f"{label}: mangler starttidspunkt (DTSTART)")
        try:
            start = event["DTSTART"].dt
            end = event["DTEND"].dt if "DTEND" in event else None
            duration = event["DURATION"].dt if "DURATION" in event else None
        except Exception as exc:  # noqa: BLE001 - icalendar raises several kinds for one bad value
            raise InvalidInput(f"{label}: tidspunktet kan ikke leses ({exc})") from None
        if end is not None and type(end) is not type(start):
            raise InvalidInput(f"{label}: DTSTART og DTEND er ikke av samme slag (dato/tidspunkt)")
        if end is not None and as_utc(end) < as_utc(start):
            raise InvalidInput(f"{label}: sluttidspunktet er før starttidspunktet")
        if isinstance(duration, timedelta) and duration < timedelta(0):
            raise InvalidInput(f"{label}: varigheten er negativ")
        rules = event.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
            _check_rule(rule, label)


# RFC 5545 3.3.10 value ranges; dateutil searches to year 9999 for a month 13.
_RULE_RANGES = {"BYMONTH": (1, 12), "BYMONTHDAY": (1, 31), "BYYEARDAY": (1, 366),
                "BYWEEKNO": (1, 53), "BYHOUR": (0, 23), "BYMINUTE": (0, 59), "BYSECOND": (0, 60),
                "BYSETPOS": (1, 366)}


def _check_rule(rule: Any, label: str) -> None:
    """Rules dateutil would loop on for ever (INTERVAL=0) or that cannot be bookings."""
    if str(rule.get("FREQ", [""])[0]).upper() in DENSE_FREQUENCIES:
        raise InvalidInput(f"{label}: gjentakelse hvert sekund/minutt kan ikke bli bookinger")
    for part in ("INTERVAL", "COUNT"):
        for value in rule.get(part, []):
            if not isinstance(value, int) or value < 1:
                raise InvalidInput(f"{label}: {part}={value} i gjentakelsesregelen må være minst 1")
    for part, (low, high) in _RULE_RANGES.items():
        for value in rule.get(part, []):
            if not isinstance(value, int) or not low <= abs(value) <= high or (low and not value):
                raise InvalidInput(f"{label}: {part}={value} i gjentakelsesregelen finnes ikke")


def as_utc(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=OSLO)
    return datetime.combine(value, time.min, tzinfo=OSLO)


# Occurrences a rule can give per day at most, by frequency (before BY* multiplies them).
_PER_DAY = {"HOURLY": 24.0, "DAILY": 1.0, "WEEKLY": 1 / 7, "MONTHLY": 1 / 28, "YEARLY": 1 / 365}


def refuse_huge_expansion(events: list[Component], first: date, last: date) -> None:
    """Bound the expansion before running it: recurring-ical-events needs ≈ 0.2 ms an
    occurrence, so 300 never-ending daily series over 12 months would take 20 s."""
    days = (last - first).days + 1
    estimate = 0.0
    for event in events:
        rules = event.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
            per_day = _PER_DAY.get(str(rule.get("FREQ", ["DAILY"])[0]).upper(), 24.0)
            spread = 1
            for part in ("BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE", "BYMONTH", "BYYEARDAY"):
                spread *= max(1, len(rule.get(part, [])))
            count = rule.get("COUNT")
            bound = days * per_day * spread / max(1, int(rule.get("INTERVAL", [1])[0]))
            estimate += min(bound, int(count[0])) if count else bound
        rdates = event.get("RDATE")
        for rdate in rdates if isinstance(rdates, list) else [rdates] if rdates is not None else []:
            estimate += len(getattr(rdate, "dts", [rdate]))
    if estimate > MAX_OCCURRENCES:
        raise InvalidInput(
            f"Gjentakelsene i filen gir rundt {int(estimate):,} forekomster i perioden "
            f"{first}–{last} (høyst {MAX_OCCURRENCES:,}): velg en kortere periode "
            "med --from/--to".replace(",", " "))
