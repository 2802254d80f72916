"""Certificates (kursbevis, C6): an immutable snapshot, numbered per year, signed.

Everything printed on a certificate is copied into its row when it is issued,
so a later change to a person's name, a course type's learning outcomes or the
organisation name never changes a certificate already handed out, and a
reprint is byte-identical. The only change ever allowed is revocation; a
correction is a revocation plus a new certificate whose `replaces_id` points
to the old one. `guard_immutable` enforces this for every ORM flush.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, event, inspect, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from helsestudio.models.base import Base, utcnow

TEMPLATE_VERSION = 1
REVOCATION_FIELDS = frozenset({"revoked_at", "revoked_by", "revoke_reason"})


class CertificateCounter(Base):
    """The last certificate number used in a year; its row lock serialises concurrent issuing."""

    __tablename__ = "certificate_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(default=0)


class SigningKeyRecord(Base):
    """A public signing key used by a PC of this database, so PCs sharing it verify each other.

    Only the public half is stored; the private key never leaves its PC's key folder.
    """

    __tablename__ = "signing_keys"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_pem: Mapped[str] = mapped_column(Text)
    first_used_at: Mapped[datetime] = mapped_column(default=utcnow)
    first_used_by: Mapped[str] = mapped_column(String(128), default="")


class Certificate(Base):
    __tablename__ = "certificates"
    # One live certificate per enrolment: two PCs issuing for the same session at once
    # cannot both give the same person a certificate (the loser retries and sees it).
    __table_args__ = (
        Index(
            "uq_certificates_live_enrolment", "enrolment_id", unique=True,
            postgresql_where=text("revoked_at IS NULL"), sqlite_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)  # YYYY-NNNNNN
    code: Mapped[str] = mapped_column(String(16), unique=True)  # XXXX-XXXX-XXXX
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(200))
    person_hpr: Mapped[str | None] = mapped_column(String(9))
    unit_name: Mapped[str] = mapped_column(String(200), default="")
    course_type_id: Mapped[int] = mapped_column(ForeignKey("course_types.id"), index=True)
    course_code: Mapped[str] = mapped_column(String(32))
    course_name: Mapped[str] = mapped_column(String(200))
    outcomes: Mapped[str] = mapped_column(Text, default="")  # one per line, as they were
    # [{"component": "attendance", "completed_on": "2026-03-03", "evidence": "…"}]
    components: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    equipment: Mapped[str | None] = mapped_column(String(100))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("course_sessions.id"), index=True)
    enrolment_id: Mapped[int | None] = mapped_column(ForeignKey("enrolments.id"), index=True)
    course_first_day: Mapped[date | None]
    course_last_day: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    instructor_name: Mapped[str] = mapped_column(String(200), default="")
    organisation_name: Mapped[str] = mapped_column(String(500), default="")
    issued_on: Mapped[date]
    valid_until: Mapped[date | None]  # the last valid day (C5)
    template_version: Mapped[int] = mapped_column(default=TEMPLATE_VERSION)
    payload: Mapped[str] = mapped_column(Text)  # the signed QR payload (signing.make_payload)
    key_id: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(128))
    revoked_at: Mapped[datetime | None]
    revoked_by: Mapped[str | None] = mapped_column(String(128))
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))


class ImmutableCertificate(Exception):
    """A programming error: something tried to edit an issued certificate."""


@event.listens_for(Session, "before_flush")
def guard_immutable(session: Session, _context: Any, _instances: Any) -> None:
    """C6: refuse any flush that edits a certificate other than by revoking it, or deletes one."""
    for obj in session.dirty:
        if not isinstance(obj, Certificate):
            continue
        state = inspect(obj)
        changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
        if changed - REVOCATION_FIELDS:
            raise ImmutableCertificate(
                f"Kursbevis {obj.number} kan ikke endres ({', '.join(sorted(changed))}); "
                "trekk det tilbake og utsted et nytt"
            )
    for obj in session.deleted:
        if isinstance(obj, Certificate):
            raise ImmutableCertificate(f"Kursbevis {obj.number} kan ikke slettes, bare trekkes tilbake")
