"""Small JSON files that keep one section of build state under a stamp saying whose it is.

The manifest is stamped with its output folder, the memo with the generator's code, the search
index's shard list with the Pagefind version: a file whose stamp does not match (or that is
missing or corrupt) reads as empty, and the build simply does the work again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_stamped(path: Path, stamp: str, value: str, section: str) -> dict[str, Any]:
    """`section` of the JSON object in `path` if its `stamp` is `value`; otherwise {}."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get(stamp) != value:
        return {}
    found = data.get(section)
    return found if isinstance(found, dict) else {}


def write_stamped(path: Path, stamp: str, value: str, section: str, data: object) -> None:
    """Write `{stamp: value, section: data}` in one rename, so a reader sees old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({stamp: value, section: data}), "utf-8")
    tmp.replace(path)
