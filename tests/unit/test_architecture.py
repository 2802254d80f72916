"""The Qt-free core (STYLE.md #1): models and services never import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import helsestudio

PACKAGE = Path(helsestudio.__file__).parent
CORE = [PACKAGE / "models", PACKAGE / "services"]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_source_never_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for folder in CORE
        for path in folder.rglob("*.py")
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imported_modules(path))
    ]
    assert offenders == []


def test_core_modules_load_without_pyside6() -> None:
    """Importing every core module pulls in no Qt, not even indirectly."""
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for folder in CORE
        for path in folder.rglob("*.py")
        if path.name != "__init__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
