"""Time zones and Norwegian date formats: stored in UTC, shown in Europe/Oslo.

Input times without an offset are Oslo wall-clock times. A wall-clock time that
does not exist (the hour skipped when summer time starts) is refused rather
than silently shifted; an ambiguous one (the hour repeated in October) takes
the first occurrence, as a person reading a clock would.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from helsestudio.services.errors import InvalidInput

OSLO = ZoneInfo("Europe/Oslo")

MONTHS_NB = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)
WEEKDAYS_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def localize(naive: datetime) -> datetime:
    """An Oslo wall-clock time as an aware datetime; InvalidInput if it does not exist."""
    aware = naive.replace(tzinfo=OSLO, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(OSLO).replace(tzinfo=None)
    if round_trip != naive.replace(fold=0):
        raise InvalidInput(
            f"Klokkeslettet {naive:%H:%M} den {format_date_nb(naive.date())} finnes ikke i norsk tid "
            "(klokka stilles fram til sommertid): velg et annet tidspunkt"
        )
    return aware


def oslo_datetime(day: date, clock: time) -> datetime:
    return localize(datetime.combine(day, clock))


# Typed dates outside these years are typing errors; near year 1 or 9999 the
# conversion to UTC (or the day after) would overflow instead of giving a message.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _check_year(value: date, raw: str) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidInput(f"«{raw}»: året må være mellom {FIRST_YEAR} og {LAST_YEAR}")


def parse_datetime(raw: str) -> datetime:
    """ISO 8601 date-time; without an offset it is Oslo time. Returns an aware datetime."""
    text = raw.strip()
    try:
        value = datetime.fromisoformat(text.replace(" ", "T", 1) if " " in text else text)
    except ValueError:
        raise InvalidInput(
            f"«{raw}» er ikke et tidspunkt: skriv det som ÅÅÅÅ-MM-DDTTT:MM, f.eks. 2026-03-12T09:00"
        ) from None
    _check_year(value, raw)
    return value if value.tzinfo else localize(value)


def parse_date(raw: str) -> date:
    try:
        value = date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(f"«{raw}» er ikke en dato: skriv den som ÅÅÅÅ-MM-DD, f.eks. 2026-03-12") from None
    _check_year(value, raw)
    return value


def to_oslo(value: datetime) -> datetime:
    return value.astimezone(OSLO)


def iso_local(value: datetime | None) -> str | None:
    """ISO 8601 in Oslo time with its offset, for JSON output."""
    return None if value is None else to_oslo(value).isoformat()


def oslo_date(value: datetime) -> date:
    return to_oslo(value).date()


def day_bounds_utc(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of `first`, start of the day after `last`) in UTC, both dates inclusive."""
    start = datetime.combine(first, time.min, tzinfo=OSLO)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=OSLO)
    return start.astimezone(UTC), end.astimezone(UTC)


def format_date_nb(value: date) -> str:
    """«3. mars 2026»."""
    return f"{value.day}. {MONTHS_NB[value.month - 1]} {value.year}"


def format_time(value: datetime) -> str:
    return f"{to_oslo(value):%H:%M}"


def format_datetime_nb(value: datetime) -> str:
    local = to_oslo(value)
    return f"{format_date_nb(local.date())} kl. {local:%H:%M}"
