"""Run a sweep on Dask distributed: a local cluster, or an existing one by address.

Each dataset is scattered once and each region's setup is built on a worker and stays
there; every batch of that region's cells refers to it. Batches return summary tables
only. Needs the ``sweep`` extra (``dask[distributed]``); on an existing cluster the
workers need talentsim installed in the same version.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import CancelledError
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

import pandas as pd

from talentsim.sweep_cells import Regions, prepare_region, run_batch
from talentsim.sweep_output import SweepError
from talentsim.sweep_grid import Cell

if TYPE_CHECKING:
    import distributed


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
    except (OSError, TimeoutError):
        client.close()
        raise SweepError(f"the Dask scheduler at {scheduler} has no workers (waited {timeout:g} s)") from None
    return client


@contextmanager
def dask_client(client: distributed.Client | None = None, workers: Optional[int] = None, memory_limit: str | int = "auto") -> Iterator[Any]:
    """``client`` itself, or a client of a new LocalCluster of ``workers`` single-threaded
    processes (default one per core) with ``memory_limit`` each, closed on exit."""
    if client is not None:
        yield client
        return
    distributed = _distributed()
    with distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", memory_limit=memory_limit, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as own:
        yield own


def _skip_reason(setup: Any) -> str:
    return setup if isinstance(setup, str) else ""


def prepare_on(client: distributed.Client, regions: Regions, horizon: int) -> tuple[dict[str, Any], dict[str, str]]:
    """Build every region's setup on the workers; (region -> future of its setup, skipped)."""
    remote = {path: client.scatter(ds, hash=False) for path, (ds, _) in regions.datasets.items()}  # once each
    futures = {r: client.submit(prepare_region, remote[path], r, horizon, regions.datasets[path][1], pure=False)
               for r, path in regions.candidates}
    why = _guard(client, lambda: client.gather(client.map(_skip_reason, list(futures.values()), pure=False)),
                 "preparing the regions")
    skipped = {r: w for r, w in zip(futures, why) if w}
    return {r: f for r, f in futures.items() if r not in skipped}, skipped


def run_on(client: distributed.Client, batches: list[list[int]], cells: list[Cell], setups: dict[str, Any], chunk: int,
           done: Callable[[list[int], list[pd.DataFrame]], None], advance: Callable[[int], None]) -> int:
    """Run ``batches`` (cell indices of one region each), handing each result to ``done``;
    returns the number of workers. ``setups`` are setups or futures of them."""
    distributed = _distributed()
    n_workers = len(client.scheduler_info()["workers"])
    setups = {r: s if isinstance(s, distributed.Future) else client.scatter(s, hash=False)   # once per region
              for r, s in setups.items()}
    futures = {client.submit(run_batch, setups[cells[b[0]].region], [cells[i] for i in b], chunk, 1, pure=False): b
               for b in batches}
    for fut in distributed.as_completed(futures):
        b = futures[fut]
        rows = _guard(client, fut.result, f"simulating region {cells[b[0]].region!r}")
        done(b, rows)
        advance(len(b))
    return n_workers


def _guard(client: distributed.Client, fn: Callable[[], Any], what: str) -> Any:
    """``fn()``, with a dead worker or a lost scheduler turned into a SweepError naming the address."""
    distributed = _distributed()
    where = client.scheduler.address
    try:
        return fn()
    except distributed.KilledWorker as exc:
        raise SweepError(f"a Dask worker died while {what} (scheduler {where}); it may have run out of memory "
                         f"(each worker's memory_limit); see the worker logs. Rerun to resume: finished cells "
                         f"are kept. ({exc})") from None
    except (OSError, CancelledError) as exc:
        raise SweepError(f"lost the Dask scheduler at {where} while {what} ({type(exc).__name__}: {exc}); "
                         "rerun to resume") from None


__all__ = ["connect", "dask_client", "prepare_on", "run_on"]
