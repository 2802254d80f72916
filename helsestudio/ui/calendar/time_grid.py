"""The day and week views: a custom-painted time grid (one column per day).

The vertical axis is Oslo wall-clock time, so a 08:00 meeting sits at 08:00 on
both sides of a daylight-saving change. Dragging over empty time selects a
range (snapped to 15 minutes) for a new request; a click selects a booking and
a double-click opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from helsestudio.services.calendar_days import holiday_name, is_closed_day
from helsestudio.services.calendar_queries import CalendarMeta, CalendarRow
from helsestudio.services.errors import InvalidInput
from helsestudio.services.timeutil import oslo_datetime, to_oslo
from helsestudio.ui.calendar import painting as p

HEADER_H = 44
GUTTER_W = 52
SNAP_MIN = 15


@dataclass(frozen=True)
class Placed:
    row: CalendarRow
    rect: QRectF


def _minutes(value: datetime) -> int:
    local = to_oslo(value)
    return local.hour * 60 + local.minute


def lanes(rows: list[CalendarRow]) -> list[tuple[CalendarRow, float, float]]:
    """Side-by-side placement of overlapping bookings: (row, left, width) as fractions of the column.

    Displaced/cancelled/declined bookings stay visible (they keep their history) but
    get a narrow lane, so the live bookings next to them remain readable.
    """
    out: list[tuple[CalendarRow, float, float]] = []
    cluster: list[tuple[CalendarRow, int]] = []
    ends: list[datetime] = []
    cluster_end: datetime | None = None

    def flush() -> None:
        count = max((lane for _, lane in cluster), default=-1) + 1
        weights = [0.35] * count
        for r, lane in cluster:
            if r.state not in p.INACTIVE:
                weights[lane] = 1.0
        total = sum(weights) or 1.0
        lefts = [sum(weights[:i]) / total for i in range(count)]
        out.extend((r, lefts[lane], weights[lane] / total) for r, lane in cluster)

    for row in sorted(rows, key=lambda r: (r.start, r.state in p.INACTIVE, r.end)):
        if cluster_end is not None and row.start >= cluster_end:
            flush()
            cluster, ends, cluster_end = [], [], None
        lane = next((i for i, end in enumerate(ends) if end <= row.start), len(ends))
        if lane == len(ends):
            ends.append(row.end)
        else:
            ends[lane] = row.end
        cluster.append((row, lane))
        cluster_end = row.end if cluster_end is None else max(cluster_end, row.end)
    flush()
    return out


class TimeGrid(QWidget):
    rangeSelected = Signal(object, object)  # aware start, end
    bookingSelected = Signal(int)
    bookingActivated = Signal(int)

    def __init__(self, now: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now or (lambda: datetime.now(UTC))
        self.days: list[date] = [date.today()]
        self.current: date | None = None  # the day the keyboard moves (marked in the header)
        self.rows: list[CalendarRow] = []
        self.extra_closed: set[date] = set()  # maintenance closures (R9)
        self.meta = CalendarMeta([], {})
        self.first_hour, self.last_hour = 7, 17
        self.selected_id: int | None = None
        self.selection: tuple[date, int, int] | None = None  # day, start min, end min
        self._drag_anchor: tuple[date, int] | None = None
        self._placed: list[Placed] = []
        self.setMouseTracking(True)
        self.setMinimumSize(420, HEADER_H + 10 * 34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _closed(self, day: date) -> bool:
        return is_closed_day(day) or day in self.extra_closed

    # --- data -----------------------------------------------------------------
    def set_data(self, days: list[date], rows: list[CalendarRow], meta: CalendarMeta,
                 opening: tuple[int, int] = (7, 17)) -> None:
        self.days, self.rows, self.meta = days, rows, meta
        first, last = opening
        for r in rows:  # widen the window to show bookings outside opening hours
            first = min(first, _minutes(r.start) // 60)
            last = max(last, -(-_minutes(r.end) // 60) if to_oslo(r.end).date() == to_oslo(r.start).date() else 24)
        self.first_hour, self.last_hour = first, max(last, first + 1)
        self.selection = None
        self._placed = []
        self.update()

    # --- geometry -------------------------------------------------------------
    def _col_w(self) -> float:
        return (self.width() - GUTTER_W) / max(1, len(self.days))

    def _hour_h(self) -> float:
        return (self.height() - HEADER_H) / max(1, self.last_hour - self.first_hour)

    def _y(self, minutes: int) -> float:
        return HEADER_H + (minutes - self.first_hour * 60) * self._hour_h() / 60

    def _minute_at(self, y: float) -> int:
        raw = (y - HEADER_H) * 60 / self._hour_h() + self.first_hour * 60
        snapped = int(round(raw / SNAP_MIN) * SNAP_MIN)
        return max(self.first_hour * 60, min(self.last_hour * 60, snapped))

    def _day_at(self, x: float) -> date | None:
        if x < GUTTER_W:
            return None
        index = int((x - GUTTER_W) // self._col_w())
        return self.days[index] if 0 <= index < len(self.days) else None

    def slot_point(self, day: date, minutes: int) -> QPointF:
        """Where a day/time is on screen (tests drive the mouse with it)."""
        col = self.days.index(day)
        return QPointF(GUTTER_W + (col + 0.5) * self._col_w(), self._y(minutes))

    def booking_at(self, pos: QPointF) -> CalendarRow | None:
        for placed in reversed(self._placed):
            if placed.rect.contains(pos):
                return placed.row
        return None

    def booking_rect(self, booking_id: int) -> QRectF | None:
        return next((pl.rect for pl in self._placed if pl.row.id == booking_id), None)

    # --- painting -------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        today = to_oslo(self._now()).date()
        self._paint_columns(painter, today)
        self._paint_hours(painter)
        self._paint_bookings(painter)
        self._paint_selection(painter)
        self._paint_now(painter, today)
        self._paint_headers(painter, today)
        painter.end()

    def _paint_columns(self, painter: QPainter, today: date) -> None:
        col_w, bottom = self._col_w(), float(self.height())
        for i, day in enumerate(self.days):
            x = GUTTER_W + i * col_w
            rect = QRectF(x, HEADER_H, col_w, bottom - HEADER_H)
            if self._closed(day):
                painter.fillRect(rect, p.CLOSED_BG)
                if holiday_name(day):
                    painter.fillRect(rect, QBrush(p.GRID_LINE, Qt.BrushStyle.BDiagPattern))
            else:
                if day == today:
                    painter.fillRect(rect, p.TODAY_BG)
                self._shade_closed_hours(painter, x, col_w)
            painter.setPen(p.GRID_LINE)
            painter.drawLine(QPointF(x, HEADER_H), QPointF(x, bottom))

    def _shade_closed_hours(self, painter: QPainter, x: float, col_w: float) -> None:
        """Grey before opening and after closing (R9), so free bookable time stands out."""
        opens, closes = (int(t[:2]) * 60 + int(t[3:]) for t in self.meta.opening)
        top, bottom = self._y(self.first_hour * 60), self._y(self.last_hour * 60)
        painter.fillRect(QRectF(x, top, col_w, max(0.0, self._y(opens) - top)), p.CLOSED_BG)
        painter.fillRect(QRectF(x, self._y(closes), col_w, max(0.0, bottom - self._y(closes))), p.CLOSED_BG)

    def _paint_hours(self, painter: QPainter) -> None:
        painter.setFont(self.font())
        for hour in range(self.first_hour, self.last_hour + 1):
            y = self._y(hour * 60)
            painter.setPen(p.GRID_LINE)
            painter.drawLine(QPointF(GUTTER_W - 4, y), QPointF(self.width(), y))
            if hour < self.last_hour:
                half = self._y(hour * 60 + 30)
                painter.setPen(p.HALF_LINE)
                painter.drawLine(QPointF(GUTTER_W, half), QPointF(self.width(), half))
                painter.setPen(p.MUTED)
                painter.drawText(QRectF(0, y + 1, GUTTER_W - 8, 16),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{hour:02d}:00")

    def _paint_bookings(self, painter: QPainter) -> None:
        col_w = self._col_w()
        by_day: dict[date, list[CalendarRow]] = {d: [] for d in self.days}
        for row in self.rows:
            day = to_oslo(row.start).date()
            if day in by_day:
                by_day[day].append(row)
        self._placed = []
        for i, day in enumerate(self.days):
            x0 = GUTTER_W + i * col_w + 2
            width = col_w - 5
            for row, left, share in lanes(by_day[day]):
                top = self._y(_minutes(row.start))
                end_min = _minutes(row.end) if to_oslo(row.end).date() == day else self.last_hour * 60
                rect = QRectF(x0 + left * width, top, share * width - 1,
                              max(16.0, self._y(end_min) - top - 1))
                self._placed.append(Placed(row, rect))
        # Inactive (displaced/cancelled) first, so live bookings are drawn on top.
        for placed in sorted(self._placed, key=lambda pl: pl.row.state not in p.INACTIVE):
            p.draw_booking(painter, placed.rect, placed.row, self.meta,
                           selected=placed.row.id == self.selected_id)

    def _paint_selection(self, painter: QPainter) -> None:
        if self.selection is None:
            return
        day, lo, hi = self.selection
        col = self.days.index(day)
        rect = QRectF(GUTTER_W + col * self._col_w() + 1, self._y(lo), self._col_w() - 3, self._y(hi) - self._y(lo))
        painter.fillRect(rect, p.SELECTION)
        painter.setPen(QPen(p.SELECTION.darker(200), 1))
        painter.drawText(rect.adjusted(6, 2, -2, -2), Qt.AlignmentFlag.AlignLeft,
                         f"{lo // 60:02d}:{lo % 60:02d}–{hi // 60:02d}:{hi % 60:02d} " + self.tr("ny forespørsel"))

    def _paint_now(self, painter: QPainter, today: date) -> None:
        if today not in self.days:
            return
        now_min = _minutes(self._now())
        if not self.first_hour * 60 <= now_min <= self.last_hour * 60:
            return
        col = self.days.index(today)
        y = self._y(now_min)
        x0 = GUTTER_W + col * self._col_w()
        painter.setPen(QPen(p.NOW_LINE, 2))
        painter.drawLine(QPointF(x0, y), QPointF(x0 + self._col_w(), y))
        painter.setBrush(p.NOW_LINE)
        painter.drawEllipse(QPointF(x0, y), 4, 4)

    def _paint_headers(self, painter: QPainter, today: date) -> None:
        painter.fillRect(QRectF(0, 0, self.width(), HEADER_H), p.HEADER_BG)
        painter.setPen(p.GRID_LINE)
        painter.drawLine(QPointF(0, HEADER_H), QPointF(self.width(), HEADER_H))
        col_w = self._col_w()
        bold = self.font()
        bold.setBold(True)
        for i, day in enumerate(self.days):
            rect = QRectF(GUTTER_W + i * col_w, 2, col_w, HEADER_H - 4)
            label = p.day_long(day) if len(self.days) == 1 else f"{p.weekday_short(day)} {day.day}.{day.month}."
            note = holiday_name(day) or (self.tr("stengt") if self._closed(day) else "")
            painter.setFont(bold)
            if day == today:
                painter.fillRect(rect.adjusted(2, 0, -2, 0), p.NOW_LINE)
                painter.setPen(Qt.GlobalColor.white)
                # «i dag» beside the date when the column is wide enough, else on the second line.
                today_word = self.tr("i dag")
                if painter.fontMetrics().horizontalAdvance(label + " · " + today_word) < col_w - 6:
                    label += " · " + today_word
                else:
                    note = today_word + (f" · {note}" if note else "")
            else:
                painter.setPen(p.MUTED if self._closed(day) else p.TEXT)
            if day == self.current and len(self.days) > 1:
                painter.fillRect(QRectF(rect.left() + 2, HEADER_H - 5, rect.width() - 4, 4), p.SELECTION.darker(150))
            painter.drawText(rect.adjusted(0, 0, 0, -16), Qt.AlignmentFlag.AlignCenter, label)
            painter.setFont(self.font())
            painter.drawText(rect.adjusted(2, 20, -2, 0), Qt.AlignmentFlag.AlignCenter,
                             painter.fontMetrics().elidedText(note, Qt.TextElideMode.ElideRight, int(col_w - 4)))

    def event(self, event: QEvent) -> bool:  # noqa: D102 - tooltips for bookings
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            hit = self.booking_at(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), p.tooltip_text(hit, self.meta), self)
            return True
        return super().event(event)

    # --- mouse ----------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        hit = self.booking_at(pos)
        if hit is not None:
            self.selected_id = hit.id
            self.selection = None
            self._drag_anchor = None
            self.bookingSelected.emit(hit.id)
            self.update()
            return
        day = self._day_at(pos.x())
        if day is None or pos.y() < HEADER_H:
            return
        minute = self._minute_at(pos.y())
        self._drag_anchor = (day, minute)
        self.selection = (day, minute, min(minute + 60, self.last_hour * 60))
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag_anchor is None:
            return
        day, anchor = self._drag_anchor
        minute = self._minute_at(event.position().y())
        lo, hi = sorted((anchor, minute))
        self.selection = (day, lo, max(hi, lo + SNAP_MIN))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag_anchor is None or self.selection is None:
            return
        self._drag_anchor = None
        day, lo, hi = self.selection
        try:
            start = oslo_datetime(day, time(lo // 60, lo % 60))
            end = oslo_datetime(day, time(hi // 60, hi % 60)) if hi < 24 * 60 else \
                oslo_datetime(day + timedelta(days=1), time(0, 0))
        except InvalidInput:
            return  # inside the DST gap: nothing sensible to propose
        self.rangeSelected.emit(start, end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.booking_at(event.position())
        if hit is not None:
            self.selected_id = hit.id
            self.update()
            self.bookingActivated.emit(hit.id)
