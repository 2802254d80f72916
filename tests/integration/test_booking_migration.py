"""Migration 0002 (R4 constraint, crisis periods, closures) goes up, down and up again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from helsestudio.services.database import Database
from helsestudio.services.migrate import _alembic_config


def test_r4_migration_0002_round_trips_on_both_databases(db_url: str) -> None:
    db = Database(db_url)
    try:
        cfg = _alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0002")
            command.downgrade(cfg, "0001")
            assert "crisis_periods" not in inspect(conn).get_table_names()
            command.upgrade(cfg, "0002")
            tables = set(inspect(conn).get_table_names())
            columns = {c["name"] for c in inspect(conn).get_columns("bookings")}
        assert {"crisis_periods", "studio_closures"} <= tables and "hours_override" in columns
    finally:
        db.dispose()
