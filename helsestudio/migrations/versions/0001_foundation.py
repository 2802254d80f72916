"""Foundation: roles, users, audit log, settings, rooms, categories, platforms, bookings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    roles = op.create_table(
        "roles",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name_nb", sa.String(64), nullable=False),
        sa.Column("name_en", sa.String(64), nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(128), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role_code", sa.String(32), sa.ForeignKey("roles.code"), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TS, nullable=False, index=True),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON),
    )
    rooms = op.create_table(
        "rooms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    categories = op.create_table(
        "booking_categories",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("colour", sa.String(9), nullable=False),
    )
    platforms = op.create_table(
        "platforms",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("capacity", sa.Integer),
        sa.Column("sort_order", sa.Integer, nullable=False),
    )
    op.create_table(
        "booking_series",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column(
            "category_code", sa.String(32), sa.ForeignKey("booking_categories.code"), nullable=False
        ),
        sa.Column("weekday", sa.Integer, nullable=False),
        sa.Column("start_time", sa.String(5), nullable=False),
        sa.Column("end_time", sa.String(5), nullable=False),
        sa.Column("first_date", sa.Date, nullable=False),
        sa.Column("last_date", sa.Date, nullable=False),
        sa.Column("platform_code", sa.String(32), sa.ForeignKey("platforms.code"), nullable=False),
        sa.Column("participants", sa.Integer),
        sa.Column("organizer_name", sa.String(200), nullable=False),
        sa.Column("uid", sa.String(200), nullable=False, unique=True),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column(
            "category_code", sa.String(32), sa.ForeignKey("booking_categories.code"), nullable=False
        ),
        sa.Column("state", sa.String(16), nullable=False, index=True),
        sa.Column("start", TS, nullable=False),
        sa.Column("end", TS, nullable=False),
        sa.Column("blocked_until", TS),
        sa.Column("participants", sa.Integer),
        sa.Column("platform_code", sa.String(32), sa.ForeignKey("platforms.code"), nullable=False),
        sa.Column("assist_requested", sa.Boolean, nullable=False),
        sa.Column("assist_user_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("organizer_name", sa.String(200), nullable=False),
        sa.Column("organizer_unit", sa.String(200), nullable=False),
        sa.Column("organizer_contact", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("state_reason", sa.Text, nullable=False),
        sa.Column("displaced_by_id", sa.Integer, sa.ForeignKey("bookings.id")),
        sa.Column("series_id", sa.Integer, sa.ForeignKey("booking_series.id"), index=True),
        sa.Column("occurrence_date", sa.Date),
        sa.Column("uid", sa.String(200), nullable=False, unique=True),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
    )
    op.create_index("ix_bookings_room_start", "bookings", ["room_id", "start"])

    op.bulk_insert(
        roles,
        [
            {"code": "superbruker", "name_nb": "Superbruker", "name_en": "Studio superuser"},
            {"code": "faglig_leder", "name_nb": "Faglig leder", "name_en": "Studio lead"},
            {"code": "instruktor", "name_nb": "Instruktør", "name_en": "Instructor"},
            {"code": "koordinator", "name_nb": "Koordinator", "name_en": "Training coordinator"},
            {"code": "administrator", "name_nb": "Administrator", "name_en": "Administrator"},
        ],
    )
    op.bulk_insert(rooms, [{"id": 1, "code": "studio2037", "name": "Studio 2037"}])
    # R1: the default priority order, highest first.
    op.bulk_insert(
        categories,
        [
            {"code": "fredagsmote", "name": "Fredagsmøte", "priority": 1, "colour": "#1f77b4"},
            {"code": "regut", "name": "RegUt-kurs og opplæring", "priority": 2, "colour": "#2ca02c"},
            {"code": "ledermote", "name": "Ledermøte nivå 2/3", "priority": 3, "colour": "#9467bd"},
            {"code": "produksjon", "name": "Produksjon av læringsressurser", "priority": 4, "colour": "#ff7f0e"},
            {"code": "annet", "name": "Annen kursaktivitet", "priority": 5, "colour": "#7f7f7f"},
        ],
    )
    # R7: platform capacities (None = unlimited).
    op.bulk_insert(
        platforms,
        [
            {"code": "teams", "name": "Microsoft Teams", "capacity": 1000, "sort_order": 1},
            {"code": "2meet", "name": "Whereby «2meet Consult»", "capacity": 50, "sort_order": 2},
            {"code": "nhn", "name": "Norsk Helsenett video (join.nhn.no)", "capacity": None, "sort_order": 3},
            {"code": "ingen", "name": "Ingen (opptak/produksjon)", "capacity": None, "sort_order": 4},
        ],
    )


def downgrade() -> None:
    for table in (
        "bookings", "booking_series", "platforms", "booking_categories", "rooms",
        "settings", "audit_log", "users", "roles",
    ):
        op.drop_table(table)
