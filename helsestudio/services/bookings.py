"""Studio 2037 bookings: request, confirm (R2, R3, R4, R6), decline, cancel, assign (R8), move,
edit (title, times, participants, platform).

Every service owns its transaction; `*_in` variants work inside a caller's. The booking row
is locked (SELECT … FOR UPDATE) before any rule is checked. Every change bumps `version`
(so a view can tell its copy is stale: every action takes the `expected_version` the view
showed and refuses with ConcurrentEdit naming who changed it and when) and `sequence` (iCalendar SEQUENCE) and is audited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from helsestudio.models import Booking, BookingState, User, utcnow
from helsestudio.services import audit
from helsestudio.services.auth import Permission, can, find_user, require
from helsestudio.services.bookings_check import BookingRequest, check_details, check_request
from helsestudio.services.bookings_refusal import confirm_refusal, describe, late_pending_refusal
from helsestudio.services.bookings_rules import Contender, blocks, is_on_time, wins_over
from helsestudio.services.bookings_slots import Slot, free_slots
from helsestudio.services.edit_conflicts import refuse_stale
from helsestudio.services.errors import (
    DatabaseUnavailable,
    InvalidInput,
    NotFound,
    RuleViolation,
)
from helsestudio.services.studio_policy import Policy, load_policy
from helsestudio.services.studio_queries import (
    BookingRow,
    booking_row,
    booking_to_json,
    bookings_between,
    get_booking,
    with_pending_conflicts,
)

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

__all__ = [
    "BookingRequest", "ConfirmResult", "HistoryEntry", "Slot", "assign_assistance",
    "assign_assistance_in", "booking_history", "cancel_booking", "cancel_booking_in",
    "check_request", "confirm_booking", "confirm_booking_in", "decline_booking", "edit_booking",
    "edit_booking_in", "free_slots",
    "is_on_time", "list_bookings", "move_booking", "move_booking_in", "r4_guard",
    "request_booking", "request_booking_in", "show_booking",
]

T = TypeVar("T")
AUDITED = ("state", "start", "end", "state_reason", "assist_user_id", "displaced_by_id")
EDITED = (*AUDITED, "title", "participants", "platform_code")
RETRIES = 5
RETRYABLE = ("23P01", "40P01", "40001")  # exclusion lost, deadlock, serialisation failure


@dataclass(frozen=True)
class ConfirmResult:
    booking: BookingRow
    displaced: list[int]
    suggestions: list[Slot]
    # Suggestions for every displaced booking, when one confirm displaced several.
    suggestions_by_booking: dict[int, list[Slot]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"booking": booking_to_json(self.booking), "displaced": self.displaced,
                "suggestions": [s.to_json() for s in self.suggestions]}


# --- transactions and the database's own R4 guard ---------------------------------------

def _sqlstate(exc: BaseException) -> str | None:
    # Deadlocks arrive as OperationalError, which Database turns into DatabaseUnavailable:
    # look through to the driver error either way.
    orig = getattr(exc, "orig", None) or getattr(exc.__cause__, "orig", None)
    return getattr(orig, "sqlstate", None)


@contextmanager
def r4_guard() -> Iterator[None]:
    """PostgreSQL's exclusion constraint (23P01) refused a double booking: report R4."""
    try:
        yield
    except DBAPIError as exc:
        if _sqlstate(exc) == "23P01":
            raise RuleViolation(
                "R4", "En annen bekreftet booking overlapper (eller ligger innenfor riggetiden) – "
                "trolig bekreftet fra en annen PC i samme øyeblikk. Oppdater kalenderen og velg "
                "en annen tid.") from exc
        raise


def _write(ctx: AppContext, work: Callable[[Session], T]) -> T:
    """Run `work` in a write transaction. When another PC won a race (PostgreSQL's exclusion
    constraint, 23P01) or the server broke a deadlock (40P01, 40001), run it again: the retry
    sees the winner's committed booking, so the rules (R3 priority, R4) decide, not timing."""
    for attempt in range(RETRIES):
        try:
            with r4_guard() if attempt == RETRIES - 1 else nullcontext(), \
                    ctx.db.write() as session:
                return work(session)
        except (DBAPIError, DatabaseUnavailable) as exc:
            if _sqlstate(exc) not in RETRYABLE:
                raise
            if attempt == RETRIES - 1:
                raise RuleViolation("R4", "Databasen var opptatt med samtidige endringer fra "
                                    "andre PC-er; prøv igjen.") from exc
    raise AssertionError("unreachable")


