"""Roles and what each may do (domain.md, «Who uses it»).

Every service that changes data calls `require()` first, inside its own
transaction, so the role is read from the same snapshot the change is made in.
"""

from __future__ import annotations

import enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import User
from helsestudio.services.errors import PermissionDenied


class Role(enum.StrEnum):
    SUPERBRUKER = "superbruker"
    FAGLIG_LEDER = "faglig_leder"
    INSTRUKTOR = "instruktor"
    KOORDINATOR = "koordinator"
    ADMINISTRATOR = "administrator"


ROLE_NAMES_NB = {
    Role.SUPERBRUKER: "superbruker",
    Role.FAGLIG_LEDER: "faglig leder",
    Role.INSTRUKTOR: "instruktør",
    Role.KOORDINATOR: "koordinator",
    Role.ADMINISTRATOR: "administrator",
}


class Permission(enum.StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_DATABASE = "manage_database"
    REQUEST_BOOKING = "request_booking"
    MANAGE_BOOKINGS = "manage_bookings"  # confirm, decline, cancel, assign
    STUDIO_POLICY = "studio_policy"  # priority order, crisis mode, buffers, opening hours
    MANAGE_COURSE_TYPES = "manage_course_types"
    MANAGE_PEOPLE = "manage_people"
    RUN_SESSIONS = "run_sessions"  # sessions, enrolment, completions
    RECORD_QUALIFICATIONS = "record_qualifications"
    ISSUE_CERTIFICATES = "issue_certificates"
    REVOKE_ANY_CERTIFICATE = "revoke_any_certificate"
    REPORTS = "reports"
    LOAD_DEMO = "load_demo"


_SUPERUSER = {Permission.REQUEST_BOOKING, Permission.MANAGE_BOOKINGS, Permission.REPORTS}
_INSTRUCTOR = {
    Permission.REQUEST_BOOKING,
    Permission.MANAGE_PEOPLE,
    Permission.RUN_SESSIONS,
    Permission.ISSUE_CERTIFICATES,
}
_COORDINATOR = {
    Permission.REQUEST_BOOKING,
    Permission.MANAGE_COURSE_TYPES,
    Permission.MANAGE_PEOPLE,
    Permission.RUN_SESSIONS,
    Permission.RECORD_QUALIFICATIONS,
    Permission.REVOKE_ANY_CERTIFICATE,
    Permission.REPORTS,
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SUPERBRUKER: frozenset(_SUPERUSER),
    Role.FAGLIG_LEDER: frozenset(_SUPERUSER | {Permission.STUDIO_POLICY}),
    Role.INSTRUKTOR: frozenset(_INSTRUCTOR),
    Role.KOORDINATOR: frozenset(_COORDINATOR),
    Role.ADMINISTRATOR: frozenset(Permission),
}

_ACTION_NB = {
    Permission.MANAGE_USERS: "administrere brukere",
    Permission.MANAGE_DATABASE: "endre databaseinnstillinger",
    Permission.REQUEST_BOOKING: "sende bookingforespørsler",
    Permission.MANAGE_BOOKINGS: "bekrefte, avslå eller avlyse bookinger",
    Permission.STUDIO_POLICY: "endre prioritering, krisemodus og studioinnstillinger",
    Permission.MANAGE_COURSE_TYPES: "endre kurstyper",
    Permission.MANAGE_PEOPLE: "registrere personer",
    Permission.RUN_SESSIONS: "gjennomføre kurs",
    Permission.RECORD_QUALIFICATIONS: "registrere kvalifikasjoner",
    Permission.ISSUE_CERTIFICATES: "utstede kursbevis",
    Permission.REVOKE_ANY_CERTIFICATE: "trekke tilbake kursbevis andre har utstedt",
    Permission.REPORTS: "lage rapporter",
    Permission.LOAD_DEMO: "fylle databasen med demodata",
}


def find_user(session: Session, username: str) -> User | None:
    # Every service call checks the actor's role; a batch (an import of 1,000 rows) would
    # otherwise ask the database the same question thousands of times in one transaction.
    # Only found users are remembered: the cached object is the session's own, so a role
    # changed in this transaction is seen, and a user added later is looked up afresh.
    known: dict[str, User] = session.info.setdefault("helsestudio.users", {})
    user = known.get(username)
    if user is None:
        user = session.scalar(select(User).where(User.username == username))
        if user is not None:
            known[username] = user
    return user


def can(user: User | None, permission: Permission) -> bool:
    if user is None or not user.active:
        return False
    return permission in PERMISSIONS[Role(user.role_code)]


def require(session: Session, username: str, permission: Permission) -> User:
    """The acting user, if their role allows `permission`; PermissionDenied otherwise."""
    user = find_user(session, username)
    if user is None or not user.active:
        raise PermissionDenied(
            f"Brukeren «{username}» har ingen rolle i Helsestudio og kan ikke "
            f"{_ACTION_NB[permission]}. Be en administrator legge deg til "
            f"(helsestudio user add {username} --role …)."
        )
    if not can(user, permission):
        role = ROLE_NAMES_NB[Role(user.role_code)]
        raise PermissionDenied(
            f"Rollen {role} kan ikke {_ACTION_NB[permission]}. "
            "Be en med riktig rolle gjøre det, eller be en administrator endre rollen din."
        )
    return user
