"""The course commands of issue 4 with their exact names, JSON shapes and exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CliResult, cli, cli_inproc


@pytest.fixture
def run(db_url: str, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def call(*args: str) -> CliResult:
        return cli_inproc(*args, db=db_url, capsys=capsys)

    return call


def _ok(result: CliResult) -> Any:
    assert result.code == 0, result.err
    return result.json


def _setup(run, tmp_path: Path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    outcomes = tmp_path / "utbytte.txt"
    outcomes.write_text("Kan bruke radioterminalen\nKan gjøre gruppeoppkall\n", encoding="utf-8")
    _ok(run("--json", "course-type", "add", "--code", "INSTR", "--name",
            "Nødnett instruktørkurs kontrollrom", "--validity-months", "24"))
    ct = _ok(run("course-type", "add", "--json", "--code", "BRUKER", "--name",
                 "Nødnett brukerkurs radioterminal", "--requires", "elearning,attendance",
                 "--instructor-qualification", "INSTR", "--outcomes-file", str(outcomes),
                 "--equipment", "Sepura STP9000,Motorola MTP6650", "--validity-months", "24"))
    assert ct["outcomes"] == ["Kan bruke radioterminalen", "Kan gjøre gruppeoppkall"]
    teacher = _ok(run("--json", "person", "add", "--name", "Áile Ŋuvvon-Somby", "--email",
                      "aile@example.no", "--unit", "Helse Bergen > AMK", "--hpr", "1234567"))
    learner = _ok(run("--json", "person", "add", "--name", "Zofia Wójcik-Łęcka"))
    return {"teacher": teacher["id"], "learner": learner["id"]}


def _qualified_session(run, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """A BRUKER session on 3 March 2026 run by a teacher with a non-expiring INSTR qualification."""
    ids = _setup(run, tmp_path)
    _ok(run("--json", "qualification", "add", "--person", str(ids["teacher"]), "--course-type",
            "INSTR", "--issued", "2025-01-01", "--issuer", "DSB"))
    return str(_ok(run("--json", "session", "add", "--course-type", "BRUKER", "--start",
                       "2026-03-03T09:00", "--end", "2026-03-03T15:00", "--instructor",
                       str(ids["teacher"])))["id"])


def test_c4_and_c2_scenario_through_the_cli(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = _setup(run, tmp_path)
    session_args = ("session", "add", "--course-type", "BRUKER", "--start", "2026-03-03T09:00",
                    "--end", "2026-03-03T15:00", "--instructor", str(ids["teacher"]),
                    "--capacity", "1", "--json")
    refused = run(*session_args)
    assert refused.code == 1 and refused.json["error"]["rule"] == "C4"
    assert "har ikke" in refused.json["error"]["message"]
    q = _ok(run("--json", "qualification", "add", "--person", str(ids["teacher"]), "--course-type",
                "INSTR", "--issued", "2024-06-02", "--valid-until", "2026-06-01",
                "--issuer", "Nasjonalt instruktørkurs"))
    assert q["valid_until"] == "2026-06-01" and q["id"] > 0
    created = _ok(run(*session_args))
    sid = str(created["id"])
    _ok(run("--json", "enrol", sid, str(ids["learner"]), "--equipment", "Sepura STP9000"))
    full = run("--json", "enrol", sid, str(ids["teacher"]))
    assert full.code == 1 and "fullt" in full.json["error"]["message"]
    _ok(run("--json", "complete", sid, "--all", "--component", "attendance", "--date", "2026-03-03"))
    shown = _ok(run("--json", "session", "show", sid))
    assert {"id", "course_type", "start", "end", "instructors", "participants"} <= shown.keys()
    assert shown["course_type"] == "BRUKER" and shown["start"] == "2026-03-03T09:00:00+01:00"
    listed = _ok(run("--json", "session", "list"))["sessions"]
    assert [s["start"] for s in listed] == ["2026-03-03T09:00:00+01:00"]  # Oslo time, as `show`
    (p,) = shown["participants"]
    assert {"person_id", "name", "components", "eligible", "missing"} <= p.keys()
    assert (p["name"], p["eligible"], p["missing"]) == ("Zofia Wójcik-Łęcka", False, ["elearning"])
    assert p["components"]["attendance"]["done"] is True
    _ok(run("--json", "complete", sid, str(ids["learner"]), "--component", "elearning",
            "--date", "2026-02-20", "--evidence", "LMS-4711"))
    p = _ok(run("--json", "session", "show", sid))["participants"][0]
    assert (p["eligible"], p["missing"]) == (True, [])
    assert p["components"]["elearning"]["evidence"] == "LMS-4711"


@pytest.mark.parametrize(
    ("on", "status"),
    [("2026-03-02", "valid"), ("2026-03-03", "expiring"), ("2026-06-01", "expiring"),
     ("2026-06-02", "expired")],
)
def test_c5_status_command(run, tmp_path: Path, on: str, status: str) -> None:  # type: ignore[no-untyped-def]
    ids = _setup(run, tmp_path)
    _ok(run("--json", "qualification", "add", "--person", str(ids["teacher"]), "--course-type",
            "INSTR", "--issued", "2024-06-02", "--valid-until", "2026-06-01", "--issuer", "DSB"))
    out = _ok(run("--json", "status", "--person", str(ids["teacher"]), "--course-type", "INSTR",
                  "--on", on))
    assert out["status"] == status and out["certificate"]["valid_until"] == "2026-06-01"
    missing = _ok(run("--json", "status", "--person", str(ids["learner"]), "--course-type", "INSTR",
                      "--on", on))
    assert missing == {**missing, "status": "missing", "certificate": None}


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (("person", "add", "--name", "Kari", "--hpr", "12ab567"), 2, "7–9"),
        (("person", "add", "--name", "Kari", "--hpr", "01017012345"), 2, "fødselsnummer"),
        (("session", "add", "--course-type", "FINNES-IKKE", "--start", "2026-03-03T09:00",
          "--end", "2026-03-03T10:00", "--instructor", "1"), 2, "Fant ingen kurstype"),
        (("session", "add", "--course-type", "BRUKER", "--start", "2026-03-03T09:00",
          "--end", "2026-03-03T08:00", "--instructor", "1"), 2, "Slutt må være etter start"),
        (("complete", "1", "--component", "attendance", "--date", "2026-03-03"), 2, "PERSON_ID"),
        (("status", "--person", "1", "--course-type", "INSTR", "--on", "i morgen"), 2, "ikke en dato"),
    ],
)
def test_bad_input_gets_a_clear_message_and_exit_2(run, tmp_path: Path, args: tuple[str, ...],  # type: ignore[no-untyped-def]
                                                   code: int, needle: str) -> None:
    _setup(run, tmp_path)
    result = run(*args)
    assert result.code == code and needle in result.err and "Traceback" not in result.err


def test_real_process_prints_norwegian_names_as_utf8(sqlite_url: str, tmp_path: Path) -> None:
    added = cli("--json", "person", "add", "--name", "Ŧoavvu Žiidá Čuoŋas", db=sqlite_url)
    assert added.code == 0, added.err
    assert added.json["name"] == "Ŧoavvu Žiidá Čuoŋas"


def test_participants_import_command_preview_then_import(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sid = _qualified_session(run, tmp_path)
    path = tmp_path / "lms.csv"
    path.write_text("Fullt navn;Ferdig;Nr\nDragan Petrović;2026-02-02;A-9\n", encoding="utf-8")
    maps = ("--map", "name=Fullt navn", "--map", "elearning_completed=Ferdig",
            "--map", "certificate_number=Nr")
    preview = _ok(run("--json", "participants", "import", sid, str(path), *maps, "--dry-run"))
    assert preview["dry_run"] is True and preview["people"][0]["person_id"] is None
    done = _ok(run("--json", "participants", "import", sid, str(path), *maps, "--mapping", "LMS"))
    assert (done["created_people"], done["enrolled"], done["elearning_recorded"]) == (1, 1, 1)
    shown = _ok(run("--json", "session", "show", sid))
    assert shown["participants"][0]["missing"] == ["attendance"]
    path.write_text("Fullt navn;Ferdig;Nr\nMarit Lunde;2026-02-31;A-10\n", encoding="utf-8")
    bad = run("--json", "participants", "import", sid, str(path), "--mapping", "LMS")
    assert bad.code == 2 and "linje 2" in bad.json["error"]["message"]


def test_c9_session_activity_command(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = _setup(run, tmp_path)
    _ok(run("--json", "qualification", "add", "--person", str(ids["teacher"]), "--course-type",
            "INSTR", "--issued", "2025-01-01", "--issuer", "DSB"))
    _ok(run("--json", "session", "add", "--course-type", "BRUKER", "--start", "2026-03-03T09:00",
            "--end", "2026-03-03T12:30", "--instructor", str(ids["teacher"]),
            "--activity-type", "webinar", "--region", "Helse Vest"))
    out = _ok(run("--json", "session", "activity", "--from", "2026-03-01", "--to", "2026-03-31"))
    assert out["activities"] == [{"activity_type": "webinar", "region": "Helse Vest", "sessions": 1,
                                  "participants": 0, "hours": 3.5}]


def test_participants_import_xlsx_and_broken_xlsx_through_the_cli(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    sid = _qualified_session(run, tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Email", "HPR", "E-learning completed", "Certificate number"])
    ws.append(["Ŋuolla Čáhppes", "n@example.no", 8765432, date(2026, 2, 2), "LMS-1"])
    ws.append(["Kari Nordmann", "k@example.no", "01017012345", None, None])
    bad = tmp_path / "feil.xlsx"
    wb.save(bad)
    refused = run("--json", "participants", "import", sid, str(bad))
    assert refused.code == 2 and "linje 3" in refused.json["error"]["message"]
    assert _ok(run("--json", "session", "show", sid))["participants"] == []
    ws.delete_rows(3)
    good = tmp_path / "liste.xlsx"
    wb.save(good)
    done = _ok(run("--json", "participants", "import", sid, str(good)))
    assert (done["created_people"], done["elearning_recorded"]) == (1, 1)
    (p,) = _ok(run("--json", "session", "show", sid))["participants"]
    assert p["name"] == "Ŋuolla Čáhppes" and p["missing"] == ["attendance"]
    broken = tmp_path / "ødelagt.xlsx"
    broken.write_bytes(good.read_bytes()[:200])
    result = run("--json", "participants", "import", sid, str(broken))
    assert result.code == 2 and "Excel-filen kan ikke åpnes" in result.json["error"]["message"]


def test_unenrol_command_needs_a_reason(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sid = _qualified_session(run, tmp_path)
    learner = _ok(run("--json", "person", "add", "--name", "Ŋunnar Ås", "--email", "n@example.no"))
    _ok(run("--json", "enrol", sid, str(learner["id"])))
    assert run("unenrol", sid, str(learner["id"])).code == 2  # --reason is required
    _ok(run("--json", "unenrol", sid, str(learner["id"]), "--reason", "byttet kurs"))
    assert _ok(run("--json", "session", "show", sid))["participants"] == []


def test_c1_outcomes_file_from_notepad_in_windows_1252_is_read(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """C1: learning outcomes saved as ANSI (Windows-1252) keep their æ ø å; a missing file is one line."""
    outcomes = tmp_path / "utbytte.txt"
    outcomes.write_bytes("Kan bruke nødnett\r\nKjenner talegrupper på Åsane\r\n".encode("cp1252"))
    ct = _ok(run("--json", "course-type", "add", "--code", "ANSI", "--name", "Kurs",
                 "--outcomes-file", str(outcomes)))
    assert ct["outcomes"] == ["Kan bruke nødnett", "Kjenner talegrupper på Åsane"]
    missing = run("course-type", "add", "--code", "X", "--name", "X", "--outcomes-file",
                  str(tmp_path / "finnes-ikke.txt"))
    assert missing.code == 2 and missing.err.startswith("Fant ikke filen") and "Errno" not in missing.err
