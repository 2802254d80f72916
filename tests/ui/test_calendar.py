"""The calendar page driven through real widgets (pytest-qt, offscreen, SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import count

import icalendar
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QGroupBox

from helsestudio.models import Booking
from helsestudio.services.app import AppContext
from helsestudio.services.timeutil import oslo_datetime
from helsestudio.ui import tasks
from helsestudio.ui.calendar.booking_dialog import BookingDialog
from helsestudio.ui.calendar.displacement_dialog import DisplacementDialog
from helsestudio.ui.calendar.painting import day_long
from helsestudio.ui.calendar.request_dialog import RequestDialog, to_qt
from helsestudio.ui.calendar_ics import ImportPreviewDialog
from helsestudio.ui.pages.calendar_page import CalendarPage

# «Now» is a Tuesday 10:30 a week or more ahead of the real clock: the booking services
# compare with the real time (no slots in the past), so test dates must be in the future.
_today = datetime.now(UTC).date()
TUE = _today + timedelta(days=7 + (1 - _today.weekday()) % 7)
NOW = oslo_datetime(TUE, time(10, 30)).astimezone(UTC)
AHEAD = TUE + timedelta(days=35)  # a Tuesday far enough ahead for on-time requests (R2)
_ids = count(1)


def add(ctx: AppContext, title: str, day: date, start: str, end: str, *, state: str = "bekreftet",
        category: str = "regut", received: datetime | None = None, assist: bool = False,
        platform: str = "teams", participants: int = 10) -> int:
    s = oslo_datetime(day, time.fromisoformat(start))
    e = oslo_datetime(day, time.fromisoformat(end))
    with ctx.db.write() as session:
        b = Booking(room_id=1, title=title, category_code=category, state=state, start=s, end=e,
                    blocked_until=e + timedelta(minutes=15) if state == "bekreftet" else None,
                    participants=participants, platform_code=platform, assist_requested=assist,
                    organizer_name="Kari Testesen", received_at=received or s - timedelta(days=40),
                    uid=f"t{next(_ids)}@test")
        session.add(b)
        session.flush()
        return b.id


def state_of(ctx: AppContext, booking_id: int) -> str:
    with ctx.db.read() as session:
        return session.get(Booking, booking_id).state


@pytest.fixture
def page(qtbot, sqlite_ctx: AppContext) -> Iterator[CalendarPage]:  # type: ignore[no-untyped-def]
    tasks.set_synchronous(True)
    p = CalendarPage(sqlite_ctx, now=lambda: NOW)
    p.resize(1300, 800)
    qtbot.addWidget(p)
    p.show()
    yield p
    tasks.set_synchronous(False)


def test_keyboard_navigates_and_switches_views_with_norwegian_labels(page: CalendarPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = page.view
    assert view.mode == "week" and view.current == TUE
    view.set_date(date(2026, 3, 24))  # the week in which summer time starts
    assert view.label.text() == "uke 13 · 23.–29. mars 2026"
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current == date(2026, 3, 31)
    assert view.label.text() == "uke 14 · 30. mars – 5. april 2026"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current == date(2026, 3, 30)
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert view.mode == "day" and view.label.text() == "mandag 30. mars 2026"
    assert view.time_grid.days == [date(2026, 3, 30)]
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current == date(2026, 3, 29)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert view.mode == "month" and view.label.text() == "mars 2026"
    assert view.stack.currentWidget() is view.month_grid
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert view.current == TUE
    qtbot.keyClick(view, Qt.Key.Key_W)
    assert view.mode == "week" and len(view.time_grid.days) == 7


def test_week_switch_loads_that_weeks_bookings(page: CalendarPage, sqlite_ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    add(sqlite_ctx, "Denne uka", TUE + timedelta(days=1), "09:00", "10:00")
    add(sqlite_ctx, "Neste uke", TUE + timedelta(days=8), "09:00", "10:00")
    page.reload()
    assert [r.title for r in page.view.rows] == ["Denne uka"]
    page.view.next_button.click()
    assert [r.title for r in page.view.rows] == ["Neste uke"]


def test_dst_week_keeps_0800_meetings_at_the_same_height(page: CalendarPage, sqlite_ctx: AppContext) -> None:
    """Domain: «daylight-saving changes must not move a 08:00 meeting» (Friday before, Monday after)."""
    before = add(sqlite_ctx, "Fredagsmøte", date(2026, 3, 27), "08:00", "09:00", category="fredagsmote")
    after = add(sqlite_ctx, "Mandag", date(2026, 3, 30), "08:00", "09:00")
    page.view.set_date(date(2026, 3, 27))
    page.reload()
    page.view.time_grid.repaint()
    friday = page.view.time_grid.booking_rect(before)
    page.view.set_date(date(2026, 3, 30))
    page.view.time_grid.repaint()
    monday = page.view.time_grid.booking_rect(after)
    assert friday is not None and monday is not None
    assert friday.top() == monday.top() and friday.height() == monday.height()


def test_range_selection_opens_request_dialog_that_validates_as_you_type(page: CalendarPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    grid = page.view.time_grid
    day = AHEAD
    page.view.set_date(day)
    grid.repaint()
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=grid.slot_point(day, 10 * 60).toPoint())
    qtbot.mouseMove(grid, grid.slot_point(day, 11 * 60 + 30).toPoint())
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=grid.slot_point(day, 11 * 60 + 30).toPoint())
    dialog = page.actions.active_dialog
    assert isinstance(dialog, RequestDialog)
    values = dialog.values()
    assert values["start"] == oslo_datetime(day, time(10, 0))
    assert values["end"] == oslo_datetime(day, time(11, 30))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "tittel" in dialog.message.text()
    qtbot.keyClicks(dialog.title_edit, "RegUt: Traumekurs")
    assert ok.isEnabled()
    assert dialog.lead.text().startswith("I tide")  # received «now», 35 days ahead (R2)
    dialog.platform.setCurrentIndex(dialog.platform.findData("2meet"))
    dialog.participants.setValue(51)
    assert not ok.isEnabled()
    assert "R7" in dialog.message.text() and "Velg Microsoft Teams" in dialog.message.text()
    dialog.reject()


def test_request_dialog_sends_a_request_into_the_database(page: CalendarPage, sqlite_ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    day = AHEAD
    page.actions.new_request(oslo_datetime(day, time(12, 0)), oslo_datetime(day, time(13, 0)))
    dialog = page.actions.active_dialog
    assert isinstance(dialog, RequestDialog)
    qtbot.keyClicks(dialog.title_edit, "Webinar: Nødnett")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    pending = page.pending.model.rows()
    assert [r.title for r in pending] == ["Webinar: Nødnett"] and pending[0].state == "forespurt"
    assert "registrert" in page.message.text()


def test_r3_confirm_through_the_ui_displaces_and_moves_in_one_click(
        page: CalendarPage, sqlite_ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    day = AHEAD
    low = add(sqlite_ctx, "Opptak", day, "10:00", "11:00", category="produksjon",
              received=NOW - timedelta(days=1))
    high = add(sqlite_ctx, "RegUt: Akuttkurs", day, "10:00", "11:00", state="forespurt",
               received=NOW - timedelta(days=2))
    page.reload()
    page.actions.open_booking(high)
    dialog = page.actions.active_dialog
    assert isinstance(dialog, BookingDialog)
    dialog.confirm_button.click()
    assert state_of(sqlite_ctx, high) == "bekreftet"
    assert state_of(sqlite_ctx, low) == "fortrengt"
    shown = page.actions.displacement
    assert isinstance(shown, DisplacementDialog) and shown.slot_buttons
    assert any("Opptak" in box.title() for box in shown.findChildren(QGroupBox))
    shown.slot_buttons[0].click()
    assert state_of(sqlite_ctx, low) == "bekreftet"
    assert "flyttet" in page.message.text()


def test_decline_needs_a_reason_in_the_dialog(page: CalendarPage, sqlite_ctx: AppContext) -> None:
    req = add(sqlite_ctx, "Sen forespørsel", TUE + timedelta(days=2), "13:00", "14:00", state="forespurt",
              received=NOW)
    page.actions.open_booking(req)
    dialog = page.actions.active_dialog
    assert isinstance(dialog, BookingDialog)
    dialog.decline_button.click()
    assert "begrunnelse" in dialog.message.text() and state_of(sqlite_ctx, req) == "forespurt"
    dialog.reason.setText("Studioet er opptatt med vedlikehold")
    dialog.decline_button.click()
    assert state_of(sqlite_ctx, req) == "avslått"


def test_r2_pending_list_puts_on_time_requests_first_oldest_first(page: CalendarPage, sqlite_ctx: AppContext) -> None:
    late = add(sqlite_ctx, "Sen", TUE + timedelta(days=7), "09:00", "10:00", state="forespurt",
               received=NOW - timedelta(days=10))
    old = add(sqlite_ctx, "Gammel i tide", AHEAD, "09:00", "10:00", state="forespurt",
              received=NOW - timedelta(days=5))
    new = add(sqlite_ctx, "Ny i tide", AHEAD - timedelta(days=1), "09:00", "10:00", state="forespurt",
              received=NOW - timedelta(days=1))
    page.reload()
    assert [r.id for r in page.pending.model.rows()] == [old, new, late]
    marks = [page.pending.model.data(page.pending.model.index(i, 2)) for i in range(3)]
    assert marks == ["", "", "sen"]


def test_r8_today_panel_warns_about_unassigned_assistance(page: CalendarPage, sqlite_ctx: AppContext) -> None:
    add(sqlite_ctx, "Ledermøte", TUE, "13:00", "14:00", category="ledermote", assist=True)
    page.reload()
    assert [r.title for r in page.today.model.rows()] == ["Ledermøte"]
    assert "ingen er tildelt" in page.today.warnings.text()
    assert page.today.model.data(page.today.model.index(0, 2)) == "⚠ ikke tildelt"


def test_r6_crisis_banner_appears_in_the_main_window(qtbot, sqlite_ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from helsestudio.services import studio_policy
    from helsestudio.ui.main_window import MainWindow

    tasks.set_synchronous(True)
    try:
        window = MainWindow(sqlite_ctx)
        qtbot.addWidget(window)
        window.show()
        assert not window.crisis_banner.isVisible()
        studio_policy.crisis_on(sqlite_ctx, "Storulykke i Bergen sentrum", "ledermote,regut")
        window.show_page("innstillinger")  # visible on every page, not only the calendar
        window.crisis_banner.refresh()
        assert window.crisis_banner.isVisible()
        assert "Storulykke" in window.crisis_banner.text()
        assert "Ledermøte nivå 2/3 › RegUt" in window.crisis_banner.text()
        studio_policy.crisis_off(sqlite_ctx)
        window.crisis_banner.refresh()
        assert not window.crisis_banner.isVisible()
    finally:
        tasks.set_synchronous(False)


def test_day_plan_pdf_lists_the_days_bookings(page: CalendarPage, sqlite_ctx: AppContext, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    add(sqlite_ctx, "RegUt: Veiledning", TUE, "09:30", "11:00", assist=True)
    page.reload()
    target = tmp_path / "dagsplan.pdf"
    page.save_pdf(target)
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "Dagsplan Studio 2037" in text and day_long(TUE) in text
    assert "RegUt: Veiledning" in text and "IKKE TILDELT" in text
    page.print_day_plan()  # the print preview opens without blocking
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    previews = page.findChildren(QPrintPreviewDialog)
    assert previews and previews[0].isVisible()
    previews[0].close()


def test_loading_a_week_does_not_block_the_ui(qtbot, sqlite_ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    add(sqlite_ctx, "Bakgrunn", TUE + timedelta(days=1), "09:00", "10:00")
    tasks.set_synchronous(False)
    page = CalendarPage(sqlite_ctx, now=lambda: NOW)
    qtbot.addWidget(page)
    assert page.view.rows == []  # the constructor returned before the data arrived
    qtbot.waitUntil(lambda: [r.title for r in page.view.rows] == ["Bakgrunn"], timeout=3000)


def test_double_click_on_a_booking_opens_it(page: CalendarPage, sqlite_ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    bid = add(sqlite_ctx, "Dobbeltklikk meg", TUE + timedelta(days=1), "09:00", "10:30")
    page.reload()
    grid = page.view.time_grid
    grid.repaint()
    rect = grid.booking_rect(bid)
    assert rect is not None
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y())))
    dialog = page.actions.active_dialog
    assert isinstance(dialog, BookingDialog) and dialog.row.id == bid
    dialog.close()
    page.actions.active_dialog = None
    qtbot.keyClick(page.view, Qt.Key.Key_Return)  # the clicked booking stays selected: Enter opens it
    assert isinstance(page.actions.active_dialog, BookingDialog) and page.actions.active_dialog.row.id == bid


def test_r9_request_dialog_shows_the_services_refusal_for_a_holiday(page: CalendarPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    holiday = date(2027, 5, 17)  # Grunnlovsdag, a Monday
    page.actions.new_request(oslo_datetime(holiday, time(10, 0)), oslo_datetime(holiday, time(11, 0)))
    dialog = page.actions.active_dialog
    assert isinstance(dialog, RequestDialog)
    qtbot.keyClicks(dialog.title_edit, "RegUt: Kurs på 17. mai")
    dialog.run_service_check()  # what the typing timer triggers
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "R9" in dialog.message.text() and "helligdag" in dialog.message.text()
    assert not ok.isEnabled()
    later = oslo_datetime(holiday + timedelta(days=1), time(10, 0))
    dialog.start_edit.setDateTime(to_qt(later))
    dialog.end_edit.setDateTime(to_qt(later + timedelta(hours=1)))
    dialog.run_service_check()
    assert ok.isEnabled() and "R9" not in dialog.message.text()


def test_booking_dialog_saves_the_organisers_calendar_file(page: CalendarPage, sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
                                                           qtbot, tmp_path, monkeypatch) -> None:
    """Issue 6 from the calendar: a confirmed booking's dialog saves METHOD:REQUEST for Outlook."""
    confirmed = add(sqlite_ctx, "RegUt: bekreftet", AHEAD, "09:00", "10:00")
    requested = add(sqlite_ctx, "RegUt: venter", AHEAD, "12:00", "13:00", state="forespurt")
    target = tmp_path / "bekreftelse.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.actions.open_booking(requested)
    assert not page.actions.active_dialog.invite_button.isEnabled()  # nothing to send for a request yet
    page.actions.open_booking(confirmed)
    dialog = page.actions.active_dialog
    assert isinstance(dialog, BookingDialog) and dialog.invite_button.isEnabled()
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)  # no mail client in tests
    qtbot.mouseClick(dialog.invite_button, Qt.MouseButton.LeftButton)
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(cal["METHOD"]) == "REQUEST"
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["RegUt: bekreftet"]
    assert str(target) in page.message.text()


