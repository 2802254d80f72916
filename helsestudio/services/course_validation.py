"""Input checks shared by the course services, forms and the participant import.

Each check returns the cleaned value or raises InvalidInput with a Norwegian
sentence that says what is wrong and what to do. The same functions back the
as-you-type validation in the forms (`problem()` turns them into a message).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from helsestudio.services.errors import InvalidInput

# Eleven digits in a row (optionally «ddmmyy nnnnn»): what a fødselsnummer or
# D-nummer looks like. We never store one, in any field (domain.md, «Data and privacy»).
_IDENTITY_NUMBER = re.compile(r"(?<!\d)\d{6}[ ]?\d{5}(?!\d)")
_HPR = re.compile(r"^\d{7,9}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CODE = re.compile(r"^[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå_.-]{0,31}$")
# Invisible direction overrides, embeddings and isolates: never part of a name, and they make a
# printed certificate or report read differently from what is stored (U+202E reverses the rest).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _control(c: str, allowed: str = "") -> bool:
    """C0/C1 control characters (NEL too), line/paragraph separators and bidi controls."""
    if c in allowed:
        return False
    return unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI_CONTROLS


def reject_identity_number(label: str, value: str) -> None:
    if _IDENTITY_NUMBER.search(value):
        raise InvalidInput(
            f"{label} inneholder 11 sifre som ser ut som et fødselsnummer. Helsestudio lagrer "
            "aldri fødselsnummer: fjern det (bruk eventuelt HPR-nummeret, 7–9 sifre)"
        )


def text(label: str, value: str | None, *, required: bool = False, max_len: int = 200) -> str:
    """A one-line text: trimmed, no control characters, no identity number."""
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise InvalidInput(f"{label} må fylles ut")
    if len(cleaned) > max_len:
        raise InvalidInput(f"{label} er for lang (høyst {max_len} tegn)")
    if any(_control(c) for c in cleaned):
        raise InvalidInput(f"{label} inneholder kontrolltegn (linjeskift, tabulator eller usynlige "
                           "retningstegn): fjern dem")
    reject_identity_number(label, cleaned)
    return cleaned


def long_text(label: str, value: str | None, *, max_len: int = 5000) -> str:
    """Several lines (description, learning outcomes): trimmed, no identity number."""
    cleaned = "\n".join(line.rstrip() for line in (value or "").strip().splitlines())
    if len(cleaned) > max_len:
        raise InvalidInput(f"{label} er for lang (høyst {max_len} tegn)")
    if any(_control(c, allowed="\n\t") for c in cleaned):
        raise InvalidInput(f"{label} inneholder kontrolltegn: fjern dem")
    reject_identity_number(label, cleaned)
    return cleaned


def person_name(value: str | None) -> str:
    name = " ".join(text("Navnet", value, required=True).split())
    if not any(c.isalpha() for c in name):
        raise InvalidInput(f"«{name}» er ikke et navn: skriv fornavn og etternavn")
    return name


def email(value: str | None) -> str:
    cleaned = text("E-postadressen", value, max_len=254)
    if cleaned and not _EMAIL.match(cleaned):
        raise InvalidInput(f"«{cleaned}» er ikke en e-postadresse (navn@eksempel.no)")
    return cleaned.lower()


def hpr(value: str | None) -> str | None:
    """HPR number: digits only, 7–9 long; an 11-digit value is refused as a likely fødselsnummer."""
    cleaned = (value or "").strip().replace(" ", "")
    if not cleaned:
        return None
    if cleaned.isdigit() and len(cleaned) == 11:
        reject_identity_number("HPR-nummeret", cleaned)
    if not _HPR.match(cleaned):
        raise InvalidInput(
            f"HPR-nummeret «{cleaned}» er ugyldig: det består bare av sifre og er 7–9 sifre langt"
        )
    return cleaned


def code(value: str | None) -> str:
    cleaned = (value or "").strip()
    if not _CODE.match(cleaned):
        raise InvalidInput(
            f"Koden «{cleaned}» er ugyldig: bruk 1–32 bokstaver, sifre, punktum, - eller _ "
            "(f.eks. NODNETT-BRUKER)"
        )
    return cleaned.upper()


def positive_int(label: str, value: Any, *, allow_none: bool = True, maximum: int = 10_000) -> int | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise InvalidInput(f"{label} må fylles ut")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{label} må være et helt tall, ikke «{value}»") from None
    if not 1 <= number <= maximum:
        raise InvalidInput(f"{label} må være mellom 1 og {maximum}")
    return number


def problem(check: Callable[[], object]) -> str:
    """The message a check would raise, or "" when the value is fine (for forms)."""
    try:
        check()
    except InvalidInput as exc:
        return exc.message
    return ""
