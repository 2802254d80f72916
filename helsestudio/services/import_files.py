"""Reading participant lists as LMS exports and Excel in Norway write them.

CSV: semicolon, comma or tab; UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252.
XLSX: the first worksheet. Either way the result is a header and rows that keep
the line number the user sees in Excel or a text editor, so an error can name it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from helsestudio.services.errors import InvalidInput

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells as text)
    encoding: str  # what was detected, shown in the preview
    delimiter: str | None


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-16 or UTF-8 by BOM, UTF-8, else Windows-1252."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's «Unicode-tekst» is UTF-16 with a BOM
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise InvalidInput("Filen sier den er UTF-16, men kan ikke leses som det: lagre den "
                               "på nytt som «CSV UTF-8» i Excel") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8", errors="strict"), "UTF-8 med BOM"
        except UnicodeDecodeError:
            raise InvalidInput("Filen sier den er UTF-8, men har tegn som ikke er det: lagre den "
                               "på nytt som «CSV UTF-8» i Excel") from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # HPR numbers typed into Excel come back as floats
    return str(value).strip()


def _split_header(rows: list[tuple[int, list[str]]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    body = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not body:
        raise InvalidInput("Filen er tom: den har ingen overskriftsrad og ingen deltakere")
    (_, header), rest = body[0], body[1:]
    columns = [c.strip() for c in header]
    named = [c for c in columns if c]
    if len({c.casefold() for c in named}) != len(named):
        raise InvalidInput("To kolonner i overskriftsraden har samme navn: gi dem ulike navn")
    return columns, rest


def read_csv(raw: bytes) -> Table:
    text, encoding = decode(raw)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for cells in reader:
            rows.append((start, [c.strip() for c in cells]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInput(f"Linje {reader.line_num}: CSV-filen kan ikke leses ({exc})") from None
    columns, body = _split_header(rows)
    return Table(columns, body, encoding, delimiter)


def read_xlsx(raw: bytes) -> Table:
    from openpyxl import load_workbook

    # A damaged file makes openpyxl raise whatever its zip or XML parser met (BadZipFile,
    # KeyError, ParseError, TypeError …), on opening or only while the rows are read.
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = [(n, [_cell(v) for v in values])
                    for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
        finally:
            workbook.close()
    except Exception as exc:  # noqa: BLE001 - any parser failure means the same to the user
        raise InvalidInput(
            f"Excel-filen kan ikke åpnes ({type(exc).__name__}): lagre den på nytt som .xlsx "
            "eller som CSV") from None
    columns, body = _split_header(rows)
    return Table(columns, body, "XLSX", None)


def read_table(path: Path) -> Table:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(f"{path.name} er for stor ({size // 1024 // 1024} MB; høyst 20 MB)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"Fant ikke filen {path}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} er en mappe, ikke en fil") from None
    except OSError as exc:
        raise InvalidInput(f"Kan ikke lese {path}: {exc.strerror}") from None
    if raw.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(raw)
    if path.suffix.lower() == ".xls":
        raise InvalidInput("Gamle .xls-filer støttes ikke: lagre filen som .xlsx eller CSV i Excel")
    return read_csv(raw)
