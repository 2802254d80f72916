"""English through Qt's translation system: the switch works, every message is translated
with its placeholders intact, the committed .qm is the compiled .ts, and the .ts is in
sync with the UI sources (issue 2)."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication

from helsestudio.services import auth, certificate_checks, completions, course_sessions, credentials
from helsestudio.services.app import AppContext
from helsestudio.services.participant_import import FIELD_NB
from helsestudio.services.timeutil import MONTHS_NB, WEEKDAYS_NB
from helsestudio.ui import labels, tasks
from helsestudio.ui.calendar import painting
from helsestudio.ui.i18n import install_translator, remove_translators
from helsestudio.ui.main_window import MainWindow
from helsestudio.ui.pages.calendar_page import CalendarPage

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "helsestudio_en.ts"
QM = TS.with_suffix(".qm")
# What must survive translation unchanged: {name} and %1/%n placeholders, HTML tags.
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*\}|%\d|%n|</?[A-Za-z][^>]*>")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> list[tuple[str, str, str | None, ET.Element]]:
    """(context, source, comment, translation element) for every message of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, (name, message.findtext("source"))
            found.append((name, message.findtext("source") or "", message.findtext("comment"), translation))
    return found


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "en") == "en"
    yield
    remove_translators(qapp)


def _window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    tasks.set_synchronous(True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def _navigation(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_main_window_and_calendar_in_english(english: None, qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    try:
        window = _window(qtbot, ctx)
        assert _navigation(window) == ["Calendar", "Courses", "Certificates", "Reports", "Settings"]
        assert window.user_label.text() == f"User: {ctx.username} (administrator)"
        calendar = window.page("kalender")
        assert isinstance(calendar, CalendarPage)
        assert [calendar.new_button.text(), calendar.ics_button.text(), calendar.print_button.text(),
                calendar.pdf_button.text()] == ["New request …", "Calendar files", "Print day plan …",
                                                "Day plan as PDF …"]
        view = calendar.view
        assert view.today_button.text() == "Today"
        assert [b.text() for b in view.mode_buttons.values()] == ["Day", "Week", "Month"]
        assert view.label.text().startswith("week ")
    finally:
        tasks.set_synchronous(False)


def test_main_window_is_bokmal_without_the_translator(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    try:
        window = _window(qtbot, ctx)
        assert _navigation(window) == ["Kalender", "Kurs", "Kursbevis", "Rapporter", "Innstillinger"]
        calendar = window.page("kalender")
        assert isinstance(calendar, CalendarPage)
        assert calendar.new_button.text() == "Ny forespørsel …"
        assert [b.text() for b in calendar.view.mode_buttons.values()] == ["Dag", "Uke", "Måned"]
        assert calendar.view.label.text().startswith("uke ")
    finally:
        tasks.set_synchronous(False)


def test_service_labels_and_dates_are_translated_when_shown(qapp: QApplication) -> None:
    day = date(2026, 3, 13)
    assert painting.day_long(day) == "fredag 13. mars 2026"
    assert painting.state_name("fortrengt") == "Fortrengt"
    install_translator(qapp, "en")
    try:
        assert painting.day_long(day) == "Friday 13 March 2026"
        assert painting.weekday_short(day) == "Fri"
        assert painting.state_name("fortrengt") == "Displaced"
        assert labels.label(credentials.STATUS_NB["expiring"]) == "expiring soon"
        assert labels.label("Et navn fra databasen") == "Et navn fra databasen"
    finally:
        remove_translators(qapp)


def test_labels_list_every_word_the_services_show() -> None:
    """ui/labels.py repeats the services' label words for lupdate; a new word must be added there."""
    shown = {*WEEKDAYS_NB, *MONTHS_NB, *credentials.STATUS_NB.values(), *certificate_checks.STATE_NB.values(),
             *completions.COMPONENT_NB.values(), *course_sessions.ACTIVITY_TYPES.values(),
             *auth.ROLE_NAMES_NB.values(), *FIELD_NB.values(), *painting.STATE_NB.values()}
    assert shown - set(labels.MARKED) == set()


def test_every_message_is_translated_with_its_placeholders() -> None:
    messages = _messages(TS)
    assert len(messages) > 400
    problems = []
    for context, source, _comment, translation in messages:
        text = translation.text or ""
        where = f"{context}: {source!r}"
        if translation.get("type") or not text.strip():
            problems.append(f"{where} is not translated ({translation.get('type')})")
            continue
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{where}: placeholders differ in {text!r}")
        # Texts joined to others («Bestiller: » + name) keep their edges.
        if (source[:1].isspace(), source[-1:].isspace()) != (text[:1].isspace(), text[-1:].isspace()):
            problems.append(f"{where}: leading/trailing space differs in {text!r}")
    assert problems == []


def test_committed_qm_is_the_compiled_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "helsestudio_en.qm"
    _tool().compile_ts(TS, compiled)
    assert compiled.read_bytes() == QM.read_bytes(), "run: python tools/update_translations.py"


def test_ts_is_in_sync_with_the_ui_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "helsestudio_en.ts"
    tool = _tool()
    subprocess.run([tool._tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",  # noqa: SLF001
                    *map(str, tool.ui_sources()), "-ts", str(fresh)], check=True)
    in_code = {(c, s, m) for c, s, m, _ in _messages(fresh)}
    committed = {(c, s, m) for c, s, m, _ in _messages(TS)}
    assert in_code - committed == set(), "new UI text: run python tools/update_translations.py and translate it"
    assert committed - in_code == set(), "stale messages: run python tools/update_translations.py"


def _tr_calls_lupdate_cannot_read(path: Path) -> list[str]:
    """tr() inside an f-string, and obj.tr() on anything but self: lupdate misses or misfiles them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found += [f"{path.name}:{sub.lineno} tr inside an f-string" for sub in ast.walk(node)
                      if isinstance(sub, ast.Call) and getattr(sub.func, "attr", getattr(sub.func, "id", ""))
                      in ("tr", "translate")]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr":
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id == "self"):
                found.append(f"{path.name}:{node.lineno} {ast.unparse(owner)}.tr()")
    return found


def test_ui_texts_are_written_so_lupdate_finds_them() -> None:
    problems = [p for path in sorted((ROOT / "helsestudio" / "ui").rglob("*.py"))
                for p in _tr_calls_lupdate_cannot_read(path)]
    assert problems == []
