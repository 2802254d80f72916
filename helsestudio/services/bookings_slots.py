"""Free time in the studio: the nearest free slots of a given length (R3 suggestions).

Free means what R2 calls free: held by no confirmed booking (with the rigging buffer, R4)
and wanted by no pending on-time request, inside opening hours on an open day (R9).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Booking, BookingState, utcnow
from helsestudio.services.bookings_rules import blocks, is_on_time
from helsestudio.services.calendar_days import is_closed_day
from helsestudio.services.studio_policy import Policy, load_policy
from helsestudio.services.timeutil import (
    OSLO,
    day_bounds_utc,
    format_date_nb,
    format_time,
    iso_local,
    oslo_date,
    oslo_datetime,
    to_oslo,
)

GRID = timedelta(minutes=15)
SEARCH_DAYS = 60


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime

    def to_json(self) -> dict[str, Any]:
        return {"start": iso_local(self.start), "end": iso_local(self.end)}


Busy = tuple[datetime, datetime]  # [start, blocked until)


def busy_intervals(session: Session, lo: datetime, hi: datetime, policy: Policy,
                   exclude: Iterable[int] = (), room_id: int = 1) -> list[Busy]:
    """Time held by confirmed bookings or wanted by pending on-time requests in [lo, hi)."""
    skip = set(exclude)
    stmt = select(Booking.id, Booking.state, Booking.start, Booking.end, Booking.blocked_until,
                  Booking.received_at).where(
        Booking.room_id == room_id,
        Booking.state.in_((BookingState.CONFIRMED.value, BookingState.REQUESTED.value)),
        Booking.start >= lo - timedelta(days=1), Booking.start < hi,
    )
    busy: list[Busy] = []
    for bid, state, start, end, blocked_until, received_at in session.execute(stmt):
        if bid in skip:
            continue
        if state == BookingState.CONFIRMED.value:
            busy.append((start, blocked_until or end + policy.buffer))
        elif is_on_time(received_at, start):
            busy.append((start, end + policy.buffer))
    return sorted(busy)


def _candidates(day: date, length: timedelta, policy: Policy, busy: list[Busy]) -> list[datetime]:
    opening = oslo_datetime(day, policy.opening_start)
    closing = oslo_datetime(day, policy.opening_end)
    # Only what touches this day can block it; `busy` is sorted by start.
    near = [b for b in busy[bisect_left(busy, (opening - timedelta(days=1),)):
                            bisect_left(busy, (closing + policy.buffer,))]
            if b[1] > opening - policy.buffer]
    starts = set()
    t = opening
    while t + length <= closing:
        starts.add(t)
        t += GRID
    # Right after a booking and its buffer is often the best fit even off the grid.
    starts.update(b_end for _, b_end in near if opening <= b_end and b_end + length <= closing)
    return [s for s in starts
            if not any(blocks(s, s + length, b_start, b_end, policy.buffer) for b_start, b_end in near)]


def free_slots(session: Session, length: timedelta, near: datetime, count: int = 5,
               *, exclude: Iterable[int] = (), policy: Policy | None = None) -> list[Slot]:
    """The nearest free slots of `length`: same day first (closest to `near`), then the
    following working days (closest to the same time of day). Slots never overlap each
    other and never start in the past."""
    policy = policy or load_policy(session)
    first = oslo_date(near)
    near_clock = to_oslo(near).time()
    now = utcnow()
    chosen: list[Slot] = []
    # Look a week at a time: nearly always the first week has enough free time.
    for week in range(0, SEARCH_DAYS, 7):
        lo_day, hi_day = first + timedelta(days=week), first + timedelta(days=week + 6)
        lo, hi = day_bounds_utc(lo_day, hi_day)
        busy = busy_intervals(session, lo, hi, policy, exclude)
        for offset in range(7):
            day = lo_day + timedelta(days=offset)
            if day in policy.closures or is_closed_day(day):
                continue
            target = datetime.combine(day, near_clock, tzinfo=OSLO)
            for start in sorted(_candidates(day, length, policy, busy),
                                key=lambda s, t=target: (abs(s - t), s)):
                if start < now or any(start < c.end and c.start < start + length for c in chosen):
                    continue
                chosen.append(Slot(start, start + length))
                if len(chosen) >= count:
                    return chosen
    return chosen


def format_slots(slots: list[Slot]) -> str:
    return "; ".join(f"{format_date_nb(oslo_date(s.start))} {format_time(s.start)}–{format_time(s.end)}"
                     for s in slots)
