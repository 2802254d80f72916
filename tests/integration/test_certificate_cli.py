"""The `certificate` and `report compliance` commands, as the acceptance check drives them."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from helsestudio.services import certificates
from helsestudio.services.app import AppContext
from tests.helpers import cli_inproc
from tests.integration import certificate_population as popmod

DAY = "2026-03-03"


@pytest.fixture
def world(sqlite_url: str) -> tuple[str, popmod.Population]:
    ctx = AppContext.open(sqlite_url)
    try:
        return sqlite_url, popmod.build(ctx)
    finally:
        ctx.close()


def test_c2_cli_issue_json_lists_issued_and_not_eligible(world, capsys) -> None:
    db, pop = world
    r = cli_inproc("--json", "certificate", "issue", "--session", str(pop.session),
                   "--issued-on", DAY, db=db, capsys=capsys)
    assert r.code == 0, r.err
    data = r.json
    assert [i["number"] for i in data["issued"]] == ["2026-000001", "2026-000002"]
    assert data["not_eligible"] == [{"person_id": pop.per, "missing": ["elearning"],
                                     "reason": data["not_eligible"][0]["reason"]}]
    again = cli_inproc("certificate", "issue", "--session", str(pop.session), "--person", str(pop.kari),
                       db=db, capsys=capsys)
    assert again.code == 1 and "allerede kursbevis 2026-000001" in again.out


def test_c4_cli_issue_with_unqualified_instructor_exits_1(world, capsys) -> None:
    db, pop = world
    r = cli_inproc("certificate", "issue", "--session", str(pop.session), "--instructor",
                   str(pop.unqualified), "--json", db=db, capsys=capsys)
    assert r.code == 1
    assert r.json["issued"] == [] and all(n["reason"].startswith("C4") for n in r.json["not_eligible"])


def test_c6_cli_pdf_reprint_identical_and_one_file_per_person(world, capsys, tmp_path: Path) -> None:
    db, pop = world
    cli_inproc("certificate", "issue", "--session", str(pop.session), "--issued-on", DAY, db=db, capsys=capsys)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert cli_inproc("certificate", "pdf", "2026-000002", "-o", str(a), db=db, capsys=capsys).code == 0
    assert cli_inproc("certificate", "pdf", "2026-000002", "-o", str(b), db=db, capsys=capsys).code == 0
    assert a.read_bytes() == b.read_bytes()
    assert "Áilu Ŋuvtto-Čoarvi" in PdfReader(a).pages[0].extract_text()
    whole, per = tmp_path / "all.pdf", tmp_path / "per"
    r = cli_inproc("certificate", "pdf", "--session", str(pop.session), "-o", str(whole),
                   "--one-file-per-person", str(per), db=db, capsys=capsys)
    assert r.code == 0, r.err
    assert len(PdfReader(whole).pages) == 2
    assert sorted(p.name for p in per.iterdir()) == [
        "2026-000001 Kari Nordmann.pdf", "2026-000002 Áilu Ŋuvtto-Čoarvi.pdf"]


def test_c6_cli_verify_revoke_qr_and_exit_codes(world, capsys) -> None:
    db, pop = world
    issued = cli_inproc("--json", "certificate", "issue", "--session", str(pop.session),
                        "--issued-on", DAY, db=db, capsys=capsys).json["issued"]
    code = issued[0]["code"]
    r = cli_inproc("--json", "certificate", "verify", code, "--on", "2026-06-01", db=db, capsys=capsys)
    assert r.code == 0 and r.json == {"state": "valid", "number": "2026-000001", "name": "Kari Nordmann",
                                      "course": "Nødnett brukerkurs radioterminal",
                                      "issued": DAY, "valid_until": "2028-03-02"}
    payload = cli_inproc("certificate", "qr", "2026-000001", db=db, capsys=capsys).out.strip()
    assert payload.startswith("HS1.")
    assert cli_inproc("certificate", "verify", "--qr", payload, db=db, capsys=capsys).code == 0
    expired = cli_inproc("--json", "certificate", "verify", "--qr", payload, "--on", "2028-03-03",
                         db=db, capsys=capsys)
    assert expired.code == 1 and expired.json["state"] == "expired"
    tampered = payload[:-3] + ("AAA" if not payload.endswith("AAA") else "BBB")
    bad = cli_inproc("--json", "certificate", "verify", "--qr", tampered, db=db, capsys=capsys)
    assert bad.code == 1 and bad.json["state"] == "invalid"
    assert cli_inproc("certificate", "revoke", "2026-000001", "--reason", "Feil navn",
                      db=db, capsys=capsys).code == 0
    revoked = cli_inproc("certificate", "verify", code, db=db, capsys=capsys)
    assert revoked.code == 1 and "TILBAKEKALT" in revoked.out and "Feil navn" in revoked.out
    twice = cli_inproc("certificate", "revoke", "2026-000001", "--reason", "x", db=db, capsys=capsys)
    assert twice.code == 1 and twice.err.startswith("C6:")
    assert cli_inproc("certificate", "pdf", "9999-1", "-o", "x.pdf", db=db, capsys=capsys).code == 2


def test_c7_cli_compliance_report_in_three_formats(world, capsys, tmp_path: Path) -> None:
    db, pop = world
    cli_inproc("certificate", "issue", "--session", str(pop.session), "--issued-on", DAY, db=db, capsys=capsys)
    out = tmp_path / "r.csv"
    r = cli_inproc("--json", "report", "compliance", "--unit", "Helse Bergen HF", "--course-type", "NN-RT",
                   "--on", "2026-06-01", "-o", str(out), db=db, capsys=capsys)
    assert r.code == 0, r.err
    assert r.json["totals"] == {"valid": 2, "expiring": 0, "expired": 0, "missing": 3}
    assert out.read_bytes().startswith(b"\xef\xbb\xbfperson_id;navn;")  # opens as columns in Norwegian Excel
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {row["navn"]: row["status"] for row in rows}["Áilu Ŋuvtto-Čoarvi"] == "valid"
    assert {row["navn"]: row["referanse"] for row in rows}["Kari Nordmann"] == "2026-000001"
    for suffix in ("pdf", "xlsx"):
        target = tmp_path / f"r.{suffix}"
        assert cli_inproc("report", "compliance", "--unit", str(pop.amk), "--course-type", "NN-RT",
                          "--equipment", "Sepura STP9000", "--on", "2026-06-01", "-o", str(target),
                          db=db, capsys=capsys).code == 0
    text = PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert "Laget av admin" in text and "1. juni 2026" in text and "Kari Nordmann" in text
    sheet = load_workbook(tmp_path / "r.xlsx").active
    values = [c.value for c in sheet["B"]]
    assert "Kari Nordmann" in values and sheet["A5"].value == "Totalt"


@pytest.mark.pg
def test_c6_concurrent_issuing_on_postgresql_gives_unique_sequential_numbers(pg_url: str) -> None:
    """Four PCs issue for four sessions at the same moment: no duplicate, no gap."""
    setup = AppContext.open(pg_url)
    pop = popmod.build(setup)
    names = [f"Deltaker {i}" for i in range(24)]
    people = popmod.add_people(setup, pop.amk, names)
    sessions = [popmod.add_session(setup, pop, pop.instructor, people[i::4]) for i in range(4)]
    setup.close()
    numbers: list[str] = []
    errors: list[Exception] = []
    barrier = threading.Barrier(4)

    def worker(session_id: int) -> None:
        ctx = AppContext.open(pg_url)
        try:
            barrier.wait()
            numbers.extend(i.number for i in certificates.issue(ctx, session_id, issued_on=popmod.COURSE_DAY).issued)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            ctx.close()

    threads = [threading.Thread(target=worker, args=(sid,)) for sid in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"2026-{n:06d}" for n in range(1, 25)]


@pytest.mark.pg
def test_c6_concurrent_cli_issue_for_the_same_session_issues_each_person_once(pg_url: str, tmp_path) -> None:
    setup = AppContext.open(pg_url)
    pop = popmod.build(setup)
    setup.close()
    argv = [sys.executable, "-m", "helsestudio", "--db", pg_url, "--json", "certificate", "issue",
            "--session", str(pop.session), "--issued-on", DAY]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in procs]
    import json

    issued = [i["number"] for out, _ in outputs if out.strip() for i in json.loads(out)["issued"]]
    assert sorted(issued) == ["2026-000001", "2026-000002"], outputs
    assert sorted(p.returncode for p in procs) == [0, 1]


def test_c6_cli_public_key_export_for_another_site(world, capsys, tmp_path: Path) -> None:
    db, _ = world
    r = cli_inproc("--json", "certificate", "public-key", "-o", str(tmp_path / "hb.pem"), db=db, capsys=capsys)
    assert r.code == 0 and len(r.json["key_id"]) == 8
    assert (tmp_path / "hb.pem").read_bytes().startswith(b"-----BEGIN PUBLIC KEY")


def test_c6_issue_and_verify_in_a_fresh_process(world) -> None:
    """A real process: nothing may rely on fonts or keys another command set up earlier."""
    from tests.helpers import cli

    db, pop = world
    r = cli("--json", "certificate", "issue", "--session", str(pop.session), "--person", str(pop.ailu),
            "--issued-on", DAY, db=db)
    assert r.code == 0, r.err
    assert r.json["issued"][0]["number"] == "2026-000001"


def test_c6_c7_output_that_cannot_be_written_is_one_line_and_exit_2(world, capsys, tmp_path: Path) -> None:
    """A folder given as -o, or a file that cannot be written (open in a viewer), is not exit 3."""
    db, pop = world
    cli_inproc("certificate", "issue", "--session", str(pop.session), "--issued-on", DAY, db=db, capsys=capsys)
    in_a_file = tmp_path / "ikke-en-mappe.txt"
    in_a_file.write_text("x")
    folder_pdf = tmp_path / "rapport.pdf"
    folder_pdf.mkdir()
    attempts = [
        ("certificate", "pdf", "--session", str(pop.session), "-o", str(tmp_path)),
        ("certificate", "pdf", "--session", str(pop.session), "-o", str(in_a_file / "k.pdf")),
        ("report", "compliance", "--unit", str(pop.amk), "--course-type", "NN-RT", "-o", str(folder_pdf)),
        ("report", "compliance", "--unit", str(pop.amk), "--course-type", "NN-RT", "-o",
         str(in_a_file / "r.csv")),
    ]
    for args in attempts:
        r = cli_inproc(*args, db=db, capsys=capsys)
        assert r.code == 2 and r.err.count("\n") == 1, (args, r.code, r.err)
        assert "mappe" in r.err or "Kan ikke skrive" in r.err


def test_cli_pdf_for_a_session_that_does_not_exist_says_so(world, capsys, tmp_path: Path) -> None:
    db, pop = world
    missing = cli_inproc("certificate", "pdf", "--session", "9999", "-o", str(tmp_path / "x.pdf"), db=db, capsys=capsys)
    assert missing.code == 2 and "Fant ikke kurs med id 9999" in missing.err
    empty = cli_inproc("certificate", "pdf", "--session", str(pop.session), "-o", str(tmp_path / "y.pdf"),
                       db=db, capsys=capsys)
    assert empty.code == 2 and "ingen gyldige kursbevis" in empty.err  # exists, nothing issued yet
