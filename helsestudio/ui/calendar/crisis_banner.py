"""The crisis banner (R6): a red bar across the whole main window while crisis mode is on.

It checks the database in the background every `POLL_MS` (another PC may have
switched crisis mode) and whenever `refresh()` is called after an action.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import select

from helsestudio.models import BookingCategory
from helsestudio.services.app import AppContext
from helsestudio.services.studio_policy import CrisisInfo, active_crisis
from helsestudio.ui.labels import format_datetime
from helsestudio.ui.tasks import run_task

POLL_MS = 30_000


def crisis_text(info: CrisisInfo, names: dict[str, str] | None = None) -> str:
    order = " › ".join((names or {}).get(c, c) for c in info.order)
    return QCoreApplication.translate(
        "CrisisBanner", "KRISEMODUS (R6): {reason} — prioritet: {order}. Slått på av {who} {when}."
    ).format(reason=info.reason, order=order, who=info.started_by, when=format_datetime(info.started_at))


class CrisisBanner(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.info: CrisisInfo | None = None
        self.setObjectName("crisisBanner")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#crisisBanner { background: #b00020; color: white; font-weight: 600;"
                           " padding: 8px 14px; font-size: 11pt; }")
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def refresh(self) -> None:
        def load() -> tuple[CrisisInfo | None, dict[str, str]]:
            with self._ctx.db.read() as session:
                names = {code: name for code, name in session.execute(select(BookingCategory.code, BookingCategory.name))}
                return active_crisis(session), names

        # A failed poll is simply retried on the next tick.
        run_task(load, lambda found: self.show_info(*found), lambda _exc: None)

    def show_info(self, info: CrisisInfo | None, names: dict[str, str] | None = None) -> None:
        self.info = info
        if info is not None:
            self.setText(crisis_text(info, names))
        self.setVisible(info is not None)
