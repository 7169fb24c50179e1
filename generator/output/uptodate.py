"""Whether a build would change nothing, decided before any stage runs (as make does).

A build that succeeded records a digest of everything it was made from: each content file's
bytes, `site.yaml` as loaded (with the command line's base URL), the theme's files, the
generator's code, the options that shape the output and the Pagefind version. The next build
that finds the same digest, and every file that build wrote still in the output, has nothing to
do. Anything else (a file changed, added or removed, a problem found while looking, a missing
record) takes the whole pipeline, which then decides page by page.

The files' time stamps are taken with the digest and again after the build: the record is kept
only if no file changed while the build ran, so it always describes what the build read.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from generator.codedigest import code_digest
from generator.errors import Problem
from generator.output.search import (
    BUNDLES_FILE,
    OUTPUT_SUBDIR,
    SearchError,
    pagefind_executable,
    pagefind_version,
)
from generator.source.config import SiteConfig
from generator.source.discover import discover
from generator.source.themes import theme_chain
from generator.stamped import read_stamped, write_stamped

RECORD = "uptodate.json"


@dataclass(frozen=True)
class Record:
    """What the last build was made from and what it left: enough to report it again."""

    inputs: str
    files: tuple[str, ...]  # every file of the output but the search index's, whose names
    # change whenever a shard is indexed again
    counts: tuple[int, int, int]  # pages, articles, briefings
    warnings: tuple[Problem, ...]


@functools.cache
def _code() -> str:
    return code_digest("generator.build")  # every stage, the renderer and the writer


@dataclass(frozen=True)
class Inputs:
    digest: str  # of what the files hold: the same after a checkout that only touched them
    stamps: str  # of their modification times, sizes and inodes: cheap to take again


def build_inputs(config: SiteConfig, shaping: tuple[object, ...], searching: bool) -> Inputs | None:
    """What a build reads, or None if looking found a problem (the pipeline reports it) or a
    file changed too recently for its time stamp to tell a later change (as git's index).
    `shaping`: the options that change the output."""
    themes, found = theme_chain(config.root, config.theme)
    stamps = None if found else _stamps(config.root, themes)
    if stamps is None:
        return None
    sources, problems = discover(config.root)
    if problems:
        return None
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((config, shaping, searching, _code())).encode())
    if searching:
        try:
            digest.update(pagefind_version(pagefind_executable()).encode())
        except SearchError:
            return None
    for source in sources:
        digest.update(f"\0{source.rel}\0{source.kind}\0{source.digest}".encode())
    for theme in themes:
        for path in sorted(p for p in theme.rglob("*") if p.is_file()):
            digest.update(b"\0" + path.as_posix().encode() + b"\0" + path.read_bytes())
    return Inputs(digest.hexdigest(), stamps)


def unchanged_since(config: SiteConfig, inputs: Inputs) -> bool:
    """No content or theme file changed since `inputs` were taken (a build ran meanwhile)."""
    themes, _ = theme_chain(config.root, config.theme)
    return _stamps(config.root, themes) == inputs.stamps


_RACY_NS = 2_000_000_000  # a file changed this recently may change again within its time stamp


def _stamps(root: Path, themes: list[Path]) -> str | None:
    digest = hashlib.blake2b(digest_size=16)
    newest = 0
    for top in (root / "content", *themes):
        for folder, _, names in os.walk(top):
            for name in sorted(names):
                try:
                    found = os.stat(os.path.join(folder, name))
                except OSError:
                    return None
                newest = max(newest, found.st_mtime_ns)
                stamp = (folder, name, found.st_mtime_ns, found.st_size, found.st_ino)
                digest.update(repr(stamp).encode())
    if time.time_ns() - newest < _RACY_NS:
        return None
    return digest.hexdigest()


def read_record(cache_dir: Path, output: Path) -> Record | None:
    found = read_stamped(cache_dir / RECORD, "output", str(output), "build")
    try:
        return Record(
            str(found["inputs"]),
            tuple(found["files"]),
            (int(found["counts"][0]), int(found["counts"][1]), int(found["counts"][2])),
            tuple(Problem(*w) for w in found["warnings"]),
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def last_build(cache_dir: Path, output: Path, inputs: Inputs, searching: bool) -> Record | None:
    """The record of the last build of `output`, if it was made from `inputs` and left every
    file it wrote where it was: then there is nothing to build."""
    record = read_record(cache_dir, output)
    if record is None or record.inputs != inputs.digest:
        return None
    return record if still_there(output, record, searching) else None


def save_record(cache_dir: Path, output: Path, record: Record) -> None:
    data = {
        "inputs": record.inputs,
        "files": list(record.files),
        "counts": list(record.counts),
        "warnings": [[w.path, w.line, w.col, w.message, w.severity] for w in record.warnings],
    }
    write_stamped(cache_dir / RECORD, "output", str(output), "build", data)


def forget_record(cache_dir: Path) -> None:
    (cache_dir / RECORD).unlink(missing_ok=True)


def still_there(output: Path, record: Record, searching: bool) -> bool:
    """Every file the recorded build wrote is in the output, and its search index if it had
    one (and none if it had not)."""
    base = str(output)
    if not all(os.path.isfile(os.path.join(base, rel)) for rel in record.files):
        return False
    return os.path.isfile(os.path.join(base, OUTPUT_SUBDIR, BUNDLES_FILE)) == searching
