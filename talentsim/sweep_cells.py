"""The work of a sweep, wherever it runs: the regions a grid names, one region's setup, and one
batch of cells simulated into table rows. The serial runner (``sweep_run``) and the Dask backend
(``sweep_dask``) both call these; neither imports the other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import pandas as pd

from scenarios.engine import CHUNK, Setup
from talentsim.sweep_grid import Cell, GridError

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset
    from forecast.typeprior import ReferenceFit
    from scenarios.simulate import Simulation


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


def prepare_region(ds: Dataset, region: str, horizon: Optional[int], prior: ReferenceFit) -> Setup | str:
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


def run_batch(setup: Setup, cells: list[Cell], chunk: int = CHUNK, threads: Optional[int] = None) -> list[pd.DataFrame]:
    """Simulate cells of one region and seed on shared draws; one summary table per cell.
    ``threads`` as in ``RunOptions`` (a Dask worker passes 1: its cluster already uses the cores)."""
    from scenarios.simulate import simulate_many

    first = cells[0].scenario
    sims = simulate_many([c.scenario for c in cells], paths=first.paths, seed=first.seed, setup=setup,
                         keep=first.paths, chunk=chunk, threads=threads)
    return [cell_rows(c, s) for c, s in zip(cells, sims)]


def cell_rows(cell: Cell, sim: Simulation) -> pd.DataFrame:
    """A cell's tidy rows: its key, lever values, then every column of ``Simulation.summary()``."""
    out = sim.summary().rename(columns={"id": "indicator"})
    head = {"region": cell.region, "scenario": cell.label, **dict(cell.point), "seed": cell.scenario.seed,
            "paths": cell.scenario.paths, "horizon": cell.scenario.horizon, "digest": cell.digest}
    for pos, (k, v) in enumerate(head.items()):
        out.insert(pos, k, v)
    p_all, p_all_se = sim.p_all
    out["expected_met"], out["p_all"], out["p_all_se"] = sim.expected_met, p_all, p_all_se
    return out
