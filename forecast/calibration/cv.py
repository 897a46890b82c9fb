"""Leave-one-region-out predictions of the calibrated law and of the references.

For every region R: the growth-rate prior is refitted without R's rows, the calibration is
fitted on the other regions' rows, and R's rows are predicted. References on the same
folds: the base rate (share met among the other regions' rows), always 0.5, trend only
(the uncalibrated type prior + history), ambition only (a logistic regression of met on
the standardised ambition (need - m) / s, fitted on the other regions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from forecast.calibration import model, spread
from forecast.calibration.context import add_context
from forecast.calibration.rows import growth_prior, row_frame
from forecast.calibration.scores import logistic, special_expit
from forecast.targets import APPROX_TOLERANCE
from forecast.reference import to_working
from forecast.outcomes.base import PRIOR_TYPE

if TYPE_CHECKING:
    from forecast.typeprior import ReferenceFit


def band(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Growth-per-year bounds of an "=" target's ±5 % band (NaN for other comparators)."""
    lo, hi = np.full(len(df), np.nan), np.full(len(df), np.nan)
    for i, r in enumerate(df.itertuples()):
        if r.comparator == "=":
            k = PRIOR_TYPE.get(r.type, r.type)
            z0 = float(to_working(r.base_value, k))
            with np.errstate(all="ignore"):
                a, b = (float(to_working(r.target_value * (1 + s * APPROX_TOLERANCE), k)) for s in (-1, 1))
            lo[i], hi[i] = (min(a, b) - z0) / r.years, (max(a, b) - z0) / r.years
    return lo, hi


def probabilities(cal: model.Calibration, df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(P met, mu, sigma) of rows ``df`` (with ``m``, ``s``) under a calibration."""
    mu, sig = cal.predict(model.features(df), df["m"].to_numpy())
    return model.p_met(mu, sig, df["need"].to_numpy(), df["comparator"].to_numpy(), band(df)), mu, sig


def frame(base: pd.DataFrame, reference: ReferenceFit) -> pd.DataFrame:
    """Rows with ``m``, ``s`` from the priors fitted on everything (the growth prior included)."""
    f = row_frame(base, reference, growth_prior(base))
    f = f[np.isfinite(f["m"]) & np.isfinite(f["s"])].reset_index(drop=True)
    return add_context(f, base)


def _fold_rows(base: pd.DataFrame, reference, region: str, full: pd.DataFrame) -> pd.DataFrame:
    """``full`` with the held-out region's growth rows' m, s recomputed from a growth prior
    fitted without ``region`` (the training rows keep the all-rows growth prior: refitting
    their m, s per fold costs 15 s a feature set; the calibration's per-type terms absorb it)."""
    g = (full["type"].eq("growth") & full["region"].eq(region)).to_numpy()
    if not g.any():
        return full
    gp = growth_prior(base[base["region"] != region])
    redo = row_frame(base[base["row_id"].isin(full.loc[g, "row_id"])], reference, gp)
    idx = full.index[g]
    out = full.copy()
    lookup = redo.set_index("row_id")
    out.loc[idx, "m"] = lookup.loc[full.loc[idx, "row_id"], "m"].to_numpy()
    out.loc[idx, "s"] = lookup.loc[full.loc[idx, "row_id"], "s"].to_numpy()
    return out


def loro(base: pd.DataFrame, reference: ReferenceFit, groups: tuple[str, ...],
         full: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-row LORO predictions: ``p`` (calibrated), ``mu``, ``sigma``, ``p_base_rate``,
    ``p_trend``, ``p_ambition`` beside the row's ``met`` and ``realised``."""
    full = full if full is not None else frame(base, reference)
    types = tuple(sorted(set(full["type"])))
    start = model.fit(model.features(full), full["m"].to_numpy(), full["realised"].to_numpy(), groups,
                      types=types, met=full["met"].to_numpy()).params
    parts = []
    for region in sorted(full["region"].unique()):
        rows = _fold_rows(base, reference, region, full)
        test = rows["region"].eq(region).to_numpy()
        tr, te = rows[~test], rows[test].copy()
        cal = model.fit(model.features(tr), tr["m"].to_numpy(), tr["realised"].to_numpy(), groups,
                        types=types, start=start, met=tr["met"].to_numpy())
        cal = spread.widen(cal, tr, types=types)
        te["p"], te["mu"], te["sigma"] = probabilities(cal, te)
        kind_rate = tr.groupby("plan_kind")["met"].mean()
        te["p_base_rate"] = te["plan_kind"].map(kind_rate).fillna(tr["met"].mean()).to_numpy(float)
        te["p_trend"] = model.p_met(te["m"].to_numpy(), te["s"].to_numpy(), te["need"].to_numpy(),
                                    te["comparator"].to_numpy(), band(te))
        amb = lambda d: ((d["need"] - d["m"]) / d["s"]).to_numpy() * np.where(d["comparator"].isin(model.CEILING), -1, 1)
        a, b = logistic(amb(tr), tr["met"].to_numpy(float))
        te["p_ambition"] = special_expit(a + b * amb(te))
        parts.append(te)
    return pd.concat(parts).sort_index().reset_index(drop=True)


__all__ = ["loro", "frame", "probabilities", "band"]
