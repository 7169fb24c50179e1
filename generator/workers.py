"""How worker processes start: by fork where the system has it.

A forked worker inherits the parsed site and the template environment instead of receiving them
pickled, which keeps pool start-up cheap; Python 3.14 changed the default to forkserver.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

FORK: BaseContext | None = (
    multiprocessing.get_context("fork")
    if "fork" in multiprocessing.get_all_start_methods()
    else None
)
