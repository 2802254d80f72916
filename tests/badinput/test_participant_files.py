"""Bad participant lists (issue 7): CSV and XLSX files into participant_import / import_files.

Files are built from the matrix: odd cells (empty, 200+ characters, RTL, emoji,
control characters, SQL and path look-alikes, impossible dates, huge numbers),
odd headers, several encodings and separators, and mangled bytes (a cut or
flipped CSV, a broken zip, an XLSX whose XML is garbage). An import either
succeeds with clean stored values or refuses with InvalidInput and writes
nothing; a preview (dry run) never writes. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from sqlalchemy import select

from helsestudio.models import Completion, Person, Unit
from helsestudio.services import course_sessions, course_types, people
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import SessionInput
from helsestudio.services.course_types import CourseTypeInput
from helsestudio.services.errors import InvalidInput
from helsestudio.services.participant_import import import_file
from helsestudio.services.timeutil import parse_datetime
from tests.badinput import nasty

HEADER = ["Navn", "E-post", "Enhet", "HPR", "E-læring fullført", "Kursbevisnummer"]
GOOD = ["Kari Nordmann", "kari@example.no", "Akuttmottaket", "1234567", "2026-02-20", "LMS-1"]
ODD_CELL = st.one_of(nasty.odd_text(), nasty.odd_date(), nasty.odd_number())


@pytest.fixture
def session_id(ctx: AppContext) -> int:
    course_types.add_course_type(ctx, CourseTypeInput(
        code="SIM", name="Grunnkurs i simulering", requires=("elearning", "attendance")))
    teacher = people.add_person(ctx, "Ingrid Solvang", "ingrid@example.no")
    return course_sessions.add_session(ctx, SessionInput(
        course_type="SIM", start=parse_datetime("2026-03-03T09:00"),
        end=parse_datetime("2026-03-03T15:00"), instructors=(teacher.id,))).id


@st.composite
def table(draw: st.DrawFn) -> list[list[str]]:
    """A header (sometimes with an odd column name) and 1–4 rows; one row has one or two odd
    cells (any bad row refuses the whole file, so more would hide the accepted cases)."""
    header = list(HEADER)
    if draw(st.integers(0, 4)) == 0:
        header[draw(st.integers(0, len(header) - 1))] = draw(nasty.odd_text())
    rows = []
    count = draw(st.integers(1, 4))
    odd_row = draw(st.integers(0, count - 1))
    for n in range(count):
        row = [GOOD[0] + f" {n}", f"p{n}@example.no", *GOOD[2:]]
        row[3] = f"{1234567 + n}"
        if n == odd_row:
            for _ in range(draw(st.integers(1, 2))):
                row[draw(st.integers(0, len(row) - 1))] = draw(ODD_CELL)
            row = row[:draw(st.integers(len(row) - 2, len(row)))]  # a short row now and then
        rows.append(row)
    return [header, *rows]


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    rows = draw(table())
    sep = draw(st.sampled_from([";", ",", "\t"]))
    quote = draw(st.booleans())

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if quote or sep in text or "\n" in text else text

    text = "\r\n".join(sep.join(cell(c) for c in row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    data = bytearray(text.encode(encoding, errors="replace"))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):  # mangle: cut, flip, NUL, lone quote
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "byte", "nul", "quote"]))
        if kind == "cut":
            del data[at:]
        elif kind == "byte" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "nul":
            data[at:at] = b"\x00"
        elif kind == "quote":
            data[at:at] = b'"'
    return bytes(data)


XLSX_VALUES = st.one_of(
    ODD_CELL, st.sampled_from([10**30, -1, 0, 1.5, float("nan"), float("inf"), True, None,
                               date(2026, 2, 20), datetime(2026, 2, 20, 25 % 24, 30), 1234567.0,
                               "=1/0", "=HYPERLINK(\"http://x\")", "'2026-02-20"]))


def _position(draw: st.DrawFn, length: int) -> int:
    """An index below `length`, drawn independently of the length itself."""
    return draw(st.integers(0, 10_000)) * length // 10_001


@st.composite
def xlsx_bytes(draw: st.DrawFn) -> bytes:
    rows = draw(table())
    wb = Workbook()
    sheet = wb.active
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell_value = draw(XLSX_VALUES) if r > 1 and draw(st.integers(0, 20)) == 0 else value
            try:
                sheet.cell(r, c, cell_value)
            except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses these
                sheet.cell(r, c, "x")
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    kind = draw(st.sampled_from(["as is"] * 5 + ["cut", "garbage xml", "flip"]))
    # Positions are drawn as fractions: openpyxl stamps the save time into the file, so its
    # length differs between runs, and hypothesis must draw the same way when it replays.
    if kind == "cut":
        return data[:_position(draw, len(data) + 1)]
    if kind == "flip":
        at = _position(draw, len(data))
        return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    if kind == "garbage xml":  # a valid zip whose sheet or shared strings are not XML
        source = zipfile.ZipFile(io.BytesIO(data))
        victim = draw(st.sampled_from([n for n in source.namelist() if n.endswith(".xml")]))
        rebuilt = io.BytesIO()
        with zipfile.ZipFile(rebuilt, "w") as target:
            for name in source.namelist():
                content = source.read(name)
                if name == victim:
                    content = content[:_position(draw, len(content) + 1)] + draw(
                        st.sampled_from([b"<", b"\x00", b"&bad;", b"<x>", b""]))
                target.writestr(name, content)
        return rebuilt.getvalue()
    return data


def _check(ctx: AppContext, sid: int, path: Path) -> None:
    before = nasty.row_counts(ctx)
    try:
        import_file(ctx, sid, path, dry_run=True)
    except InvalidInput as exc:
        assert exc.message and "\n" not in exc.message
    assert nasty.row_counts(ctx) == before, "a preview wrote"
    try:
        result = import_file(ctx, sid, path)
    except InvalidInput as exc:
        event("refused")  # --hypothesis-show-statistics shows the share of each outcome
        assert exc.message and "\n" not in exc.message
        after = nasty.row_counts(ctx)
        assert after == before, f"refused ({exc.message}) but wrote: " + ", ".join(
            f"{t} {before[t]}→{after[t]}" for t in after if after[t] != before[t])
        return
    event("imported")
    assert result.rows
    with ctx.db.read() as s:
        for person in s.scalars(select(Person)):
            for value, limit in ((person.name, 200), (person.email, 254), (person.hpr or "", 9)):
                assert nasty.clean_stored(value, limit), f"stored {value!r}"
        for unit in s.scalars(select(Unit.name)):
            assert nasty.clean_stored(unit), f"stored unit {unit!r}"
        for evidence in s.scalars(select(Completion.evidence)):
            assert nasty.clean_stored(evidence), f"stored evidence {evidence!r}"


@given(data=csv_bytes(), suffix=st.sampled_from([".csv", ".txt", ".CSV"]))
@nasty.SETTINGS
def test_odd_csv_files_import_cleanly_or_write_nothing(ctx: AppContext, session_id: int,
                                                       tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"deltakere{suffix}"
    path.write_bytes(data)
    _check(ctx, session_id, path)


@given(data=xlsx_bytes())
@nasty.SETTINGS
def test_odd_xlsx_files_import_cleanly_or_write_nothing(ctx: AppContext, session_id: int,
                                                        tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "deltakere.xlsx"
    path.write_bytes(data)
    _check(ctx, session_id, path)


@pytest.mark.parametrize("name", ["", "mappe", "finnes-ikke.csv", "../../etc/passwd", "C:\\CON",
                                  "CON", "liste.xls", "x" * 300 + ".csv"])
def test_odd_paths_are_refused_or_read(ctx: AppContext, session_id: int, tmp_path: Path,
                                       name: str) -> None:
    (tmp_path / "mappe").mkdir()
    (tmp_path / "liste.xls").write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    before = nasty.row_counts(ctx)
    with pytest.raises(InvalidInput) as refused:
        import_file(ctx, session_id, tmp_path / name if name else tmp_path)
    assert "\n" not in refused.value.message
    assert nasty.row_counts(ctx) == before


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_excel_unicode_text_and_csv_utf8_are_read(ctx: AppContext, session_id: int, tmp_path: Path,
                                                  encoding: str) -> None:
    """Excel's «Unicode-tekst (*.txt)» is UTF-16 with a BOM and tabs; it used to be read as
    Windows-1252 and refused with NULs in the column names."""
    path = tmp_path / "deltakere.txt"
    path.write_bytes("\r\n".join(["\t".join(HEADER), "\t".join(GOOD)]).encode(encoding))
    result = import_file(ctx, session_id, path)
    assert (result.created_people, result.enrolled, result.rows[0].name) == (1, 1, "Kari Nordmann")


def test_utf8_bom_with_broken_bytes_is_refused_clearly(ctx: AppContext, session_id: int,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "deltakere.csv"
    path.write_bytes(b"\xef\xbb\xbfNavn\r\nK\x80ri\r\n")  # was an unhandled UnicodeDecodeError
    before = nasty.row_counts(ctx)
    with pytest.raises(InvalidInput, match="UTF-8"):
        import_file(ctx, session_id, path)
    assert nasty.row_counts(ctx) == before
