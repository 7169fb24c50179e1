"""Full-text search for a built site, with Pagefind (https://pagefind.app).

Pagefind reads built HTML and writes a static index. Only article, briefing and person pages are
indexed: the theme marks their content with `data-pagefind-body` (and their type with a filter).

The index is split into shards, each a complete Pagefind bundle under `pagefind/<shard>/`, which
the search page merges in the browser (Pagefind's `mergeIndex`). Briefings have their own shard;
articles, and people apart from them, are spread over 2^k shards by a hash of their path, at most
`SHARD_PAGES` pages each.
Two reasons: Pagefind has no incremental mode and holds its whole index in memory (about 0.3 MB
per page), so one run over 5,000 pages needs 1.6 GB and re-indexes everything after one edit.
Shards keep each run small and let a rebuild re-index only the shards whose pages changed.
`pagefind/bundles.json` lists the shards for the search page, with a digest of each shard's pages
so the next build knows which it may reuse.

A site without article or briefing pages has nothing to index: no index is written and the search
page says search is unavailable.

The binary comes from the `pagefind_bin` package on PyPI (no download at build time); a
`pagefind` or `pagefind_extended` on PATH is used when that package isn't installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Collection, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.errors import BriefingsError, failure
from generator.output.fsops import link_or_copy, replace_folder
from generator.stamped import read_stamped

OUTPUT_SUBDIR = "pagefind"
BUNDLES_FILE = "bundles.json"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")  # copied to pagefind/ so the page has one URL
INDEXED_FOLDERS = ("articles", "briefings", "people")
SHARD_PAGES = 400  # about 130 MB of Pagefind memory and half a second per shard
PARALLEL_RUNS = 2  # Pagefind runs at once, at most: each uses over a core and holds its shard
TIMEOUT = 300  # seconds; Pagefind indexes thousands of pages in a few


class SearchError(BriefingsError):
    """The search index could not be built; `message` says why, for the build's error report."""

    def __init__(self, message: str) -> None:
        super().__init__([failure(f"search: {message} (or build with --no-search)")])
        self.message = message

    def __reduce__(self) -> tuple[type[SearchError], tuple[str]]:
        return SearchError, (self.message,)


@dataclass(frozen=True)
class Indexed:
    shards: tuple[str, ...]  # every shard of the new index
    fresh: tuple[str, ...]  # those Pagefind indexed in this run; the others were reused


def pagefind_executable() -> str:
    try:
        import pagefind_bin
    except ImportError:
        pass
    else:
        try:
            return str(pagefind_bin.get_executable())
        except (FileNotFoundError, OSError):
            pass
    for name in ("pagefind_extended", "pagefind"):
        found = shutil.which(name)
        if found:
            return found
    raise SearchError(
        "Pagefind is not installed: `pip install pagefind_bin`, or build with --no-search"
    )


def indexed_pages(site_dir: Path) -> list[str]:
    """The pages to index, as paths relative to the site."""
    return sorted(
        f"{folder}/{entry.name}/index.html"
        for folder in INDEXED_FOLDERS
        if (site_dir / folder).is_dir()
        for entry in os.scandir(site_dir / folder)
        if entry.is_dir() and os.path.isfile(os.path.join(entry.path, "index.html"))
    )


