"""How ambitious a proposed target is, against the targets real plans set and met.

The outcome base (``data/outcomes_fiveyear_provinces.csv``, ``outcomes_fiveyear_cities.csv``,
``outcomes_yearly.csv`` and the older ``outcomes.csv``) holds real targets with their base and
outcome. A target's *need* is the growth per year it asks for on the working scale of its
type: ``(f(target) - f(base)) / (target_year - base_year)`` with f = identity for ``growth``
(the value is itself a rate: the change of the rate, pp a year), logit for ``share`` and log
for every other type. A ceiling (comparator ``<=``, ``<``) asks for a fall, so its need is
negated: a larger need is always more ambitious.

The model helper's ``forecast.outcomes.load_outcome_base`` / ``ambition_rank`` will replace
the loader here (same signature); this module is the stand-in until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

#: the outcome-base files read (missing ones are skipped)
FILES: tuple[str, ...] = ("outcomes_fiveyear_provinces.csv", "outcomes_fiveyear_cities.csv", "outcomes_yearly.csv",
                          "outcomes.csv")
_COLS = ("type", "base_year", "base_value", "target_year", "target_value", "comparator", "met")


def _data_dir() -> Path:
    from forecast.data import shipped_dir      # data/ in a checkout, the package forecast.shipped when installed

    return shipped_dir()


def working(values: np.ndarray | float, kind: str) -> np.ndarray:
    """Document unit -> working scale of an outcome-base ``type`` (identity, logit or log)."""
    from forecast.reference import to_working   # the one definition of the working scales

    with np.errstate(divide="ignore", invalid="ignore"):   # a 0 or 100 % value: NaN, not a warning
        return to_working(values, kind)


def need_per_year(kind: str, base: float, target: float, years: float, comparator: str = ">=") -> float:
    """The need of one target (see the module docstring); NaN when it cannot be formed."""
    if not years or years <= 0:
        return float("nan")
    g = float((working(target, kind) - working(base, kind)) / years)
    return -g if str(comparator).startswith("<") else g


def load_needs(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Every scoreable outcome-base row: ``type``, ``need``, ``met`` (bool), ``file``; rows of
    kept-out regions (``kept_out.csv``, when present) are left out."""
    root = Path(data_dir) if data_dir is not None else _data_dir()
    frames = []
    for name in FILES:
        p = root / name
        if not p.exists():
            continue
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
        if not set(_COLS) <= set(df.columns):
            raise ValueError(f"{p}: needs the columns {', '.join(_COLS)}")
        keep = [c for c in ("region", "indicator_key") if c in df.columns]
        frames.append(df[list(_COLS) + keep].assign(file=name))
    if not frames:
        return pd.DataFrame({"type": [], "need": [], "met": [], "file": []})
    df = pd.concat(frames, ignore_index=True).fillna("")
    df = df[~kept_out_mask(df, root)].reset_index(drop=True)
    num = {c: pd.to_numeric(df[c], errors="coerce") for c in ("base_year", "base_value", "target_year", "target_value")}
    years = num["target_year"] - num["base_year"]
    need = np.full(len(df), np.nan)
    for kind in df["type"].unique():
        m = (df["type"] == kind).to_numpy()
        g = (working(num["target_value"][m], kind) - working(num["base_value"][m], kind)) / years[m].where(years[m] > 0)
        need[m] = np.where(df["comparator"][m].str.startswith("<"), -g, g)
    met = df["met"].str.strip().str.lower().map({"true": True, "false": False})
    out = pd.DataFrame({"type": df["type"], "need": need, "met": met, "file": df["file"]})
    return out[np.isfinite(out["need"]) & out["met"].notna()].reset_index(drop=True)


@dataclass(frozen=True)
class AmbitionRank:
    """Where a need sits among real targets of its type (the fields of the model helper's
    ``forecast.outcomes.ambition.AmbitionRank``, so either can serve).

    percentile : 0-1, share of real targets of the type asking for less (ties count half).
    hit_rate : share met among those asking for at least as much (NaN when none).
    n, n_harder : how many real targets of the type, and how many at least as ambitious.
    """

    kind: str
    need: float
    percentile: float
    hit_rate: float
    n: int
    n_harder: int


def ambition_rank(kind: str, need: float, data_dir: Path | str | None = None, *,
                  base: pd.DataFrame | None = None) -> AmbitionRank:
    """Percentile of ``need`` among real targets of type ``kind`` and the hit rate of those at
    least as ambitious. ``base``: the frame of :func:`load_needs` (read from ``data_dir`` if None)."""
    b = base if base is not None else load_needs(data_dir)
    x = b.loc[b["type"] == kind, "need"].to_numpy(dtype=float)
    met = b.loc[b["type"] == kind, "met"].to_numpy(dtype=bool)
    if not np.isfinite(need) or x.size == 0:
        return AmbitionRank(kind, float(need), float("nan"), float("nan"), int(x.size), 0)
    pct = (np.sum(x < need) + 0.5 * np.sum(x == need)) / x.size
    hard = x >= need
    return AmbitionRank(kind, float(need), float(pct), float(met[hard].mean()) if hard.any() else float("nan"),
                        int(x.size), int(hard.sum()))


def kept_out_mask(df: pd.DataFrame, root: Path) -> np.ndarray:
    """Rows of regions (or region-indicator pairs) listed in ``kept_out.csv`` (when the file exists):
    kept for an independent check, never shown as peers."""
    p = root / "kept_out.csv"
    if not p.exists() or "region" not in df:
        return np.zeros(len(df), dtype=bool)
    ko = pd.read_csv(p, dtype=str, keep_default_na=False)
    whole = set(ko.loc[ko["what"] == "all", "region"])
    pairs = set(zip(ko.loc[ko["what"] != "all", "region"], ko.loc[ko["what"] != "all", "what"]))
    key = df["indicator_key"] if "indicator_key" in df else pd.Series("", index=df.index)
    return (df["region"].isin(whole) | pd.Series([(r, k) in pairs for r, k in zip(df["region"], key)],
                                                  index=df.index)).to_numpy()


__all__ = ["AmbitionRank", "ambition_rank", "kept_out_mask", "load_needs", "need_per_year", "working", "FILES"]
