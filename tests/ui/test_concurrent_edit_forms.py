"""Issue 7 in the course forms: a person (and, through the same form base, a course type or a
session) changed on another PC while the form was open is a choice, never a dead end or a
silent overwrite: «Overskriv» saves over the newer version, «Last inn på nytt» shows what is
stored now, «Avbryt» keeps the form and what was typed.

Real widgets (pytest-qt, offscreen) on a SQLite file; the other PC is a second AppContext.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from helsestudio.services import people, users
from helsestudio.services.app import AppContext
from helsestudio.ui import tasks
from helsestudio.ui.courses.forms import PersonDialog
from helsestudio.ui.courses.people_view import PeopleView


@pytest.fixture
def other_pc(sqlite_url: str, sqlite_ctx: AppContext) -> Iterator[AppContext]:
    users.add_user(sqlite_ctx, "kari", "koordinator")
    ctx = AppContext.open(sqlite_url)
    ctx.username = "kari"
    yield ctx
    ctx.close()


@pytest.fixture
def view(qtbot, sqlite_ctx: AppContext) -> Iterator[PeopleView]:  # type: ignore[no-untyped-def]
    tasks.set_synchronous(True)
    v = PeopleView(sqlite_ctx)
    qtbot.addWidget(v)
    v.show()
    yield v
    tasks.set_synchronous(False)


def _edit_while_kari_saves(view: PeopleView, other_pc: AppContext, monkeypatch: pytest.MonkeyPatch,
                           choose: Callable[[PersonDialog], None]) -> tuple[people.PersonRow, dict[str, object]]:
    person = people.add_person(view._ctx, "Ola Nordmann", "ola@example.org")  # noqa: SLF001
    view.search.setText("Ola")  # the list now shows version 1
    assert view.selected() is not None and view.selected().version == 1  # type: ignore[union-attr]
    people.update_person(other_pc, person.id, 1, "Ola Nordmann", "ola.nordmann@example.org", "AMK Bergen")
    seen: dict[str, object] = {}

    def run_form(dialog: PersonDialog) -> QDialog.DialogCode:
        dialog.open()
        dialog.hpr.setText("1234567")
        dialog.box.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[union-attr]
        assert dialog.conflict is not None, dialog.error.text()
        seen["message"] = dialog.conflict.text()
        choose(dialog)
        seen["open"] = dialog.isVisible()
        seen["hpr"] = dialog.hpr.text()
        return QDialog.DialogCode(QDialog.result(dialog))

    monkeypatch.setattr(PersonDialog, "exec", run_form)
    view.edit_button.click()
    return people.get_person(view._ctx, person.id), seen  # noqa: SLF001


def test_overwrite_saves_the_form_over_the_newer_version(view, other_pc, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stored, seen = _edit_while_kari_saves(view, other_pc, monkeypatch,
                                          lambda d: d.conflict.overwrite_button.click())  # type: ignore[union-attr]
    assert "kari" in str(seen["message"])  # who changed it
    assert seen["open"] is False
    assert stored.version == 3 and stored.hpr == "1234567"
    assert stored.email == "ola@example.org"  # the form's values, knowingly written over Kari's


def test_reload_drops_the_change_and_shows_what_is_stored(view, other_pc, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stored, seen = _edit_while_kari_saves(view, other_pc, monkeypatch,
                                          lambda d: d.conflict.reload_button.click())  # type: ignore[union-attr]
    assert seen["open"] is False
    assert stored.version == 2 and stored.hpr is None and stored.email == "ola.nordmann@example.org"
    assert view.selected() is not None and view.selected().version == 2  # type: ignore[union-attr]


def test_cancel_keeps_the_form_and_what_was_typed(view, other_pc, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def cancel_then_close(dialog: PersonDialog) -> None:
        dialog.conflict.cancel_button.click()  # type: ignore[union-attr]
        assert dialog.isVisible() and dialog.hpr.text() == "1234567"
        assert "kari" in dialog.error.text()  # the reason stays in the form
        dialog.reject()

    stored, _ = _edit_while_kari_saves(view, other_pc, monkeypatch, cancel_then_close)
    assert stored.version == 2 and stored.hpr is None  # nothing written


def test_course_type_form_overwrite_sends_the_newer_version(qtbot, sqlite_ctx, other_pc, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The same choice in the course type form (ui/courses/page.py), through its own caller."""
    from helsestudio.services import course_types
    from helsestudio.services.course_types import CourseTypeInput
    from helsestudio.ui.courses.forms import CourseTypeDialog
    from helsestudio.ui.courses.page import CoursesPage

    tasks.set_synchronous(True)
    try:
        course_types.add_course_type(sqlite_ctx, CourseTypeInput("SIM", "Simulering"))
        page = CoursesPage(sqlite_ctx)
        qtbot.addWidget(page)
        page.course_types.table.selectRow(0)
        row = page.course_types.model.row(0)
        assert row.version == 1
        course_types.update_course_type(other_pc, row.id, 1, CourseTypeInput("SIM", "Simulering (ny)"))
        seen: dict[str, object] = {}

        def run_form(dialog: CourseTypeDialog) -> QDialog.DialogCode:
            dialog.open()
            dialog.description.setPlainText("Grunnkurs")
            dialog.box.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[union-attr]
            assert dialog.conflict is not None, dialog.error.text()
            dialog.conflict.overwrite_button.click()
            seen["open"] = dialog.isVisible()
            return QDialog.DialogCode(QDialog.result(dialog))

        monkeypatch.setattr(CourseTypeDialog, "exec", run_form)
        page.course_types.edit_button.click()
        assert seen["open"] is False
        [stored] = course_types.list_course_types(sqlite_ctx)
        assert (stored.version, stored.name, stored.description) == (3, "Simulering", "Grunnkurs")
    finally:
        tasks.set_synchronous(False)
