"""Giving freed memory back to the system before a memory-hungry step (Pagefind)."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Callable


def release_memory() -> None:
    """Collect garbage, then ask the C allocator to return its free pages.

    CPython hands a freed article's text back to glibc's malloc, which keeps the pages for reuse;
    `malloc_trim` returns them, so a child process started next has that memory to use.
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    return getattr(ctypes.CDLL(name), "malloc_trim", None)  # glibc only
