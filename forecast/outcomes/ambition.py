"""How ambitious a required growth is among real plan targets of the same type."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from forecast.outcomes.base import PRIOR_TYPE, load_outcome_base


@dataclass(frozen=True)
class AmbitionRank:
    """``percentile``: share (0-1) of real rising targets of the type needing less growth per
    year; ``hit_rate``: share met among those needing at least as much (NaN when none);
    ``n``, ``n_harder``: how many targets each rests on."""

    kind: str
    need: float
    percentile: float
    hit_rate: float
    n: int
    n_harder: int


def ambition_rank(kind: str, need: float, data_dir: Path | str | None = None) -> AmbitionRank:
    """Rank a required growth per year ``need`` (working scale: log for stocks, logit for
    shares, percentage points for a growth rate) among the outcome base's ``>=``/``>`` targets
    of type ``kind`` (an outcome-base type, or the reference type it maps to); kept-out rows
    excluded."""
    df = load_outcome_base(data_dir)
    df = df[df["scoreable"] & ~df["kept_out"] & df["comparator"].isin([">=", ">"])]
    same = df[(df["type"] == kind) | (df["type"].map(lambda t: PRIOR_TYPE.get(t, t)) == kind)]
    v = same["need"].to_numpy(float)
    if v.size == 0:
        return AmbitionRank(kind, float(need), float("nan"), float("nan"), 0, 0)
    harder = v >= need
    hit = float(same["met"].to_numpy(bool)[harder].mean()) if harder.any() else float("nan")
    return AmbitionRank(kind, float(need), float(np.mean(v < need)), hit, int(v.size), int(harder.sum()))


__all__ = ["AmbitionRank", "ambition_rank"]
