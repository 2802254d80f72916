"""Participant import from CSV and XLSX: encodings, separators, mapping, all-or-nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from helsestudio.services import course_sessions, course_types, people, session_view
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import SessionInput
from helsestudio.services.course_types import CourseTypeInput
from helsestudio.services.errors import InvalidInput, NotFound
from helsestudio.services.participant_import import import_file
from helsestudio.services.timeutil import parse_datetime

HEADER = "Navn;E-post;Enhet;HPR;E-læring fullført;Kursbevisnummer"
ROWS = (
    "Áile Ŋuvvon-Somby;aile@example.no;Helse Bergen > AMK;1234567;2026-02-20;LMS-1",
    "Zofia Wójcik-Łęcka;zofia@example.no;Bergen kommune;;01.02.2026;LMS-2",
    "Øystein Ærø;oystein@example.no;;;;",
)


def _session(ctx: AppContext, capacity: int | None = None) -> int:
    course_types.add_course_type(ctx, CourseTypeInput(
        code="SIM", name="Grunnkurs i simulering", requires=("elearning", "attendance")))
    teacher = people.add_person(ctx, "Ingrid Solvang", "ingrid@example.no")
    return course_sessions.add_session(ctx, SessionInput(
        course_type="SIM", start=parse_datetime("2026-03-03T09:00"),
        end=parse_datetime("2026-03-03T15:00"), instructors=(teacher.id,), capacity=capacity)).id


def _participants(ctx: AppContext, sid: int) -> dict[str, list[str]]:
    return {p.name: p.eligibility.missing for p in session_view.session_detail(ctx, sid).participants}


def test_csv_semicolon_utf8_bom_is_recognised_without_mapping(ctx: AppContext, tmp_path: Path) -> None:
    sid = _session(ctx)
    path = tmp_path / "liste.csv"
    path.write_bytes("\r\n".join((HEADER, *ROWS)).encode("utf-8-sig"))
    result = import_file(ctx, sid, path)
    assert (result.created_people, result.enrolled, result.elearning_recorded) == (3, 3, 2)
    assert result.encoding == "UTF-8 med BOM"
    assert _participants(ctx, sid) == {
        "Áile Ŋuvvon-Somby": ["attendance"], "Zofia Wójcik-Łęcka": ["attendance"],
        "Øystein Ærø": ["elearning", "attendance"]}
    again = import_file(ctx, sid, path)  # the same list twice changes no enrolment
    assert (again.created_people, again.enrolled) == (0, 0)


def test_csv_comma_windows_1252_with_english_headers(ctx: AppContext, tmp_path: Path) -> None:
    sid = _session(ctx)
    path = tmp_path / "lms.csv"
    text = ("Name,Email,Unit,E-learning completed,Certificate number\n"
            "Øystein Ærø-Åsen,oy@example.no,Haukeland,2026-02-01,C-77\n")
    path.write_bytes(text.encode("cp1252"))
    result = import_file(ctx, sid, path)
    assert result.encoding == "Windows-1252" and result.created_people == 1
    assert people.search_people(ctx, "aero")[0].name == "Øystein Ærø-Åsen"


def test_xlsx_with_dates_and_numeric_hpr(ctx: AppContext, tmp_path: Path) -> None:
    sid = _session(ctx)
    wb = Workbook()
    ws = wb.active
    ws.append(["Navn", "E-post", "HPR", "E-læring fullført", "Kursbevisnummer"])
    ws.append(["Ŧoavvu Žiidá", "t@example.no", 7654321, date(2026, 2, 1), "X-1"])
    ws.append(["Nguyễn Thị Hà", "n@example.no", None, None, None])
    path = tmp_path / "liste.xlsx"
    wb.save(path)
    result = import_file(ctx, sid, path)
    assert result.created_people == 2 and result.elearning_recorded == 1
    assert people.search_people(ctx, "7654321")[0].name == "Ŧoavvu Žiidá"


def test_a_bad_row_is_reported_with_its_line_number_and_nothing_is_imported(
    ctx: AppContext, tmp_path: Path,
) -> None:
    sid = _session(ctx)
    path = tmp_path / "feil.csv"
    lines = (HEADER, ROWS[0], "Kari Nordmann;kari@example.no;;12ab;;", ROWS[2],
             "Per Hansen;per@example.no;;01017012345;;")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        import_file(ctx, sid, path)
    assert "linje 3" in err.value.message and "linje 5" in err.value.message
    assert "fødselsnummer" in err.value.message and "Ingenting er importert" in err.value.message
    assert _participants(ctx, sid) == {}
    assert people.search_people(ctx, "somby") == []


def test_xlsx_bad_date_names_the_excel_row(ctx: AppContext, tmp_path: Path) -> None:
    sid = _session(ctx)
    wb = Workbook()
    ws = wb.active
    ws.append(["Navn", "E-læring fullført", "Kursbevisnummer"])
    ws.append(["Ola Nordmann", "i går", "X-1"])
    path = tmp_path / "liste.xlsx"
    wb.save(path)
    with pytest.raises(InvalidInput, match="linje 2: «i går» er ikke en dato"):
        import_file(ctx, sid, path)


def test_broken_xlsx_and_empty_file_are_refused_clearly(ctx: AppContext, tmp_path: Path) -> None:
    sid = _session(ctx)
    broken = tmp_path / "ødelagt.xlsx"
    broken.write_bytes(b"PK\x03\x04 dette er ikke en Excel-fil")
    with pytest.raises(InvalidInput, match="Excel-filen kan ikke åpnes"):
        import_file(ctx, sid, broken)
    empty = tmp_path / "tom.csv"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="tom"):
        import_file(ctx, sid, empty)


def test_capacity_refuses_the_whole_list(ctx: AppContext, tmp_path: Path) -> None:
    sid = _session(ctx, capacity=2)
    path = tmp_path / "liste.csv"
    path.write_text("\n".join((HEADER, *ROWS)), encoding="utf-8")
    with pytest.raises(InvalidInput, match="2 plasser"):
        import_file(ctx, sid, path)
    assert _participants(ctx, sid) == {}


def test_column_mapping_is_remembered_by_name_and_dry_run_writes_nothing(
    ctx: AppContext, tmp_path: Path,
) -> None:
    sid = _session(ctx)
    path = tmp_path / "eksport.csv"
    path.write_text("Deltaker fullt navn;Epost jobb\nÁile Somby;aile@example.no\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="Fant ingen kolonne for navn"):
        import_file(ctx, sid, path)
    mapping = {"name": "Deltaker fullt navn", "email": "Epost jobb"}
    preview = import_file(ctx, sid, path, mapping_name="LMS X", overrides=mapping, dry_run=True)
    assert preview.dry_run and [r.action for r in preview.rows] == ["ny person, meldes på"]
    assert _participants(ctx, sid) == {}
    with pytest.raises(NotFound, match="LMS X.*forhåndsvisning med --dry-run lagrer den ikke"):
        import_file(ctx, sid, path, mapping_name="LMS X")  # a preview does not save the mapping
    import_file(ctx, sid, path, mapping_name="LMS X", overrides=mapping)
    path.write_text("Deltaker fullt navn;Epost jobb\nJonas Haugland;jonas@example.no\n",
                    encoding="utf-8")
    result = import_file(ctx, sid, path, mapping_name="LMS X")  # remembered
    assert result.created_people == 1
    assert set(_participants(ctx, sid)) == {"Áile Somby", "Jonas Haugland"}
