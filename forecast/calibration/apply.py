"""Apply the fitted calibration to a drift posterior, so the engine simulates the calibrated law.

With the posterior's drift mean ``m``, its mixture sd ``sqrt(D)`` and the per-year
predictive sd ``s = sqrt(D + shock^2 / years)``, the calibration gives ``mu`` and
``sigma = k s`` (:mod:`forecast.calibration.model`). Every hyperparameter draw's drift
location moves to ``mu + k (loc_j - m)``, every drift scale and the yearly shock sd are
multiplied by ``k``: the mixture's mean is ``mu`` and its per-year predictive sd ``k s``, so
levers, joint attainment, quantiles, the solver and sweeps read the calibrated law.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from forecast.calibration import model
from forecast.calibration.model import Calibration
from forecast.drift_update import DriftPosterior

#: Marker appended to a posterior's basis once calibrated (the exports look for it).
BASIS = " + calibrated on real plan outcomes"


@dataclass(frozen=True)
class Shift:
    """What the calibration did to one indicator: drift mean ``m`` -> ``mu``; spread factor ``k``;
    ``ambition`` the part of the shift due to the target's required growth (b * (need - m))."""

    m: float
    mu: float
    k: float
    ambition: float
    need: float


def calibrate_posterior(post: DriftPosterior, cal: Calibration, *, kind: str, years: float,
                        need: float | None = None, comparator: str = ">=", approx: bool = False,
                        strive: bool = False, key: str = "", level: str = "") -> tuple[DriftPosterior, Shift]:
    """The calibrated posterior of an indicator of outcome-base type ``kind`` (``count``/``other``
    use the pooled terms) and outcome-base indicator ``key`` ('' none: the type's terms alone)
    whose target needs ``need`` per year over ``years`` (None: no target, the ambition term is
    zero), in a region of administrative ``level`` (national/province/city/district; '' counts as
    a province). The context features (record, peers, reversion) are 0: nothing known beyond the history."""
    years = max(float(years), 1.0)
    m = post.loc
    s = float(np.sqrt(post.scale ** 2 + post.shock_sd ** 2 / years))
    gap_need = m if need is None or not np.isfinite(need) else float(need)
    ceil = comparator in ("<=", "<")
    gap = float(model.ambition_gap(pd.DataFrame({"type": [kind], "need": [gap_need], "m": [m]}), np.array([ceil]))[0])
    X = pd.DataFrame({"type": [kind], "key": [key], "gap": [gap], "s": [s],
                      **{c: [0.0] for c in model.CONTEXT_RAW + model.CONTEXT_SD},
                      "national": [float(level == "national")], "city": [float(level in ("city", "district"))],
                      "ceiling": [float(comparator in ("<=", "<"))], "yearly": [float(years <= 1)],
                      "approx": [float(approx)], "strive": [float(strive)], "logh": [np.log(years / 5.0)]})
    mu, sig = cal.predict(X, np.array([m]))
    mu, k = float(mu[0]), float(sig[0] / s)
    amb = mu - float(cal.predict(X.assign(gap=0.0), np.array([m]))[0][0])    # the ambition terms' part
    locs = mu + k * (post.locs - m)
    out = replace(post, locs=locs, scales=post.scales * k, shock_sd=post.shock_sd * k, basis=post.basis + BASIS)
    return out, Shift(m, mu, k, float(amb), float(gap_need))


__all__ = ["calibrate_posterior", "Shift", "BASIS"]
