"""The growth law of a ``growth_rate`` indicator: the value is itself a yearly growth rate in %.

Model, on the identity scale (percentage points)::

    r_t = r_base + g (t - base) + e_t,   g ~ loc + scale * T(df) once per path,  e_t ~ N(0, sd^2) each year.

The level of growth drifts by ``g`` a year; a year's shock is transient (it does not carry
into the next year's rate). The default ``loc, scale, df, sd`` are data
(``data/growth_rate_prior.csv``, derived from the NBS yearly GDP growth series in
``data/growth_rate_history.csv`` by ``data/build/growth_rate_prior.py``). An indicator's own
yearly history (its observations are the realised rates) updates them:

* ``sd``: pooled with the residuals of the own points around their straight line,
  weighted by the prior's degrees of freedom (``shock_weight``) against the own ``n - 2``;
* ``g``: normal-normal update of the prior location with the own least-squares slope,
  whose variance is ``sd^2 / sum (t - mean t)^2`` (three or more own points).

The base is the last realised rate. A 年均 target (average growth over ``period_start`` ..
``target_year``) is compared with the simulated average of the yearly rates by the engine.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from forecast.law import GrowthLaw

MEASURE = "growth_rate"
PRIOR_FILE = "growth_rate_prior.csv"
_PARAMS = ("drift_loc", "drift_scale", "drift_df", "shock_sd", "shock_weight")


@dataclass(frozen=True)
class GrowthRatePrior:
    """Default law of a growth rate, in percentage points (see the module docstring)."""

    drift_loc: float
    drift_scale: float
    drift_df: float
    shock_sd: float
    shock_weight: float


def _data_dir() -> Path:
    from forecast.data import shipped_dir      # data/ in a checkout, the package forecast.shipped when installed

    return shipped_dir()


def load_prior(data_dir: Path | str | None = None) -> GrowthRatePrior:
    """The prior from ``growth_rate_prior.csv`` in ``data_dir`` if there, else the shipped one.

    Raises ``ValueError`` naming the file when a parameter is missing or not a finite number.
    """
    path = Path(data_dir) / PRIOR_FILE if data_dir is not None else None
    if path is None or not path.exists():
        path = _data_dir() / PRIOR_FILE
    with path.open(encoding="utf-8-sig") as f:
        got = {r["parameter"]: r["value"] for r in csv.DictReader(f)}
    try:
        vals = {k: float(got[k]) for k in _PARAMS}
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{path}: needs a numeric row for each of {', '.join(_PARAMS)} ({exc})") from None
    if not all(np.isfinite(v) for v in vals.values()) or min(vals[k] for k in _PARAMS[1:]) <= 0:
        raise ValueError(f"{path}: drift_scale, drift_df, shock_sd and shock_weight must be positive")
    return GrowthRatePrior(**vals)


def is_growth_rate(row: pd.Series) -> bool:
    """True when an indicators.csv row has measure ``growth_rate``."""
    return str(row.get("measure", "")) == MEASURE


def growth_rate_law(indicator_id: str, history: pd.Series, prior: GrowthRatePrior | None = None) -> GrowthLaw:
    """The law of one growth-rate indicator from its realised yearly rates (index: year).

    Raises ``ValueError`` when the history is empty.
    """
    prior = prior or load_prior()
    h = history.dropna().sort_index()
    if h.empty:
        raise ValueError(f"{indicator_id}: no realised rate to start from (missing or redacted)")
    t, y = h.index.to_numpy(dtype=float), h.to_numpy(dtype=float)
    n = len(h)
    sd2, loc, scale2 = prior.shock_sd ** 2, prior.drift_loc, prior.drift_scale ** 2
    how = f"growth-rate prior ({n} own point{'s' if n > 1 else ''})"
    if n >= 3:
        sxx = float(((t - t.mean()) ** 2).sum())
        slope = float(((t - t.mean()) * (y - y.mean())).sum() / sxx)
        resid = y - (y.mean() + slope * (t - t.mean()))
        sd2 = (prior.shock_weight * sd2 + float((resid ** 2).sum())) / (prior.shock_weight + n - 2)
        prec = 1.0 / scale2 + sxx / sd2
        loc = (loc / scale2 + slope * sxx / sd2) / prec
        scale2 = 1.0 / prec
        how = (f"growth-rate prior updated with {n} own yearly rates (own slope {slope:+.2f} pp/yr, "
               f"drift {loc:+.2f} ± {np.sqrt(scale2):.2f} pp/yr, yearly sd {np.sqrt(sd2):.2f} pp)")
    return GrowthLaw(indicator_id, "identity", int(t[-1]), float(y[-1]), float(loc), float(np.sqrt(scale2)),
                     float(prior.drift_df), float(np.sqrt(sd2)), "growth-rate law", note=how, kind="growth",
                     basis=f"own history ({n} points)" if n >= 3 else "growth-rate prior")


def average_rate_sd(shock_sd: float, years: int) -> float:
    """Sd of the average of ``years`` yearly rates with zero drift: transient shocks average out
    as ``shock_sd / sqrt(years)`` (the closed form the tests check the engine against)."""
    return float(shock_sd) / float(np.sqrt(years))


__all__ = ["GrowthRatePrior", "load_prior", "growth_rate_law", "is_growth_rate", "average_rate_sd", "MEASURE"]
