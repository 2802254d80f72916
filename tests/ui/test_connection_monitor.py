"""The status bar's health check (issue 7): which failed tasks make it look at once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helsestudio.services.database import _broken_connection_is_a_disconnect
from helsestudio.services.errors import (
    ConcurrentEdit,
    DatabaseUnavailable,
    InvalidInput,
    RuleViolation,
)
from helsestudio.ui import tasks
from helsestudio.ui.connection_monitor import MIN_GAP_MS, ConnectionMonitor


def _raise(exc: Exception) -> None:
    raise exc


@pytest.fixture
def monitor(qtbot):  # type: ignore[no-untyped-def]
    tasks.set_synchronous(True)
    m = ConnectionMonitor(lambda: None, interval_ms=60_000)
    m.start()
    yield m
    m.stop()
    tasks.set_synchronous(False)


@pytest.mark.parametrize("exc", [
    DatabaseUnavailable("borte"),
    RuntimeError("can't change 'autocommit' now: connection in transaction status ACTIVE"),
    OSError("connection reset"),
])
def test_a_task_failing_for_a_reason_the_rules_do_not_give_starts_a_check(qtbot, monitor, exc) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(MIN_GAP_MS + 50)
    before = monitor.checks_run
    tasks.run_task(lambda: _raise(exc), lambda _: None, lambda _e: None)
    assert monitor.checks_run == before + 1


@pytest.mark.parametrize("exc", [InvalidInput("feil dato"), RuleViolation("R4", "opptatt"),
                                 ConcurrentEdit("endret av kari")])
def test_a_refusal_by_a_rule_or_bad_input_does_not(qtbot, monitor, exc) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(MIN_GAP_MS + 50)
    before = monitor.checks_run
    tasks.run_task(lambda: _raise(exc), lambda _: None, lambda _e: None)
    assert monitor.checks_run == before


def test_a_pooled_connection_left_mid_query_counts_as_a_disconnect() -> None:
    """psycopg's ProgrammingError for such a connection made the pre-ping fail loudly."""
    for message, expected in [
        ("can't change 'autocommit' now: connection in transaction status ACTIVE", True),
        ("the connection is closed", True),
        ('relation "bookings" does not exist', False),
    ]:
        context = SimpleNamespace(original_exception=Exception(message), is_disconnect=False)
        _broken_connection_is_a_disconnect(context)  # type: ignore[arg-type]
        assert context.is_disconnect is expected, message
