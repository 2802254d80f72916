"""Bad input in the person form and the session form (ui/courses/forms.py), through their widgets.

Wired as the courses pages wire them (`save_with`: people_view.py and page.py):
OK saves from inside the form, which closes only when that worked. For each
example one field gets a value from the matrix, then OK is clicked (when the
form lets it be): either a row is stored cleanly and the form closes, or the
form stays open showing a Norwegian message and nothing is written. Both databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from helsestudio.models import CourseSession, Person
from helsestudio.services import course_sessions, course_types, people
from helsestudio.services.app import AppContext
from helsestudio.services.course_types import CourseTypeInput
from helsestudio.services.timeutil import oslo_datetime
from helsestudio.ui import tasks
from helsestudio.ui.courses.forms import PersonDialog, SessionDialog, ValidatingDialog
from tests.badinput import nasty

DATETIMES = [(2027, 3, 28, 2, 30), (2026, 10, 25, 2, 30), (2027, 3, 10, 0, 0), (2027, 3, 10, 23, 59),
             (1752, 9, 14, 0, 0), (9999, 12, 31, 23, 59), (2027, 3, 10, 9, 0), (2027, 3, 11, 9, 0),
             (2027, 3, 27, 23, 30)]


@pytest.fixture
def synchronous() -> Iterator[None]:
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


def _submit(qtbot, dialog: ValidatingDialog, ctx: AppContext) -> tuple[dict, dict, bool]:  # type: ignore[no-untyped-def]
    """Click OK if the form allows it; (counts before, counts after, still open)."""
    before = nasty.row_counts(ctx)
    assert dialog.box is not None
    ok = dialog.box.button(QDialogButtonBox.StandardButton.Ok)
    if ok.isEnabled():
        ok.click()
    after = nasty.row_counts(ctx)
    still_open = dialog.isVisible()
    event("refused" if still_open else "saved")
    if still_open:
        message = dialog.error.text()
        assert message, "the form stays open without saying why"
        assert "Noe gikk galt" not in message, message
        assert after == before, "refused but wrote: " + ", ".join(
            f"{t} {before[t]}→{after[t]}" for t in after if after[t] != before[t])
    return before, after, still_open


PERSON_FIELDS = {"name": nasty.odd_text(), "email": nasty.odd_text(), "unit": nasty.odd_text(),
                 "hpr": st.one_of(nasty.odd_number(), nasty.odd_text())}


@given(data=st.data())
@nasty.SETTINGS
def test_person_form_with_bad_values(qtbot, ctx: AppContext, synchronous, data) -> None:  # type: ignore[no-untyped-def]
    field = data.draw(st.sampled_from(sorted(PERSON_FIELDS)), label="field")
    value = data.draw(PERSON_FIELDS[field], label="value")
    dialog = PersonDialog()
    qtbot.addWidget(dialog)
    dialog.save_with(dialog.values, lambda values: people.add_person(ctx, *values))
    n = nasty.row_counts(ctx)["people"]
    defaults = {"name": "Ola Testesen", "email": f"ola{n}@example.no", "unit": "Akuttmottaket",
                "hpr": f"{1234567 + n}"}
    for name, text in {**defaults, field: value}.items():
        getattr(dialog, name).setText(text)
    dialog.show()
    before, after, still_open = _submit(qtbot, dialog, ctx)
    if not still_open:
        assert after["people"] == before["people"] + 1
        with ctx.db.read() as s:
            person = s.get(Person, dialog.saved.id)
            assert person is not None
            for text, limit in ((person.name, 200), (person.email, 254), (person.hpr or "", 9)):
                assert nasty.clean_stored(text, limit), f"{field}={value!r} stored {text!r}"
    dialog.close()


@pytest.fixture
def course(ctx: AppContext) -> tuple[list, int]:
    row = course_types.add_course_type(ctx, CourseTypeInput(code="SIM", name="Grunnkurs i simulering"))
    teacher = people.add_person(ctx, "Ingrid Solvang", "ingrid@example.no")
    return [row], teacher.id


SESSION_FIELDS = {"place": nasty.odd_text(), "region": nasty.odd_text(),
                  "start": st.sampled_from(DATETIMES), "end": st.sampled_from(DATETIMES),
                  "capacity": nasty.odd_number()}


@given(data=st.data())
@nasty.SETTINGS
def test_session_form_with_bad_values(qtbot, ctx: AppContext, course, synchronous, data) -> None:  # type: ignore[no-untyped-def]
    types, teacher = course
    field = data.draw(st.sampled_from(sorted(SESSION_FIELDS)), label="field")
    value = data.draw(SESSION_FIELDS[field], label="value")
    dialog = SessionDialog(ctx, types, oslo_datetime(date(2027, 3, 10), time(9)))
    qtbot.addWidget(dialog)
    dialog.save_with(dialog.data, lambda d: course_sessions.add_session(ctx, d))
    dialog.add_instructor(teacher, "Ingrid Solvang")
    if field in ("place", "region"):
        getattr(dialog, field).setText(value)
    elif field == "capacity":
        dialog.capacity.lineEdit().setText(value)  # as typed; the spin box may refuse it
        dialog.capacity.interpretText()
    else:
        y, mo, d, h, mi = value
        getattr(dialog, field).setDateTime(QDateTime(QDate(y, mo, d), QTime(h, mi)))
    dialog.show()
    before, after, still_open = _submit(qtbot, dialog, ctx)
    if not still_open:
        assert after["course_sessions"] == before["course_sessions"] + 1
        with ctx.db.read() as s:
            row = s.scalars(select(CourseSession).order_by(CourseSession.id.desc())).first()
            assert row is not None and row.start < row.end
            assert nasty.clean_stored(row.place) and nasty.clean_stored(row.region, 100)
    dialog.close()
