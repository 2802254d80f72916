"""Importing calendar files as booking requests, and invitations back (issue 6), on both databases."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import func, select

from helsestudio.models import AuditEntry, Booking
from helsestudio.services import bookings, users
from helsestudio.services.app import AppContext
from helsestudio.services.errors import (
    ConcurrentEdit,
    InvalidInput,
    PermissionDenied,
    RuleViolation,
)
from helsestudio.services.ics_import import import_ics, preview_import
from helsestudio.services.ics_invite import invitation
from tests.helpers import cli_inproc
from tests.integration.ics_support import add_booking, add_series, edit, occurrence

DATA = Path(__file__).parent.parent / "data" / "ics"
FIRST, LAST = date(2027, 1, 1), date(2027, 12, 31)


def _count(ctx: AppContext) -> tuple[int, int]:
    with ctx.db.read() as s:
        return (s.scalar(select(func.count()).select_from(Booking)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_import_creates_requests_with_organiser_times_and_kept_uids(ctx: AppContext) -> None:
    result = import_ics(ctx, _data("thunderbird_series.ics"), FIRST, LAST)
    assert (result.occurrences, result.requests, result.skipped) == (5, 5, [])
    with ctx.db.read() as s:
        rows = s.scalars(select(Booking).order_by(Booking.start)).all()
        assert [b.state for b in rows] == ["forespurt"] * 5
        assert rows[0].organizer_contact == "kjell.aberg@example.no"
        assert rows[0].category_code == "ledermote"
        assert rows[2].uid == "3f2a9c1e-6d7b-4a8e-9f01-2b3c4d5e6f70/20270323T100000"
        assert [b.id for b in rows] == sorted(result.created_ids)


def test_import_twice_skips_what_is_already_imported(ctx: AppContext) -> None:
    import_ics(ctx, _data("outlook_windows_tz_without_vtimezone.ics"), FIRST, LAST)
    again = import_ics(ctx, _data("outlook_windows_tz_without_vtimezone.ics"), FIRST, LAST)
    assert again.requests == 0
    assert [s.reason for s in again.skipped] == ["allerede importert"] * 2
    assert _count(ctx)[0] == 2


def test_broken_file_writes_nothing_and_names_the_event(ctx: AppContext) -> None:
    before = _count(ctx)
    with pytest.raises(InvalidInput, match="Hendelse nr. 2 «Feil dato».*linje 10"):
        import_ics(ctx, _data("broken_bad_dtstart.ics"), FIRST, LAST)
    assert _count(ctx) == before


def test_import_is_all_or_nothing_when_a_request_fails_midway(ctx: AppContext) -> None:
    """Another PC stores the UID of the file's second event between the check and the insert:
    the whole import rolls back (first request and audit entries too) with a clear message."""
    data = _data("outlook_windows_tz_without_vtimezone.ics")
    with ctx.db.write() as s:
        add_booking(s, "Kom i forkjøpet", "2027-05-03T09:00", "2027-05-03T10:00",
                    uid="outlook-no-vtz-2@example.no")
    before = _count(ctx)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("helsestudio.services.ics_import._existing_uids", lambda session, uids: set())
        with pytest.raises(ConcurrentEdit, match="ingenting er importert"):
            import_ics(ctx, data, FIRST, LAST)
    assert _count(ctx) == before


def test_import_rows_and_audit_match_request_booking_in(ctx: AppContext) -> None:
    """The bulk path writes what bookings.request_booking_in writes for the same request."""
    result = import_ics(ctx, _data("outlook_windows_tz_without_vtimezone.ics"), FIRST, LAST)
    with ctx.db.write() as s:
        imported = s.get(Booking, result.created_ids[0])
        req = bookings.BookingRequest(
            title=imported.title, category=imported.category_code, start=imported.start,
            end=imported.end, platform=imported.platform_code, organizer_name=imported.organizer_name,
            organizer_contact=imported.organizer_contact, notes=imported.notes,
            received_at=imported.received_at, uid="parity@test")
        single_id = bookings.request_booking_in(s, ctx.username, req).id
    skip = {"id", "uid", "created_at", "updated_at"}
    with ctx.db.read() as s:
        a, b = s.get(Booking, result.created_ids[0]), s.get(Booking, single_id)
        cols = [c.key for c in Booking.__table__.columns if c.key not in skip]
        assert {c: getattr(a, c) for c in cols} == {c: getattr(b, c) for c in cols}
        audits = {e.entity_id: e for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "booking"))}
        bulk, single = audits[str(a.id)], audits[str(b.id)]
        assert (bulk.actor, bulk.action, bulk.before, bulk.reason) == (
            single.actor, single.action, single.before, single.reason)
        norm = {k: (datetime.fromisoformat(v) if k in ("start", "end", "received_at") else v)
                for k, v in single.after.items()}
        assert {k: (datetime.fromisoformat(v) if k in ("start", "end", "received_at") else v)
                for k, v in bulk.after.items()} == norm


def test_dry_run_and_preview_write_nothing_but_show_on_time_and_conflicts(ctx: AppContext) -> None:
    with ctx.db.write() as s:
        held = add_booking(s, "Bekreftet kurs", "2027-03-10T11:00", "2027-03-10T12:00")
        held_id = held.id
    before = _count(ctx)
    result = preview_import(ctx, _data("outlook_windows_tz_without_vtimezone.ics"), FIRST, LAST)
    assert _count(ctx) == before and result.dry_run
    first, second = result.rows
    # 09:00–11:30 overlaps 11:00–12:00; 7 April is far enough ahead to be on time (R2).
    assert first.conflicts == (f"{held_id}: Bekreftet kurs 11:00–12:00",) and second.conflicts == ()
    assert first.on_time and second.on_time
    assert result.to_json() == {"occurrences": 2, "requests": 2, "skipped": [], "problems": []}


def test_r9_refusal_by_the_booking_rules_becomes_a_skip_reason(ctx: AppContext) -> None:
    from helsestudio.services import settings

    settings.set_value(ctx, "opening_start", "10:00")
    result = import_ics(ctx, _data("outlook_windows_tz_without_vtimezone.ics"), FIRST, LAST,
                        dry_run=True)
    assert result.requests == 0
    assert [s.reason for s in result.skipped] == ["utenfor åpningstid"] * 2


def test_importing_needs_a_role_that_may_request(ctx: AppContext) -> None:
    users.add_user(ctx, "eva", "instruktor")  # instructors may request bookings
    import_ics(AppContext(db=ctx.db, username="eva"), _data("outlook_request.ics"), FIRST, LAST)
    stranger = AppContext(db=ctx.db, username="ukjent")
    with pytest.raises(PermissionDenied, match="ingen rolle"):
        import_ics(stranger, _data("apple_icloud.ics"), FIRST, LAST)
    assert _count(ctx)[0] == 1


def test_invite_request_after_confirmation_and_cancel_with_higher_sequence(ctx: AppContext) -> None:
    result = import_ics(ctx, _data("outlook_request.ics"), FIRST, LAST)
    booking_id = result.created_ids[0]
    with pytest.raises(RuleViolation, match="fortsatt forespurt"):
        invitation(ctx, booking_id)
    bookings.confirm_booking(ctx, booking_id)
    request = icalendar.Calendar.from_ical(invitation(ctx, booking_id).content)
    bookings.cancel_booking(ctx, booking_id, "Foredragsholder er syk")
    cancel_inv = invitation(ctx, booking_id)
    cancel = icalendar.Calendar.from_ical(cancel_inv.content)
    (req_ev,), (can_ev,) = request.walk("VEVENT"), cancel.walk("VEVENT")
    assert (str(request["METHOD"]), str(cancel["METHOD"])) == ("REQUEST", "CANCEL")
    assert str(req_ev["UID"]) == str(can_ev["UID"]) == result.rows[0].candidate.uid
    assert int(can_ev["SEQUENCE"]) > int(req_ev["SEQUENCE"])
    assert (str(req_ev["STATUS"]), str(can_ev["STATUS"])) == ("CONFIRMED", "CANCELLED")
    assert str(req_ev["ORGANIZER"]).startswith("mailto:studio2037@")
    assert str(req_ev["ATTENDEE"]) == "mailto:ase.saether@example.no"
    assert cancel_inv.recipient == "ase.saether@example.no"


def test_r5_invite_for_a_cancelled_series_occurrence_uses_series_uid_and_recurrence_id(
        ctx: AppContext) -> None:
    with ctx.db.write() as s:
        series = add_series(s, date(2027, 3, 5), date(2027, 4, 30))
        occ = occurrence(s, series, date(2027, 4, 9))
        edit(occ, state="avlyst")
        series_uid, occ_id = series.uid, occ.id
    cal = icalendar.Calendar.from_ical(invitation(ctx, occ_id).content)
    (event,) = cal.walk("VEVENT")
    assert str(cal["METHOD"]) == "CANCEL" and str(event["UID"]) == series_uid
    assert event["RECURRENCE-ID"].dt.isoformat() == "2027-04-09T08:00:00+02:00"
    assert int(event["SEQUENCE"]) == 1


def test_cli_import_json_shape_and_exit_codes(ctx: AppContext, capsys: pytest.CaptureFixture[str],
                                              db_url: str) -> None:
    path = str(DATA / "google_x_wr_timezone.ics")
    res = cli_inproc("ics", "import", path, "--from", "2027-01-01", "--to", "2027-12-31",
                     "--dry-run", "--json", db=db_url, capsys=capsys)
    assert res.code == 0, res.err
    assert res.json == {
        "occurrences": 7, "requests": 4, "problems": [],
        "skipped": [
            {"uid": "7kukuqrpdq8s0mbbfcvebmjpb7@google.com", "start": "2027-03-26T13:00:00+01:00",
             "reason": "helligdag"},
            {"uid": "2v9kq1jdd0m1l0fkv7fu3k1k7o@google.com", "start": "2027-03-16T09:00:00+01:00",
             "reason": "avlyst"},
            {"uid": "0allday5vq3k1k7o@google.com", "start": "2027-03-17", "reason": "heldagshendelse"},
        ],
    }
    assert _count(ctx)[0] == 0
    bad = cli_inproc("--json", "ics", "import", str(DATA / "broken_truncated.ics"), db=db_url,
                     capsys=capsys)
    assert bad.code == 2 and "avkortet" in bad.json["error"]["message"] and "Traceback" not in bad.err
    missing = cli_inproc("ics", "import", "/finnes/ikke.ics", db=db_url, capsys=capsys)
    assert missing.code == 2 and "Fant ikke filen" in missing.err


def test_cli_export_and_invite_write_files(ctx: AppContext, capsys: pytest.CaptureFixture[str],
                                           db_url: str, tmp_path: Path) -> None:
    with ctx.db.write() as s:
        b = add_booking(s, "Forespurt", "2027-03-10T09:00", "2027-03-10T10:00", state="forespurt",
                        category="ledermote")
        add_booking(s, "Bekreftet", "2027-03-11T09:00", "2027-03-11T10:00")
        requested_id = b.id
    out = tmp_path / "studio.ics"
    res = cli_inproc("ics", "export", "--from", "2027-03-01", "--to", "2027-03-31", "-o", str(out),
                     "--category", "ledermote", "--json", db=db_url, capsys=capsys)
    assert res.code == 0 and res.json["events"] == 1
    assert [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")] == ["Forespurt"]
    refused = cli_inproc("--json", "ics", "invite", str(requested_id), "-o", str(tmp_path / "i.ics"),
                         db=db_url, capsys=capsys)
    assert refused.code == 1 and refused.json["error"]["rule"] == "STATE"
    assert not (tmp_path / "i.ics").exists()


def test_invitation_reads_back_at_the_same_instant_in_vobject(ctx: AppContext) -> None:
    """Summer-time booking: the invitation's VTIMEZONE must give vobject the same UTC instant."""
    import vobject

    with ctx.db.write() as s:
        b = add_booking(s, "Sommerkurs", "2027-06-15T09:00", "2027-06-15T11:00",
                        organizer_contact="MAILTO:per@example.no")
        booking_id, start = b.id, b.start
    inv = invitation(ctx, booking_id)
    parsed = vobject.readOne(inv.content.decode())
    assert parsed.method.value == "REQUEST" and inv.recipient == "per@example.no"
    assert parsed.vevent.dtstart.value.astimezone(start.tzinfo) == start
    assert icalendar.Calendar.from_ical(inv.content).walk("VEVENT")[0]["DTSTART"].dt == start


