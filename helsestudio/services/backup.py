"""Backups: on demand (`helsestudio db backup|restore`) and daily rotation of the local file.

SQLite copies go through the SQLite backup API, which gives a consistent snapshot
even while the program is writing and a WAL file lies beside the database.
PostgreSQL is dumped with `pg_dump` when it is installed.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from helsestudio.services.database import Database
from helsestudio.services.errors import InvalidInput

KEEP_DAILY = 14
DAILY_PREFIX = "daglig-"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    made: datetime


def _sqlite_copy(src: Path, dst: Path) -> None:
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(src)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            # A backup is one self-contained file: opening it later must not leave -wal/-shm beside it.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    tmp.replace(dst)  # a crash mid-copy never leaves a half backup under the real name


def backup(db: Database, target: Path) -> BackupInfo:
    if not target.parent.is_dir():
        raise InvalidInput(f"Mappen {target.parent} finnes ikke: velg en annen plassering")
    if target.is_dir():
        raise InvalidInput(f"{target} er en mappe: oppgi et filnavn, f.eks. {target / 'helsestudio-kopi.db'}")
    if db.is_sqlite:
        source = db.sqlite_path
        if source is None or not source.exists():
            raise InvalidInput("Det finnes ingen lokal databasefil å ta sikkerhetskopi av ennå")
        # Replacing the open database (or its -wal/-shm) with a copy of itself would leave the
        # running program writing to a file that is gone: every later change lost.
        live = source.resolve()
        if target.resolve() in {live, *(live.with_name(live.name + s) for s in ("-wal", "-shm", "-journal"))}:
            raise InvalidInput(f"{target} er selve databasefilen som er i bruk: velg et annet filnavn "
                               "for sikkerhetskopien")
        try:
            _sqlite_copy(source, target)
        except OSError as exc:
            raise InvalidInput(f"Kan ikke skrive sikkerhetskopien {target} "
                               f"({exc.strerror or type(exc).__name__})") from None
        except sqlite3.Error as exc:  # e.g. a folder without write access, or a damaged database
            raise InvalidInput(f"Sikkerhetskopien {target} kunne ikke lages: {exc}") from None
    else:
        _pg_dump(db, target)
    stat = target.stat()
    return BackupInfo(target, stat.st_size, datetime.fromtimestamp(stat.st_mtime))


def _pg_dump(db: Database, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise InvalidInput(
            "pg_dump er ikke installert på denne PC-en: be IT ta sikkerhetskopi på databaseserveren"
        )
    libpq_url = db.url.set(drivername="postgresql").render_as_string(hide_password=False)
    proc = subprocess.run(
        [pg_dump, "--format=custom", f"--file={target}", f"--dbname={libpq_url}"],
        capture_output=True, text=True, timeout=3600,
    )
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or ["ukjent feil"])[0]
        raise InvalidInput(f"pg_dump feilet: {first}")


def _check_is_helsestudio_file(path: Path) -> None:
    if not path.is_file():
        raise InvalidInput(f"Finner ikke filen {path}")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.close()
    except sqlite3.DatabaseError:
        raise InvalidInput(f"{path} er ikke en sikkerhetskopi av en Helsestudio-database") from None
    if ok != "ok":
        raise InvalidInput(f"{path} er skadet (integritetssjekk: {ok}) og kan ikke gjenopprettes")


IN_USE = ("Databasen er i bruk av et annet program (er Helsestudio åpent?): lukk det og prøv "
          "igjen, ellers ville det fortsette å skrive til den gamle filen og endringene gå tapt")


def _take_alone(path: Path) -> sqlite3.Connection | None:
    """Open the current database as its only user, or refuse while another program has it open.

    Leaving WAL mode needs every other connection closed, and folds a WAL left by a crash
    into the file first, so the copy kept aside has it. The exclusive lock is held until
    the caller has replaced the file. None: the file is not a readable database (restore
    is exactly for that), so it is kept aside as it is.
    """
    conn = sqlite3.connect(path, timeout=2, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise InvalidInput(IN_USE)
        conn.execute("BEGIN EXCLUSIVE")
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise InvalidInput(IN_USE) from None
        return None
    except sqlite3.DatabaseError:
        conn.close()
        return None
    except BaseException:
        conn.close()
        raise


def restore(db: Database, source: Path) -> Path:
    """Replace the local database with `source`; the current file is kept aside first."""
    if not db.is_sqlite or db.sqlite_path is None:
        raise InvalidInput("Gjenoppretting gjelder en lokal databasefil; bruk pg_restore for PostgreSQL")
    _check_is_helsestudio_file(source)
    current = db.sqlite_path
    db.dispose()
    kept = current.with_name(f"{current.name}.før-gjenoppretting-{datetime.now():%Y%m%d-%H%M%S}.bak")
    alone = _take_alone(current) if current.exists() else None
    try:
        if current.exists():
            tmp = kept.with_name(kept.name + ".tmp")
            shutil.copyfile(current, tmp)  # as it is on disk: consistent under the lock, or damaged
            tmp.replace(kept)
        _sqlite_copy(source, current)
        # A WAL beside the file belongs to the old database: SQLite would replay it onto the new one.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{current}{suffix}").unlink(missing_ok=True)
    finally:
        if alone is not None:
            alone.close()  # the lock was on the old file, which is gone now
    return kept


def backup_dir(db: Database) -> Path | None:
    path = db.sqlite_path
    return None if path is None else path.parent / "sikkerhetskopier"


def daily_backups(db: Database) -> list[BackupInfo]:
    folder = backup_dir(db)
    if folder is None or not folder.is_dir():
        return []
    files = sorted(folder.glob(f"{DAILY_PREFIX}*.db"), reverse=True)
    return [BackupInfo(p, p.stat().st_size, datetime.fromtimestamp(p.stat().st_mtime)) for p in files]


def rotate_daily(db: Database, today: date | None = None, keep: int = KEEP_DAILY) -> BackupInfo | None:
    """Make today's backup of the local file if there is none yet; keep the newest `keep`."""
    folder = backup_dir(db)
    if folder is None or db.sqlite_path is None or not db.sqlite_path.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    day = today or date.today()
    target = folder / f"{DAILY_PREFIX}{day.isoformat()}.db"
    made = None
    if not target.exists():
        made = backup(db, target)
    for old in daily_backups(db)[keep:]:
        old.path.unlink(missing_ok=True)
    return made
