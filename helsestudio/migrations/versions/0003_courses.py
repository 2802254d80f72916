"""Courses: course types, people, units, sessions, enrolments, completions (C1-C5, C9)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("units.id"), index=True),
        sa.UniqueConstraint("name", "parent_id", name="uq_units_name_parent"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, index=True),
        sa.Column("email", sa.String(254), nullable=False, index=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), index=True),
        sa.Column("hpr", sa.String(9), unique=True),
        sa.Column("search_key", sa.String(500), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "course_types",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("outcomes", sa.Text, nullable=False),
        sa.Column("requires_elearning", sa.Boolean, nullable=False),
        sa.Column("requires_attendance", sa.Boolean, nullable=False),
        sa.Column("requires_assessment", sa.Boolean, nullable=False),
        sa.Column("validity_months", sa.Integer),
        sa.Column("instructor_qualification_id", sa.Integer, sa.ForeignKey("course_types.id")),
        sa.Column("equipment", sa.JSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "course_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "course_type_id", sa.Integer, sa.ForeignKey("course_types.id"), nullable=False, index=True
        ),
        sa.Column("start", TS, nullable=False, index=True),
        sa.Column("end", TS, nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("booking_id", sa.Integer, sa.ForeignKey("bookings.id")),
        sa.Column("capacity", sa.Integer),
        sa.Column("activity_type", sa.String(32), nullable=False),
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "session_instructors",
        sa.Column(
            "session_id", sa.Integer,
            sa.ForeignKey("course_sessions.id", ondelete="CASCADE"), primary_key=True,
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), primary_key=True),
    )
    op.create_table(
        "enrolments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id", sa.Integer, sa.ForeignKey("course_sessions.id"), nullable=False, index=True
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False, index=True),
        sa.Column("equipment", sa.String(100)),
        sa.Column("enrolled_at", TS, nullable=False),
        sa.UniqueConstraint("session_id", "person_id", name="uq_enrolments_session_person"),
    )
    op.create_table(
        "completions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "enrolment_id", sa.Integer,
            sa.ForeignKey("enrolments.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column("component", sa.String(16), nullable=False),
        sa.Column("completed_on", sa.Date, nullable=False),
        sa.Column("evidence", sa.String(200), nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("recorded_at", TS, nullable=False),
        sa.Column("recorded_by", sa.String(128), nullable=False),
    )
    op.create_index(
        "ix_completions_enrolment_component", "completions", ["enrolment_id", "component"]
    )
    op.create_table(
        "external_qualifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False, index=True),
        sa.Column("course_type_id", sa.Integer, sa.ForeignKey("course_types.id"), nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("equipment", sa.String(100)),
        sa.Column("recorded_at", TS, nullable=False),
        sa.Column("recorded_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "import_mappings",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("columns", sa.JSON, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "import_mappings", "external_qualifications", "completions", "enrolments",
        "session_instructors", "course_sessions", "course_types", "people", "units",
    ):
        op.drop_table(table)
