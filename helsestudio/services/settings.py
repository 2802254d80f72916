"""Studio and organisation settings: declared once, typed, with their defaults.

Values live in the `settings` table as JSON; a key that was never set reads
as its default. Changing one is audited and needs the permission declared here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from helsestudio.models import SettingValue
from helsestudio.services import audit
from helsestudio.services.auth import Permission, require
from helsestudio.services.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$", re.ASCII)


def _whole_number(raw: Any, unit: str) -> int:
    """An int, or text/float that is exactly one; not True (an int to Python), 1.5, NaN or inf."""
    refused = InvalidInput(f"«{raw}» er ikke et helt antall {unit}")
    if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
        raise refused
    if not isinstance(raw, (int, float, str)):
        raise refused
    try:
        return int(raw)
    except (ValueError, OverflowError):
        raise refused from None


def _minutes(raw: Any) -> int:
    value = _whole_number(raw, "minutter")
    if not 0 <= value <= 240:
        raise InvalidInput("Riggetiden må være mellom 0 og 240 minutter")
    return value


def _clock(raw: Any) -> str:
    if not isinstance(raw, str) or not _HHMM.match(raw.strip()):
        raise InvalidInput(f"«{raw}» er ikke et klokkeslett på formen TT:MM, f.eks. 07:30")
    return raw.strip()


def _days(raw: Any) -> int:
    value = _whole_number(raw, "dager")
    if not 0 <= value <= 3650:
        raise InvalidInput("Antall dager må være mellom 0 og 3650")
    return value


def _text(raw: Any) -> str:
    if not isinstance(raw, str):  # str(None) would store «None»
        raise InvalidInput(f"«{raw}» er ikke en tekst")
    value = raw.strip()
    if len(value) > 500 or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise InvalidInput("Teksten er for lang eller har kontrolltegn")
    return value


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    parse: Callable[[Any], Any]
    permission: Permission
    label_nb: str


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("buffer_minutes", 15, _minutes, Permission.STUDIO_POLICY, "Riggetid mellom bookinger (minutter)"),
        SettingSpec("opening_start", "07:30", _clock, Permission.STUDIO_POLICY, "Åpner"),
        SettingSpec("opening_end", "16:00", _clock, Permission.STUDIO_POLICY, "Stenger"),
        SettingSpec("expiring_window_days", 90, _days, Permission.MANAGE_COURSE_TYPES, "Varsel før utløp (dager)"),
        SettingSpec("organisation_name", "Helse Bergen", _text, Permission.MANAGE_DATABASE, "Organisasjon"),
        SettingSpec("organisation_logo", "", _text, Permission.MANAGE_DATABASE, "Logo (filsti)"),
    )
}


def _spec(key: str) -> SettingSpec:
    try:
        return SPECS[key]
    except KeyError:
        known = ", ".join(sorted(SPECS))
        raise NotFound(f"Ukjent innstilling «{key}». Kjente innstillinger: {known}") from None


def get(ctx: AppContext, key: str) -> Any:
    with ctx.db.read() as session:
        return get_in(session, key)


def set_value(ctx: AppContext, key: str, raw: Any, reason: str = "") -> Any:
    """Validate, store and audit a setting; returns the stored value."""
    with ctx.db.write() as session:
        return set_value_in(session, ctx.username, key, raw, reason)


def get_in(session: Session, key: str) -> Any:
    spec = _spec(key)
    row = session.get(SettingValue, key)
    return spec.default if row is None else row.value


def set_value_in(session: Session, actor: str, key: str, raw: Any, reason: str = "") -> Any:
    spec = _spec(key)
    require(session, actor, spec.permission)
    value = spec.parse(raw)
    row = session.get(SettingValue, key)
    before = spec.default if row is None else row.value
    if row is None:
        session.add(SettingValue(key=key, value=value))
    else:
        row.value = value
    audit.record(
        session, actor=actor, action="setting.set", entity="setting", entity_id=key,
        before={"value": before}, after={"value": value}, reason=reason,
    )
    return value
