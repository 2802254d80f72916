"""Printing the day plan from the calendar through Qt's print preview (any printer).

The document is plain HTML in a QTextDocument. The PDF file comes from the booking
service (`services.day_plan_pdf`), the same file as `helsestudio schedule --pdf`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument

from helsestudio.services.calendar_queries import CalendarMeta, DayOverview
from helsestudio.services.timeutil import format_time
from helsestudio.ui.calendar.painting import day_long, state_name

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def day_plan_html(overview: DayOverview, meta: CalendarMeta, organisation: str = "Helse Bergen") -> str:
    rows = []
    for r in overview.bookings:
        cat = meta.category(r.category)
        assist = "–" if not r.assist_requested else (r.assigned_to or translate("DayPlan", "IKKE TILDELT"))
        rows.append(
            "<tr>"
            f"<td>{format_time(r.start)}–{format_time(r.end)}</td>"
            f"<td><span style='color:{cat.colour}'>■</span> {escape(r.title)}<br>"
            f"<small>{escape(cat.name)} · {escape(r.organizer)}</small></td>"
            f"<td>{escape(state_name(r.state))}</td>"
            f"<td>{escape(meta.platforms.get(r.platform, r.platform))}</td>"
            f"<td align='right'>{r.participants or ''}</td>"
            f"<td>{escape(assist)}</td>"
            "</tr>"
        )
    none_today = translate("DayPlan", "Ingen bookinger denne dagen.")
    body = "".join(rows) or f"<tr><td colspan='6'>{none_today}</td></tr>"
    warnings = "".join(f"<li>{escape(w)}</li>" for w in overview.warnings)
    crisis = ""
    if meta.crisis is not None:
        crisis_word = translate("DayPlan", "Krisemodus:")
        crisis = f"<p style='color:#b00020'><b>{crisis_word}</b> {escape(meta.crisis.reason)}</p>"
    heading = translate("DayPlan", "Dagsplan Studio 2037")
    warnings_heading = translate("DayPlan", "Varsler")
    return (
        "<html><body style='font-family: DejaVu Sans, sans-serif; font-size: 10pt'>"
        f"<h2>{heading} – {escape(day_long(overview.day))}</h2>"
        f"<p>{escape(organisation)}</p>{crisis}"
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>"
        "<tr style='background:#e8edf3'>"
        + "".join(f"<th>{escape(h)}</th>" for h in (
            translate("DayPlan", "Tid"), translate("DayPlan", "Booking"), translate("DayPlan", "Status"),
            translate("DayPlan", "Plattform"), translate("DayPlan", "Delt."), translate("DayPlan", "Assistanse")))
        + "</tr>"
        f"{body}</table>"
        + (f"<h3>{warnings_heading}</h3><ul>{warnings}</ul>" if warnings else "")
        + "</body></html>"
    )


def document(overview: DayOverview, meta: CalendarMeta) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(day_plan_html(overview, meta))
    return doc


def a4_printer():  # type: ignore[no-untyped-def]  # a QPrinter; imported late for start-up time
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer
