"""Running a service generator in the background with a progress dialog and Cancel.

Long services yield progress (STYLE.md #4); this turns the yields into Qt
signals and closes the generator when Cancel is pressed, which rolls its
transaction back.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from helsestudio.ui import tasks


class Cancelled(Exception):
    """The user pressed Cancel; nothing was saved."""


class _Relay(QObject):
    progress = Signal(int, int, str)


class StepsRunner(QObject):
    """Drive `make_steps()` on the thread pool, showing a QProgressDialog with Cancel."""

    def __init__(self, parent: QWidget, label: str, make_steps: Callable[[], Generator[Any, None, Any]],
                 on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> None:
        super().__init__(parent)
        self._make_steps = make_steps
        self._on_done = on_done
        self._on_error = on_error
        self.cancelled = False
        self.dialog = QProgressDialog(label, self.tr("Avbryt"), 0, 0, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel)
        self._relay = _Relay()
        self._relay.progress.connect(self._show_progress)

    def cancel(self) -> None:
        self.cancelled = True

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(text)

    def _work(self) -> Any:
        steps = self._make_steps()
        while True:
            if self.cancelled:
                steps.close()  # GeneratorExit inside the service's transaction: rolled back
                raise Cancelled()
            try:
                item = next(steps)
            except StopIteration as stop:
                return stop.value
            self._relay.progress.emit(item.done, item.total, item.person_name)

    def start(self) -> None:
        tasks.run_task(self._work, self._finish(self._on_done), self._finish(self._on_error))

    def _finish(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def done(value: Any) -> None:
            self.dialog.reset()
            self.dialog.hide()
            callback(value)
        return done
