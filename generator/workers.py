"""How worker processes start: by fork where the system has it.

A forked worker inherits the parsed site and the template environment instead of receiving them
pickled, which keeps pool start-up cheap; Python 3.14 changed the default to forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import TypeVar

T = TypeVar("T")

FORK: BaseContext | None = (
    multiprocessing.get_context("fork")
    if "fork" in multiprocessing.get_all_start_methods()
    else None
)


def in_child(task: Callable[[], T]) -> T:
    """`task()`, run in a forked process: whatever it allocated is given back to the system
    whole when that process exits (CPython keeps freed memory in its own pools otherwise).
    Its result and exceptions must pickle. Without fork, it runs here."""
    if FORK is None:
        return task()
    with ProcessPoolExecutor(1, mp_context=FORK) as pool:
        return pool.submit(task).result()
