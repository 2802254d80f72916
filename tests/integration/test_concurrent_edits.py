"""Concurrent edits (issue 7): two PCs read the same version, both save; the second is refused
with a message naming who saved first and when, and nothing of the second save is written.

Two "PCs" are two AppContexts on one database with different users. The races run on SQLite
and PostgreSQL, in threads and as real `helsestudio` processes.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from helsestudio.models import AuditEntry, Booking, CourseType, Person
from helsestudio.services import audit, bookings, course_types, people, studio_policy, users
from helsestudio.services.app import AppContext
from helsestudio.services.course_types import CourseTypeInput
from helsestudio.services.errors import ConcurrentEdit, RuleViolation
from helsestudio.services.studio_queries import BookingRow
from helsestudio.services.timeutil import parse_datetime

DAY = "2027-03-12"  # a Friday; requests received 1 November 2026 are on time (R2)
ON_TIME = "2026-11-01T09:00"
STAMP = re.compile(r"kl\. \d\d:\d\d \(\d{1,2}\. \w+ \d{4}\)")  # «kl. 09:14 (22. november 2026)»


@dataclass
class Pcs:
    url: str
    admin: AppContext
    kari: AppContext
    ola: AppContext


@pytest.fixture
def pcs(db_url: str) -> Iterator[Pcs]:
    """The administrator's PC and two more, kari's and ola's, on the same database."""
    admin = AppContext.open(db_url)
    for name in ("kari", "ola"):
        users.add_user(admin, name, "superbruker")
        users.add_user(admin, f"{name}_k", "koordinator")
    kari, ola = AppContext.open(db_url), AppContext.open(db_url)
    kari.username, ola.username = "kari", "ola"
    yield Pcs(db_url, admin, kari, ola)
    for ctx in (admin, kari, ola):
        ctx.close()


def booking(ctx: AppContext, start: str = "10:00", end: str = "11:00", *,
            confirm: bool = True, **kw: Any) -> BookingRow:
    row = bookings.request_booking(ctx, bookings.BookingRequest(
        title=kw.pop("title", f"RegUt {start}"), category="regut",
        start=parse_datetime(f"{DAY}T{start}"), end=parse_datetime(f"{DAY}T{end}"),
        received_at=parse_datetime(ON_TIME), **kw))
    return bookings.confirm_booking(ctx, row.id).booking if confirm else row


def edits_of(ctx: AppContext, entity: str, entity_id: int) -> list[AuditEntry]:
    with ctx.db.read() as session:
        return [e for e in audit.history(session, entity, entity_id)
                if e.action.endswith((".edit", ".update"))]


# --- bookings through the service --------------------------------------------------------

def test_version_second_pc_saving_a_booking_is_refused_naming_the_first(pcs: Pcs) -> None:
    row = booking(pcs.admin, platform="teams", participants=10)
    seen_by_kari = bookings.show_booking(pcs.kari, row.id)
    seen_by_ola = bookings.show_booking(pcs.ola, row.id)
    assert seen_by_kari.version == seen_by_ola.version == row.version

    saved = bookings.edit_booking(pcs.kari, row.id, expected_version=seen_by_kari.version,
                                  title="Karis tittel", participants=20)
    assert saved.version == row.version + 1
    with pytest.raises(ConcurrentEdit) as refused:
        bookings.edit_booking(pcs.ola, row.id, expected_version=seen_by_ola.version,
                              title="Olas tittel", participants=30)

    exc = refused.value
    assert exc.rule == "VERSION" and exc.changed_by == "kari"
    assert exc.current_version == saved.version
    assert "endret av kari" in exc.detail and STAMP.search(exc.detail), exc.detail
    assert "last inn på nytt, overskriv eller avbryt" in exc.detail
    now = bookings.show_booking(pcs.admin, row.id)
    assert (now.title, now.participants, now.version, now.updated_by) == (
        "Karis tittel", 20, saved.version, "kari")
    assert len(edits_of(pcs.admin, "booking", row.id)) == 1


def test_version_overwrite_is_a_deliberate_save_with_the_version_the_refusal_named(pcs: Pcs) -> None:
    row = booking(pcs.admin)
    bookings.edit_booking(pcs.kari, row.id, expected_version=row.version, title="Kari")
    with pytest.raises(ConcurrentEdit) as refused:
        bookings.edit_booking(pcs.ola, row.id, expected_version=row.version, title="Ola")
    current = refused.value.current_version
    assert current is not None
    overwritten = bookings.edit_booking(pcs.ola, row.id, expected_version=current, title="Ola")
    assert (overwritten.title, overwritten.version, overwritten.updated_by) == ("Ola", current + 1,
                                                                                "ola")


