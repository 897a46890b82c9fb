"""Sweeps: regions x scenarios x lever grids, serially or on Dask, into one tidy Parquet table.

Each cell is ``simulate`` of one region, one scenario and one lever point; only its
summary (per indicator: p_hit, its error, quantiles, ...) travels back. Randomness is a
pure function of (seed, block of paths) (``scenarios.engine.iter_draws``), so the table
is byte-identical serially, on 2 local processes or on any cluster, and the cells of one
region share their draws (common random numbers, as in ``compare``). A region's setup is
sent to the cluster once (scatter). Finished cells are skipped when the sweep is rerun.
"""

from __future__ import annotations

import os
import time
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, Unpack

import pandas as pd

from scenarios.options import RunFields, RunOptions, run_options
from talentsim.sweep_output import (KEY, Existing, OutputClaim, SweepError, assemble, other_rows_kept, read_existing,
                                    write_table)
from talentsim.sweep_cells import Regions, cell_rows, find_regions, prepare_region, run_batch
from talentsim.sweep_grid import (Cell, Grid, GridError, check_size, grid_scenarios, load_grid, make_cells,
                                  region_datasets)

if TYPE_CHECKING:
    import distributed

SERIAL_BELOW = 4_000_000     #: cells x paths under which a sweep runs in-process by default
TASK_PATHS = 400_000         #: paths per task (cells of one region batched to about this)
SAVE_EVERY = 30.0            #: seconds between checkpoints of the output file


@dataclass
class SweepResult:
    """The table and what it took: cells computed now, cells reused from the output file."""

    table: pd.DataFrame
    computed: int
    reused: int
    skipped_regions: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0          # wall time of the whole sweep
    prepare_seconds: float = 0.0  # of which setting up: data, growth laws (reference class), local workers
    workers: int = 1


@dataclass(frozen=True)
class Cluster:
    """Where a sweep runs: ``client`` (a ``distributed.Client``) or ``scheduler`` (its address,
    reached within ``timeout`` seconds) use an existing cluster; otherwise ``workers`` local
    processes of ``memory_limit`` each (default: one per core, or in-process for small grids;
    ``workers=1`` is always in-process)."""

    workers: Optional[int] = None
    client: Optional[distributed.Client] = None
    scheduler: Optional[str] = None
    memory_limit: str | int = "auto"
    timeout: float = 10.0


#: in-process, one worker
SERIAL = Cluster(workers=1)