def test_cli_import_dry_run_as_a_real_process(sqlite_url: str) -> None:
    from tests.helpers import cli

    res = cli("ics", "import", str(DATA / "apple_icloud.ics"), "--from", "2027-01-01",
              "--to", "2027-12-31", "--dry-run", "--json", db=sqlite_url)
    assert res.code == 0, res.err
    assert (res.json["occurrences"], res.json["requests"]) == (4, 1)
    assert [s["reason"] for s in res.json["skipped"]] == ["heldagshendelse", "helligdag", "utenfor åpningstid"]


def test_r3_displaced_booking_gets_a_cancel_with_the_same_uid_and_higher_sequence(ctx: AppContext) -> None:
    def req(title: str, category: str) -> bookings.BookingRequest:
        return bookings.BookingRequest(title=title, category=category,
                                       start=datetime.fromisoformat("2027-09-14T09:00+02:00"),
                                       end=datetime.fromisoformat("2027-09-14T10:00+02:00"),
                                       organizer_contact="lav@example.no")

    low = bookings.request_booking(ctx, req("Annet opptak", "annet"))
    bookings.confirm_booking(ctx, low.id)
    sent = icalendar.Calendar.from_ical(invitation(ctx, low.id).content).walk("VEVENT")[0]
    high = bookings.request_booking(ctx, req("RegUt-kurs", "regut"))
    assert bookings.confirm_booking(ctx, high.id).displaced == [low.id]
    cancel = icalendar.Calendar.from_ical(invitation(ctx, low.id).content)
    event = cancel.walk("VEVENT")[0]
    assert str(cancel["METHOD"]) == "CANCEL" and str(event["UID"]) == str(sent["UID"])
    assert int(event["SEQUENCE"]) > int(sent["SEQUENCE"])


def test_window_defaults_to_twelve_months_from_the_start(ctx: AppContext) -> None:
    from helsestudio.services.ics_import import default_window

    assert default_window(date(2027, 2, 28)) == (date(2027, 2, 28), date(2028, 2, 28))
    assert default_window(date(2028, 2, 29)) == (date(2028, 2, 29), date(2029, 2, 28))
    result = import_ics(ctx, _data("thunderbird_series.ics"), date(2027, 3, 9), dry_run=True)
    assert result.occurrences == 4  # 9 March 2027 and the twelve months after it
