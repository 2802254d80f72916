"""A time limit for recurrence expansion, so a pathological RRULE cannot hang the CLI.

dateutil (under recurring-ical-events) walks forward until year 9999 looking for an
occurrence of a rule that almost never matches («30 February», «BYSETPOS=5» on a
daily rule): ≈ 5 s for each such rule. Pure Python cannot be interrupted from
another thread, so the limit uses a timer signal, which only exists in the main
thread on POSIX; elsewhere (the GUI's worker threads, Windows) the work runs
unlimited, bounded by the occurrence estimate in ics_parse.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class TooSlow(BaseException):  # noqa: N818 - BaseException so no `except Exception` swallows it
    """Raised inside the expansion when its time is up."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    if 0 < outer_left <= seconds:
        yield  # someone else's timer (e.g. pytest-timeout) fires first anyway: leave it alone
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise TooSlow()

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left > 0:  # give the outer timer back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001))
