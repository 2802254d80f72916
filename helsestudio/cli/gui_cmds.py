"""`helsestudio gui [--screenshot FILE.png]` (also what runs with no command)."""

from __future__ import annotations

import argparse
from pathlib import Path

from helsestudio.cli.common import Run
from helsestudio.services.errors import InvalidInput


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="start programmet")
    p.add_argument("--screenshot", metavar="FIL.png", default=None,
                   help="tegn hovedvinduet uten skjerm til en PNG-fil og avslutt")
    p.set_defaults(handler=run_gui)


def run_gui(run: Run) -> int:
    target = Path(run.args.screenshot) if run.args.screenshot else None
    if target is not None and not target.parent.exists():
        raise InvalidInput(f"Mappen {target.parent} finnes ikke: velg en annen plassering for bildet")
    from helsestudio.ui.app import start

    # The GUI opens the database itself, after its window is on screen.
    return start(run.args.db, screenshot=target)
