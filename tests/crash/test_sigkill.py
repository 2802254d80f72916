"""Crash safety (issue 7): SIGKILL during batch issuing, ICS import and CSV import.

SQLite-only on purpose: the question is what a local database *file* looks like
after the program dies mid-write (power cut, kill -9, Task Manager). On
PostgreSQL the server, not the dying client, decides what is kept, and an open
transaction of a dead client is simply rolled back.

One prepared database file is copied for each kill. A fork server
(tests/crash/driver.py) runs each operation through the real command line in a
child process and kills it with SIGKILL after a random delay within the
operation's measured duration. After every kill:
- `PRAGMA integrity_check` is ok;
- every table holds exactly what it held before the operation or exactly what
  it holds after a complete run (all of the batch or none of it);
- every certificate number up to the year's counter belongs to a stored
  certificate, and the counter is not behind (certificate_numbers.py allocates
  from one counter row inside the issuing transaction, so no gap is explained);
- running the operation again completes and leaves the complete state.

The seed is printed; rerun one with HELSESTUDIO_CRASH_SEED=<seed>.
HELSESTUDIO_CRASH_KILLS changes the total number of kills (default 100).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from helsestudio.services import signing
from helsestudio.services.app import AppContext
from helsestudio.services.calendar_days import is_closed_day
from tests.integration import certificate_population as popmod

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("HELSESTUDIO_CRASH_KILLS", "100"))
SEED = int(os.environ.get("HELSESTUDIO_CRASH_SEED", str(random.SystemRandom().randrange(10**9))))
BATCH = 30  # certificates in the batch
EVENTS = 200  # calendar events in the file
ROWS = 200  # participants in the CSV file
SHARE = {"issue": 0.34, "ics": 0.33, "csv": 0.33}


class Zygote:
    """The fork server: one process per test module, one forked child per run."""

    def __init__(self) -> None:
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.driver"], cwd=ROOT, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert "ready" in json.loads(self._line())
        self.start_seconds = time.perf_counter() - started

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the fork server died"
        return line

    def run(self, argv: list[str], env: dict[str, str], log: Path,
            kill_after: float | None = None) -> dict:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"argv": argv, "env": env, "log": str(log),
                                          "kill_after": kill_after}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self._line())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    server = Zygote()
    print(f"\nfork server ready in {server.start_seconds:.2f} s; seed {SEED}")
    yield server
    server.close()


@dataclass
class Operation:
    name: str
    template: Path
    argv: list[str]  # without --db
    env: dict[str, str]

    def argv_for(self, db: Path) -> list[str]:
        return ["--db", f"sqlite:///{db}", *self.argv]


def _ics(first: date) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Helsestudio krasjtest//NO"]
    day, made = first, 0
    while made < EVENTS:
        if not is_closed_day(day):
            for hour in (9, 13):  # two requests a day, well apart (R4 does not refuse requests)
                if made < EVENTS:
                    stamp = f"{day:%Y%m%d}T{hour:02d}0000"
                    lines += ["BEGIN:VEVENT", f"UID:krasj-{made}@example.no", "DTSTAMP:20261120T090000Z",
                              "SUMMARY:RegUt: simuleringstrening", "CATEGORIES:RegUt",
                              f"DTSTART;TZID=Europe/Oslo:{stamp}",
                              f"DTEND;TZID=Europe/Oslo:{day:%Y%m%d}T{hour + 1:02d}3000", "END:VEVENT"]
                    made += 1
        day += timedelta(days=1)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def _csv() -> bytes:
    rows = ["Navn;E-post;Enhet;E-læring fullført;Kursbevisnummer"]
    rows += [f"Importert Deltaker {i:03d};deltaker{i}@example.no;Helse Bergen HF > Seksjon {i % 7};"
             f"2026-02-{1 + i % 27:02d};LMS-{i}" for i in range(ROWS)]
    return "\r\n".join(rows).encode("utf-8-sig")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Operation]:
    """One database file with all three operations' starting points, and their input files."""
    base = tmp_path_factory.mktemp("crash")
    env = {"HELSESTUDIO_USER": "admin", "HELSESTUDIO_DATA_DIR": str(base / "data"),
           "HELSESTUDIO_CONFIG_DIR": str(base / "config"), "HELSESTUDIO_KEY_DIR": str(base / "keys")}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        signing.load_or_create_signing_key()  # a kill while the key file is made is not the question
        template = base / "template.db"
        ctx = AppContext.open(f"sqlite:///{template}")
        pop = popmod.build(ctx)
        ids = popmod.add_people(ctx, pop.amk, [f"Deltaker {i:02d} Kursesen" for i in range(BATCH)])
        issue_session = popmod.add_session(ctx, pop, pop.instructor, ids)
        csv_session = popmod.add_session(ctx, pop, pop.instructor, [])
        ctx.close()  # the last connection checkpoints the WAL: one self-contained file
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert not Path(f"{template}-wal").exists()
    (base / "events.ics").write_bytes(_ics(date(2027, 1, 4)))
    (base / "deltakere.csv").write_bytes(_csv())
    return {
        "issue": Operation("issue", template, ["certificate", "issue", "--session", str(issue_session),
                                               "--issued-on", popmod.COURSE_DAY.isoformat()], env),
        "ics": Operation("ics", template, ["ics", "import", str(base / "events.ics"),
                                           "--from", "2027-01-01", "--to", "2027-12-31"], env),
        "csv": Operation("csv", template, ["participants", "import", str(csv_session),
                                           str(base / "deltakere.csv")], env),
    }


