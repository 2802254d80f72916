"""Test data for the iCalendar tests: bookings and series written straight into the real database.

Rows are inserted through the models (not the booking service) so these tests pin the
exporter's behaviour on exact states, independent of the allocation rules.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from helsestudio.models import Booking, BookingSeries
from helsestudio.services.calendar_days import holiday_name
from helsestudio.services.ics_export import series_dates
from helsestudio.services.timeutil import oslo_datetime, parse_datetime


def add_booking(session: Session, title: str, start: str | datetime, end: str | datetime,
                state: str = "bekreftet", category: str = "regut", **fields: object) -> Booking:
    start_dt = parse_datetime(start) if isinstance(start, str) else start
    end_dt = parse_datetime(end) if isinstance(end, str) else end
    booking = Booking(
        room_id=1, title=title, category_code=category, state=state, start=start_dt, end=end_dt,
        blocked_until=end_dt + timedelta(minutes=15) if state == "bekreftet" else None,
        uid=str(fields.pop("uid", f"{uuid.uuid4()}@helsestudio")), **fields,
    )
    session.add(booking)
    session.flush()
    return booking


def add_series(session: Session, first: date, last: date, title: str = "Fredagsmøte") -> BookingSeries:
    """A Fredagsmøte series with one confirmed occurrence per Friday, public holidays skipped (R5)."""
    series = BookingSeries(
        room_id=1, title=title, category_code="fredagsmote", weekday=4, start_time="08:00",
        end_time="09:00", first_date=first, last_date=last, platform_code="teams",
        participants=80, organizer_name="LIS-utdanningen", uid=f"{uuid.uuid4()}@helsestudio",
    )
    session.add(series)
    session.flush()
    for day in series_dates(first, last, 4):
        if holiday_name(day):
            continue
        add_booking(session, title, oslo_datetime(day, time(8)), oslo_datetime(day, time(9)),
                    category="fredagsmote", series_id=series.id, occurrence_date=day,
                    platform_code="teams", participants=80)
    return series


def occurrence(session: Session, series: BookingSeries, day: date) -> Booking:
    found = [b for b in session.query(Booking).filter_by(series_id=series.id, occurrence_date=day)]
    assert len(found) == 1, day
    return found[0]


def edit(booking: Booking, **changes: object) -> None:
    """A change as the booking service makes it: SEQUENCE and version grow."""
    for key, value in changes.items():
        setattr(booking, key, value)
    if changes.get("state") in ("avlyst", "fortrengt", "avslått"):
        booking.blocked_until = None
    elif "end" in changes and booking.state == "bekreftet":
        booking.blocked_until = booking.end + timedelta(minutes=15)
    booking.sequence += 1
    booking.version += 1


def utc(raw: str) -> datetime:
    return parse_datetime(raw).astimezone(datetime.fromisoformat("2000-01-01T00:00+00:00").tzinfo)
