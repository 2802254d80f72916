"""Importing calendar files as booking requests (issue 6, «Import»): all or nothing.

The file is read by `ics_parse` (no database); here each candidate meets the
booking rules exactly as a typed-in request does (`bookings.check_request`,
then `request_booking_in`), all inside ONE transaction, so a failure anywhere
writes nothing. A dry run (and the UI preview) runs the same checks in a read
transaction and also reports on-time status (R2) and conflicts with confirmed
bookings (R3/R4) for each request.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from helsestudio.models import AuditEntry, Booking, BookingState, utcnow
from helsestudio.services.auth import Permission, require
from helsestudio.services.bookings import BookingRequest, check_request, request_booking_in
from helsestudio.services.bookings_rules import blocks, is_on_time
from helsestudio.services.errors import ConcurrentEdit, InvalidInput, RuleViolation
from helsestudio.services.ics_parse import (
    DEFAULT_CATEGORIES,
    Candidate,
    ParseOptions,
    Skipped,
    parse_ics,
)
from helsestudio.services.studio_policy import Policy, closed_days_between, load_policy
from helsestudio.services.timeutil import day_bounds_utc, format_time, oslo_date

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

ALREADY_IMPORTED = "allerede importert"
_CHUNK = 500  # IN-lists stay well below SQLite's parameter limit


@dataclass(frozen=True)
class PreviewRow:
    """One request the import creates (or would create), with what the studio will want to know."""

    candidate: Candidate
    on_time: bool  # R2, measured from now (when the request reaches the studio)
    conflicts: tuple[str, ...]  # confirmed bookings it overlaps (R4 incl. rigging buffer)


@dataclass
class ImportResult:
    occurrences: int
    skipped: list[Skipped]
    problems: list[str]
    rows: list[PreviewRow] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    dry_run: bool = False

    @property
    def requests(self) -> int:
        return len(self.rows)

    def to_json(self) -> dict[str, Any]:
        """Exactly the shape issue 6 prescribes."""
        return {"occurrences": self.occurrences, "requests": self.requests,
                "skipped": [s.to_json() for s in self.skipped], "problems": list(self.problems)}


def default_window(today: date | None = None) -> tuple[date, date]:
    """Today and the same day twelve months on (the issue's default window)."""
    first = today or oslo_date(utcnow())
    try:
        last = first.replace(year=first.year + 1)
    except ValueError:  # 29 February
        last = first.replace(year=first.year + 1, day=28)
    return first, last


def read_file(path: str | Path) -> bytes:
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"Fant ikke filen {p}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{p} er en mappe, ikke en kalenderfil") from None
    except OSError as exc:
        raise InvalidInput(f"Kan ikke lese {p}: {exc.strerror}") from None


def import_ics(ctx: AppContext, data: bytes, first: date | None = None, last: date | None = None,
               *, dry_run: bool = False) -> ImportResult:
    if dry_run:
        with ctx.db.read() as session:
            return import_ics_in(session, ctx.username, data, first, last, dry_run=True)
    with ctx.db.write() as session:
        return import_ics_in(session, ctx.username, data, first, last)


def preview_import(ctx: AppContext, data: bytes, first: date | None = None,
                   last: date | None = None) -> ImportResult:
    """What an import would create, without writing anything (the UI's preview)."""
    return import_ics(ctx, data, first, last, dry_run=True)


def import_ics_in(session: Session, actor: str, data: bytes, first: date | None = None,
                  last: date | None = None, *, dry_run: bool = False) -> ImportResult:
    require(session, actor, Permission.REQUEST_BOOKING)
    # Without --to the window runs twelve months from --from (or from today).
    first = first or default_window()[0]
    last = last or default_window(first)[1]
    if last < first:
        raise InvalidInput("Til-datoen er før fra-datoen: snu dem")
    policy = load_policy(session)
    parsed = parse_ics(data, _options(session, policy, first, last))
    result = ImportResult(parsed.occurrences, parsed.skipped, parsed.problems, dry_run=dry_run)
    existing = _existing_uids(session, [c.uid for c in parsed.candidates])
    confirmed = _confirmed_in(session, first, last)
    starts = [held[2] for held in confirmed]
    received = utcnow()
    accepted: list[tuple[BookingRequest, PreviewRow]] = []
    for cand in parsed.candidates:
        req = _request(cand, received)
        reason = ALREADY_IMPORTED if cand.uid in existing else _refusal(session, req, policy)
        if reason is not None:
            result.skipped.append(Skipped(cand.source_uid, cand.start.isoformat(), reason))
            continue
        conflicts = _conflicts(confirmed, starts, cand, policy.buffer)
        accepted.append((req, PreviewRow(cand, is_on_time(received, cand.start), conflicts)))
    result.rows = [row for _, row in accepted]
    if not dry_run:
        result.created_ids = create_requests_in(session, actor, [req for req, _ in accepted])
    return result


# What `bookings.request_booking_in` audits for a new request (test_ics_import pins the parity).
_AUDITED = ("title", "category_code", "start", "end", "received_at", "participants", "platform_code")


