"""Exporting studio bookings as an iCalendar file (issue 6, «Export»).

One Core query reads the bookings with their category/platform names (NOTES.md:
the ORM costs ≈ 1.6× Core for 10,000 rows); series occurrences are folded into
one recurring VEVENT per series: RRULE weekly until the last date, EXDATE for the
dates that have no occurrence (public holidays, R5) or whose occurrence is
cancelled, and a RECURRENCE-ID override for each moved occurrence. A moved date is
deliberately not also an EXDATE: recurring-ical-events and Google then drop the
override together with the excluded instance (measured), so the meeting vanishes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from icalendar import Calendar, Event
from sqlalchemy import RowMapping, Select, select
from sqlalchemy.orm import Session

from helsestudio.models import (
    Booking,
    BookingCategory,
    BookingSeries,
    BookingState,
    CourseSession,
    CourseType,
    Platform,
    User,
)
from helsestudio.services.errors import InvalidInput
from helsestudio.services.ics_vevent import EventData, build_event, new_calendar, weekly_rule
from helsestudio.services.timeutil import OSLO, day_bounds_utc, oslo_datetime

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

BOOKINGS = _B = Booking.__table__
_C = BookingCategory.__table__
_P = Platform.__table__
_U = User.__table__
_S = BookingSeries.__table__

SESSION_CODE = "kurs"  # --category kurs selects course sessions
SESSION_CATEGORY = "Kurs"

# Occurrences in these states no longer take place: their series date becomes an EXDATE.
_GONE = {BookingState.CANCELLED.value, BookingState.DISPLACED.value, BookingState.DECLINED.value}


@dataclass(frozen=True)
class ExportFilter:
    """Oslo dates `first`..`last` inclusive; empty category/state sets mean all."""

    first: date
    last: date
    categories: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()

    @property
    def includes_sessions(self) -> bool:
        """Course sessions are «kurs», always confirmed: shown unless a filter leaves them out."""
        return ((not self.categories or SESSION_CODE in self.categories)
                and (not self.states or BookingState.CONFIRMED.value in self.states))

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput("Til-datoen er før fra-datoen: snu dem")
        unknown = self.states - {s.value for s in BookingState}
        if unknown:
            known = ", ".join(s.value for s in BookingState)
            raise InvalidInput(f"Ukjent status «{sorted(unknown)[0]}». Velg blant: {known}")


@dataclass(frozen=True)
class ExportRow:
    """One booking as read by the export query (plain values)."""

    data: EventData
    series_id: int | None
    occurrence_date: date | None
    organizer_contact: str
    booking_id: int


_COLUMNS = (
    _B.c.uid, _B.c.sequence, _B.c.state, _B.c.title, _B.c.start, _B.c.end, _C.c.name,
    _P.c.name, _B.c.participants, _B.c.assist_requested, _U.c.username,
    _B.c.organizer_name, _B.c.organizer_unit, _B.c.notes, _B.c.updated_at,
    _B.c.series_id, _B.c.occurrence_date, _B.c.organizer_contact, _B.c.id,
)


def booking_select() -> Select[Any]:
    return (
        select(*_COLUMNS)
        .select_from(_B.join(_C, _B.c.category_code == _C.c.code)
                     .join(_P, _B.c.platform_code == _P.c.code)
                     .outerjoin(_U, _B.c.assist_user_id == _U.c.id))
        .order_by(_B.c.start, _B.c.id)
    )


def read_rows(session: Session, stmt: Select[Any]) -> list[ExportRow]:
    # Values come back through UTCDateTime already aware; building EventData by
    # position keeps the per-row cost to one tuple unpacking.
    out = []
    for (uid, seq, state, title, start, end, cat, plat, parts, assist, who, org, unit, notes,
         stamp, series_id, occ, contact, booking_id) in session.execute(stmt):
        data = EventData(uid, seq, state, title, start, end, cat, plat, parts, assist, who,
                         org or "", unit or "", notes or "", stamp)
        out.append(ExportRow(data, series_id, occ, contact or "", booking_id))
    return out


def export_calendar(ctx: AppContext, flt: ExportFilter) -> bytes:
    with ctx.db.read() as session:
        return export_calendar_in(session, flt).to_ical()


def export_calendar_in(session: Session, flt: ExportFilter) -> Calendar:
    """The calendar of bookings starting on `flt.first`..`flt.last` (Oslo dates)."""
    _check_categories(session, flt.categories)
    lo, hi = day_bounds_utc(flt.first, flt.last)
    stmt = booking_select().where(_B.c.room_id == 1, _B.c.start >= lo, _B.c.start < hi)
    if flt.categories:
        stmt = stmt.where(_B.c.category_code.in_(sorted(flt.categories)))
    if flt.states:
        stmt = stmt.where(_B.c.state.in_(sorted(flt.states)))
    cal = new_calendar()
    series_ids: set[int] = set()
    # A series is one confirmed event (its cancelled Fridays are EXDATEs, not events), so a
    # status filter without «bekreftet» leaves it out.
    series_wanted = not flt.states or BookingState.CONFIRMED.value in flt.states
    for row in read_rows(session, stmt):
        if row.series_id is not None:
            if series_wanted:
                series_ids.add(row.series_id)
        else:
            cal.add_component(build_event(row.data))
    for event in series_events(session, sorted(series_ids)):
        cal.add_component(event)
    if flt.includes_sessions:
        for event in course_session_events(session, lo, hi):
            cal.add_component(event)
    return cal


def course_session_events(session: Session, lo: datetime, hi: datetime) -> list[Event]:
    """Course sessions held elsewhere than in a studio booking (those appear as their booking)."""
    s, t = CourseSession.__table__, CourseType.__table__
    stmt = (select(s.c.id, s.c.start, s.c.end, s.c.place, s.c.capacity, s.c.notes, s.c.version,
                   s.c.created_at, t.c.name)
            .join(t, s.c.course_type_id == t.c.id)
            .where(s.c.booking_id.is_(None), s.c.start >= lo, s.c.start < hi)
            .order_by(s.c.start, s.c.id))
    events = []
    for sid, start, end, place, capacity, notes, version, created, name in session.execute(stmt):
        data = EventData(
            uid=f"kurs-{sid}@helsestudio", sequence=version - 1, state=BookingState.CONFIRMED.value,
            title=name, start=start, end=end, category_name=SESSION_CATEGORY, platform_name="–",
            participants=capacity, assist_requested=False, assigned_to=None, organizer_name="",
            organizer_unit="", notes=notes or "", stamp=created, location=place or "",
        )
        events.append(build_event(data))
    return events


def _check_categories(session: Session, wanted: frozenset[str]) -> None:
    if not wanted:
        return
    known = {*session.scalars(select(_C.c.code)), SESSION_CODE}
    unknown = sorted(wanted - known)
    if unknown:
        raise InvalidInput(f"Ukjent kategori «{unknown[0]}». Velg blant: {', '.join(sorted(known))}")


def series_events(session: Session, series_ids: Sequence[int]) -> list[Event]:
    """One master VEVENT per series plus RECURRENCE-ID overrides for moved occurrences."""
    if not series_ids:
        return []
    stmt = booking_select().where(_B.c.series_id.in_(list(series_ids)))
    by_series: dict[int, list[ExportRow]] = defaultdict(list)
    for row in read_rows(session, stmt):
        assert row.series_id is not None
        by_series[row.series_id].append(row)
    series_rows = session.execute(
        select(_S, _C.c.name.label("category_name"), _P.c.name.label("platform_name"))
        .join(_C, _S.c.category_code == _C.c.code).join(_P, _S.c.platform_code == _P.c.code)
        .where(_S.c.id.in_(list(series_ids))).order_by(_S.c.id)
    ).mappings()
    events: list[Event] = []
    for series in series_rows:
        events.extend(_one_series(series, by_series.get(series["id"], [])))
    return events


def series_dates(first: date, last: date, weekday: int) -> list[date]:
    """Every `weekday` from `first` to `last` inclusive: the dates the RRULE produces."""
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += timedelta(days=7)
    return out


def parse_clock(raw: str) -> time:
    hours, minutes = raw.split(":")
    return time(int(hours), int(minutes))


def _one_series(series: RowMapping, occurrences: Iterable[ExportRow]) -> list[Event]:
    start_clock, end_clock = parse_clock(series["start_time"]), parse_clock(series["end_time"])
    dates = series_dates(series["first_date"], series["last_date"], series["weekday"])
    if not dates:
        return []
    by_date = {row.occurrence_date: row for row in occurrences if row.occurrence_date}
    rows = list(by_date.values())
    sequence = max([series["sequence"], *(r.data.sequence for r in rows)])
    stamp = max([series["created_at"], *(r.data.stamp for r in rows)])
    first_start = oslo_datetime(dates[0], start_clock)
    master = EventData(
        uid=series["uid"], sequence=sequence, state=BookingState.CONFIRMED.value,
        title=series["title"], start=first_start, end=oslo_datetime(dates[0], end_clock),
        category_name=series["category_name"], platform_name=series["platform_name"],
        participants=series["participants"], assist_requested=False, assigned_to=None,
        organizer_name=series["organizer_name"] or "", organizer_unit="", notes="", stamp=stamp,
    )
    event = build_event(master)
    event.add("rrule", weekly_rule(series["weekday"], oslo_datetime(dates[-1], start_clock)))
    excluded: list[datetime] = []
    overrides: list[Event] = []
    for day in dates:
        planned = oslo_datetime(day, start_clock)
        row = by_date.get(day)
        if row is None or row.data.state in _GONE:
            excluded.append(planned.astimezone(OSLO))
        elif row.data.start != planned or row.data.end != oslo_datetime(day, end_clock):
            # A moved occurrence is an override of its original instance. It is *not*
            # also listed in EXDATE: RFC 5545 parsers (recurring-ical-events, Google)
            # then drop the override together with the excluded instance.
            moved = EventData(**{**row.data.__dict__, "uid": series["uid"], "sequence": sequence})
            overrides.append(build_event(moved, recurrence_id=planned))
    if excluded:
        event.add("exdate", excluded)
    return [event, *overrides]
