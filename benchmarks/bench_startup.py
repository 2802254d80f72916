"""Start-up to the first painted main window, with 50,000 bookings, against a bare PySide6 window.

Both are started the same way, as a fresh `python` process (offscreen), and both
say «painted» from an event filter at the window's first Paint event (not a zero
timer, which fires before the first paint, NOTES.md). The time is taken in this
process from spawn to that line. Target (issue 3): ratio <= 1.5.

The main window is painted before the database is opened (ui/app.py `start`),
so the benchmark reports two figures for Helsestudio: the main window's first
paint (what the target is about), and the calendar's first paint with the
week's bookings in it (what the superuser waits for), each against the bare window.

    python benchmarks/bench_startup.py [--runs 7] [--total 50000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("Hei"))
window.resize(1280, 800)
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            import os; os._exit(0)
        return False
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def time_to_paint(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "painted":
            elapsed = time.perf_counter() - t0
            proc.wait(timeout=30)
            return elapsed * 1000
    proc.wait(timeout=30)
    raise RuntimeError(f"{argv} ended without painting (exit {proc.returncode})")


def main() -> int:
    from bench_week_switch import build

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--total", type=int, default=50_000)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HELSESTUDIO_USER="bench")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'startup.db'}"
        env["HELSESTUDIO_DATA_DIR"] = str(Path(tmp) / "data")
        env["HELSESTUDIO_CONFIG_DIR"] = str(Path(tmp) / "config")
        build(url, args.total - 100).close()
        gui = [sys.executable, "-m", "helsestudio", "--db", url, "gui"]
        commands = {
            "bare PySide6 window": ([sys.executable, "-c", BARE], "1"),
            "helsestudio main window": (gui, "1"),
            f"calendar with data ({args.total})": (gui, "data"),
        }
        run_env = {probe: dict(env, HELSESTUDIO_STARTUP_PROBE=probe) for _, probe in commands.values()}
        for argv, probe in commands.values():  # warm the OS file cache once
            time_to_paint(argv, run_env[probe])
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so machine load hits all alike
            for name, (argv, probe) in commands.items():
                times[name].append(time_to_paint(argv, run_env[probe]))
        for name, values in times.items():
            print(f"{name:>32}: median {statistics.median(values):.0f} ms "
                  f"(min {min(values):.0f}, max {max(values):.0f}, {len(values)} runs)")
        bare, window, data = (statistics.median(v) for v in times.values())
        print(f"ratio, main window painted: {window / bare:.2f} (target <= 1.5)")
        print(f"ratio, calendar with data:  {data / bare:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
