"""Roles enforced by PostgreSQL itself, and the audit log written by triggers (issue 7).

Every test logs in with its own throwaway database logins (unique names, dropped
afterwards: roles are cluster-wide, schemas are per test) and speaks raw SQL through
psycopg, as someone bypassing the program would.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import errors as pg_errors
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from helsestudio.models import AuditEntry
from helsestudio.services import bookings, db_roles, users
from helsestudio.services import certificate_checks as checks
from helsestudio.services import certificates as certs
from helsestudio.services.app import AppContext
from helsestudio.services.auth import Role
from helsestudio.services.errors import PermissionDenied, RuleViolation
from helsestudio.services.timeutil import parse_datetime
from tests.helpers import cli_inproc
from tests.integration import certificate_population

ON_TIME = "2026-11-01T09:00"


def _dsn(url: str, login: str) -> str:
    return make_url(url).set(drivername="postgresql", username=login).render_as_string(
        hide_password=False)


@dataclass
class Cluster:
    """A migrated schema with the roles applied, and a way to make logins in it."""

    url: str
    owner: AppContext
    logins: list[str]

    def login(self, name: str, role: Role) -> str:
        """A new database login member of `role`'s group role, also a user in the program."""
        login = f"t{uuid.uuid4().hex[:8]}_{name}"
        self.logins.append(login)
        with self.owner.db.write() as s:
            users.add_user_in(s, self.owner.username, login, role.value)
            db_roles.grant_login(s.connection(), login, role)
        return login

    def app(self, login: str) -> AppContext:
        return AppContext.open(make_url(self.url).set(username=login).render_as_string(
            hide_password=False))

    @contextmanager
    def raw(self, login: str) -> Iterator[psycopg.Connection]:
        with psycopg.connect(_dsn(self.url, login), autocommit=True) as conn:
            yield conn


@pytest.fixture
def cluster(pg_url: str) -> Iterator[Cluster]:
    owner = AppContext.open(pg_url)
    with owner.db.write() as s:
        db_roles.apply(s.connection())
    c = Cluster(pg_url, owner, [])
    try:
        yield c
    finally:
        owner.close()
        with psycopg.connect(_dsn(pg_url, "postgres"), autocommit=True) as conn:
            for login in c.logins:
                conn.execute(f'DROP OWNED BY "{login}"')  # grants inside this test's schema
                conn.execute(f'DROP ROLE IF EXISTS "{login}"')


def _request(ctx: AppContext, start: str = "2027-03-12T10:00", end: str = "2027-03-12T11:00") -> int:
    req = bookings.BookingRequest(
        title="Simulering", category="regut", start=parse_datetime(start), end=parse_datetime(end),
        platform="ingen", organizer_name="Test", received_at=parse_datetime(ON_TIME))
    return bookings.request_booking(ctx, req).id


def _entries(ctx: AppContext) -> list[AuditEntry]:
    with ctx.db.read() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


# --- the grants are the permission matrix ----------------------------------------------


def _actual_privileges(conn: psycopg.Connection, group: str) -> dict[str, set[str]]:
    rows = conn.execute("""
        SELECT c.relname, x.privilege_type, NULL
          FROM pg_class c CROSS JOIN aclexplode(c.relacl) x
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
           AND x.grantee = %(g)s::regrole
        UNION ALL
        SELECT c.relname, x.privilege_type, a.attname
          FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid CROSS JOIN aclexplode(a.attacl) x
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
           AND x.grantee = %(g)s::regrole""", {"g": group}).fetchall()
    result: dict[str, set[str]] = {}
    for table, privilege, column in rows:
        result.setdefault(table, set()).add(f"{privilege}({column})" if column else privilege)
    return result


