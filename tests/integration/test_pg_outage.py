"""The shared database going away and coming back, seen from the services (issue 7).

A TCP proxy between us and the PostgreSQL server is cut (connections reset: the
server stopped) or blackholed (no answer at all: a pulled cable) and restored.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from helsestudio.services.app import AppContext
from helsestudio.services.database import Database, pg_connect_args
from helsestudio.services.errors import DatabaseUnavailable
from tests.support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.pg


@pytest.fixture
def proxy(pg_url: str) -> Iterator[TcpProxy]:
    with TcpProxy(make_url(pg_url).port or 5432) as p:
        yield p


def through(url: str, proxy: TcpProxy) -> str:
    return make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


def read_one(db: Database, pause: float = 0.0) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT 1 FROM pg_sleep(:s)"), {"s": pause}).scalar_one())


def test_connect_timeout_defaults_to_three_seconds_unless_the_url_sets_one() -> None:
    plain = make_url("postgresql+psycopg://kari@server/helsestudio")
    own = make_url("postgresql+psycopg://kari@server/helsestudio?connect_timeout=20")
    assert pg_connect_args(plain)["connect_timeout"] == 3
    assert "connect_timeout" not in pg_connect_args(own)  # the URL's 20 s reaches the driver
    assert pg_connect_args(plain)["tcp_user_timeout"] == 10_000
    db = Database("postgresql+psycopg://kari@server/helsestudio?connect_timeout=20")
    try:
        assert db.engine.dialect.create_connect_args(db.url)[1]["connect_timeout"] == "20"
    finally:
        db.dispose()


def test_a_stopped_server_fails_fast_and_the_pool_recovers_without_a_second_error(
        pg_url: str, proxy: TcpProxy) -> None:
    ctx = AppContext.open(through(pg_url, proxy))

    def fill_pool() -> None:  # several pooled connections, as a busy window has
        with ThreadPoolExecutor(4) as pool:
            assert list(pool.map(lambda _: read_one(ctx.db, 0.05), range(4))) == [1] * 4
        assert proxy.connection_count() >= 4

    try:
        # The server restarts while the PC is idle: every pooled connection is dead, and
        # the first work afterwards must not be the one to find out (pool_pre_ping).
        fill_pool()
        proxy.cut()
        proxy.restore()
        assert [read_one(ctx.db) for _ in range(8)] == [1] * 8
        # The server is away while the user works: one clear error each time, fast.
        fill_pool()
        proxy.cut()
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailable, match="Får ikke kontakt med databasen"):
            read_one(ctx.db)
        with pytest.raises(DatabaseUnavailable):
            ctx.db.ping()
        assert time.monotonic() - started < 1.5  # a reset is known at once, not after the 2 s connect timeout
        proxy.restore()
        assert [read_one(ctx.db) for _ in range(8)] == [1] * 8
        ctx.db.ping()
    finally:
        ctx.close()


def test_a_silent_network_gives_up_within_the_connect_timeout(pg_url: str, proxy: TcpProxy) -> None:
    db = Database(through(pg_url, proxy))
    try:
        db.ping()
        proxy.blackhole()
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailable, match="timeout"):
            db.ping()
        assert 1.5 < time.monotonic() - started < 4.0  # PING_CONNECT_TIMEOUT_S, not forever
        proxy.restore()
        db.ping()
    finally:
        db.dispose()
