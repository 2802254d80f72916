"""The studio's policy as data: priority order (R1), crisis mode (R6), platform capacities (R7),
rigging buffer (R4), opening hours and closed days (R9).

Booking rules read one `Policy` snapshot per transaction, so a confirm sees one consistent
set of rules even if the lead changes a setting at the same moment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, String, cast, literal, null, select, union_all
from sqlalchemy.orm import Session

from helsestudio.models import (
    BookingCategory,
    CrisisPeriod,
    Platform,
    SettingValue,
    StudioClosure,
    utcnow,
)
from helsestudio.services import audit, settings
from helsestudio.services.auth import Permission, require
from helsestudio.services.calendar_days import holiday_name
from helsestudio.services.errors import InvalidInput, NotFound, RuleViolation
from helsestudio.services.timeutil import WEEKDAYS_NB, format_date_nb, iso_local

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext


@dataclass(frozen=True)
class CrisisInfo:
    id: int
    reason: str
    order: list[str]
    started_at: datetime
    started_by: str
    ended_at: datetime | None
    ended_by: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "active": self.ended_at is None, "reason": self.reason, "order": self.order,
            "started_at": iso_local(self.started_at), "started_by": self.started_by,
            "ended_at": iso_local(self.ended_at), "ended_by": self.ended_by,
        }


@dataclass(frozen=True)
class Policy:
    buffer: timedelta
    opening_start: time
    opening_end: time
    normal_order: list[str]  # category codes, highest priority first (R1)
    crisis: CrisisInfo | None  # R6: when set, its order is used for allocation
    capacities: dict[str, int | None]  # platform code -> capacity, None = unlimited (R7)
    platform_names: dict[str, str]
    category_names: dict[str, str]
    category_colours: dict[str, str] = field(default_factory=dict)
    closures: dict[date, str] = field(default_factory=dict)  # R9 maintenance days -> reason

    @property
    def order(self) -> list[str]:
        """The allocation order in force: the crisis order while crisis mode is on."""
        if self.crisis is None:
            return self.normal_order
        listed = [c for c in self.crisis.order if c in self.category_names]
        return listed + [c for c in self.normal_order if c not in listed]

    def rank(self, category: str) -> int:
        """0 is the highest priority."""
        return self.order.index(category)


def _clock(raw: str) -> time:
    hours, minutes = raw.split(":")
    return time(int(hours), int(minutes))


def _crisis_info(row: CrisisPeriod) -> CrisisInfo:
    order = [c for c in row.priority_order.split(",") if c]
    return CrisisInfo(row.id, row.reason, order, row.started_at, row.started_by,
                      row.ended_at, row.ended_by)


def active_crisis(session: Session) -> CrisisInfo | None:
    row = session.scalar(select(CrisisPeriod).where(CrisisPeriod.ended_at.is_(None))
                         .order_by(CrisisPeriod.id.desc()).limit(1))
    return _crisis_info(row) if row else None


SETTING_KEYS = ("buffer_minutes", "opening_start", "opening_end")


def _policy_rows(session: Session) -> list[Any]:
    """Categories, platforms, settings and the running crisis in ONE round trip: every
    confirm reads the policy, and on a shared server each round trip costs more than the
    rows. Columns: kind, code, name, number, text, started_at."""
    def text_of(column: Any) -> Any:
        return cast(column, String)

    crisis = select(literal("k"), text_of(CrisisPeriod.id), CrisisPeriod.reason,
                    literal(None, Integer), CrisisPeriod.priority_order, CrisisPeriod.started_at,
                    CrisisPeriod.started_by).where(CrisisPeriod.ended_at.is_(None))
    categories = select(literal("c"), BookingCategory.code, BookingCategory.name,
                        BookingCategory.priority, BookingCategory.colour, null(), null())
    platforms = select(literal("p"), Platform.code, Platform.name, Platform.capacity,
                       text_of(Platform.sort_order), null(), null())
    values = select(literal("s"), SettingValue.key, null(), null(), text_of(SettingValue.value),
                    null(), null()).where(SettingValue.key.in_(SETTING_KEYS))
    closures = select(literal("z"), text_of(StudioClosure.day), StudioClosure.reason, null(),
                      null(), null(), null())
    return list(session.execute(union_all(crisis, categories, platforms, values, closures)))


def load_policy(session: Session) -> Policy:
    rows = _policy_rows(session)
    categories = sorted((r for r in rows if r[0] == "c"), key=lambda r: (r[3], r[1]))
    platforms = sorted((r for r in rows if r[0] == "p"), key=lambda r: int(r[4]))
    stored = {r[1]: json.loads(r[4]) for r in rows if r[0] == "s"}
    values = {k: stored.get(k, settings.SPECS[k].default) for k in SETTING_KEYS}
    crises = sorted((r for r in rows if r[0] == "k"), key=lambda r: int(r[1]))
    crisis = None
    if crises:
        _, ident, reason, _, order, started_at, started_by = crises[-1]
        crisis = CrisisInfo(int(ident), reason, [c for c in order.split(",") if c],
                            started_at, started_by, None, None)
    return Policy(
        buffer=timedelta(minutes=int(values["buffer_minutes"])),
        opening_start=_clock(values["opening_start"]),
        opening_end=_clock(values["opening_end"]),
        normal_order=[r[1] for r in categories],
        crisis=crisis,
        capacities={r[1]: r[3] for r in platforms},
        platform_names={r[1]: r[2] for r in platforms},
        category_names={r[1]: r[2] for r in categories},
        category_colours={r[1]: r[4] for r in categories},
        closures={date.fromisoformat(r[1][:10]): r[2] for r in rows if r[0] == "z"},
    )


def closed_reason(session: Session, day: date, policy: Policy | None = None) -> str | None:
    """Why the studio is closed on `day` (R9), or None on an ordinary working day.
    With a loaded `policy` its closures are used instead of another query."""
    if day.weekday() >= 5:
        return f"{WEEKDAYS_NB[day.weekday()]} {format_date_nb(day)} er helg"
    name = holiday_name(day)
    if name:
        return f"{format_date_nb(day)} er helligdag ({name})"
    if policy is not None:
        reason = policy.closures.get(day)
        closed = day in policy.closures
    else:
        closure = session.get(StudioClosure, day)
        reason, closed = (closure.reason if closure else None), closure is not None
    if closed:
        return f"studioet er stengt {format_date_nb(day)} ({reason or 'vedlikehold'})"
    return None


def closed_days_between(session: Session, first: date, last: date) -> set[date]:
    """Maintenance closures in a range (weekends and holidays are computed, not stored)."""
    stmt = select(StudioClosure.day).where(StudioClosure.day >= first, StudioClosure.day <= last)
    return set(session.scalars(stmt))


def parse_order(session: Session, raw: str | list[str], *, complete: bool) -> list[str]:
    """A comma list of category codes; `complete` demands every category exactly once."""
    codes = [c.strip().lower() for c in (raw.split(",") if isinstance(raw, str) else raw)]
    codes = [c for c in codes if c]
    known = list(session.scalars(select(BookingCategory.code).order_by(BookingCategory.priority)))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InvalidInput(f"Ukjent kategori «{unknown[0]}». Kjente kategorier: {', '.join(known)}")
    if len(set(codes)) != len(codes):
        raise InvalidInput("En kategori står mer enn én gang i prioriteringen")
    if not codes or (complete and set(codes) != set(known)):
        raise InvalidInput(
            f"Prioriteringen må nevne alle kategoriene én gang, høyest først: {','.join(known)}"
        )
    return codes


def set_priority_order_in(session: Session, actor: str, raw: str | list[str], reason: str = "") -> list[str]:
    """R1: the studio lead changes the priority order; logged with before and after."""
    require(session, actor, Permission.STUDIO_POLICY)
    order = parse_order(session, raw, complete=True)
    categories = {c.code: c for c in session.scalars(select(BookingCategory))}
    before = sorted(categories, key=lambda code: categories[code].priority)
    for rank, code in enumerate(order, start=1):
        categories[code].priority = rank
    audit.record(session, actor=actor, action="policy.priority_order", entity="policy",
                 entity_id="priority_order", before={"order": before}, after={"order": order},
                 reason=reason)
    return order


def set_capacity_in(session: Session, actor: str, platform: str, raw: str | int | None,
                    reason: str = "") -> int | None:
    """R7: a platform's capacity; empty, «ubegrenset» or «none» means unlimited."""
    require(session, actor, Permission.STUDIO_POLICY)
    row = session.get(Platform, platform)
    if row is None:
        known = ", ".join(session.scalars(select(Platform.code).order_by(Platform.sort_order)))
        raise NotFound(f"Ukjent plattform «{platform}». Kjente plattformer: {known}")
    text = "" if raw is None else str(raw).strip().lower()
    if text in ("", "none", "ubegrenset", "null"):
        value: int | None = None
    else:
        try:
            value = int(text)
        except ValueError:
            raise InvalidInput(f"«{raw}» er ikke et antall deltakere (eller «ubegrenset»)") from None
        if value < 1:
            raise InvalidInput("Kapasiteten må være minst 1 deltaker (eller «ubegrenset»)")
        if value > 1_000_000:  # the column is a 32-bit integer; «ubegrenset» says the rest
            raise InvalidInput("Kapasiteten kan være høyst 1 000 000 deltakere (eller «ubegrenset»)")
    before = row.capacity
    row.capacity = value
    audit.record(session, actor=actor, action="policy.capacity", entity="platform",
                 entity_id=platform, before={"capacity": before}, after={"capacity": value},
                 reason=reason.strip())
    return value


