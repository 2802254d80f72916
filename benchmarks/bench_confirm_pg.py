"""Confirm throughput on PostgreSQL with 8 concurrent writers, and zero double bookings (R4).

Usage: HELSESTUDIO_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:5432/test \
       python benchmarks/bench_confirm_pg.py [--per-slot 2] [--days 60]

60 % of the slots get `--per-slot` competing requests (same time, random receipt times), so
the writers race for the same rows: R3 displacements, R3/R4 refusals and exclusion-constraint
losses (23P01) all happen. Prints confirms/s for 1 writer (baseline, same process) and for 8,
and the number of overlapping confirmed pairs the database holds afterwards (must be 0).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import time
import uuid
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from helsestudio.services import bookings  # noqa: E402
from helsestudio.services.app import AppContext  # noqa: E402
from helsestudio.services.calendar_days import is_closed_day  # noqa: E402
from helsestudio.services.errors import RuleViolation  # noqa: E402
from helsestudio.services.timeutil import oslo_datetime  # noqa: E402
from tests.helpers import pg_schema_url  # noqa: E402

SLOTS = [(clock(8, 0), clock(9, 0)), (clock(9, 15), clock(10, 15)), (clock(10, 30), clock(11, 30)),
         (clock(12, 0), clock(13, 0)), (clock(13, 15), clock(14, 15)), (clock(14, 30), clock(15, 30))]
CATEGORIES = ["regut", "ledermote", "produksjon", "annet"]
FILL = 0.6  # share of slots wanted, as in a busy studio: refusals still find free time nearby

DOUBLE_BOOKINGS = text("""
    SELECT count(*) FROM bookings a JOIN bookings b ON a.id < b.id AND a.room_id = b.room_id
    WHERE a.state = 'bekreftet' AND b.state = 'bekreftet'
      AND a.start < b.blocked_until AND b.start < a.blocked_until
""")


def prepare(url: str, first: date, days: int, per_slot: int, seed: int,
            writers: int) -> tuple[list[int], list[int]]:
    """The competing requests, and one warm-up request per writer on a day of its own."""
    rng = random.Random(seed)
    ctx = AppContext.open(url)
    ids: list[int] = []
    warmups: list[int] = []
    try:
        with ctx.db.write() as s:
            for n in range(writers):
                day = date(2028, 1, 3) + timedelta(days=7 * (n // 5) + n % 5)
                req = bookings.BookingRequest(
                    title="warm-up", category="annet", start=oslo_datetime(day, clock(8)),
                    end=oslo_datetime(day, clock(9)), received_at=oslo_datetime(first, clock(8)))
                warmups.append(bookings.request_booking_in(s, ctx.username, req).id)
            day = first
            while day < first + timedelta(days=days):
                if not is_closed_day(day):
                    for start, end in SLOTS:
                        if rng.random() > FILL:
                            continue
                        for _ in range(per_slot):
                            req = bookings.BookingRequest(
                                title="bench", category=rng.choice(CATEGORIES),
                                start=oslo_datetime(day, start), end=oslo_datetime(day, end),
                                received_at=oslo_datetime(date(2026, 10, 1), clock(8))
                                + timedelta(minutes=rng.randint(0, 40_000)))
                            ids.append(bookings.request_booking_in(s, ctx.username, req).id)
                day += timedelta(days=1)
    finally:
        ctx.close()
    rng.shuffle(ids)
    return ids, warmups


def worker(url: str, ids: list[int], warmup: int, start_at: float, out: mp.Queue) -> None:
    ctx = AppContext.open(url, upgrade=False)
    # The first confirm compiles every statement (SQLAlchemy caches them per process);
    # a PC that has been running a while has done that long ago.
    bookings.confirm_booking(ctx, warmup)
    counts = {"ok": 0}
    time.sleep(max(0.0, start_at - time.time()))
    t0, cpu0 = time.perf_counter(), time.process_time()
    for booking_id in ids:
        try:
            bookings.confirm_booking(ctx, booking_id)
            counts["ok"] += 1
        except RuleViolation as exc:
            counts[exc.rule] = counts.get(exc.rule, 0) + 1
    counts["cpu_ms"] = round((time.process_time() - cpu0) * 1000)
    out.put((time.perf_counter() - t0, counts))
    ctx.close()


def run(url: str, ids: list[int], warmups: list[int],
        writers: int) -> tuple[float, dict[str, int]]:
    spawn = mp.get_context("spawn")
    queue: mp.Queue = spawn.Queue()
    start_at = time.time() + 2.0 + writers  # every process imported and connected first
    procs = [spawn.Process(target=worker, args=(url, ids[i::writers], warmups[i], start_at, queue))
             for i in range(writers)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    totals: dict[str, int] = {}
    for _, counts in results:
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v
    return max(seconds for seconds, _ in results), totals


def double_bookings(url: str) -> int:
    ctx = AppContext.open(url, upgrade=False)
    try:
        with ctx.db.read() as s:
            return int(s.execute(DOUBLE_BOOKINGS).scalar_one())
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-slot", type=int, default=2)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--writers", type=int, default=8)
    args = parser.parse_args()
    base = os.environ.get("HELSESTUDIO_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    os.environ.setdefault("HELSESTUDIO_USER", "admin")
    figures = {}
    for writers, first in ((1, date(2027, 1, 4)), (args.writers, date(2027, 1, 4))):
        with pg_schema_url(base, f"bench_{uuid.uuid4().hex[:10]}") as url:
            ids, warmups = prepare(url, first, args.days, args.per_slot, 2037, writers)
            seconds, totals = run(url, ids, warmups, writers)
            doubles = double_bookings(url)
        rate = len(ids) / seconds
        figures[writers] = rate
        cpu = totals.pop("cpu_ms") / len(ids)
        print(f"{writers} writer(s): {len(ids)} confirms in {seconds:.2f} s = {rate:.0f}/s; "
              f"client CPU {cpu:.1f} ms/confirm; outcomes {dict(sorted(totals.items()))}; "
              f"overlapping confirmed pairs: {doubles}")
        if doubles:
            raise SystemExit("DOUBLE BOOKING FOUND")
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"ratio {args.writers} writers / 1 writer: {figures[args.writers] / figures[1]:.2f} "
          f"(target: >= 100 confirms/s with {args.writers} writers, 0 double bookings)")


if __name__ == "__main__":
    main()
