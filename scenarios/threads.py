"""How many threads a run uses, and the one pool that runs its chunks.

A run's chunks of paths are independent (each draws from its own blocks' random streams,
``scenarios.engine``), and numpy releases the GIL in its array loops, so a chunk per thread
uses several cores of one process. Results come back in chunk order: the numbers are the
same for any thread count (``tests/scenarios/test_engine.py``).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Optional, Sequence, TypeVar

_Item = TypeVar("_Item")
_Out = TypeVar("_Out")

MAX_THREADS = 4         #: threads a run uses at most by default (``RunOptions.threads``)


def run_threads(threads: Optional[int] = None) -> int:
    """Threads a run uses: ``threads`` if given, else the cores this process may use, at most
    ``MAX_THREADS``."""
    if threads is not None:
        return max(1, int(threads))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:                      # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_THREADS))


def map_chunks(fn: Callable[[_Item], _Out], items: Sequence[_Item], threads: int) -> list[_Out]:
    """``[fn(x) for x in items]``, in order; with ``threads`` > 1 and more than one item, in a
    pool of that many threads."""
    if threads <= 1 or len(items) <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(max_workers=min(threads, len(items))) as pool:
        return list(pool.map(fn, items))


__all__ = ["MAX_THREADS", "run_threads", "map_chunks"]
