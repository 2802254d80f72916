"""Opening the database: the local SQLite file by default, or a shared PostgreSQL.

One `Database` object wraps the engine and hands out sessions whose
transaction is already begun. Writes on SQLite use `BEGIN IMMEDIATE`, so the
write lock is held *before* a rule is checked and two processes on one PC
cannot both pass the same check.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DataError, DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from helsestudio.services.errors import DatabaseUnavailable, InvalidInput

APP_NAME = "Helsestudio"
ENV_DB = "HELSESTUDIO_DB"
ENV_DATA_DIR = "HELSESTUDIO_DATA_DIR"
ENV_USER = "HELSESTUDIO_USER"
_NOT_A_DATABASE = re.compile(r"file is not a database|disk image is malformed|file is encrypted")

# A shared server that cannot be reached must make a save fail in seconds, never hang
# (issue 7). Each value is a libpq connection parameter; one given in the URL wins.
PG_CONNECTION_DEFAULTS: dict[str, object] = {
    "application_name": "helsestudio",
    "connect_timeout": 3,  # seconds for the whole handshake, not only the TCP connect
    # A pulled cable or dropped VPN leaves a socket that never answers. TCP keepalives
    # notice it on an idle pooled connection; tcp_user_timeout ends a query whose bytes
    # go unacknowledged (Linux; ignored where the system lacks it).
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,  # milliseconds
}
# The health check's own limit when the URL sets none; libpq's minimum is 2 seconds.
PING_CONNECT_TIMEOUT_S = 2


def data_dir() -> Path:
    """Where the local database, keys and backups live (overridable for kiosks and tests)."""
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'helsestudio.db'}"


def resolve_url(cli_url: str | None) -> str:
    """The database URL: `--db`, HELSESTUDIO_DB, this PC's saved choice, then the local file."""
    from helsestudio.services import local_config

    return cli_url or os.environ.get(ENV_DB) or local_config.chosen_db_url() or default_url()


def parse_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise InvalidInput(
            f"Ugyldig database-adresse «{raw}»: bruk sqlite:///sti/til/fil.db "
            "eller postgresql+psycopg://bruker@vert/database"
        ) from exc
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise InvalidInput(
            f"Databasetypen «{url.get_backend_name()}» støttes ikke: bruk sqlite eller postgresql"
        )
    if url.get_backend_name() == "postgresql" and url.get_driver_name() != "psycopg":
        url = url.set(drivername="postgresql+psycopg")
    return url


def mask_url(raw: str | URL) -> str:
    """The URL for display and logs, with any password hidden."""
    url = raw if isinstance(raw, URL) else make_url(raw)
    return url.render_as_string(hide_password=True)


def pg_connect_args(url: URL) -> dict[str, object]:
    """Our connection defaults, minus any the URL sets itself.

    SQLAlchemy lets `connect_args` override the URL's query, so a default that the
    URL also names must be left out, or a site's own `?connect_timeout=20` would be lost.
    """
    return {k: v for k, v in PG_CONNECTION_DEFAULTS.items() if k not in url.query}


def _install_sqlite_hooks(engine: Engine) -> None:
    # pysqlite's own transaction handling would defer BEGIN and ignore IMMEDIATE;
    # the documented recipe is to switch it off and emit BEGIN ourselves.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


# psycopg's words for a pooled connection a network cut left half-way through a query.
# SQLAlchemy does not count them as a disconnect, so the pre-ping raised them to the user
# instead of dropping the connection and connecting afresh (seen in test_offline_pg).
_BROKEN_CONNECTION = re.compile(r"connection in transaction status ACTIVE|the connection is (closed|lost)")


def _broken_connection_is_a_disconnect(context: ExceptionContext) -> None:
    if _BROKEN_CONNECTION.search(str(context.original_exception)):
        context.is_disconnect = True