def create_requests_in(session: Session, actor: str, reqs: list[BookingRequest]) -> list[int]:
    """Store already-checked requests as `bookings.request_booking_in` does, in two statements.

    request_booking_in costs ≈ 2 ms a request (it reloads the policy, the user and the UID
    for each one), so a 10,000-event import took 25 s. The rows and audit entries written
    here are the same (pinned by test_import_rows_and_audit_match_request_booking_in); the
    checks were made by the caller with one policy. A single request goes the ordinary way.
    """
    if not reqs:
        return []
    if len(reqs) == 1:
        return [request_booking_in(session, actor, reqs[0]).id]
    now = utcnow()
    rows = [{
        "room_id": 1, "title": req.title.strip(), "category_code": req.category,
        "start": req.start, "end": req.end, "state": BookingState.REQUESTED.value,
        "participants": req.participants, "platform_code": req.platform,
        "assist_requested": req.assist, "hours_override": req.override_hours,
        "organizer_name": req.organizer_name, "organizer_unit": req.organizer_unit,
        "organizer_contact": req.organizer_contact, "notes": req.notes,
        "received_at": req.received_at or now, "uid": req.uid, "created_by": actor,
        "updated_by": actor, "series_id": req.series_id, "occurrence_date": req.occurrence_date,
    } for req in reqs]
    stmt = insert(Booking).returning(Booking.id, sort_by_parameter_order=True)
    try:
        ids = list(session.scalars(stmt, rows))
    except IntegrityError:
        # Another PC stored one of these UIDs since the check above; the caller's
        # transaction rolls back, so nothing of this import is kept.
        raise ConcurrentEdit("Noen andre lagret en av disse kalenderhendelsene samtidig: "
                             "ingenting er importert. Prøv importen igjen.") from None
    session.execute(insert(AuditEntry), [{
        "actor": actor, "action": "booking.request", "entity": "booking", "entity_id": str(bid),
        "before": None, "reason": "",
        "after": {key: _jsonable(row[key]) for key in _AUDITED},
    } for bid, row in zip(ids, rows, strict=True)])
    return ids


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def _options(session: Session, policy: Policy, first: date, last: date) -> ParseOptions:
    categories = {k: v for k, v in DEFAULT_CATEGORIES.items() if v in policy.category_names}
    categories.update({code.lower(): code for code in policy.category_names})
    categories.update({name.lower(): code for code, name in policy.category_names.items()})
    return ParseOptions(first, last, (policy.opening_start, policy.opening_end), categories,
                        frozenset(closed_days_between(session, first, last)))


def _request(cand: Candidate, received: datetime) -> BookingRequest:
    return BookingRequest(
        title=cand.title, category=cand.category, start=cand.start, end=cand.end,
        platform=cand.platform, organizer_name=cand.organizer_name,
        organizer_contact=cand.organizer_contact, notes=cand.notes, received_at=received,
        uid=cand.uid,
    )


def _refusal(session: Session, req: BookingRequest, policy: Policy) -> str | None:
    """The booking rules' refusal of this request (shape, R7), as the skip reason.

    R9 (opening hours, weekends, holidays, closures) was applied by the parser with the same
    policy and closure list; re-checking it here would cost one closure query per request.
    """
    try:
        check_request(session, replace(req, override_hours=True), policy=policy)
    except (InvalidInput, RuleViolation) as exc:
        return exc.message
    return None


def _existing_uids(session: Session, uids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(uids), _CHUNK):
        found.update(session.scalars(select(Booking.uid).where(Booking.uid.in_(uids[i:i + _CHUNK]))))
    return found


_Held = tuple[int, str, datetime, datetime, datetime]  # id, title, start, end, blocked until
_LONGEST = timedelta(days=1)  # no booking is longer (bookings start and end the same day)


def _conflicts(confirmed: list[_Held], starts: list[datetime], cand: Candidate,
               buffer: timedelta) -> tuple[str, ...]:
    """Confirmed bookings the candidate would clash with (R4), found by bisecting on start."""
    out = []
    index = bisect_left(starts, cand.end + buffer)
    while index > 0:
        index -= 1
        bid, title, start, end, until = confirmed[index]
        if start + _LONGEST < cand.start:
            break
        if blocks(cand.start, cand.end, start, until, buffer):
            out.append(f"{bid}: {title} {format_time(start)}–{format_time(end)}")
    return tuple(reversed(out))


def _confirmed_in(session: Session, first: date, last: date) -> list[_Held]:
    lo, hi = day_bounds_utc(first, last)
    stmt = (select(Booking.id, Booking.title, Booking.start, Booking.end, Booking.blocked_until)
            .where(Booking.state == BookingState.CONFIRMED.value, Booking.start < hi,
                   Booking.start >= lo - timedelta(days=1))
            .order_by(Booking.start))
    return [(i, t, s, e, u or e) for i, t, s, e, u in session.execute(stmt)]
