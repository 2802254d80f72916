"""Turning the bytes of a calendar file into icalendar objects, or into one clear Norwegian error.

Real files come in UTF-8 with or without BOM, sometimes Windows-1252; they may be
truncated, not calendars at all, or name time zones no library knows. Every
such case ends here as `InvalidInput` naming the line, or as a note in `problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from icalendar import Calendar, Component

from helsestudio.services.errors import InvalidInput
from helsestudio.services.ics_windows_zones import known_zone, resolve_tzid

MAX_BYTES = 50 * 1024 * 1024
_TZID_PARAM = re.compile(r';TZID=("[^"]*"|[^:;,]*)', re.IGNORECASE)
_TZID_DEFINED = re.compile(r"^TZID:(.*?)\r?$", re.IGNORECASE | re.MULTILINE)
_UNPARSABLE = re.compile(r"could not be parsed into parts: '(.*?)'", re.DOTALL)


@dataclass
class SourceText:
    text: str
    original: str = ""
    # id(VEVENT) → line number of its BEGIN:VEVENT, filled once the file is parsed.
    event_lines: dict[int, tuple[int, int]] = field(default_factory=dict)
    begin_lines: list[int] = field(default_factory=list)


def decode(data: bytes | str, problems: list[str]) -> SourceText:
    if isinstance(data, str):
        return SourceText(data)
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"Filen er {len(data) // 1_000_000} MB: større enn 50 MB kan ikke importeres")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with BOM (Windows Notepad «Unicode»)
        try:
            return SourceText(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise InvalidInput("Filen sier den er UTF-16, men kan ikke leses som det") from None
    if b"\x00" in data[:4096]:
        raise InvalidInput("Filen er ikke en tekstfil og kan ikke være en kalender (.ics)")
    try:
        return SourceText(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    try:
        return SourceText(_mend_split_folds(data).decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.append("Filen er ikke UTF-8: lest som Windows-1252 (sjekk æ, ø og å i titlene)")
        return SourceText(data.removeprefix(_UTF8_BOM).decode("cp1252", errors="replace"))


_UTF8_BOM = b"\xef\xbb\xbf"
# A fold (CRLF + space) between the bytes of one UTF-8 character: RFC 5545 3.1 warns that simple
# writers do this and asks readers to restore the sequence when unfolding.
_SPLIT_FOLD = re.compile(rb"([\xc2-\xf4][\x80-\xbf]{0,2})((?:\r?\n[ \t])+)([\x80-\xbf]{1,3})")


def _mend_split_folds(data: bytes) -> bytes:
    """Move the continuation bytes of a split character before the fold. The line count stays
    the same, so line numbers in messages still point into the file as it is."""
    for _ in range(3):  # a 4-byte character can be split by more than one fold
        mended = _SPLIT_FOLD.sub(rb"\1\3\2", data)
        if mended == data:
            break
        data = mended
    return data


def _check_structure(source: SourceText) -> None:
    """BEGIN/END must pair up (icalendar silently drops an unclosed calendar, NOTES.md)."""
    stack: list[tuple[str, int]] = []
    first_content: tuple[int, str] | None = None
    for number, line in enumerate(source.text.splitlines(), 1):
        if not line.strip():
            continue
        if first_content is None:
            first_content = (number, line)
            if line.strip().upper() != "BEGIN:VCALENDAR":
                raise InvalidInput(
                    f"Filen er ikke en iCalendar-fil (.ics): linje {number} er «{line.strip()[:60]}», "
                    "ventet BEGIN:VCALENDAR")
        head = line[:6].upper()
        if head == "BEGIN:":
            name = line[6:].strip().upper()
            stack.append((name, number))
            if name == "VEVENT":
                source.begin_lines.append(number)
        elif head.startswith("END:"):
            name = line[4:].strip().upper()
            if not stack or stack[-1][0] != name:
                opened = f"BEGIN:{stack[-1][0]} på linje {stack[-1][1]}" if stack else "ingen BEGIN"
                raise InvalidInput(f"Linje {number}: END:{name} passer ikke til {opened}: filen er ødelagt")
            stack.pop()
    if first_content is None:
        raise InvalidInput("Filen er tom: ingen kalender å importere")
    if stack:
        name, number = stack[-1]
        raise InvalidInput(
            f"Filen er avkortet: BEGIN:{name} på linje {number} avsluttes aldri (END:{name} mangler)")


def _line_of(source: SourceText, fragment: str) -> int | None:
    text = source.original or source.text
    index = text.find(fragment[:40])
    return None if index < 0 else text.count("\n", 0, index) + 1


def unparsable_line(source: SourceText, message: str) -> str | None:
    """«linje 9 «Dette er ikke …»» for icalendar's «could not be parsed» message, if found."""
    bad = _UNPARSABLE.search(message)
    if not bad:
        return None
    line = _line_of(source, bad.group(1))
    return f"linje {line} «{bad.group(1)[:60]}»" if line else f"linjen «{bad.group(1)[:60]}»"


