"""Stage 8: put the rendered site in place, all at once or not at all.

The new site is written to a sibling folder and swapped in with one atomic rename exchange
(Linux renameat2), so a build that fails or is killed at any moment leaves either the old site or
the new one. Files whose bytes did not change keep their old modification time, so deploys and
rsync see only real changes. We only ever delete a folder that carries our marker file.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

MARKER = ".briefings-build"
_RENAME_EXCHANGE = 2


class OutputError(Exception):
    """An output folder we refuse to touch; the message says why."""


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


def write_site(
    files: Iterable[tuple[str, bytes]],
    kept: Iterable[str],
    static: Mapping[str, Path],
    output: Path,
    *,
    preserve: Iterable[str] = (),
    finish: Callable[[Path, frozenset[str]], None] | None = None,
    atomic: bool = True,
    listing: set[str] | None = None,
) -> int:
    """Make `output` hold exactly `files`, `static` (copied) and `kept` (left as they were).

    `files` is a stream of (path, bytes), written as it comes: a large site's pages are never
    all in memory at once. If the stream raises (a template failed), the output is untouched.

    Folders named in `preserve` (the search index) are carried over, and `finish(folder,
    changed)` runs on the complete new tree before the swap, so the index is part of it;
    `changed` holds the paths of the files added, changed or removed.

    The whole new site is assembled beside the old one (unchanged files hard-linked, so they
    keep their modification time) and swapped in with one atomic rename exchange. With
    `atomic=False` (the preview server's private folder) files are updated in place: faster.
    Such a caller may also pass `listing`, the set of files it knows the folder holds (empty at
    first): it saves walking the folder, and is kept up to date.

    Returns how many files were added, changed or removed.
    """
    output = output.resolve()
    for stale in output.parent.glob(f".{output.name}.new-*"):  # left by a killed build
        _remove_tree(stale, force=True)
    stream = chain(
        files,
        ((rel, src.read_bytes()) for rel, src in static.items()),
        [(MARKER, _MARKER_TEXT)],
    )
    trusted = listing if listing and not atomic else None
    previous = trusted or (_existing_files(output) if (output / MARKER).is_file() else None)
    keep = set(kept)
    if previous is not None:
        folders = tuple(f"{name}/" for name in preserve)
        keep |= {rel for rel in previous if rel.startswith(folders)}
    if atomic or previous is None:
        tree = _Staging(output)
        try:
            for rel, data in stream:
                tree.add(rel, data)
            wanted = tree.wanted
            removed = [] if previous is None else sorted(previous - wanted - keep)
            touched = frozenset(tree.changed) | frozenset(removed)
            if previous is not None and not touched:
                tree.discard()
                _relist(listing, wanted | keep)
                return 0  # the output already is the new site
            tree.complete(keep)
            if finish:
                finish(tree.folder, touched)
        except Exception:
            tree.discard()
            raise
        _swap_in(tree.folder, output)
    else:
        # A private folder: only what changed is held, and written once every page rendered.
        wanted: set[str] = set()
        changed: dict[str, bytes] = {}
        for rel, data in stream:
            wanted.add(rel)
            if not _same(output / rel, data):
                changed[rel] = data
        removed = sorted(previous - wanted - keep)
        touched = frozenset(changed) | frozenset(removed)
        if touched:
            _update_in_place(output, changed, removed)
            changed.clear()
            if finish:
                finish(output, touched)
    _relist(listing, wanted | keep)  # only once the folder holds exactly that
    return len(touched)


class _Staging:
    """The new site, assembled in a folder beside the old one.

    The folder is made on the first file that differs from the old site: a build that changes
    nothing writes nothing. Unchanged files are hard-linked from the old site, so they keep
    their modification time.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.parent / f".{output.name}.new-{os.getpid()}"
        self.made = False
        self.wanted: set[str] = set()
        self.changed: list[str] = []
        self._unchanged: list[str] = []  # linked once the folder exists

    @property
    def folder(self) -> Path:
        """The staging folder, made (with the unchanged files so far) on first use."""
        if not self.made:
            self.path.mkdir(parents=True)
            self.made = True
            for rel in self._unchanged:
                self._link(rel)
        return self.path

    def add(self, rel: str, data: bytes) -> None:
        self.wanted.add(rel)
        if _same(self.output / rel, data):
            if self.made:
                self._link(rel)
            else:
                self._unchanged.append(rel)
            return
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.changed.append(rel)

    def complete(self, keep: Iterable[str]) -> None:
        """Bring over the files kept from the old site without being rendered again."""
        for rel in sorted(set(keep) - self.wanted):
            self._link(rel)

    def _link(self, rel: str) -> None:
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.output / rel, target)
        except OSError:
            shutil.copy2(self.output / rel, target)

    def discard(self) -> None:
        if self.made:
            _remove_tree(self.path, force=True)


def _relist(listing: set[str] | None, files: set[str]) -> None:
    if listing is not None:
        listing.clear()
        listing.update(files)


def _update_in_place(output: Path, changed: Mapping[str, bytes], removed: Iterable[str]) -> None:
    """Replace files one by one: only for a private preview, never for a published site."""
    for rel, data in changed.items():
        target = output / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for rel in removed:
        (output / rel).unlink(missing_ok=True)


_MARKER_TEXT = b"Made by briefings; this folder is rewritten on every build.\n"


def _existing_files(output: Path) -> set[str]:
    found = set()
    for dirpath, _, filenames in os.walk(output):
        base = Path(dirpath).relative_to(output)
        found.update((base / name).as_posix() for name in filenames)
    return found


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def replace_folder(new: Path, current: Path) -> None:
    """Put folder `new` where `current` is, in one atomic exchange where the system has it."""
    if not current.exists():
        new.rename(current)
    elif _exchange(new, current):
        shutil.rmtree(new)
    else:
        old = current.with_name(current.name + f".old-{os.getpid()}")
        current.rename(old)
        new.rename(current)
        shutil.rmtree(old)


def _swap_in(staging: Path, output: Path) -> None:
    if not output.exists():
        staging.rename(output)
        return
    # check_output_dir made sure the old folder is ours (or empty), so it may be deleted.
    if _exchange(staging, output):
        _remove_tree(staging, force=True)
        return
    # No atomic exchange on this system: two renames, the old tree kept until the new one is in.
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    output.rename(old)
    staging.rename(output)
    _remove_tree(old, force=True)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _remove_tree(path: Path, *, force: bool = False) -> None:
    """Delete a folder only if it is ours: it carries the marker (or is our own staging folder)."""
    if not path.exists():
        return
    if force or (path / MARKER).exists():
        shutil.rmtree(path)
