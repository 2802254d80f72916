"""The main window: navigation on the left, one page at a time, database and user in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext
    from helsestudio.ui.connection_monitor import ConnectionMonitor

# The window is painted before the database is open and before the pages'
# modules (and through them SQLAlchemy and the services) are imported: that
# is what makes start-up feel instant. Pages other than the first are built
# the first time they are shown.

STYLE = """
QListWidget#navigation { background: #1f3a5f; color: white; border: none; font-size: 11pt; }
QListWidget#navigation::item { padding: 10px 16px; }
QListWidget#navigation::item:selected { background: #2f6db5; color: white; }
QLabel#pageTitle { font-size: 15pt; font-weight: 600; margin: 4px 0 8px 0; }
QLabel#opening { color: #555; font-size: 12pt; }
"""


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    build: Callable[[AppContext], QWidget]


def _calendar(ctx: AppContext) -> QWidget:
    from helsestudio.ui.pages.calendar_page import CalendarPage

    return CalendarPage(ctx)


def _courses(ctx: AppContext) -> QWidget:
    from helsestudio.ui.courses.page import CoursesPage

    return CoursesPage(ctx)


def _certificates(ctx: AppContext) -> QWidget:
    from helsestudio.ui.certificates.page import CertificatesPage

    return CertificatesPage(ctx)


def _reports(ctx: AppContext) -> QWidget:
    from helsestudio.ui.certificates.reports_page import ReportsPage

    return ReportsPage(ctx)


def _settings(ctx: AppContext) -> QWidget:
    from helsestudio.ui.pages.settings_page import SettingsPage

    return SettingsPage(ctx)


class MainWindow(QMainWindow):
    """Navigation and pages. Made without a context it shows «Åpner databasen …»
    until `attach(ctx)`; made with one (tests, screenshots) it is complete at once."""

    def __init__(self, ctx: AppContext | None = None) -> None:
        super().__init__()
        self._ctx: AppContext | None = None
        self.connection_monitor: ConnectionMonitor | None = None  # PostgreSQL only, from attach()
        self.setWindowTitle(self.tr("Helsestudio – Studio 2037 og kursbevis"))
        self.resize(1280, 800)
        self.setStyleSheet(STYLE)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(180)
        self.navigation.setIconSize(QSize(0, 0))
        self.pages = QStackedWidget()
        self.page_keys: list[str] = []
        self._specs = self._page_specs()
        self._built: set[str] = set()
        for spec in self._specs:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
            opening = QLabel(self.tr("Åpner databasen …"))
            opening.setObjectName("opening")
            opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages.addWidget(opening)
            self.page_keys.append(spec.key)
        self.navigation.currentRowChanged.connect(self._show_row)

        central = QWidget()
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self._outer = QVBoxLayout(central)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self._outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.navigation.setCurrentRow(0)
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: AppContext) -> None:
        """The database is open: build the first page, the crisis banner and the status bar."""
        from helsestudio.ui.calendar.crisis_banner import CrisisBanner

        self._ctx = ctx
        # R6: crisis mode is shown above every page while it is on.
        self.crisis_banner = CrisisBanner(ctx)
        self._outer.insertWidget(0, self.crisis_banner)
        self.crisis_banner.refresh()
        self._build_status_bar()
        self._show_row(self.navigation.currentRow())

    def _page_specs(self) -> list[PageSpec]:
        return [
            PageSpec("kalender", self.tr("Kalender"), _calendar),
            PageSpec("kurs", self.tr("Kurs"), _courses),
            PageSpec("kursbevis", self.tr("Kursbevis"), _certificates),
            PageSpec("rapporter", self.tr("Rapporter"), _reports),
            PageSpec("innstillinger", self.tr("Innstillinger"), _settings),
        ]

    def _ensure_built(self, index: int) -> QWidget:
        spec = self._specs[index]
        if spec.key not in self._built and self._ctx is not None:
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, spec.build(self._ctx))
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built.add(spec.key)
        return self.pages.widget(index)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self._ensure_built(row)
        self.pages.setCurrentIndex(row)

    def show_page(self, key: str) -> None:
        self.navigation.setCurrentRow(self.page_keys.index(key))

    def page(self, key: str) -> QWidget:
        return self._ensure_built(self.page_keys.index(key))

    def _build_status_bar(self) -> None:
        from helsestudio.services import users
        from helsestudio.ui.labels import label

        assert self._ctx is not None
        me = users.current_user(self._ctx)
        role = label(me.role_nb) if me else self.tr("ingen rolle – kun lesetilgang")
        self.db_label = QLabel(self.tr("Database: ") + self._ctx.db.masked_url)
        self.user_label = QLabel(self.tr("Bruker: ") + f"{self._ctx.username} ({role})")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self._watch_connection()

    def _watch_connection(self) -> None:
        """A shared database can go away under us (issue 7): say so within seconds, and when it is back.

        A local file has no server to lose, so it is not watched.
        """
        from helsestudio.ui.connection_monitor import ConnectionMonitor

        assert self._ctx is not None
        self.connection_label = QLabel()
        if self._ctx.db.is_sqlite:
            return
        self.statusBar().addPermanentWidget(self.connection_label)
        self.connection_monitor = ConnectionMonitor(self._ctx.db.ping, self)
        self.connection_monitor.changed.connect(self._show_connection)
        self._show_connection(True)
        self.connection_monitor.start()

    def _show_connection(self, online: bool) -> None:
        from helsestudio.ui.connection_monitor import offline_text, online_text

        monitor = self.connection_monitor
        self.connection_label.setText(online_text() if online else offline_text())
        self.connection_label.setStyleSheet(
            "color: #1b6e20;" if online else "color: white; background: #b00020; padding: 0 6px;")
        self.connection_label.setToolTip("" if online or monitor is None else monitor.detail)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.connection_monitor is not None:
            self.connection_monitor.stop()
        super().closeEvent(event)
