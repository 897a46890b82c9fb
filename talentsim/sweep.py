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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pandas as pd

from scenarios.engine import CHUNK, Setup
from talentsim.sweep_grid import Cell, Grid, GridError, grid_scenarios, load_grid, make_cells, region_datasets

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
    seconds: float = 0.0
    workers: int = 1


def region_setups(datasets: list[Path], include: Optional[list[str]], horizon: int
                  ) -> tuple[list[tuple[str, Optional[str]]], dict[str, Setup], dict[str, str]]:
    """Load each dataset once, fit each region's growth laws once; (regions, setups, skipped)."""
    import forecast
    from forecast.baseline import GrowthLaws
    from forecast.data import load_dataset
    from scenarios.baseline import setup_from_dataset

    regions, setups, skipped = [], {}, {}
    for path in datasets:
        ds = load_dataset(path)
        have = list(dict.fromkeys(ds.indicators["region"]))
        names = [r for r in have if include is None or r in include]
        ind = ds.indicators[ds.indicators["region"].isin(names) & ds.indicators["target_value"].notna()]
        laws = forecast.growth_laws(list(ind["id"]), dataset=ds)      # one pooled prior per dataset
        for r in names:
            if r in setups:
                raise GridError(f"regions: region {r!r} appears in two datasets ({path})")
            ids = set(ind.loc[ind["region"] == r, "id"])
            own = GrowthLaws({i: l for i, l in laws.items() if i in ids},
                             {i: why for i, why in laws.skipped.items() if i in ids})
            try:
                setups[r] = setup_from_dataset(ds, r, horizon, own)
            except ValueError as exc:
                if include is not None:
                    raise GridError(f"regions.include: {exc}") from None
                skipped[r] = str(exc)
                continue
            regions.append((r, str(path)))
    if include is not None:
        missing = [r for r in include if r not in setups]
        if missing:
            raise GridError(f"regions.include: not in the data: {', '.join(missing)}")
    return regions, setups, skipped


def run_batch(setup: Setup, cells: list[Cell], chunk: int = CHUNK) -> list[pd.DataFrame]:
    """Simulate cells of one region and seed on shared draws; one summary table per cell."""
    from scenarios.simulate import simulate_many

    first = cells[0].scenario
    sims = simulate_many([c.scenario for c in cells], paths=first.paths, seed=first.seed, setup=setup,
                         keep=first.paths, chunk=chunk)
    return [cell_rows(c, s) for c, s in zip(cells, sims)]


def cell_rows(cell: Cell, sim) -> pd.DataFrame:
    """A cell's tidy rows: its key, lever values, then every column of ``Simulation.summary()``."""
    summ = sim.summary().rename(columns={"id": "indicator"})
    p_all, p_all_se = sim.p_all
    head = {"region": cell.region, "scenario": cell.label, **dict(cell.point), "seed": cell.scenario.seed,
            "paths": cell.scenario.paths, "horizon": cell.scenario.horizon, "digest": cell.digest}
    out = pd.DataFrame({k: [v] * len(summ) for k, v in head.items()})
    out = pd.concat([out, summ.reset_index(drop=True)], axis=1)
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
        g, folder = grid, Path(base).resolve()
    else:
        g, folder = load_grid(grid)
    if paths is not None or seed is not None:
        upd = {k: v for k, v in (("paths", paths), ("seed", seed)) if v is not None}
        g = Grid.model_validate(g.model_dump() | upd)
    scenarios = grid_scenarios(g, folder)
    horizons = sorted({sc.horizon for _, sc in scenarios})
    if len(horizons) > 1:
        raise GridError(f"scenarios: horizons differ ({', '.join(map(str, horizons))}); set 'horizon' in the grid")
    regions, setups, skipped = region_setups(region_datasets(g, folder), g.regions.include, horizons[0])
    if not regions:
        raise GridError(f"regions: no region has a numeric target by {horizons[0]} to simulate")
    cells = make_cells(g, regions, scenarios, source=str(grid) if not isinstance(grid, Grid) else "<grid>")
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

    work = sum(cells[i].scenario.paths for i in todo)
    try:
        with _progress(progress, len(todo)) as advance:
            n_workers = _run(batches, cells, setups, chunk, done, advance, client=client, workers=workers,
                             small=work < SERIAL_BELOW, memory_limit=memory_limit)
    except BaseException:
        if out_path and len(parts) > reused:      # keep what is finished: a rerun resumes from it
            write_table(_assemble(parts), out_path)
        raise
    table = _assemble(parts)
    if out_path:
        write_table(table, out_path)
    return SweepResult(table, len(todo), reused, skipped, time.perf_counter() - t0, n_workers)


def _run(batches, cells, setups, chunk, done, advance, *, client, workers, small, memory_limit) -> int:
    """In-process for ``workers=1`` or small grids without a cluster, else on Dask; returns worker count."""
    if batches and (client is not None or (workers or 0) > 1 or (workers is None and not small)):
        from talentsim.sweep_dask import run_on_dask

        return run_on_dask(batches, cells, setups, chunk, done, advance, client=client, workers=workers,
                           memory_limit=memory_limit)
    for batch in batches:
        done(batch, run_batch(setups[cells[batch[0]].region], [cells[i] for i in batch], chunk))
        advance(len(batch))
    return 1


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


__all__ = ["sweep", "SweepResult", "SweepError", "run_batch", "cell_rows", "write_table", "region_setups", "KEY"]
