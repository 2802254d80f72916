"""R4 across PCs: several real processes confirm overlapping requests at the same instant.

Each process imports everything and opens its own connection first, then waits for a shared
start time, so the confirms really do run together (SQLite: BEGIN IMMEDIATE serialises them;
PostgreSQL: the exclusion constraint refuses the losers).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from sqlalchemy import func, select

from helsestudio.models import Booking
from helsestudio.services import bookings
from helsestudio.services.app import AppContext
from helsestudio.services.timeutil import parse_datetime
from tests.helpers import cli

WORKERS = 6

CONFIRM_AT = """
import json, sys, time
from helsestudio.services import bookings
from helsestudio.services.app import AppContext
from helsestudio.services.errors import RuleViolation
ctx = AppContext.open(sys.argv[1], upgrade=False)
ctx.username = sys.argv[4]
ctx.db.check_connection()
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
try:
    bookings.confirm_booking(ctx, int(sys.argv[2]))
    print(json.dumps({"ok": True}))
except RuleViolation as exc:
    print(json.dumps({"ok": False, "rule": exc.rule}))
"""


def _overlapping_requests(url: str) -> tuple[list[int], str]:
    ctx = AppContext.open(url)
    try:
        ids = [
            bookings.request_booking(ctx, bookings.BookingRequest(
                title=f"Kurs {i}", category="regut",
                start=parse_datetime(f"2027-03-12T{10 + i % 2}:{15 * (i % 3):02d}"),
                end=parse_datetime("2027-03-12T12:30"),
                received_at=parse_datetime("2026-11-01T09:00"))).id
            for i in range(WORKERS)
        ]
        return ids, ctx.username
    finally:
        ctx.close()


def _confirmed_count(url: str) -> int:
    ctx = AppContext.open(url)
    try:
        with ctx.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(Booking)
                                .where(Booking.state == "bekreftet")) or 0)
    finally:
        ctx.close()


def test_r4_concurrent_confirms_in_real_processes_exactly_one_wins(db_url: str) -> None:
    ids, username = _overlapping_requests(db_url)
    start_at = time.time() + 3.0
    procs = [subprocess.Popen([sys.executable, "-c", CONFIRM_AT, db_url, str(i), str(start_at),
                               username], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=dict(os.environ))
             for i in ids]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    assert sum(r["ok"] for r in results) == 1
    assert sorted(r.get("rule") for r in results if not r["ok"]) == ["R4"] * (WORKERS - 1)
    assert _confirmed_count(db_url) == 1


def test_r4_concurrent_cli_confirms_exit_1_with_r4(sqlite_url: str) -> None:
    ids, _ = _overlapping_requests(sqlite_url)
    procs = [subprocess.Popen([sys.executable, "-m", "helsestudio", "--db", sqlite_url, "--json",
                               "booking", "confirm", str(i)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for i in ids[:3]]
    codes = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        codes.append(proc.returncode)
        if proc.returncode == 1:
            assert json.loads(out)["error"]["rule"] == "R4" and err.startswith("R4: ")
    assert sorted(codes) == [0, 1, 1]
    assert _confirmed_count(sqlite_url) == 1
    assert cli("booking", "show", str(ids[0]), db=sqlite_url).code == 0
