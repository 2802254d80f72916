"""The append-only audit log: who changed what, when, and why.

Entries form a hash chain (`seq`, `prev_hash`, `row_hash`; services/audit_chain.py)
so a deleted or edited entry is found by `helsestudio audit verify`. On PostgreSQL
the server fills `at`, `db_user`, `source` and `txid` itself (migration 0006), so a
client cannot backdate an entry or write one in another login's name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from helsestudio.models.base import Base, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")
    # The chain: position, the previous entry's hash, this entry's hash.
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))
    # "app" for an entry a service wrote, "db" for one a PostgreSQL trigger wrote
    # because a change was made outside the program (raw SQL).
    source: Mapped[str] = mapped_column(String(8), default="app", server_default="app")
    db_user: Mapped[str | None] = mapped_column(String(128))  # the PostgreSQL login, set by the server
    txid: Mapped[int | None] = mapped_column(BigInteger, index=True)  # PostgreSQL transaction