def _batches(cells: list[Cell], idx: list[int]) -> Iterator[list[int]]:
    """Cell indices grouped by (region, seed, paths), about TASK_PATHS paths per group."""
    groups: dict[tuple, list[int]] = {}
    for i in idx:
        c = cells[i]
        groups.setdefault((c.region, c.scenario.seed, c.scenario.paths), []).append(i)
    for (_, _, paths), members in groups.items():
        size = max(1, min(64, TASK_PATHS // paths))
        for j in range(0, len(members), size):
            yield members[j:j + size]


def sweep(grid: str | os.PathLike | Grid, *, out: str | os.PathLike | None = None, base: str | os.PathLike = ".",
          cluster: Cluster = Cluster(), options: Optional[RunOptions] = None, progress: bool = False,
          other_rows: str = "refuse", **run: Unpack[RunFields]) -> SweepResult:
    """Run a sweep grid and return (and, with ``out``, write) its tidy table.

    ``grid`` is a grid file or a ``Grid`` (relative paths then start at ``base``).
    Where it runs: ``cluster`` (:class:`Cluster`; ``SERIAL`` is in-process). ``options`` (or its
    fields as keywords, ``paths=``, ``seed=``, ``chunk=``): paths and seed replace the grid's;
    paths are always drawn in antithetic pairs. Cells already in ``out`` are reused, not recomputed (a cell
    whose scenario or data changed since is recomputed). Rows of another sweep in ``out`` (another
    seed, path count or lever grid) are refused unless ``other_rows`` is "keep" or "drop". The
    output's folder is checked and locked against a concurrent sweep before anything is computed.
    """
    if other_rows not in ("refuse", "keep", "drop"):
        raise ValueError(f"other_rows must be refuse, keep or drop; got {other_rows!r}")
    opts = run_options(options, run)
    if not opts.antithetic:
        raise ValueError("a sweep always draws paths in antithetic pairs (its cells' digests do not record "
                         "the pairing); leave antithetic at True")
    t0 = time.perf_counter()
    own_client = None
    if cluster.client is None and cluster.scheduler is not None:      # fail fast, before any fitting
        from talentsim.sweep_dask import connect

        own_client = connect(cluster.scheduler, cluster.timeout)
        cluster = replace(cluster, client=own_client)
    try:
        with OutputClaim(Path(out)) if out is not None else nullcontext():
            return _sweep(grid, out, base, cluster, opts, progress, t0, other_rows)
    finally:
        if own_client is not None:
            own_client.close()


def _sweep(grid, out, base, cluster: Cluster, opts: RunOptions, progress: bool, t0: float,
           other_rows: str) -> SweepResult:
    paths, seed, chunk, client, workers = opts.paths, opts.seed, opts.chunk, cluster.client, cluster.workers
    if isinstance(grid, Grid):
        g, folder, source = grid, Path(base).resolve(), "<grid>"
    else:
        (g, folder), source = load_grid(grid), str(grid)
    if paths is not None or seed is not None:
        upd = {k: v for k, v in (("paths", paths), ("seed", seed)) if v is not None}
        g = Grid.model_validate(g.model_dump() | upd)
    scenarios = grid_scenarios(g, folder)
    horizons = sorted({sc.horizon for _, sc in scenarios}, key=str)
    if len(horizons) > 1:   # None = each region's own target year
        raise GridError(f"scenarios: horizons differ ({', '.join(str(h or 'region') for h in horizons)}); "
                        "set 'horizon' in the grid")
    regions = find_regions(region_datasets(g, folder), g.regions.include, horizons[0])
    check_size(g, n_regions=len(regions.candidates), paths=max(sc.paths for _, sc in scenarios), source=source)
    work = len(regions.candidates) * len(scenarios) * g.n_points * max(sc.paths for _, sc in scenarios)
    on_dask = client is not None or (workers or 0) > 1 or (workers is None and work >= SERIAL_BELOW)
    if not on_dask:
        return _finish(g, scenarios, regions, None, out, chunk, progress, source, t0, other_rows)
    from talentsim.sweep_dask import dask_client

    with dask_client(client, workers, cluster.memory_limit) as cl:
        return _finish(g, scenarios, regions, cl, out, chunk, progress, source, t0, other_rows)


def _finish(g: Grid, scenarios, regions: Regions, client, out, chunk: int, progress: bool, source: str,
            t0: float, other_rows: str = "refuse") -> SweepResult:
    """Prepare the regions, skip finished cells, run the rest, write the table."""
    horizon = scenarios[0][1].horizon
    if client is None:
        setups = {r: prepare_region(*_args(regions, r, p, horizon)) for r, p in regions.candidates}
        skipped = {r: s for r, s in setups.items() if isinstance(s, str)}
    else:
        from talentsim.sweep_dask import prepare_on

        setups, skipped = prepare_on(client, regions, horizon)
    skipped = regions.skipped | skipped
    ok = [(r, p) for r, p in regions.candidates if r not in skipped]
    if not ok:
        raise GridError(f"regions: no region can be simulated by {horizon or 'its target year'}: "
                        + "; ".join(f"{r}: {why}" for r, why in skipped.items()))
    from forecast.cache import fingerprint
    from forecast.data.horizon import region_horizon

    keys = {p: fingerprint(p) for p in {p for _, p in ok}}
    own = {r: region_horizon(regions.datasets[p][0], r) for r, p in ok}   # each region's horizon, from its data
    cells = [c if c.scenario.horizon is not None else
             replace(c, scenario=c.scenario.model_copy(update={"horizon": own[c.region]}))
             for c in make_cells(g, ok, scenarios, source=source, data_keys=keys)]
    out_path = Path(out) if out is not None else None
    existing = read_existing(out_path, cells, list(g.levers)) if out_path else Existing()
    keep = other_rows_kept(existing, out_path, other_rows) if out_path else pd.DataFrame()
    parts = dict(existing.found)
    reused = len(parts)
    todo = [i for i in range(len(cells)) if i not in parts]
    batches = list(_batches(cells, todo))
    last_save = [time.perf_counter()]

    def done(batch: list[int], rows: list[pd.DataFrame]) -> None:
        parts.update(zip(batch, rows))
        if out_path and time.perf_counter() - last_save[0] > SAVE_EVERY:
            write_table(assemble(parts, keep), out_path)
            last_save[0] = time.perf_counter()

    t_prep, n_workers = time.perf_counter() - t0, 1
    try:
        with _progress(progress, len(todo)) as advance:
            if client is None:
                for batch in batches:
                    done(batch, run_batch(setups[cells[batch[0]].region], [cells[i] for i in batch], chunk))
                    advance(len(batch))
            else:
                from talentsim.sweep_dask import run_on

                n_workers = run_on(client, batches, cells, setups, chunk, done, advance)
    except BaseException:
        if out_path and len(parts) > reused:      # keep what is finished: a rerun resumes from it
            write_table(assemble(parts, keep), out_path)
        raise
    table = assemble(parts, keep)
    if out_path:
        write_table(table, out_path)
    return SweepResult(table, len(todo), reused, skipped, time.perf_counter() - t0, t_prep, n_workers)


def _args(regions: Regions, region: str, path: str, horizon: int) -> tuple:
    ds, prior = regions.datasets[path]
    return ds, region, horizon, prior


class _progress:
    """A rich progress bar on stderr counting cells (or nothing)."""

    def __init__(self, show: bool, total: int) -> None:
        self.show, self.total, self.bar = show and total > 0, total, None

    def __enter__(self) -> Callable[[int], None]:
        if not self.show:
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=Console(stderr=True))
        self.bar.__enter__()
        task = self.bar.add_task("cells", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


__all__ = ["sweep", "Cluster", "SERIAL", "SweepResult", "SweepError", "run_batch", "cell_rows", "write_table", "find_regions",
           "prepare_region", "Regions", "KEY"]
