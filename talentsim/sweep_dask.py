"""Run sweep batches on Dask distributed: a local cluster, or an existing one by address.

Each region's setup is scattered once; every batch of that region's cells refers to it.
Batches return summary tables only. Needs the ``sweep`` extra (``dask[distributed]``);
on an existing cluster the workers need talentsim installed in the same version.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import CancelledError
from typing import Any, Callable, Optional

import pandas as pd

from scenarios.engine import Setup
from talentsim.sweep import SweepError, run_batch
from talentsim.sweep_grid import Cell


def _distributed():
    try:
        import distributed
    except ImportError:
        raise SweepError("parallel sweeps need Dask: pip install 'talentsim[sweep]' "
                         "(or run with --workers 1)") from None
    return distributed


def connect(scheduler: str, timeout: float = 10.0):
    """A client of the scheduler at ``scheduler`` (tcp://HOST:PORT), or a SweepError naming it."""
    distributed = _distributed()
    try:
        client = distributed.Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SweepError(f"cannot reach the Dask scheduler at {scheduler} within {timeout:g} s: "
                         f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise SweepError(f"the Dask scheduler at {scheduler} has no workers (waited {timeout:g} s)") from exc
    return client


def run_on_dask(batches: list[list[int]], cells: list[Cell], setups: dict[str, Setup], chunk: int,
                done: Callable[[list[int], list[pd.DataFrame]], None], advance: Callable[[int], None], *,
                client: Any = None, workers: Optional[int] = None, memory_limit: str | int = "auto") -> int:
    """Run ``batches`` (lists of cell indices of one region) and hand each result to ``done``.

    Uses ``client`` if given (see ``connect``), else starts a LocalCluster of
    ``workers`` single-threaded processes (default one per core) with ``memory_limit``
    each. Returns the number of workers. Only clusters and clients it made are closed.
    """
    distributed = _distributed()
    own_cluster = own_client = None
    if client is None:
        own_cluster = distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                               processes=True, memory_limit=memory_limit,
                                               dashboard_address=None, silence_logs=logging.ERROR)
        client = own_client = distributed.Client(own_cluster)
    where = client.scheduler.address
    try:
        n_workers = len(client.scheduler_info()["workers"])
        regions = sorted({cells[b[0]].region for b in batches})
        remote = {r: client.scatter(setups[r], hash=False) for r in regions}           # once per region
        futures = {client.submit(run_batch, remote[cells[b[0]].region], [cells[i] for i in b], chunk,
                                 pure=False): b for b in batches}
        for fut in distributed.as_completed(futures):
            b = futures[fut]
            try:
                rows = fut.result()
            except distributed.KilledWorker as exc:
                raise SweepError(f"a Dask worker died while simulating region {cells[b[0]].region!r} "
                                 f"(scheduler {where}); it may have run out of memory (memory_limit per worker: "
                                 f"{memory_limit}); see the worker logs. Rerun to resume: finished cells are kept. "
                                 f"({exc})") from None
            except (OSError, CancelledError) as exc:
                raise SweepError(f"lost the Dask scheduler at {where} ({type(exc).__name__}: {exc}); "
                                 "rerun to resume") from None
            done(b, rows)
            advance(len(b))
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
    return n_workers


__all__ = ["run_on_dask", "connect"]
