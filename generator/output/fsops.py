"""File-system helpers of the writer and the search indexer: links, atomic exchanges, and
deletions that touch only our own folders."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from pathlib import Path

from generator.output.guard import MARKER

_RENAME_EXCHANGE = 2  # renameat2's flag


def same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def make_parents(root: Path, rel: str, made: set[str]) -> None:
    """Make the folders of `rel` under `root`; a file in the way (a spare from a site laid out
    differently) is removed. `made` holds the folders (relative) already seen to be folders,
    and gains those made: a caller making many files in the same folders checks each once."""
    folder = str(root)
    parts = rel.split("/")[:-1]
    for depth, part in enumerate(parts, 1):
        folder = os.path.join(folder, part)
        seen = "/".join(parts[:depth])
        if seen in made:
            continue
        if os.path.islink(folder) or os.path.isfile(folder):
            os.unlink(folder)
        if not os.path.isdir(folder):
            os.mkdir(folder)
        made.add(seen)


def remove_file(root: Path, rel: str) -> None:
    """Delete the file `rel` under `root`, then the folders it leaves empty."""
    path = root / rel
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == root:
            break
        try:
            folder.rmdir()
        except OSError:  # not empty
            break


def existing_files(output: Path) -> set[str]:
    """Every file under `output`, as POSIX paths relative to it. Strings, not `Path`s: a site
    holds tens of thousands of files, and pathlib costs several times the walk itself."""
    found: set[str] = set()
    root = str(output)
    skip = len(root) + 1
    for dirpath, _, filenames in os.walk(root):
        base = dirpath[skip:].replace(os.sep, "/")
        prefix = base + "/" if base else ""
        found.update(prefix + name for name in filenames)
    return found


def holds_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def link_or_copy(src: str | Path, dst: str | Path) -> None:
    """Share the file `src` at `dst`: a hard link (same bytes, same modification time, no copy),
    or a copy where the file system cannot link."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def replace_folder(new: Path, current: Path) -> None:
    """Put folder `new` where `current` is, in one atomic exchange where the system has it."""
    if not current.exists():
        new.rename(current)
    elif exchange(new, current):
        shutil.rmtree(new)
    else:
        old = current.with_name(current.name + f".old-{os.getpid()}")
        current.rename(old)
        new.rename(current)
        shutil.rmtree(old)


def exchange(a: Path, b: Path) -> bool:
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


def remove_tree(path: Path, *, force: bool = False) -> None:
    """Delete a folder only if it is ours: it carries the marker (or is our own staging folder)."""
    if not path.exists():
        return
    if force or (path / MARKER).exists():
        shutil.rmtree(path)
