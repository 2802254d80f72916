"""The audit log's hash chain and `helsestudio audit verify`, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import psycopg
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from helsestudio.models import AuditEntry
from helsestudio.services import audit_chain, settings, users
from helsestudio.services.app import AppContext
from tests.helpers import cli_inproc


def _tamper(url: str, *statements: str) -> None:
    """Edit the log as its owner, triggers off: what someone with the server's keys could do."""
    if url.startswith("sqlite"):
        engine = create_engine(url)
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
        engine.dispose()
        return
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        conn.execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
        for statement in statements:
            conn.execute(statement)
        conn.execute("ALTER TABLE audit_log ENABLE TRIGGER USER")


def _some_history(ctx: AppContext) -> None:
    users.add_user(ctx, "per", "superbruker")
    users.add_user(ctx, "per", "faglig leder")
    settings.set_value(ctx, "buffer_minutes", "20", reason="mer rigging: æøå ✓")
    users.add_user(ctx, "ida", "instruktor")


def test_chain_links_every_entry_and_verify_says_ok(
        ctx: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    _some_history(ctx)
    with ctx.db.read() as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == audit_chain.GENESIS
    assert all(b.prev_hash == a.row_hash for a, b in zip(entries, entries[1:], strict=False))
    result = cli_inproc("audit", "verify", db=ctx.db.url.render_as_string(hide_password=False),
                        capsys=capsys)
    assert (result.code, result.out.split(" (")[0]) == (0, f"ok, {len(entries)} oppføringer")


@pytest.mark.parametrize("tampering, problem", [
    ("UPDATE audit_log SET reason = 'ingen grunn' WHERE seq = 3", "endret"),
    ("DELETE FROM audit_log WHERE seq = 3", "mangler"),
])
def test_an_edited_or_deleted_entry_is_found_by_verify(
        ctx: AppContext, capsys: pytest.CaptureFixture[str], tampering: str, problem: str) -> None:
    _some_history(ctx)
    url = ctx.db.url.render_as_string(hide_password=False)
    with ctx.db.read() as s:
        third, fourth = s.execute(select(AuditEntry.id).where(AuditEntry.seq.in_((3, 4)))
                                  .order_by(AuditEntry.seq)).scalars().all()
    _tamper(url, tampering)
    result = cli_inproc("--json", "audit", "verify", db=url, capsys=capsys)
    assert result.code == 1
    broken = result.json["broken"]
    assert broken["id"] == (third if problem == "endret" else fourth)
    assert problem in broken["problem"] and result.json["entries"] == 2
    plain = cli_inproc("audit", "verify", db=url, capsys=capsys)
    assert plain.code == 1 and "oppføring" in plain.err and problem in plain.err


def test_an_edit_with_a_recomputed_hash_still_breaks_the_next_link(
        ctx: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    """Someone who knows the formula edits entry 2 and gives it a matching hash: entry 3
    still points at the old hash (to hide that, every later entry must be rewritten, and the
    head hash printed by an earlier `audit verify` would then differ)."""
    _some_history(ctx)
    url = ctx.db.url.render_as_string(hide_password=False)
    _tamper(url, "UPDATE audit_log SET reason = 'ingen grunn' WHERE seq = 2")
    with ctx.db.read() as s:
        edited = next(e for e in audit_chain.stored_entries(s) if e.seq == 2)
    digest = audit_chain.entry_hash(edited, 2, edited.prev_hash or "")
    _tamper(url, f"UPDATE audit_log SET row_hash = '{digest}' WHERE seq = 2")
    result = cli_inproc("--json", "audit", "verify", db=url, capsys=capsys)
    assert result.code == 1 and result.json["broken"]["seq"] == 3
    assert "peker ikke" in result.json["broken"]["problem"]


def test_chain_holds_with_concurrent_writers(pg_url: str) -> None:
    """Four PCs writing at once: the chain follows commit order, no fork, no gap."""
    owner = AppContext.open(pg_url)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        ctx = AppContext.open(pg_url)
        try:
            for i in range(8):
                users.add_user(ctx, f"u{n}_{i}", "instruktor")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            ctx.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert errors == []
        with owner.db.read() as s:
            result = audit_chain.verify(s)
        assert result.ok and result.entries == 1 + 4 * 8
    finally:
        owner.close()
