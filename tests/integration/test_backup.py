"""db backup / restore and the daily rotation of the local file (issue 7, crash safety and backups)."""

from __future__ import annotations

import sqlite3
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
