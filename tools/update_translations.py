#!/usr/bin/env python3
"""Refresh the translation sources and compile them (run after changing UI text).

    python tools/update_translations.py          # lupdate → resources/i18n/*.ts, lrelease → *.qm

Source strings are bokmål in the code (`self.tr("…")`); the English text is
written in the .ts file (Qt Linguist or any editor). The compiled .qm files are
committed so that the program needs no Qt tools at run time; a test checks they
match their .ts sources.

qtbase_nb.ts is Qt's own texts (dialog buttons, context menus, file and print
dialogs) in bokmål, which the PySide6 wheel does not ship. It is written by hand,
not by lupdate (its source strings are Qt's), and only compiled here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("en",)
# Hand-written translations of Qt's own texts: compiled, never lupdate'd.
QT_TS = (I18N / "qtbase_nb.ts",)


def _tool(name: str) -> str:
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"{name} not found in {folder}")


def ui_sources() -> list[Path]:
    return sorted((ROOT / "helsestudio" / "ui").rglob("*.py"))


def update(languages: tuple[str, ...] = LANGUAGES) -> None:
    sources = [str(p) for p in ui_sources()]
    for lang in languages:
        ts = I18N / f"helsestudio_{lang}.ts"
        subprocess.run(
            [_tool("lupdate"), "-locations", "none", "-no-obsolete", "-source-language", "nb_NO",
             "-target-language", lang, *sources, "-ts", str(ts)],
            check=True,
        )
        compile_ts(ts, ts.with_suffix(".qm"))
    for ts in QT_TS:
        compile_ts(ts, ts.with_suffix(".qm"))


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":
    update()
    sys.exit(0)
