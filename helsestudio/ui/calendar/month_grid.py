"""The month view: six weeks of days with week numbers and one chip per booking.

A click on a day selects it, a double-click on a day opens it in the day view,
a double-click on a chip opens the booking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from helsestudio.services.calendar_days import holiday_name, is_closed_day
from helsestudio.services.calendar_queries import CalendarMeta, CalendarRow
from helsestudio.services.timeutil import WEEKDAYS_NB, to_oslo
from helsestudio.ui.calendar import painting as p
from helsestudio.ui.labels import label

HEADER_H = 24
WEEK_W = 34
CHIP_H = 17


def month_days(anchor: date) -> list[date]:
    """The 42 days shown for the month of `anchor`, starting on the Monday on or before the 1st."""
    first = anchor.replace(day=1)
    start = first - timedelta(days=first.weekday())
    return [start + timedelta(days=i) for i in range(42)]


class MonthGrid(QWidget):
    dateSelected = Signal(object)
    dateActivated = Signal(object)
    bookingActivated = Signal(int)

    def __init__(self, now: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now or (lambda: datetime.now(UTC))
        self.anchor = date.today()
        self.current = self.anchor
        self.rows: list[CalendarRow] = []
        self.extra_closed: set[date] = set()  # maintenance closures (R9)
        self.meta = CalendarMeta([], {})
        self._chips: list[tuple[QRectF, int]] = []
        self.setMinimumSize(420, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _closed(self, day: date) -> bool:
        return is_closed_day(day) or day in self.extra_closed

    def set_data(self, anchor: date, current: date, rows: list[CalendarRow], meta: CalendarMeta) -> None:
        self.anchor, self.current, self.rows, self.meta = anchor, current, rows, meta
        self.update()

    def _cell(self, index: int) -> QRectF:
        w = (self.width() - WEEK_W) / 7
        h = (self.height() - HEADER_H) / 6
        return QRectF(WEEK_W + (index % 7) * w, HEADER_H + (index // 7) * h, w, h)

    def day_point(self, day: date) -> QPointF:
        """The middle of a day's cell (tests click it)."""
        return self._cell(month_days(self.anchor).index(day)).center()

    def _day_at(self, pos: QPointF) -> date | None:
        for i, day in enumerate(month_days(self.anchor)):
            if self._cell(i).contains(pos):
                return day
        return None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        today = to_oslo(self._now()).date()
        days = month_days(self.anchor)
        by_day: dict[date, list[CalendarRow]] = {}
        for row in self.rows:
            by_day.setdefault(to_oslo(row.start).date(), []).append(row)
        painter.fillRect(QRectF(0, 0, self.width(), HEADER_H), p.HEADER_BG)
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(p.TEXT)
        for i in range(7):
            cell = self._cell(i)
            painter.drawText(QRectF(cell.left(), 0, cell.width(), HEADER_H), Qt.AlignmentFlag.AlignCenter,
                             label(WEEKDAYS_NB[i]))
        painter.setFont(self.font())
        self._chips = []
        for i, day in enumerate(days):
            self._paint_day(painter, self._cell(i), day, today, by_day.get(day, []))
            if i % 7 == 0:
                cell = self._cell(i)
                painter.setPen(p.MUTED)
                painter.drawText(QRectF(0, cell.top() + 2, WEEK_W - 4, 16), Qt.AlignmentFlag.AlignRight,
                                 self.tr("u%1").replace("%1", str(day.isocalendar().week)))
        painter.end()

    def _paint_day(self, painter: QPainter, cell: QRectF, day: date, today: date,
                   rows: list[CalendarRow]) -> None:
        if self._closed(day):
            painter.fillRect(cell, p.CLOSED_BG)
            if holiday_name(day):
                painter.fillRect(cell, QBrush(p.GRID_LINE, Qt.BrushStyle.BDiagPattern))
        if day == self.current:
            painter.fillRect(cell, p.SELECTION)
        painter.setPen(p.GRID_LINE)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(cell)
        label_rect = QRectF(cell.left() + 4, cell.top() + 2, cell.width() - 8, 16)
        other_month = day.month != self.anchor.month
        if day == today:
            painter.setBrush(p.NOW_LINE)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(label_rect.left() + 8, label_rect.center().y()), 10, 9)
            painter.setPen(Qt.GlobalColor.white)
        else:
            painter.setPen(p.MUTED if other_month else p.TEXT)
        painter.drawText(QRectF(label_rect.left(), label_rect.top(), 16, 16), Qt.AlignmentFlag.AlignCenter,
                         str(day.day))
        holiday = holiday_name(day)
        if holiday:
            painter.setPen(p.MUTED)
            painter.drawText(label_rect.adjusted(20, 0, 0, 0), Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(holiday, Qt.TextElideMode.ElideRight,
                                                              int(label_rect.width() - 20)))
        room = int((cell.height() - 22) // (CHIP_H + 1))
        visible = sorted(rows, key=lambda r: (r.state in p.INACTIVE, r.start))
        shown = visible if len(visible) <= room else visible[: max(0, room - 1)]
        y = cell.top() + 20
        for row in shown:
            rect = QRectF(cell.left() + 2, y, cell.width() - 4, CHIP_H)
            p.draw_booking(painter, rect, row, self.meta, compact=True)
            self._chips.append((rect, row.id))
            y += CHIP_H + 1
        if len(shown) < len(visible):
            painter.setPen(QPen(p.MUTED))
            painter.drawText(QRectF(cell.left() + 6, y, cell.width() - 8, CHIP_H), Qt.AlignmentFlag.AlignLeft,
                             self.tr("+%1 flere").replace("%1", str(len(visible) - len(shown))))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        day = self._day_at(event.position())
        if day is not None:
            self.dateSelected.emit(day)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        for rect, booking_id in self._chips:
            if rect.contains(pos):
                self.bookingActivated.emit(booking_id)
                return
        day = self._day_at(pos)
        if day is not None:
            self.dateActivated.emit(day)
