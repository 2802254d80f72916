"""The background helper (ui/tasks.py): results reach the GUI thread, even for a closed page."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

from helsestudio.ui import tasks


def test_result_arrives_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    tasks.set_synchronous(False)
    seen: list[tuple[object, bool]] = []
    tasks.run_task(lambda: threading.current_thread() is threading.main_thread(),
                   lambda worker_was_main: seen.append((worker_was_main, threading.current_thread()
                                                         is threading.main_thread())),
                   lambda exc: seen.append((exc, False)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(False, True)]


def test_a_result_for_a_widget_closed_meanwhile_is_dropped_quietly(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A page closed while its data loaded must not raise in the event loop (seen in CI)."""
    tasks.set_synchronous(False)
    label = QLabel()
    gate = threading.Event()
    delivered: list[str] = []
    tasks.run_task(lambda: gate.wait(5) and "data", label.setText, label.setText)
    tasks.run_task(lambda: gate.wait(5) and "later", delivered.append, lambda exc: delivered.append(repr(exc)))
    label.deleteLater()
    qtbot.wait(50)  # the label is gone now
    gate.set()
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)  # pytest-qt fails the test on an exception in a slot
    assert delivered == ["later"]
