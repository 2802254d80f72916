"""Qt's own texts in bokmål (dialog buttons, message boxes, context menus, file and print
dialogs): resources/i18n/qtbase_nb.qm is installed in Norwegian, not in English, and goes
again when the language is switched."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit

from helsestudio.ui.certificates.dialogs import RevokeDialog
from helsestudio.ui.i18n import install_translator, remove_translators
from tests.ui.test_i18n import _tool

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "qtbase_nb.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"%\d|</?[A-Za-z][^>]*>|\n")


@pytest.fixture
def norwegian(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "nb") == "nb"
    yield
    remove_translators(qapp)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "en") == "en"
    yield
    remove_translators(qapp)


def _plain(text: str) -> str:
    """A button or menu text as read: without the mnemonic & and the shortcut after the tab."""
    return text.split("\t")[0].replace("&", "")


def _ok_cancel() -> list[str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    return [_plain(box.button(b).text()) for b in (QDialogButtonBox.StandardButton.Ok,
                                                   QDialogButtonBox.StandardButton.Cancel)]


def _menu(widget: QLineEdit | QPlainTextEdit) -> list[str]:
    return [_plain(a.text()) for a in widget.createStandardContextMenu().actions() if not a.isSeparator()]


def test_dialog_buttons_are_bokmal_in_norwegian(norwegian: None) -> None:
    assert _ok_cancel() == ["OK", "Avbryt"]
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(_plain(b.text()) for b in box.buttons()) == ["Ja", "Nei"]
    more = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Save
                            | QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Discard)
    assert sorted(_plain(b.text()) for b in more.buttons()) == ["Bruk", "Forkast", "Lagre", "Lukk"]


def test_dialog_buttons_stay_english_in_english(english: None) -> None:
    assert _ok_cancel() == ["OK", "Cancel"]


def test_context_menus_of_text_fields_are_bokmal(norwegian: None) -> None:
    edit = QLineEdit("tekst")
    assert _menu(edit) == ["Angre", "Gjør om", "Klipp ut", "Kopier", "Lim inn", "Slett", "Merk alt"]
    notes = QPlainTextEdit("tekst")
    assert {"Kopier", "Lim inn", "Merk alt"} <= set(_menu(notes))


def test_switching_language_removes_the_qt_translator(qapp: QApplication) -> None:
    system = QLocale()
    install_translator(qapp, "nb")
    install_translator(qapp, "nb")  # again: replaces, does not stack
    assert _ok_cancel() == ["OK", "Avbryt"]
    assert QLocale().language() == QLocale.Language.NorwegianBokmal  # calendar popups: Norwegian months
    install_translator(qapp, "en")
    try:
        assert _ok_cancel() == ["OK", "Cancel"]
        assert QLocale().name() == system.name()
    finally:
        remove_translators(qapp)
    install_translator(qapp, "nb")
    remove_translators(qapp)
    assert _ok_cancel() == ["OK", "Cancel"]
    assert QLocale().name() == system.name()


def test_a_program_dialog_shows_bokmal_cancel(norwegian: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RevokeDialog("HS-2026-0001", "Kari Nordmann")
    qtbot.addWidget(dialog)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert _plain(cancel.text()) == "Avbryt"
    assert _plain(dialog.ok_button.text()) == "Trekk tilbake"
    assert "Lim inn" in _menu(dialog.reason)


def _messages() -> list[tuple[str, str, str]]:
    return [(context.findtext("name") or "", message.findtext("source") or "", message.findtext("translation") or "")
            for context in ET.parse(TS).getroot().iter("context") for message in context.iter("message")]


def test_every_qt_text_is_translated_with_placeholders_and_one_mnemonic() -> None:
    messages = _messages()
    assert len(messages) > 200
    problems = []
    for context, source, text in messages:
        where = f"{context}: {source!r} → {text!r}"
        if not text.strip():
            problems.append(f"{where}: empty")
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{where}: placeholders or line breaks differ")
        if source.replace("&&", "").count("&") != text.replace("&&", "").count("&"):
            problems.append(f"{where}: mnemonic & differs")
        if (source[:1].isspace(), source[-1:].isspace()) != (text[:1].isspace(), text[-1:].isspace()):
            problems.append(f"{where}: leading/trailing space differs")  # «Show » + column name
    assert problems == []


def test_every_source_text_is_one_qt_asks_for() -> None:
    """A misspelt source text would never be looked up: each must be known to a qtbase .qm of the wheel."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    translators = []
    for qm in sorted(folder.glob("qtbase_*.qm")):
        translator = QTranslator()
        assert translator.load(str(qm)), qm
        translators.append(translator)
    assert len(translators) >= 10
    unknown = [(context, source) for context, source, _ in _messages()
               if not any(t.translate(context, source) for t in translators)]
    assert unknown == []


def test_committed_qm_is_the_compiled_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "qtbase_nb.qm"
    _tool().compile_ts(TS, compiled)
    assert compiled.read_bytes() == QM.read_bytes(), "run: python tools/update_translations.py"
