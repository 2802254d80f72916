"""The Fredagsmøte series (R5): weekly Fridays 08:00–09:00 Oslo time, holidays skipped.

Each occurrence is an ordinary Booking with `series_id` and `occurrence_date`, confirmed
through the same rules as any request, so a series can never double-book the studio (R4).
Times are built per date from the wall clock, so summer time never moves the meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from sqlalchemy.orm import Session

from helsestudio.models import Booking, BookingSeries
from helsestudio.services import audit
from helsestudio.services.auth import Permission, require
from helsestudio.services.bookings import (
    BookingRequest,
    cancel_booking,
    confirm_booking_in,
    move_booking,
    r4_guard,
    request_booking_in,
)
from helsestudio.services.errors import DomainError, InvalidInput, NotFound, RuleViolation
from helsestudio.services.studio_policy import closed_reason
from helsestudio.services.studio_queries import BookingRow
from helsestudio.services.timeutil import oslo_datetime

if TYPE_CHECKING:
    from datetime import datetime

    from helsestudio.services.app import AppContext

FRIDAY = 4
START, END = time(8, 0), time(9, 0)
TITLE = "Fredagsmøte"


@dataclass
class SeriesResult:
    series_id: int
    created: list[int] = field(default_factory=list)
    skipped: list[tuple[date, str]] = field(default_factory=list)  # holidays, refusals

    def to_json(self) -> dict[str, Any]:
        return {"series_id": self.series_id, "created": self.created,
                "skipped": [{"date": d.isoformat(), "reason": r} for d, r in self.skipped]}


def weekly_dates(first: date, last: date, weekday: int = FRIDAY) -> list[date]:
    """Every `weekday` from `first` to `last` inclusive (the dates a weekly RRULE gives)."""
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    days = []
    while day <= last:
        days.append(day)
        day += timedelta(days=7)
    return days


def create_fredagsmote_series(ctx: AppContext, first: date, last: date) -> SeriesResult:
    with ctx.db.write() as session:
        return create_fredagsmote_series_in(session, ctx.username, first, last)


def create_fredagsmote_series_in(session: Session, actor: str, first: date, last: date,
                                 *, participants: int | None = None, platform: str = "ingen",
                                 organizer: str = "") -> SeriesResult:
    require(session, actor, Permission.MANAGE_BOOKINGS)
    if last < first:
        raise InvalidInput("--to kan ikke være før --from")
    if (last - first).days > 366 * 2:
        raise InvalidInput("En serie kan høyst gå over to år; lag en ny serie for resten")
    fridays = weekly_dates(first, last)
    if not fridays:  # an empty series would be stored and exported as nothing at all
        raise InvalidInput(f"Det er ingen fredag fra {first:%d.%m.%Y} til {last:%d.%m.%Y}: "
                           "velg en periode med minst én fredag")
    series = BookingSeries(room_id=1, title=TITLE, category_code="fredagsmote", weekday=FRIDAY,
                           start_time=f"{START:%H:%M}", end_time=f"{END:%H:%M}",
                           first_date=first, last_date=last, platform_code=platform,
                           participants=participants, organizer_name=organizer,
                           uid=f"{uuid4()}@helsestudio", created_by=actor)
    session.add(series)
    session.flush()
    result = SeriesResult(series.id)
    for day in fridays:
        closed = closed_reason(session, day)
        if closed:  # R5: public holidays such as Langfredag are simply not created
            result.skipped.append((day, closed))
            continue
        req = BookingRequest(title=TITLE, category="fredagsmote", start=oslo_datetime(day, START),
                             end=oslo_datetime(day, END), participants=participants,
                             platform=platform, organizer_name=organizer, series_id=series.id,
                             occurrence_date=day)
        try:
            # A savepoint per occurrence: one refused Friday leaves the others in place.
            with r4_guard(), session.begin_nested():
                booking = request_booking_in(session, actor, req)
                confirm_booking_in(session, actor, booking.id)
        except DomainError as exc:
            result.skipped.append((day, exc.message))
            continue
        result.created.append(booking.id)
    audit.record(session, actor=actor, action="series.create", entity="series",
                 entity_id=series.id, after={"first": first, "last": last,
                                             "created": len(result.created)})
    return result


def _occurrence(session: Session, booking_id: int) -> Booking:
    booking = session.get(Booking, booking_id)
    if booking is None:
        raise NotFound(f"Fant ingen booking med nummer {booking_id}")
    if booking.series_id is None:
        raise RuleViolation("R5", f"Booking {booking_id} hører ikke til en serie")
    return booking


def cancel_occurrence(ctx: AppContext, booking_id: int, reason: str) -> BookingRow:
    """Cancel one Friday; the rest of the series is untouched (the ICS gets an EXDATE)."""
    with ctx.db.read() as session:
        _occurrence(session, booking_id)
    return cancel_booking(ctx, booking_id, reason)


def move_occurrence(ctx: AppContext, booking_id: int, start: datetime,
                    end: datetime) -> BookingRow:
    """Move one Friday; it keeps its occurrence_date (iCalendar RECURRENCE-ID)."""
    with ctx.db.read() as session:
        _occurrence(session, booking_id)
    return move_booking(ctx, booking_id, start, end)
