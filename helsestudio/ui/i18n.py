"""Translations: source strings are bokmål; English is switched on with HELSESTUDIO_LANG=en."""

from __future__ import annotations

import os
from importlib import resources

from PySide6.QtCore import QCoreApplication, QTranslator

ENV_LANG = "HELSESTUDIO_LANG"
_installed: list[QTranslator] = []


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translator for `language` (or HELSESTUDIO_LANG); returns the language used."""
    lang = (language or os.environ.get(ENV_LANG) or "nb").lower()[:2]
    if lang in ("nb", "no", "nn"):
        return "nb"
    qm = resources.files("helsestudio.resources") / "i18n" / f"helsestudio_{lang}.qm"
    translator = QTranslator(app)
    if qm.is_file() and translator.load(str(qm)):
        app.installTranslator(translator)
        _installed.append(translator)
        return lang
    return "nb"


def remove_translators(app: QCoreApplication) -> None:
    """Back to the bokmål source texts (tests switch languages within one process)."""
    while _installed:
        app.removeTranslator(_installed.pop())
