"""Why a confirm is refused, told so a superuser understands it and knows what to do.

The rule id names the reason that decided: R3 when a confirmed booking has higher priority,
R4 when an equal-priority booking was there first (also the loser of a race between two PCs)
or the clash is only the rigging buffer, R2 when a late request overlaps a confirmed booking
of another priority (late requests only go into free time).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from helsestudio.models import Booking
from helsestudio.services.bookings_rules import (
    Contender,
    is_on_time,
    lead_deadline,
    truly_overlaps,
    wins_over,
)
from helsestudio.services.bookings_slots import format_slots, free_slots
from helsestudio.services.errors import RuleViolation
from helsestudio.services.studio_policy import Policy
from helsestudio.services.timeutil import format_date_nb, format_time, oslo_date


def describe(b: Booking) -> str:
    return (f"«{b.title}» (booking {b.id}, {format_date_nb(oslo_date(b.start))} "
            f"{format_time(b.start)}–{format_time(b.end)}, {b.state})")


def _suggest(session: Session, booking: Booking, policy: Policy) -> str:
    slots = free_slots(session, booking.end - booking.start, booking.start, count=3,
                       exclude=(booking.id,), policy=policy)
    return f" Ledige tider med samme lengde: {format_slots(slots)}." if slots else ""


def _priority(policy: Policy, category: str) -> str:
    return f"{policy.category_names[category]}, prioritet {policy.rank(category) + 1}"


def confirm_refusal(session: Session, booking: Booking, me: Contender, held: list[Booking],
                    policy: Policy) -> RuleViolation:
    contenders = {h.id: Contender(h.id, h.category_code, h.received_at,
                                  is_on_time(h.received_at, h.start)) for h in held}
    unbeaten = [h for h in held if not wins_over(me, contenders[h.id], policy)]
    overlapping = [h for h in unbeaten
                   if truly_overlaps(booking.start, booking.end, h.start, h.end)]
    hint = _suggest(session, booking, policy)
    if not overlapping:  # only the rigging buffer stands in the way
        minutes = policy.buffer.seconds // 60
        return RuleViolation(
            "R4", f"Det må være minst {minutes} minutters riggetid mellom bookinger, og "
            f"{format_time(booking.start)}–{format_time(booking.end)} kommer for tett på "
            f"{describe(unbeaten[0])}.{hint}")
    mine = policy.rank(me.category)
    higher = [h for h in overlapping if policy.rank(h.category_code) < mine]
    same = [h for h in overlapping if policy.rank(h.category_code) == mine]
    crisis = f" (krisemodus: {policy.crisis.reason})" if policy.crisis else ""
    if same and not higher:
        # First come: an equal-priority booking already holds the time. This is also what
        # the loser of two PCs confirming at the same instant is told.
        other = same[0]
        first = (f" og ble mottatt først ({format_date_nb(oslo_date(other.received_at))} kl. "
                 f"{format_time(other.received_at)})" if other.received_at <= me.received_at
                 else "")
        late = "" if me.on_time else " Forespørselen kom dessuten for sent til å fortrenge noe (R2)."
        return RuleViolation(
            "R4", f"Tiden er allerede bekreftet for {describe(other)}, som har samme prioritet "
            f"({_priority(policy, other.category_code)}){crisis}{first}; studioet kan ikke "
            f"dobbeltbookes.{late}{hint}")
    if higher and me.on_time:
        other = higher[0]
        return RuleViolation(
            "R3", f"Kan ikke bekreftes: {describe(other)} har høyere prioritet "
            f"({_priority(policy, other.category_code)}) enn denne "
            f"({_priority(policy, me.category)}){crisis}. Ingenting er endret.{hint}")
    return RuleViolation(
        "R2", f"Forespørselen kom for sent: mottatt {format_date_nb(oslo_date(me.received_at))}, "
        f"men fristen for {format_date_nb(oslo_date(booking.start))} var "
        f"{format_date_nb(lead_deadline(booking.start))} (fire uker før). En sen forespørsel "
        f"kan bare bekreftes i ledig tid og fortrenger ingenting, og {describe(overlapping[0])} "
        f"er bekreftet da.{hint}")


def late_pending_refusal(booking: Booking, wanted: Booking) -> RuleViolation:
    return RuleViolation(
        "R2", f"Forespørselen kom for sent (fristen var "
        f"{format_date_nb(lead_deadline(booking.start))}) og kan bare bekreftes i ledig tid, men "
        f"{describe(wanted)} er en forespørsel i tide som venter på den samme tiden. "
        "Behandle den først, eller velg en annen tid.")
