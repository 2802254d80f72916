"""Text on certificates: embedded fonts, a fallback for Chinese/Japanese, right-to-left names.

DejaVu Sans covers every Latin letter (Sámi included), Greek, Cyrillic, Hebrew
and Arabic letters. Chinese and Japanese names are drawn with Droid Sans
Fallback (shipped with its licence), registered only when such a name occurs
because parsing it costs time. Hebrew and Arabic are put in visual order
(reportlab draws left to right), so the name reads right and copies out of
the PDF in its own order. Arabic letters are not joined (no shaping).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.resources import as_file, files

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT, FONT_BOLD, FONT_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
FALLBACK = "DroidSansFallback"
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf",
          FONT_ITALIC: "DejaVuSans-Oblique.ttf", FALLBACK: "DroidSansFallbackFull.ttf"}
_RTL = {"R", "AL"}
_LTR = {"L"}


def _register(name: str) -> None:
    if name in pdfmetrics.getRegisteredFontNames():
        return
    with as_file(files("helsestudio.resources").joinpath("fonts", _FILES[name])) as path:
        pdfmetrics.registerFont(TTFont(name, str(path)))


def register_fonts() -> None:
    """Register DejaVu Sans with reportlab once per process (not at import time)."""
    for name in (FONT, FONT_BOLD, FONT_ITALIC):
        _register(name)


@lru_cache(maxsize=8)
def _coverage(font: str) -> frozenset[int]:
    _register(font)
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def _needs_fallback(char: str, font: str) -> bool:
    return ord(char) not in _coverage(font) and not char.isspace() and ord(char) in _coverage(FALLBACK)


def unprintable(text: str) -> str:
    """The characters of `text` that no shipped font can draw (they would print as boxes)."""
    missing = [c for c in text if not c.isspace() and unicodedata.category(c)[0] != "C"
               and ord(c) not in _coverage(FONT) and ord(c) not in _coverage(FALLBACK)]
    return "".join(dict.fromkeys(missing))


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` split into (font, piece) runs: the fallback font only where the main one lacks a glyph."""
    covered = _coverage(font)
    if all(ord(c) in covered for c in text):
        return [(font, text)]  # the usual case
    out: list[tuple[str, str]] = []
    for char in text:
        use = FALLBACK if _needs_fallback(char, font) else font
        if char.isspace() and out and ord(char) in _coverage(out[-1][0]):
            use = out[-1][0]  # a space between two CJK words stays in their run (copies out whole)
        if out and out[-1][0] == use:
            out[-1] = (use, out[-1][1] + char)
        else:
            out.append((use, char))
    return out


def text_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(piece, f, size) for f, piece in runs(text, font))


def visual_order(text: str) -> str:
    """Right-to-left runs reversed for left-to-right drawing (a minimal bidi for names).

    A line whose first strong letter is right-to-left is an RTL paragraph: its runs
    are laid out from the right. Left-to-right pieces inside it keep their order.
    """
    if text.isascii():
        return text  # most lines: nothing to reorder, and no per-character lookups
    kinds = [unicodedata.bidirectional(c) for c in text]
    if not any(k in _RTL for k in kinds):
        return text
    rtl_paragraph = next((k in _RTL for k in kinds if k in _RTL | _LTR), False)
    pieces: list[tuple[bool, str]] = []  # (is_rtl, text)
    for char, kind in zip(text, kinds, strict=True):
        strong = True if kind in _RTL else False if kind in _LTR else None
        is_rtl = rtl_paragraph if strong is None else strong
        if pieces and pieces[-1][0] == is_rtl:
            pieces[-1] = (is_rtl, pieces[-1][1] + char)
        else:
            pieces.append((is_rtl, char))
    shaped = [(rtl, piece[::-1] if rtl else piece) for rtl, piece in pieces]
    if rtl_paragraph:
        shaped.reverse()
    return "".join(piece for _rtl, piece in shaped)


def draw(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
         align: str = "left") -> None:
    """drawString / drawCentredString / drawRightString, with font fallback and RTL order."""
    line = visual_order(text)
    pieces = runs(line, font)
    if align != "left":
        width = sum(pdfmetrics.stringWidth(p, f, size) for f, p in pieces)
        x -= width / 2 if align == "centre" else width
    for piece_font, piece in pieces:
        canvas.setFont(piece_font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, piece_font, size)
