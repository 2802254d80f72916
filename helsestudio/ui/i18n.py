"""Translations: source strings are bokmål; English is switched on with HELSESTUDIO_LANG=en.

Qt's own texts (dialog buttons, context menus, file and print dialogs) are English in
Qt; in bokmål they come from resources/i18n/qtbase_nb.qm, which the PySide6 wheel
does not ship. The bokmål locale also gives the calendar popups Norwegian month and
day names and Monday as the first day of the week.
"""

from __future__ import annotations

import os
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

ENV_LANG = "HELSESTUDIO_LANG"
_installed: list[QTranslator] = []
_locale_before: list[QLocale] = []


def _qm(name: str) -> str | None:
    qm = resources.files("helsestudio.resources") / "i18n" / f"{name}.qm"
    return str(qm) if qm.is_file() else None


def _install(app: QCoreApplication, name: str) -> bool:
    path = _qm(name)
    translator = QTranslator(app)
    if path is None or not translator.load(path):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators for `language` (or HELSESTUDIO_LANG); returns the language used.

    Replaces whatever an earlier call installed, so calling it again switches language.
    """
    remove_translators(app)
    lang = (language or os.environ.get(ENV_LANG) or "nb").lower()[:2]
    if lang not in ("nb", "no", "nn") and _install(app, f"helsestudio_{lang}"):
        return lang
    # Bokmål: the program's texts are the sources; only Qt's own texts need a translator.
    _install(app, "qtbase_nb")
    if not _locale_before:
        _locale_before.append(QLocale())
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
    return "nb"


def remove_translators(app: QCoreApplication) -> None:
    """Back to the untranslated texts and the system locale (tests switch languages within one process)."""
    while _installed:
        app.removeTranslator(_installed.pop())
    if _locale_before:
        QLocale.setDefault(_locale_before.pop())
