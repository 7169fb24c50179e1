"""Find the content files of a site: cheap, reads bytes and hashes them, parses nothing."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import Problem, error

Kind = Literal["article", "briefing", "page"]
_FOLDERS: dict[str, Kind] = {"articles": "article", "briefings": "briefing", "pages": "page"}


@dataclass(frozen=True)
class Source:
    rel: str  # path relative to the site, as shown in messages
    kind: Kind
    data: bytes
    digest: str  # blake2b of the bytes: the cache key of everything derived from this file


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def discover(root: Path) -> tuple[list[Source], list[Problem]]:
    """Every Markdown file under content/{articles,briefings,pages}, sorted by path.

    Symbolic links are followed only when they stay inside content/: a link out of it could
    publish any file on the curator's machine.
    """
    content = root / "content"
    real_content = content.resolve()
    sources: list[Source] = []
    problems: list[Problem] = []
    for folder, kind in _FOLDERS.items():
        base = content / folder
        if not base.is_dir():
            continue
        for path in _markdown_files(base):
            rel = path.relative_to(root).as_posix()
            try:
                real = path.resolve()
            except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a link loop
                problems.append(error(rel, 1, 1, "symbolic link loop (not followed)"))
                continue
            if not real.is_relative_to(real_content):
                problems.append(
                    error(rel, 1, 1, "symbolic link points outside content/ (not followed)")
                )
                continue
            try:
                if not stat.S_ISREG(path.stat().st_mode):  # reading a FIFO would hang the build
                    problems.append(error(rel, 1, 1, "not a regular file"))
                    continue
                data = path.read_bytes()
            except OSError as exc:
                problems.append(error(rel, 1, 1, f"cannot read file: {exc.strerror}"))
                continue
            sources.append(Source(rel, kind, data, digest(data)))
    return sources, problems


def _markdown_files(base: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(
            Path(dirpath, name)
            for name in filenames
            if name.endswith(".md") and not name.startswith(".")
        )
    return sorted(found)
