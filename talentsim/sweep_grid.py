"""Sweep grid files: regions x scenarios x lever values, validated like scenario files.

A grid file is YAML (read with ``yaml.safe_load`` only)::

    name: provinces
    horizon: 2028            # optional: replaces every scenario's horizon
    paths: 20000             # optional: replaces every scenario's path count
    seed: 20250101           # optional: replaces every scenario's seed
    regions:
      data: ../my_dataset                   # one dataset holding many regions (shipped:examples/provinces
                                            # is the example shipped with talentsim), or
      # folders: ../my_cities               # a folder of region folders (one dataset each)
      include: [beijing, shanghai]           # optional: default every region with a target
    scenarios: [baseline, plan, my_scenario.yaml]   # preset names or files
    levers:                                          # lever -> values (ranges from LEVERS)
      inflow_10k_per_year: [0, 0.5, 1]

Relative paths are relative to the grid file; ``shipped:...`` is inside the shipped data.
A grid named without a path (``provinces``) is one shipped in ``scenarios/sweeps/``.
Unknown keys, values outside a lever's range and grids above the size caps are rejected
with the field named.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from scenarios.levers import LEVERS
from scenarios.spec import (MAX_PATHS, MAX_YEAR, MIN_YEAR, PRESET_DIR, Scenario, ScenarioError, load_preset,
                            load_scenario)

SWEEP_DIR = PRESET_DIR.parent / "sweeps"   #: grids shipped with talentsim
MAX_CELLS = 200_000                 #: regions x scenarios x lever points
MAX_PATH_CELLS = 20_000_000_000     #: cells x paths (about a day on 64 workers)

_STRICT = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class GridError(ValueError):
    """A grid file is not acceptable; the message names the file and the field."""


class RegionSource(BaseModel):
    """Where the regions come from: one dataset with many regions, or a folder of datasets."""

    model_config = _STRICT
    data: Optional[str] = None
    folders: Optional[str] = None
    include: Optional[list[str]] = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_source(self) -> "RegionSource":
        if (self.data is None) == (self.folders is None):
            raise ValueError("give exactly one of 'data' (a dataset with many regions) "
                             "or 'folders' (a folder of region folders)")
        return self


class Grid(BaseModel):
    """A validated sweep grid (paths in it are still as written in the file)."""

    model_config = _STRICT
    name: str = Field(default="sweep", min_length=1, max_length=80)
    description: str = ""
    horizon: Optional[int] = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    paths: Optional[int] = Field(default=None, ge=100, le=MAX_PATHS)
    seed: Optional[int] = Field(default=None, ge=0, le=2**63 - 1)
    regions: RegionSource
    scenarios: list[str] = Field(min_length=1, max_length=1000)
    levers: dict[str, list[float]] = Field(default_factory=dict, max_length=len(LEVERS))

    @field_validator("levers")
    @classmethod
    def _lever_values(cls, v: dict[str, list[float]]) -> dict[str, list[float]]:
        out = {}
        for key, values in v.items():
            lv = LEVERS.get(key)
            if lv is None:
                raise ValueError(f"unknown lever {key!r}; allowed: {', '.join(LEVERS)}")
            if not values:
                raise ValueError(f"{key}: give at least one value")
            cast = []
            for j, x in enumerate(values):
                if not lv.low <= x <= lv.high:
                    raise ValueError(f"{key}[{j}] = {x:g} is outside [{lv.low:g}, {lv.high:g}] {lv.unit}")
                if lv.integer and x != int(x):
                    raise ValueError(f"{key}[{j}] = {x:g} must be a whole number")
                cast.append(int(x) if lv.integer else float(x))
            if len(set(cast)) != len(cast):
                raise ValueError(f"{key}: values repeat ({values})")
            out[key] = cast
        return out

    @field_validator("scenarios")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError(f"scenarios repeat: {v}")
        return v

    @property
    def n_points(self) -> int:
        return math.prod(len(v) for v in self.levers.values())

    @property
    def lever_points(self) -> list[dict[str, float]]:
        """Every combination of the lever values (one dict per point; [{}] without levers)."""
        keys = list(self.levers)
        return [dict(zip(keys, combo)) for combo in itertools.product(*(self.levers[k] for k in keys))]


@dataclass(frozen=True)
class Cell:
    """One simulation of a sweep: a region, a scenario and lever values (small, picklable)."""

    region: str
    data_dir: Optional[str]
    scenario: Scenario          # region, horizon, data_dir, seed and lever values already applied
    label: str                  # the scenario as named in the grid
    point: tuple[tuple[str, float], ...]
    data_key: str = ""          # content fingerprint of the data the cell is fitted on (forecast.cache.fingerprint)

    @cached_property
    def key(self) -> tuple:
        """What identifies the cell in an output file: region, scenario, levers, seed, paths, horizon, digest."""
        return (self.region, self.label, *(v for _, v in self.point), self.scenario.seed, self.scenario.paths,
                self.scenario.horizon, self.digest)

    @cached_property
    def place(self) -> tuple:
        """The cell's place in a table, whatever its inputs: region, scenario, levers, seed, paths, horizon."""
        return self.key[:-1]

    @cached_property
    def digest(self) -> str:
        """Short hash of the full scenario and of the data's content, so an edited scenario file or
        an edited target is recomputed, not reused."""
        d = self.scenario.model_dump(mode="json", exclude={"name", "description", "data_dir"})
        return hashlib.sha256(json.dumps([d, self.data_key], sort_keys=True).encode()).hexdigest()[:12]


