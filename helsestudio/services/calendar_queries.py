"""Fast read queries for the calendar views (day, week, month, pending list, today panel).

The week view must stay fast with years of bookings, so these use Core selects on
the (room_id, start) index with a lower *and* upper bound on `start` (NOTES.md) and
return lean rows; category and platform names come from one small lookup
(`CalendarMeta`) instead of a join per row.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Booking, BookingCategory, BookingState, Platform, User
from helsestudio.services import settings
from helsestudio.services.bookings_rules import is_on_time
from helsestudio.services.studio_policy import CrisisInfo, active_crisis, closed_days_between
from helsestudio.services.timeutil import day_bounds_utc

# Bookings that start before the window but run into it (rare: a session across
# midnight) are found by looking this far back; the index still bounds the scan.
LONGEST_BOOKING = timedelta(hours=24)

_B = Booking.__table__
_U = User.__table__


@dataclass(frozen=True)
class CalendarRow:
    """One booking as the calendar draws it: plain values only (STYLE.md #3)."""

    id: int
    title: str
    category: str
    state: str
    start: datetime
    end: datetime
    participants: int | None
    platform: str
    assist_requested: bool
    assigned_to: str | None
    organizer: str
    organizer_unit: str
    received_at: datetime
    version: int
    series_id: int | None
    state_reason: str
    notes: str

    @property
    def on_time(self) -> bool:
        return is_on_time(self.received_at, self.start)

    @property
    def active(self) -> bool:
        """Requested or confirmed: still wants or holds the studio."""
        return self.state in (BookingState.REQUESTED.value, BookingState.CONFIRMED.value)


@dataclass(frozen=True)
class CategoryInfo:
    code: str
    name: str
    colour: str
    priority: int


@dataclass(frozen=True)
class CalendarMeta:
    """The small lookup tables: categories in priority order (the legend) and platforms."""

    categories: list[CategoryInfo]
    platforms: dict[str, str]  # code -> display name
    capacities: dict[str, int | None] = field(default_factory=dict)
    opening: tuple[str, str] = ("07:30", "16:00")  # R9, Oslo wall-clock
    buffer_minutes: int = 15  # R4
    crisis: CrisisInfo | None = None  # R6

    def category(self, code: str) -> CategoryInfo:
        for info in self.categories:
            if info.code == code:
                return info
        return CategoryInfo(code, code, "#888888", 99)


@dataclass(frozen=True)
class DayOverview:
    """The «I dag» panel: the day's active bookings and the day plan's warnings (R3, R6, R8)."""

    day: date
    bookings: list[CalendarRow]
    warnings: list[str]


def _select():  # type: ignore[no-untyped-def]
    return select(
        _B.c.id, _B.c.title, _B.c.category_code, _B.c.state, _B.c.start, _B.c.end,
        _B.c.participants, _B.c.platform_code, _B.c.assist_requested, _U.c.username,
        _B.c.organizer_name, _B.c.organizer_unit, _B.c.received_at, _B.c.version,
        _B.c.series_id, _B.c.state_reason, _B.c.notes,
    ).select_from(_B.outerjoin(_U, _B.c.assist_user_id == _U.c.id))


def _rows(session: Session, stmt) -> list[CalendarRow]:  # type: ignore[no-untyped-def]
    return [CalendarRow(*r) for r in session.execute(stmt)]


def load_meta(session: Session) -> CalendarMeta:
    cats = [
        CategoryInfo(c.code, c.name, c.colour, c.priority)
        for c in session.scalars(select(BookingCategory).order_by(BookingCategory.priority))
    ]
    plats = list(session.scalars(select(Platform).order_by(Platform.sort_order, Platform.code)))
    return CalendarMeta(
        cats, {p.code: p.name for p in plats}, {p.code: p.capacity for p in plats},
        opening=(settings.get_in(session, "opening_start"), settings.get_in(session, "opening_end")),
        buffer_minutes=int(settings.get_in(session, "buffer_minutes")),
        crisis=active_crisis(session),
    )


def closures(session: Session, first: date, last: date) -> set[date]:
    """Maintenance closures (R9) in a range; weekends and holidays come from calendar_days."""
    return closed_days_between(session, first, last)


def bookings_in_range(session: Session, first: date, last: date, room_id: int = 1) -> list[CalendarRow]:
    """Bookings overlapping the Oslo dates `first`..`last` (inclusive), ordered by start."""
    lo, hi = day_bounds_utc(first, last)
    stmt = (
        _select()
        .where(_B.c.room_id == room_id, _B.c.start >= lo - LONGEST_BOOKING, _B.c.start < hi)
        .order_by(_B.c.start, _B.c.id)
    )
    return [r for r in _rows(session, stmt) if r.end > lo]


def booking(session: Session, booking_id: int) -> CalendarRow | None:
    found = _rows(session, _select().where(_B.c.id == booking_id))
    return found[0] if found else None


def pending_requests(session: Session, now: datetime, room_id: int = 1) -> list[CalendarRow]:
    """Requests awaiting confirmation for future times: on-time first, then oldest received (R2/R3)."""
    stmt = _select().where(
        _B.c.room_id == room_id, _B.c.state == BookingState.REQUESTED.value, _B.c.end > now,
    )
    rows = _rows(session, stmt)
    rows.sort(key=lambda r: (not r.on_time, r.received_at, r.start))
    return rows


def confirmed_conflicts(session: Session, requests: list[CalendarRow], room_id: int = 1) -> dict[int, list[CalendarRow]]:
    """R3 «pending conflicts»: for each request, the confirmed bookings it overlaps (one range query)."""
    if not requests:
        return {}
    lo = min(r.start for r in requests)
    hi = max(r.end for r in requests)
    stmt = _select().where(
        _B.c.room_id == room_id, _B.c.state == BookingState.CONFIRMED.value,
        _B.c.start >= lo - LONGEST_BOOKING, _B.c.start < hi,
    ).order_by(_B.c.start)
    return pending_conflicts(requests + _rows(session, stmt))


def pending_conflicts(rows: list[CalendarRow]) -> dict[int, list[CalendarRow]]:
    """Requested bookings that overlap a confirmed one (R3 «pending conflicts»): id -> confirmed rows."""
    confirmed = sorted((r for r in rows if r.state == BookingState.CONFIRMED.value), key=lambda c: c.start)
    if not confirmed:
        return {}
    starts = [c.start for c in confirmed]
    longest = max(c.end - c.start for c in confirmed)
    result: dict[int, list[CalendarRow]] = {}
    for r in rows:
        if r.state != BookingState.REQUESTED.value:
            continue
        # Only confirmed bookings starting in [start - longest, end) can overlap: a window
        # found by bisection, so thousands of requests against years of bookings stay fast.
        first, last = bisect_left(starts, r.start - longest), bisect_left(starts, r.end)
        hits = [c for c in confirmed[first:last] if r.start < c.end]
        if hits:
            result[r.id] = hits
    return result


def day_bookings(session: Session, day: date, room_id: int = 1) -> list[CalendarRow]:
    """The day's requested and confirmed bookings (the «I dag» panel; warnings come from day_plan)."""
    return [r for r in bookings_in_range(session, day, day, room_id) if r.active]