def crisis_on(ctx: AppContext, reason: str, order: str | list[str]) -> CrisisInfo:
    """R6: switch crisis mode on with a reason and a crisis priority order (logged)."""
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.STUDIO_POLICY)
        if not reason.strip():
            raise InvalidInput("Oppgi en grunn for krisemodus (--reason)")
        codes = parse_order(session, order, complete=False)
        current = session.scalar(select(CrisisPeriod).where(CrisisPeriod.ended_at.is_(None)))
        if current is not None:
            # A new crisis order replaces the running one; the old period is closed so the
            # log shows exactly which order was in force when.
            current.ended_at, current.ended_by = utcnow(), ctx.username
        row = CrisisPeriod(reason=reason.strip(), priority_order=",".join(codes),
                           started_by=ctx.username, started_at=utcnow())
        session.add(row)
        session.flush()
        info = _crisis_info(row)
        audit.record(session, actor=ctx.username, action="crisis.on", entity="crisis",
                     entity_id=row.id, after={"order": codes}, reason=reason.strip())
        return info


def crisis_off(ctx: AppContext, reason: str = "") -> CrisisInfo:
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.STUDIO_POLICY)
        row = session.scalar(select(CrisisPeriod).where(CrisisPeriod.ended_at.is_(None)))
        if row is None:
            raise RuleViolation("R6", "Krisemodus er ikke på, så den kan ikke slås av")
        row.ended_at, row.ended_by = utcnow(), ctx.username
        audit.record(session, actor=ctx.username, action="crisis.off", entity="crisis",
                     entity_id=row.id, before={"active": True}, after={"active": False},
                     reason=reason)
        return _crisis_info(row)