def parse_grid(text: str | bytes, *, source: str = "<grid>") -> Grid:
    """Parse and validate grid YAML; errors name the source and the field."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise GridError(f"{source}: not UTF-8 text; save the grid file as UTF-8") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise GridError(f"{source}:{where}: not valid safe YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise GridError(f"{source}: expected a mapping with 'regions' and 'scenarios', got {type(data).__name__}")
    try:
        grid = Grid.model_validate(data)
    except ValidationError as exc:
        lines = [f"{source}: invalid sweep grid"]
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                allowed = RegionSource.model_fields if loc.startswith("regions.") else Grid.model_fields
                msg = f"unknown key {err['loc'][-1]!r}; allowed: {', '.join(allowed)}"
            lines.append(f"  {loc}: {msg}")
        raise GridError("\n".join(lines)) from None
    check_size(grid, n_regions=1, paths=grid.paths or 100, source=source)
    return grid


def load_grid(path: str | Path) -> tuple[Grid, Path]:
    """Read a grid file; returns the grid and the folder its relative paths start from."""
    p = Path(path)
    if not p.exists() and p.name == str(path) and (SWEEP_DIR / f"{p.name}.yaml").exists():
        p = SWEEP_DIR / f"{p.name}.yaml"                 # a shipped grid by name
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise GridError(f"{p}: cannot read: {exc.strerror}") from None
    return parse_grid(raw, source=str(p)), p.resolve().parent


def grid_scenarios(grid: Grid, base: Path) -> list[tuple[str, Scenario]]:
    """The grid's scenarios as (label, Scenario): preset names or files relative to ``base``."""
    out = []
    for j, name in enumerate(grid.scenarios):
        path = base / name
        try:
            sc = load_scenario(path) if path.suffix in (".yaml", ".yml") else load_preset(name)
        except ScenarioError as exc:
            raise GridError(f"scenarios[{j}]: {exc}") from None
        update = {k: v for k, v in (("horizon", grid.horizon), ("paths", grid.paths), ("seed", grid.seed))
                  if v is not None}
        out.append((name, sc.model_copy(update=update)))
    return out


def region_datasets(grid: Grid, base: Path) -> list[Path]:
    """The dataset folders (or workbooks) named by the grid's ``regions``."""
    src = grid.regions
    if src.data is not None:
        p = _shipped(src.data) or (base / src.data).resolve()
        if not p.exists():
            raise GridError(f"regions.data: {p} does not exist")
        return [p]
    folder = (base / str(src.folders)).resolve()
    if not folder.is_dir():
        raise GridError(f"regions.folders: {folder} is not a folder")
    subs = sorted(d for d in folder.iterdir() if d.is_dir() and (d / "indicators.csv").exists())
    subs += sorted(f for f in folder.glob("*.xlsx"))
    if not subs:
        raise GridError(f"regions.folders: {folder} holds no region folder (a folder with indicators.csv) "
                        "and no .xlsx workbook")
    return subs


def _shipped(path: str) -> Optional[Path]:
    """``shipped:examples/provinces`` -> that folder of the shipped data (works from a wheel too)."""
    if not path.startswith("shipped:"):
        return None
    from forecast.data import shipped_dir

    return shipped_dir() / path.removeprefix("shipped:")


def make_cells(grid: Grid, regions: list[tuple[str, Optional[str]]], scenarios: list[tuple[str, Scenario]],
               *, source: str = "<grid>", data_keys: Optional[dict[Optional[str], str]] = None) -> list[Cell]:
    """Every (region, scenario, lever point) cell, in a fixed order (the output's order);
    ``data_keys`` maps a region's data path to its content fingerprint."""
    check_size(grid, n_regions=len(regions), paths=max(sc.paths for _, sc in scenarios), source=source)
    cells = []
    for region, data_dir in regions:
        for label, sc in scenarios:
            base = sc.model_copy(update={"region": region, "data_dir": data_dir})
            for point in grid.lever_points:
                cell_sc = base.with_levers(**point) if point else base
                cells.append(Cell(region, data_dir, cell_sc, label, tuple(point.items()),
                                  (data_keys or {}).get(data_dir, "")))
    return cells


def check_size(grid: Grid, *, n_regions: int, paths: int, source: str) -> None:
    """Raise GridError when the sweep has more cells or path-cells than the caps allow."""
    n = n_regions * len(grid.scenarios) * grid.n_points
    if n > MAX_CELLS:
        raise GridError(f"{source}: levers: regions x scenarios x lever points = {n:,} cells; at most "
                        f"{MAX_CELLS:,} per sweep (split the grid)")
    if n * paths > MAX_PATH_CELLS:
        raise GridError(f"{source}: paths: {n:,} cells x {paths:,} paths exceeds {MAX_PATH_CELLS:,} "
                        "path-cells per sweep; use fewer paths or split the grid")


__all__ = ["Grid", "GridError", "Cell", "parse_grid", "load_grid", "grid_scenarios", "region_datasets",
           "make_cells", "check_size", "MAX_CELLS", "MAX_PATH_CELLS"]
