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
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pandas as pd

from scenarios.engine import CHUNK, Setup
from talentsim.sweep_grid import (Cell, Grid, GridError, check_size, grid_scenarios, load_grid, make_cells,
                                  region_datasets)

#: key columns of every sweep table, besides one column per swept lever
KEY = ("region", "scenario", "seed", "paths", "horizon", "digest")
SERIAL_BELOW = 4_000_000     #: cells x paths under which a sweep runs in-process by default
TASK_PATHS = 400_000         #: paths per task (cells of one region batched to about this)
SAVE_EVERY = 30.0            #: seconds between checkpoints of the output file


class SweepError(RuntimeError):
    """The sweep could not run (scheduler unreachable, worker died, output not ours)."""


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
class Regions:
    """The regions a grid names: datasets (loaded once, with the fitted reference class) and candidates."""

    datasets: dict[str, tuple[Any, Any]]        # dataset path -> (Dataset, forecast.ReferenceFit)
    candidates: list[tuple[str, str]]           # (region, dataset path), in order
    skipped: dict[str, str]                     # region -> why it is not simulated


def find_regions(paths: list[Path], include: Optional[list[str]], horizon: Optional[int]) -> Regions:
    """Load each dataset once; keep the regions with a numeric target by ``horizon`` (None: each
    region's own target years, read from its data)."""
    from forecast.typeprior import reference_fit
    from forecast.data import load_dataset

    datasets, candidates, skipped, seen = {}, [], {}, {}
    for path in paths:
        ds = load_dataset(path)
        datasets[str(path)] = (ds, reference_fit())
        ind = ds.indicators
        for r in dict.fromkeys(ind["region"]):
            if include is not None and r not in include:
                continue
            if r in seen:
                raise GridError(f"regions: region {r!r} is in two datasets ({seen[r]} and {path}); rename one")
            seen[r] = path
            mine = ind[(ind["region"] == r) & ind["target_value"].notna() & _by(ind["target_year"], horizon)]
            by = f"by {horizon}" if horizon is not None else "with a target year"
            if mine.empty:
                if include is not None:
                    raise GridError(f"regions.include: region {r!r} has no numeric target {by} to simulate")
                skipped[r] = f"no numeric target {by}"
                continue
            candidates.append((r, str(path)))
    missing = [r for r in include or [] if r not in seen]
    if missing:
        raise GridError(f"regions.include: not in the data: {', '.join(missing)}")
    return Regions(datasets, candidates, skipped)


def _by(years: pd.Series, horizon: Optional[int]) -> pd.Series:
    """Target years a sweep simulates: up to ``horizon``, or every dated one (None)."""
    return years.notna() if horizon is None else years <= horizon


def prepare_region(ds: Any, region: str, horizon: Optional[int], prior: Any) -> Setup | str:
    """A region's setup (growth laws from the type priors of ``prior``, a fitted reference
    class), or why there is none.

    The same laws as ``scenarios.baseline.region_setup``: the reference class is fitted
    once, not once per region.
    """
    import forecast
    from scenarios.baseline import setup_from_dataset

    ind = ds.indicators
    ids = ind.loc[(ind["region"] == region) & ind["target_value"].notna() & _by(ind["target_year"], horizon), "id"]
    try:
        return setup_from_dataset(ds, region, horizon, forecast.growth_laws(list(ids), dataset=ds, reference=prior))
    except ValueError as exc:
        return str(exc)


def run_batch(setup: Setup, cells: list[Cell], chunk: int = CHUNK) -> list[pd.DataFrame]:
    """Simulate cells of one region and seed on shared draws; one summary table per cell."""
    from scenarios.simulate import simulate_many

    first = cells[0].scenario
    sims = simulate_many([c.scenario for c in cells], paths=first.paths, seed=first.seed, setup=setup,
                         keep=first.paths, chunk=chunk)
    return [cell_rows(c, s) for c, s in zip(cells, sims)]


def cell_rows(cell: Cell, sim) -> pd.DataFrame:
    """A cell's tidy rows: its key, lever values, then every column of ``Simulation.summary()``."""
    out = sim.summary().rename(columns={"id": "indicator"})
    head = {"region": cell.region, "scenario": cell.label, **dict(cell.point), "seed": cell.scenario.seed,
            "paths": cell.scenario.paths, "horizon": cell.scenario.horizon, "digest": cell.digest}
    for pos, (k, v) in enumerate(head.items()):
        out.insert(pos, k, v)
    p_all, p_all_se = sim.p_all
    out["expected_met"], out["p_all"], out["p_all_se"] = sim.expected_met, p_all, p_all_se
    return out


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


