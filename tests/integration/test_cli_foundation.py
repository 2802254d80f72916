"""The CLI of the foundation issue, run as real processes the way an IT person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from helsestudio import __version__
from helsestudio.models import AuditEntry, Booking
from tests.helpers import cli


def test_version() -> None:
    result = cli("--version")
    assert result.code == 0 and result.out.strip() == f"helsestudio {__version__}"


def test_db_upgrade_and_current(db_url: str) -> None:
    up = cli("--json", "db", "upgrade", db=db_url)
    assert up.code == 0, up.err
    assert up.json["after"] == up.json["after"] and up.json["before"] is None
    cur = cli("db", "current", "--json", db=db_url)
    assert cur.code == 0 and cur.json["up_to_date"] is True


def test_sqlite_file_is_backed_up_before_an_upgrade(tmp_path: Path) -> None:
    from alembic import command

    from helsestudio.services import migrate
    from helsestudio.services.database import Database

    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = migrate._alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    db.dispose()
    result = cli("--json", "db", "upgrade", db=f"sqlite:///{tmp_path / 'old.db'}")
    assert result.code == 0, result.err
    backup = Path(result.json["backup"])
    assert backup.exists() and backup.stat().st_size > 0
    with create_engine(f"sqlite:///{backup}").connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0001"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--db", "sqlite:////nonexistent/dir/x.db", "db", "upgrade"], "finnes ikke"),
        (["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "db", "upgrade"], "kontakt"),
        (["--db", "mysql://x@y/z", "db", "upgrade"], "støttes ikke"),
        (["frobnicate"], "ugyldig valg 'frobnicate'"),
        (["user", "add"], "dette må oppgis: name, --role"),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_2(args: list[str], needle: str) -> None:
    result = cli(*args)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]
    assert "Traceback" not in result.err + result.out


def test_instructor_is_refused_an_administrator_operation(sqlite_url: str) -> None:
    assert cli("db", "upgrade", db=sqlite_url, user="sjef").code == 0
    assert cli("user", "add", "ida", "--role", "instruktor", db=sqlite_url, user="sjef").code == 0
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        audit_before = conn.execute(select(func.count()).select_from(AuditEntry)).scalar()
    refused = cli("--json", "user", "add", "ida", "--role", "administrator", db=sqlite_url, user="ida")
    assert refused.code == 1
    assert refused.json["error"]["rule"] == "ROLE"
    assert "instruktør kan ikke" in refused.err
    listing = cli("--json", "user", "list", db=sqlite_url, user="ida").json["users"]
    assert {u["username"]: u["role"] for u in listing} == {"sjef": "administrator", "ida": "instruktor"}
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(AuditEntry)).scalar() == audit_before
    assert cli("demo", db=sqlite_url, user="ida").code == 1


def test_demo_fills_invented_data_and_screenshot_shows_the_window(sqlite_url: str, tmp_path: Path) -> None:
    assert cli("demo", "--json", db=sqlite_url).code == 0
    with create_engine(sqlite_url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(Booking)).scalar() > 50
    png = tmp_path / "out.png"
    shot = cli("gui", "--screenshot", str(png), db=sqlite_url, env={"QT_QPA_PLATFORM": "offscreen"})
    assert shot.code == 0, shot.err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


@pytest.mark.parametrize(("argv", "gui", "screenshot"), [
    ([], True, None),
    (["--db", "sqlite:///x.db"], True, None),
    (["gui"], True, None),
    (["--db=sqlite:///x.db", "gui", "--screenshot", "a.png"], True, "a.png"),
    (["booking", "list"], False, None),
    (["--help"], False, None),
    (["--version"], False, None),
    (["--screenshot", "a.png"], False, None),  # only valid after «gui»: the full parser explains
    (["gui", "--nonsense"], False, None),
])
def test_starting_the_gui_skips_the_command_modules(argv: list[str], gui: bool, screenshot: str | None) -> None:
    from helsestudio.cli.main import plain_gui_args

    args = plain_gui_args(argv)
    assert (args is not None) == gui
    if args is not None:
        assert args.command == "gui" and args.screenshot == screenshot
