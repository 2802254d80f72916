"""The kursbevis as a PDF page (reportlab, A4 portrait).

Only the certificate's own snapshot goes onto the page, and the canvas is
made invariant (no timestamps or random ids), so printing the same
certificate again gives a byte-identical file (C6). The font is DejaVu Sans,
embedded, because the standard-14 fonts have no ŋ, đ or ŧ (shared/NOTES.md).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import segno
from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from helsestudio.services.certificate_records import CertificateData
from helsestudio.services.certificate_text import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    draw,
    register_fonts,
    text_width,
)
from helsestudio.services.timeutil import format_date_nb

PAGE_W, PAGE_H = A4
MARGIN = 22 * mm
TEXT_W = PAGE_W - 2 * MARGIN
NAVY = HexColor("#1f3a5f")
ACCENT = HexColor("#2f6db5")
GREY = HexColor("#5a6472")
LIGHT = HexColor("#e8eef6")
RED = Color(0.78, 0.1, 0.1, alpha=0.28)


@dataclass(frozen=True)
class PageAssets:
    """What every page of one print run shares: the logo (read once)."""

    logo: ImageReader | None = None

    @classmethod
    def load(cls, logo_path: str | None) -> PageAssets:
        if logo_path and Path(logo_path).is_file():
            try:
                return cls(logo=ImageReader(logo_path))
            except OSError:
                return cls()  # an unreadable logo must not stop printing
        return cls()


def qr_matrix(payload: str) -> tuple[bytearray, ...]:
    # Error level M survives a crease or a stamp on paper. A fixed mask skips segno's
    # evaluation of all eight (most of the encoding time); the payload is signature-heavy,
    # near-random data, for which any mask scans well.
    return tuple(segno.make(payload, error="m", micro=False, mask=QR_MASK).matrix)


QR_MASK = 4


def draw_qr(canvas: Canvas, matrix: tuple[bytearray, ...], x: float, y: float, size: float) -> None:
    """Draw the QR matrix as one filled path of horizontal runs (fast, and crisp at any zoom).

    In a coordinate system scaled to one module per unit the rectangles have
    whole-number corners, so the path is written directly as PDF operators:
    going through reportlab's per-number formatting cost more than encoding.
    """
    count = len(matrix)
    ops: list[str] = []
    for row_index, row in enumerate(matrix):
        top = count - 1 - row_index
        col = 0
        while col < count:
            if row[col]:
                start = col
                while col < count and row[col]:
                    col += 1
                ops.append(f"{start} {top} {col - start} 1 re")
            else:
                col += 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / count, size / count)
    canvas.setFillColor(HexColor("#000000"))
    canvas._code.append("\n".join(ops) + "\nf")  # noqa: SLF001 - see the docstring
    canvas.restoreState()


def fit_lines(text: str, font: str, largest: float, smallest: float, width: float,
              max_lines: int = 2) -> tuple[float, list[str]]:
    """The largest size ≤ `largest` at which `text` fits `width` on one line, else wrapped.

    Long names shrink first; past `smallest` they wrap onto up to `max_lines`
    lines and keep shrinking until every line fits, so nothing is ever cut. A word
    wider than the line (a name without spaces) is broken by characters at a
    readable size rather than shrunk into microprint.
    """
    size = largest
    while size >= smallest:
        if text_width(text, font, size) <= width:
            return size, [text]
        size -= 1
    size = smallest
    while True:
        lines = _hard_wrap(simpleSplit(text, font, size, width), font, size, width)
        if len(lines) <= max_lines or size <= 4:
            return size, lines
        size -= 0.5


def _hard_wrap(lines: list[str], font: str, size: float, width: float) -> list[str]:
    """Break any word still too wide (a name without spaces) by characters."""
    out: list[str] = []
    for line in lines:
        if text_width(line, font, size) <= width:
            out.append(line)  # the usual case: measured once, not per character
            continue
        current = ""
        for char in line:
            if text_width(current + char, font, size) > width and current:
                out.append(current)
                current = char
            else:
                current += char
        out.append(current)
    return out


def _centred(canvas: Canvas, text: str, font: str, size: float, y: float, colour: Color = NAVY) -> None:
    canvas.setFillColor(colour)
    draw(canvas, PAGE_W / 2, y, text, font, size, "centre")


def _frame(canvas: Canvas) -> None:
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(2.2)
    canvas.rect(12 * mm, 12 * mm, PAGE_W - 24 * mm, PAGE_H - 24 * mm)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.6)
    canvas.rect(14.5 * mm, 14.5 * mm, PAGE_W - 29 * mm, PAGE_H - 29 * mm)


def _header(canvas: Canvas, cert: CertificateData, assets: PageAssets) -> float:
    top = PAGE_H - 26 * mm
    x = MARGIN
    if assets.logo is not None:
        iw, ih = assets.logo.getSize()
        scale = min(40 * mm / iw, 16 * mm / ih)
        canvas.drawImage(assets.logo, x, top - ih * scale + 4 * mm, iw * scale, ih * scale, mask="auto")
        x += iw * scale + 5 * mm
    size, lines = fit_lines(cert.organisation_name, FONT_BOLD, 13, 8, PAGE_W - MARGIN - x)
    canvas.setFont(FONT_BOLD, size)
    canvas.setFillColor(NAVY)
    for i, line in enumerate(lines):
        draw(canvas, x, top - i * size * 1.15, line, FONT_BOLD, size)
    canvas.setFont(FONT, 8.5)
    canvas.setFillColor(GREY)
    canvas.drawRightString(PAGE_W - MARGIN, top, f"Nr. {cert.number}")
    return top - 24 * mm


def _title_block(canvas: Canvas, cert: CertificateData, y: float) -> float:
    _centred(canvas, "KURSBEVIS", FONT_BOLD, 34, y)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(PAGE_W / 2 - 40 * mm, y - 6 * mm, PAGE_W / 2 + 40 * mm, y - 6 * mm)
    y -= 18 * mm
    _centred(canvas, "Dette bekrefter at", FONT_ITALIC, 12, y, GREY)
    y -= 13 * mm
    size, lines = fit_lines(cert.person_name, FONT_BOLD, 28, 14, TEXT_W, max_lines=3)
    for line in lines:
        _centred(canvas, line, FONT_BOLD, size, y, HexColor("#111111"))
        y -= size * 1.2
    details = [part for part in (f"HPR-nr. {cert.person_hpr}" if cert.person_hpr else "", cert.unit_name) if part]
    if details:
        dsize, dlines = fit_lines("  ·  ".join(details), FONT, 10, 7, TEXT_W)
        # Below the name's descenders by the details' own height, however small the name got.
        y = min(y, y + size * 1.2 - size * 0.3 - dsize)
        for line in dlines:
            _centred(canvas, line, FONT, dsize, y - 0.5 * mm, GREY)
            y -= dsize * 1.3
    y -= 6 * mm
    _centred(canvas, "har gjennomført", FONT_ITALIC, 12, y, GREY)
    y -= 10 * mm
    size, lines = fit_lines(cert.course_name, FONT_BOLD, 20, 12, TEXT_W, max_lines=3)
    for line in lines:
        _centred(canvas, line, FONT_BOLD, size, y)
        y -= size * 1.25
    where = ", ".join(part for part in (cert.course_dates_nb(), cert.place) if part)
    if where:
        wsize, wlines = fit_lines(where, FONT, 11, 7, TEXT_W)
        for line in wlines:
            _centred(canvas, line, FONT, wsize, y, HexColor("#222222"))
            y -= wsize * 1.3
    return y - 6 * mm


def _body_lines(cert: CertificateData) -> list[tuple[str, str]]:
    """(style, text) pairs for the middle of the page: outcomes, components, equipment."""
    lines: list[tuple[str, str]] = []
    if cert.outcomes:
        lines.append(("heading", "Læringsutbytte"))
        lines.extend(("bullet", outcome) for outcome in cert.outcomes)
    if cert.components:
        lines.append(("heading", "Gjennomførte deler"))
        for comp in cert.components:
            text = comp.label
            if comp.completed_on:
                text += f": {format_date_nb(comp.completed_on)}"
            # Attendance evidence is a day count; the course dates are already printed above.
            if comp.evidence and comp.component != "attendance":
                text += f" ({comp.evidence})"
            lines.append(("bullet", text))
    if cert.equipment:
        lines.append(("heading", "Utstyr"))
        lines.append(("bullet", cert.equipment))
    return lines


def _body(canvas: Canvas, cert: CertificateData, top: float, bottom: float) -> None:
    """The middle section, shrunk as a whole until it fits between `top` and `bottom`."""
    items = _body_lines(cert)
    if not items:
        return
    indent = 5 * mm
    size = 10.5
    while True:
        laid: list[tuple[str, float, list[str]]] = []
        height = 0.0
        for style, text in items:
            font = FONT_BOLD if style == "heading" else FONT
            fsize = size + 0.5 if style == "heading" else size
            wrapped = _hard_wrap(simpleSplit(text, font, fsize, TEXT_W - indent - 4), font, fsize,
                                 TEXT_W - indent - 4)
            gap = fsize * 0.7 if style == "heading" and laid else 0
            height += gap + len(wrapped) * fsize * 1.3
            laid.append((style, fsize, wrapped))
        if height <= top - bottom or size <= 5:
            break
        size -= 0.5
    # A short body sits a little lower instead of leaving one big gap above the signature.
    y = top - size - max(0.0, (top - bottom - height) / 3)
    first = y
    for style, fsize, wrapped in laid:
        if style == "heading":
            if y < first:
                y -= fsize * 0.7
            canvas.setFont(FONT_BOLD, fsize)
            canvas.setFillColor(NAVY)
            canvas.drawString(MARGIN, y, wrapped[0])
            y -= fsize * 1.3
            continue
        canvas.setFillColor(HexColor("#222222"))
        canvas.setFont(FONT, fsize)
        canvas.drawString(MARGIN + 1.5 * mm, y, "•")
        for line in wrapped:
            draw(canvas, MARGIN + indent, y, line, FONT, fsize)
            y -= fsize * 1.3


def _footer(canvas: Canvas, cert: CertificateData, qr: tuple[bytearray, ...]) -> None:
    qr_size = 34 * mm
    qr_x = PAGE_W - MARGIN - qr_size
    qr_y = 30 * mm
    canvas.setFillColor(LIGHT)
    canvas.roundRect(qr_x - 3 * mm, qr_y - 10 * mm, qr_size + 6 * mm, qr_size + 13 * mm, 2 * mm, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#ffffff"))
    canvas.rect(qr_x, qr_y, qr_size, qr_size, stroke=0, fill=1)
    draw_qr(canvas, qr, qr_x + 1.5 * mm, qr_y + 1.5 * mm, qr_size - 3 * mm)
    canvas.setFillColor(NAVY)
    canvas.setFont(FONT, 7)
    canvas.drawCentredString(qr_x + qr_size / 2, qr_y - 3.5 * mm, "Kontrollkode")
    canvas.setFont(FONT_BOLD, 9.5)
    canvas.drawCentredString(qr_x + qr_size / 2, qr_y - 7.5 * mm, cert.code)

    # Signature line and the certificate's facts on the left.
    sig_w = 70 * mm
    sig_y = 58 * mm
    canvas.setStrokeColor(HexColor("#333333"))
    canvas.setLineWidth(0.7)
    canvas.line(MARGIN, sig_y, MARGIN + sig_w, sig_y)
    size, lines = fit_lines(cert.instructor_name or "", FONT, 10, 6, sig_w)
    canvas.setFillColor(HexColor("#111111"))
    canvas.setFont(FONT, size)
    y = sig_y - 4.5 * mm
    for line in lines:
        draw(canvas, MARGIN, y, line, FONT, size)
        y -= size * 1.2
    canvas.setFont(FONT_ITALIC, 8)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, y - 0.5 * mm, "Instruktør")

    facts = [
        ("Kursbevis nr.", cert.number),
        ("Utstedt", format_date_nb(cert.issued_on)),
        ("Gyldig til og med", format_date_nb(cert.valid_until) if cert.valid_until else "uten utløpsdato"),
    ]
    if cert.replaces_number:
        facts.append(("Erstatter", f"kursbevis {cert.replaces_number}"))
    fx, fy = MARGIN + sig_w + 10 * mm, 58 * mm
    for label, value in facts:
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(GREY)
        canvas.drawString(fx, fy + 2 * mm, label)
        canvas.setFont(FONT_BOLD, 9.5)
        canvas.setFillColor(HexColor("#111111"))
        canvas.drawString(fx, fy - 2 * mm, value)
        fy -= 9.5 * mm
    canvas.setFont(FONT, 7)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, 22 * mm, "Ekthet kan kontrolleres uten nett: skann QR-koden eller skriv kontrollkoden i")
    canvas.drawString(MARGIN, 19 * mm, f"Helsestudio (Kursbevis → Kontroller). Mal {cert.template_version}.")


def _revoked_stamp(canvas: Canvas, cert: CertificateData) -> None:
    canvas.saveState()
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(35)
    canvas.setFillColor(RED)
    canvas.setFont(FONT_BOLD, 72)
    canvas.drawCentredString(0, 0, "TILBAKEKALT")
    canvas.setFont(FONT_BOLD, 14)
    when = format_date_nb(cert.revoked_at.date()) if cert.revoked_at else ""
    canvas.drawCentredString(0, -24, f"Ugyldig fra {when}")
    canvas.restoreState()


def draw_page(canvas: Canvas, cert: CertificateData, assets: PageAssets,
              qr: tuple[bytearray, ...] | None = None) -> None:
    """One certificate on the canvas's current page (the caller calls showPage)."""
    _frame(canvas)
    y = _header(canvas, cert, assets)
    y = _title_block(canvas, cert, y)
    _body(canvas, cert, y, 68 * mm)  # just above the signature block
    _footer(canvas, cert, qr if qr is not None else qr_matrix(cert.payload))
    if cert.revoked:
        _revoked_stamp(canvas, cert)


