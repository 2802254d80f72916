"""Gaps found by checking issues 2, 3 and 6 literally through the CLI, each pinned here."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from helsestudio.cli import main as cli_main
from helsestudio.services import bookings
from helsestudio.services.app import AppContext
from helsestudio.services.auth import Role
from helsestudio.services.ics_import import import_ics
from helsestudio.services.timeutil import parse_datetime
from tests.helpers import cli_inproc
from tests.integration.test_pg_roles import Cluster, cluster  # noqa: F401 - the fixture

DAY = "2027-03-12"
ON_TIME = parse_datetime("2026-11-01T09:00")
WINDOW = (date(2027, 1, 1), date(2027, 12, 31))


def _request(ctx: AppContext, start: str, end: str, category: str, received_days: int = 0):  # type: ignore[no-untyped-def]
    return bookings.request_booking(ctx, bookings.BookingRequest(
        title=f"{category} {start}", category=category, start=parse_datetime(f"{DAY}T{start}"),
        end=parse_datetime(f"{DAY}T{end}"), received_at=ON_TIME.replace(day=1 + received_days)))


def test_r3_displaced_booking_put_back_no_longer_says_it_is_displaced(ctx: AppContext) -> None:
    """A displaced booking moved to a suggested slot is confirmed there; «Fortrengt av …» is
    not its reason any more (as confirming clears it), but its history keeps the displacement."""
    held = _request(ctx, "10:00", "11:00", "annet")
    bookings.confirm_booking(ctx, held.id)
    result = bookings.confirm_booking(ctx, _request(ctx, "10:00", "11:00", "regut", 1).id)
    assert bookings.show_booking(ctx, held.id).state_reason.startswith("Fortrengt av")
    slot = result.suggestions[0]
    back = bookings.move_booking(ctx, held.id, slot.start, slot.end)
    assert (back.state, back.state_reason, back.displaced_by) == ("bekreftet", "", None)
    history = bookings.booking_history(ctx, held.id)
    assert [h.action for h in history] == ["booking.request", "booking.confirm",
                                           "booking.displace", "booking.move"]
    assert history[2].reason.startswith("Fortrengt av")


def _calendar(summary: bytes, bom: bytes = b"") -> bytes:
    return (bom + b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
            b"UID:fold@test\r\nDTSTAMP:20261120T101500Z\r\n"
            b"DTSTART;TZID=Europe/Oslo:20270310T130000\r\nDTEND;TZID=Europe/Oslo:20270310T140000\r\n"
            b"SUMMARY:" + summary + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize(("summary", "bom", "title"), [
    # RFC 5545 3.1: a fold may split a multi-octet UTF-8 character; unfolding must restore it.
    (b"Fold \xc3\r\n \xb8 i tegnet", b"", "Fold ø i tegnet"),
    (b"Fold \xc3\r\n \xb8 i tegnet", b"\xef\xbb\xbf", "Fold ø i tegnet"),
    (b"Emoji \xf0\x9f\r\n \x98\r\n \x80 og \xc3\r\n \xa5", b"", "Emoji \U0001f600 og å"),
])
def test_ics_import_mends_a_fold_inside_a_utf8_character(ctx: AppContext, summary: bytes,
                                                          bom: bytes, title: str) -> None:
    result = import_ics(ctx, _calendar(summary, bom), *WINDOW, dry_run=True)
    assert (result.occurrences, result.requests, result.problems) == (1, 1, [])
    assert result.rows[0].candidate.title == title


def test_ics_import_windows_1252_file_with_a_utf8_bom_is_still_read(sqlite_ctx: AppContext) -> None:
    """A BOM in front of Windows-1252 text is not part of the first line («ï»¿BEGIN…»)."""
    result = import_ics(sqlite_ctx, _calendar("Møte".encode("cp1252"), b"\xef\xbb\xbf"), *WINDOW,
                        dry_run=True)
    assert result.rows[0].candidate.title == "Møte"
    assert result.problems and "Windows-1252" in result.problems[0]


def test_config_unknown_key_names_every_key_config_knows(sqlite_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    result = cli_inproc("config", "set", "bufer_minutes", "10", db=sqlite_url, capsys=capsys)
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    for key in ("buffer_minutes", "opening_start", "priority_order", "capacity.2meet"):
        assert key in result.err


def test_cli_output_piped_into_a_reader_that_stops_ends_quietly(sqlite_url: str) -> None:
    """`helsestudio … | head`: no «Uventet feil», no traceback, exit 141 like other tools."""
    proc = subprocess.Popen([sys.executable, "-m", "helsestudio", "--db", sqlite_url, "--json",
                             "config", "get"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the program writes anything
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == cli_main.EXIT_BROKEN_PIPE
    assert err == ""


def test_cli_unexpected_error_while_building_commands_is_one_line_and_a_log(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 2: no traceback ever reaches the user, even from a command module that fails to
    load; the details go to a log file whose path is printed."""
    monkeypatch.setattr(cli_main, "COMMAND_MODULES", (*cli_main.COMMAND_MODULES,
                                                      "helsestudio.cli.no_such_module"))
    monkeypatch.setattr(cli_main, "user_log_dir", lambda *a, **k: str(tmp_path / "logs"))
    result = cli_inproc("user", "list", capsys=capsys)
    assert result.code == cli_main.EXIT_INTERNAL
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err
    log = next((tmp_path / "logs").glob("feil-*.log"))
    assert str(log) in lines[0]
    assert "no_such_module" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [
    ("booking", "confirm", "99999999999999999999"),
    ("booking", "show", "3000000000"),
    ("ics", "invite", "99999999999999999999", "-o", "x.ics"),
    # Through the last line of defence: SQLite's OverflowError, PostgreSQL's SQLSTATE 22003.
    ("session", "show", "99999999999999999999"),
])
def test_cli_id_too_large_for_the_database_is_bad_input_not_a_crash(db_url: str, capsys,  # type: ignore[no-untyped-def]
                                                                     args: tuple[str, ...]) -> None:
    result = cli_inproc(*args, db=db_url, capsys=capsys)
    assert result.code == 2, result.err
    assert len(result.err.strip().splitlines()) == 1 and "Uventet" not in result.err


