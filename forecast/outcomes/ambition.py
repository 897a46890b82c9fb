"""How ambitious a required growth is, against the targets real plans set and met.

A target's *need* is the growth per year it asks for on the working scale of its type
(:mod:`forecast.outcomes.base`: identity for ``growth``, logit for ``share``, log otherwise).
A ceiling (comparator ``<=``, ``<``) asks for a fall, so its need is negated here: a larger need
is always more ambitious, and floors and ceilings of one type are ranked together.

The real targets are the one outcome base (:func:`forecast.outcomes.load_outcome_base`: its
scoreable rows, kept-out regions left out), read once per content of its files; ``base=``
lets target-setting rank many needs against one read.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from dataclasses import dataclass

from forecast.outcomes.base import PRIOR_TYPE, load_outcome_base
from forecast.reference import to_working   # the one definition of the working scales


@dataclass(frozen=True)
class AmbitionRank:
    """``percentile``: share (0-1) of real targets of the type needing less growth per year
    (ties count half); ``hit_rate``: share met among those needing at least as much (NaN when
    none); ``n``, ``n_harder``: how many targets each rests on."""

    kind: str
    need: float
    percentile: float
    hit_rate: float
    n: int
    n_harder: int


def need_per_year(kind: str, base: float, target: float, years: float, comparator: str = ">=") -> float:
    """The need of one target (see the module docstring); NaN when it cannot be formed."""
    if not years or years <= 0:
        return float("nan")
    with np.errstate(divide="ignore", invalid="ignore"):   # a 0 or 100 % value: NaN, not a warning
        g = float((to_working(target, kind) - to_working(base, kind)) / years)
    return -g if str(comparator).startswith("<") else g


def load_needs(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Every scoreable outcome-base row outside the kept-out regions: ``type``, ``need`` (negated
    for a ceiling), ``met`` (bool), ``file``. Read once per content of the outcome files."""
    from forecast.data import DATA_DIR

    root = Path(data_dir) if data_dir is not None else Path(DATA_DIR)
    files = sorted({*root.glob("outcomes*.csv"), root / "kept_out.csv", Path(DATA_DIR) / "kept_out.csv"})
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())
    return _needs(str(root), stamp).copy()


@lru_cache(maxsize=4)
def _needs(root: str, stamp: tuple) -> pd.DataFrame:
    """:func:`load_needs` of ``root`` (``stamp``: the files' names, times and sizes, the cache key)."""
    b = load_outcome_base(root)
    b = b[b["scoreable"] & ~b["kept_out"]]
    need = np.where(b["comparator"].str.startswith("<"), -b["need"], b["need"])
    return pd.DataFrame({"type": b["type"].to_numpy(), "need": need, "met": b["met"].to_numpy(dtype=bool),
                         "file": b["source_table"].to_numpy()})


def ambition_rank(kind: str, need: float, data_dir: Path | str | None = None, *,
                  base: pd.DataFrame | None = None) -> AmbitionRank:
    """Percentile of ``need`` among real targets of type ``kind`` (an outcome-base type, or the
    reference type it maps to; 0-1, ties count half) and the hit rate of those at least as
    ambitious. ``base``: the frame of :func:`load_needs` (read from ``data_dir`` if None)."""
    b = base if base is not None else load_needs(data_dir)
    same = (b["type"] == kind) | (b["type"].map(lambda t: PRIOR_TYPE.get(t, t)) == kind)
    x = b.loc[same, "need"].to_numpy(dtype=float)
    met = b.loc[same, "met"].to_numpy(dtype=bool)
    if not np.isfinite(need) or x.size == 0:
        return AmbitionRank(kind, float(need), float("nan"), float("nan"), int(x.size), 0)
    pct = (np.sum(x < need) + 0.5 * np.sum(x == need)) / x.size
    hard = x >= need
    return AmbitionRank(kind, float(need), float(pct), float(met[hard].mean()) if hard.any() else float("nan"),
                        int(x.size), int(hard.sum()))


__all__ = ["AmbitionRank", "ambition_rank", "load_needs", "need_per_year"]
