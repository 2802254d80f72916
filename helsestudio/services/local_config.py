"""This PC's own choices that cannot live in the database, such as which database to open.

Stored as a small JSON file in the user's config directory; a damaged file is
ignored (and the default used) rather than stopping the program.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

ENV_CONFIG_DIR = "HELSESTUDIO_CONFIG_DIR"


def config_path() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    base = Path(override) if override else Path(user_config_dir("Helsestudio", appauthor=False))
    return base / "config.json"


def load() -> dict[str, Any]:
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(values: dict[str, Any]) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a file


def chosen_db_url() -> str | None:
    value = load().get("db_url")
    return value if isinstance(value, str) and value else None


def choose_db_url(url: str | None) -> None:
    values = load()
    if url:
        values["db_url"] = url
    else:
        values.pop("db_url", None)
    save(values)
