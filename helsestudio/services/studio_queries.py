"""Read-only queries on the studio calendar, returning plain rows for views, reports and JSON.

`BookingRow` is the one read model of a booking: the calendar UI, the day plan, the CLI and
the iCalendar export all read it, never a lazy ORM object.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from helsestudio.models import Booking, BookingCategory, BookingState, Platform, User
from helsestudio.services.bookings_rules import is_on_time
from helsestudio.services.errors import NotFound
from helsestudio.services.timeutil import day_bounds_utc, iso_local

STATES = tuple(s.value for s in BookingState)


@dataclass(frozen=True)
class BookingRow:
    id: int
    title: str
    category: str
    category_name: str
    colour: str
    state: str
    start: datetime
    end: datetime
    participants: int | None
    platform: str
    platform_name: str
    assist_requested: bool
    assigned_to: str | None
    organizer: str
    organizer_unit: str = ""
    organizer_contact: str = ""
    notes: str = ""
    received_at: datetime | None = None
    on_time: bool = False
    state_reason: str = ""
    displaced_by: int | None = None
    hours_override: bool = False
    series_id: int | None = None
    occurrence_date: date | None = None
    uid: str = ""
    sequence: int = 0
    version: int = 1
    updated_at: datetime | None = None
    updated_by: str = ""
    # R3 note: ids of bookings this one is in conflict with while one side is still pending
    # (filled by `with_pending_conflicts`; empty when not computed).
    pending_conflicts: tuple[int, ...] = field(default=())


def _select() -> Select[Any]:
    return (
        select(Booking, BookingCategory.name, BookingCategory.colour, Platform.name, User.username)
        .join(BookingCategory, Booking.category_code == BookingCategory.code)
        .join(Platform, Booking.platform_code == Platform.code)
        .outerjoin(User, Booking.assist_user_id == User.id)
    )


def booking_row(b: Booking, category_name: str, colour: str, platform_name: str,
         username: str | None) -> BookingRow:
    return BookingRow(
        id=b.id, title=b.title, category=b.category_code, category_name=category_name,
        colour=colour, state=b.state, start=b.start, end=b.end, participants=b.participants,
        platform=b.platform_code, platform_name=platform_name,
        assist_requested=b.assist_requested, assigned_to=username, organizer=b.organizer_name,
        organizer_unit=b.organizer_unit, organizer_contact=b.organizer_contact, notes=b.notes,
        received_at=b.received_at, on_time=is_on_time(b.received_at, b.start),
        state_reason=b.state_reason, displaced_by=b.displaced_by_id,
        hours_override=b.hours_override, series_id=b.series_id,
        occurrence_date=b.occurrence_date, uid=b.uid, sequence=b.sequence, version=b.version,
        updated_at=b.updated_at, updated_by=b.updated_by,
    )


def get_booking(session: Session, booking_id: int) -> BookingRow:
    found = session.execute(_select().where(Booking.id == booking_id)).first()
    if found is None:
        raise NotFound(f"Fant ingen booking med nummer {booking_id}")
    return booking_row(*found)


def bookings_between(session: Session, first: date, last: date, room_id: int = 1,
                     state: str | None = None) -> list[BookingRow]:
    """Bookings that start on the Oslo dates `first`..`last` (inclusive), ordered by start."""
    lo, hi = day_bounds_utc(first, last)
    stmt = _select().where(Booking.room_id == room_id, Booking.start >= lo, Booking.start < hi)
    if state is not None:
        stmt = stmt.where(Booking.state == state)
    stmt = stmt.order_by(Booking.start, Booking.id)
    return [booking_row(*found) for found in session.execute(stmt)]


def pending_requests(session: Session, room_id: int = 1) -> list[BookingRow]:
    """Requests awaiting confirmation: on-time ones first, each group oldest received first."""
    stmt = _select().where(Booking.room_id == room_id,
                           Booking.state == BookingState.REQUESTED.value)
    rows = [booking_row(*found) for found in session.execute(stmt)]
    return sorted(rows, key=lambda r: (not r.on_time, r.received_at, r.id))


def with_pending_conflicts(rows: list[BookingRow]) -> list[BookingRow]:
    """R3 note: mark requests that overlap a confirmed booking or another request, and the
    confirmed bookings such requests could displace, so superusers see them before confirming.

    Works on rows of one period ordered by start (a sweep, not all pairs).
    """
    live = [r for r in rows if r.state in (BookingState.REQUESTED, BookingState.CONFIRMED)]
    found: dict[int, set[int]] = {}
    for i, a in enumerate(live):
        for b in live[i + 1:]:
            if b.start >= a.end:
                break
            if BookingState.REQUESTED in (a.state, b.state):
                found.setdefault(a.id, set()).add(b.id)
                found.setdefault(b.id, set()).add(a.id)
    return [replace(r, pending_conflicts=tuple(sorted(found[r.id]))) if r.id in found else r
            for r in rows]


def booking_to_json(row: BookingRow) -> dict[str, Any]:
    """The JSON shape of a booking (issue 3); times in Oslo time with offset."""
    return {
        "id": row.id,
        "title": row.title,
        "category": row.category,
        "category_name": row.category_name,
        "state": row.state,
        "on_time": row.on_time,
        "start": iso_local(row.start),
        "end": iso_local(row.end),
        "participants": row.participants,
        "platform": row.platform,
        "assist": {"requested": row.assist_requested, "assigned_to": row.assigned_to},
        "organizer": {"name": row.organizer, "unit": row.organizer_unit,
                      "contact": row.organizer_contact},
        "notes": row.notes,
        "received_at": iso_local(row.received_at),
        "state_reason": row.state_reason,
        "displaced_by": row.displaced_by,
        "hours_override": row.hours_override,
        "series_id": row.series_id,
        "occurrence_date": row.occurrence_date.isoformat() if row.occurrence_date else None,
        "uid": row.uid,
        "sequence": row.sequence,
        "version": row.version,
        "pending_conflicts": list(row.pending_conflicts),
    }