def _locked(session: Session, booking_id: int, expected_version: int | None = None, *,
            actor: str = "") -> Booking:
    """The booking, locked for this transaction. With `expected_version` (what a view showed),
    a booking someone else changed meanwhile is refused instead of silently overwritten."""
    booking = session.get(Booking, booking_id, with_for_update=True)
    if booking is None:
        raise NotFound(f"Fant ingen booking med nummer {booking_id}")
    refuse_stale(f"Booking #{booking_id} «{booking.title}»", found=booking.version,
                 expected=expected_version, actor=actor, who=booking.updated_by,
                 when=booking.updated_at)
    return booking


def _touch(booking: Booking, actor: str) -> None:
    booking.version += 1
    booking.sequence += 1
    booking.updated_by = actor
    booking.updated_at = utcnow()


def _require_state(booking: Booking, allowed: tuple[BookingState, ...], doing: str) -> None:
    if booking.state not in allowed:
        names = " eller ".join(s.value for s in allowed)
        raise RuleViolation("STATE", f"Booking {booking.id} er {booking.state}; bare {names} "
                            f"bookinger kan {doing}")


def _contender(b: Booking) -> Contender:
    return Contender(b.id, b.category_code, b.received_at, is_on_time(b.received_at, b.start))


def _confirmed_blocking(session: Session, start: datetime, end: datetime, policy: Policy,
                        exclude: int, room_id: int) -> list[Booking]:
    """Confirmed bookings the range would clash with (R4), locked for this transaction."""
    stmt = (select(Booking).where(
        Booking.room_id == room_id, Booking.state == BookingState.CONFIRMED.value,
        Booking.id != exclude,
        # A lower bound on start lets the (room_id, start) index do the work.
        Booking.start > start - timedelta(days=1), Booking.start < end + policy.buffer,
    ).order_by(Booking.id).with_for_update())
    return [b for b in session.scalars(stmt)
            if blocks(start, end, b.start, b.blocked_until or b.end + policy.buffer, policy.buffer)]


def _pending_on_time_blocking(session: Session, booking: Booking, policy: Policy) -> list[Booking]:
    stmt = select(Booking).where(
        Booking.room_id == booking.room_id, Booking.state == BookingState.REQUESTED.value,
        Booking.id != booking.id, Booking.start > booking.start - timedelta(days=1),
        Booking.start < booking.end + policy.buffer,
    ).order_by(Booking.received_at)
    return [b for b in session.scalars(stmt)
            if is_on_time(b.received_at, b.start)
            and blocks(booking.start, booking.end, b.start, b.end + policy.buffer, policy.buffer)]


# --- request ----------------------------------------------------------------------------

def request_booking(ctx: AppContext, req: BookingRequest) -> BookingRow:
    with ctx.db.write() as session:
        booking = request_booking_in(session, ctx.username, req)
        return get_booking(session, booking.id)


def request_booking_in(session: Session, actor: str, req: BookingRequest) -> Booking:
    """Register a request (state forespurt). Overlaps are allowed: R3 decides on confirm."""
    require(session, actor, Permission.REQUEST_BOOKING)
    if req.override_hours:
        require(session, actor, Permission.STUDIO_POLICY)
    check_request(session, req)
    uid = req.uid or f"{uuid4()}@helsestudio"
    if session.scalar(select(Booking.id).where(Booking.uid == uid)) is not None:
        raise InvalidInput(f"Det finnes allerede en booking med kalender-UID {uid}")
    booking = Booking(
        room_id=1, title=req.title.strip(), category_code=req.category, start=req.start,
        end=req.end, state=BookingState.REQUESTED.value, participants=req.participants,
        platform_code=req.platform, assist_requested=req.assist, hours_override=req.override_hours,
        organizer_name=req.organizer_name, organizer_unit=req.organizer_unit,
        organizer_contact=req.organizer_contact, notes=req.notes,
        received_at=req.received_at or utcnow(), uid=uid, created_by=actor, updated_by=actor,
        series_id=req.series_id, occurrence_date=req.occurrence_date,
    )
    session.add(booking)
    session.flush()
    audit.record(session, actor=actor, action="booking.request", entity="booking",
                 entity_id=booking.id, after=audit.snapshot(booking, ("title", "category_code",
                 "start", "end", "received_at", "participants", "platform_code")))
    return booking


