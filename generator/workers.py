"""How worker processes start (by fork where the system has it), and how work is shared.

A forked worker inherits the parsed site and the template environment instead of receiving them
pickled, which keeps pool start-up cheap; Python 3.14 changed the default to forkserver.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8  # beyond this, start-up and copied memory cost more than the cores give


def worker_count(requested: int | None = None, tasks: int | None = None) -> int:
    """Processes to use: as `-j` asked, else one per CPU (at most MAX_WORKERS), and never more
    than there are tasks."""
    count = requested or min(os.cpu_count() or 1, MAX_WORKERS)
    return max(1, min(count, tasks)) if tasks is not None else count


# CPython collects after every 700 new objects, and every so often walks all the old ones again:
# a build makes millions of small frozen objects that never become garbage, and those walks cost
# a quarter of a warm build's CPU time (5,000 articles, no change: 6.0 s -> 4.5 s). Collect rarely;
# cyclic garbage is rare here and waits at most this many allocations.
GC_THRESHOLDS = (50_000, 20, 20)


def collect_rarely() -> None:
    gc.set_threshold(*GC_THRESHOLDS)


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


@contextmanager
def forked_pool(
    workers: int, setup: Callable[..., object], *args: object
) -> Iterator[ProcessPoolExecutor]:
    """Worker processes, each made ready by `setup(*args)`. Forked, they share this process's
    memory, so `args` (a whole site) cost no pickling; without fork they are pickled once per
    worker.

    A forked worker copies every page of memory it writes to, and CPython writes to an object
    whenever it reads it (the reference count), so each worker costs part of the shared data
    again. The garbage collector's bookkeeping would write to every object: it is kept off
    the objects that exist now."""
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers, mp_context=FORK, initializer=setup, initargs=args
        ) as pool:
            yield pool
    finally:
        gc.unfreeze()


def share(pool: ProcessPoolExecutor, work: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """`work(item)` for every item, in no fixed order. The pool's workers take items from the
    front; this process takes them from the back while the front is not ready yet, so neither
    side waits for the other, and one process fewer is forked for the same speed."""
    queued = deque((pool.submit(work, item), item) for item in items)
    while queued:
        if not queued[0][0].done() and queued[-1][0].cancel():
            yield work(queued.pop()[1])
        else:
            yield queued.popleft()[0].result()
