"""Calendar-file dialogs (issue 6): export a range, save an invitation, import with a preview."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from helsestudio.models import Booking
from helsestudio.services.app import AppContext
from helsestudio.services.ics_invite import invitation
from helsestudio.ui import tasks
from helsestudio.ui.calendar_ics import (
    ExportDialog,
    ImportPreviewDialog,
    mailto_url,
    send_confirmation,
)
from tests.integration.ics_support import add_booking

DATA = Path(__file__).parent.parent / "data" / "ics"


@pytest.fixture
def ctx(sqlite_ctx: AppContext) -> Iterator[AppContext]:
    tasks.set_synchronous(True)
    yield sqlite_ctx
    tasks.set_synchronous(False)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error boxes are modal; record their text instead of blocking the test."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    return shown


def _bookings(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Booking)) or 0


def test_export_dialog_writes_the_chosen_range_and_category(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.write() as s:
        add_booking(s, "RegUt i mars", "2027-03-10T09:00", "2027-03-10T10:00")
        add_booking(s, "Ledermøte i mars", "2027-03-11T09:00", "2027-03-11T10:00", category="ledermote")
        add_booking(s, "RegUt i mai", "2027-05-10T09:00", "2027-05-10T10:00")
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.first_edit.setDate(QDate(2027, 3, 1))
    dialog.last_edit.setDate(QDate(2027, 3, 31))
    dialog.category.setCurrentIndex(dialog.category.findData("regut"))
    target = tmp_path / "mars.ics"
    dialog.export_to(target)
    titles = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert titles == ["RegUt i mars"]
    assert dialog.status.text() == f"Lagret 1 hendelser i {target}"
    dialog.show()
    dialog.grab().save(str(tmp_path / "export_dialog.png"))


def test_export_dialog_refuses_a_reversed_range(qtbot, ctx: AppContext, tmp_path: Path, warnings: list[str]) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.first_edit.setDate(QDate(2027, 3, 31))
    dialog.last_edit.setDate(QDate(2027, 3, 1))
    dialog.export_to(tmp_path / "x.ics")
    assert warnings == ["Til-datoen er før fra-datoen: snu dem"] and not (tmp_path / "x.ics").exists()


def test_send_confirmation_saves_request_and_builds_mail_link(qtbot, ctx: AppContext, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              warnings: list[str]) -> None:
    with ctx.db.write() as s:
        confirmed = add_booking(s, "Webinar", "2027-03-10T09:00", "2027-03-10T10:00",
                                organizer_contact="kari@example.no", organizer_name="Kari")
        requested = add_booking(s, "Ikke bekreftet", "2027-03-11T09:00", "2027-03-11T10:00",
                                state="forespurt")
        confirmed_id, requested_id = confirmed.id, requested.id
    saved: list[tuple[Path, str]] = []
    send_confirmation(None, ctx, confirmed_id, path=tmp_path / "inv.ics", open_mail=False,
                      on_saved=lambda p, inv: saved.append((p, inv.method)))
    assert saved == [(tmp_path / "inv.ics", "REQUEST")]
    assert str(icalendar.Calendar.from_ical((tmp_path / "inv.ics").read_bytes())["METHOD"]) == "REQUEST"
    url = mailto_url(invitation(ctx, confirmed_id), tmp_path / "inv.ics").toString()
    assert url.startswith("mailto:kari@example.no?subject=Bekreftet") and "inv.ics" in url
    send_confirmation(None, ctx, requested_id, path=tmp_path / "no.ics", open_mail=False)
    assert "fortsatt forespurt" in warnings[0] and not (tmp_path / "no.ics").exists()


def test_import_preview_shows_on_time_and_conflicts_then_imports(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.write() as s:
        add_booking(s, "Bekreftet kurs", "2027-03-10T11:00", "2027-03-10T12:00")
    data = (DATA / "outlook_windows_tz_without_vtimezone.ics").read_bytes()
    dialog = ImportPreviewDialog(ctx, data, date(2027, 1, 1), date(2027, 12, 31))
    qtbot.addWidget(dialog)
    model = dialog.rows
    assert model.rowCount() == 2 and _bookings(ctx) == 1  # nothing saved by the preview
    cells = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(2)]
    assert cells[0][2] == "RegUt: Luftveishåndtering" and cells[0][5] == "ja"
    assert cells[0][6].endswith("Bekreftet kurs 11:00–12:00") and cells[1][6] == "–"
    assert "2 blir forespørsler (0 for sent, 1 med konflikt)" in dialog.summary.text()
    dialog.show()
    dialog.grab().save(str(tmp_path / "import_preview.png"))
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert dialog.result_value is not None and dialog.result_value.requests == 2
    assert _bookings(ctx) == 3


def test_import_preview_cancel_writes_nothing_and_broken_file_is_explained(qtbot, ctx: AppContext,  # type: ignore[no-untyped-def]
                                                                            warnings: list[str]) -> None:
    dialog = ImportPreviewDialog(ctx, (DATA / "google_x_wr_timezone.ics").read_bytes(),
                                 date(2027, 1, 1), date(2027, 12, 31))
    qtbot.addWidget(dialog)
    assert dialog.skipped.rowCount() == 3
    dialog.reject()
    assert _bookings(ctx) == 0
    broken = ImportPreviewDialog(ctx, (DATA / "broken_truncated.ics").read_bytes(),
                                 date(2027, 1, 1), date(2027, 12, 31))
    qtbot.addWidget(broken)
    assert "avkortet" in warnings[0] and not broken.import_button.isEnabled()


def test_import_preview_window_can_be_changed(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportPreviewDialog(ctx, (DATA / "thunderbird_series.ics").read_bytes(),
                                 date(2027, 1, 1), date(2027, 12, 31))
    qtbot.addWidget(dialog)
    assert dialog.rows.rowCount() == 5
    dialog.first_edit.setDate(QDate(2027, 3, 9))
    dialog.last_edit.setDate(QDate(2027, 3, 24))
    dialog._change_window()
    assert dialog.rows.rowCount() == 2 and "2 forekomster" in dialog.summary.text()
