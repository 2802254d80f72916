"""Week switch in the calendar's week view: query + model + paint, offscreen.

Two SQLite databases hold the same 100 bookings in the ten weeks we switch between;
the large one has 49,900 more spread over ten years around them. The ratio
(large / small) shows whether the week view stays fast with years of bookings.
Targets (issue 3): ratio <= 1.5 and <= 16 ms per switch.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_week_switch.py [--rounds 5] [--total 50000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HELSESTUDIO_USER", "bench")

from sqlalchemy import delete  # noqa: E402

from helsestudio.models import Booking  # noqa: E402
from helsestudio.services.app import AppContext  # noqa: E402
from helsestudio.services.timeutil import OSLO  # noqa: E402

FIRST_WEEK = date(2027, 3, 1)  # a Monday; the ten switched weeks start here
WEEKS = 10
CATEGORIES = ("regut", "ledermote", "produksjon", "annet", "fredagsmote")


def _row(i: int, start: datetime, hours: float, state: str) -> dict[str, object]:
    end = start + timedelta(hours=hours)
    return {
        "room_id": 1, "title": f"Booking {i}", "category_code": CATEGORIES[i % 5], "state": state,
        "start": start, "end": end, "blocked_until": end + timedelta(minutes=15) if state == "bekreftet" else None,
        "participants": 10 + i % 40, "platform_code": ("teams", "2meet", "nhn", "ingen")[i % 4],
        "assist_requested": i % 3 == 0, "organizer_name": "Testperson", "organizer_unit": "Enhet",
        "organizer_contact": "", "notes": "", "received_at": start - timedelta(days=40),
        "state_reason": "", "uid": f"bench-{i}@helsestudio", "sequence": 0, "version": 1,
        "created_by": "bench", "updated_by": "bench", "hours_override": False,
        "created_at": datetime.now(UTC), "updated_at": datetime.now(UTC),
    }


def switched_weeks_rows() -> list[dict[str, object]]:
    """Ten bookings in each of the ten weeks: two a weekday, 09:00 and 13:00 Oslo."""
    rows = []
    for w in range(WEEKS):
        for d in range(5):
            day = FIRST_WEEK + timedelta(weeks=w, days=d)
            for k, hour in enumerate((9, 13)):
                start = datetime(day.year, day.month, day.day, hour, tzinfo=OSLO).astimezone(UTC)
                rows.append(_row(len(rows), start, 1.5, "bekreftet" if k == 0 else "forespurt"))
    return rows


def other_years_rows(count: int, offset: int) -> list[dict[str, object]]:
    """`count` bookings over ten years around the switched weeks, none inside them."""
    lo = datetime(2022, 1, 3, 7, tzinfo=UTC)
    skip_lo = datetime.combine(FIRST_WEEK, datetime.min.time(), UTC) - timedelta(days=1)
    skip_hi = skip_lo + timedelta(weeks=WEEKS, days=2)
    span = 10 * 365 * 24 * 4  # quarter-hours
    rows, i = [], 0
    while len(rows) < count:
        start = lo + timedelta(minutes=15 * ((i * 7919) % span))
        i += 1
        if skip_lo <= start < skip_hi:
            continue
        rows.append(_row(offset + len(rows), start, 1.0, ("bekreftet", "forespurt", "avlyst")[i % 3]))
    return rows


def build(url: str, extra: int) -> AppContext:
    ctx = AppContext.open(url)
    table = Booking.__table__
    with ctx.db.write() as session:
        session.execute(delete(table))
        base = switched_weeks_rows()
        session.execute(table.insert(), base)
        if extra:
            session.execute(table.insert(), other_years_rows(extra, len(base)))
    return ctx


def measure(ctx: AppContext, rounds: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from helsestudio.ui import tasks
    from helsestudio.ui.pages.calendar_page import CalendarPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tasks.set_synchronous(True)  # query + model + paint measured in one go
    page = CalendarPage(ctx)
    page.resize(1400, 900)
    page.show()
    app.processEvents()
    grid = page.view.time_grid
    times = []
    for _ in range(rounds):
        page.view.set_date(FIRST_WEEK)
        app.processEvents()
        for step in range(1, 2 * WEEKS - 1):
            direction = 1 if step < WEEKS else -1
            t0 = time.perf_counter()
            page.view.step_period(direction)  # query (Core, index range) + rows into the grid
            grid.repaint()  # synchronous paint of the whole week
            times.append((time.perf_counter() - t0) * 1000)
            assert len(page.view.rows) == 10, len(page.view.rows)
    page.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--total", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        labels = ("100", str(args.total))
        ctxs = {}
        for label, extra in zip(labels, (0, args.total - WEEKS * 10), strict=True):
            url = f"sqlite:///{Path(tmp) / f'week_{label}.db'}"
            t0 = time.perf_counter()
            ctxs[label] = build(url, extra)
            print(f"{label:>6} bookings built in {time.perf_counter() - t0:.1f} s")
        for ctx in ctxs.values():
            measure(ctx, 2)  # warm-up: imports, fonts, statement cache
        # Interleaved rounds, so load from other processes on the machine hits both sizes alike.
        times: dict[str, list[float]] = {label: [] for label in ctxs}
        for _ in range(args.rounds):
            for label, ctx in ctxs.items():
                times[label].extend(measure(ctx, 1))
        for label, values in times.items():
            print(f"{label:>6} bookings: median {statistics.median(values):.2f} ms, p90 "
                  f"{statistics.quantiles(values, n=10)[-1]:.2f} ms per week switch ({len(values)} switches)")
        small, large = (statistics.median(times[label]) for label in labels)
        print(f"ratio {args.total}/100: {large / small:.2f} (target <= 1.5); "
              f"{large:.2f} ms (target <= 16 ms)")
        for ctx in ctxs.values():
            ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
