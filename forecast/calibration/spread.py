"""The held-out spread factor: how much wider a region's outcomes fall than the fit's spread says.

Fitted on its own training rows, the calibrated law's sigma describes those rows; a region the
fit has never seen lands further out (on leave-one-region-out the standardised residuals of the
five-year rows needed a scale of 1.17, the yearly rows 1.08, where in sample both were about 1).
So the spread is widened by a factor per plan kind (yearly, plan-length), found by maximum
likelihood of the Student-t scale on *out-of-fold* residuals: the training regions are split into
``FOLDS`` groups, each group is predicted by a fit on the others. The factor never narrows the law
(it is at least 1). The leave-one-region-out report repeats this inside every fold, so the
held-out region never informs its own factor.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import optimize, stats

from forecast.calibration import model

#: Grouped folds of the training regions used to measure the out-of-fold residuals.
FOLDS = 5
#: Parameter names of the factors (log scale) in a calibration's ``params``.
PARAMS = model.SPREAD_PARAMS


def _log_scale(z: np.ndarray) -> float:
    """ML log scale c of z ~ c * t(DF), at least 0 (never narrower than the fit)."""
    if len(z) == 0:
        return 0.0
    res = optimize.minimize_scalar(lambda c: -np.sum(stats.t.logpdf(z * np.exp(-c), model.DF) - c),
                                   bounds=(0.0, 2.0), method="bounded")
    return float(res.x)


def out_of_fold_z(rows: pd.DataFrame, groups: tuple[str, ...], types: tuple[str, ...],
                  start: dict[str, float] | None = None) -> np.ndarray:
    """Standardised residuals (r - mu) / sigma of ``rows``, each predicted by a fit on the
    other folds' regions (regions dealt to FOLDS groups in sorted order)."""
    regions = np.array(sorted(rows["region"].unique()))
    fold_of = dict(zip(regions, np.arange(len(regions)) % FOLDS))
    fold = rows["region"].map(fold_of).to_numpy()
    z = np.full(len(rows), np.nan)
    for k in range(FOLDS):
        te = fold == k
        if not te.any() or te.all():
            continue
        tr = rows[~te]
        cal = model.fit(model.features(tr), tr["m"].to_numpy(), tr["realised"].to_numpy(), groups,
                        types=types, start=start, met=tr["met"].to_numpy())
        mu, sig = cal.predict(model.features(rows[te]), rows.loc[te, "m"].to_numpy())
        z[te] = (rows.loc[te, "realised"].to_numpy() - mu) / sig
    return z


def widen(cal: model.Calibration, rows: pd.DataFrame, *, types: tuple[str, ...] | None = None) -> model.Calibration:
    """``cal`` (fitted on ``rows``) with its held-out spread factors set from ``rows``' out-of-fold residuals."""
    types = types if types is not None else tuple(sorted(set(rows["type"])))
    z = out_of_fold_z(rows, cal.groups, types, start=cal.params)
    yearly = (rows["plan_kind"] == "yearly").to_numpy()
    ok = np.isfinite(z)
    factors = {PARAMS["yearly"]: _log_scale(z[ok & yearly]), PARAMS["plan"]: _log_scale(z[ok & ~yearly])}
    return model.Calibration(cal.groups, {**cal.params, **factors}, cal.n)


__all__ = ["widen", "out_of_fold_z", "FOLDS", "PARAMS"]