def new_canvas(target: str | Path | io.BytesIO, title: str) -> Canvas:
    register_fonts()
    # invariant=1: no creation date or random document id, so reprints are byte-identical.
    canvas = Canvas(target if isinstance(target, io.BytesIO) else str(target), pagesize=A4,
                    invariant=1, pageCompression=1, initialFontName=FONT, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setAuthor("Helsestudio")
    canvas.setCreator("Helsestudio")
    return canvas


@contextmanager
def binary_streams() -> Iterator[None]:
    """Write compressed streams without ASCII85 on top (reportlab's default).

    Without reportlab's C accelerator, ASCII85 encoding in pure Python was the
    largest single cost of a certificate page; binary streams are standard PDF
    and a quarter smaller. Restored afterwards, so other PDFs are untouched.
    """
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def render(certs: Iterable[CertificateData], target: str | Path | io.BytesIO, assets: PageAssets,
           title: str = "Kursbevis", progress: Callable[[int], None] | None = None) -> int:
    """All certificates into one PDF, one page each; returns the page count."""
    with binary_streams():
        return _render(certs, target, assets, title, progress)


def _render(certs: Iterable[CertificateData], target: str | Path | io.BytesIO, assets: PageAssets,
            title: str, progress: Callable[[int], None] | None) -> int:
    canvas = new_canvas(target, title)
    pages = 0
    for cert in certs:
        draw_page(canvas, cert, assets)
        canvas.showPage()
        pages += 1
        if progress is not None:
            progress(pages)
    if pages == 0:
        raise ValueError("no certificates to render")
    canvas.save()
    return pages


def render_bytes(certs: Iterable[CertificateData], assets: PageAssets, title: str = "Kursbevis") -> bytes:
    buffer = io.BytesIO()
    render(certs, buffer, assets, title)
    return buffer.getvalue()


_UNSAFE = re.compile(r"[^\w\- ]+", re.UNICODE)


def person_filename(cert: CertificateData) -> str:
    """`2026-000123 Kari Nordmann.pdf`: readable, and safe on Windows and Linux."""
    name = _UNSAFE.sub("", cert.person_name).strip()[:80] or "kursbevis"
    return f"{cert.number} {name}.pdf"
