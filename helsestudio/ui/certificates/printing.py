"""Printing certificate PDFs through Qt's print dialog with preview.

The printer gets the very pages the PDF file has (rendered by QtPdf), so what
is printed, previewed and saved as PDF can never drift apart.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

MAX_DPI = 200  # enough for crisp text and a scannable QR, without huge bitmaps per page


def load_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QtPdf document over the bytes; keep the returned buffer alive as long as the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def paint_pdf(printer: QPrinter, data: bytes) -> int:
    """Render every page of the PDF onto the printer (one sheet each); returns the page count."""
    document, _buffer = load_pdf(data)
    pages = document.pageCount()
    painter = QPainter()
    if pages == 0 or not painter.begin(printer):
        return 0
    try:
        for index in range(pages):
            if index:
                printer.newPage()
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(0, 0)
            points = document.pagePointSize(index)
            dpi = min(printer.resolution(), MAX_DPI)
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            image = document.render(index, size)
            # Keep the page's proportions inside the printable area.
            scale = min(target.width() / size.width(), target.height() / size.height())
            w, h = size.width() * scale, size.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2,
                                     target.y() + (target.height() - h) / 2, w, h), image)
    finally:
        painter.end()
    return pages


def a4_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def print_preview(parent: QWidget, data: bytes, title: str) -> QPrintPreviewDialog:
    """Qt's print dialog with preview over the PDF (the caller calls exec() or open())."""
    printer = a4_printer()
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda p: paint_pdf(p, data))
    dialog.resize(900, 1000)
    return dialog
