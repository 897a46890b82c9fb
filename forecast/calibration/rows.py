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


def growth_prior(base: pd.DataFrame, *, k: int = K_DRAWS, seed: int = GROWTH_SEED) -> TypePrior | None:
    """Drift prior of a growth rate (identity scale) from the outcome base's growth rows: mean
    and spread of the per-year change between consecutive known values of one region's
    indicator; draws resample whole regions. None when fewer than 5 changes are known."""
    rows = base[(base["type"] == "growth") & ~base["kept_out"]]
    ch = _changes(rows)
    if len(ch) < 5:
        return None
    loc, drift, shock = _growth_moments(ch)
    rng = np.random.default_rng(seed)
    regions = ch["region"].unique()
    draws = []
    for _ in range(k):
        pick = rng.choice(regions, size=len(regions))
        b = pd.concat([ch[ch["region"] == r] for r in pick])
        lb, db, _ = _growth_moments(b) if len(b) >= 3 else (loc, drift, shock)
        draws.append([lb, 0.0, db])
    note = (f"growth-rate prior from {len(ch)} per-year changes of {ch.groupby(['region', 'key']).ngroups} "
            f"series in {len(regions)} regions of the outcome base (percentage points per year)")
    return TypePrior("growth", loc, 0.0, drift, shock, float("inf"), np.asarray(draws, float), len(ch),
                     ch.groupby(["region", "key"]).ngroups, len(regions), ("outcome_base",), "outcome base", note)


def prior_for(kind: str, reference: ReferenceFit, growth: TypePrior | None) -> TypePrior | None:
    """The drift prior of an outcome-base type (None when it has none)."""
    if kind == "growth":
        return growth
    t = PRIOR_TYPE.get(kind, kind)
    return reference.priors.get(t)


def row_posterior(row, prior: TypePrior) -> DriftPosterior | None:
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
