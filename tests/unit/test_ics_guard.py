"""The expansion time limit (issue 6: never a hang) leaves other timers working."""

from __future__ import annotations

import signal
import time

import pytest

from helsestudio.services.ics_guard import TooSlow, time_limit


def test_time_limit_stops_a_busy_loop() -> None:
    started = time.monotonic()
    with pytest.raises(TooSlow), time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - started < 1


def test_an_outer_timer_is_given_back_what_is_left() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with time_limit(5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 29 < left <= 30 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