def test_version_every_booking_action_refuses_a_stale_copy(pcs: Pcs) -> None:
    """Confirm, decline, cancel, assign and move all take the version the view showed."""
    row = booking(pcs.admin, confirm=False)
    bookings.edit_booking(pcs.kari, row.id, expected_version=row.version, title="Endret")
    stale = row.version
    for attempt in (
        lambda: bookings.confirm_booking(pcs.ola, row.id, expected_version=stale),
        lambda: bookings.decline_booking(pcs.ola, row.id, "Nei", expected_version=stale),
        lambda: bookings.cancel_booking(pcs.ola, row.id, "Nei", expected_version=stale),
        lambda: bookings.assign_assistance(pcs.ola, row.id, "ola", expected_version=stale),
        lambda: bookings.move_booking(pcs.ola, row.id, parse_datetime(f"{DAY}T12:00"),
                                      parse_datetime(f"{DAY}T13:00"), expected_version=stale),
    ):
        with pytest.raises(ConcurrentEdit, match="endret av kari"):
            attempt()
    now = bookings.show_booking(pcs.admin, row.id)
    assert (now.state, now.title, now.version, now.assigned_to) == ("forespurt", "Endret",
                                                                    stale + 1, None)


def test_r4_edit_moving_a_confirmed_booking_applies_the_move_rules(pcs: Pcs) -> None:
    booking(pcs.admin, "12:00", "13:00")
    row = booking(pcs.admin, "09:00", "10:00", title="Flyttes")
    with pytest.raises(RuleViolation) as refused:  # 11:50 leaves less than the 15-minute buffer
        bookings.edit_booking(pcs.kari, row.id, expected_version=row.version, title="Ny",
                              start=parse_datetime(f"{DAY}T10:50"),
                              end=parse_datetime(f"{DAY}T11:50"))
    assert refused.value.rule == "R4"
    unchanged = bookings.show_booking(pcs.admin, row.id)
    assert (unchanged.title, unchanged.version) == ("Flyttes", row.version)
    moved = bookings.edit_booking(pcs.kari, row.id, expected_version=row.version,
                                  start=parse_datetime(f"{DAY}T10:30"),
                                  end=parse_datetime(f"{DAY}T11:45"))
    assert (moved.state, moved.start) == ("bekreftet", parse_datetime(f"{DAY}T10:30"))


def test_r7_edit_participants_beyond_the_platform_names_one_that_fits(pcs: Pcs) -> None:
    row = booking(pcs.admin, platform="2meet", participants=40)
    with pytest.raises(RuleViolation) as refused:
        bookings.edit_booking(pcs.kari, row.id, expected_version=row.version, participants=80)
    assert refused.value.rule == "R7" and "--platform" in refused.value.detail
    with pytest.raises(RuleViolation, match="R7"):  # a smaller platform for the same people
        bookings.edit_booking(pcs.kari, row.id, expected_version=row.version, platform="2meet",
                              participants=51)
    assert bookings.show_booking(pcs.admin, row.id).version == row.version
    fits = bookings.edit_booking(pcs.kari, row.id, expected_version=row.version, participants=80,
                                 platform="NHN")
    assert (fits.platform, fits.participants) == ("nhn", 80)


def test_r9_edit_keeps_times_of_a_day_closed_later_but_a_move_on_it_is_refused(pcs: Pcs) -> None:
    row = booking(pcs.admin)
    studio_policy.add_closure(pcs.admin, date.fromisoformat(DAY), "Vedlikehold av lys")
    renamed = bookings.edit_booking(pcs.kari, row.id, expected_version=row.version, title="Omdøpt")
    assert renamed.title == "Omdøpt"
    with pytest.raises(RuleViolation, match="R9"):
        bookings.edit_booking(pcs.kari, row.id, expected_version=renamed.version,
                              start=parse_datetime(f"{DAY}T13:00"),
                              end=parse_datetime(f"{DAY}T14:00"))


def test_edit_is_audited_with_before_and_after_and_a_no_op_writes_nothing(pcs: Pcs) -> None:
    row = booking(pcs.admin, title="Før", platform="teams", participants=5)
    saved = bookings.edit_booking(pcs.kari, row.id, expected_version=row.version, title="Etter",
                                  participants=6)
    [entry] = edits_of(pcs.admin, "booking", row.id)
    assert (entry.actor, entry.action) == ("kari", "booking.edit")
    assert entry.before == {"title": "Før", "participants": 5}
    assert entry.after == {"title": "Etter", "participants": 6}
    same = bookings.edit_booking(pcs.ola, row.id, expected_version=saved.version, title=" Etter ")
    assert same.version == saved.version and len(edits_of(pcs.admin, "booking", row.id)) == 1


