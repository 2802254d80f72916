"""The Kurs page: session working screen, forms that validate as you type, people, import."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from helsestudio.services import (
    course_sessions,
    course_types,
    people,
    person_view,
    qualifications,
    session_view,
)
from helsestudio.services.app import AppContext
from helsestudio.services.course_sessions import SessionInput
from helsestudio.services.course_types import CourseTypeInput
from helsestudio.services.timeutil import parse_datetime
from helsestudio.ui import tasks
from helsestudio.ui.courses.forms import (
    CourseTypeDialog,
    PersonDialog,
    QualificationDialog,
    SessionDialog,
)
from helsestudio.ui.courses.import_dialog import ImportDialog
from helsestudio.ui.courses.page import CoursesPage
from helsestudio.ui.courses.people_view import person_html
from helsestudio.ui.courses.session_page import SessionPage


@pytest.fixture(autouse=True)
def _sync() -> Iterator[None]:
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture
def session_id(sqlite_ctx: AppContext) -> int:
    ctx = sqlite_ctx
    course_types.add_course_type(ctx, CourseTypeInput("INSTR", "Instruktørkurs"))
    course_types.add_course_type(ctx, CourseTypeInput(
        "BRUKER", "Nødnett brukerkurs radioterminal", ("elearning", "attendance"),
        instructor_qualification="INSTR"))
    teacher = people.add_person(ctx, "Ingrid Solvang", "ingrid@example.no")
    qualifications.add_external_qualification(ctx, teacher.id, "INSTR", date(2025, 1, 1), None, "DSB")
    sid = course_sessions.add_session(ctx, SessionInput(
        "BRUKER", parse_datetime("2026-03-03T09:00"), parse_datetime("2026-03-04T15:00"),
        (teacher.id,), place="Studio 2037")).id
    for name in ("Áile Ŋuvvon-Somby", "Zofia Wójcik-Łęcka"):
        course_sessions.enrol(ctx, sid, people.add_person(ctx, name).id)
    return sid


def _ok_enabled(box: QDialogButtonBox | None) -> bool:
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_c2_ticking_attendance_records_it_and_status_says_what_is_missing(
    qtbot, sqlite_ctx: AppContext, session_id: int,  # type: ignore[no-untyped-def]
) -> None:
    page = SessionPage(sqlite_ctx, session_id)
    qtbot.addWidget(page)
    model = page.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == ["Deltaker", "E-læring", "Oppmøte 3.3.", "Oppmøte 4.3.", "Status"]
    assert page.summary.text().startswith("0 av 2 fullført")
    model.setData(model.index(0, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    status = model.data(model.index(0, 4))
    assert "E-læring (forkurs) mangler" in status and "4. mars 2026" in status
    assert model.data(model.index(0, 2), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    page.day_combo.setCurrentIndex(1)
    page.all_present.click()
    detail = session_view.session_detail(sqlite_ctx, session_id)
    # Áile now has both days; Zofia only the second.
    assert [p.eligibility.missing for p in detail.participants] == [
        ["elearning"], ["elearning", "attendance"]]
    assert "Zofia" in model.data(model.index(1, 0))


def test_course_type_form_validates_as_you_type_in_norwegian(
    qtbot, sqlite_ctx: AppContext, session_id: int,  # type: ignore[no-untyped-def]
) -> None:
    dialog = CourseTypeDialog(course_types.list_course_types(sqlite_ctx))
    qtbot.addWidget(dialog)
    assert not _ok_enabled(dialog.box) and "Koden" in dialog.error.text()
    dialog.code.setText("BRUKER")
    assert "allerede brukt" in dialog.error.text()
    dialog.code.setText("SIM-GRUNN")
    dialog.name.setText("Grunnkurs i simulering")
    assert _ok_enabled(dialog.box) and dialog.error.text() == ""
    dialog.attendance.setChecked(False)
    assert not _ok_enabled(dialog.box) and "minst én komponent" in dialog.error.text()
    dialog.elearning.setChecked(True)
    dialog.outcomes.setPlainText("Kan lede en simulering\nKan lede debrifing")
    data = dialog.data()
    assert data.requires == ("elearning",) and data.outcomes.count("\n") == 1


def test_person_form_refuses_bad_hpr_and_identity_numbers_as_you_type(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Đuro Čuoŋas")
    assert _ok_enabled(dialog.box)
    dialog.hpr.setText("12ab")
    assert "7–9" in dialog.error.text() and not _ok_enabled(dialog.box)
    dialog.hpr.setText("01017012345")
    assert "fødselsnummer" in dialog.error.text()
    dialog.hpr.setText("1234567")
    assert _ok_enabled(dialog.box)


def test_people_search_as_you_type_and_person_page(
    qtbot, sqlite_ctx: AppContext, session_id: int,  # type: ignore[no-untyped-def]
) -> None:
    page = CoursesPage(sqlite_ctx)
    qtbot.addWidget(page)
    assert page.sessions.model.rowCount() == 0  # the default period is around today
    view = page.people
    assert view.model.rowCount() == 3
    view.search.setText("aile")
    assert [r.name for r in view.model.rows()] == ["Áile Ŋuvvon-Somby"]
    html = view.page.toPlainText()
    assert "Nødnett brukerkurs radioterminal" in html and "mangler" in html
    view.search.setText("ingrid")
    assert "Instruktørkurs: gyldig" in view.page.toPlainText()


def test_session_list_filters_and_opens_the_working_screen(
    qtbot, sqlite_ctx: AppContext, session_id: int,  # type: ignore[no-untyped-def]
) -> None:
    page = CoursesPage(sqlite_ctx)
    qtbot.addWidget(page)
    page.sessions.first.setDate(page.sessions.first.date().fromString("2026-03-01", "yyyy-MM-dd"))
    assert page.sessions.model.rowCount() == 1
    page.sessions.search.setText("simulering")
    assert page.sessions.model.rowCount() == 0
    page.sessions.search.setText("radio")
    opened = page.open_session(page.sessions.model.row(0).id)
    assert page.tabs.currentWidget() is opened
    assert page.tabs.tabText(page.tabs.currentIndex()).endswith("3.3.")
    assert page.open_session(session_id) is opened  # not opened twice


def test_import_dialog_previews_names_bad_lines_and_imports(
    qtbot, sqlite_ctx: AppContext, session_id: int, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    dialog = ImportDialog(sqlite_ctx, session_id)
    qtbot.addWidget(dialog)
    bad = tmp_path / "feil.csv"
    bad.write_text("Navn;HPR\nOla Nordmann;12ab\n", encoding="utf-8")
    dialog.load(bad)
    assert "linje 2" in dialog.errors.text() and not _ok_enabled(dialog.box)
    good = tmp_path / "liste.csv"
    good.write_bytes("Deltakerens navn;E-post\nŦoavvu Žiidá;t@example.no\n".encode("utf-8-sig"))
    dialog.load(good)
    assert "Fant ingen kolonne for navn" in dialog.errors.text()
    dialog.combos["name"].setCurrentText("Deltakerens navn")
    assert dialog.model.rowCount() == 1 and _ok_enabled(dialog.box)
    dialog.mapping_name.setCurrentText("Min LMS")
    dialog.do_import()
    assert dialog.result is not None and dialog.result.created_people == 1
    names = {p.name for p in session_view.session_detail(sqlite_ctx, session_id).participants}
    assert "Ŧoavvu Žiidá" in names
    again = ImportDialog(sqlite_ctx, session_id)
    qtbot.addWidget(again)
    assert again.mapping_name.findText("Min LMS") >= 0  # the mapping is remembered by name


def test_qualification_form_and_person_page_lists_it(
    qtbot, sqlite_ctx: AppContext, session_id: int,  # type: ignore[no-untyped-def]
) -> None:
    person = people.search_people(sqlite_ctx, "zofia")[0]
    dialog = QualificationDialog(person, course_types.list_course_types(sqlite_ctx), date(2026, 1, 5))
    qtbot.addWidget(dialog)
    assert "Utsteder må fylles ut" in dialog.error.text() and not _ok_enabled(dialog.box)
    dialog.issuer.setText("Nasjonalt instruktørkurs")
    dialog.has_until.setChecked(True)
    dialog.valid_until.setDate(dialog.valid_until.date().addDays(-1))
    assert "før utstedelsesdatoen" in dialog.error.text()
    dialog.valid_until.setDate(dialog.valid_until.date().addYears(2))
    assert _ok_enabled(dialog.box)
    code, issued, until, issuer = dialog.values()
    qualifications.add_external_qualification(sqlite_ctx, person.id, code, issued, until, issuer)
    html = person_html(person_view.person_detail(sqlite_ctx, person.id, date(2026, 3, 1)))
    assert "Kvalifikasjoner" in html and "Nasjonalt instruktørkurs" in html and "gyldig" in html


def test_session_form_prefills_an_existing_session_and_validates(
    qtbot, sqlite_ctx: AppContext, session_id: int,  # type: ignore[no-untyped-def]
) -> None:
    info = session_view.session_detail(sqlite_ctx, session_id).info
    dialog = SessionDialog(sqlite_ctx, course_types.list_course_types(sqlite_ctx), info.start,
                           existing=info)
    qtbot.addWidget(dialog)
    data = dialog.data()
    assert (data.course_type, data.start, data.end) == ("BRUKER", info.start, info.end)
    assert data.instructors == tuple(pid for pid, _ in info.instructors) and _ok_enabled(dialog.box)
    dialog.end.setDateTime(dialog.start.dateTime().addSecs(-60))
    assert "Slutt må være etter start" in dialog.error.text() and not _ok_enabled(dialog.box)
    dialog.end.setDateTime(dialog.start.dateTime().addSecs(3600))
    dialog.add_instructor(*info.instructors[0])  # adding the same person twice keeps one
    assert len(dialog.instructors) == 1
    dialog._clear_instructors()
    assert "minst én instruktør" in dialog.error.text()
    fresh = SessionDialog(sqlite_ctx, course_types.list_course_types(sqlite_ctx), info.start)
    qtbot.addWidget(fresh)
    assert "minst én instruktør" in fresh.error.text() and fresh.place.text() == "Studio 2037"


def test_edit_button_saves_through_update_session(
    qtbot, sqlite_ctx: AppContext, session_id: int, monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QDialog

    page = SessionPage(sqlite_ctx, session_id)
    qtbot.addWidget(page)

    def accept_with_new_place(dialog: SessionDialog) -> QDialog.DialogCode:
        dialog.place.setText("Simuleringssenteret")
        return _press_ok(dialog)

    monkeypatch.setattr(SessionDialog, "exec", accept_with_new_place)
    page.edit_button.click()
    info = session_view.session_detail(sqlite_ctx, session_id).info
    assert (info.place, info.version) == ("Simuleringssenteret", 2)
    assert "Simuleringssenteret" in page.info.text()


def _press_ok(dialog):  # type: ignore[no-untyped-def]
    """Press the form's own OK button (forms save from inside themselves, issue 7)."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    return QDialog.DialogCode(QDialog.result(dialog))  # AssessmentDialog has its own `result`