def crisis_status(ctx: AppContext) -> CrisisInfo | None:
    with ctx.db.read() as session:
        return active_crisis(session)


def add_closure(ctx: AppContext, day: date, reason: str) -> None:
    """R9: close the studio on a day (maintenance); confirmed bookings are not touched."""
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.STUDIO_POLICY)
        if session.get(StudioClosure, day) is not None:
            raise InvalidInput(f"Studioet er allerede stengt {format_date_nb(day)}")
        session.add(StudioClosure(day=day, reason=reason, created_by=ctx.username))
        audit.record(session, actor=ctx.username, action="policy.closure", entity="closure",
                     entity_id=day.isoformat(), after={"day": day, "reason": reason})


def remove_closure(ctx: AppContext, day: date) -> None:
    with ctx.db.write() as session:
        require(session, ctx.username, Permission.STUDIO_POLICY)
        row = session.get(StudioClosure, day)
        if row is None:
            raise NotFound(f"Studioet er ikke stengt {format_date_nb(day)}")
        audit.record(session, actor=ctx.username, action="policy.closure_removed",
                     entity="closure", entity_id=day.isoformat(),
                     before={"day": day, "reason": row.reason})
        session.delete(row)


def list_closures(ctx: AppContext, first: date, last: date) -> list[tuple[date, str]]:
    with ctx.db.read() as session:
        stmt = (select(StudioClosure.day, StudioClosure.reason)
                .where(StudioClosure.day >= first, StudioClosure.day <= last)
                .order_by(StudioClosure.day))
        return [(day, reason) for day, reason in session.execute(stmt)]
