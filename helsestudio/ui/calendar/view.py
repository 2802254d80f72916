"""The calendar view: toolbar (I dag, forrige/neste, gå til dato, Dag/Uke/Måned), legend, grids.

The view only knows dates; whoever owns it loads the rows for `period()` when
`periodChanged` fires and hands them back with `show_rows()` (the page does
that in the background, so navigating never waits for the database).

Keyboard: ←/→ one day, ↑/↓ one week, PageUp/PageDown one period, T today,
D/W/M (also U for «uke») switch view, Enter opens the selected booking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from helsestudio.services.calendar_queries import CalendarMeta, CalendarRow
from helsestudio.services.timeutil import to_oslo
from helsestudio.ui.calendar import painting as p
from helsestudio.ui.calendar.month_grid import MonthGrid, month_days
from helsestudio.ui.calendar.time_grid import TimeGrid
from helsestudio.ui.labels import month_name

MODES = ("day", "week", "month")
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def period_of(mode: str, current: date) -> tuple[date, date]:
    if mode == "day":
        return current, current
    if mode == "week":
        monday = current - timedelta(days=current.weekday())
        return monday, monday + timedelta(days=6)
    days = month_days(current)
    return days[0], days[-1]


def period_label(mode: str, current: date) -> str:
    """«mandag 3. mars 2026», «uke 10 · 2.–8. mars 2026», «mars 2026»."""
    if mode == "day":
        return p.day_long(current)
    if mode == "month":
        return f"{month_name(current.month)} {current.year}"
    first, last = period_of("week", current)
    week = current.isocalendar().week
    if first.month == last.month:
        span = translate("CalendarView", "{d1}.–{d2}. {month} {year}").format(
            d1=first.day, d2=last.day, month=month_name(last.month), year=last.year)
    elif first.year == last.year:
        span = translate("CalendarView", "{d1}. {month1} – {d2}. {month2} {year}").format(
            d1=first.day, month1=month_name(first.month), d2=last.day, month2=month_name(last.month),
            year=last.year)
    else:
        span = translate("CalendarView", "{d1}. {month1} {year1} – {d2}. {month2} {year2}").format(
            d1=first.day, month1=month_name(first.month), year1=first.year,
            d2=last.day, month2=month_name(last.month), year2=last.year)
    return translate("CalendarView", "uke {week} · {span}").format(week=week, span=span)


def _add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


class Legend(QWidget):
    """Category colours in priority order, then what each state looks like; wraps to a second line."""

    ROW_H = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meta = CalendarMeta([], {})
        self.setFixedHeight(2 * self.ROW_H)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_meta(self, meta: CalendarMeta) -> None:
        self.meta = meta
        self.update()

    def _entries(self) -> list[tuple[str, CalendarRow | None, str]]:
        now = datetime.now(UTC)
        sample = CalendarRow(0, "", "regut", "bekreftet", now, now, None, "ingen", False, None, "", "",
                             now, 1, None, "", "")
        entries: list[tuple[str, CalendarRow | None, str]] = [
            (cat.colour, None, f"{cat.priority}. {cat.name}") for cat in self.meta.categories]
        for state, label in (("bekreftet", self.tr("bekreftet")), ("forespurt", self.tr("forespurt")),
                             ("fortrengt", self.tr("fortrengt / avlyst / avslått"))):
            entries.append(("", replace(sample, state=state), label))
        return entries

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        x, y = 4.0, 0.0
        for colour, row, label in self._entries():
            swatch = 24 if row is not None else 12
            width = swatch + 4 + metrics.horizontalAdvance(label) + 14
            if x + width > self.width() and x > 4:
                x, y = 4.0, y + self.ROW_H
            box = QRectF(x, y + 4, swatch, 14)
            if row is None:
                painter.fillRect(QRectF(x, y + 5, 12, 12), QColor(colour))
            else:
                p.draw_booking(painter, box, row, self.meta, text=False)
            painter.setPen(p.TEXT)
            painter.drawText(QRectF(x + swatch + 4, y, width, self.ROW_H), Qt.AlignmentFlag.AlignVCenter, label)
            x += width
        painter.end()


class CalendarView(QWidget):
    periodChanged = Signal(object, object)  # first, last date (inclusive)
    rangeSelected = Signal(object, object)
    bookingActivated = Signal(int)
    bookingSelected = Signal(int)

    def __init__(self, now: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now or (lambda: datetime.now(UTC))
        self.mode = "week"
        self.current = to_oslo(self._now()).date()
        self.meta = CalendarMeta([], {})
        self.opening = (7, 17)
        self.rows: list[CalendarRow] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.today_button = QPushButton(self.tr("I dag"))
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        for arrow in (self.prev_button, self.next_button):
            arrow.setFixedWidth(36)
        self.today_button.setMaximumWidth(64)
        self.prev_button.setToolTip(self.tr("Forrige (PageUp)"))
        self.next_button.setToolTip(self.tr("Neste (PageDown)"))
        self.today_button.setToolTip(self.tr("Gå til i dag (T)"))
        self.label = QLabel()
        title_font = self.label.font()
        title_font.setPointSize(13)
        title_font.setBold(True)
        self.label.setFont(title_font)
        # The period is what the superuser reads first: it may push the splitter, never be clipped.
        self.label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setToolTip(self.tr("Gå til dato"))
        self.mode_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        bar = QHBoxLayout()
        for widget in (self.today_button, self.prev_button, self.next_button, self.label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.date_edit)  # «Gå til dato» is its tooltip: the heading needs the room
        for mode, text, key in (("day", self.tr("Dag"), "D"), ("week", self.tr("Uke"), "W"),
                                ("month", self.tr("Måned"), "M")):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setMaximumWidth(60)
            button.setToolTip(self.tr("Vis %1 (%2)").replace("%1", text.lower()).replace("%2", key))
            group.addButton(button)
            self.mode_buttons[mode] = button
            bar.addWidget(button)
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
        for button in (self.today_button, self.prev_button, self.next_button, *self.mode_buttons.values()):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.time_grid = TimeGrid(self._now)
        self.month_grid = MonthGrid(self._now)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.time_grid)
        self.stack.addWidget(self.month_grid)
        self.legend = Legend()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.legend)
        layout.addWidget(self.stack, 1)

        self.today_button.clicked.connect(self.go_today)
        self.prev_button.clicked.connect(lambda: self.step_period(-1))
        self.next_button.clicked.connect(lambda: self.step_period(1))
        self.date_edit.dateChanged.connect(self._date_edited)
        self.time_grid.rangeSelected.connect(self.rangeSelected)
        self.time_grid.bookingActivated.connect(self.bookingActivated)
        self.time_grid.bookingSelected.connect(self.bookingSelected)
        self.month_grid.bookingActivated.connect(self.bookingActivated)
        self.month_grid.dateSelected.connect(self.set_date)
        self.month_grid.dateActivated.connect(lambda d: (self.set_date(d), self.set_mode("day")))
        self._sync()

    # --- navigation -------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return period_of(self.mode, self.current)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self._sync()

    def set_date(self, day: date) -> None:
        self.current = day
        self._sync()

    def go_today(self) -> None:
        self.set_date(to_oslo(self._now()).date())

    def step_period(self, direction: int) -> None:
        if self.mode == "day":
            self.set_date(self.current + timedelta(days=direction))
        elif self.mode == "week":
            self.set_date(self.current + timedelta(days=7 * direction))
        else:
            self.set_date(_add_months(self.current, direction))

    def _date_edited(self, value: QDate) -> None:
        picked = date(value.year(), value.month(), value.day())
        if picked != self.current:
            self.set_date(picked)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        k = Qt.Key
        moves = {k.Key_Left: -1, k.Key_Right: 1, k.Key_Up: -7, k.Key_Down: 7}
        if key in moves:
            self.set_date(self.current + timedelta(days=moves[key]))
        elif key in (k.Key_PageUp, k.Key_PageDown):
            self.step_period(-1 if key == k.Key_PageUp else 1)
        elif key == k.Key_T:
            self.go_today()
        elif key == k.Key_D:
            self.set_mode("day")
        elif key in (k.Key_W, k.Key_U):
            self.set_mode("week")
        elif key == k.Key_M:
            self.set_mode("month")
        elif key in (k.Key_Return, k.Key_Enter) and self.time_grid.selected_id is not None:
            self.bookingActivated.emit(self.time_grid.selected_id)
        else:
            super().keyPressEvent(event)

    def _sync(self) -> None:
        """Update labels and widgets; ask for data when the visible period changed."""
        self.label.setText(period_label(self.mode, self.current))
        self.mode_buttons[self.mode].setChecked(True)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.current.year, self.current.month, self.current.day))
        self.date_edit.blockSignals(False)
        self.stack.setCurrentWidget(self.month_grid if self.mode == "month" else self.time_grid)
        # The selected day is marked in every view, so arrow keys visibly move it.
        self.time_grid.current = self.month_grid.current = self.current
        self.time_grid.update()
        self.month_grid.update()
        first, last = self.period()
        if getattr(self, "_shown_period", None) != (first, last):
            self._shown_period = (first, last)
            self._draw(first, last, [])  # the new days at once; their bookings follow when loaded
            self.periodChanged.emit(first, last)

    # --- data -------------------------------------------------------------------
    def set_meta(self, meta: CalendarMeta, opening: tuple[int, int]) -> None:
        self.meta, self.opening = meta, opening
        self.legend.set_meta(meta)

    def show_rows(self, first: date, last: date, rows: list[CalendarRow]) -> bool:
        """Show rows loaded for a period; ignored (False) if the user has moved on meanwhile."""
        if (first, last) != self.period():
            return False
        self._draw(first, last, rows)
        return True

    def _draw(self, first: date, last: date, rows: list[CalendarRow]) -> None:
        self.rows = rows
        if self.mode == "month":
            self.month_grid.set_data(self.current, self.current, rows, self.meta)
        else:
            days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
            self.time_grid.set_data(days, rows, self.meta, self.opening)
