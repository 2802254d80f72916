"""Time-zone names as Outlook and Exchange write them, resolved to IANA zones.

icalendar 7 already maps the Windows *IDs* («W. Europe Standard Time» →
Europe/Berlin, CLDR's table) and uses a file's own VTIMEZONE for any other
name, so this module only covers what is left: a TZID that has neither, as
older Outlook versions and some mail gateways write it — the Windows *display
name* («(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna»,
«(GMT+01.00) Amsterdam / Berlin / …») or a bare Outlook label.
"""

from __future__ import annotations

import re
import warnings
from datetime import tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar.timezone import tzp

# Display names of the Windows zones a Norwegian hospital meets, keyed by a city that
# only that display name lists (Windows' own display-name strings, «tzutil /l»).
_DISPLAY_CITY_TO_IANA = (
    ("amsterdam", "Europe/Berlin"),  # W. Europe Standard Time (same rules as Oslo)
    ("belgrade", "Europe/Belgrade"),
    ("brussels", "Europe/Brussels"),
    ("sarajevo", "Europe/Sarajevo"),
    ("helsinki", "Europe/Helsinki"),
    ("london", "Europe/London"),
    ("dublin", "Europe/Dublin"),
    ("reykjavik", "Atlantic/Reykjavik"),
    ("athens", "Europe/Athens"),
    ("moscow", "Europe/Moscow"),
    ("eastern time", "America/New_York"),
    ("pacific time", "America/Los_Angeles"),
    ("coordinated universal time", "UTC"),
)
_OFFSET = re.compile(r"^\(?(?:UTC|GMT)\s*([+-]\d{1,2})[.:](\d\d)\)?")
_ALIASES = {
    "utc": "UTC",
    "z": "UTC",
    "gmt": "UTC",
    "cet": "Europe/Oslo",
    "cest": "Europe/Oslo",
    "central european standard time": "Europe/Oslo",
    "romance": "Europe/Paris",
    "norway": "Europe/Oslo",
    "norge": "Europe/Oslo",
}


def known_zone(name: str) -> tzinfo | None:
    """The zone icalendar itself resolves `name` to: IANA names, Windows IDs, «/vendor/Europe/Oslo»."""
    with warnings.catch_warnings():
        # «/vendor/Europe/Oslo» is guessed by stripping the prefix; that guess is what we want.
        warnings.simplefilter("ignore")
        try:
            return tzp.timezone(name)
        except (OSError, ValueError):
            # zoneinfo opens «Europe» as a file and meets a directory (IsADirectoryError),
            # or refuses a malformed key (ValueError): not a zone either way.
            return None


@lru_cache(maxsize=256)
def resolve_tzid(tzid: str) -> tzinfo | None:
    """The zone a TZID means, or None if it cannot be known (the caller decides what to assume)."""
    name = tzid.strip().strip('"')
    if not name:
        return None
    found = known_zone(name)
    if found is not None:
        return found
    lowered = name.lower()
    if lowered in _ALIASES:
        return ZoneInfo(_ALIASES[lowered])
    if _OFFSET.match(name):
        for city, iana in _DISPLAY_CITY_TO_IANA:
            if city in lowered:
                return ZoneInfo(iana)
        # «(UTC+01:00) …» with cities we do not know: a whole-hour +01:00 label is
        # Central European time in practice for this studio's correspondents.
        match = _OFFSET.match(name)
        assert match is not None
        if (int(match.group(1)), match.group(2)) == (1, "00"):
            return ZoneInfo("Europe/Oslo")
    return None
