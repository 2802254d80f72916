"""Opening Helsestudio's database for a session of work (CLI run or GUI)."""

from __future__ import annotations

from dataclasses import dataclass

from helsestudio.services import migrate, users
from helsestudio.services.database import Database


@dataclass
class AppContext:
    """What every service call needs: the database and who is acting.

    Widgets and CLI commands receive this object; it is not a global.
    """

    db: Database
    username: str

    @classmethod
    def open(cls, url: str | None = None, *, upgrade: bool = True) -> AppContext:
        db = Database(url)
        db.check_connection()
        if upgrade:
            migrate.upgrade_to_head(db)
        ctx = cls(db=db, username=db.current_username())
        if upgrade and not users.any_user(db):
            # Only a new database needs this; the common case takes no write lock at start-up.
            with db.write() as session:
                users.ensure_first_administrator(session, ctx.username)
        return ctx

    def close(self) -> None:
        self.db.dispose()
