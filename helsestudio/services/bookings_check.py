"""What a booking request must satisfy before anyone looks at priorities: its shape,
platform capacity (R7), opening hours and closed days (R9). Writes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy.orm import Session

from helsestudio.models import Booking
from helsestudio.services.bookings_rules import platform_that_fits
from helsestudio.services.errors import InvalidInput, RuleViolation
from helsestudio.services.studio_policy import Policy, closed_reason, load_policy
from helsestudio.services.timeutil import format_time, oslo_date, oslo_datetime


@dataclass(frozen=True)
class BookingRequest:
    title: str
    category: str
    start: datetime  # aware
    end: datetime  # aware
    participants: int | None = None
    platform: str = "ingen"
    assist: bool = False
    organizer_name: str = ""
    organizer_unit: str = ""
    organizer_contact: str = ""
    notes: str = ""
    received_at: datetime | None = None
    uid: str | None = None  # keep an imported iCalendar UID
    override_hours: bool = False  # R9: the studio lead books outside opening hours / closed day
    series_id: int | None = None
    occurrence_date: date | None = None

    @classmethod
    def of(cls, b: Booking, **changes: object) -> BookingRequest:
        """The request a stored booking stands for (to re-check it on confirm or move)."""
        req = cls(title=b.title, category=b.category_code, start=b.start, end=b.end,
                  participants=b.participants, platform=b.platform_code,
                  received_at=b.received_at, override_hours=b.hours_override)
        return replace(req, **changes)  # type: ignore[arg-type]


MAX_PARTICIPANTS = 100_000  # more than any platform or hall; beyond it a number is a typo


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # \t \n \r allowed


def _has_control(text: str, allowed: str = "") -> bool:
    # A regex, not a loop over characters: an import checks thousands of texts (issue 6).
    if allowed == "\n\r\t":
        return _CONTROL_BUT_LINES.search(text) is not None
    if not allowed:
        return _CONTROL.search(text) is not None
    return any((ord(c) < 32 or ord(c) == 127) and c not in allowed for c in text)


def _check_texts(req: BookingRequest) -> None:
    """Texts end up in calendar files, PDFs and PostgreSQL (which refuses NUL): no control
    characters (the notes may have line breaks), and the one-line ones fit their columns."""
    # As stored: the title trimmed, the organiser's fields as given.
    for label, value in (("Tittelen", req.title.strip()), ("Arrangørens navn", req.organizer_name),
                         ("Arrangørens enhet", req.organizer_unit),
                         ("Arrangørens kontaktinfo", req.organizer_contact)):
        if len(value) > 200:
            raise InvalidInput(f"{label} kan være høyst 200 tegn")
        if _has_control(value):
            raise InvalidInput(f"{label} inneholder kontrolltegn (linjeskift eller tabulator): fjern dem")
    if _has_control(req.notes, allowed="\n\r\t"):
        raise InvalidInput("Merknaden inneholder kontrolltegn: fjern dem")


def _check_shape(req: BookingRequest, policy: Policy) -> None:
    if not req.title.strip():
        raise InvalidInput("Bookingen må ha en tittel")
    _check_texts(req)
    if req.category not in policy.category_names:
        raise InvalidInput(f"Ukjent kategori «{req.category}». Velg en av: "
                           f"{', '.join(policy.normal_order)}")
    if req.platform not in policy.capacities:
        raise InvalidInput(f"Ukjent plattform «{req.platform}». Velg en av: "
                           f"{', '.join(policy.capacities)}")
    if req.start.tzinfo is None or req.end.tzinfo is None:
        raise InvalidInput("Tidspunkt må ha tidssone")
    if req.end <= req.start:
        raise InvalidInput(f"Slutt ({format_time(req.end)}) må være etter start "
                           f"({format_time(req.start)})")
    if oslo_date(req.start) != oslo_date(req.end):
        raise InvalidInput("En booking må starte og slutte samme dag; del den opp i én per dag")
    if req.participants is not None and req.participants < 0:
        raise InvalidInput("Antall deltakere kan ikke være negativt")
    if req.participants is not None and req.participants > MAX_PARTICIPANTS:
        raise InvalidInput(f"Antall deltakere kan være høyst {MAX_PARTICIPANTS:,}".replace(",", " "))


def _check_platform(req: BookingRequest, policy: Policy) -> None:
    """R7: expected participants must fit the platform; name one that does."""
    capacity = policy.capacities[req.platform]
    if req.participants is None or capacity is None or req.participants <= capacity:
        return
    fits = platform_that_fits(policy, req.participants)
    hint = (f"Velg {policy.platform_names[fits]} (--platform {fits}), som har plass."
            if fits else "Ingen plattform har plass til så mange; del arrangementet opp.")
    raise RuleViolation("R7", f"{policy.platform_names[req.platform]} tar høyst {capacity} "
                        f"deltakere, men det er ventet {req.participants}. {hint}")


def _check_hours(session: Session, req: BookingRequest, policy: Policy) -> None:
    """R9: open days and opening hours, unless the studio lead overrode them."""
    if req.override_hours:
        return
    day = oslo_date(req.start)
    closed = closed_reason(session, day, policy)
    if closed:
        raise RuleViolation("R9", f"Studioet er stengt: {closed}. Velg en annen dag, eller be "
                            "faglig leder overstyre.")
    opens = oslo_datetime(day, policy.opening_start)
    closes = oslo_datetime(day, policy.opening_end)
    if req.start < opens or req.end > closes:
        raise RuleViolation("R9", f"Studioet er åpent {policy.opening_start:%H:%M}–"
                            f"{policy.opening_end:%H:%M}; {format_time(req.start)}–"
                            f"{format_time(req.end)} er utenfor åpningstiden. Velg en tid "
                            "innenfor, eller be faglig leder overstyre.")


def check_details(req: BookingRequest, policy: Policy) -> None:
    """The checks that do not depend on the day: shape and platform capacity (R7). An edit
    that keeps a booking's times uses this, so a later closure (R9) does not block it."""
    _check_shape(req, policy)
    _check_platform(req, policy)


def check_request(session: Session, req: BookingRequest, *, policy: Policy | None = None) -> None:
    """Raise InvalidInput / RuleViolation (R7, R9) if the request cannot be booked at all."""
    policy = policy or load_policy(session)
    _check_shape(req, policy)
    _check_platform(req, policy)
    _check_hours(session, req, policy)
