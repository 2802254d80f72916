"""iCalendar speed (issue 6): export and import of 10,000 events against icalendar's own cost.

    python benchmarks/bench_ics.py [N]

1. Export of N bookings from a SQLite file (`ics_export.export_calendar`) vs icalendar
   building and serialising the same N events (same properties) from memory. Target ≤ 1.3×.
2. Import of an N-event file (`ics_import.import_ics`, dry run and real) vs icalendar's bare
   parse of the same bytes (`Calendar.from_ical`). Target ≤ 3×.
Each figure is the best of a few runs in this process.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helsestudio.models import Booking  # noqa: E402
from helsestudio.services.app import AppContext  # noqa: E402
from helsestudio.services.calendar_days import is_closed_day  # noqa: E402
from helsestudio.services.ics_export import ExportFilter, export_calendar  # noqa: E402
from helsestudio.services.ics_import import import_ics  # noqa: E402
from helsestudio.services.ics_vevent import new_calendar  # noqa: E402
from helsestudio.services.timeutil import OSLO  # noqa: E402

FIRST_DAY = date(2027, 1, 4)


def best_pair(ours: Callable[[], object], base: Callable[[], object], runs: int = 3) -> tuple[float, float]:
    """Best of `runs` for each, interleaved so a busy neighbour slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, out in ((ours, times[0]), (base, times[1])):
            started = time.perf_counter()
            fn()
            out.append(time.perf_counter() - started)
    return min(times[0]), min(times[1])


def slots(n: int) -> list[tuple[datetime, datetime]]:
    """N 45-minute slots on working days (no holidays) 08:00–15:00 Oslo, from January 2027 on."""
    out, day = [], FIRST_DAY
    while len(out) < n:
        if not is_closed_day(day):
            for hour in range(8, 15):
                start = datetime(day.year, day.month, day.day, hour, tzinfo=OSLO)
                out.append((start, start + timedelta(minutes=45)))
        day += timedelta(days=1)
    return out[:n]


def fill(ctx: AppContext, n: int) -> list[dict]:
    rows = [dict(room_id=1, title=f"Kurs nr. {i} – simulering", category_code="regut",
                 state="bekreftet" if i % 3 else "forespurt", start=s.astimezone(UTC),
                 end=e.astimezone(UTC), blocked_until=(e + timedelta(minutes=15)).astimezone(UTC)
                 if i % 3 else None, participants=20, platform_code="teams",
                 assist_requested=bool(i % 2), organizer_name="Kari Nordmann",
                 organizer_unit="AMK", organizer_contact="kari@example.no", notes="",
                 received_at=datetime(2026, 11, 1, tzinfo=UTC), uid=f"{uuid.uuid4()}@helsestudio",
                 sequence=i % 4, version=1, created_by="bench", updated_by="bench",
                 created_at=datetime(2026, 11, 1, tzinfo=UTC), updated_at=datetime(2026, 11, 2, tzinfo=UTC))
            for i, (s, e) in enumerate(slots(n))]
    # Only confirmed rows carry blocked_until, and they never overlap (45 min + 15 buffer per hour).
    with ctx.db.write() as session:
        session.execute(Booking.__table__.insert(), rows)
    return rows


def baseline_export(rows: list[dict]) -> bytes:
    """icalendar building and serialising the same events, with the same properties."""
    cal = new_calendar()
    for r in rows:
        ev = icalendar.Event()
        ev.add("uid", r["uid"])
        ev.add("dtstamp", r["updated_at"])
        ev.add("dtstart", r["start"].astimezone(OSLO))
        ev.add("dtend", r["end"].astimezone(OSLO))
        ev.add("sequence", r["sequence"])
        ev.add("summary", r["title"])
        ev.add("status", "CONFIRMED")
        ev.add("transp", "OPAQUE")
        ev.add("categories", ["RegUt-kurs og opplæring"])
        ev.add("location", "Studio 2037")
        ev.add("description", "Plattform: Microsoft Teams\nDeltakere: 20\nTeknisk assistanse: nei")
        ev.add("x-microsoft-cdo-busystatus", "BUSY")
        cal.add_component(ev)
    return cal.to_ical()


def import_file(n: int) -> bytes:
    cal = new_calendar()
    for i, (s, e) in enumerate(slots(n)):
        ev = icalendar.Event()
        ev.add("uid", f"import-{i}@example.no")
        ev.add("dtstamp", datetime(2026, 11, 20, tzinfo=UTC))
        ev.add("dtstart", s)
        ev.add("dtend", e)
        ev.add("summary", f"Forespørsel {i}: øvelse på AMK")
        ev.add("description", "Vi ønsker studioet til opptak av en simulering. " * 3)
        ev.add("organizer", "mailto:ola@example.no", parameters={"CN": "Ola Nordmann"})
        cal.add_component(ev)
    return cal.to_ical()


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("HELSESTUDIO_USER", "bench")
        os.environ["HELSESTUDIO_DATA_DIR"] = tmp
        ctx = AppContext.open(f"sqlite:///{tmp}/export.db")
        rows = fill(ctx, n)
        last = rows[-1]["start"].astimezone(OSLO).date()
        flt = ExportFilter(FIRST_DAY, last)
        assert export_calendar(ctx, flt).count(b"BEGIN:VEVENT") == n
        ours, base = best_pair(lambda: export_calendar(ctx, flt), lambda: baseline_export(rows))
        print(f"export  {n} bookings: {ours:6.2f} s; icalendar alone {base:6.2f} s; "
              f"ratio {ours / base:4.2f}× (target ≤ 1.3×)")
        ctx.close()

        data = import_file(n)
        ctx = AppContext.open(f"sqlite:///{tmp}/import.db")
        window = (FIRST_DAY, last)
        dry, parse = best_pair(lambda: import_ics(ctx, data, *window, dry_run=True),
                               lambda: icalendar.Calendar.from_ical(data), 2)
        started = time.perf_counter()
        result = import_ics(ctx, data, *window)
        real = time.perf_counter() - started
        assert result.requests == n, result.to_json()["skipped"][:3]
        print(f"import  {n} events ({len(data) / 1e6:.1f} MB): bare parse {parse:6.2f} s; "
              f"dry run {dry:6.2f} s, ratio {dry / parse:4.2f}×; real import {real:6.2f} s, "
              f"ratio {real / parse:4.2f}× (target ≤ 3×)")
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