# --- confirm ----------------------------------------------------------------------------

def confirm_booking(ctx: AppContext, booking_id: int, *,
                    expected_version: int | None = None) -> ConfirmResult:
    return _write(ctx, lambda s: confirm_booking_in(s, ctx.username, booking_id,
                                                    expected_version=expected_version))


def confirm_booking_in(session: Session, actor: str, booking_id: int, *,
                       expected_version: int | None = None) -> ConfirmResult:
    """Apply the rules in order and confirm, displacing what R3 allows, or refuse."""
    require(session, actor, Permission.MANAGE_BOOKINGS)
    policy = load_policy(session)
    booking = _locked(session, booking_id, expected_version, actor=actor)
    _require_state(booking, (BookingState.REQUESTED,), "bekreftes")
    check_request(session, BookingRequest.of(booking), policy=policy)  # R7, R9 may have changed
    me = _contender(booking)
    held = _confirmed_blocking(session, booking.start, booking.end, policy, booking.id,
                               booking.room_id)
    if any(not wins_over(me, _contender(h), policy) for h in held):
        raise confirm_refusal(session, booking, me, held, policy)
    if not me.on_time:
        wanted = _pending_on_time_blocking(session, booking, policy)
        if wanted:
            raise late_pending_refusal(booking, wanted[0])
    for other in held:  # R3: displaced, never deleted
        before = audit.snapshot(other, AUDITED)
        other.state = BookingState.DISPLACED.value
        other.state_reason = (f"Fortrengt av «{booking.title}» (booking {booking.id}, "
                              f"{policy.category_names[booking.category_code]}) etter prioritering")
        other.displaced_by_id = booking.id
        other.blocked_until = None
        _touch(other, actor)
        audit.record(session, actor=actor, action="booking.displace", entity="booking",
                     entity_id=other.id, before=before, after=audit.snapshot(other, AUDITED),
                     reason=other.state_reason)
    if held:
        # Displacements reach the database before the confirmation, so PostgreSQL's
        # exclusion constraint never sees both confirmed at once.
        session.flush()
    before = audit.snapshot(booking, AUDITED)
    booking.state = BookingState.CONFIRMED.value
    booking.blocked_until = booking.end + policy.buffer
    booking.state_reason = ""
    _touch(booking, actor)
    audit.record(session, actor=actor, action="booking.confirm", entity="booking",
                 entity_id=booking.id, before=before, after=audit.snapshot(booking, AUDITED),
                 reason=f"crisis:{policy.crisis.reason}" if policy.crisis else "")
    by_booking = {
        other.id: free_slots(session, other.end - other.start, other.start, policy=policy)
        for other in held
    }
    first = by_booking[held[0].id] if held else []
    return ConfirmResult(_row_of(session, booking, policy), [h.id for h in held], first,
                         by_booking)


def _row_of(session: Session, booking: Booking, policy: Policy) -> BookingRow:
    """The read model of a booking just written, without querying it back."""
    helper = session.get(User, booking.assist_user_id) if booking.assist_user_id else None
    return booking_row(booking, policy.category_names[booking.category_code],
                       policy.category_colours[booking.category_code],
                       policy.platform_names[booking.platform_code],
                       helper.username if helper else None)


# --- decline, cancel, assign, move --------------------------------------------------------

def _change_state_in(session: Session, actor: str, booking_id: int, reason: str,
                     new: BookingState, allowed: tuple[BookingState, ...], doing: str,
                     action: str, expected_version: int | None = None) -> BookingRow:
    if not reason.strip():
        raise InvalidInput(f"Oppgi en grunn (--reason) når en booking skal {doing}")
    require(session, actor, Permission.MANAGE_BOOKINGS)
    booking = _locked(session, booking_id, expected_version, actor=actor)
    _require_state(booking, allowed, doing)
    before = audit.snapshot(booking, AUDITED)
    booking.state = new.value
    booking.state_reason = reason.strip()
    booking.blocked_until = None
    _touch(booking, actor)
    audit.record(session, actor=actor, action=action, entity="booking", entity_id=booking.id,
                 before=before, after=audit.snapshot(booking, AUDITED), reason=reason.strip())
    session.flush()
    return get_booking(session, booking.id)