def _known_tzids(source: SourceText, problems: list[str]) -> None:
    """Rewrite TZIDs that neither icalendar nor the file's VTIMEZONEs know (Outlook display names)."""
    used = {m.group(1) for m in _TZID_PARAM.finditer(source.text)}
    if not used:
        return
    defined = {m.group(1).strip() for m in _TZID_DEFINED.finditer(source.text)}
    replacements: dict[str, str] = {}
    for raw in used:
        name = raw.strip('"')
        if name in defined or known_zone(name) is not None:
            continue
        zone = resolve_tzid(name)
        key = getattr(zone, "key", None) or "Europe/Oslo"
        if zone is None:
            problems.append(f"Ukjent tidssone «{name}»: tidene er lest som norsk tid (Europe/Oslo)")
        replacements[raw] = key
    for raw, key in replacements.items():
        source.text = source.text.replace(f";TZID={raw}", f";TZID={key}")


def read_calendars(source: SourceText, problems: list[str]) -> list[Calendar]:
    _check_structure(source)
    source.original = source.text
    if _TZID_PARAM.search(source.text):
        # Unfold first (RFC 5545 3.1) so a folded TZID parameter is seen whole.
        source.text = re.sub(r"\r?\n[ \t]", "", source.text)
        _known_tzids(source, problems)
    try:
        calendars = Calendar.from_ical(source.text, multiple=True)
    except Exception as exc:  # noqa: BLE001 - icalendar's parse errors have no common base
        bad = _UNPARSABLE.search(str(exc))
        line = _line_of(source, bad.group(1)) if bad else None
        where = f" på linje {line}" if line else ""
        detail = f"«{bad.group(1)[:60]}»" if bad else str(exc)[:200]
        raise InvalidInput(f"Filen kan ikke leses som kalender{where}: {detail}") from None
    if not calendars:
        raise InvalidInput("Filen inneholder ingen kalender (VCALENDAR)")
    events = [e for cal in calendars for e in cal.walk("VEVENT")]
    for index, event in enumerate(events):
        line = source.begin_lines[index] if index < len(source.begin_lines) else 0
        source.event_lines[id(event)] = (index + 1, line)
    return calendars


def describe_event(event: Component, source: SourceText) -> str:
    """«Hendelse nr. 3 «Kurs» (UID abc, linje 42)» for messages about one event."""
    number, line = source.event_lines.get(id(event), (0, 0))
    summary = str(event.get("SUMMARY", "")).strip()
    parts = [f"UID {event.get('UID')}"] if event.get("UID") else []
    if line:
        parts.append(f"linje {line}")
    title = f" «{summary[:60]}»" if summary else ""
    return f"Hendelse nr. {number}{title} ({', '.join(parts)})" if parts else f"Hendelse nr. {number}{title}"