def test_role_grants_match_the_permission_matrix_and_apply_is_idempotent(
        cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    again = cli_inproc("db", "roles", "--apply", db=cluster.url, capsys=capsys)
    assert again.code == 0, again.err
    assert "hs_instruktor" in again.out
    with cluster.raw("postgres") as conn:
        for role in Role:
            expected = {t: p for t, p in db_roles.expected_privileges(role).items()}
            assert _actual_privileges(conn, db_roles.group_role(role)) == expected, role


def test_every_permission_has_a_grant_decision_and_print_shows_the_sql(
        capsys: pytest.CaptureFixture[str]) -> None:
    from helsestudio.services.auth import Permission

    assert set(db_roles._permission_grants()) == set(Permission)
    printed = cli_inproc("db", "roles", "--print", capsys=capsys)
    assert printed.code == 0
    assert "CREATE POLICY hs_revoke_own ON certificates FOR UPDATE TO hs_instruktor" in printed.out
    assert printed.out.count("CREATE ROLE hs_") == 5


# --- what each role may do, in raw SQL ---------------------------------------------------


def test_instructor_cannot_confirm_a_booking_but_a_superuser_can_decide_one(cluster: Cluster) -> None:
    ida = cluster.login("ida", Role.INSTRUKTOR)
    per = cluster.login("per", Role.SUPERBRUKER)
    booking_id = _request(cluster.owner)
    with cluster.raw(ida) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("UPDATE bookings SET state = 'bekreftet', blocked_until = \"end\" "
                         "WHERE id = %s", (booking_id,))
        # A request is fine, but only as a request.
        copy = ("INSERT INTO bookings (room_id, title, category_code, state, start, \"end\", "
                "blocked_until, platform_code, assist_requested, organizer_name, organizer_unit, "
                "organizer_contact, notes, received_at, state_reason, uid, sequence, version, "
                "created_at, updated_at, created_by, updated_by, hours_override) "
                "SELECT room_id, title, category_code, %s, start + interval '1 day', "
                "\"end\" + interval '1 day', \"end\" + interval '1 day', platform_code, false, "
                "organizer_name, organizer_unit, organizer_contact, notes, received_at, '', %s, 0, 1, "
                "now(), now(), session_user, session_user, false FROM bookings WHERE id = %s")
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(copy, ("bekreftet", "raw-confirmed@test", booking_id))
        assert conn.execute(copy, ("forespurt", "raw-request@test", booking_id)).rowcount == 1
    with cluster.raw(per) as conn:
        declined = conn.execute("UPDATE bookings SET state = 'avslått', state_reason = 'opptatt' "
                                "WHERE id = %s", (booking_id,))
        assert declined.rowcount == 1


def test_no_role_can_change_or_remove_the_audit_log(cluster: Cluster) -> None:
    logins = [cluster.login(role.value, role) for role in Role]
    for login in logins:
        with cluster.raw(login) as conn:
            for statement in ("UPDATE audit_log SET reason = 'skjult'", "DELETE FROM audit_log",
                              "TRUNCATE audit_log"):
                with pytest.raises(pg_errors.InsufficientPrivilege):
                    conn.execute(statement)
    # Not even the owner, while the triggers are on.
    with cluster.raw("postgres") as conn:
        for statement in ("UPDATE audit_log SET reason = 'skjult'", "DELETE FROM audit_log",
                          "TRUNCATE audit_log"):
            with pytest.raises(pg_errors.InsufficientPrivilege, match="append-only"):
                conn.execute(statement)


def test_an_entry_written_by_hand_gets_the_servers_login_and_time(cluster: Cluster) -> None:
    ida = cluster.login("ida", Role.INSTRUKTOR)
    with cluster.raw(ida) as conn:
        conn.execute("INSERT INTO audit_log (at, actor, action, entity, entity_id, reason, db_user, "
                     "source) VALUES ('2001-01-01', 'sjefen', 'x', 'y', '1', '', 'sjefen', 'db')")
    forged = _entries(cluster.owner)[-1]
    assert (forged.actor, forged.db_user, forged.source) == ("sjefen", ida, "app")
    assert forged.at.year >= 2026


def test_c6_instructor_revokes_only_certificates_they_issued(cluster: Cluster) -> None:
    pop = certificate_population.build(cluster.owner)
    ida = cluster.login("ida", Role.INSTRUKTOR)
    ola = cluster.login("ola", Role.INSTRUKTOR)
    kim = cluster.login("kim", Role.KOORDINATOR)
    adm = cluster.login("adm", Role.ADMINISTRATOR)
    second = certificate_population.add_session(cluster.owner, pop, pop.instructor, [pop.per])
    numbers = {}
    for login, session, person in ((ida, pop.session, pop.kari), (ola, pop.session, pop.ailu),
                                   (ola, second, pop.per)):
        ctx = cluster.app(login)  # issuing works through the program under the login's grants
        try:
            issued = certs.issue(ctx, session, person_id=person,
                                 issued_on=certificate_population.COURSE_DAY).issued
        finally:
            ctx.close()
        numbers[person] = issued[0].number
    revoke = ("UPDATE certificates SET revoked_at = now(), revoked_by = session_user, "
              "revoke_reason = 'feil' WHERE number = %s")
    with cluster.raw(ida) as conn:
        assert conn.execute(revoke, (numbers[pop.ailu],)).rowcount == 0  # ola's: invisible to lock
        with pytest.raises(pg_errors.InsufficientPrivilege):  # C6: only revocation columns
            conn.execute("UPDATE certificates SET person_name = 'X' WHERE number = %s",
                         (numbers[pop.kari],))
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE certificates SET revoked_at = now(), revoked_by = 'ola', "
                         "revoke_reason = 'x' WHERE number = %s", (numbers[pop.kari],))
        assert conn.execute(revoke, (numbers[pop.kari],)).rowcount == 1
    ida_app = cluster.app(ida)
    try:
        with pytest.raises(PermissionDenied, match=f"utstedt av {ola}"):
            checks.revoke(ida_app, numbers[pop.per], "feil")
    finally:
        ida_app.close()
    with cluster.raw(kim) as conn:
        assert conn.execute(revoke, (numbers[pop.ailu],)).rowcount == 1
    with cluster.raw(adm) as conn:
        assert conn.execute(revoke, (numbers[pop.per],)).rowcount == 1
    with cluster.owner.db.read() as s:
        revoked_by = dict(s.execute(text(
            "SELECT number, revoked_by FROM certificates ORDER BY number")).all())
    assert revoked_by == {numbers[pop.kari]: ida, numbers[pop.ailu]: kim, numbers[pop.per]: adm}


