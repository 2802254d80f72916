"""argparse's own messages in bokmål, so a usage error reads as one Norwegian line.

argparse looks its texts up through the module-level `_` and `ngettext` each time
it builds a message; `install()` points them at this table. A text that is not
here (a newer Python's wording) stays English rather than failing.
"""

from __future__ import annotations

import argparse

NB = {
    "usage: ": "bruk: ",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldig valg %(value)r (velg blant %(choices)s)",
    "invalid %(type)s value: %(value)r": "ugyldig verdi %(value)r (ventet %(type)s)",
    "expected one argument": "mangler verdi",
    "expected at most one argument": "tar høyst én verdi",
    "expected at least one argument": "trenger minst én verdi",
    "the following arguments are required: %s": "dette må oppgis: %s",
    "one of the arguments %s is required": "ett av disse må oppgis: %s",
    "unrecognized arguments: %s": "ukjente argumenter: %s",
    "not allowed with argument %s": "kan ikke brukes sammen med %s",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s er tvetydig: kan bety %(matches)s",
    "ignored explicit argument %r": "tar ingen verdi: %r",
    "can't open '%(filename)s': %(error)s": "kan ikke åpne «%(filename)s»: %(error)s",
    "show this help message and exit": "vis denne hjelpen og avslutt",
    "show program's version number and exit": "vis versjonsnummeret og avslutt",
    "positional arguments": "argumenter",
    "options": "valg",
    "%(prog)s: error: %(message)s\n": "%(prog)s: feil: %(message)s\n",
}
NB_PLURAL = {
    "expected %s argument": ("ventet %s verdi", "ventet %s verdier"),
}


def _gettext(text: str) -> str:
    return NB.get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    forms = NB_PLURAL.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n == 1 else forms[1]


def install() -> None:
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
