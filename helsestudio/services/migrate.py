"""Schema upgrades with the Alembic migrations shipped inside the package.

Before a local SQLite file is upgraded it is copied aside, so a failed or
unwanted upgrade can always be undone by putting the copy back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from helsestudio.services.database import Database

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic costs about half a second to import. Start-up only needs to know whether
# the database is at the newest revision, so that is answered from the migration
# files' text and the `alembic_version` table; Alembic is imported only to upgrade.
# A test checks that this reading agrees with Alembic's own.
_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*(?::[^=]*)?=\s*["\']?([\w.-]+|None)["\']?', re.M)


def _versions_dir() -> Path:
    return Path(str(resources.files("helsestudio") / "migrations" / "versions"))


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("helsestudio") / "migrations"))
    return cfg


@cache
def head_revision() -> str:
    """The newest revision: the one no other migration names as its predecessor."""
    revisions: set[str] = set()
    predecessors: set[str] = set()
    for path in _versions_dir().glob("[0-9]*.py"):
        found = dict(m.groups() for m in _REVISION_LINE.finditer(path.read_text(encoding="utf-8")))
        revisions.add(found["revision"])
        predecessors.add(found.get("down_revision", "None"))
    heads = revisions - predecessors
    if len(heads) != 1:
        raise RuntimeError(f"the shipped migrations must have one head, found {sorted(heads)}")
    return heads.pop()


def current_revision(db: Database) -> str | None:
    with db.translate_errors(), db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _backup_sqlite(db: Database, revision: str | None) -> Path | None:
    path = db.sqlite_path
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.før-{revision or 'tom'}-{stamp}.bak")
    # The SQLite backup API copies a consistent snapshot even with a WAL file beside it.
    import sqlite3

    with sqlite3.connect(path) as src, sqlite3.connect(backup) as dst:
        src.backup(dst)
    return backup


def upgrade_to_head(db: Database) -> UpgradeResult:
    """Bring the database to the newest schema; a no-op when it is already there."""
    before = current_revision(db)
    head = head_revision()
    if before == head:
        return UpgradeResult(before, head, None)
    from alembic import command

    backup = _backup_sqlite(db, before) if before is not None else None
    cfg = _alembic_config()
    with db.translate_errors(), db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(before, head, backup)