DECLINE = (BookingState.DECLINED, (BookingState.REQUESTED,), "avslås", "booking.decline")
CANCEL = (BookingState.CANCELLED,
          (BookingState.REQUESTED, BookingState.CONFIRMED, BookingState.DISPLACED),
          "avlyses", "booking.cancel")


def decline_booking(ctx: AppContext, booking_id: int, reason: str, *,
                    expected_version: int | None = None) -> BookingRow:
    return _write(ctx, lambda s: _change_state_in(s, ctx.username, booking_id, reason, *DECLINE,
                                                  expected_version=expected_version))


def cancel_booking(ctx: AppContext, booking_id: int, reason: str, *,
                   expected_version: int | None = None) -> BookingRow:
    return _write(ctx, lambda s: cancel_booking_in(s, ctx.username, booking_id, reason,
                                                   expected_version=expected_version))


def cancel_booking_in(session: Session, actor: str, booking_id: int, reason: str, *,
                      expected_version: int | None = None) -> BookingRow:
    return _change_state_in(session, actor, booking_id, reason, *CANCEL,
                            expected_version=expected_version)


def assign_assistance(ctx: AppContext, booking_id: int, username: str, *,
                      expected_version: int | None = None) -> BookingRow:
    return _write(ctx, lambda s: assign_assistance_in(s, ctx.username, booking_id, username,
                                                      expected_version=expected_version))


def assign_assistance_in(session: Session, actor: str, booking_id: int, username: str, *,
                         expected_version: int | None = None) -> BookingRow:
    """R8: a superuser is assigned as technical assistant (asking for assistance if not yet)."""
    require(session, actor, Permission.MANAGE_BOOKINGS)
    booking = _locked(session, booking_id, expected_version, actor=actor)
    _require_state(booking, (BookingState.REQUESTED, BookingState.CONFIRMED), "få assistanse")
    helper = find_user(session, username.strip())
    if helper is None or not can(helper, Permission.MANAGE_BOOKINGS):
        raise RuleViolation("R8", f"«{username}» er ikke en aktiv superbruker og kan ikke gi "
                            "teknisk assistanse. Velg en superbruker.")
    fields = (*AUDITED, "assist_requested")
    before = audit.snapshot(booking, fields)
    booking.assist_requested = True
    booking.assist_user_id = helper.id
    _touch(booking, actor)
    audit.record(session, actor=actor, action="booking.assign", entity="booking",
                 entity_id=booking.id, before=before, after=audit.snapshot(booking, fields))
    session.flush()
    return get_booking(session, booking.id)


EDITABLE = (BookingState.REQUESTED, BookingState.CONFIRMED, BookingState.DISPLACED)


def _place(session: Session, booking: Booking, start: datetime, end: datetime,
           policy: Policy) -> None:
    """Give the booking new times (move and edit share this). The whole request is checked
    again (R7, R9); a confirmed booking, or a displaced one put back into the calendar, must
    fit into free time (R4) and never displaces anything."""
    check_request(session, BookingRequest.of(booking, start=start, end=end), policy=policy)
    if booking.state != BookingState.REQUESTED:
        held = _confirmed_blocking(session, start, end, policy, booking.id, booking.room_id)
        if held:
            raise RuleViolation("R4", f"Den nye tiden kolliderer med {describe(held[0])} "
                                f"(med {policy.buffer.seconds // 60} minutters riggetid). "
                                "Velg en ledig tid.")
        if booking.state == BookingState.DISPLACED:
            # Back in the calendar: «Fortrengt av …» no longer describes it (the audit log
            # keeps the displacement), as confirming a request clears its reason too.
            booking.state_reason = ""
        booking.state = BookingState.CONFIRMED.value
        booking.displaced_by_id = None
        booking.blocked_until = end + policy.buffer
    booking.start, booking.end = start, end


def move_booking(ctx: AppContext, booking_id: int, start: datetime, end: datetime, *,
                 expected_version: int | None = None) -> BookingRow:
    return _write(ctx, lambda s: move_booking_in(s, ctx.username, booking_id, start, end,
                                                 expected_version=expected_version))