def test_r7_capacity_change_keeps_the_reason_given_in_the_audit_log(db_url: str, ctx: AppContext,
                                                                    capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 2: every change is logged with the reason given (it was dropped for capacities)."""
    from sqlalchemy import select

    from helsestudio.models import AuditEntry

    result = cli_inproc("config", "set", "capacity.2meet", "40", "--reason", "Ny lisens",
                        db=db_url, capsys=capsys)
    assert result.code == 0, result.err
    with ctx.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "policy.capacity")).one()
        assert (entry.actor, entry.reason, entry.after) == (ctx.username, "Ny lisens", {"capacity": 40})


@pytest.mark.parametrize("args", [("db", "upgrade"), ("db", "current"),
                                  ("booking", "list", "--from", "2027-01-01", "--to", "2027-01-31")])
def test_cli_file_that_is_not_a_database_is_one_clear_line_and_exit_2(tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                                        args: tuple[str, ...]) -> None:
    """Issue 2: the wrong file given as --db is bad input, named as such; never «Uventet feil»."""
    wrong = tmp_path / "notater.db"
    wrong.write_text("Dette er ikke en database\n" * 200, encoding="utf-8")
    result = cli_inproc(*args, db=f"sqlite:///{wrong}", capsys=capsys)
    assert result.code == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "ikke en Helsestudio-database" in lines[0] and str(wrong) in lines[0]
    assert wrong.read_text(encoding="utf-8").startswith("Dette er ikke")  # left as it was


def test_r5_series_range_without_a_friday_is_refused_and_stores_nothing(db_url: str, ctx: AppContext,
                                                                        capsys) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from helsestudio.models import BookingSeries

    result = cli_inproc("series", "fredagsmote", "--from", "2027-03-01", "--to", "2027-03-04",
                        db=db_url, capsys=capsys)
    assert result.code == 2 and "ingen fredag" in result.err
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(BookingSeries)) == 0


def test_the_last_administrator_cannot_demote_themselves(db_url: str, ctx: AppContext, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 2: roles live in the database and an administrator manages them; demoting the only
    one would leave nobody who can (refused, exit 1, nothing changed). With two it is allowed."""
    from helsestudio.services import users

    me = ctx.username
    result = cli_inproc("user", "add", me, "--role", "superbruker", db=db_url, capsys=capsys)
    assert result.code == 1 and result.err.startswith("ROLE: ") and "eneste administratoren" in result.err
    assert users.current_user(ctx).role == "administrator"  # type: ignore[union-attr]
    users.add_user(ctx, "reserve", "administrator")
    assert cli_inproc("user", "add", me, "--role", "superbruker", db=db_url, capsys=capsys).code == 0
    assert users.current_user(ctx).role == "superbruker"  # type: ignore[union-attr]


def test_pg_login_whose_group_role_lags_its_program_role_is_refused_not_a_crash(
        cluster: Cluster, capsys) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The program says administrator, the login's group role still superbruker: PostgreSQL
    refuses the write (42501). That is a refusal naming the fix (exit 1), not «Uventet feil»."""
    from sqlalchemy.engine import make_url

    from helsestudio.services import users

    login = cluster.login("sb", Role.SUPERBRUKER)
    with cluster.owner.db.write() as s:
        users.add_user_in(s, cluster.owner.username, login, "administrator")
    url = make_url(cluster.url).set(username=login).render_as_string(hide_password=False)
    result = cli_inproc("--json", "user", "add", "ny_bruker", "--role", "instruktor", db=url,
                        capsys=capsys)
    assert result.code == 1, result.err
    assert result.json["error"]["rule"] == "ROLE"
    assert "db roles --grant" in result.err and len(result.err.strip().splitlines()) == 1


def test_day_plan_pdf_after_a_certificate_pdf_in_the_same_process(tmp_path: Path) -> None:
    """The GUI is one long process: a certificate may register only the regular DejaVu face
    (as `demo` does); a day plan printed afterwards must still get its bold face (it crashed
    with «Can't map determine family/bold/italic for dejavusans-bold»). A fresh process, so no
    earlier test has registered the fonts already."""
    pdf = tmp_path / "dagsplan.pdf"
    code = (
        "import sys\n"
        "from importlib.resources import as_file, files\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from reportlab.pdfbase.ttfonts import TTFont\n"
        "from helsestudio.cli.main import main\n"
        "with as_file(files('helsestudio.resources').joinpath('fonts', 'DejaVuSans.ttf')) as p:\n"
        "    pdfmetrics.registerFont(TTFont('DejaVuSans', str(p)))\n"
        f"sys.exit(main(['--db', 'sqlite:///{tmp_path / 'x.db'}', 'schedule', '--date', "
        f"'2027-03-12', '--pdf', '{pdf}']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
