"""Foundation: migrations on both databases, identity and roles, audit log, settings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from helsestudio.models import AuditEntry, BookingCategory, Platform, Role, User
from helsestudio.services import migrate, settings, users
from helsestudio.services.app import AppContext
from helsestudio.services.errors import InvalidInput, PermissionDenied


def test_migrations_reach_head_and_are_idempotent(ctx: AppContext) -> None:
    assert migrate.current_revision(ctx.db) == migrate.head_revision()
    again = migrate.upgrade_to_head(ctx.db)
    assert not again.changed


def test_fast_head_reading_agrees_with_alembic_and_with_the_database(ctx: AppContext) -> None:
    """Start-up reads the head from the migration files without importing Alembic."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate._alembic_config()).get_current_head()
    with ctx.db.engine.connect() as conn:
        assert migrate.current_revision(ctx.db) == MigrationContext.configure(conn).get_current_revision()


def test_a_new_database_has_no_revision_until_upgraded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from helsestudio.services.database import Database

    db = Database(f"sqlite:///{tmp_path / 'ny.db'}")
    try:
        assert migrate.current_revision(db) is None
    finally:
        db.dispose()


def test_r1_default_priority_order_is_seeded_as_data(ctx: AppContext) -> None:
    with ctx.db.read() as s:
        order = list(s.scalars(select(BookingCategory.code).order_by(BookingCategory.priority)))
        capacity = {p.code: p.capacity for p in s.scalars(select(Platform))}
        roles = set(s.scalars(select(Role.code)))
    assert order == ["fredagsmote", "regut", "ledermote", "produksjon", "annet"]
    assert capacity["2meet"] == 50 and capacity["nhn"] is None
    assert roles == {"superbruker", "faglig_leder", "instruktor", "koordinator", "administrator"}


def test_first_user_of_a_new_database_becomes_administrator(ctx: AppContext) -> None:
    with ctx.db.read() as s:
        only = s.scalars(select(User)).all()
    assert [(u.username, u.role_code) for u in only] == [(ctx.username, "administrator")]


def test_a_second_user_is_not_made_administrator(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    AppContext.open(sqlite_url).close()
    monkeypatch.setenv("HELSESTUDIO_USER", "nykommer")
    other = AppContext.open(sqlite_url)
    try:
        assert other.username == "nykommer"
        with pytest.raises(PermissionDenied, match="ingen rolle"):
            users.add_user(other, "x", "superbruker")
    finally:
        other.close()


def test_postgresql_identity_is_the_database_login(pg_url: str) -> None:
    context = AppContext.open(pg_url)
    try:
        assert context.username == "postgres"
    finally:
        context.close()


def test_role_is_checked_and_refusal_changes_nothing(ctx: AppContext) -> None:
    users.add_user(ctx, "ida", "instruktor")
    with ctx.db.read() as s:
        before = s.scalars(select(AuditEntry)).all()
    refusal = pytest.raises(PermissionDenied, match="instruktør kan ikke administrere brukere")
    with refusal, ctx.db.write() as s:
        users.add_user_in(s, "ida", "ida", "administrator")
    with ctx.db.read() as s:
        assert s.scalar(select(User.role_code).where(User.username == "ida")) == "instruktor"
        assert len(s.scalars(select(AuditEntry)).all()) == len(before)


def test_every_change_is_audited_with_before_and_after(ctx: AppContext) -> None:
    users.add_user(ctx, "per", "superbruker")
    users.add_user(ctx, "per", "faglig leder")
    with ctx.db.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "user")
                            .order_by(AuditEntry.id)).all()
    last = entries[-1]
    assert (last.actor, last.action, last.before, last.after) == (
        ctx.username, "user.role", {"role": "superbruker"}, {"role": "faglig_leder"})
    assert last.at.tzinfo is not None


def test_settings_are_typed_validated_and_audited(ctx: AppContext) -> None:
    assert settings.get(ctx, "buffer_minutes") == 15
    settings.set_value(ctx, "buffer_minutes", "20", reason="mer rigging")
    assert settings.get(ctx, "buffer_minutes") == 20
    with pytest.raises(InvalidInput, match="TT:MM"):
        settings.set_value(ctx, "opening_start", "7.30")
