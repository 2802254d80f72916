"""`helsestudio demo`: realistic invented data for trying the program and for screenshots.

All people and organisers are invented; no name comes from the source documents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helsestudio.models import Booking
from helsestudio.services import audit, bookings, demo_courses, series, users
from helsestudio.services.auth import Permission, require
from helsestudio.services.calendar_days import is_closed_day
from helsestudio.services.timeutil import oslo_datetime

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

ORGANIZERS = (
    ("Ingrid Solvang", "Kvinneklinikken"),
    ("Áile Somby", "Barne- og ungdomsklinikken"),
    ("Jonas Haugland", "Akuttmottaket"),
    ("Marit Lunde-Øvrebø", "Kirurgisk klinikk"),
    ("Dragan Petrović", "Medisinsk avdeling"),
    ("Siri Kvamme", "Seksjon for læring og mestring"),
    ("Ola Bøe Rasmussen", "RegUt-teamet"),
)
TITLES = {
    "regut": ("RegUt: Akuttmedisin for LIS1", "RegUt: Veiledning i klinisk praksis", "RegUt: Kommunikasjonskurs"),
    "ledermote": ("Ledermøte nivå 2", "Ledermøte nivå 3", "Utvidet ledermøte med administrerende direktør"),
    "produksjon": ("Opptak: e-læring håndhygiene", "Filming: simulering av hjertestans", "Opptak: podkast om pasientsikkerhet"),
    "annet": ("Webinar: Nødnett for legevakt", "Webinar: ultralydveiledet kanylering", "Workshop: simulering i team"),
}
SLOTS = ((time(9, 30), time(11, 0)), (time(11, 30), time(12, 30)), (time(13, 0), time(15, 0)))


@dataclass
class DemoSummary:
    bookings: int = 0
    extra: dict[str, int] = field(default_factory=dict)


SUPERUSERS = (("tor.vaktleder", "Tor Vikane"), ("hanne.studio", "Hanne Brekke"))


def fill_studio(session: Session, actor: str, today: date, rng: random.Random, days: int = 60) -> int:
    """Bookings from `days` before to `days` after today, made through the booking services,
    so every confirmed one obeys the rules (R4 buffer, R9 hours) and has its history."""
    for username, name in SUPERUSERS:
        users.add_user_in(session, actor, username, "superbruker", name)
    fredag = series.create_fredagsmote_series_in(
        session, actor, today - timedelta(days=days), today + timedelta(days=days),
        participants=120, platform="nhn", organizer="LIS-utdanningen")
    count = len(fredag.created)
    later = [b for b in fredag.created if session.get(Booking, b).start.date() > today]
    if len(later) > 2:  # one Friday off, as happens: the rest of the series stays
        bookings.cancel_booking_in(session, actor, later[2], "Felles fagdag i auditoriet")
    for offset in range(-days, days + 1):
        day = today + timedelta(days=offset)
        if is_closed_day(day):
            continue
        for slot_start, slot_end in SLOTS:
            if rng.random() > 0.55:
                continue
            category = rng.choice(("regut", "regut", "ledermote", "produksjon", "annet"))
            confirm = offset <= 0 or rng.random() >= 0.3
            platform = {"produksjon": "ingen"}.get(category, rng.choice(("teams", "2meet", "nhn")))
            participants = 0 if platform == "ingen" else rng.randint(5, 45)
            count += _add(session, actor, category, rng.choice(TITLES[category]), day,
                          slot_start, slot_end, confirm, rng, participants, platform, today)
    return count + _conflict_scenarios(session, actor, today, rng)


def _add(session: Session, actor: str, category: str, title: str, day: date, start: time,
         end: time, confirm: bool, rng: random.Random, participants: int, platform: str,
         today: date, received_days: tuple[int, int] = (20, 60)) -> int:
    organizer, unit = rng.choice(ORGANIZERS)
    start_dt = oslo_datetime(day, start)
    received = start_dt - timedelta(days=rng.randint(*received_days))
    received = min(received, oslo_datetime(today, time(8, 0)))  # nobody writes from the future
    req = bookings.BookingRequest(
        title=title, category=category, start=start_dt, end=oslo_datetime(day, end),
        participants=participants, platform=platform, assist=rng.random() < 0.4,
        organizer_name=organizer, organizer_unit=unit,
        organizer_contact=f"{organizer.split()[0].lower()}@example.org", received_at=received,
        uid=f"demo-{day.isoformat()}-{start:%H%M}-{category}@helsestudio")
    booking = bookings.request_booking_in(session, actor, req)
    if confirm:
        bookings.confirm_booking_in(session, actor, booking.id)
        # Most assistance is arranged in advance; the rest shows up as a warning (R8).
        if booking.assist_requested and (day <= today or rng.random() < 0.6):
            bookings.assign_assistance_in(session, actor, booking.id, rng.choice(SUPERUSERS)[0])
    return 1


def _conflict_scenarios(session: Session, actor: str, today: date, rng: random.Random) -> int:
    """A displacement (R3) and a pending conflict in the coming weeks, late in the day
    (after the regular slots and their buffer), so the calendar shows what they look like."""
    days = [d for d in (today + timedelta(days=n) for n in range(7, 40)) if not is_closed_day(d)]
    first, second = days[0], days[5]
    late_slot = (time(15, 15), time(16, 0))
    _add(session, actor, "produksjon", "Opptak: podkast om pasientsikkerhet", first, *late_slot,
         True, rng, 0, "ingen", today, received_days=(30, 30))
    _add(session, actor, "regut", "RegUt: Simulering av sepsis", first, *late_slot, True, rng,
         25, "teams", today, received_days=(45, 45))
    _add(session, actor, "annet", "Workshop: simulering i team", second, *late_slot, True, rng,
         12, "2meet", today, received_days=(40, 40))
    _add(session, actor, "ledermote", "Ledermøte nivå 2", second, *late_slot, False, rng, 30,
         "teams", today, received_days=(35, 35))
    return 4


def fill_demo(ctx: AppContext, today: date, seed: int = 2037) -> DemoSummary:
    """Fill an empty database with demo data; adds nothing if bookings exist.

    The data itself is one transaction; certificates for the finished courses are then
    issued through the issuing service, each course in its own transaction.
    """
    with ctx.db.write() as session:
        summary = fill_demo_in(session, ctx.username, today, seed)
    if summary.bookings:
        # Certificates go through the real issuing service (its own transactions, C2/C4/C6).
        summary.extra["certificates"] = demo_courses.issue_for_finished(ctx, today)
    return summary


def fill_demo_in(session: Session, actor: str, today: date, seed: int = 2037) -> DemoSummary:
    require(session, actor, Permission.LOAD_DEMO)
    rng = random.Random(seed)
    summary = DemoSummary()
    if session.scalar(select(func.count()).select_from(Booking)):
        return summary
    summary.bookings = fill_studio(session, actor, today, rng)
    summary.extra.update(demo_courses.fill_courses(session, actor, today, seed))
    audit.record(session, actor=actor, action="demo.fill", entity="database", entity_id="demo",
                 after={"bookings": summary.bookings}, reason="demodata")
    return summary
