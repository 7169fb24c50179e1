"""Stage 8: put the rendered site in place, all at once or not at all.

The new site is written to a sibling folder and swapped in with one atomic rename exchange
(Linux renameat2), so a build that fails or is killed at any moment leaves either the old site or
the new one. Files whose bytes did not change keep their old modification time, so deploys and
rsync see only real changes. We only ever delete a folder that carries our marker file.

The site a build replaces may be kept as a spare (in the cache folder): the next build brings it
up to date instead of making a tree of thousands of folders and links anew, so publishing one
edit costs what the edit touched. Its unchanged files are hard links to the published ones, so a
changed file is always written as a new file, never into an existing one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from generator.output.fsops import (
    exchange,
    existing_files,
    holds_bytes,
    link_or_copy,
    make_parents,
    remove_file,
    remove_tree,
    same_file,
)
from generator.output.guard import MARKER


@dataclass(frozen=True)
class Staged:
    """A new site made by `stage_site`, for `publish_site` to put in place. Plain data: the
    process that stages a site need not be the one that publishes it."""

    output: Path
    folder: Path | None  # the new tree; None if the output was updated in place or already is it
    touched: frozenset[str]  # paths added, changed or removed
    files: frozenset[str]  # what the output holds once published
    spare: Path | None = None  # where to keep the replaced site for the next build


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
    spare: Path | None = None,
) -> int:
    """Stage and publish in one go; returns how many files were added, changed or removed."""
    staged = stage_site(
        files, kept, static, output, preserve=preserve, atomic=atomic, listing=listing, spare=spare
    )
    return publish_site(staged, finish=finish, listing=listing)


def stage_site(
    files: Iterable[tuple[str, bytes]],
    kept: Iterable[str],
    static: Mapping[str, Path],
    output: Path,
    *,
    preserve: Iterable[str] = (),
    atomic: bool = True,
    listing: set[str] | None = None,
    spare: Path | None = None,
) -> Staged:
    """Make the new site: `files`, `static` (copied) and `kept` (left as they were).

    `files` is a stream of (path, bytes), written as it comes: a large site's pages are never
    all in memory at once. If the stream raises (a template failed), the output is untouched.
    Folders named in `preserve` (the search index) are carried over.

    The whole new site is assembled beside the old one (unchanged files hard-linked, so they
    keep their modification time), for `publish_site` to swap in. With `atomic=False` (the
    preview server's private folder) files are updated in place: faster. Such a caller may
    also pass `listing`, the set of files it knows the folder holds (empty at first): it saves
    walking the folder, and `publish_site` keeps it up to date. `spare` is where the site this one
    replaces is kept (on the output's file system), and taken from to make the next.
    """
    output = output.resolve()
    for stale in output.parent.glob(f".{output.name}.new-*"):  # left by a killed build
        remove_tree(stale, force=True)
    stream = chain(
        files,
        ((rel, src.read_bytes()) for rel, src in static.items()),
        [(MARKER, _MARKER_TEXT)],
    )
    trusted = listing if listing and not atomic else None
    previous = trusted or (existing_files(output) if (output / MARKER).is_file() else None)
    keep = set(kept)
    if previous is not None:
        folders = tuple(f"{name}/" for name in preserve)
        keep |= {rel for rel in previous if rel.startswith(folders)}
    if not atomic and previous is not None:
        return _update_in_place(output, stream, previous, keep)
    # A published site takes even one changed file through a fresh tree: replacing files one by
    # one would leave a mix of old and new pages if the build were killed between two of them.
    tree = _Staging(output, spare)
    try:
        for rel, data in stream:
            tree.add(rel, data)
        removed = frozenset() if previous is None else previous - tree.wanted - keep
        touched = frozenset(tree.changed) | removed
        final = frozenset(tree.wanted | keep)
        if previous is not None and not touched:
            tree.discard()
            return Staged(output, None, touched, final)  # the output already is the new site
        tree.complete(keep)
        return Staged(output, tree.folder, touched, final, spare)
    except BaseException:  # a failed template, a full disk, Ctrl-C: nothing half-made is left
        tree.discard()
        raise


def publish_site(
    staged: Staged,
    *,
    finish: Callable[[Path, frozenset[str]], None] | None = None,
    listing: set[str] | None = None,
) -> int:
    """Put a staged site in place with one atomic rename exchange.

    `finish(folder, changed)` runs on the complete new tree before the swap, so what it adds
    (the search index) is part of it; a site updated in place is finished where it is, even
    when no page changed (an earlier build may have left it without its index). If `finish`
    fails, the staged tree is dropped and the output stays as it was.
    Returns how many files were added, changed or removed.
    """
    if staged.folder is not None:
        try:
            if finish:
                finish(staged.folder, staged.touched)
        except BaseException:
            remove_tree(staged.folder, force=True)
            raise
        _swap_in(staged.folder, staged.output, staged.spare)
    elif finish:
        finish(staged.output, staged.touched)
    if listing is not None:  # only once the folder holds exactly that
        listing.clear()
        listing.update(staged.files)
    return len(staged.touched)


class _Staging:
    """The new site, assembled in a folder beside the old one.

    The folder is made on the first file that differs from the old site: a build that changes
    nothing writes nothing. Unchanged files are hard-linked from the old site, so they keep
    their modification time. The folder is the spare, if there is one of ours: then only what
    differs from it is linked, written or deleted.
    """

    def __init__(self, output: Path, spare: Path | None) -> None:
        self.output = output
        self.spare = spare
        self.path = output.parent / f".{output.name}.new-{os.getpid()}"
        self.made = False
        self.wanted: set[str] = set()
        self.changed: list[str] = []
        self._unchanged: list[str] = []  # linked once the folder exists
        self._reused = False  # the folder is the spare, brought up to date
        self._stale: set[str] = set()  # files of the spare the new site has not claimed yet
        self._folders: set[str] = set()  # folders of the staging tree known to be there

    @property
    def folder(self) -> Path:
        """The staging folder, made (with the unchanged files so far) on first use."""
        if not self.made:
            if not self._take_spare():
                self.path.mkdir(parents=True)
            self.made = True
            for rel in self._unchanged:
                self._link(rel)
        return self.path

    def _take_spare(self) -> bool:
        if self.spare is None or not (self.spare / MARKER).is_file():
            return False
        try:
            self.spare.rename(self.path)
        except OSError:  # on another file system than the output: not usable
            return False
        self._reused = True
        self._stale = existing_files(self.path)
        return True

    def add(self, rel: str, data: bytes) -> None:
        self.wanted.add(rel)
        if holds_bytes(self.output / rel, data):
            if self.made:
                self._link(rel)
            else:
                self._unchanged.append(rel)
            return
        target = self._clear(rel)
        target.write_bytes(data)
        self.changed.append(rel)

    def complete(self, keep: Iterable[str]) -> None:
        """Bring over the files kept from the old site without being rendered again, and drop
        what the spare holds that the new site does not."""
        for rel in sorted(set(keep) - self.wanted):
            self._link(rel)
        for rel in sorted(self._stale):
            remove_file(self.path, rel)

    def _link(self, rel: str) -> None:
        source = os.path.join(self.output, rel)  # strings: this runs for every unchanged file
        if rel in self._stale and same_file(source, os.path.join(self.folder, rel)):
            self._stale.discard(rel)  # the spare already shares this file with the old site
            return
        link_or_copy(source, self._clear(rel))

    def _clear(self, rel: str) -> Path:
        """The path for file `rel` in the folder, with nothing there and its folders made."""
        target = self.folder / rel
        if not self._reused:
            folder = rel.rpartition("/")[0]
            if folder not in self._folders:  # one mkdir a folder: a search shard has hundreds
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(folder)
            return target
        # Folders first: one the old site had as a file is in the way, and no longer stale.
        parts = rel.split("/")
        self._stale.difference_update("/".join(parts[:i]) for i in range(1, len(parts)))
        make_parents(self.path, rel, self._folders)
        # A new file, never written into the spare's: that may be a link to a published one.
        if target.is_dir() and not target.is_symlink():  # the old site had a folder here
            shutil.rmtree(target)
            self._stale = {f for f in self._stale if not f.startswith(rel + "/")}
            self._folders = {f for f in self._folders if f != rel and not f.startswith(rel + "/")}
        else:
            target.unlink(missing_ok=True)
        self._stale.discard(rel)
        return target

    def discard(self) -> None:
        if self.made:
            remove_tree(self.path, force=True)


def _update_in_place(
    output: Path, stream: Iterable[tuple[str, bytes]], previous: set[str], keep: set[str]
) -> Staged:
    """Replace files one by one: only for a private preview, never for a published site.

    Only what changed is held, and nothing is written before the whole stream has come."""
    wanted: set[str] = set()
    changed: dict[str, bytes] = {}
    for rel, data in stream:
        wanted.add(rel)
        if not holds_bytes(output / rel, data):
            changed[rel] = data
    removed = previous - wanted - keep
    for rel, data in changed.items():
        write_in_place(output, rel, data)
    for rel in removed:
        (output / rel).unlink(missing_ok=True)
    return Staged(output, None, frozenset(changed) | frozenset(removed), frozenset(wanted | keep))


def write_in_place(output: Path, rel: str, data: bytes) -> None:
    """One file of a private preview folder, written where it is."""
    target = output / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


_MARKER_TEXT = b"Made by briefings; this folder is rewritten on every build.\n"


def _swap_in(staging: Path, output: Path, spare: Path | None) -> None:
    if not output.exists():
        staging.rename(output)
        return
    # check_output_dir made sure the old folder is ours (or empty), so it may be deleted.
    if exchange(staging, output):
        _keep_as_spare(staging, spare)
        return
    # No atomic exchange on this system: two renames, the old tree kept until the new one is in.
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    output.rename(old)
    staging.rename(output)
    _keep_as_spare(old, spare)


def _keep_as_spare(old: Path, spare: Path | None) -> None:
    """Keep the replaced site for the next build to bring up to date; else delete it."""
    if spare is not None and (old / MARKER).is_file():
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            old.rename(spare)
            return
        except OSError:  # another file system, or a spare is there already
            pass
    remove_tree(old, force=True)
