"""`helsestudio db upgrade|current|backup|restore|roles`."""

from __future__ import annotations

import argparse
from pathlib import Path

from helsestudio.cli.common import Run, add_json_flag
from helsestudio.services import backup, migrate, users
from helsestudio.services.database import Database


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="databasen: oppgradering og status")
    db_sub = db.add_subparsers(dest="db_command", metavar="HANDLING", required=True)
    up = db_sub.add_parser("upgrade", help="oppgrader databasen til nyeste skjema")
    add_json_flag(up)
    up.set_defaults(handler=upgrade)
    cur = db_sub.add_parser("current", help="vis skjemaversjonen databasen har")
    add_json_flag(cur)
    cur.set_defaults(handler=current)
    bak = db_sub.add_parser("backup", help="ta sikkerhetskopi til en fil")
    bak.add_argument("file", metavar="FIL")
    add_json_flag(bak)
    bak.set_defaults(handler=backup_cmd)
    res = db_sub.add_parser("restore", help="gjenopprett den lokale databasen fra en sikkerhetskopi")
    res.add_argument("file", metavar="FIL")
    add_json_flag(res)
    res.set_defaults(handler=restore_cmd)
    roles = db_sub.add_parser(
        "roles", help="PostgreSQL: grupperoller, rettigheter og radsikkerhet (se README, Sikkerhetsmodell)")
    what = roles.add_mutually_exclusive_group(required=True)
    what.add_argument("--print", action="store_true", help="skriv ut SQL-en uten å kjøre den")
    what.add_argument("--apply", action="store_true",
                      help="kjør SQL-en (som eier av tabellene, med CREATEROLE); trygt å kjøre igjen")
    what.add_argument("--grant", metavar="INNLOGGING",
                      help="opprett en databaseinnlogging (om den mangler) med rollen gitt av --role")
    roles.add_argument("--role", help="rollen til --grant: superbruker, faglig_leder, instruktor, "
                       "koordinator eller administrator")
    add_json_flag(roles)
    roles.set_defaults(handler=roles_cmd)


def upgrade(run: Run) -> int:
    db = Database(run.args.db)
    try:
        db.check_connection()
        result = migrate.upgrade_to_head(db)
        with db.write() as session:
            users.ensure_first_administrator(session, db.current_username())
    finally:
        db.dispose()
    data = {
        "database": db.masked_url,
        "before": result.before,
        "after": result.after,
        "backup": str(result.backup) if result.backup else None,
    }
    if not result.changed:
        text = f"{db.masked_url} har allerede nyeste skjema ({result.after})."
    else:
        text = f"{db.masked_url} oppgradert fra {result.before or 'tom'} til {result.after}."
        if result.backup:
            text += f" Sikkerhetskopi: {result.backup}"
    run.emit(data, text)
    return 0


def current(run: Run) -> int:
    db = Database(run.args.db)
    try:
        db.check_connection()
        rev = migrate.current_revision(db)
    finally:
        db.dispose()
    head = migrate.head_revision()
    data = {"database": db.masked_url, "current": rev, "head": head, "up_to_date": rev == head}
    state = "nyeste" if rev == head else f"nyeste er {head}: kjør «helsestudio db upgrade»"
    run.emit(data, f"{db.masked_url}: skjema {rev or 'tomt'} ({state})")
    return 0


def backup_cmd(run: Run) -> int:
    db = Database(run.args.db)
    try:
        db.check_connection()
        info = backup.backup(db, Path(run.args.file))
    finally:
        db.dispose()
    run.emit({"file": str(info.path), "bytes": info.size},
             f"Sikkerhetskopi skrevet til {info.path} ({info.size // 1024} kB).")
    return 0


def restore_cmd(run: Run) -> int:
    db = Database(run.args.db)
    kept = backup.restore(db, Path(run.args.file))
    run.emit({"restored_from": run.args.file, "previous_kept_as": str(kept)},
             f"Gjenopprettet fra {run.args.file}. Den forrige databasen er lagt til side som {kept}.")
    return 0


def roles_cmd(run: Run) -> int:
    from helsestudio.services import db_roles
    from helsestudio.services.errors import InvalidInput

    args = run.args
    if args.role and not args.grant:
        raise InvalidInput("--role hører til --grant INNLOGGING")
    if args.print:
        sql = db_roles.setup_sql()
        run.emit({"sql": sql}, sql.rstrip("\n"))
        return 0
    if args.apply:
        db = Database(args.db)
        try:
            with db.write() as session:
                count = db_roles.apply(session.connection())
        finally:
            db.dispose()
        names = ", ".join(db_roles.GROUP_ROLES.values())
        run.emit({"database": db.masked_url, "statements": count, "roles": list(db_roles.GROUP_ROLES.values())},
                 f"{db.masked_url}: rollene {names} er satt opp ({count} setninger).")
        return 0
    if not args.role:
        raise InvalidInput("Oppgi rollen med --role (f.eks. --grant kari --role instruktor)")
    role = users.parse_role(args.role)
    login = db_roles.check_login(args.grant)
    ctx = run.ctx
    if ctx.db.is_sqlite:
        raise InvalidInput("Databaseinnlogginger finnes bare på PostgreSQL; på en lokal fil holder "
                           "«helsestudio user add NAVN --role ROLLE»")
    with ctx.db.write() as session:
        # One transaction: the login's group role and its role in the program change together.
        info = users.add_user_in(session, ctx.username, login, role.value)
        db_roles.grant_login(session.connection(), login, role)
    group = db_roles.group_role(role)
    run.emit({"login": login, "role": role.value, "group_role": group},
             f"{login}: medlem av {group} og {info.role_nb} i Helsestudio. Sett et passord med "
             f"«ALTER ROLE {login} PASSWORD '…'» (psql: \\password {login}) om serveren krever det.")
    return 0
