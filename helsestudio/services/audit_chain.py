"""The audit log's hash chain: every entry carries the hash of the one before it.

Each entry's `row_hash` is sha256 over a canonical text of the entry (including
its `seq` and `prev_hash`), so deleting an entry leaves a gap in `seq` and a
`prev_hash` that points nowhere, and editing one makes its hash wrong.

The same formula runs in two places and must never change (every existing
chain would stop verifying):
- PostgreSQL: the `hs_audit_chain` trigger (migration 0006) chains each entry
  when its transaction commits, under an advisory lock, so the chain follows
  commit order even with many PCs writing.
- SQLite: `chain_pending` chains the entries a transaction added, just before
  it commits; writes there already hold the database's one write lock.

JSON columns are hashed as the text stored in the database (PostgreSQL's `json`
type keeps its input text verbatim), so Python and PL/pgSQL never need to agree
on how to print JSON.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Text, bindparam, cast, select, update
from sqlalchemy.orm import Session

from helsestudio.models import AuditEntry

FORMAT_TAG = "hs-audit-v1"
GENESIS = "0" * 64  # the prev_hash of the first entry


@dataclass(frozen=True)
class StoredEntry:
    """One audit row as stored: JSON columns as their stored text."""

    id: int
    seq: int | None
    prev_hash: str | None
    row_hash: str | None
    at: datetime
    db_user: str | None
    source: str
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    reason: str


def _field(value: str | None) -> str:
    # Length-prefixed, so no value can be mistaken for a separator or for NULL.
    return "|-" if value is None else f"|{len(value)}:{value}"


def format_at(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def canonical_text(e: StoredEntry, seq: int, prev_hash: str) -> str:
    """The text that is hashed; `hs_audit_canonical` in migration 0006 builds the same."""
    parts = (str(seq), prev_hash, format_at(e.at), e.db_user, e.source, e.actor, e.action,
             e.entity, e.entity_id, e.before, e.after, e.reason)
    return FORMAT_TAG + "".join(_field(p) for p in parts)


def entry_hash(e: StoredEntry, seq: int, prev_hash: str) -> str:
    return hashlib.sha256(canonical_text(e, seq, prev_hash).encode("utf-8")).hexdigest()


_COLUMNS = (
    AuditEntry.id, AuditEntry.seq, AuditEntry.prev_hash, AuditEntry.row_hash, AuditEntry.at,
    AuditEntry.db_user, AuditEntry.source, AuditEntry.actor, AuditEntry.action, AuditEntry.entity,
    AuditEntry.entity_id, cast(AuditEntry.before, Text), cast(AuditEntry.after, Text),
    AuditEntry.reason,
)


def stored_entries(session: Session, *, unchained_only: bool = False) -> Iterator[StoredEntry]:
    """Entries in chain order (chained by seq, then any unchained ones by id)."""
    stmt = select(*_COLUMNS)
    if unchained_only:
        stmt = stmt.where(AuditEntry.seq.is_(None)).order_by(AuditEntry.id)
    else:
        stmt = stmt.order_by(AuditEntry.seq.is_(None), AuditEntry.seq, AuditEntry.id)
    for row in session.execute(stmt.execution_options(yield_per=2000)):
        yield StoredEntry(*row)


def chain_head(session: Session) -> tuple[int, str]:
    """(seq, row_hash) of the newest chained entry, or (0, GENESIS) for an empty log."""
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.row_hash)
        .where(AuditEntry.seq.is_not(None)).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def chain_pending(session: Session) -> int:
    """Chain the entries not chained yet (SQLite, in the writing transaction). Returns how many."""
    pending = list(stored_entries(session, unchained_only=True))
    if not pending:
        return 0
    seq, prev = chain_head(session)
    links = []
    for entry in pending:
        seq += 1
        digest = entry_hash(entry, seq, prev)
        links.append({"b_id": entry.id, "seq": seq, "prev_hash": prev, "row_hash": digest})
        prev = digest
    stmt = (update(AuditEntry.__table__).where(AuditEntry.__table__.c.id == bindparam("b_id"))
            .values(seq=bindparam("seq"), prev_hash=bindparam("prev_hash"),
                    row_hash=bindparam("row_hash")))
    session.connection().execute(stmt, links)
    return len(links)


@dataclass(frozen=True)
class VerifyResult:
    entries: int
    broken_id: int | None = None
    broken_seq: int | None = None
    problem: str = ""
    head_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify(session: Session) -> VerifyResult:
    """Walk the chain from the first entry; stop at the first one that does not hold."""
    prev = GENESIS
    count = 0
    for expected_seq, entry in enumerate(stored_entries(session), 1):
        if entry.seq is None or entry.row_hash is None:
            return VerifyResult(count, entry.id, None, "har ingen lenke i kjeden")
        if entry.seq != expected_seq:
            return VerifyResult(count, entry.id, entry.seq,
                                f"oppføring nr. {expected_seq} mangler (slettet?)")
        if entry.prev_hash != prev:
            return VerifyResult(count, entry.id, entry.seq,
                                "peker ikke på oppføringen før (slettet eller endret?)")
        if entry_hash(entry, entry.seq, prev) != entry.row_hash:
            return VerifyResult(count, entry.id, entry.seq, "innholdet er endret etter at det ble logget")
        prev = entry.row_hash
        count += 1
    return VerifyResult(count, head_hash=prev)
