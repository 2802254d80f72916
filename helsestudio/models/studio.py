"""Studio 2037: rooms, booking categories (R1), platforms (R7) and bookings."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from helsestudio.models.base import Base, utcnow


class BookingState(enum.StrEnum):
    REQUESTED = "forespurt"
    CONFIRMED = "bekreftet"
    DECLINED = "avslått"
    DISPLACED = "fortrengt"
    CANCELLED = "avlyst"


class Room(Base):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class BookingCategory(Base):
    """A booking category; `priority` 1 is highest (R1), `crisis_priority` is used in crisis mode (R6)."""

    __tablename__ = "booking_categories"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    priority: Mapped[int]
    colour: Mapped[str] = mapped_column(String(9), default="#888888")


class Platform(Base):
    """A video platform; `capacity` None means unlimited (R7)."""

    __tablename__ = "platforms"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int | None]
    sort_order: Mapped[int] = mapped_column(default=0)


class BookingSeries(Base):
    """A weekly series such as the Fredagsmøte (R5). Its occurrences are Booking rows.

    Times are Oslo wall-clock ("08:00") so that daylight saving never moves a meeting;
    each occurrence keeps its `occurrence_date` (the series date it stands for) even
    when moved, which is what iCalendar's RECURRENCE-ID needs.
    """

    __tablename__ = "booking_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"))
    title: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str] = mapped_column(ForeignKey("booking_categories.code"))
    weekday: Mapped[int]  # 0 = Monday … 4 = Friday
    start_time: Mapped[str] = mapped_column(String(5))
    end_time: Mapped[str] = mapped_column(String(5))
    first_date: Mapped[date]
    last_date: Mapped[date]
    platform_code: Mapped[str] = mapped_column(ForeignKey("platforms.code"), default="ingen")
    participants: Mapped[int | None]
    organizer_name: Mapped[str] = mapped_column(String(200), default="")
    uid: Mapped[str] = mapped_column(String(200), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(128), default="")


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        Index("ix_bookings_room_start", "room_id", "start"),
        Index("ix_bookings_state_start", "state", "start"),
        CheckConstraint('"end" > start', name="end_after_start"),
        # R4: a confirmed booking always carries the range the exclusion constraint checks.
        CheckConstraint("state <> 'bekreftet' OR blocked_until IS NOT NULL", name="confirmed_blocks"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"))
    title: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str] = mapped_column(ForeignKey("booking_categories.code"))
    state: Mapped[str] = mapped_column(String(16), default=BookingState.REQUESTED.value, index=True)
    start: Mapped[datetime]
    end: Mapped[datetime]
    # end + rigging buffer at the time of confirmation; PostgreSQL's exclusion
    # constraint works on [start, blocked_until) so the gap is at least the buffer (R4).
    blocked_until: Mapped[datetime | None]
    participants: Mapped[int | None]
    platform_code: Mapped[str] = mapped_column(ForeignKey("platforms.code"), default="ingen")
    assist_requested: Mapped[bool] = mapped_column(default=False)
    # R9: the studio lead allowed this booking outside opening hours or on a closed day.
    hours_override: Mapped[bool] = mapped_column(default=False)
    assist_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    organizer_name: Mapped[str] = mapped_column(String(200), default="")
    organizer_unit: Mapped[str] = mapped_column(String(200), default="")
    organizer_contact: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # When the request reached the studio; R2 measures lead time from here.
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    state_reason: Mapped[str] = mapped_column(Text, default="")
    displaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("booking_series.id"), index=True)
    occurrence_date: Mapped[date | None]
    # Calendar identity for iCalendar: never changes; sequence grows with each change.
    uid: Mapped[str] = mapped_column(String(200), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    created_by: Mapped[str] = mapped_column(String(128), default="")
    updated_by: Mapped[str] = mapped_column(String(128), default="")


class CrisisPeriod(Base):
    """R6: crisis mode from `started_at` until `ended_at` (None while it is on), with its order."""

    __tablename__ = "crisis_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    # Category codes, highest priority first; categories not listed follow in the normal order.
    priority_order: Mapped[str] = mapped_column(String(500))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_by: Mapped[str] = mapped_column(String(128))
    ended_at: Mapped[datetime | None]
    ended_by: Mapped[str | None] = mapped_column(String(128))


class StudioClosure(Base):
    """R9: a day the studio is closed besides weekends and public holidays (maintenance)."""

    __tablename__ = "studio_closures"

    day: Mapped[date] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(128), default="")