def test_calendar_files_menu_imports_requests_after_the_preview(page: CalendarPage, sqlite_ctx: AppContext,  # type: ignore[no-untyped-def]
                                                                 tmp_path, monkeypatch) -> None:
    """Issue 6 from the calendar: «Kalenderfiler → Importer» previews, then creates requests."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//")
    cal.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", "import-fra-kalender@test")
    event.add("summary", "RegUt: Webinar om legemidler")
    event.add("dtstart", oslo_datetime(AHEAD, time(13, 0)))
    event.add("dtend", oslo_datetime(AHEAD, time(14, 0)))
    cal.add_component(event)
    source = tmp_path / "invitasjon.ics"
    source.write_bytes(cal.to_ical())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    previews: list[str] = []

    def accept_after_preview(dialog: ImportPreviewDialog) -> int:
        previews.append(dialog.summary.text())
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept_after_preview)
    assert page.ics_button.menu().actions() == [page.ics_export_action, page.ics_import_action]
    page.ics_import_action.trigger()
    assert previews and "1 blir forespørsler" in previews[0]
    with sqlite_ctx.db.read() as session:
        titles = {b.title: b.state for b in session.query(Booking)}
    assert titles == {"RegUt: Webinar om legemidler": "forespurt"}
    assert "Importerte 1 forespørsler" in page.message.text()
    assert [r.title for r in page.pending.model.rows()] == ["RegUt: Webinar om legemidler"]


def test_side_panels_keep_the_title_readable_when_narrow(page: CalendarPage, sqlite_ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 1280 px the side panels are ~280 px wide: the title must not be squeezed to «…»."""
    add(sqlite_ctx, "Ledermøte nivå 2 med lang tittel", TUE, "13:00", "14:00", category="ledermote", assist=True)
    add(sqlite_ctx, "RegUt: Akuttmedisin", AHEAD, "09:00", "10:00", state="forespurt")
    page.reload()
    for panel in (page.today, page.pending):
        panel.table.resize(280, 200)
        panel.table.fit_title()  # type: ignore[attr-defined]
        header = panel.table.horizontalHeader()
        assert header.sectionSize(1) >= 110
        assert header.sectionPosition(1) + header.sectionSize(1) <= 280 + 1
