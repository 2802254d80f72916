"""The long fuzz run of the iCalendar importer (issue 6): 10,000 cases by default, half mangled
sample files (cut, spliced, bytes flipped), half well-formed events with odd zones, dates and rules.

    python benchmarks/fuzz_ics.py [CASES]

Prints how many cases ran, how many were refused with InvalidInput, and the slowest case.
Any other exception (or a case slower than 5 s) fails the run with the offending input saved.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helsestudio.services.errors import InvalidInput  # noqa: E402
from helsestudio.services.ics_parse import parse_ics  # noqa: E402
from tests.unit.test_ics_fuzz import OPTS, mangled, odd_events  # noqa: E402


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    stats = {"ran": 0, "refused": 0, "slowest": 0.0}

    @settings(max_examples=cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(mangled(), odd_events()))
    def run(data: bytes) -> None:
        started = time.perf_counter()
        try:
            parse_ics(data, OPTS)
        except InvalidInput:
            stats["refused"] += 1
        except Exception:
            saved = Path(tempfile.gettempdir()) / "fuzz_ics_failure.ics"
            saved.write_bytes(data)
            print(f"fuzz_ics: failing input saved to {saved}", file=sys.stderr)
            raise
        elapsed = time.perf_counter() - started
        stats["ran"] += 1
        stats["slowest"] = max(stats["slowest"], elapsed)
        assert elapsed < 5, f"case took {elapsed:.1f} s"

    started = time.perf_counter()
    run()
    print(f"fuzz_ics: {stats['ran']} cases in {time.perf_counter() - started:.1f} s, "
          f"{stats['refused']} refused with a clear message, slowest {stats['slowest'] * 1000:.0f} ms, "
          "no crash")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
