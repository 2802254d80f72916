"""Entry point: `helsestudio [--db URL] [--json] COMMAND …`; no command starts the GUI.

Exit codes: 0 done, 1 refused by a rule, 2 bad input or usage, 3 an unexpected
error (written to a log file whose path is printed; never a traceback), 141 when the
reader of piped output stopped reading (`… | head`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from platformdirs import user_log_dir

from helsestudio import __version__
from helsestudio.cli import argparse_nb
from helsestudio.cli.common import Run
from helsestudio.services.errors import DomainError, InvalidInput, PermissionDenied, RuleViolation

# Each module has `register(subparsers)`; adding a command group means adding its name here.
COMMAND_MODULES = (
    "helsestudio.cli.db_cmds",
    "helsestudio.cli.user_cmds",
    "helsestudio.cli.demo_cmds",
    "helsestudio.cli.gui_cmds",
    "helsestudio.cli.booking_cmds",
    "helsestudio.cli.course_cmds",
    "helsestudio.cli.certificate_cmds",
    "helsestudio.cli.ics_cmds",
    "helsestudio.cli.audit_cmds",
)

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as other command-line tools end when `head` stops reading


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one clear line and exit 2, not argparse's usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (se «{self.prog} --help»)\n")


def build_parser() -> argparse.ArgumentParser:
    argparse_nb.install()
    parser = OneLineParser(
        prog="helsestudio",
        description="Helsestudio: Studio 2037-booking og kursbevis. Uten kommando startes programmet.",
    )
    parser.add_argument("--version", action="version", version=f"helsestudio {__version__}",
                        help="vis versjonsnummeret og avslutt")
    parser.add_argument(
        "--db", metavar="URL", default=None,
        help="database: sqlite:///fil.db eller postgresql+psycopg://bruker@vert/db "
        "(standard: HELSESTUDIO_DB, ellers valget under Innstillinger, ellers en lokal fil)",
    )
    parser.add_argument("--json", action="store_true", default=False, help="maskinlesbar utskrift")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=OneLineParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _log_unexpected(exc: BaseException) -> Path:
    log_dir = Path(user_log_dir("Helsestudio", appauthor=False))
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        log_dir = Path.cwd()
    path = log_dir / f"feil-{datetime.now():%Y%m%d-%H%M%S}.log"
    path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    return path


class _NotPlainGui(Exception):
    pass


class _GuiOnlyParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotPlainGui(message)


def plain_gui_args(argv: list[str]) -> argparse.Namespace | None:
    """`helsestudio [--db URL] [gui [--screenshot F]]` parsed without the command modules.

    Starting the program is the common case, and importing every command group
    (and through them the services) would delay the first window by a second.
    Anything else (help, version, other commands, mistakes) returns None and
    goes through the full parser, which also gives the usual error messages.
    """
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    parser = _GuiOnlyParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--db", default=None)
    parser.add_argument("--json", action="store_true", default=False)
    parser.add_argument("--screenshot", default=None)
    parser.add_argument("command", nargs="?", default="gui")
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotPlainGui:
        return None
    if rest or args.command != "gui" or (args.screenshot is not None and "gui" not in argv):
        return None
    args.handler = importlib.import_module("helsestudio.cli.gui_cmds").run_gui
    return args


def _unexpected(exc: BaseException) -> int:
    path = _log_unexpected(exc)
    print(f"Uventet feil ({type(exc).__name__}); detaljer er skrevet til {path}", file=sys.stderr)
    return EXIT_INTERNAL


def _domain_error(run: Run, exc: DomainError) -> int:
    rule = exc.rule if isinstance(exc, RuleViolation) else None
    detail = exc.detail if isinstance(exc, RuleViolation) else exc.message
    if run.json:
        print(json.dumps({"error": {"rule": rule, "message": detail}}, ensure_ascii=False))
    print(exc.message, file=sys.stderr)
    return exc.exit_code


def _database_refusal(exc: BaseException) -> DomainError | None:
    """Database errors that are the input's or the set-up's fault, told as such (not a crash):
    an id or count too large for its column (SQLite's driver raises OverflowError, PostgreSQL
    SQLSTATE 22003), and PostgreSQL refusing a login whose group role does not match its role
    in the program (42501; row-level security and grants, see `db roles`)."""
    if isinstance(exc, OverflowError) and "too large to convert" in str(exc):
        return InvalidInput("Et tall i kommandoen er for stort (ingen nummer i databasen er så stort)")
    orig = getattr(exc, "orig", None) or getattr(exc.__cause__, "orig", None)
    state = getattr(orig, "sqlstate", None)
    if state == "22003":
        return InvalidInput("Et tall i kommandoen er for stort (ingen nummer i databasen er så stort)")
    if state == "42501":
        first = str(orig).strip().splitlines()[0]
        return PermissionDenied(
            f"PostgreSQL nekter innloggingen dette ({first}): databaserollen passer ikke med "
            "rollen i Helsestudio. En administrator retter det med «helsestudio db roles "
            "--grant INNLOGGING --role ROLLE».")
    return None


def _stdout_gone() -> int:
    """The reader of a pipe (`… | head`) stopped reading: not an error of ours. Point stdout at
    the null device so the interpreter's last flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass
    return EXIT_BROKEN_PIPE


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    try:
        args = plain_gui_args(arguments) or build_parser().parse_args(arguments)
    except Exception as exc:  # noqa: BLE001 - a broken install must not show a traceback either
        return _unexpected(exc)
    if args.command is None:
        args.command = "gui"
        args.handler = importlib.import_module("helsestudio.cli.gui_cmds").run_gui
        args.screenshot = None
    run = Run(args)
    try:
        code = int(args.handler(run) or 0)
        sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
        return code
    except DomainError as exc:
        return _domain_error(run, exc)
    except KeyboardInterrupt:
        print("Avbrutt.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _stdout_gone()
    except Exception as exc:  # noqa: BLE001 - the last line of defence: log, never a traceback
        known = _database_refusal(exc)
        return _domain_error(run, known) if known else _unexpected(exc)
    finally:
        run.close()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