# --- a save that waits for another PC's save in progress ---------------------------------

def _hold_booking(session: Any, object_id: int) -> None:
    b = session.get(Booking, object_id, with_for_update=True)
    b.title, b.version, b.updated_by = "Karis versjon", b.version + 1, "kari"


def _hold_person(session: Any, object_id: int) -> None:
    p = session.get(Person, object_id, with_for_update=True)
    p.name, p.version = "Karis versjon", p.version + 1
    audit.record(session, actor="kari_k", action="person.update", entity="person",
                 entity_id=object_id, after={"name": p.name})


def _hold_course_type(session: Any, object_id: int) -> None:
    ct = session.get(CourseType, object_id, with_for_update=True)
    ct.name, ct.version = "Karis versjon", ct.version + 1
    audit.record(session, actor="kari_k", action="course_type.update", entity="course_type",
                 entity_id=object_id, after={"name": ct.name})


def _new_course_type(ctx: AppContext) -> tuple[int, int]:
    ct = course_types.add_course_type(ctx, CourseTypeInput(code="NN", name="Nødnett"))
    return ct.id, ct.version


def _new_person(ctx: AppContext) -> tuple[int, int]:
    p = people.add_person(ctx, "Siri Kvamme", "siri@example.no")
    return p.id, p.version


def _new_booking(ctx: AppContext) -> tuple[int, int]:
    row = booking(ctx)
    return row.id, row.version


SETUP: dict[str, Callable[[AppContext], tuple[int, int]]] = {
    "booking": _new_booking, "person": _new_person, "course_type": _new_course_type}
HOLD = {"booking": _hold_booking, "person": _hold_person, "course_type": _hold_course_type}
SAVE: dict[str, Callable[[AppContext, int, int], Any]] = {
    "booking": lambda ctx, i, v: bookings.edit_booking(ctx, i, expected_version=v,
                                                       title="Olas versjon"),
    "person": lambda ctx, i, v: people.update_person(ctx, i, v, "Olas versjon",
                                                     "siri@example.no"),
    "course_type": lambda ctx, i, v: course_types.update_course_type(
        ctx, i, v, CourseTypeInput(code="NN", name="Olas versjon")),
}


