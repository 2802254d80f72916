"""db backup / restore and the daily rotation of the local file (issue 7, crash safety and backups)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from helsestudio.services import backup, users
from helsestudio.services.app import AppContext
from tests.helpers import cli_inproc


def _usernames(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("select username from users")}


def test_backup_and_restore_round_trip(sqlite_url: str, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext.open(sqlite_url)
    users.add_user(ctx, "kari", "superbruker")
    ctx.close()
    copy = tmp_path / "kopi.db"
    made = cli_inproc("--json", "db", "backup", str(copy), db=sqlite_url, capsys=capsys)
    assert made.code == 0, made.err
    assert _usernames(copy) == {"admin", "kari"}

    ctx = AppContext.open(sqlite_url)
    users.add_user(ctx, "ola", "instruktor")  # a change made after the backup …
    ctx.close()
    restored = cli_inproc("--json", "db", "restore", str(copy), db=sqlite_url, capsys=capsys)
    assert restored.code == 0, restored.err
    db_file = Path(sqlite_url.removeprefix("sqlite:///"))
    assert _usernames(db_file) == {"admin", "kari"}  # … is gone after the restore
    assert _usernames(Path(restored.json["previous_kept_as"])) == {"admin", "kari", "ola"}


def test_restore_refuses_a_file_that_is_not_a_backup(sqlite_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    AppContext.open(sqlite_url).close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    result = cli_inproc("db", "restore", str(junk), db=sqlite_url, capsys=capsys)
    assert result.code == 2 and "ikke en sikkerhetskopi" in result.err
    assert _usernames(Path(sqlite_url.removeprefix("sqlite:///"))) == {"admin"}


def test_daily_backups_rotate_keeping_fourteen(sqlite_ctx: AppContext) -> None:
    first = date(2026, 11, 1)
    for offset in range(20):
        backup.rotate_daily(sqlite_ctx.db, today=first + timedelta(days=offset))
    again = backup.rotate_daily(sqlite_ctx.db, today=first + timedelta(days=19))
    names = [b.path.name for b in backup.daily_backups(sqlite_ctx.db)]
    assert again is None  # one a day
    assert len(names) == 14
    assert names[0] == "daglig-2026-11-20.db" and names[-1] == "daglig-2026-11-07.db"


def _db_file(sqlite_url: str) -> Path:
    return Path(sqlite_url.removeprefix("sqlite:///"))


def _backup_then_add(sqlite_url: str, tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    ctx = AppContext.open(sqlite_url)
    users.add_user(ctx, "kari", "superbruker")
    ctx.close()
    copy = tmp_path / "kopi.db"
    assert cli_inproc("db", "backup", str(copy), db=sqlite_url, capsys=capsys).code == 0
    assert not Path(f"{copy}-wal").exists()  # a backup is one self-contained file
    ctx = AppContext.open(sqlite_url)
    users.add_user(ctx, "ola", "instruktor")
    ctx.close()
    return copy


def test_restore_over_a_wal_left_by_a_crash_does_not_bring_back_its_rows(
        sqlite_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    copy = _backup_then_add(sqlite_url, tmp_path, capsys)
    db_file = _db_file(sqlite_url)
    # A program killed mid-work leaves a change only in the -wal file beside the database.
    crash = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute(\"UPDATE users SET username = 'stale' WHERE username = 'ola'\")\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", crash, str(db_file)], check=False)
    assert done.returncode == -signal.SIGKILL and Path(f"{db_file}-wal").stat().st_size > 0
    restored = cli_inproc("--json", "db", "restore", str(copy), db=sqlite_url, capsys=capsys)
    assert restored.code == 0, restored.err
    assert not Path(f"{db_file}-wal").exists()  # SQLite would replay it onto the restored file
    assert _usernames(db_file) == {"admin", "kari"}
    # The copy kept aside has what the crashed program had written.
    assert _usernames(Path(restored.json["previous_kept_as"])) == {"admin", "kari", "stale"}


def test_restore_refuses_while_another_program_has_the_database_open(
        sqlite_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    copy = _backup_then_add(sqlite_url, tmp_path, capsys)
    db_file = _db_file(sqlite_url)
    other = sqlite3.connect(db_file, isolation_level=None)  # the program, open on the same file
    try:
        other.execute("PRAGMA journal_mode=WAL")
        other.execute("SELECT count(*) FROM users").fetchone()
        refused = cli_inproc("db", "restore", str(copy), db=sqlite_url, capsys=capsys)
        assert refused.code == 2 and "i bruk av et annet program" in refused.err
        other.execute("UPDATE users SET display_name = 'Ola' WHERE username = 'ola'")
    finally:
        other.close()
    assert _usernames(db_file) == {"admin", "kari", "ola"}  # its change went to the real file
    assert list(tmp_path.glob("*.før-gjenoppretting-*")) == []


def test_restore_replaces_a_damaged_database(sqlite_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    copy = _backup_then_add(sqlite_url, tmp_path, capsys)
    db_file = _db_file(sqlite_url)
    db_file.write_bytes(b"\x00garbage" * 5000)  # what a restore is for
    restored = cli_inproc("--json", "db", "restore", str(copy), db=sqlite_url, capsys=capsys)
    assert restored.code == 0, restored.err
    assert _usernames(db_file) == {"admin", "kari"}
    assert Path(restored.json["previous_kept_as"]).read_bytes() == b"\x00garbage" * 5000
    assert [p.name for p in tmp_path.glob("*.tmp")] == []


def test_backup_to_a_folder_or_into_a_file_is_one_line_and_exit_2(
        sqlite_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    AppContext.open(sqlite_url).close()
    a_file = tmp_path / "fil.txt"
    a_file.write_text("x")
    for target in (tmp_path, a_file / "kopi.db"):
        r = cli_inproc("db", "backup", str(target), db=sqlite_url, capsys=capsys)
        assert r.code == 2 and r.err.count("\n") == 1 and "mappe" in r.err.lower(), r.err
    key = cli_inproc("certificate", "public-key", "-o", str(tmp_path), db=sqlite_url, capsys=capsys)
    assert key.code == 2 and "er en mappe" in key.err


def test_backup_onto_the_open_database_itself_is_refused_and_loses_nothing(sqlite_ctx: AppContext) -> None:
    """A backup over the live file (or its -wal) would leave the program writing to a vanished file."""
    import pytest

    from helsestudio.services.errors import InvalidInput

    live = sqlite_ctx.db.sqlite_path
    assert live is not None
    users.add_user(sqlite_ctx, "kari", "superbruker")
    for target in (live, live.with_name(live.name + "-wal"), live.parent / "." / live.name):
        with pytest.raises(InvalidInput, match="selve databasefilen"):
            backup.backup(sqlite_ctx.db, target)
    users.add_user(sqlite_ctx, "ola", "superbruker")  # still writing to the real file
    with sqlite3.connect(live) as conn:
        assert {r[0] for r in conn.execute("SELECT username FROM users")} >= {"kari", "ola"}
