"""The one background helper: run a function on the thread pool, get the result on the GUI thread.

Database work never runs on the GUI thread, so a slow network to a shared
PostgreSQL cannot freeze the window. Tests may call `set_synchronous(True)`
to run tasks at once. `watch_failures` lets the connection monitor hear of every
failed task, so a lost database is noticed at once (issue 7).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_synchronous = False
_live: set[_Relay] = set()
_failure_watchers: list[Callable[[Exception], None]] = []


def set_synchronous(value: bool) -> None:
    global _synchronous
    _synchronous = value


def watch_failures(watcher: Callable[[Exception], None]) -> Callable[[], None]:
    """Show every task's exception to `watcher` too (GUI thread, before the task's own handler).

    Returns the function that stops watching.
    """
    _failure_watchers.append(watcher)

    def stop() -> None:
        if watcher in _failure_watchers:
            _failure_watchers.remove(watcher)

    return stop


def _failed(on_error: Callable[[Exception], None], exc: Exception) -> None:
    for watcher in list(_failure_watchers):
        try:
            watcher(exc)
        except RuntimeError:  # its Qt object is gone: it must not cost the task its own handler
            _failure_watchers.remove(watcher)
    on_error(exc)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread as a value
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


def run_task(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> None:
    """`pool`: a pool of its own for work that must not queue behind others (the health check)."""
    if _synchronous:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001
            _failed(on_error, exc)
        else:
            on_done(result)
        return
    relay = _Relay()
    _live.add(relay)  # keep the QObject alive until a signal has been delivered

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _live.discard(relay)
        try:
            callback(value)
        except RuntimeError as exc:
            # The window or page the result was for was closed while the task ran
            # (shiboken: "Internal C++ object … already deleted"): nobody is left to tell.
            if "already deleted" not in str(exc):
                raise

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda exc: finish(lambda e: _failed(on_error, e), exc))
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))
