"""The uncalibrated predictive of every outcome row: type prior + the history known at its origin.

For a row of type t the drift prior is the reference class's ``TypePrior`` (``total`` ->
``other``); ``growth`` rows (the value is itself a growth rate) have no reference panel, so
their prior is estimated from the outcome base's own growth histories
(:func:`growth_prior`, refitted without the held-out region in cross-validation). The prior
is updated with the row's history (:func:`forecast.drift_update.update`), giving the drift
mean ``m`` and the per-year predictive sd ``s = sqrt(D + shock^2 / years)`` of the realised
growth per year — WITHOUT any target information.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from forecast.drift_update import DriftPosterior, update
from forecast.outcomes.base import PRIOR_TYPE
from forecast.typeprior import K_DRAWS, ReferenceFit, TypePrior

GROWTH_SEED = 20261206


def _changes(df: pd.DataFrame) -> pd.DataFrame:
    """Per-year changes between consecutive known points of each growth series."""
    pts = pd.concat([df[["region", "indicator_key", c, v]].set_axis(["region", "key", "year", "value"], axis=1)
                     for c, v in (("base_year", "base_value"), ("outcome_year", "outcome_value"))]).dropna()
    pts = pts.groupby(["region", "key", "year"], as_index=False)["value"].mean().sort_values(["region", "key", "year"])
    g = pts.groupby(["region", "key"])
    out = pts.assign(dt=g["year"].diff(), dv=g["value"].diff()).dropna()
    return out[out["dt"] > 0]


def _growth_moments(ch: pd.DataFrame) -> tuple[float, float, float]:
    """(loc, drift sd, shock sd) of per-year changes of growth rates (percentage points)."""
    rate = ch["dv"] / ch["dt"]
    loc = float(rate.mean())
    shock2 = float(np.mean((ch["dv"] - loc * ch["dt"]) ** 2 / ch["dt"]))
    by_series = rate.groupby([ch["region"], ch["key"]]).mean()
    drift2 = max(float(by_series.var(ddof=1)) if len(by_series) > 1 else 0.0, 0.0) - shock2 / max(len(ch), 1)
    return loc, float(np.sqrt(max(drift2, 0.01 * shock2))), float(np.sqrt(shock2))


def _region_sums(ch: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Per-region sufficient statistics of the changes (regions in sorted order): n, sum rate,
    sum dv^2/dt, sum dv, sum dt, number of series, sum and sum of squares of series mean rates."""
    rate = ch["dv"] / ch["dt"]
    per = pd.DataFrame({"n": 1.0, "rate": rate, "a": ch["dv"] ** 2 / ch["dt"], "dv": ch["dv"], "dt": ch["dt"],
                        "region": ch["region"]}).groupby("region").sum()
    series = rate.groupby([ch["region"], ch["key"]]).mean()
    ser = pd.DataFrame({"k": 1.0, "m1": series, "m2": series ** 2}).groupby(level=0).sum()
    per = per.join(ser)
    return per.index.to_numpy(), per


def _bootstrap_moments(per: pd.DataFrame, counts: np.ndarray) -> np.ndarray:
    """(loc, drift sd) of each bootstrap sample (rows of ``counts``: how often each region is drawn),
    the same moments as :func:`_growth_moments` of the concatenated sample."""
    n, r, a, dv, dt = (counts @ per[["n", "rate", "a", "dv", "dt"]].to_numpy(float)).T
    # a region drawn twice adds its changes twice but its series once (they group by region and key)
    k, m1, m2 = ((counts > 0).astype(float) @ per[["k", "m1", "m2"]].to_numpy(float)).T
    loc = r / n
    shock2 = (a - 2 * loc * dv + loc ** 2 * dt) / n
    var = np.where(k > 1, (m2 - m1 ** 2 / np.maximum(k, 1)) / np.maximum(k - 1, 1), 0.0)
    drift2 = np.maximum(var, 0.0) - shock2 / np.maximum(n, 1)
    return np.column_stack([loc, np.sqrt(np.maximum(drift2, 0.01 * shock2))])


def growth_prior(base: pd.DataFrame, *, k: int = K_DRAWS, seed: int = GROWTH_SEED) -> TypePrior | None:
    """Drift prior of a growth rate (identity scale) from the outcome base's growth rows: mean
    and spread of the per-year change between consecutive known values of one region's
    indicator; draws resample whole regions (vectorised over per-region sums). None when fewer
    than 5 changes are known."""
    rows = base[(base["type"] == "growth") & ~base["kept_out"]]
    ch = _changes(rows)
    if len(ch) < 5:
        return None
    loc, drift, shock = _growth_moments(ch)
    rng = np.random.default_rng(seed)
    regions, per = _region_sums(ch)
    index = {r: i for i, r in enumerate(regions)}
    picks = np.array([[index[r] for r in rng.choice(ch["region"].unique(), size=len(regions))] for _ in range(k)])
    counts = np.stack([np.bincount(p, minlength=len(regions)) for p in picks]).astype(float)
    mom = _bootstrap_moments(per, counts)
    small = (counts @ per["n"].to_numpy(float)) < 3
    draws = np.column_stack([np.where(small, loc, mom[:, 0]), np.zeros(k), np.where(small, drift, mom[:, 1])])
    note = (f"growth-rate prior from {len(ch)} per-year changes of {ch.groupby(['region', 'key']).ngroups} "
            f"series in {len(regions)} regions of the outcome base (percentage points per year)")
    return TypePrior("growth", loc, 0.0, drift, shock, float("inf"), draws, len(ch),
                     ch.groupby(["region", "key"]).ngroups, len(regions), ("outcome_base",), "outcome base", note)


def prior_for(kind: str, reference: ReferenceFit, growth: TypePrior | None) -> TypePrior | None:
    """The drift prior of an outcome-base type (None when it has none)."""
    if kind == "growth":
        return growth
    t = PRIOR_TYPE.get(kind, kind)
    return reference.priors.get(t)


def row_posterior(row: pd.Series | Mapping[str, Any], prior: TypePrior) -> DriftPosterior | None:
    """The prior updated with the history known at the row's origin (None if it cannot be)."""
    hist = row.history if row.history else ((int(row.base_year), float(row.base_value)),)
    yrs, vals = zip(*hist)
    try:
        with np.errstate(all="ignore"):
            return update(np.array(yrs, float), np.array(vals, float), prior)
    except ValueError:
        return None


def predictive(post: DriftPosterior, years: float) -> tuple[float, float]:
    """(m, s): drift mean and per-year predictive sd of the average growth over ``years``."""
    return post.loc, float(np.sqrt(post.scale ** 2 + post.shock_sd ** 2 / max(years, 1.0)))


def row_frame(base: pd.DataFrame, reference: ReferenceFit, growth: TypePrior | None) -> pd.DataFrame:
    """``base``'s scoreable, not-kept-out rows with ``m``, ``s`` (NaN where no prior applies)."""
    df = base[base["scoreable"] & ~base["kept_out"]].reset_index(drop=True)
    m, s = np.full(len(df), np.nan), np.full(len(df), np.nan)
    for i, r in enumerate(df.itertuples()):
        prior = prior_for(r.type, reference, growth)
        post = row_posterior(r, prior) if prior is not None else None
        if post is not None:
            m[i], s[i] = predictive(post, r.years)
    return df.assign(m=m, s=s)


__all__ = ["growth_prior", "prior_for", "row_posterior", "predictive", "row_frame"]
