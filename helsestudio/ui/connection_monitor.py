"""Watching the shared database: is it there? (issue 7)

Every few seconds a health check (`Database.ping`: a fresh connection and `SELECT 1`)
runs in the background; `changed(online)` is emitted when the answer changes. A task
that fails with DatabaseUnavailable triggers a check at once, so the status bar does
not wait for the next tick. Checks run on a thread pool of their own: work that waits
on a vanished server must not keep the check from running, nor the other way round.
A check that has not answered after `stall_ms` counts as «no contact».
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal

from helsestudio.services.errors import DatabaseUnavailable, DomainError
from helsestudio.ui import tasks
from helsestudio.ui.messages import describe

CHECK_INTERVAL_MS = 3000
# PING_CONNECT_TIMEOUT_S (2 s) plus room: a check still running after this is a hang.
STALL_MS = 4000
# Failing tasks come in bursts (a page loads three things at once): one check for a burst.
MIN_GAP_MS = 300


def offline_text() -> str:
    return QCoreApplication.translate("ConnectionMonitor", "Ingen kontakt med databasen – prøver igjen …")


def online_text() -> str:
    return QCoreApplication.translate("ConnectionMonitor", "Tilkoblet")


def unsaved_kept_text() -> str:
    """What a form says when its save failed because the database is away; its values stay."""
    return QCoreApplication.translate(
        "ConnectionMonitor",
        "Databasen er ikke tilgjengelig. Det du har skrevet er tatt vare på – "
        "lagre igjen når forbindelsen er tilbake.")


class ConnectionMonitor(QObject):
    changed = Signal(bool)  # online

    def __init__(self, check: Callable[[], None], parent: QObject | None = None, *,
                 interval_ms: int = CHECK_INTERVAL_MS, stall_ms: int = STALL_MS) -> None:
        super().__init__(parent)
        self._check = check
        self.online = True
        self.detail = ""  # why the last check failed, for a tooltip
        self.checks_run = 0
        self._generation = 0
        self._in_flight = False
        self._last_start = 0.0
        self._stopped = True
        self._pool = QThreadPool(self)
        # A hung check keeps its thread until its own timeout; the next one needs another.
        self._pool.setMaxThreadCount(3)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)
        self._stall = QTimer(self)
        self._stall.setSingleShot(True)
        self._stall.setInterval(stall_ms)
        self._stall.timeout.connect(self._stalled)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.check_now)
        self._unwatch: Callable[[], None] = lambda: None

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @interval_ms.setter
    def interval_ms(self, value: int) -> None:
        self._timer.setInterval(value)

    def start(self) -> None:
        if not self._stopped:
            return
        self._stopped = False
        unwatch = tasks.watch_failures(self._task_failed)
        self._unwatch = unwatch
        self.destroyed.connect(lambda *_: unwatch())  # a window closed without stop()
        self._timer.start()

    def stop(self) -> None:
        self._stopped = True
        self._unwatch()
        for timer in (self._timer, self._stall, self._soon):
            timer.stop()

    def check_now(self) -> None:
        """Start a check unless one is already on its way (a stalled one does not count)."""
        if self._stopped or self._in_flight:
            return
        since = (time.monotonic() - self._last_start) * 1000
        if since < MIN_GAP_MS:
            if not self._soon.isActive():
                self._soon.start(int(MIN_GAP_MS - since) + 1)
            return
        self._generation += 1
        generation = self._generation
        self._in_flight = True
        self._last_start = time.monotonic()
        self.checks_run += 1
        self._stall.start()
        tasks.run_task(self._check, lambda _: self._answered(generation, None),
                       lambda exc: self._answered(generation, exc), pool=self._pool)

    def _answered(self, generation: int, exc: Exception | None) -> None:
        if generation != self._generation or self._stopped:
            return  # an older check that had stalled: a newer one speaks for now
        self._in_flight = False
        self._stall.stop()
        self._set(exc is None, "" if exc is None else describe(exc))

    def _stalled(self) -> None:
        self._in_flight = False  # let the next tick start a fresh check
        self._set(False, offline_text())

    def _task_failed(self, exc: Exception) -> None:
        # A refusal by a rule or bad input says nothing about the connection; anything
        # else might be the network (a driver error the database layer could not name),
        # and the health check is what decides.
        expected = isinstance(exc, DomainError) and not isinstance(exc, DatabaseUnavailable)
        if not expected and not self._stopped:
            self.check_now()

    def _set(self, online: bool, detail: str) -> None:
        self.detail = detail
        if online != self.online:
            self.online = online
            self.changed.emit(online)
