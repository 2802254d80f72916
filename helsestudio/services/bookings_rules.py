"""Pure booking rules: lead time (R2), who wins an overlap (R3), buffers (R4), platform fit (R7).

No database access here: these functions take plain values so they are easy to test at
their boundaries (the 28-day line, the buffer edge, the DST week).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from helsestudio.services.studio_policy import Policy
from helsestudio.services.timeutil import oslo_date

LEAD_DAYS = 28


def is_on_time(received_at: datetime, start: datetime) -> bool:
    """R2: received on or before the Oslo calendar day 28 days before the booking's date."""
    return oslo_date(received_at) <= oslo_date(start) - timedelta(days=LEAD_DAYS)


def lead_deadline(start: datetime) -> date:
    """The last Oslo date a request for `start` is on time (R2)."""
    return oslo_date(start) - timedelta(days=LEAD_DAYS)


def blocks(a_start: datetime, a_end: datetime, b_start: datetime, b_blocked_until: datetime,
           buffer: timedelta) -> bool:
    """R4: would a booking a_start–a_end clash with one holding [b_start, b_blocked_until)?

    The same test as PostgreSQL's exclusion constraint on [start, end + buffer), so Python
    and the database never disagree about what counts as a double booking.
    """
    return a_start < b_blocked_until and b_start < a_end + buffer


def truly_overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass(frozen=True)
class Contender:
    """What R3 needs to know about one side of an overlap."""

    id: int
    category: str
    received_at: datetime
    on_time: bool


def wins_over(new: Contender, held: Contender, policy: Policy) -> bool:
    """R3: an on-time request beats a confirmed booking of lower priority, of the same
    priority received later, or one that was itself a late request."""
    if not new.on_time:
        return False
    if not held.on_time:
        return True
    new_rank, held_rank = policy.rank(new.category), policy.rank(held.category)
    if new_rank != held_rank:
        return new_rank < held_rank
    return held.received_at > new.received_at


def platform_that_fits(policy: Policy, participants: int) -> str | None:
    """R7: the first platform (in the studio's order) that takes `participants`; None if none."""
    for code, capacity in policy.capacities.items():
        if code != "ingen" and (capacity is None or capacity >= participants):
            return code
    return None
