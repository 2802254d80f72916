"""How a booking looks, shared by the day/week grid and the month view.

State must be readable at a glance (issue 3): confirmed = solid category colour,
requested = light fill with a dashed outline, displaced/cancelled/declined =
faded and hatched with the title struck through.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from helsestudio.services.calendar_queries import CalendarMeta, CalendarRow
from helsestudio.services.timeutil import format_time
from helsestudio.ui.labels import format_date, label, weekday_name

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

# Translated when shown (state_name()); the markers let lupdate find them.
STATE_NB = {"forespurt": QT_TRANSLATE_NOOP("Labels", "Forespurt"),
            "bekreftet": QT_TRANSLATE_NOOP("Labels", "Bekreftet"),
            "avslått": QT_TRANSLATE_NOOP("Labels", "Avslått"),
            "fortrengt": QT_TRANSLATE_NOOP("Labels", "Fortrengt"),
            "avlyst": QT_TRANSLATE_NOOP("Labels", "Avlyst")}
INACTIVE = frozenset({"avslått", "fortrengt", "avlyst"})

GRID_LINE = QColor("#d9dee5")
HALF_LINE = QColor("#eef1f5")
CLOSED_BG = QColor("#f1f1f1")
TODAY_BG = QColor("#fff8e1")
NOW_LINE = QColor("#d62728")
SELECTION = QColor(47, 109, 181, 70)
HEADER_BG = QColor("#f6f8fb")
TEXT = QColor("#1d2733")
MUTED = QColor("#6b7785")


def state_name(state: str) -> str:
    """«Bekreftet» (English «Confirmed») for a booking state code."""
    return label(STATE_NB.get(state, state))


def weekday_short(day: date) -> str:
    return weekday_name(day)[:3]


def day_long(day: date) -> str:
    """«mandag 3. mars 2026»."""
    return translate("BookingPainting", "{weekday} {date}").format(
        weekday=weekday_name(day), date=format_date(day))


def _readable_on(colour: QColor) -> QColor:
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#111111") if luminance > 160 else QColor("#ffffff")


PLATFORM_SHORT = {"teams": "Teams", "2meet": "2meet", "nhn": "NHN video",
                  "ingen": QT_TRANSLATE_NOOP("BookingPainting", "uten plattform")}


def platform_short(code: str, fallback: str | None = None) -> str:
    return translate("BookingPainting", PLATFORM_SHORT[code]) if code in PLATFORM_SHORT else (fallback or code)


def draw_booking(painter: QPainter, rect: QRectF, row: CalendarRow, meta: CalendarMeta,
                 *, selected: bool = False, compact: bool = False, text: bool = True) -> None:
    """Paint one booking block; `compact` is the one-line chip of the month view."""
    base = QColor(meta.category(row.category).colour)
    painter.save()
    radius = 3.0
    if row.state == "bekreftet":
        fill, text_colour = base, _readable_on(base)
        pen = QPen(base.darker(130), 1)
    elif row.state == "forespurt":
        fill = QColor(base)
        fill.setAlpha(55)
        text_colour = TEXT
        pen = QPen(base.darker(115), 1.6, Qt.PenStyle.DashLine)
    else:
        fill = QColor("#eceff2")
        text_colour = MUTED
        pen = QPen(QColor("#b8c0c8"), 1)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    if row.state in INACTIVE:
        hatch = QColor(base)
        hatch.setAlpha(110)
        painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    # A category stripe keeps the colour visible even for faded states.
    painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), base)
    if selected:
        painter.setPen(QPen(QColor("#000000"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    if text:
        _draw_text(painter, rect, row, meta, text_colour, compact)
    painter.restore()


def _draw_text(painter: QPainter, rect: QRectF, row: CalendarRow, meta: CalendarMeta,
               colour: QColor, compact: bool) -> None:
    font = QFont(painter.font())
    font.setStrikeOut(row.state in INACTIVE)
    painter.setPen(colour)
    inner = rect.adjusted(7, 2, -3, -2)
    times = f"{format_time(row.start)}–{format_time(row.end)}"
    if compact or inner.height() < 30:
        font.setBold(row.state == "bekreftet")
        painter.setFont(font)
        text = f"{format_time(row.start)} {row.title}"
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width())))
        return
    font.setBold(True)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    line = metrics.height()
    y = inner.top()
    # Solid fill already says «bekreftet»; other states are spelled out.
    state = "" if row.state == "bekreftet" else f" · {state_name(row.state).lower()}"
    lines = [row.title, times + state]
    details = [platform_short(row.platform, meta.platforms.get(row.platform))]
    if row.participants:
        details.append(translate("BookingPainting", "{n} delt.").format(n=row.participants))
    if row.assist_requested:
        details.append(translate("BookingPainting", "assistanse: {name}").format(name=row.assigned_to) if row.assigned_to
                       else translate("BookingPainting", "⚠ assistanse ikke tildelt"))
    lines.append(" · ".join(details))
    who = ", ".join(x for x in (row.organizer, row.organizer_unit) if x)
    if who:
        lines.append(who)
    if row.state == "forespurt" and not row.on_time:
        lines.append(translate("BookingPainting", "sen forespørsel (R2)"))
    for i, text in enumerate(lines):
        if y + line > inner.bottom() + 2:
            break
        if i == 1:
            font.setBold(False)
            painter.setFont(font)
        painter.drawText(QRectF(inner.left(), y, inner.width(), line), Qt.AlignmentFlag.AlignLeft,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width())))
        y += line


def tooltip_text(row: CalendarRow, meta: CalendarMeta) -> str:
    """Everything a superuser needs when hovering over a booking."""
    cat = meta.category(row.category)
    lines = [
        row.title,
        f"{format_time(row.start)}–{format_time(row.end)} · {state_name(row.state)}"
        + (f": {row.state_reason}" if row.state_reason else ""),
        f"{cat.priority}. {cat.name}",
        meta.platforms.get(row.platform, row.platform)
        + (translate("BookingPainting", ", {n} deltakere").format(n=row.participants) if row.participants else ""),
        translate("BookingPainting", "Bestiller: ") + (", ".join(x for x in (row.organizer, row.organizer_unit) if x) or translate("BookingPainting", "ukjent")),
        translate("BookingPainting", "Forespørsel i tide (R2)") if row.on_time else translate("BookingPainting", "Sen forespørsel: kan ikke fortrenge (R2)"),
    ]
    if row.assist_requested:
        lines.append(translate("BookingPainting", "Teknisk assistanse: ") + (row.assigned_to or translate("BookingPainting", "IKKE TILDELT")))
    lines.append(translate("BookingPainting", "Dobbeltklikk for å åpne"))
    return "\n".join(lines)
