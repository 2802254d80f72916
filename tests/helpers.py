"""Helpers for tests: PostgreSQL schemas, running the CLI in-process and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import psycopg
from sqlalchemy.engine import make_url

PG_ENV = "HELSESTUDIO_TEST_PG"


def _libpq_dsn(url: str) -> str:
    u = make_url(url).set(drivername="postgresql")
    return u.render_as_string(hide_password=False)


@contextmanager
def pg_schema_url(base: str, schema: str) -> Iterator[str]:
    """Create `schema`, yield a URL whose search_path is it (then public), drop it afterwards."""
    dsn = _libpq_dsn(base)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public")
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={schema},public')}"
    try:
        yield url
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


def cli(*args: str, db: str | None = None, user: str | None = None,
        env: dict[str, str] | None = None, timeout: float = 120) -> CliResult:
    """Run `helsestudio` as a real process, as a user would."""
    full_env = dict(os.environ)
    if user is not None:
        full_env["HELSESTUDIO_USER"] = user
    full_env.update(env or {})
    argv = [sys.executable, "-m", "helsestudio"]
    if db is not None:
        argv += ["--db", db]
    proc = subprocess.run([*argv, *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout, encoding="utf-8")
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def cli_inproc(*args: str, db: str | None = None, capsys: Any, user: str | None = None,
               monkeypatch: Any = None) -> CliResult:
    """Run the CLI in this process (fast); `capsys` captures its output."""
    from helsestudio.cli.main import main

    if user is not None:
        monkeypatch.setenv("HELSESTUDIO_USER", user)
    argv = (["--db", db] if db else []) + list(args)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)