# --- what a database file holds -------------------------------------------------------------

def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db, timeout=15)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def row_counts(db: Path) -> dict[str, int]:
    with _connect(db) as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(conn)}


def integrity(db: Path) -> str:
    with _connect(db) as conn:
        return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))


def number_gaps(db: Path) -> list[str]:
    """Certificate numbers the counters have handed out that no stored certificate carries,
    and counters behind a stored number; [] when every number is explained."""
    problems = []
    with _connect(db) as conn:
        counters = dict(conn.execute("SELECT year, last_number FROM certificate_counters"))
        numbers = [r[0] for r in conn.execute("SELECT number FROM certificates")]
    used: dict[int, set[int]] = {}
    for number in numbers:
        year, seq = number.split("-")
        used.setdefault(int(year), set()).add(int(seq))
    for year in counters.keys() | used.keys():
        last, seqs = counters.get(year, 0), used.get(year, set())
        missing = sorted(set(range(1, last + 1)) - seqs)
        if missing:
            problems.append(f"{year}: numbers {missing[:5]}… allocated but not stored")
        if seqs and max(seqs) > last:
            problems.append(f"{year}: counter at {last} behind stored {max(seqs)}")
    return problems


# --- the harness ---------------------------------------------------------------------------

@dataclass
class Reference:
    before: dict[str, int]
    after: dict[str, int]
    seconds: float


def fresh_copy(template: Path, db: Path) -> None:
    # A WAL file left beside the old copy would be replayed into the new one.
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, db)


def _reference(zygote: Zygote, op: Operation, work: Path) -> Reference:
    """Run the operation to the end on a fresh copy: its duration and the complete state."""
    db = work / f"{op.name}-reference.db"
    fresh_copy(op.template, db)
    before = row_counts(db)
    timings = []
    for attempt in range(2):  # the first run also warms the page cache
        if attempt:
            fresh_copy(op.template, db)
        out = zygote.run(op.argv_for(db), op.env, work / f"{op.name}-reference.log")
        assert out["status"] == 0, (work / f"{op.name}-reference.log").read_text()
        timings.append(out["elapsed"])
    return Reference(before, row_counts(db), min(timings))


def _without_audit(counts: dict[str, int]) -> dict[str, int]:
    return {t: n for t, n in counts.items() if t != "audit_log"}


def _kill_and_check(zygote: Zygote, op: Operation, ref: Reference, rng: random.Random,
                    work: Path, index: int) -> tuple[bool, str]:
    db = work / f"{op.name}.db"
    fresh_copy(op.template, db)
    delay = rng.uniform(0, ref.seconds)
    log = work / f"{op.name}.log"
    out = zygote.run(op.argv_for(db), op.env, log, kill_after=delay)
    where = f"{op.name} kill {index} at {delay * 1000:.0f} ms (seed {SEED})"
    if not out["killed"]:
        assert out["status"] == 0, f"{where}: exit {out['status']}: {log.read_text()}"

    assert integrity(db) == "ok", where
    counts = row_counts(db)
    state = "none" if counts == ref.before else "all" if counts == ref.after else "partial"
    assert state != "partial", f"{where}: partial batch: " + ", ".join(
        f"{t} {ref.before[t]}→{counts[t]} (complete {ref.after[t]})"
        for t in counts if counts[t] != ref.before[t])
    assert number_gaps(db) == [], where

    again = zygote.run(op.argv_for(db), op.env, log)
    # `certificate issue` exits 1 when nobody got a certificate: right if the batch was all there.
    expected_exit = 1 if (op.name == "issue" and state == "all") else 0
    assert again["status"] == expected_exit, f"{where}: run again: {log.read_text()}"
    assert _without_audit(row_counts(db)) == _without_audit(ref.after), f"{where}: run again"
    assert integrity(db) == "ok" and number_gaps(db) == [], where
    return out["killed"], state


def _share(name: str) -> int:
    counts = {n: round(KILLS * s) for n, s in SHARE.items()}
    counts["issue"] += KILLS - sum(counts.values())
    return counts[name]


@pytest.mark.parametrize("name", ["issue", "ics", "csv"])
def test_sigkill_leaves_all_or_nothing_and_a_healthy_file(zygote: Zygote, prepared, name: str,
                                                          tmp_path: Path) -> None:
    op = prepared[name]
    rng = random.Random(f"{SEED}-{name}")
    ref = _reference(zygote, op, tmp_path)
    grew = {t: ref.after[t] - ref.before[t] for t in ref.after if ref.after[t] != ref.before[t]}
    started = time.perf_counter()
    outcomes = [_kill_and_check(zygote, op, ref, rng, tmp_path, i) for i in range(_share(name))]
    seconds = time.perf_counter() - started
    killed = sum(k for k, _ in outcomes)
    states = {s: sum(1 for _, x in outcomes if x == s) for s in ("none", "all")}
    print(f"\n{name}: run {ref.seconds * 1000:.0f} ms, writes {grew}; {len(outcomes)} runs, "
          f"{killed} killed mid-run, after the kill none={states['none']} all={states['all']}; "
          f"{seconds:.1f} s ({seconds / max(len(outcomes), 1) * 1000:.0f} ms per kill); seed {SEED}")
    assert killed >= len(outcomes) // 2  # the delays must mostly land inside the run
