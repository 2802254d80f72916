#!/usr/bin/env python3
"""One-command bootstrap that needs nothing but Python 3.11+ (Windows, macOS, Linux).

    python3 dev.py start   install into ./.venv and start Helsestudio
    python3 dev.py test    install with the test tools and run ruff and the whole test suite

The virtual environment is (re)installed only when pyproject.toml changed.
Extra arguments after `test` go to pytest; after `start` to helsestudio.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on old Pythons to say so
        sys.exit(f"Helsestudio trenger Python 3.11 eller nyere (dette er {sys.version.split()[0]}).")
    if not PYTHON.exists():
        print("Lager virtuelt miljø i .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed{extras or '-app'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("Installerer Helsestudio og avhengigheter …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}{extras}"], check=True)
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("start", [])
    if command == "start":
        _ensure_venv("")
        return subprocess.call([str(PYTHON), "-m", "helsestudio", *rest])
    if command == "test":
        _ensure_venv("[test]")
        lint = subprocess.call([str(PYTHON), "-m", "ruff", "check", str(ROOT)])
        tests = subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT)
        return tests or lint
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