def move_booking_in(session: Session, actor: str, booking_id: int, start: datetime,
                    end: datetime, *, expected_version: int | None = None) -> BookingRow:
    """Move a booking. A request just gets new times; a confirmed booking, or a displaced one
    put back into the calendar, must fit into free time (R4) and never displaces anything."""
    require(session, actor, Permission.MANAGE_BOOKINGS)
    policy = load_policy(session)
    booking = _locked(session, booking_id, expected_version, actor=actor)
    _require_state(booking, EDITABLE, "flyttes")
    before = audit.snapshot(booking, AUDITED)
    _place(session, booking, start, end, policy)
    _touch(booking, actor)
    session.flush()
    audit.record(session, actor=actor, action="booking.move", entity="booking",
                 entity_id=booking.id, before=before, after=audit.snapshot(booking, AUDITED))
    return get_booking(session, booking.id)


def edit_booking(ctx: AppContext, booking_id: int, *, expected_version: int | None,
                 title: str | None = None, start: datetime | None = None,
                 end: datetime | None = None, participants: int | None = None,
                 platform: str | None = None) -> BookingRow:
    """Change what the superuser edited (None = leave as is), refusing a stale copy."""
    return _write(ctx, lambda s: edit_booking_in(
        s, ctx.username, booking_id, expected_version=expected_version, title=title, start=start,
        end=end, participants=participants, platform=platform))


def edit_booking_in(session: Session, actor: str, booking_id: int, *,
                    expected_version: int | None, title: str | None = None,
                    start: datetime | None = None, end: datetime | None = None,
                    participants: int | None = None, platform: str | None = None) -> BookingRow:
    """One edit, one new version, one audit entry with before and after.

    New times go through `_place`, exactly as a move (R4, R9); new participants or platform are
    checked against the platform's capacity (R7) with the booking's other values. Nothing that
    differs from what is stored means nothing is written (and the version stays).
    """
    if (start is None) != (end is None):
        raise InvalidInput("Oppgi både ny start og ny slutt (--start og --end)")
    if title is None and start is None and participants is None and platform is None:
        raise InvalidInput("Ingenting å endre: oppgi tittel, tid, deltakere eller plattform")
    require(session, actor, Permission.MANAGE_BOOKINGS)
    policy = load_policy(session)
    booking = _locked(session, booking_id, expected_version, actor=actor)
    _require_state(booking, EDITABLE, "endres")
    before = audit.snapshot(booking, EDITED)
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = title.strip()
    if participants is not None:
        changes["participants"] = participants
    if platform is not None:
        changes["platform"] = platform.strip().lower()
    wanted = BookingRequest.of(booking, **changes)
    moved = start is not None and end is not None and (start, end) != (booking.start, booking.end)
    # Unchanged times are not checked against opening hours again (R9): a day closed after
    # the booking was made must not block correcting its title.
    check_details(wanted, policy)
    booking.title, booking.participants = wanted.title, wanted.participants
    booking.platform_code = wanted.platform
    if moved:
        assert start is not None and end is not None
        _place(session, booking, start, end, policy)
    after = audit.snapshot(booking, EDITED)
    if after == before:
        return _row_of(session, booking, policy)
    _touch(booking, actor)
    session.flush()
    audit.record(session, actor=actor, action="booking.edit", entity="booking",
                 entity_id=booking.id, before=before, after=after)
    return get_booking(session, booking.id)


# --- reading ----------------------------------------------------------------------------

def show_booking(ctx: AppContext, booking_id: int) -> BookingRow:
    with ctx.db.read() as session:
        return get_booking(session, booking_id)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    reason: str
    changes: dict[str, Any]


def booking_history(ctx: AppContext, booking_id: int) -> list[HistoryEntry]:
    """Every change to a booking with who, when and why (from the audit log)."""
    with ctx.db.read() as session:
        get_booking(session, booking_id)
        return [HistoryEntry(e.at, e.actor, e.action, e.reason, e.after or {})
                for e in audit.history(session, "booking", booking_id)]


def list_bookings(ctx: AppContext, first: date, last: date,
                  state: str | None = None) -> list[BookingRow]:
    if last < first:
        raise InvalidInput("--to kan ikke være før --from")
    with ctx.db.read() as session:
        return with_pending_conflicts(bookings_between(session, first, last, state=state))
