"""Optimistic locking: refuse a save made from a stale copy, naming who changed it and when.

Every editable object carries a `version` that each save bumps. A view remembers the version it
showed; the service locks the row and compares. When the version moved on, the person at the
keyboard must choose (reload, overwrite or cancel): a silent overwrite of a colleague's change
is exactly what this prevents. The message names who and when, from the row's own
`updated_by`/`updated_at` (bookings) or else from the audit log, which every service writes in
the same transaction as the change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import AuditEntry
from helsestudio.services.errors import ConcurrentEdit
from helsestudio.services.timeutil import format_date_nb, format_time, oslo_date


def last_change(session: Session, entity: str, entity_id: object) -> tuple[str, datetime] | None:
    """Who made the newest audited change to an object, and when (None if nothing is logged)."""
    found = session.execute(
        select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return (found[0], found[1]) if found else None


def stale_message(what: str, *, who: str | None, when: datetime | None, actor: str,
                  current_version: int, it: str = "den") -> str:
    """«Booking #7 er endret av kari kl. 09:14 (22. november 2026) etter at du åpnet den …»."""
    by = f"av {who}" if who else "av en annen bruker"
    at = f" kl. {format_time(when)} ({format_date_nb(oslo_date(when))})" if when else ""
    # The same login on two PCs (or in two windows): say so, or the message looks absurd.
    where = " i et annet vindu eller på en annen PC," if who and who == actor else ""
    return (f"{what} er endret {by}{at}{where} etter at du åpnet {it} "
            f"(nå versjon {current_version}): last inn på nytt, overskriv eller avbryt")


def refuse_stale(what: str, *, found: int, expected: int | None, actor: str,
                 who: str | None = None, when: datetime | None = None, it: str = "den") -> None:
    """Raise ConcurrentEdit if the stored version `found` is not the `expected` one.

    `expected` None means the caller did not read the object first (a command-line action
    without --expect-version): nothing to compare.
    """
    if expected is None or found == expected:
        return
    raise ConcurrentEdit(stale_message(what, who=who, when=when, actor=actor,
                                       current_version=found, it=it),
                         changed_by=who, changed_at=when, current_version=found)


def refuse_stale_audited(session: Session, what: str, *, entity: str, entity_id: object,
                         found: int, expected: int | None, actor: str, it: str = "den") -> None:
    """As `refuse_stale`, for objects without updated_by/updated_at: who/when from the audit log."""
    if expected is None or found == expected:
        return
    who, when = last_change(session, entity, entity_id) or (None, None)
    refuse_stale(what, found=found, expected=expected, actor=actor, who=who, when=when, it=it)