@contextmanager
def _saving_in_thread(save: Callable[[], Any]) -> Iterator[dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = save()
        except Exception as exc:  # noqa: BLE001 - inspected by the test
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    try:
        yield outcome
    finally:
        worker.join(timeout=30)
        assert not worker.is_alive()


@pytest.mark.parametrize("kind", ["booking", "person", "course_type"])
def test_version_save_waits_for_a_save_in_progress_and_is_then_refused(pcs: Pcs, kind: str) -> None:
    """Kari's save is still in its transaction when Ola saves from the same version: Ola's save
    must wait for the row lock and then see Kari's version (on PostgreSQL without the lock it
    would read the old version and silently overwrite Kari's change once she commits)."""
    pcs.ola.username = "ola" if kind == "booking" else "ola_k"
    object_id, version = SETUP[kind](pcs.admin)
    hold, save = HOLD[kind], SAVE[kind]

    with pcs.kari.db.write() as session:
        hold(session, object_id)
        session.flush()
        with _saving_in_thread(lambda: save(pcs.ola, object_id, version)) as outcome:
            time.sleep(0.5)  # Ola's save starts and waits for Kari's lock
            assert outcome == {}, "the second save did not wait for the first"
            session.commit()
    assert isinstance(outcome.get("error"), ConcurrentEdit), outcome
    assert "endret av kari" in outcome["error"].detail and STAMP.search(outcome["error"].detail)


# --- people and course types through their services ------------------------------------

def test_version_second_pc_saving_a_person_is_refused_naming_the_first(pcs: Pcs) -> None:
    pcs.kari.username, pcs.ola.username = "kari_k", "ola_k"
    p = people.add_person(pcs.admin, "Siri Kvamme", "siri@example.no")
    people.update_person(pcs.kari, p.id, p.version, "Siri Kvamme-Lie", "siri@example.no")
    with pytest.raises(ConcurrentEdit) as refused:
        people.update_person(pcs.ola, p.id, p.version, "Siri K. Lie", "siri.lie@example.no")
    assert "Personen «Siri Kvamme-Lie» er endret av kari_k" in refused.value.detail
    assert STAMP.search(refused.value.detail) and refused.value.changed_by == "kari_k"
    now = people.get_person(pcs.admin, p.id)
    assert (now.name, now.email, now.version) == ("Siri Kvamme-Lie", "siri@example.no", 2)


def test_version_second_pc_saving_a_course_type_is_refused_naming_the_first(pcs: Pcs) -> None:
    pcs.kari.username, pcs.ola.username = "kari_k", "ola_k"
    ct = course_types.add_course_type(pcs.admin, CourseTypeInput(code="NN", name="Nødnett"))
    course_types.update_course_type(pcs.kari, ct.id, ct.version,
                                    CourseTypeInput(code="NN", name="Nødnett brukerkurs",
                                                    validity_months=24))
    with pytest.raises(ConcurrentEdit) as refused:
        course_types.update_course_type(pcs.ola, ct.id, ct.version,
                                        CourseTypeInput(code="NN", name="Nødnett grunnkurs"))
    assert "Kurstypen «Nødnett brukerkurs» er endret av kari_k" in refused.value.detail
    now = course_types.get_course_type(pcs.admin, ct.id)
    assert (now.name, now.validity_months, now.version) == ("Nødnett brukerkurs", 24, 2)


# --- the command line, as real processes ------------------------------------------------

def test_version_cli_race_loser_exits_1_and_the_booking_holds_the_winners_values(pcs: Pcs) -> None:
    row = booking(pcs.admin, platform="teams", participants=10)
    argv = [sys.executable, "-m", "helsestudio", "--db", pcs.url, "--json", "booking", "edit",
            str(row.id), "--expect-version", str(row.version)]
    racers = {
        "kari": subprocess.Popen([*argv, "--title", "Kari vant", "--participants", "11"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 encoding="utf-8", env=_env("kari")),
        "ola": subprocess.Popen([*argv, "--title", "Ola vant", "--start", f"{DAY}T12:00",
                                 "--end", f"{DAY}T13:00"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                encoding="utf-8", env=_env("ola")),
    }
    results = {name: (p.wait(timeout=60), *p.communicate()) for name, p in racers.items()}
    codes = sorted(code for code, _, _ in results.values())
    assert codes == [0, 1], results
    winner = next(name for name, (code, _, _) in results.items() if code == 0)
    _, loser_out, loser_err = next(r for r in results.values() if r[0] == 1)
    assert '"rule": "VERSION"' in loser_out and loser_err.startswith("VERSION: ")
    assert loser_err.count("\n") == 1 and "Traceback" not in loser_err  # one line
    now = bookings.show_booking(pcs.admin, row.id)
    assert now.version == row.version + 1
    if winner == "kari":
        assert (now.title, now.participants, now.start) == ("Kari vant", 11, row.start)
    else:
        assert (now.title, now.participants) == ("Ola vant", 10)
        assert now.start == parse_datetime(f"{DAY}T12:00")


def test_version_cli_edit_prints_the_new_version_and_refuses_a_stale_one(pcs: Pcs) -> None:
    from tests.helpers import cli

    row = booking(pcs.admin)
    done = cli("--json", "booking", "edit", str(row.id), "--title", "Ny tittel",
               "--expect-version", str(row.version), db=pcs.url)
    assert done.code == 0, done.err
    assert (done.json["title"], done.json["version"]) == ("Ny tittel", row.version + 1)
    stale = cli("booking", "edit", str(row.id), "--title", "Gammel kopi",
                "--expect-version", str(row.version), db=pcs.url)
    assert stale.code == 1 and stale.out == ""
    assert stale.err.startswith("VERSION: ") and f"nå versjon {row.version + 1}" in stale.err
    assert bookings.show_booking(pcs.admin, row.id).title == "Ny tittel"


def _env(user: str) -> dict[str, str]:
    """The environment of a user's PC: on SQLite the user comes from HELSESTUDIO_USER (on
    PostgreSQL it is the database login, the same for both processes here)."""
    import os

    return {**os.environ, "HELSESTUDIO_USER": user}


def test_version_json_of_people_course_types_and_bookings_carries_version(pcs: Pcs) -> None:
    from helsestudio.services.studio_queries import booking_to_json

    p = people.add_person(pcs.admin, "Per Ås")
    ct = course_types.add_course_type(pcs.admin, CourseTypeInput(code="TL", name="Teamleder"))
    assert p.to_json()["version"] == 1 and ct.to_json()["version"] == 1
    assert booking_to_json(booking(pcs.admin))["version"] == 2  # requested, then confirmed
