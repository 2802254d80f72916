"""The calendar's booking actions: new request, open, confirm/decline/cancel, assign, move, edit.

Every action on an open booking sends the version its dialog showed; when another PC saved
the booking meanwhile the service refuses (ConcurrentEdit) and the superuser chooses in a
ConflictBox: reload, overwrite or cancel. Never a silent overwrite (issue 7).

Dialogs are opened with `open()` (not `exec()`), so the event loop keeps
running and tests can reach `active_dialog`. Services run through `run_task`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from helsestudio.services.app import AppContext
from helsestudio.services.bookings import BookingRequest, request_booking
from helsestudio.services.bookings_check import check_request
from helsestudio.services.calendar_queries import CalendarRow, booking
from helsestudio.services.errors import ConcurrentEdit, NotFound
from helsestudio.services.ics_invite import Invitation
from helsestudio.services.timeutil import oslo_datetime
from helsestudio.ui.calendar.actions import service
from helsestudio.ui.calendar.booking_dialog import BookingDialog
from helsestudio.ui.calendar.displacement_dialog import (
    DisplacedOffer,
    DisplacementDialog,
    slot_text,
)
from helsestudio.ui.calendar.request_dialog import RequestDialog
from helsestudio.ui.calendar_ics import send_confirmation
from helsestudio.ui.conflict_dialog import Choice, ConflictBox
from helsestudio.ui.messages import describe
from helsestudio.ui.tasks import run_task

if TYPE_CHECKING:
    from helsestudio.ui.pages.calendar_page import CalendarPage

# Translated when shown (self.tr in _done).
DONE_NB = {
    "confirm_booking": QT_TRANSLATE_NOOP("BookingActions", "bekreftet"),
    "decline_booking": QT_TRANSLATE_NOOP("BookingActions", "avslått"),
    "cancel_booking": QT_TRANSLATE_NOOP("BookingActions", "avlyst"),
    "assign_assistance": QT_TRANSLATE_NOOP("BookingActions", "tildelt assistanse"),
    "move_booking": QT_TRANSLATE_NOOP("BookingActions", "flyttet"),
}


class BookingActions(QObject):
    def __init__(self, ctx: AppContext, page: CalendarPage) -> None:
        super().__init__(page)
        self._ctx = ctx
        self._page = page
        self.active_dialog: QDialog | None = None
        self.displacement: DisplacementDialog | None = None
        self.conflict: ConflictBox | None = None

    # --- new request ------------------------------------------------------------
    def new_request(self, start: datetime | None, end: datetime | None) -> None:
        if start is None or end is None:
            day = self._page.view.current
            start = oslo_datetime(day, datetime.strptime(self._page.meta.opening[0], "%H:%M").time())
            end = start + timedelta(hours=1)
        dialog = RequestDialog(self._page.meta, start, end, self._page.now(), self._page, self._checker(),
                               send=lambda values: self._send_request(dialog, values))
        self.active_dialog = dialog
        dialog.open()

    def _checker(self) -> Callable[[dict[str, Any]], None]:
        """The service's `check_request` (writes nothing) for validation as the user types."""
        def run(values: dict[str, Any]) -> None:
            with self._ctx.db.read() as session:
                check_request(session, BookingRequest(**values))

        return run

    def _send_request(self, dialog: RequestDialog, values: dict[str, Any]) -> None:
        """Save the request; the dialog stays open until it is saved and says why not (issue 7)."""
        req = BookingRequest(**values)

        def saved(row: Any) -> None:
            dialog.sent()
            self._page.after_change(self.tr("Forespørsel #{id} «{title}» er registrert.").format(
                id=row.id, title=row.title))

        run_task(lambda: request_booking(self._ctx, req), saved, dialog.send_failed)

    # --- an existing booking ------------------------------------------------------
    def open_booking(self, booking_id: int) -> None:
        def load() -> CalendarRow:
            with self._ctx.db.read() as session:
                row = booking(session, booking_id)
            if row is None:
                raise NotFound(self.tr("Booking #{id} finnes ikke lenger: den kan være slettet på en annen PC").format(
                    id=booking_id))
            return row

        run_task(load, self._show_booking, self._error)

    def _show_booking(self, row: CalendarRow) -> None:
        if self.active_dialog is not None:
            self.active_dialog.close()
        dialog = BookingDialog(row, self._page.meta, self._page.assistants, self._page)
        dialog.actionRequested.connect(
            lambda name, args: self.perform(name, row.id, *args, expected_version=row.version))
        dialog.invitationRequested.connect(lambda booking_id: self.send_invitation(dialog, booking_id))
        self.active_dialog = dialog
        dialog.open()

    def send_invitation(self, parent: QWidget, booking_id: int) -> None:
        """Save the REQUEST/CANCEL .ics for the organiser (issue 6) and say where it went."""
        def saved(path: Path, inv: Invitation) -> None:
            kind = self.tr("avlysning") if inv.method == "CANCEL" else self.tr("bekreftelse")
            self._page.message.setText(self.tr("Kalenderfil ({kind}) lagret i {path}").format(
                kind=kind, path=path))

        send_confirmation(parent, self._ctx, booking_id, on_saved=saved)

    def perform(self, name: str, booking_id: int, *args: Any,
                expected_version: int | None = None) -> None:
        """Run an action; `expected_version` is what the dialog showed (None: not from a view)."""
        fn = service(name)

        def failed(exc: Exception) -> None:
            if isinstance(exc, ConcurrentEdit):
                self._ask_after_conflict(exc, name, booking_id, args)
            else:
                self._error(exc)

        run_task(lambda: self._run(name, fn, booking_id, args, expected_version), self._done,
                 failed)

    def _ask_after_conflict(self, exc: ConcurrentEdit, name: str, booking_id: int,
                            args: tuple[Any, ...]) -> None:
        """Another PC saved the booking after the dialog showed it: let the superuser choose."""
        if self.conflict is not None:
            self.conflict.close()
        box = ConflictBox(exc.detail, self.active_dialog or self._page)

        def chosen(choice: str) -> None:
            self.conflict = None
            if choice == Choice.RELOAD or (choice == Choice.OVERWRITE
                                           and exc.current_version is None):
                self._page.reload()
                self.open_booking(booking_id)
            elif choice == Choice.OVERWRITE:
                # Over exactly the change the message named; a newer one asks again.
                self.perform(name, booking_id, *args, expected_version=exc.current_version)
            else:
                nothing = self.tr("Ingenting er lagret; bookingen er endret på en annen PC.")
                if isinstance(self.active_dialog, BookingDialog):
                    self.active_dialog.show_error(nothing)
                self._page.message.setText(nothing)

        box.chosen.connect(chosen)
        self.conflict = box
        box.open()

    def _run(self, name: str, fn: Any, booking_id: int, args: tuple[Any, ...],
             expected_version: int | None = None) -> tuple[str, Any, Any]:
        """Worker thread: the service call, then what the displacement dialog needs."""
        result = fn(self._ctx, booking_id, *args, expected_version=expected_version)
        offers: list[DisplacedOffer] = []
        displaced = getattr(result, "displaced", None) or []
        if displaced:
            from helsestudio.services.bookings_slots import free_slots

            proposed = getattr(result, "suggestions_by_booking", {}) or {}
            with self._ctx.db.read() as session:
                for other_id in displaced:
                    row = booking(session, other_id)
                    if row is None:
                        continue
                    found = proposed[other_id] if other_id in proposed else \
                        free_slots(session, row.end - row.start, row.start)
                    offers.append(DisplacedOffer(row, [(s.start, s.end) for s in found]))
        return name, result, offers

    def _done(self, outcome: tuple[str, Any, list[DisplacedOffer]]) -> None:
        name, result, offers = outcome
        row = getattr(result, "booking", result)
        if self.active_dialog is not None:
            self.active_dialog.accept()
            self.active_dialog = None
        text = self.tr("#{id} «{title}» er {done}.").format(
            id=row.id, title=row.title, done=self.tr(DONE_NB.get(name, QT_TRANSLATE_NOOP("BookingActions", "endret"))))
        if name == "move_booking":
            text = self.tr("#{id} «{title}» er flyttet til {when}.").format(
                id=row.id, title=row.title, when=slot_text(row.start, row.end))
            if self.displacement is not None:
                self.displacement.show_result(text)
        self._page.after_change(text)
        if offers:
            confirmed = self._as_row(row)
            dialog = DisplacementDialog(confirmed, offers, self._page)
            dialog.moveRequested.connect(lambda bid, s, e: self.perform("move_booking", bid, s, e))
            self.displacement = dialog
            dialog.open()

    @staticmethod
    def _as_row(row: Any) -> CalendarRow:
        if isinstance(row, CalendarRow):
            return row
        return CalendarRow(row.id, row.title, row.category, row.state, row.start, row.end, row.participants,
                           row.platform, row.assist_requested, row.assigned_to, row.organizer,
                           getattr(row, "organizer_unit", ""), getattr(row, "received_at", None) or row.start,
                           getattr(row, "version", 1), getattr(row, "series_id", None),
                           getattr(row, "state_reason", ""), getattr(row, "notes", ""))

    def _error(self, exc: Exception) -> None:
        text = describe(exc) if not isinstance(exc, RuntimeError) else str(exc)
        rule = getattr(exc, "rule", None)
        if rule and not text.startswith(rule):
            text = f"{rule}: {text}"
        target = self.displacement if self.displacement is not None and self.displacement.isVisible() \
            else self.active_dialog
        if isinstance(target, (BookingDialog, DisplacementDialog)):
            (target.show_error if isinstance(target, BookingDialog) else target.show_result)(text)
        elif self._page.isVisible():
            QMessageBox.warning(self._page, self.tr("Kunne ikke fullføre"), text)
        self._page.message.setText(text)

