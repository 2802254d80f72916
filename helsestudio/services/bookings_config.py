"""`config get/set`: one door to the studio's settings, whether they are stored as plain
settings (buffer, opening hours) or as data on their own rows (priority order R1,
platform capacities R7). Changing them needs the studio lead's permission and is logged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Platform
from helsestudio.services import settings
from helsestudio.services.errors import InvalidInput, NotFound
from helsestudio.services.studio_policy import load_policy, set_capacity_in, set_priority_order_in

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

PRIORITY = "priority_order"
CAPACITY = "capacity."


def _get_in(session: Session, key: str) -> Any:
    if key == PRIORITY:
        return ",".join(load_policy(session).normal_order)
    if key.startswith(CAPACITY):
        row = session.get(Platform, key.removeprefix(CAPACITY))
        if row is None:
            raise NotFound(f"Ukjent plattform i «{key}». Kjente: " + ", ".join(
                CAPACITY + c for c in session.scalars(select(Platform.code))))
        return row.capacity
    _check_key(session, key)
    return settings.get_in(session, key)


def _check_key(session: Session, key: str) -> None:
    """An unknown key is told with every key `config` knows, the studio's own ones included."""
    if key in settings.SPECS:
        return
    known = [*sorted(settings.SPECS), PRIORITY]
    known += [CAPACITY + c for c in session.scalars(select(Platform.code).order_by(Platform.sort_order))]
    raise NotFound(f"Ukjent innstilling «{key}». Kjente innstillinger: {', '.join(known)}")


def config_get(ctx: AppContext, key: str) -> Any:
    with ctx.db.read() as session:
        return _get_in(session, key.strip())


def config_set(ctx: AppContext, key: str, value: str, reason: str = "") -> Any:
    key = key.strip()
    with ctx.db.write() as session:
        if key == PRIORITY:
            return ",".join(set_priority_order_in(session, ctx.username, value, reason))
        if key.startswith(CAPACITY):
            return set_capacity_in(session, ctx.username, key.removeprefix(CAPACITY), value, reason)
        _check_key(session, key)
        stored = settings.set_value_in(session, ctx.username, key, value, reason)
        if key in ("opening_start", "opening_end"):
            policy = load_policy(session)
            if policy.opening_start >= policy.opening_end:
                raise InvalidInput("Åpningstiden må begynne før den slutter "
                                   f"({policy.opening_start:%H:%M}–{policy.opening_end:%H:%M})")
        return stored


def config_keys(ctx: AppContext) -> dict[str, Any]:
    """Every studio key with its current value (for `config get` without a key)."""
    with ctx.db.read() as session:
        keys = ["buffer_minutes", "opening_start", "opening_end", PRIORITY]
        keys += [CAPACITY + c for c in session.scalars(select(Platform.code)
                                                       .order_by(Platform.sort_order))]
        return {k: _get_in(session, k) for k in keys}