def shard_pages(pages: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Assign each page to a shard: briefings together; articles, and people apart from them,
    by a stable hash of their path.

    A hashed folder's shard count is a power of two, so when the site outgrows it each shard
    splits in two instead of every page moving.
    """
    by_folder: dict[str, list[str]] = {}
    for page in sorted(pages):
        by_folder.setdefault(page.split("/", 1)[0], []).append(page)
    shards: dict[str, list[str]] = {}
    if "briefings" in by_folder:
        shards["briefings"] = by_folder.pop("briefings")
    for folder, members in by_folder.items():
        count = 1
        while count * SHARD_PAGES < len(members):
            count *= 2
        for page in members:
            bucket = int.from_bytes(hashlib.blake2b(page.encode(), digest_size=4).digest(), "big")
            shards.setdefault(f"{folder}-{bucket % count:02d}", []).append(page)
    return {name: tuple(members) for name, members in sorted(shards.items())}


def _members_digest(pages: Iterable[str]) -> str:
    return hashlib.blake2b("\n".join(pages).encode(), digest_size=8).hexdigest()


@cache
def pagefind_version(executable: str) -> str:
    try:
        done = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip()


def _previous_shards(previous: Path | None, version: str) -> dict[str, str]:
    """Shard name -> members digest of an earlier index made by this Pagefind, or nothing."""
    if previous is None:
        return {}
    return read_stamped(previous / BUNDLES_FILE, "pagefind", version, "shards")


def build_search_index(
    site_dir: Path,
    output: Path | None = None,
    *,
    previous: Path | None = None,
    changed: Collection[str] | None = None,
    parallel: int = PARALLEL_RUNS,
    take: bool = False,
) -> Indexed:
    """Index the site in `site_dir` into the new folder `output` (default `site_dir/pagefind`).

    Shards of an earlier index in `previous` are reused (hard-linked) when they hold the same
    pages and none of them is in `changed`; pass `changed=None` to re-index everything. With
    `take`, reused shards are moved out of `previous` instead, for a caller that replaces it:
    one rename for a shard of hundreds of files. Up to `parallel` Pagefind runs go at once.
    Raises SearchError.
    """
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchError(f"cannot index {site_dir}: not a folder")
    shards = shard_pages(indexed_pages(site_dir))
    if not shards:
        return Indexed((), ())  # Pagefind refuses an empty index; the search page says so
    output = Path(output or site_dir / OUTPUT_SUBDIR)
    executable = pagefind_executable()
    version = pagefind_version(executable)
    before = _previous_shards(previous, version) if changed is not None else {}
    touched = set(changed or ())
    digests = {name: _members_digest(members) for name, members in shards.items()}
    output.mkdir(parents=True)
    fresh = []
    for name, members in shards.items():
        reusable = (
            previous is not None
            and before.get(name) == digests[name]
            and touched.isdisjoint(members)
            and (previous / name / "pagefind-entry.json").is_file()
        )
        if reusable and take:
            assert previous is not None
            (previous / name).rename(output / name)
        elif reusable:
            assert previous is not None
            shutil.copytree(previous / name, output / name, copy_function=link_or_copy)
        else:
            fresh.append(name)
    with ThreadPoolExecutor(max(1, parallel)) as pool:
        list(
            pool.map(
                lambda name: _index_shard(
                    executable, site_dir, shards[name], output / name, output / f".site-{name}"
                ),
                fresh,
            )
        )
    first = output / next(iter(shards))
    for name in UI_FILES:
        shutil.copy2(first / name, output / name)
    _write_bundles(output, version, digests)
    return Indexed(tuple(shards), tuple(fresh))


def _write_bundles(output: Path, version: str, digests: Mapping[str, str]) -> None:
    listing = {"bundles": [f"{name}/" for name in digests], "pagefind": version, "shards": digests}
    (output / BUNDLES_FILE).write_text(json.dumps(listing, indent=1) + "\n", "utf-8")


def _index_shard(
    executable: str, site_dir: Path, members: Iterable[str], bundle: Path, scratch: Path
) -> None:
    """Run Pagefind over a scratch site holding only this shard's pages (hard links)."""
    for rel in members:
        target = scratch / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(site_dir / rel, target)
    command = [
        executable,
        "--site",
        str(scratch),
        "--output-path",
        str(bundle.resolve()),
        "--silent",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise SearchError(f"Pagefind did not finish indexing in {TIMEOUT} s") from None
    except OSError as exc:
        raise SearchError(f"cannot run Pagefind ({command[0]}): {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if done.returncode != 0:
        detail = (done.stderr.strip() or done.stdout.strip()).splitlines()
        reason = detail[-1] if detail else f"exit status {done.returncode}"
        raise SearchError(f"Pagefind failed to index {site_dir}: {reason}")
    if not all((bundle / name).is_file() for name in UI_FILES):
        raise SearchError(f"Pagefind wrote no index into {bundle}")


def index_search(
    site_dir: Path,
    changed: frozenset[str],
    log: Callable[[str], None],
    parallel: int,
    *,
    staged: bool,
) -> Indexed | None:
    """Index a site folder before it becomes the published site (see publish_site's `finish`).

    The index of the previous build (carried into the folder) lends the shards no change
    touched; a `staged` folder, the new site's own, gives them up (a rename, not a copy).
    """
    current = site_dir / OUTPUT_SUBDIR
    if not changed and current.is_dir():
        return None
    fresh = site_dir / f".{OUTPUT_SUBDIR}-new"
    shutil.rmtree(fresh, ignore_errors=True)
    previous = current if current.is_dir() else None
    try:
        indexed = build_search_index(
            site_dir, fresh, previous=previous, changed=changed, parallel=parallel, take=staged
        )
    except SearchError:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if fresh.is_dir():
        replace_folder(fresh, current)
    else:
        log("search: no articles or briefings to index yet")
        shutil.rmtree(current, ignore_errors=True)
    return indexed