def _accept_after(monkeypatch, cls, fill) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    def exec_(dialog) -> QDialog.DialogCode:  # type: ignore[no-untyped-def]
        fill(dialog)
        return _press_ok(dialog)

    monkeypatch.setattr(cls, "exec", exec_)


def test_every_dialog_button_on_the_kurs_page_saves_through_the_services(
    qtbot, sqlite_ctx: AppContext, session_id: int, monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from helsestudio.ui.courses.pickers import ElearningDialog, PersonPickerDialog

    page = CoursesPage(sqlite_ctx)
    qtbot.addWidget(page)
    # Kurstyper: new course type.
    _accept_after(monkeypatch, CourseTypeDialog, lambda d: (d.code.setText("VIDEO"),
                                                            d.name.setText("Video for AMK")))
    page.course_types.new_button.click()
    assert "VIDEO" in [t.code for t in page.types]
    # Personer: new person, then a qualification for them.
    _accept_after(monkeypatch, PersonDialog, lambda d: (d.name.setText("Ánte Ŧuolla"),
                                                        d.hpr.setText("7654321")))
    page.people.add_button.click()
    assert [r.name for r in page.people.model.rows()] == ["Ánte Ŧuolla"]
    _accept_after(monkeypatch, QualificationDialog, lambda d: (
        d.course_type.setCurrentIndex(d.course_type.findData("INSTR")), d.issuer.setText("DSB")))
    page.people.qualification_button.click()
    assert "DSB" in page.people.page.toPlainText()
    # Kurs: a new session with Ánte as instructor opens its working screen.
    ante = people.search_people(sqlite_ctx, "ante")[0]
    _accept_after(monkeypatch, SessionDialog, lambda d: (
        d.course_type.setCurrentIndex(d.course_type.findData("BRUKER")),
        d.add_instructor(ante.id, ante.name)))
    page.sessions.new_button.click()
    screen = page.tabs.currentWidget()
    assert isinstance(screen, SessionPage) and screen.session_id != session_id
    # Working screen: enrol someone and record their e-learning evidence.
    zofia = people.search_people(sqlite_ctx, "zofia")[0]
    _accept_after(monkeypatch, PersonPickerDialog, lambda d: d.picker.search.setText("zofia"))
    screen.enrol_someone()
    assert [p.person_id for p in screen.detail.participants] == [zofia.id]
    _accept_after(monkeypatch, ElearningDialog, lambda d: d.evidence.setText("LMS-42"))
    screen._cell_activated(screen.model.index(0, 1))
    state = screen.detail.participants[0].eligibility.component("elearning")
    assert state is not None and state.done and state.evidence == "LMS-42"


def test_c2_assessment_recorded_from_the_working_screen(
    qtbot, sqlite_ctx: AppContext, session_id: int, monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from helsestudio.ui.courses.pickers import AssessmentDialog

    course_types.add_course_type(sqlite_ctx, CourseTypeInput("PRAKSIS", "Praktisk prøve", ("assessment",)))
    teacher = people.search_people(sqlite_ctx, "ingrid")[0]
    sid = course_sessions.add_session(sqlite_ctx, SessionInput(
        "PRAKSIS", parse_datetime("2026-03-05T09:00"), parse_datetime("2026-03-05T11:00"),
        (teacher.id,))).id
    zofia = people.search_people(sqlite_ctx, "zofia")[0]
    course_sessions.enrol(sqlite_ctx, sid, zofia.id)
    page = SessionPage(sqlite_ctx, sid)
    qtbot.addWidget(page)
    _accept_after(monkeypatch, AssessmentDialog, lambda d: d.result.setCurrentIndex(1))
    page._cell_activated(page.model.index(0, 1))
    assert page.model.data(page.model.index(0, 1)) == "Ikke bestått"
    assert "ikke bestått" in page.model.data(page.model.index(0, 2))
    _accept_after(monkeypatch, AssessmentDialog, lambda d: d.result.setCurrentIndex(0))
    page._cell_activated(page.model.index(0, 1))
    assert page.model.data(page.model.index(0, 2)) == "Fullført"


def test_withdraw_button_asks_why_and_frees_the_seat(
    qtbot, sqlite_ctx: AppContext, session_id: int, monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QInputDialog

    page = SessionPage(sqlite_ctx, session_id)
    qtbot.addWidget(page)
    page.withdraw_button.click()
    assert "Velg deltakeren" in page.message.text()
    page.table.selectRow(1)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("meldte forfall", True))
    page.withdraw_button.click()
    assert [p.name for p in page.detail.participants] == ["Áile Ŋuvvon-Somby"]


def test_session_form_changed_on_another_pc_overwrites_with_the_newer_version(
    qtbot, sqlite_ctx: AppContext, session_id: int, monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Issue 7 through the session page's own caller: «Overskriv» saves over the newer version."""
    from dataclasses import replace

    from PySide6.QtWidgets import QDialog

    from helsestudio.services.session_edit import update_session

    page = SessionPage(sqlite_ctx, session_id)
    qtbot.addWidget(page)
    info = session_view.session_detail(sqlite_ctx, session_id).info
    assert page.detail is not None and page.detail.info.version == info.version
    other = SessionDialog(sqlite_ctx, course_types.list_course_types(sqlite_ctx), info.start, existing=info)
    qtbot.addWidget(other)
    update_session(sqlite_ctx, session_id, info.version, replace(other.data(), place="Simuleringssenteret"))

    def run_form(dialog: SessionDialog) -> QDialog.DialogCode:
        dialog.open()
        dialog.place.setText("AMK Bergen, møterom 2")
        dialog.box.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[union-attr]
        assert dialog.conflict is not None, dialog.error.text()
        dialog.conflict.overwrite_button.click()
        return QDialog.DialogCode(QDialog.result(dialog))

    monkeypatch.setattr(SessionDialog, "exec", run_form)
    page.edit_button.click()
    stored = session_view.session_detail(sqlite_ctx, session_id).info
    assert (stored.place, stored.version) == ("AMK Bergen, møterom 2", info.version + 2)