def test_c6_a_revocation_is_final_even_with_raw_sql(cluster: Cluster) -> None:
    """C6: nobody but the owner can undo or reword a revocation, or revoke without a reason."""
    pop = certificate_population.build(cluster.owner)
    ida = cluster.login("ida", Role.INSTRUKTOR)
    kim = cluster.login("kim", Role.KOORDINATOR)
    ctx = cluster.app(ida)
    try:
        issued = certs.issue(ctx, pop.session, issued_on=certificate_population.COURSE_DAY).issued
    finally:
        ctx.close()
    first, second = issued[0].number, issued[1].number
    undo = ("UPDATE certificates SET revoked_at = NULL, revoked_by = session_user, "
            "revoke_reason = NULL WHERE number = %s")
    with cluster.raw(kim) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE certificates SET revoked_at = now(), revoked_by = session_user, "
                         "revoke_reason = ' ' WHERE number = %s", (first,))
        assert conn.execute("UPDATE certificates SET revoked_at = now(), revoked_by = session_user, "
                            "revoke_reason = 'feil navn' WHERE number = %s", (first,)).rowcount == 1
    with cluster.raw(ida) as conn:  # the issuer cannot bring back what the koordinator revoked
        assert conn.execute(undo, (first,)).rowcount == 0
        assert conn.execute("UPDATE certificates SET revoked_at = now(), revoked_by = session_user, "
                            "revoke_reason = 'utgått' WHERE number = %s", (second,)).rowcount == 1
        assert conn.execute(undo, (second,)).rowcount == 0
    with cluster.raw(kim) as conn:
        assert conn.execute(undo, (second,)).rowcount == 0
        assert conn.execute("UPDATE certificates SET revoke_reason = 'annen grunn' "
                            "WHERE number = %s", (first,)).rowcount == 0
    ida_app = cluster.app(ida)  # through the program: told it is revoked, not that it is missing
    try:
        with pytest.raises(RuleViolation, match=f"allerede trukket tilbake .* av {kim}"):
            checks.revoke(ida_app, first, "igjen")
    finally:
        ida_app.close()
    with cluster.owner.db.read() as s:
        rows = dict(s.execute(text("SELECT number, revoked_by || ':' || revoke_reason FROM certificates "
                                   "WHERE number IN (:a, :b)"), {"a": first, "b": second}).all())
    assert rows == {first: f"{kim}:feil navn", second: f"{ida}:utgått"}


def test_grant_command_moves_a_login_between_roles(
        cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    login = f"t{uuid.uuid4().hex[:8]}_eva"
    cluster.logins.append(login)
    for role in ("instruktor", "koordinator"):
        done = cli_inproc("--json", "db", "roles", "--grant", login, "--role", role,
                          db=cluster.url, capsys=capsys)
        assert done.code == 0, done.err
    with cluster.raw("postgres") as conn:
        groups = {r[0] for r in conn.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s", (login,))}
    assert groups == {"hs_koordinator"}
    assert {u.username: u.role for u in users.list_users(cluster.owner)}[login] == "koordinator"
    bad = cli_inproc("db", "roles", "--grant", "hs_x; DROP TABLE users", "--role", "instruktor",
                     db=cluster.url, capsys=capsys)
    assert bad.code == 2 and "kan ikke brukes" in bad.err


# --- the audit log written by triggers ----------------------------------------------------


def test_a_raw_sql_change_is_in_the_audit_log_with_login_and_reason(cluster: Cluster) -> None:
    per = cluster.login("per", Role.SUPERBRUKER)
    booking_id = _request(cluster.owner)
    with cluster.raw(per) as conn, conn.transaction():
        conn.execute("SET LOCAL helsestudio.reason = 'skrivefeil i tittelen'")
        conn.execute("UPDATE bookings SET title = 'Simulering (rettet)' WHERE id = %s", (booking_id,))
    last = _entries(cluster.owner)[-1]
    assert (last.source, last.db_user, last.actor, last.action, last.entity, last.entity_id) == (
        "db", per, per, "db.update", "bookings", str(booking_id))
    assert (last.before, last.after, last.reason) == (
        {"title": "Simulering"}, {"title": "Simulering (rettet)"}, "skrivefeil i tittelen")


def test_a_change_through_the_program_is_logged_once(cluster: Cluster) -> None:
    per = cluster.login("per", Role.SUPERBRUKER)
    booking_id = _request(cluster.owner)
    ctx = cluster.app(per)
    try:
        before = len(_entries(ctx))
        bookings.confirm_booking(ctx, booking_id)
        new = _entries(ctx)[before:]
    finally:
        ctx.close()
    assert [(e.action, e.source, e.db_user) for e in new] == [("booking.confirm", "app", per)]


def test_every_table_has_the_audit_trigger(cluster: Cluster) -> None:
    from helsestudio.models import Base

    with cluster.raw("postgres") as conn:
        triggered = {r[0] for r in conn.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'hs_audit' AND c.relnamespace = current_schema()::regnamespace")}
    assert triggered == {t.name for t in Base.metadata.sorted_tables} - {"audit_log"}
