"""The main window: navigation, status bar, settings page (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helsestudio.services import local_config
from helsestudio.services.app import AppContext
from helsestudio.ui import tasks
from helsestudio.ui.main_window import MainWindow
from helsestudio.ui.pages.settings_page import SettingsPage


@pytest.fixture
def window(qtbot, sqlite_ctx: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    tasks.set_synchronous(True)
    w = MainWindow(sqlite_ctx)
    qtbot.addWidget(w)
    w.show()
    yield w
    tasks.set_synchronous(False)


def test_navigation_has_the_five_areas_in_norwegian(window: MainWindow) -> None:
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == ["Kalender", "Kurs", "Kursbevis", "Rapporter", "Innstillinger"]
    window.show_page("innstillinger")
    assert isinstance(window.pages.currentWidget(), SettingsPage)


def test_status_bar_shows_database_and_user_with_role(window: MainWindow) -> None:
    assert window.db_label.text().startswith("Database: sqlite:///")
    assert window.user_label.text() == "Bruker: admin (administrator)"


def test_settings_page_validates_and_saves_the_shared_database(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.page("innstillinger")
    assert isinstance(page, SettingsPage)
    page.shared_radio.setChecked(True)
    qtbot.keyClicks(page.url_edit, "mysql://x")
    assert "støttes ikke" in page.message.text()
    page.url_edit.setText("postgresql+psycopg://hs@server/helsestudio")
    page.save_choice()
    assert local_config.chosen_db_url() == "postgresql+psycopg://hs@server/helsestudio"
    page.local_radio.setChecked(True)
    page.save_choice()
    assert local_config.chosen_db_url() is None


def test_settings_page_lists_the_daily_backups_and_takes_one_now(window: MainWindow, sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
                                                               tmp_path, qtbot) -> None:
    """Issue 7: automatic rotating backups «shown in settings», and a copy made on demand."""
    import sqlite3
    from datetime import date

    from helsestudio.services import backup

    backup.rotate_daily(sqlite_ctx.db, date(2026, 11, 29))
    backup.rotate_daily(sqlite_ctx.db, date(2026, 11, 30))
    page = window.page("innstillinger")
    assert isinstance(page, SettingsPage)
    page.backups.refresh()
    assert [b.path.name for b in page.backups.model.rows()] == ["daglig-2026-11-30.db", "daglig-2026-11-29.db"]
    assert page.backups.title() == "Sikkerhetskopier"
    target = tmp_path / "kopi.db"
    page.backups.backup_now(str(target))
    assert "Sikkerhetskopien er lagret" in page.backups.message.text()
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM users").fetchone()[0] >= 1
    page.backups.backup_now(str(tmp_path / "finnes-ikke" / "kopi.db"))
    assert "finnes ikke" in page.backups.message.text()  # a clear message, nothing written
    assert page.backups.backup_button.isEnabled()


def test_window_is_shown_before_the_database_and_pages_are_built_on_first_visit(  # type: ignore[no-untyped-def]
        qtbot, sqlite_ctx: AppContext) -> None:
    """Start-up (issue 3): the window paints at once, the database is attached when open."""
    tasks.set_synchronous(True)
    try:
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        assert w.pages.currentWidget().text() == "Åpner databasen …"
        assert [w.navigation.item(i).text() for i in range(w.navigation.count())][0] == "Kalender"
        w.attach(sqlite_ctx)
        assert type(w.pages.currentWidget()).__name__ == "CalendarPage"
        assert w.user_label.text() == "Bruker: admin (administrator)"
        # Pages not yet visited are still placeholders: their modules need not load at start.
        assert type(w.pages.widget(w.page_keys.index("rapporter"))).__name__ == "QLabel"
        w.show_page("rapporter")
        assert type(w.pages.currentWidget()).__name__ == "ReportsPage"
        assert w.pages.count() == 5
    finally:
        tasks.set_synchronous(False)


def test_gui_start_with_an_unusable_database_says_so_and_exits_2(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from helsestudio.ui import app as ui_app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(f"{title}: {text}"))
    tasks.set_synchronous(False)
    code = ui_app.start(f"sqlite:///{tmp_path / 'finnes' / 'ikke' / 'x.db'}")
    assert code == 2
    assert len(shown) == 1 and shown[0].startswith("Kan ikke åpne databasen:")
    assert "Traceback" not in shown[0]
