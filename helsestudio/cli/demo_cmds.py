"""`helsestudio demo`: fill the database with invented demo data."""

from __future__ import annotations

import argparse
from datetime import date

from helsestudio.cli.common import Run, add_json_flag
from helsestudio.services import demo
from helsestudio.services.timeutil import parse_date


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="fyll databasen med oppdiktede demodata")
    p.add_argument("--today", default=None, help="dagen demodataene sentreres rundt (ÅÅÅÅ-MM-DD)")
    add_json_flag(p)
    p.set_defaults(handler=run_demo)


def run_demo(run: Run) -> int:
    today = parse_date(run.args.today) if run.args.today else date.today()
    summary = demo.fill_demo(run.ctx, today)
    data = {"bookings": summary.bookings, **summary.extra}
    if not summary.bookings and not summary.extra:
        run.emit(data, "Databasen har allerede data; ingen demodata lagt til.")
    else:
        parts = ", ".join(f"{v} {k}" for k, v in data.items())
        run.emit(data, f"Demodata lagt til: {parts}.")
    return 0
