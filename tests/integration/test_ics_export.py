"""iCalendar export (issue 6): read back by two independent parsers, at the right UTC instants."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import recurring_ical_events
import vobject

from helsestudio.services.app import AppContext
from helsestudio.services.ics_export import ExportFilter, export_calendar
from tests.integration.ics_support import add_booking, add_series, edit, occurrence


def _instants_icalendar(data: bytes) -> dict[str, list[datetime]]:
    """UID → sorted UTC start instants, by icalendar + recurring-ical-events."""
    cal = icalendar.Calendar.from_ical(data)
    out: dict[str, list[datetime]] = {}
    for ev in recurring_ical_events.of(cal).between(date(2025, 1, 1), date(2028, 1, 1)):
        out.setdefault(str(ev["UID"]), []).append(ev["DTSTART"].dt.astimezone(UTC))
    return {k: sorted(v) for k, v in out.items()}


def _instants_vobject(data: bytes) -> dict[str, list[datetime]]:
    """The same with vobject, which builds its time zone from our VTIMEZONE (not zoneinfo)."""
    cal = vobject.readOne(data.decode("utf-8"))
    out: dict[str, list[datetime]] = {}
    overrides: dict[str, dict[datetime, datetime]] = {}
    for ev in cal.vevent_list:
        uid = ev.uid.value
        if hasattr(ev, "recurrence_id"):
            overrides.setdefault(uid, {})[ev.recurrence_id.value.astimezone(UTC)] = (
                ev.dtstart.value.astimezone(UTC))
        elif hasattr(ev, "rrule"):
            out[uid] = [d.astimezone(UTC) for d in ev.getrruleset()]
        else:
            out[uid] = [ev.dtstart.value.astimezone(UTC)]
    for uid, moved in overrides.items():
        out[uid] = [moved.get(d, d) for d in out[uid]]
    return {k: sorted(v) for k, v in out.items()}


def _export(ctx: AppContext, first: str = "2026-01-01", last: str = "2026-12-31", **kw) -> bytes:
    return export_calendar(ctx, ExportFilter(date.fromisoformat(first), date.fromisoformat(last), **kw))


def test_export_has_oslo_vtimezone_tzid_status_and_studio_fields(ctx: AppContext) -> None:
    with ctx.db.write() as s:
        a = add_booking(s, "Simulering AMK", "2026-03-10T09:00", "2026-03-10T11:00", participants=30,
                        platform_code="2meet", assist_requested=True, organizer_name="Kari Nordmann",
                        organizer_unit="AMK Bergen", notes="Husk kamera 2")
        add_booking(s, "Forespurt kurs", "2026-03-11T12:00", "2026-03-11T13:00", state="forespurt")
        add_booking(s, "Avlyst møte", "2026-03-12T12:00", "2026-03-12T13:00", state="avlyst",
                    category="ledermote")
        uid = a.uid
    data = _export(ctx)
    text = data.decode()
    cal = icalendar.Calendar.from_ical(data)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert {k: str(e["STATUS"]) for k, e in events.items()} == {
        "Simulering AMK": "CONFIRMED", "Forespurt kurs": "TENTATIVE", "Avlyst møte": "CANCELLED"}
    for line in text.splitlines():
        if line.startswith(("DTSTART", "DTEND")) and "VTIMEZONE" not in line:
            assert ";TZID=Europe/Oslo:" in line or line.startswith("DTSTART:1970"), line
    amk = events["Simulering AMK"]
    assert str(amk["UID"]) == uid and int(amk["SEQUENCE"]) == 0
    assert str(amk["LOCATION"]) == "Studio 2037"
    assert amk["CATEGORIES"].cats == ["RegUt-kurs og opplæring"]
    desc = str(amk["DESCRIPTION"])
    assert "Whereby «2meet Consult»" in desc and "Deltakere: 30" in desc
    assert "Teknisk assistanse: ja" in desc and "Kari Nordmann, AMK Bergen" in desc
    assert amk["DTSTART"].dt == datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def test_export_filters_by_category_state_and_range(ctx: AppContext) -> None:
    with ctx.db.write() as s:
        add_booking(s, "RegUt mars", "2026-03-10T09:00", "2026-03-10T10:00")
        add_booking(s, "Leder mars", "2026-03-10T12:00", "2026-03-10T13:00", category="ledermote")
        add_booking(s, "RegUt forespurt", "2026-03-11T12:00", "2026-03-11T13:00", state="forespurt")
        add_booking(s, "RegUt april", "2026-04-01T09:00", "2026-04-01T10:00")

    def titles(**kw) -> set[str]:
        return {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(_export(ctx, **kw)).walk("VEVENT")}

    assert titles(categories=frozenset({"regut"})) == {"RegUt mars", "RegUt forespurt", "RegUt april"}
    assert titles(states=frozenset({"forespurt"})) == {"RegUt forespurt"}
    assert titles(first="2026-03-10", last="2026-03-10") == {"RegUt mars", "Leder mars"}


def test_r5_fredagsmote_series_is_one_rrule_event_with_exdate_and_override(ctx: AppContext) -> None:
    with ctx.db.write() as s:
        series = add_series(s, date(2026, 3, 6), date(2026, 4, 24))  # Langfredag 3 April skipped
        edit(occurrence(s, series, date(2026, 3, 20)), state="avlyst")
        moved = occurrence(s, series, date(2026, 3, 27))
        edit(moved, start=datetime(2026, 3, 27, 9, 0, tzinfo=UTC), end=datetime(2026, 3, 27, 10, 0, tzinfo=UTC))
        uid = series.uid
    data = _export(ctx)
    cal = icalendar.Calendar.from_ical(data)
    events = [e for e in cal.walk("VEVENT") if str(e["UID"]) == uid]
    master = next(e for e in events if "RRULE" in e)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["BYDAY"] == ["FR"]
    exdates = sorted(d.dt.date() for x in [master["EXDATE"]] for d in x.dts)
    assert exdates == [date(2026, 3, 20), date(2026, 4, 3)]
    override = next(e for e in events if "RECURRENCE-ID" in e)
    assert override["RECURRENCE-ID"].dt.date() == date(2026, 3, 27)
    assert int(master["SEQUENCE"]) == 1 == int(override["SEQUENCE"])
    # Both parsers: 8 Fridays − holiday − cancelled = 6, 08:00 Oslo across the DST change on
    # 29 March (07:00 UTC before, 06:00 UTC after), the moved one at its new time.
    expected = [datetime(2026, 3, 6, 7, tzinfo=UTC), datetime(2026, 3, 13, 7, tzinfo=UTC),
                datetime(2026, 3, 27, 9, tzinfo=UTC), datetime(2026, 4, 10, 6, tzinfo=UTC),
                datetime(2026, 4, 17, 6, tzinfo=UTC), datetime(2026, 4, 24, 6, tzinfo=UTC)]
    assert _instants_icalendar(data)[uid] == expected
    assert _instants_vobject(data)[uid] == expected


def test_every_exported_instant_survives_both_parsers_across_dst(ctx: AppContext) -> None:
    with ctx.db.write() as s:
        # Around both 2026 changes (29 March, 25 October) and in mid-summer/winter.
        for raw in ("2026-03-27T10:00", "2026-03-30T08:00", "2026-07-01T13:30",
                    "2026-10-23T10:00", "2026-10-26T08:00", "2026-12-01T15:00"):
            add_booking(s, raw, raw, raw[:11] + "23:00")
        add_series(s, date(2026, 10, 2), date(2026, 11, 6))
    with ctx.db.read() as s:
        from helsestudio.models import Booking

        expected: dict[str, list[datetime]] = {}
        for b in s.query(Booking).filter(Booking.series_id.is_(None)):
            expected[b.uid] = [b.start]
    data = _export(ctx)
    by_icalendar, by_vobject = _instants_icalendar(data), _instants_vobject(data)
    for uid, starts in expected.items():
        assert by_icalendar[uid] == starts == by_vobject[uid]
    series_uid = next(u for u in by_icalendar if u not in expected)
    assert [d.hour for d in by_vobject[series_uid]] == [6, 6, 6, 6, 7, 7]
    assert by_vobject[series_uid] == by_icalendar[series_uid]


def test_uid_is_stable_and_sequence_grows_with_each_change(ctx: AppContext) -> None:
    with ctx.db.write() as s:
        b = add_booking(s, "Opptak", "2026-05-05T10:00", "2026-05-05T11:00")
        booking_id = b.id

    def event() -> icalendar.Event:
        return icalendar.Calendar.from_ical(_export(ctx)).walk("VEVENT")[0]

    first = event()
    from helsestudio.models import Booking

    for change in ({"title": "Opptak del 1"}, {"state": "avlyst"}):
        with ctx.db.write() as s:
            edit(s.get(Booking, booking_id), **change)
    last = event()
    assert str(first["UID"]) == str(last["UID"])
    assert (int(first["SEQUENCE"]), int(last["SEQUENCE"])) == (0, 2)
    assert str(last["STATUS"]) == "CANCELLED"


def test_course_sessions_outside_the_studio_are_exported_with_stable_uid(ctx: AppContext) -> None:
    from helsestudio.models import CourseSession, CourseType

    with ctx.db.write() as s:
        kind = CourseType(code="NODNETT-RT", name="Nødnett brukerkurs radioterminal", validity_months=24)
        s.add(kind)
        s.flush()
        studio = add_booking(s, "Kurs i studio", "2026-06-02T09:00", "2026-06-02T12:00")
        s.add_all([
            CourseSession(course_type_id=kind.id, start=datetime(2026, 6, 3, 7, tzinfo=UTC),
                          end=datetime(2026, 6, 3, 14, tzinfo=UTC), place="AMK Bergen", capacity=12),
            CourseSession(course_type_id=kind.id, start=datetime(2026, 6, 2, 7, tzinfo=UTC),
                          end=datetime(2026, 6, 2, 10, tzinfo=UTC), booking_id=studio.id),
        ])
    cal = icalendar.Calendar.from_ical(_export(ctx))
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Kurs i studio", "Nødnett brukerkurs radioterminal"}
    session_event = events["Nødnett brukerkurs radioterminal"]
    assert str(session_event["UID"]).startswith("kurs-") and str(session_event["LOCATION"]) == "AMK Bergen"
    assert session_event["CATEGORIES"].cats == ["Kurs"]
    only_sessions = icalendar.Calendar.from_ical(_export(ctx, categories=frozenset({"kurs"})))
    assert [str(e["SUMMARY"]) for e in only_sessions.walk("VEVENT")] == ["Nødnett brukerkurs radioterminal"]
    regut = icalendar.Calendar.from_ical(_export(ctx, categories=frozenset({"regut"})))
    assert [str(e["SUMMARY"]) for e in regut.walk("VEVENT")] == ["Kurs i studio"]


def test_r5_series_built_by_the_booking_service_exports_right_across_dst(ctx: AppContext) -> None:
    """The real series service: Langfredag skipped, one Friday cancelled, one moved; both parsers
    see every remaining meeting at 08:00 Oslo (07:00 UTC before 28 March 2027, 06:00 after)."""
    from helsestudio.services import series as series_service

    made = series_service.create_fredagsmote_series(ctx, date(2027, 3, 5), date(2027, 4, 16))
    with ctx.db.read() as s:
        from helsestudio.models import Booking, BookingSeries

        uid = s.get(BookingSeries, made.series_id).uid
        by_day = {b.occurrence_date: b.id for b in s.query(Booking).filter_by(series_id=made.series_id)}
    assert date(2027, 3, 26) not in by_day  # Langfredag
    first = _instants_icalendar(_export(ctx, "2027-01-01", "2027-12-31"))[uid]
    series_service.cancel_occurrence(ctx, by_day[date(2027, 4, 2)], "Påskeferie")
    series_service.move_occurrence(ctx, by_day[date(2027, 3, 12)],
                                   datetime(2027, 3, 12, 9, tzinfo=UTC), datetime(2027, 3, 12, 10, tzinfo=UTC))
    data = _export(ctx, "2027-01-01", "2027-12-31")
    expected = [datetime(2027, 3, 5, 7, tzinfo=UTC), datetime(2027, 3, 12, 9, tzinfo=UTC),
                datetime(2027, 3, 19, 7, tzinfo=UTC), datetime(2027, 4, 9, 6, tzinfo=UTC),
                datetime(2027, 4, 16, 6, tzinfo=UTC)]
    assert _instants_icalendar(data)[uid] == expected == _instants_vobject(data)[uid]
    assert len(first) == 6
    master = next(e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
                  if str(e["UID"]) == uid and "RRULE" in e)
    assert int(master["SEQUENCE"]) >= 2
    cancelled_only = icalendar.Calendar.from_ical(_export(ctx, "2027-01-01", "2027-12-31",
                                                          states=frozenset({"avlyst"})))
    assert not cancelled_only.walk("VEVENT")  # the cancelled Friday is an EXDATE, not an event


def test_uid_stable_and_sequence_grows_through_the_booking_service(ctx: AppContext) -> None:
    from helsestudio.services import bookings

    row = bookings.request_booking(ctx, bookings.BookingRequest(
        title="Opptak", category="produksjon", start=datetime(2027, 5, 4, 8, tzinfo=UTC),
        end=datetime(2027, 5, 4, 9, tzinfo=UTC)))

    def event() -> icalendar.Event:
        return icalendar.Calendar.from_ical(_export(ctx, "2027-05-01", "2027-05-31")).walk("VEVENT")[0]

    seen = [event()]
    bookings.confirm_booking(ctx, row.id)
    seen.append(event())
    bookings.move_booking(ctx, row.id, datetime(2027, 5, 4, 10, tzinfo=UTC), datetime(2027, 5, 4, 11, tzinfo=UTC))
    seen.append(event())
    assert len({str(e["UID"]) for e in seen}) == 1
    sequences = [int(e["SEQUENCE"]) for e in seen]
    assert sequences == sorted(sequences) and len(set(sequences)) == 3
    assert [str(e["STATUS"]) for e in seen] == ["TENTATIVE", "CONFIRMED", "CONFIRMED"]
    assert seen[-1]["DTSTART"].dt.astimezone(UTC) == datetime(2027, 5, 4, 10, tzinfo=UTC)


def test_unknown_category_in_the_filter_is_refused(ctx: AppContext) -> None:
    import pytest

    from helsestudio.services.errors import InvalidInput

    with pytest.raises(InvalidInput, match="Ukjent kategori «kirurgi»"):
        _export(ctx, categories=frozenset({"kirurgi"}))
