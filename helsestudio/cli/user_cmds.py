"""`helsestudio user add|list`."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from helsestudio.cli.common import Run, add_json_flag
from helsestudio.services import users


def register(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="brukere og roller")
    user_sub = user.add_subparsers(dest="user_command", metavar="HANDLING", required=True)
    add = user_sub.add_parser("add", help="legg til en bruker eller endre rollen (administrator)")
    add.add_argument("name", help="innloggingsnavn (Windows-/databasebruker)")
    add.add_argument("--role", required=True,
                     help="superbruker, faglig_leder, instruktor, koordinator eller administrator")
    add.add_argument("--display-name", default="")
    add_json_flag(add)
    add.set_defaults(handler=add_user)
    lst = user_sub.add_parser("list", help="vis brukerne")
    add_json_flag(lst)
    lst.set_defaults(handler=list_users)


def add_user(run: Run) -> int:
    info = users.add_user(run.ctx, run.args.name, run.args.role, run.args.display_name)
    run.emit(asdict(info), f"{info.username}: {info.role_nb}")
    return 0


def list_users(run: Run) -> int:
    rows = users.list_users(run.ctx)
    run.emit(
        {"users": [asdict(u) for u in rows]},
        lambda: "\n".join(f"{u.username:<24} {u.role_nb}" for u in rows) or "Ingen brukere.",
    )
    return 0
