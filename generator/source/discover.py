"""Find the content files of a site: cheap, reads bytes and hashes them, parses nothing."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.errors import Problem, error

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


Known = dict[str, tuple[tuple[int, int, int], Source]]  # path -> (mtime, size, inode), Source


def discover(root: Path, known: Known | None = None) -> tuple[list[Source], list[Problem]]:
    """Every Markdown file under content/{articles,briefings,pages}, sorted by path.

    A long-running caller (the preview server) passes the same `known` to every call: a regular
    file whose modification time, size and inode are unchanged is not read and hashed again.

    Symbolic links are followed only when they stay inside content/: a link out of it could
    publish any file on the curator's machine. (os.walk does not descend into linked folders, so
    only the files themselves and the three top folders can be links; only those are resolved.)
    """
    content = root / "content"
    prefix = str(content) + os.sep  # of every path found: walking content/ only extends it
    real_content = content.resolve()
    sources: list[Source] = []
    problems: list[Problem] = []
    for folder, kind in _FOLDERS.items():
        base = content / folder
        if not base.is_dir():
            continue
        if not base.resolve().is_relative_to(real_content):
            rel = base.relative_to(root).as_posix()
            problems.append(
                error(rel, 1, 1, "symbolic link points outside content/ (not followed)")
            )
            continue
        for path in _markdown_files(base):
            rel = "content/" + path[len(prefix) :].replace(os.sep, "/")
            source, problem = _read(path, rel, kind, real_content, known)
            if source:
                sources.append(source)
            if problem:
                problems.append(problem)
    return sources, problems


def _read(
    path: str, rel: str, kind: Kind, real_content: Path, known: Known | None
) -> tuple[Source | None, Problem | None]:
    try:
        status = os.lstat(path)
        mode = status.st_mode
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
        if known is not None and stat.S_ISREG(mode):
            seen = known.get(path)
            if seen and seen[0] == stamp and seen[1].kind == kind:
                return seen[1], None
        if stat.S_ISLNK(mode):
            try:
                real = Path(path).resolve(strict=True)
            except FileNotFoundError:
                return None, error(rel, 1, 1, "broken symbolic link (its target does not exist)")
            except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a link loop
                return None, error(rel, 1, 1, "symbolic link loop (not followed)")
            if not real.is_relative_to(real_content):
                return None, error(
                    rel, 1, 1, "symbolic link points outside content/ (not followed)"
                )
            mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):  # reading a FIFO would hang the build
            return None, error(rel, 1, 1, "not a regular file")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return None, error(rel, 1, 1, f"cannot read file: {exc.strerror}")
    source = Source(rel, kind, data, digest(data))
    # File times tick coarsely (a few ms): a file changed again within the same tick keeps its
    # stamp. Like git's index, trust a stamp only once it is old enough to be unambiguous.
    if known is not None and stat.S_ISREG(mode) and time.time_ns() - stamp[0] > _RACY_NS:
        known[path] = (stamp, source)
    return source, None


_RACY_NS = 2_000_000_000


def _markdown_files(base: Path) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(
            os.path.join(dirpath, name)
            for name in filenames
            if name.endswith(".md") and not name.startswith(".")
        )
    return sorted(found)
