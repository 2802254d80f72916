"""Property test of the event builder (issue 6): any title/notes/time survives both parsers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from helsestudio.services.ics_vevent import EventData, build_event, new_calendar

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"), max_size=120)
# Instants over three years, so both DST changes of each year are crossed.
INSTANT = st.integers(0, 3 * 365 * 24 * 4).map(
    lambda q: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=15 * q))


@settings(max_examples=60, deadline=None)
@given(title=TEXT, notes=TEXT, start=INSTANT, minutes=st.integers(15, 600), seq=st.integers(0, 50))
def test_any_event_reads_back_identically_in_icalendar_and_vobject(
        title: str, notes: str, start: datetime, minutes: int, seq: int) -> None:
    data = EventData(uid="prop@helsestudio", sequence=seq, state="bekreftet", title=title.strip() or "x",
                     start=start, end=start + timedelta(minutes=minutes), category_name="RegUt, kurs",
                     platform_name="Teams", participants=None, assist_requested=False, assigned_to=None,
                     organizer_name="Åse; «test»", organizer_unit="", notes=notes, stamp=start)
    cal = new_calendar()
    cal.add_component(build_event(data))
    raw = cal.to_ical()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded by icalendar
    ev = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert ev["DTSTART"].dt == start and ev["DTEND"].dt == data.end
    assert str(ev["SUMMARY"]) == data.title and int(ev["SEQUENCE"]) == seq
    assert str(ev["DESCRIPTION"]).endswith(notes) if notes.strip() else True
    other = vobject.readOne(raw.decode("utf-8")).vevent
    assert other.dtstart.value.astimezone(UTC) == start
    assert other.dtend.value.astimezone(UTC) == data.end
    assert other.summary.value == data.title
