"""After a confirm that displaced bookings (R3): who lost the time, and one-click moves.

Each displaced booking is listed with the nearest free slots of the same
length; one click on a slot asks the page to move it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from helsestudio.services.calendar_queries import CalendarRow
from helsestudio.services.timeutil import format_time, oslo_date
from helsestudio.ui.calendar.painting import day_long


@dataclass(frozen=True)
class DisplacedOffer:
    """A displaced booking and the free slots proposed for it."""

    row: CalendarRow
    slots: list[tuple[datetime, datetime]]


def slot_text(start: datetime, end: datetime) -> str:
    return QCoreApplication.translate("DisplacementDialog", "{day} kl. {start}–{end}").format(
        day=day_long(oslo_date(start)), start=format_time(start), end=format_time(end))


class DisplacementDialog(QDialog):
    moveRequested = Signal(int, object, object)  # booking id, start, end

    def __init__(self, confirmed: CalendarRow, offers: list[DisplacedOffer],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bekreftet – bookinger ble fortrengt"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        head = QLabel(self.tr(
            "<b>«{title}»</b> er bekreftet ({when}).<br>"
            "{n} booking(er) med lavere prioritet ble fortrengt (R3). De er ikke slettet; "
            "velg en ledig tid for å flytte dem med ett klikk, og gi beskjed til bestilleren."
        ).format(title=confirmed.title, when=slot_text(confirmed.start, confirmed.end), n=len(offers)))
        head.setWordWrap(True)
        layout.addWidget(head)
        self.slot_buttons: list[QPushButton] = []
        for offer in offers:
            who = offer.row.organizer or self.tr("ukjent bestiller")
            box = QGroupBox(f"«{offer.row.title}» – {who}")
            inner = QVBoxLayout(box)
            if not offer.slots:
                inner.addWidget(QLabel(self.tr("Ingen ledig tid av samme lengde de neste ukene.")))
            for start, end in offer.slots:
                button = QPushButton(self.tr("Flytt hit: ") + slot_text(start, end))
                button.clicked.connect(
                    lambda _=False, b=offer.row.id, s=start, e=end, btn=button: self._move(b, s, e, btn))
                inner.addWidget(button)
                self.slot_buttons.append(button)
            layout.addWidget(box)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        close = QPushButton(self.tr("Lukk"))
        close.clicked.connect(self.accept)
        layout.addWidget(close)

    def _move(self, booking_id: int, start: datetime, end: datetime, button: QPushButton) -> None:
        self.status.setText(self.tr("Flytter …"))
        self.moveRequested.emit(booking_id, start, end)

    def show_result(self, text: str) -> None:
        self.status.setText(text)