class Database:
    """An open database: engine, session factory, and who is using it."""

    def __init__(self, raw_url: str | None = None, *, echo: bool = False) -> None:
        self.url = parse_url(resolve_url(raw_url))
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self._probe: Engine | None = None  # PostgreSQL only: the health check's own engine
        if self.is_sqlite:
            self._check_sqlite_path()
            self.engine = create_engine(self.url, echo=echo)
            _install_sqlite_hooks(self.engine)
        else:
            # pool_pre_ping: after the server or the network comes back, every pooled
            # connection is dead. The first checkout's ping fails, SQLAlchemy then drops the
            # whole pool and connects afresh, so the user never sees a stale-connection error.
            self.engine = create_engine(
                self.url, echo=echo, pool_pre_ping=True, connect_args=pg_connect_args(self.url)
            )
            event.listen(self.engine, "handle_error", _broken_connection_is_a_disconnect)
            probe_args = pg_connect_args(self.url)
            if "connect_timeout" in probe_args:
                probe_args["connect_timeout"] = PING_CONNECT_TIMEOUT_S
            self._probe = create_engine(self.url, poolclass=NullPool, connect_args=probe_args)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @property
    def masked_url(self) -> str:
        return mask_url(self.url)

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def _check_sqlite_path(self) -> None:
        path = self.sqlite_path
        if path is None:
            return
        if not path.parent.exists():
            if path == Path(default_url().removeprefix("sqlite:///")):
                path.parent.mkdir(parents=True, exist_ok=True)  # first start on this PC
            else:
                raise DatabaseUnavailable(
                    f"Mappen {path.parent} finnes ikke: opprett den eller velg en annen databasefil"
                )
        if path.is_dir():
            raise DatabaseUnavailable(f"{path} er en mappe, ikke en databasefil")

    def check_connection(self) -> None:
        """Open one connection, turning driver errors into one clear sentence."""
        with self.translate_errors(), self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def ping(self) -> None:
        """The health check: a fresh connection and `SELECT 1`, or DatabaseUnavailable.

        On PostgreSQL it never uses the pool: a pooled socket to a vanished server can
        hang, and during an outage every pooled connection may be taken by waiting work.
        It gives up after PING_CONNECT_TIMEOUT_S unless the URL sets connect_timeout.
        """
        if self._probe is None:  # SQLite: the file is the server
            self.check_connection()
            return
        with self.translate_errors(), self._probe.connect() as conn:
            conn.execute(text("SELECT 1"))

    @contextmanager
    def translate_errors(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            raise DatabaseUnavailable(self._describe(exc)) from exc
        except PoolTimeout as exc:  # every pooled connection is held by work that is waiting
            raise DatabaseUnavailable(
                f"Får ikke kontakt med databasen {self.masked_url}: ingen ledig forbindelse"
            ) from exc
        except DataError as exc:
            # psycopg refuses NUL in any text parameter, a lookup as much as a stored value, so
            # a check that missed one would end as a crash; it is the input's fault, say so.
            if "NUL (0x00)" in str(exc.orig):
                raise InvalidInput("Teksten inneholder et NUL-tegn (\\x00): fjern det") from exc
            raise
        except DatabaseError as exc:
            # SQLite names a file that is not a database (or is damaged) only on first use:
            # the user chose the wrong file, which is bad input, not a crash.
            if self.is_sqlite and _NOT_A_DATABASE.search(str(exc.orig)):
                raise DatabaseUnavailable(
                    f"{self.sqlite_path} er ikke en Helsestudio-database (SQLite sier: "
                    f"{str(exc.orig).strip()}): velg en annen fil, eller gjenopprett fra en "
                    "sikkerhetskopi") from exc
            if exc.connection_invalidated:
                raise DatabaseUnavailable(self._describe(exc)) from exc
            raise
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise DatabaseUnavailable(self._describe(exc)) from exc
            raise

    def _describe(self, exc: DBAPIError) -> str:
        first_line = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if self.is_sqlite:
            return f"Kan ikke åpne databasefilen {self.sqlite_path}: {first_line}"
        return f"Får ikke kontakt med databasen {self.masked_url}: {first_line}"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a write transaction: commits on success, rolls back on any error."""
        with self.translate_errors(), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.translate_errors(), self._reader() as session, session.begin():
            yield session

    def current_username(self) -> str:
        """Who is acting: the database login on PostgreSQL, the OS login on SQLite."""
        if not self.is_sqlite:
            if self.url.username:
                return self.url.username
            with self.read() as session:
                return str(session.execute(text("SELECT current_user")).scalar_one())
        return os.environ.get(ENV_USER) or getpass.getuser()

    def dispose(self) -> None:
        self.engine.dispose()
        if self._probe is not None:
            self._probe.dispose()
