"""Alembic environment. Run through helsestudio.services.migrate, which passes the connection."""

from __future__ import annotations

from alembic import context

from helsestudio.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the service layer runs migrations
    raise RuntimeError("run migrations through `helsestudio db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # Batch mode rewrites tables on SQLite, whose ALTER TABLE cannot drop or change columns.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
