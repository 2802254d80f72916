"""Shared fixtures: a fresh database per test (SQLite file or PostgreSQL schema), never shared state."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helsestudio.services.app import AppContext  # noqa: E402
from tests.helpers import PG_ENV, pg_schema_url  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep each test away from the real user's data, config and database choice."""
    monkeypatch.setenv("HELSESTUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HELSESTUDIO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("HELSESTUDIO_USER", "admin")
    monkeypatch.delenv("HELSESTUDIO_DB", raising=False)
    monkeypatch.delenv("HELSESTUDIO_LANG", raising=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A throwaway schema on the PostgreSQL server named by HELSESTUDIO_TEST_PG."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with pg_schema_url(base, schema) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Runs the test once on a SQLite file and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(name)


@pytest.fixture
def ctx(db_url: str) -> Iterator[AppContext]:
    """An upgraded database on both backends, opened by user `admin` (its first user → administrator)."""
    context = AppContext.open(db_url)
    yield context
    context.close()


@pytest.fixture
def sqlite_ctx(sqlite_url: str) -> Iterator[AppContext]:
    context = AppContext.open(sqlite_url)
    yield context
    context.close()
