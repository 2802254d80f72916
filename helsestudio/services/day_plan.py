"""The day plan for the superuser on duty: the day's bookings, platforms, participants,
who assists (R8), and warnings (unassigned assistance, pending conflicts R3, displaced)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from helsestudio.models import BookingState
from helsestudio.services.studio_policy import CrisisInfo, active_crisis, closed_reason
from helsestudio.services.studio_queries import (
    BookingRow,
    booking_to_json,
    bookings_between,
    with_pending_conflicts,
)
from helsestudio.services.timeutil import format_time

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

SHOWN = (BookingState.CONFIRMED.value, BookingState.REQUESTED.value)


@dataclass(frozen=True)
class DayPlan:
    day: date
    bookings: list[BookingRow]  # confirmed and requested, ordered by start
    warnings: list[str]
    crisis: CrisisInfo | None
    closed: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "bookings": [booking_to_json(r) for r in self.bookings],
            "warnings": self.warnings,
            "crisis": self.crisis.to_json() if self.crisis else None,
            "closed": self.closed,
        }


def _when(row: BookingRow) -> str:
    return f"{format_time(row.start)}–{format_time(row.end)} «{row.title}»"


def warnings_for(rows: list[BookingRow], everything: list[BookingRow]) -> list[str]:
    warnings: list[str] = []
    for row in rows:
        if row.assist_requested and row.assigned_to is None:
            warnings.append(f"R8: {_when(row)} har bedt om teknisk assistanse, men ingen er tildelt")
        if row.state == BookingState.REQUESTED:
            note = " (i tide)" if row.on_time else " (sen forespørsel)"
            warnings.append(f"{_when(row)} venter fortsatt på bekreftelse{note}")
        if row.pending_conflicts:
            ids = ", ".join(str(i) for i in row.pending_conflicts)
            warnings.append(f"R3: {_when(row)} er i konflikt med ventende booking {ids}")
    for row in everything:
        if row.state == BookingState.DISPLACED:
            warnings.append(f"R3: {_when(row)} er fortrengt – gi arrangøren beskjed om ny tid "
                            f"({row.organizer or 'ukjent arrangør'})")
    return warnings


def build_day_plan(ctx: AppContext, day: date) -> DayPlan:
    with ctx.db.read() as session:
        everything = with_pending_conflicts(bookings_between(session, day, day))
        crisis = active_crisis(session)
        closed = closed_reason(session, day)
    rows = [r for r in everything if r.state in SHOWN]
    warnings = warnings_for(rows, everything)
    if crisis is not None:
        warnings.insert(0, f"R6: Krisemodus er på ({crisis.reason})")
    return DayPlan(day, rows, warnings, crisis, closed)
