"""The studio CLI exactly as issue 3 names it: JSON shapes, exit codes, rule ids on stderr."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.helpers import CliResult, cli_inproc

ON_TIME = "2026-11-01T09:00"


class Studio:
    """The CLI against one database, in-process."""

    def __init__(self, db: str, capsys: Any, monkeypatch: Any) -> None:
        self.db, self.capsys, self.monkeypatch = db, capsys, monkeypatch

    def __call__(self, *args: str, user: str | None = None) -> CliResult:
        return cli_inproc(*args, db=self.db, capsys=self.capsys, user=user,
                          monkeypatch=self.monkeypatch)

    def request(self, start: str, end: str, category: str = "regut", received: str = ON_TIME,
                *extra: str) -> dict[str, Any]:
        res = self("--json", "booking", "request", "--title", f"{category} {start}",
                   "--category", category, "--start", start, "--end", end,
                   "--received-at", received, *extra)
        assert res.code == 0, res.err
        return res.json


@pytest.fixture
def studio(db_url: str, capsys: Any, monkeypatch: Any) -> Studio:
    return Studio(db_url, capsys, monkeypatch)


@pytest.fixture
def local_studio(sqlite_url: str, capsys: Any, monkeypatch: Any) -> Studio:
    return Studio(sqlite_url, capsys, monkeypatch)


def test_booking_request_prints_the_new_booking(studio: Studio) -> None:
    b = studio.request("2027-03-12T10:00", "2027-03-12T11:00", "regut", ON_TIME,
                       "--participants", "20", "--platform", "teams", "--assist",
                       "--organizer", "Åse Ødegård")
    assert {k: b[k] for k in ("title", "category", "state", "on_time", "start", "end",
                              "participants", "platform", "assist")} == {
        "title": "regut 2027-03-12T10:00", "category": "regut", "state": "forespurt",
        "on_time": True, "start": "2027-03-12T10:00:00+01:00", "end": "2027-03-12T11:00:00+01:00",
        "participants": 20, "platform": "teams", "assist": {"requested": True, "assigned_to": None}}
    assert isinstance(b["id"], int) and b["organizer"]["name"] == "Åse Ødegård"
    late = studio.request("2027-03-12T13:00", "2027-03-12T14:00", "regut", "2027-02-13T08:00")
    assert late["on_time"] is False


def test_r3_confirm_prints_booking_displaced_and_suggestions(studio: Studio) -> None:
    low = studio.request("2027-03-12T10:00", "2027-03-12T11:00", "annet")
    assert studio("booking", "confirm", str(low["id"])).code == 0
    high = studio.request("2027-03-12T10:30", "2027-03-12T11:30", "ledermote")
    res = studio("--json", "booking", "confirm", str(high["id"]))
    assert res.code == 0, res.err
    out = res.json
    assert set(out) == {"booking", "displaced", "suggestions"}
    assert out["booking"]["state"] == "bekreftet" and out["displaced"] == [low["id"]]
    assert out["suggestions"] and set(out["suggestions"][0]) == {"start", "end"}
    assert out["suggestions"][0]["start"].endswith("+01:00")
    shown = studio("booking", "show", str(low["id"]), "--json").json
    assert shown["state"] == "fortrengt" and shown["displaced_by"] == high["id"]
    assert [h["action"] for h in shown["history"]] == [
        "booking.request", "booking.confirm", "booking.displace"]
    assert "Fortrengt av" in shown["history"][-1]["reason"]


def test_r3_refused_confirm_exits_1_and_names_the_rule(studio: Studio) -> None:
    high = studio.request("2027-03-12T10:00", "2027-03-12T11:00", "fredagsmote")
    studio("booking", "confirm", str(high["id"]))
    low = studio.request("2027-03-12T10:30", "2027-03-12T11:30", "produksjon")
    plain = studio("booking", "confirm", str(low["id"]))
    assert plain.code == 1 and plain.err.startswith("R3: ")
    res = studio("booking", "confirm", str(low["id"]), "--json")
    assert res.code == 1 and res.json["error"]["rule"] == "R3"
    assert "høyere prioritet" in res.json["error"]["message"]


def test_r4_buffer_refusal_through_the_cli(studio: Studio) -> None:
    first = studio.request("2027-03-12T10:00", "2027-03-12T11:00")
    studio("booking", "confirm", str(first["id"]))
    close = studio.request("2027-03-12T11:10", "2027-03-12T12:00", "regut", "2026-11-02T09:00")
    res = studio("--json", "booking", "confirm", str(close["id"]))
    assert (res.code, res.json["error"]["rule"]) == (1, "R4")
    fits = studio.request("2027-03-12T11:15", "2027-03-12T12:00", "regut", "2026-11-02T09:00")
    assert studio("booking", "confirm", str(fits["id"])).code == 0


def test_list_and_schedule_are_ordered_by_start_with_inclusive_dates(studio: Studio) -> None:
    later = studio.request("2027-03-15T13:00", "2027-03-15T14:00")
    earlier = studio.request("2027-03-12T09:00", "2027-03-12T10:00")
    outside = studio.request("2027-03-16T09:00", "2027-03-16T10:00")
    listed = studio("booking", "list", "--from", "2027-03-12", "--to", "2027-03-15", "--json").json
    assert [b["id"] for b in listed["bookings"]] == [earlier["id"], later["id"]]
    assert outside["id"] not in [b["id"] for b in listed["bookings"]]
    studio("booking", "confirm", str(earlier["id"]))
    only = studio("booking", "list", "--from", "2027-03-12", "--to", "2027-03-16",
                  "--state", "bekreftet", "--json").json
    assert [b["id"] for b in only["bookings"]] == [earlier["id"]]
    plan = studio("schedule", "--date", "2027-03-12", "--json").json
    assert [b["id"] for b in plan["bookings"]] == [earlier["id"]]


def test_bad_input_gets_a_clear_message(studio: Studio) -> None:
    base = ("booking", "request", "--title", "X", "--start", "2027-03-12T10:00")
    backwards = studio(*base, "--category", "regut", "--end", "2027-03-12T09:00")
    assert backwards.code == 2 and "etter start" in backwards.err
    unknown = studio(*base, "--category", "konsert", "--end", "2027-03-12T11:00")
    assert unknown.code == 2 and "Ukjent kategori «konsert»" in unknown.err
    crowded = studio(*base, "--category", "regut", "--end", "2027-03-12T11:00",
                     "--participants", "51", "--platform", "2meet", "--json")
    assert crowded.code == 1 and crowded.json["error"]["rule"] == "R7"
    assert "teams" in crowded.json["error"]["message"]
    studio.request("2027-03-12T10:00", "2027-03-12T11:00")
    overlapping = studio(*base, "--category", "annet", "--end", "2027-03-12T10:30")
    assert overlapping.code == 0 and "Merk: overlapper booking" in overlapping.err
    missing = studio("booking", "confirm", "999")
    assert missing.code == 2 and "999" in missing.err


def test_r8_assign_and_schedule_warns_about_unassigned_assistance(studio: Studio) -> None:
    b = studio.request("2027-03-12T10:00", "2027-03-12T11:00", "regut", ON_TIME, "--assist")
    studio("booking", "confirm", str(b["id"]))
    plan = studio("schedule", "--date", "2027-03-12", "--json").json
    assert any(w.startswith("R8:") for w in plan["warnings"])
    me = "admin" if studio.db.startswith("sqlite") else "postgres"  # the first user
    assigned = studio("--json", "booking", "assign", str(b["id"]), "--to", me)
    assert assigned.json["assist"] == {"requested": True, "assigned_to": me}
    plan = studio("schedule", "--date", "2027-03-12", "--json").json
    assert not any(w.startswith("R8:") for w in plan["warnings"])
    nobody = studio("--json", "booking", "assign", str(b["id"]), "--to", "ukjent")
    assert (nobody.code, nobody.json["error"]["rule"]) == (1, "R8")


def test_r6_crisis_on_off_and_config_only_for_the_lead(local_studio: Studio) -> None:
    local_studio("user", "add", "siri", "--role", "superbruker")
    local_studio("user", "add", "lise", "--role", "faglig_leder")
    refused = local_studio("config", "set", "buffer_minutes", "20", user="siri")
    assert refused.code == 1 and "ROLE" in refused.err
    assert local_studio("crisis", "on", "--reason", "Øvelse", "--order", "regut",
                        user="siri").code == 1
    ok = local_studio("--json", "config", "set", "buffer_minutes", "20", user="lise")
    assert ok.json == {"key": "buffer_minutes", "value": 20}
    assert local_studio("--json", "config", "get", "buffer_minutes").json["value"] == 20
    order = local_studio("--json", "config", "set", "priority_order",
                         "regut,fredagsmote,ledermote,produksjon,annet", user="lise")
    assert order.json["value"].startswith("regut,")
    cap = local_studio("--json", "config", "set", "capacity.2meet", "60", user="lise")
    assert cap.json["value"] == 60
    on = local_studio("--json", "crisis", "on", "--reason", "Storulykke", "--order",
                      "produksjon,annet", user="lise")
    assert on.json["active"] and on.json["order"] == ["produksjon", "annet"]
    plan = local_studio("schedule", "--date", "2027-03-12", "--json").json
    assert plan["crisis"]["reason"] == "Storulykke"
    off = local_studio("--json", "crisis", "off", user="lise")
    assert off.json["active"] is False and off.json["ended_by"] == "lise"
    assert local_studio("crisis", "off", user="lise").code == 1


def test_r5_series_command_skips_langfredag(studio: Studio) -> None:
    res = studio("--json", "series", "fredagsmote", "--from", "2027-03-01", "--to", "2027-04-09")
    assert res.code == 0, res.err
    assert len(res.json["created"]) == 5
    assert [s["date"] for s in res.json["skipped"]] == ["2027-03-26"]
    listed = studio("booking", "list", "--from", "2027-03-01", "--to", "2027-04-09", "--json").json
    assert {b["start"][11:] for b in listed["bookings"]} == {"08:00:00+01:00", "08:00:00+02:00"}


def test_schedule_pdf_is_an_a4_day_plan(local_studio: Studio, tmp_path: Path) -> None:
    b = local_studio.request("2027-03-12T10:00", "2027-03-12T11:00", "regut", ON_TIME,
                             "--assist", "--organizer", "Máret Čuoppa")
    local_studio("booking", "confirm", str(b["id"]))
    pdf = tmp_path / "dagsplan.pdf"
    res = local_studio("schedule", "--date", "2027-03-12", "--pdf", str(pdf))
    assert res.code == 0, res.err
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text()
    assert "Dagsplan Studio 2037" in text and "Máret Čuoppa" in text and "IKKE" in text
    again = tmp_path / "igjen.pdf"
    local_studio("schedule", "--date", "2027-03-12", "--pdf", str(again))
    assert again.read_bytes() == pdf.read_bytes()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "p")], check=True)
        assert (tmp_path / "p-1.png").stat().st_size > 1000


def test_r9_closed_days_for_maintenance_through_the_cli(local_studio: Studio) -> None:
    local_studio("user", "add", "siri", "--role", "superbruker")
    assert local_studio("closed", "add", "2027-03-15", "--reason", "Vedlikehold",
                        user="siri").code == 1
    assert local_studio("closed", "add", "2027-03-15", "--reason", "Vedlikehold",
                        user="admin").code == 0
    res = local_studio("--json", "booking", "request", "--title", "X", "--category", "regut",
                       "--start", "2027-03-15T10:00", "--end", "2027-03-15T11:00")
    assert (res.code, res.json["error"]["rule"]) == (1, "R9")
    listed = local_studio("--json", "closed", "list", "--from", "2027-03-01", "--to", "2027-03-31")
    assert listed.json == {"closed": [{"date": "2027-03-15", "reason": "Vedlikehold"}]}
    assert local_studio("closed", "remove", "2027-03-15").code == 0
    assert local_studio.request("2027-03-15T10:00", "2027-03-15T11:00")["state"] == "forespurt"
