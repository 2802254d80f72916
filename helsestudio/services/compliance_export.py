"""The C7 compliance report as PDF (printable evidence), CSV and XLSX.

The PDF and the XLSX put the totals first, then one line per person; the CSV
is one header row plus one row per person, so it imports cleanly anywhere
(machine status values in `status`, Norwegian in `status_nb`), written the way
Excel in Norway expects (semicolon-separated UTF-8 with a BOM).
"""

from __future__ import annotations

import csv
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from helsestudio.services.certificate_text import (
    FONT,
    FONT_BOLD,
    register_fonts,
    runs,
    visual_order,
)
from helsestudio.services.compliance import STATUS_NB, STATUS_ORDER, ComplianceReport
from helsestudio.services.errors import InvalidInput
from helsestudio.services.timeutil import format_date_nb, format_datetime_nb

CSV_COLUMNS = ("person_id", "navn", "enhet", "status", "status_nb", "grunnlag", "referanse",
               "utstedt", "gyldig_til", "utstyr")
STATUS_COLOURS = {"valid": "#d9f0dc", "expiring": "#fff1c2", "expired": "#f8d4d4", "missing": "#e6e6e6"}
HEADERS_NB = ("Navn", "Enhet", "Status", "Grunnlag", "Gyldig til")


def _markup(text: str) -> str:
    """Paragraph markup that switches to the fallback font for CJK names, RTL in visual order."""
    return "".join(escape(piece) if font == FONT else f'<font name="{font}">{escape(piece)}</font>'
                   for font, piece in runs(visual_order(text), FONT))


def _cells(report: ComplianceReport) -> list[tuple[str, str, str, str, str]]:
    return [
        (r.name, r.unit, r.status_nb, r.evidence_nb,
         format_date_nb(r.valid_until) if r.valid_until else ("uten utløp" if r.ref else ""))
        for r in report.rows
    ]


def write_csv(report: ComplianceReport, path: Path) -> None:
    # As Excel in Norway reads it on a double-click: semicolons (the comma is the decimal
    # separator there) and a BOM, without which Excel shows «Áilu» as «Ã\x81ilu».
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CSV_COLUMNS)
        for r in report.rows:
            writer.writerow([
                r.person_id, r.name, r.unit, r.status, r.status_nb, r.kind or "", r.ref or "",
                r.issued_on.isoformat() if r.issued_on else "",
                r.valid_until.isoformat() if r.valid_until else "", r.equipment or "",
            ])


def write_xlsx(report: ComplianceReport, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Opplæringsstatus"
    bold = Font(bold=True)
    sheet.append([report.title_nb()])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([report.subtitle_nb()])
    sheet.append([f"Laget av {report.made_by} {format_datetime_nb(report.made_at)}"])
    sheet.append([])
    sheet.append(["Totalt", len(report.rows)])
    for status in STATUS_ORDER:
        sheet.append([STATUS_NB[status].capitalize(), report.totals[status]])
    sheet.append([])
    sheet.append(["Person-id", *HEADERS_NB, "Utstedt", "Utstyr"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for r, cells in zip(report.rows, _cells(report), strict=True):
        sheet.append([r.person_id, *cells[:4], r.valid_until, r.issued_on, r.equipment or ""])
        fill = PatternFill("solid", fgColor=STATUS_COLOURS[r.status].lstrip("#"))
        sheet.cell(row=sheet.max_row, column=4).fill = fill
        for column in (6, 7):
            sheet.cell(row=sheet.max_row, column=column).number_format = "DD.MM.YYYY"
    for letter, width in zip("ABCDEFGH", (10, 32, 40, 16, 30, 14, 14, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    book.save(path)


def write_pdf(report: ComplianceReport, path: Path) -> None:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=10.5)
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19,
                           textColor=HexColor("#1f3a5f"))
    sub = ParagraphStyle("sub", fontName=FONT, fontSize=10, leading=13)
    small = ParagraphStyle("small", fontName=FONT, fontSize=8, leading=10, textColor=HexColor("#5a6472"))
    totals = report.totals
    summary = Table(
        [["Totalt", *(STATUS_NB[s].capitalize() for s in STATUS_ORDER)],
         [str(len(report.rows)), *(str(totals[s]) for s in STATUS_ORDER)]],
        colWidths=[30 * mm] * 5,
    )
    summary.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), FONT, 8.5), ("FONT", (0, 1), (-1, 1), FONT_BOLD, 14),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("BOX", (0, 0), (-1, -1), 0.5, HexColor("#9aa5b1")),
        *[("BACKGROUND", (i + 1, 0), (i + 1, 1), HexColor(STATUS_COLOURS[s]))
          for i, s in enumerate(STATUS_ORDER)],
    ]))
    rows = [[Paragraph(c, body) for c in HEADERS_NB]]
    rows += [[Paragraph(_markup(c), body) for c in cells] for cells in _cells(report)]
    table = Table(rows, colWidths=[42 * mm, 48 * mm, 24 * mm, 34 * mm, 26 * mm], repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5), ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8eef6")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, HexColor("#c5ccd4")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    style += [("BACKGROUND", (2, i), (2, i), HexColor(STATUS_COLOURS[r.status]))
              for i, r in enumerate(report.rows, start=1)]
    table.setStyle(TableStyle(style))
    made = f"Laget av {report.made_by} {format_datetime_nb(report.made_at)}. " \
           f"«Utløper snart» = innen {report.window_days} dager. Grunnlag: kursbevis eller ekstern kvalifikasjon."

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont(FONT, 7.5)
        canvas.drawString(18 * mm, 10 * mm, f"{report.title_nb()} – {report.subtitle_nb()}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Side {doc.page}")

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=18 * mm, title=report.title_nb(),
                            author=report.made_by, invariant=1, initialFontName=FONT)
    doc.build([Paragraph(escape(report.title_nb()), title), Paragraph(escape(report.subtitle_nb()), sub),
               Paragraph(escape(made), small), Spacer(1, 5 * mm), summary, Spacer(1, 6 * mm), table],
              onFirstPage=footer, onLaterPages=footer)


WRITERS = {".pdf": write_pdf, ".csv": write_csv, ".xlsx": write_xlsx}


def export(report: ComplianceReport, path: Path) -> None:
    """Write in the format the file name's ending asks for (.pdf, .csv or .xlsx)."""
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise InvalidInput(f"Ukjent filtype «{path.suffix}»: bruk .pdf, .csv eller .xlsx")
    if not path.parent.exists():
        raise InvalidInput(f"Mappen {path.parent} finnes ikke: opprett den eller velg en annen fil")
    if path.is_dir():
        raise InvalidInput(f"{path} er en mappe: oppgi et filnavn som slutter på .pdf, .csv eller .xlsx")
    try:
        writer(report, path)
    except OSError as exc:
        raise InvalidInput(f"Kan ikke skrive {path} ({exc.strerror or type(exc).__name__}): er filen "
                           "åpen i et annet program, eller mangler du skrivetilgang til mappen?") from None
