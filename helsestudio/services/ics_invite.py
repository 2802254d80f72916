"""Invitations for the organiser (issue 6): METHOD:REQUEST after confirmation, METHOD:CANCEL after
a cancellation, displacement or refusal — same UID, the booking's (higher) SEQUENCE, so Outlook
updates or removes the event it already has instead of adding a second one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from icalendar import Event, vCalAddress
from sqlalchemy.orm import Session

from helsestudio.models import BookingSeries, BookingState
from helsestudio.services.errors import NotFound, RuleViolation
from helsestudio.services.ics_export import (
    BOOKINGS,
    booking_select,
    parse_clock,
    read_rows,
    series_events,
)
from helsestudio.services.ics_vevent import EventData, build_event, new_calendar
from helsestudio.services.timeutil import format_datetime_nb, oslo_datetime

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

STUDIO_NAME = "Studio 2037"
STUDIO_EMAIL = "studio2037@helse-bergen.no"
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$")
_CANCELLED = {BookingState.CANCELLED.value, BookingState.DISPLACED.value, BookingState.DECLINED.value}


@dataclass(frozen=True)
class Invitation:
    method: str  # REQUEST or CANCEL
    content: bytes
    filename: str
    recipient: str | None  # the organiser's e-mail, if the booking has one
    subject: str


def looks_like_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip().removeprefix("mailto:").removeprefix("MAILTO:")))


def invitation(ctx: AppContext, booking_id: int) -> Invitation:
    with ctx.db.read() as session:
        return invitation_in(session, booking_id)


def invitation_in(session: Session, booking_id: int) -> Invitation:
    """The .ics to send the organiser of booking `booking_id` in its current state."""
    found = read_rows(session, booking_select().where(BOOKINGS.c.id == booking_id))
    if not found:
        raise NotFound(f"Fant ingen booking med nummer {booking_id}")
    row = found[0]
    contact = row.organizer_contact.strip().removeprefix("mailto:").removeprefix("MAILTO:")
    data = row.data
    if data.state == BookingState.REQUESTED.value:
        raise RuleViolation(
            "STATE",
            f"Booking {booking_id} «{data.title}» er fortsatt forespurt: bekreft eller avslå den "
            "før du sender invitasjon til bestilleren",
        )
    method = "CANCEL" if data.state in _CANCELLED else "REQUEST"
    cal = new_calendar(method)
    event = _event_for(session, row.series_id, row.occurrence_date, data)
    event["ORGANIZER"] = _address(f"mailto:{STUDIO_EMAIL}", STUDIO_NAME)
    recipient = contact if looks_like_email(contact) else None
    if recipient:
        attendee = _address(f"mailto:{recipient}", data.organizer_name)
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "FALSE"
        event.add("attendee", attendee)
    cal.add_component(event)
    verb = "Avlyst" if method == "CANCEL" else "Bekreftet"
    subject = f"{verb}: {data.title} – {STUDIO_NAME} {format_datetime_nb(data.start)}"
    return Invitation(method, cal.to_ical(), f"booking-{booking_id}-{method.lower()}.ics",
                      recipient, subject)


def _address(uri: str, name: str) -> vCalAddress:
    address = vCalAddress(uri)
    if name:
        address.params["CN"] = name
    return address


def _event_for(session: Session, series_id: int | None, occurrence_date: date | None,
               data: EventData) -> Event:
    """A plain booking's own VEVENT, or for a series occurrence the series UID with RECURRENCE-ID."""
    if series_id is None or occurrence_date is None:
        return build_event(data)
    series = session.get(BookingSeries, series_id)
    assert series is not None
    master = series_events(session, [series_id])[0]
    sequence = int(master["SEQUENCE"])
    planned = oslo_datetime(occurrence_date, parse_clock(series.start_time))
    moved = EventData(**{**data.__dict__, "uid": series.uid, "sequence": sequence})
    return build_event(moved, recurrence_id=planned)
