"""The output folder's guard: we write only where a site belongs, and one build at a time.

A folder is ours when it carries the `MARKER` file; anything else that is not empty, and the
places a site must never be written to (the file system root, home, the site, its content), are
refused before any work is done.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import OutputError

MARKER = ".briefings-build"


def check_output_dir(output: Path, root: Path) -> None:
    out, site = output.resolve(), root.resolve()
    home = Path.home().resolve()
    forbidden = {
        Path("/"): "the file system root",
        home: "your home folder",
        site: "the site folder",
        site / "content": "the content folder",
        site / "themes": "the themes folder",
    }
    if out in forbidden:
        raise OutputError(f"refusing to use {forbidden[out]} ({out}) as the output folder")
    if site.is_relative_to(out):
        raise OutputError(f"refusing to use {out} as the output folder: it contains the site")
    if out.is_relative_to(site / "content") or out.is_relative_to(site / "themes"):
        raise OutputError(f"refusing to write the site inside content/ or themes/ ({out})")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(
            f"{out} is not empty and was not made by briefings (no {MARKER} file): "
            "refusing to replace it; remove it or choose another --output"
        )


@contextmanager
def build_lock(output: Path) -> Iterator[bool]:
    """Hold an exclusive lock for the build writing `output`; yields False if we had to wait."""
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output.parent / f".{output.name}.lock"
    with open(lock_path, "w") as handle:
        waited = False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waited = True
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield not waited
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
