"""Booking rules: R4 exclusion constraint (PostgreSQL), R6 crisis periods, R9 closures

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

# R4 in the database: two confirmed bookings of one room never share a moment of
# [start, end + buffer). The loser of a race between two PCs gets SQLSTATE 23P01,
# which the booking service turns into an R4 refusal.
EXCLUDE_DDL = (
    "ALTER TABLE bookings ADD CONSTRAINT ex_bookings_no_double_booking "
    'EXCLUDE USING gist (room_id WITH =, tstzrange("start", blocked_until) WITH &&) '
    "WHERE (state = 'bekreftet')"
)


def _ensure_btree_gist() -> None:
    # The extension may already exist (installed by a DBA or in another schema on the
    # search_path); only try to create it when no schema has it, so a login without
    # CREATE rights on the database still upgrades a prepared server.
    bind = op.get_bind()
    present = bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'"))
    if present.first() is None:
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(
            sa.Column("hours_override", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.create_check_constraint("end_after_start", sa.text('"end" > start'))
        batch.create_check_constraint(
            "confirmed_blocks",
            sa.text("state <> 'bekreftet' OR blocked_until IS NOT NULL"),
        )
    op.create_index("ix_bookings_state_start", "bookings", ["state", "start"])
    op.create_table(
        "crisis_periods",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("priority_order", sa.String(500), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("started_by", sa.String(128), nullable=False),
        sa.Column("ended_at", TS),
        sa.Column("ended_by", sa.String(128)),
    )
    op.create_table(
        "studio_closures",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
    )
    if dialect == "postgresql":
        _ensure_btree_gist()
        op.execute(EXCLUDE_DDL)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE bookings DROP CONSTRAINT ex_bookings_no_double_booking")
    op.drop_table("studio_closures")
    op.drop_table("crisis_periods")
    op.drop_index("ix_bookings_state_start", "bookings")
    with op.batch_alter_table("bookings") as batch:
        batch.drop_constraint("confirmed_blocks", type_="check")
        batch.drop_constraint("end_after_start", type_="check")
        batch.drop_column("hours_override")
