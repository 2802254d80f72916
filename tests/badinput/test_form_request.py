"""Bad input in «Ny forespørsel» (ui/calendar/request_dialog.py), driven through its widgets.

The dialog is wired as the calendar wires it (booking_actions.py): the service's
check as you type, and a send that saves through `request_booking` and keeps
the form open until that worked. For each example one field gets a value from
the matrix, then «Send forespørsel» is clicked: either the request is stored
cleanly and the form closes, or the form stays open with a Norwegian message
and nothing is written. Both databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from helsestudio.models import Booking
from helsestudio.services.app import AppContext
from helsestudio.services.bookings import BookingRequest, check_request, request_booking
from helsestudio.services.calendar_queries import load_meta
from helsestudio.services.timeutil import oslo_datetime
from helsestudio.ui import tasks
from helsestudio.ui.calendar.request_dialog import _OSLO_QT, RequestDialog
from tests.badinput import nasty

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
DATETIMES = [(2027, 3, 28, 2, 30), (2026, 10, 25, 2, 30), (2027, 3, 10, 0, 0), (2027, 3, 10, 23, 59),
             (1752, 9, 14, 0, 0), (9999, 12, 31, 23, 59), (2027, 3, 10, 9, 0), (2026, 11, 20, 9, 0),
             (1900, 1, 1, 0, 0), (2199, 12, 31, 12, 0)]
TEXT_FIELDS = ("title_edit", "organizer", "unit", "contact", "notes")


@pytest.fixture
def synchronous() -> Iterator[None]:
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


def _dialog(ctx: AppContext) -> RequestDialog:
    with ctx.db.read() as session:
        meta = load_meta(session)
    start = oslo_datetime(datetime(2027, 3, 10).date(), datetime.min.time().replace(hour=10))
    end = oslo_datetime(datetime(2027, 3, 10).date(), datetime.min.time().replace(hour=11))

    def check(values: dict[str, Any]) -> None:
        with ctx.db.read() as session:
            check_request(session, BookingRequest(**values))

    def send(values: dict[str, Any]) -> None:
        tasks.run_task(lambda: request_booking(ctx, BookingRequest(**values)),
                       lambda _row: dialog.sent(), dialog.send_failed)

    dialog = RequestDialog(meta, start, end, NOW, check=check, send=send)
    dialog.title_edit.setText("Fagdag akuttmedisin")
    return dialog


def _set(dialog: RequestDialog, field: str, value: Any) -> None:
    if field in TEXT_FIELDS:
        widget = getattr(dialog, field)
        (widget.setPlainText if field == "notes" else widget.setText)(value)
    elif field == "participants":
        dialog.participants.lineEdit().setText(value)  # as typed; the spin box may refuse it
        dialog.participants.interpretText()
    else:
        y, mo, d, h, mi = value
        getattr(dialog, field).setDateTime(QDateTime(QDate(y, mo, d), QTime(h, mi), _OSLO_QT))


FIELDS = {
    **{name: nasty.odd_text() for name in TEXT_FIELDS},
    "participants": nasty.odd_number(),
    "start_edit": st.sampled_from(DATETIMES), "end_edit": st.sampled_from(DATETIMES),
    "received": st.sampled_from(DATETIMES),
}


@given(data=st.data())
@nasty.SETTINGS
def test_request_form_with_bad_values(qtbot, ctx: AppContext, synchronous, data) -> None:  # type: ignore[no-untyped-def]
    field = data.draw(st.sampled_from(sorted(FIELDS)), label="field")
    value = data.draw(FIELDS[field], label="value")
    dialog = _dialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _set(dialog, field, value)
    dialog.run_service_check()
    before = nasty.row_counts(ctx)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok.isEnabled():
        ok.click()
    after = nasty.row_counts(ctx)
    message = dialog.message.text()
    event("refused" if dialog.isVisible() else "saved")
    if dialog.isVisible():  # refused: the form stays open and says why, and nothing was written
        assert "✖" in message, f"{field}={value!r}: open without a reason: {message!r}"
        assert "Noe gikk galt" not in message, f"{field}={value!r}: {message!r}"
        assert after == before, f"{field}={value!r} refused but wrote"
    else:
        assert after["bookings"] == before["bookings"] + 1, f"{field}={value!r}: closed, nothing saved"
        with ctx.db.read() as s:
            b = s.scalars(select(Booking).order_by(Booking.id.desc())).first()
            assert b is not None
            for text in (b.title, b.organizer_name, b.organizer_unit, b.organizer_contact):
                assert nasty.clean_stored(text), f"{field}={value!r} stored {text!r}"
            assert "\x00" not in b.notes and "\x1b" not in b.notes
            assert b.start < b.end
    dialog.close()
