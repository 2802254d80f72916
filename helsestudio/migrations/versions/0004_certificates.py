"""Certificates (kursbevis): numbering, snapshots, revocation (C6)

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "certificate_counters",
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last_number", sa.Integer, nullable=False),
    )
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer, primary_key=True),
        # The unique number is the backstop behind the counter row (concurrent issuing).
        sa.Column("number", sa.String(16), nullable=False, unique=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False, index=True),
        sa.Column("person_name", sa.String(200), nullable=False),
        sa.Column("person_hpr", sa.String(9)),
        sa.Column("unit_name", sa.String(200), nullable=False),
        sa.Column(
            "course_type_id", sa.Integer, sa.ForeignKey("course_types.id"), nullable=False, index=True
        ),
        sa.Column("course_code", sa.String(32), nullable=False),
        sa.Column("course_name", sa.String(200), nullable=False),
        sa.Column("outcomes", sa.Text, nullable=False),
        sa.Column("components", sa.JSON, nullable=False),
        sa.Column("equipment", sa.String(100)),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("course_sessions.id"), index=True),
        sa.Column("enrolment_id", sa.Integer, sa.ForeignKey("enrolments.id"), index=True),
        sa.Column("course_first_day", sa.Date),
        sa.Column("course_last_day", sa.Date),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("instructor_id", sa.Integer, sa.ForeignKey("people.id")),
        sa.Column("instructor_name", sa.String(200), nullable=False),
        sa.Column("organisation_name", sa.String(500), nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date),
        sa.Column("template_version", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("issued_by", sa.String(128), nullable=False),
        sa.Column("revoked_at", TS),
        sa.Column("revoked_by", sa.String(128)),
        sa.Column("revoke_reason", sa.Text),
        sa.Column("replaces_id", sa.Integer, sa.ForeignKey("certificates.id")),
    )
    op.create_index(
        "uq_certificates_live_enrolment", "certificates", ["enrolment_id"], unique=True,
        postgresql_where=sa.text("revoked_at IS NULL"), sqlite_where=sa.text("revoked_at IS NULL"),
    )
    op.create_table(
        "signing_keys",
        sa.Column("key_id", sa.String(16), primary_key=True),
        sa.Column("public_pem", sa.Text, nullable=False),
        sa.Column("first_used_at", TS, nullable=False),
        sa.Column("first_used_by", sa.String(128), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("signing_keys")
    op.drop_index("uq_certificates_live_enrolment", table_name="certificates")
    op.drop_table("certificates")
    op.drop_table("certificate_counters")
