"""The printable A4 day plan (reportlab, DejaVu Sans embedded so «æøå» and Sámi letters print).

`rl_config.invariant` makes the same plan give the same bytes, so a reprint can be compared.
"""

from __future__ import annotations

from importlib import resources
from io import BytesIO
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from helsestudio.services.day_plan import DayPlan
from helsestudio.services.timeutil import WEEKDAYS_NB, format_date_nb, format_time

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
# Short names that fit the column; the full names are in the calendar.
PLATFORM_SHORT = {"teams": "Teams", "2meet": "2meet Consult", "nhn": "NHN video",
                  "ingen": "Ingen (opptak)"}
STATE_NB = {"forespurt": "Forespurt", "bekreftet": "Bekreftet", "avslått": "Avslått",
            "fortrengt": "Fortrengt", "avlyst": "Avlyst"}


def _register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    fonts = resources.files("helsestudio.resources") / "fonts"
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        if name not in registered:
            with resources.as_file(fonts / filename) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
    # Each face on its own and the family always: the certificate PDFs may have registered the
    # regular face alone (reportlab then maps the whole family to it), and a Paragraph in the
    # bold face then fails («Can't map determine family/bold/italic»), e.g. a day plan printed
    # after a certificate in the same program session.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20),
        "sub": ParagraphStyle("sub", fontName=FONT, fontSize=10, leading=13,
                              textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8, leading=10),
        "warn": ParagraphStyle("warn", fontName=FONT, fontSize=9, leading=12,
                               textColor=colors.HexColor("#8a4b00")),
        "crisis": ParagraphStyle("crisis", fontName=FONT_BOLD, fontSize=11, leading=14,
                                 textColor=colors.white, backColor=colors.HexColor("#b00020"),
                                 borderPadding=4),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(plan: DayPlan, st: dict[str, ParagraphStyle]) -> Table:
    head = ["Tid", "Booking", "Kategori", "Plattform", "Ant.", "Assistanse", "Status"]
    data = [[Paragraph(h, st["head"]) for h in head]]
    for r in plan.bookings:
        who = r.organizer + (f", {r.organizer_unit}" if r.organizer_unit else "")
        assist = ((_esc(r.assigned_to) if r.assigned_to else "<font color='#b00020'><b>IKKE "
                   "TILDELT</b></font>") if r.assist_requested else "–")
        cells = [
            f"{format_time(r.start)}–{format_time(r.end)}",
            f"<b>{_esc(r.title)}</b>" + (f"<br/>{_esc(who)}" if who else ""),
            _esc(r.category_name), _esc(PLATFORM_SHORT.get(r.platform, r.platform_name)),
            "" if r.participants is None else str(r.participants), assist,
            STATE_NB.get(r.state, r.state) + ("" if r.on_time else " (sen)")
            + "".join(f"<br/>konflikt #{i}" for i in r.pending_conflicts),
        ]
        data.append([Paragraph(c, st["cell"]) for c in cells])
    widths = [22 * mm, 43 * mm, 29 * mm, 29 * mm, 12 * mm, 22 * mm, 23 * mm]
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for i, r in enumerate(plan.bookings, start=1):
        # A colour stripe per category, as in the calendar's legend.
        style.append(("LINEBEFORE", (0, i), (0, i), 4, colors.HexColor(r.colour)))
        if r.state != "bekreftet":
            style.append(("BACKGROUND", (1, i), (-1, i), colors.HexColor("#fff7e0")))
    table.setStyle(TableStyle(style))
    return table


def render_day_plan(plan: DayPlan) -> bytes:
    """The day plan as A4 PDF bytes (identical input gives identical bytes)."""
    _register_fonts()
    rl_config.invariant = 1
    st = _styles()
    out = BytesIO()
    weekday = WEEKDAYS_NB[plan.day.weekday()]
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm,
                            title=f"Dagsplan Studio 2037 {plan.day.isoformat()}",
                            author="Helsestudio", invariant=1)
    story: list = [
        Paragraph(f"Dagsplan Studio 2037 – {weekday} {format_date_nb(plan.day)}", st["title"]),
        Paragraph("Helse Bergen · teknisk vakt: se «Assistanse»", st["sub"]),
        Spacer(1, 4 * mm),
    ]
    if plan.crisis is not None:
        story += [Paragraph(f"KRISEMODUS: {_esc(plan.crisis.reason)}", st["crisis"]),
                  Spacer(1, 4 * mm)]
    if plan.closed:
        story += [Paragraph(f"Stengt: {_esc(plan.closed)}", st["warn"]), Spacer(1, 2 * mm)]
    if plan.bookings:
        story.append(_table(plan, st))
    else:
        story.append(Paragraph("Ingen bookinger denne dagen.", st["sub"]))
    if plan.warnings:
        story += [Spacer(1, 5 * mm), Paragraph("Varsler", st["head"])]
        story += [Paragraph(f"• {_esc(w)}", st["warn"]) for w in plan.warnings]
    doc.build(story)
    return out.getvalue()


def write_day_plan(plan: DayPlan, path: Path) -> Path:
    path.write_bytes(render_day_plan(plan))
    return path
