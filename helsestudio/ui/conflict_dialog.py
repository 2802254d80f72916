"""The choice after a save from a stale copy (issue 7): reload, overwrite or cancel.

Another PC saved the object after this window showed it; the service refused (ConcurrentEdit)
with a message naming who and when. Nothing is overwritten unless the person chooses
«Overskriv» here. The box is opened with `open()` (window-modal, not `exec()`), so the event
loop runs on and tests can press its buttons.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(StrEnum):
    RELOAD = "reload"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


class ConflictBox(QMessageBox):
    chosen = Signal(str)  # a Choice value

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Endret på en annen PC"))
        self.setText(message)
        self.setInformativeText(self.tr(
            "«Last inn på nytt» viser det som er lagret nå. «Overskriv» lagrer din endring over "
            "den andres. «Avbryt» lagrer ingenting."))
        self.reload_button = self.addButton(self.tr("Last inn på nytt"),
                                            QMessageBox.ButtonRole.AcceptRole)
        self.overwrite_button = self.addButton(self.tr("Overskriv"),
                                               QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.addButton(self.tr("Avbryt"), QMessageBox.ButtonRole.RejectRole)
        # The safe choice is the default; Escape cancels.
        self.setDefaultButton(self.reload_button)
        self.setEscapeButton(self.cancel_button)
        self._choices = {self.reload_button: Choice.RELOAD,
                         self.overwrite_button: Choice.OVERWRITE,
                         self.cancel_button: Choice.CANCEL}
        self.buttonClicked.connect(lambda button: self.chosen.emit(
            self._choices.get(button, Choice.CANCEL).value))
