"""Issue 7 in the calendar: the booking dialog is open, another PC saves the same booking, and
the action in the dialog asks «Last inn på nytt / Overskriv / Avbryt» instead of overwriting.

Real widgets (pytest-qt, offscreen) on a SQLite file; the other PC is a second AppContext.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest

from helsestudio.services import bookings, users
from helsestudio.services.app import AppContext
from helsestudio.services.timeutil import oslo_datetime
from helsestudio.ui import tasks
from helsestudio.ui.calendar.booking_dialog import BookingDialog
from helsestudio.ui.conflict_dialog import ConflictBox
from helsestudio.ui.pages.calendar_page import CalendarPage

_today = datetime.now(UTC).date()
TUE = _today + timedelta(days=7 + (1 - _today.weekday()) % 7)
NOW = oslo_datetime(TUE, time(10, 30)).astimezone(UTC)
AHEAD = TUE + timedelta(days=35)  # far enough ahead for an on-time request (R2)


@pytest.fixture
def page(qtbot, sqlite_ctx: AppContext) -> Iterator[CalendarPage]:  # type: ignore[no-untyped-def]
    tasks.set_synchronous(True)
    p = CalendarPage(sqlite_ctx, now=lambda: NOW)
    p.resize(1300, 800)
    qtbot.addWidget(p)
    p.show()
    yield p
    tasks.set_synchronous(False)


@pytest.fixture
def other_pc(sqlite_url: str, sqlite_ctx: AppContext) -> Iterator[AppContext]:
    """Kari's PC on the same database."""
    users.add_user(sqlite_ctx, "kari", "superbruker")
    ctx = AppContext.open(sqlite_url)
    ctx.username = "kari"
    yield ctx
    ctx.close()


def _request(ctx: AppContext) -> int:
    return bookings.request_booking(ctx, bookings.BookingRequest(
        title="RegUt: Akuttkurs", category="regut", start=oslo_datetime(AHEAD, time(10, 0)),
        end=oslo_datetime(AHEAD, time(11, 0)), participants=10, platform="teams",
        received_at=NOW - timedelta(days=1))).id


def _open(page: CalendarPage, booking_id: int) -> BookingDialog:
    page.actions.open_booking(booking_id)
    dialog = page.actions.active_dialog
    assert isinstance(dialog, BookingDialog) and dialog.row.version == 1
    return dialog


def _confirm_after_kari_renamed(page: CalendarPage, ctx: AppContext,
                                other_pc: AppContext) -> tuple[int, BookingDialog, ConflictBox]:
    booking_id = _request(ctx)
    dialog = _open(page, booking_id)
    bookings.edit_booking(other_pc, booking_id, expected_version=1, title="Karis tittel")
    dialog.confirm_button.click()
    box = page.actions.conflict
    assert isinstance(box, ConflictBox) and box.isVisible()
    assert "endret av kari" in box.text() and "kl." in box.text()
    assert [b.text() for b in (box.reload_button, box.overwrite_button, box.cancel_button)] == [
        "Last inn på nytt", "Overskriv", "Avbryt"]
    assert bookings.show_booking(ctx, booking_id).state == "forespurt"  # nothing written yet
    return booking_id, dialog, box


def test_version_reload_reopens_the_booking_with_the_other_pcs_change(
        page: CalendarPage, sqlite_ctx: AppContext, other_pc: AppContext) -> None:
    booking_id, old, box = _confirm_after_kari_renamed(page, sqlite_ctx, other_pc)
    box.reload_button.click()
    fresh = page.actions.active_dialog
    assert isinstance(fresh, BookingDialog) and fresh is not old
    assert (fresh.row.title, fresh.row.version) == ("Karis tittel", 2)
    assert bookings.show_booking(sqlite_ctx, booking_id).state == "forespurt"
    fresh.confirm_button.click()  # the reloaded dialog acts on the current version
    assert bookings.show_booking(sqlite_ctx, booking_id).state == "bekreftet"


def test_version_overwrite_repeats_the_action_on_the_current_version(
        page: CalendarPage, sqlite_ctx: AppContext, other_pc: AppContext) -> None:
    booking_id, _, box = _confirm_after_kari_renamed(page, sqlite_ctx, other_pc)
    box.overwrite_button.click()
    now = bookings.show_booking(sqlite_ctx, booking_id)
    assert (now.state, now.title, now.version) == ("bekreftet", "Karis tittel", 3)
    assert page.actions.active_dialog is None and "bekreftet" in page.message.text()


def test_version_cancel_writes_nothing_and_says_so(
        page: CalendarPage, sqlite_ctx: AppContext, other_pc: AppContext) -> None:
    booking_id, dialog, box = _confirm_after_kari_renamed(page, sqlite_ctx, other_pc)
    box.cancel_button.click()
    now = bookings.show_booking(sqlite_ctx, booking_id)
    assert (now.state, now.version) == ("forespurt", 2)
    assert page.actions.active_dialog is dialog and "Ingenting er lagret" in dialog.message.text()


def test_version_overwriting_an_edit_keeps_the_other_pcs_untouched_fields(
        page: CalendarPage, sqlite_ctx: AppContext, other_pc: AppContext) -> None:
    """The dialog saves only what was changed in it: Kari's new participant count stands."""
    booking_id = _request(sqlite_ctx)
    dialog = _open(page, booking_id)
    bookings.edit_booking(other_pc, booking_id, expected_version=1, participants=25)
    dialog.title_edit.setText("RegUt: Akuttkurs (flyttet rom)")
    dialog.save_button.click()
    box = page.actions.conflict
    assert isinstance(box, ConflictBox) and "endret av kari" in box.text()
    assert bookings.show_booking(sqlite_ctx, booking_id).title == "RegUt: Akuttkurs"
    box.overwrite_button.click()
    now = bookings.show_booking(sqlite_ctx, booking_id)
    assert (now.title, now.participants, now.version) == ("RegUt: Akuttkurs (flyttet rom)", 25, 3)


def test_r7_dialog_edit_beyond_the_platform_is_refused_in_the_dialog(
        page: CalendarPage, sqlite_ctx: AppContext) -> None:
    booking_id = _request(sqlite_ctx)
    dialog = _open(page, booking_id)
    dialog.platform_edit.setCurrentIndex(dialog.platform_edit.findData("2meet"))
    dialog.participants_edit.setValue(80)
    dialog.save_button.click()
    assert page.actions.conflict is None
    assert dialog.message.text().startswith("R7") and bookings.show_booking(
        sqlite_ctx, booking_id).version == 1
