"""Writing to the append-only audit log. No service updates or deletes an entry.

On SQLite the entries a transaction wrote are chained (services/audit_chain.py)
just before it commits; on PostgreSQL a trigger does that, and triggers also log
changes made outside the program. A service entry is the one entry for its
change there too: the row-level trigger stays silent in a transaction that has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import ORMExecuteState, Session

from helsestudio.models import AuditEntry, Base
from helsestudio.services import audit_chain

_PENDING = "helsestudio.audit_pending"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: Base, columns: Iterable[str] | None = None) -> dict[str, Any]:
    """The column values of a mapped object, JSON-ready, for before/after records."""
    mapper = sa_inspect(obj).mapper
    names = list(columns) if columns is not None else [c.key for c in mapper.column_attrs]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Add one audit entry in the caller's transaction (it commits or rolls back with the change)."""
    if before is not None and after is not None:
        # Keep only what changed, so the log reads as a list of edits.
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        reason=reason,
    )
    session.add(entry)
    session.info[_PENDING] = True
    return entry


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_insert(state: ORMExecuteState) -> None:
    # Bulk paths (ics_import) insert entries with Core `insert(AuditEntry)`, not record().
    if state.is_insert and state.bind_mapper is not None and state.bind_mapper.class_ is AuditEntry:
        state.session.info[_PENDING] = True


@event.listens_for(Session, "before_commit")
def _chain_on_sqlite(session: Session) -> None:
    if not session.info.pop(_PENDING, False):
        return
    session.flush()
    if session.get_bind().dialect.name == "sqlite":
        audit_chain.chain_pending(session)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def history(session: Session, entity: str, entity_id: object) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(stmt))
