"""Roles enforced by PostgreSQL itself: one group role per application role.

The grants are derived from the permission matrix in services/auth.py
(`PERMISSIONS`): each permission names the table privileges it needs
(`PERMISSION_GRANTS`), and a role gets the union over its permissions. So the
program's own check and the database's cannot drift apart; a test compares the
privileges the server reports with what this module derives.

Two rules the program checks row by row are also row-level security here:
- bookings: a role that may only request bookings can insert them only as
  requests (state `forespurt`), and cannot update them at all (no UPDATE grant);
- certificates: the revocation columns are the only ones anyone may update
  (C6), and an instructor may revoke only certificates issued by their own login
  (`issued_by = session_user`); koordinator and administrator may revoke any.
  A revocation is final: only a certificate not yet revoked can be updated, and
  only into a revoked one with a reason, so nobody can undo or reword a
  revocation with raw SQL (a correction is a new certificate).

Users log in with their own database login, member of exactly one group role
(`grant_login`). Everything here is idempotent: applying twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.dialects import postgresql

from helsestudio.models import Base
from helsestudio.services.auth import PERMISSIONS, Permission, Role
from helsestudio.services.errors import InvalidInput

GROUP_ROLES: dict[Role, str] = {
    Role.SUPERBRUKER: "hs_superbruker",
    Role.FAGLIG_LEDER: "hs_faglig_leder",
    Role.INSTRUKTOR: "hs_instruktor",
    Role.KOORDINATOR: "hs_koordinator",
    Role.ADMINISTRATOR: "hs_admin",
}

REVOCATION_COLUMNS = ("revoked_at", "revoked_by", "revoke_reason")
WRITE = ("INSERT", "UPDATE", "DELETE")
# Tables nobody changes row by row through a grant: the log is append-only for all,
# certificates only gain rows and revocations (C6), the schema version is the owner's.
_SPECIAL = {"audit_log", "certificates", "alembic_version"}


@dataclass(frozen=True)
class TableGrant:
    table: str
    privileges: tuple[str, ...]
    columns: tuple[str, ...] = ()  # a column-level grant (UPDATE of these columns only)


def _domain_tables() -> list[str]:
    return sorted(t.name for t in Base.metadata.sorted_tables)


def _everything() -> tuple[TableGrant, ...]:
    """Filling the database with demo data writes to every domain table."""
    grants = [TableGrant(t, WRITE) for t in _domain_tables() if t not in _SPECIAL]
    grants.append(TableGrant("certificates", ("INSERT",)))
    grants.append(TableGrant("certificates", ("UPDATE",), REVOCATION_COLUMNS))
    return tuple(grants)


def _permission_grants() -> dict[Permission, tuple[TableGrant, ...]]:
    g = TableGrant
    revoke = g("certificates", ("UPDATE",), REVOCATION_COLUMNS)
    settings = g("settings", ("INSERT", "UPDATE", "DELETE"))
    return {
        Permission.MANAGE_USERS: (g("users", ("INSERT", "UPDATE")),),
        Permission.MANAGE_DATABASE: (settings,),
        Permission.REQUEST_BOOKING: (g("bookings", ("INSERT",)),),  # RLS: only as requests
        Permission.MANAGE_BOOKINGS: (g("bookings", ("INSERT", "UPDATE")),
                                     g("booking_series", ("INSERT", "UPDATE"))),
        Permission.STUDIO_POLICY: (g("booking_categories", ("UPDATE",)), g("platforms", ("UPDATE",)),
                                   g("crisis_periods", ("INSERT", "UPDATE")),
                                   g("studio_closures", ("INSERT", "DELETE")), settings),
        Permission.MANAGE_COURSE_TYPES: (g("course_types", ("INSERT", "UPDATE")), settings),
        Permission.MANAGE_PEOPLE: (g("people", ("INSERT", "UPDATE")), g("units", ("INSERT",)),
                                   g("import_mappings", ("INSERT", "UPDATE"))),
        Permission.RUN_SESSIONS: (g("course_sessions", ("INSERT", "UPDATE")),
                                  g("session_instructors", ("INSERT", "DELETE")),
                                  g("enrolments", WRITE), g("completions", WRITE),
                                  g("import_mappings", ("INSERT", "UPDATE"))),
        Permission.RECORD_QUALIFICATIONS: (g("external_qualifications", ("INSERT",)),),
        Permission.ISSUE_CERTIFICATES: (g("certificates", ("INSERT",)), revoke,
                                        g("certificate_counters", ("INSERT", "UPDATE")),
                                        g("signing_keys", ("INSERT",))),
        Permission.REVOKE_ANY_CERTIFICATE: (revoke,),
        Permission.REPORTS: (),  # reading only, which every role may
        Permission.LOAD_DEMO: _everything(),
    }


def group_role(role: Role) -> str:
    return GROUP_ROLES[role]


def roles_with(permission: Permission) -> list[str]:
    return [GROUP_ROLES[r] for r in Role if permission in PERMISSIONS[r]]


def expected_privileges(role: Role) -> dict[str, set[str]]:
    """table → privileges ("SELECT", "UPDATE(revoked_at)", …) the group role should hold."""
    result: dict[str, set[str]] = {t: {"SELECT"} for t in [*_domain_tables(), "alembic_version"]}
    result["audit_log"].add("INSERT")  # services write their entries; the server stamps them
    grants = _permission_grants()
    for permission in PERMISSIONS[role]:
        for grant in grants[permission]:
            for privilege in grant.privileges:
                if grant.columns:
                    result[grant.table].update(f"{privilege}({c})" for c in grant.columns)
                else:
                    result[grant.table].add(privilege)
    return result


_QUOTE = postgresql.dialect().identifier_preparer


def _ident(name: str) -> str:
    # Identifiers cannot be bind parameters; the dialect's own quoting makes them safe.
    return _QUOTE.quote_identifier(name)


def _to_all() -> str:
    return ", ".join(GROUP_ROLES.values())


def _create_roles() -> list[str]:
    return [
        "DO $$ BEGIN CREATE ROLE " + name + " NOLOGIN; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;"
        for name in GROUP_ROLES.values()
    ]


def _table_grants() -> list[str]:
    everyone = _to_all()
    statements = [
        # current_schema(): the schema the tables live in (the login's search_path decides).
        "DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO " + everyone
        + "', current_schema()); END $$;",
        "DO $$ BEGIN EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO " + everyone
        + "', current_schema()); END $$;",
    ]
    per_role = {GROUP_ROLES[r]: expected_privileges(r) for r in Role}
    for table in [*_domain_tables(), "alembic_version"]:
        statements.append(f"REVOKE ALL ON {_ident(table)} FROM {everyone};")
        statements.append(f"GRANT SELECT ON {_ident(table)} TO {everyone};")
        for role_name, privileges in per_role.items():
            plain = sorted(p for p in privileges[table] if "(" not in p and p != "SELECT")
            if plain:
                statements.append(f"GRANT {', '.join(plain)} ON {_ident(table)} TO {role_name};")
            by_privilege: dict[str, list[str]] = {}
            for p in sorted(p for p in privileges[table] if "(" in p):
                name, column = p.rstrip(")").split("(")
                by_privilege.setdefault(name, []).append(_ident(column))
            for name, columns in by_privilege.items():
                statements.append(
                    f"GRANT {name} ({', '.join(columns)}) ON {_ident(table)} TO {role_name};")
    return statements


def _policy(table: str, name: str, command: str, roles: Iterable[str],
            using: str | None, check: str | None) -> list[str]:
    roles = list(roles)
    if not roles:
        return [f"DROP POLICY IF EXISTS {name} ON {table};"]
    clause = f"CREATE POLICY {name} ON {table} FOR {command} TO {', '.join(roles)}"
    if using is not None:
        clause += f" USING ({using})"
    if check is not None:
        clause += f" WITH CHECK ({check})"
    return [f"DROP POLICY IF EXISTS {name} ON {table};", clause + ";"]


ME = "session_user::text"  # the login, also while a SECURITY DEFINER function runs
# C6: an update may only turn a live certificate into a revoked one, by this login, with a reason.
NOT_REVOKED = "revoked_at IS NULL"
REVOKED_BY_ME = f"revoked_at IS NOT NULL AND revoked_by = {ME} AND btrim(coalesce(revoke_reason, '')) <> ''"


def _row_security() -> list[str]:
    everyone = list(GROUP_ROLES.values())
    issue = roles_with(Permission.ISSUE_CERTIFICATES)
    statements = ["ALTER TABLE bookings ENABLE ROW LEVEL SECURITY;",
                  "ALTER TABLE certificates ENABLE ROW LEVEL SECURITY;"]
    statements += _policy("bookings", "hs_read", "SELECT", everyone, "true", None)
    statements += _policy("bookings", "hs_request", "INSERT",
                          roles_with(Permission.REQUEST_BOOKING), None, "state = 'forespurt'")
    statements += _policy("bookings", "hs_manage", "ALL", roles_with(Permission.MANAGE_BOOKINGS),
                          "true", "true")
    statements += _policy("bookings", "hs_demo", "ALL", roles_with(Permission.LOAD_DEMO),
                          "true", "true")
    statements += _policy("certificates", "hs_read", "SELECT", everyone, "true", None)
    statements += _policy("certificates", "hs_issue", "INSERT", issue, None, f"issued_by = {ME}")
    statements += _policy("certificates", "hs_revoke_own", "UPDATE", issue,
                          f"issued_by = {ME} AND {NOT_REVOKED}",
                          f"issued_by = {ME} AND {REVOKED_BY_ME}")
    statements += _policy("certificates", "hs_revoke_any", "UPDATE",
                          roles_with(Permission.REVOKE_ANY_CERTIFICATE), NOT_REVOKED, REVOKED_BY_ME)
    statements += _policy("certificates", "hs_demo", "INSERT", roles_with(Permission.LOAD_DEMO),
                          None, "true")
    return statements


def setup_statements() -> list[str]:
    """The whole setup, in order; `helsestudio db roles --print` prints exactly these."""
    return [*_create_roles(), *_table_grants(), *_row_security()]


def setup_sql() -> str:
    header = ("-- Helsestudio: group roles, grants and row-level security (helsestudio db roles).\n"
              "-- Run as the owner of the tables, with CREATEROLE, in the schema of the tables.\n"
              "-- Idempotent: running it again gives the same result.\n"
              "BEGIN;\n")
    return header + "\n".join(setup_statements()) + "\nCOMMIT;\n"


def apply(conn: Connection) -> int:
    """Run the setup in the caller's transaction. Returns the number of statements."""
    if conn.dialect.name != "postgresql":
        raise InvalidInput("Databaseroller finnes bare på PostgreSQL; en lokal fil er beskyttet "
                           "av tilgangen til selve filen")
    present = conn.execute(text("SELECT to_regclass('audit_log') IS NOT NULL")).scalar()
    if not present:
        raise InvalidInput("Databasen har ikke Helsestudios tabeller ennå: kjør «helsestudio db upgrade» først")
    statements = setup_statements()
    _run(conn, statements)
    return len(statements)


_LOGIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}$")


def check_login(login: str) -> str:
    name = login.strip()
    if not _LOGIN.match(name) or name.lower().startswith(("hs_", "pg_")):
        raise InvalidInput(
            f"«{login}» kan ikke brukes som databaseinnlogging: bruk 1–63 tegn (bokstaver a–z, "
            "sifre, _ . @ -), ikke hs_ eller pg_ først")
    return name


def grant_login_statements(login: str, role: Role) -> list[str]:
    """Create `login` (if missing) and make it a member of exactly one group role."""
    name = _ident(check_login(login))
    others = [GROUP_ROLES[r] for r in Role if r is not role]
    return [
        # The quoted name goes into the DO body as a literal; it was checked above.
        "DO $$ BEGIN CREATE ROLE " + name + " LOGIN; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;",
        f"REVOKE {', '.join(others)} FROM {name};",
        f"GRANT {GROUP_ROLES[role]} TO {name};",
    ]


def grant_login(conn: Connection, login: str, role: Role) -> None:
    _run(conn, grant_login_statements(login, role))


def _run(conn: Connection, statements: list[str]) -> None:
    # Through the driver's cursor without parameters, so `format('%I', …)` in the DO blocks
    # is not taken for a placeholder; still inside the caller's transaction.
    with conn.connection.dbapi_connection.cursor() as cursor:  # type: ignore[union-attr]
        for statement in statements:
            cursor.execute(statement)