def _read_existing(out: Path, cells: list[Cell], levers: list[str]) -> dict[int, pd.DataFrame]:
    """Rows of the output file that belong to cells of this sweep, by cell index."""
    if not out.exists():
        return {}
    try:
        old = pd.read_parquet(out)
    except Exception as exc:  # noqa: BLE001 - any unreadable file: say so, never overwrite it
        raise SweepError(f"{out}: exists but is not a readable Parquet file ({exc}); choose another --out") from None
    need = [*KEY, "indicator"]
    if any(c not in old.columns for c in need):
        raise SweepError(f"{out}: exists but is not a sweep table (no {', '.join(c for c in need if c not in old)} "
                         "column); choose another --out")
    if any(k not in old.columns for k in levers):
        return {}
    where = {c.key: i for i, c in enumerate(cells)}
    cols = ["region", "scenario", *levers, "seed", "paths", "horizon", "digest"]
    found: dict[int, pd.DataFrame] = {}
    for key, rows in old.groupby(cols, sort=False, dropna=False):
        i = where.get(tuple(key))
        if i is not None:
            found[i] = rows.reset_index(drop=True)
    return found


def write_table(table: pd.DataFrame, out: Path) -> None:
    """Write Parquet atomically: a temporary file in the same folder, then os.replace."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".tmp-", suffix=".parquet")
    os.close(fd)
    try:
        table.to_parquet(tmp, index=False)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _assemble(parts: dict[int, pd.DataFrame]) -> pd.DataFrame:
    return pd.concat([parts[i] for i in sorted(parts)], ignore_index=True) if parts else pd.DataFrame()


def sweep(grid: str | os.PathLike | Grid, *, out: str | os.PathLike | None = None, base: str | os.PathLike = ".",
          workers: Optional[int] = None, client: Any = None, scheduler: Optional[str] = None,
          paths: Optional[int] = None, seed: Optional[int] = None, chunk: int = CHUNK, progress: bool = False,
          memory_limit: str | int = "auto", timeout: float = 10.0) -> SweepResult:
    """Run a sweep grid and return (and, with ``out``, write) its tidy table.

    ``grid`` is a grid file or a ``Grid`` (relative paths then start at ``base``).
    Where it runs: ``client`` (a ``distributed.Client``) or ``scheduler`` (its address)
    use an existing cluster; otherwise ``workers`` local processes (default: one per
    core, or in-process for small grids; ``workers=1`` is always in-process). ``paths``
    and ``seed`` replace the grid's. Cells already in ``out`` are reused, not recomputed.
    """
    t0 = time.perf_counter()
    own_client = None
    if client is None and scheduler is not None:      # fail fast, before any fitting
        from talentsim.sweep_dask import connect

        client = own_client = connect(scheduler, timeout)
    try:
        return _sweep(grid, out, base, workers, client, paths, seed, chunk, progress, memory_limit, t0)
    finally:
        if own_client is not None:
            own_client.close()


def _sweep(grid, out, base, workers, client, paths, seed, chunk, progress, memory_limit, t0) -> SweepResult:
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
        return _finish(g, scenarios, regions, None, out, chunk, progress, source, t0)
    from talentsim.sweep_dask import dask_client

    with dask_client(client, workers, memory_limit) as cl:
        return _finish(g, scenarios, regions, cl, out, chunk, progress, source, t0)


def _finish(g: Grid, scenarios, regions: Regions, client, out, chunk: int, progress: bool, source: str,
            t0: float) -> SweepResult:
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
    from forecast.data.horizon import region_horizon

    own = {r: region_horizon(regions.datasets[p][0], r) for r, p in ok}   # each region's horizon, from its data
    cells = [c if c.scenario.horizon is not None else
             replace(c, scenario=c.scenario.model_copy(update={"horizon": own[c.region]}))
             for c in make_cells(g, ok, scenarios, source=source)]
    out_path = Path(out) if out is not None else None
    parts = _read_existing(out_path, cells, list(g.levers)) if out_path else {}
    reused = len(parts)
    todo = [i for i in range(len(cells)) if i not in parts]
    batches = list(_batches(cells, todo))
    last_save = [time.perf_counter()]

    def done(batch: list[int], rows: list[pd.DataFrame]) -> None:
        parts.update(zip(batch, rows))
        if out_path and time.perf_counter() - last_save[0] > SAVE_EVERY:
            write_table(_assemble(parts), out_path)
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
            write_table(_assemble(parts), out_path)
        raise
    table = _assemble(parts)
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


__all__ = ["sweep", "SweepResult", "SweepError", "run_batch", "cell_rows", "write_table", "find_regions",
           "prepare_region", "Regions", "KEY"]
