"""The memo: briefings' bottom lines and key-quote choices, keyed by a hash of their inputs.

Grouping reads and fills it; a build keeps the entries it used in `.briefings-cache/briefings.json`
(stamped with the code they were made by), and the preview server keeps them in memory.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from generator.codedigest import code_digest
from generator.stamped import read_stamped, write_stamped

Memo = dict[str, Any]  # plain JSON-able values, keyed by a hash of the inputs
MEMO_FILE = "briefings.json"
# The code memo entries are made by: grouping and the text analysis it calls.
MEMO_CODE = code_digest("generator.site.group")


def memo_key(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


class Recording(dict):  # type: ignore[type-arg]
    """A memo that remembers which entries this build used, so unused ones are not kept."""

    def __init__(self, known: Memo, used: Memo) -> None:
        super().__init__(known)
        self.used = used

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        self.used[key] = value
        return value

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        self.used[key] = value


def load_memo(cache_dir: Path) -> Memo:
    """The entries the last build used; none when the code that made them has changed since."""
    return read_stamped(cache_dir / MEMO_FILE, "code", MEMO_CODE, "entries")


def save_memo(cache_dir: Path, memo: Memo) -> None:
    write_stamped(cache_dir / MEMO_FILE, "code", MEMO_CODE, "entries", memo)
