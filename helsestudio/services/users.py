"""Users and roles: adding, listing, and the first user becoming administrator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helsestudio.models import User
from helsestudio.services import audit
from helsestudio.services.auth import ROLE_NAMES_NB, Permission, Role, find_user, require
from helsestudio.services.database import Database
from helsestudio.services.errors import InvalidInput, RuleViolation

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    role_nb: str
    active: bool

    @classmethod
    def of(cls, user: User) -> UserInfo:
        role = Role(user.role_code)
        return cls(user.id, user.username, user.display_name, role.value, ROLE_NAMES_NB[role], user.active)


def parse_role(raw: str) -> Role:
    aliases = {"instruktør": "instruktor", "faglig leder": "faglig_leder", "admin": "administrator"}
    value = aliases.get(raw.strip().lower(), raw.strip().lower())
    try:
        return Role(value)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise InvalidInput(f"Ukjent rolle «{raw}». Velg en av: {known}") from None


def _check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 128 or any(ord(c) < 32 for c in name):
        raise InvalidInput("Brukernavnet må være 1–128 tegn uten kontrolltegn")
    return name


def any_user(db: Database) -> bool:
    with db.read() as session:
        return bool(session.scalar(select(User.id).limit(1)))


def ensure_first_administrator(session: Session, username: str) -> UserInfo | None:
    """The first user to open a new database becomes its administrator."""
    if session.scalar(select(func.count()).select_from(User)):
        return None
    user = User(username=username, display_name=username, role_code=Role.ADMINISTRATOR.value)
    session.add(user)
    session.flush()
    audit.record(
        session, actor=username, action="user.add", entity="user", entity_id=user.id,
        after={"username": username, "role": user.role_code},
        reason="første bruker av en ny database blir administrator",
    )
    return UserInfo.of(user)


def add_user(ctx: AppContext, username: str, role: str, display_name: str = "") -> UserInfo:
    """Add a user, or change the role of an existing one (administrator only)."""
    with ctx.db.write() as session:
        return add_user_in(session, ctx.username, username, role, display_name)


def add_user_in(
    session: Session, actor: str, username: str, role: str, display_name: str = ""
) -> UserInfo:
    require(session, actor, Permission.MANAGE_USERS)
    name = _check_username(username)
    new_role = parse_role(role)
    user = find_user(session, name)
    if user is None:
        user = User(username=name, display_name=display_name or name, role_code=new_role.value)
        session.add(user)
        session.flush()
        audit.record(
            session, actor=actor, action="user.add", entity="user", entity_id=user.id,
            after={"username": name, "role": new_role.value},
        )
    else:
        _keep_an_administrator(session, user, new_role)
        before = {"role": user.role_code, "active": user.active}
        user.role_code = new_role.value
        user.active = True
        if display_name:
            user.display_name = display_name
        audit.record(
            session, actor=actor, action="user.role", entity="user", entity_id=user.id,
            before=before, after={"role": user.role_code, "active": True},
        )
    return UserInfo.of(user)


def _keep_an_administrator(session: Session, user: User, new_role: Role) -> None:
    """Demoting the last active administrator would leave nobody who can manage users."""
    if user.role_code != Role.ADMINISTRATOR or new_role == Role.ADMINISTRATOR or not user.active:
        return
    # Locked, so two administrators demoting each other at once cannot both succeed.
    admins = session.scalars(select(User.id).where(
        User.role_code == Role.ADMINISTRATOR.value, User.active.is_(True)).with_for_update()).all()
    if len(admins) <= 1:
        raise RuleViolation("ROLE", f"«{user.username}» er den eneste administratoren: gi en annen "
                            "bruker rollen administrator først, ellers kan ingen lenger "
                            "administrere brukere")


def list_users(ctx: AppContext) -> list[UserInfo]:
    with ctx.db.read() as session:
        return [UserInfo.of(u) for u in session.scalars(select(User).order_by(User.username))]


def current_user(ctx: AppContext) -> UserInfo | None:
    """The acting user with their role, or None if they have no role in this database."""
    with ctx.db.read() as session:
        user = find_user(session, ctx.username)
        return UserInfo.of(user) if user else None
