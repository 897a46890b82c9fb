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
from forecast.law import GrowthLaw
from forecast.targets import finite

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


def _calibrated(cal: Calibration, m: float, s: float, *, kind: str, years: float, need: float | None,
                comparator: str, approx: bool, strive: bool, key: str, level: str) -> tuple[float, float, float, float]:
    """(mu, k, ambition part of the shift, need used) of one target under the calibration, from the
    uncalibrated drift mean ``m`` and per-year predictive sd ``s``."""
    gap_need = m if need is None or not np.isfinite(need) else float(need)
    ceil = comparator in ("<=", "<")
    gap = float(model.ambition_gap(pd.DataFrame({"type": [kind], "need": [gap_need], "m": [m]}), np.array([ceil]))[0])
    X = pd.DataFrame({"type": [kind], "key": [key], "gap": [gap], "s": [s],
                      **{c: [0.0] for c in model.CONTEXT_RAW + model.CONTEXT_SD},
                      "national": [float(level == "national")], "city": [float(level in ("city", "district"))],
                      "ceiling": [float(ceil)], "yearly": [float(years <= 1)],
                      "approx": [float(approx)], "strive": [float(strive)], "logh": [np.log(years / 5.0)]})
    mu, sig = cal.predict(X, np.array([m]))
    amb = float(mu[0]) - float(cal.predict(X.assign(gap=0.0), np.array([m]))[0][0])    # the ambition terms' part
    return float(mu[0]), float(sig[0] / s), amb, gap_need


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
    mu, k, amb, gap_need = _calibrated(cal, m, s, kind=kind, years=years, need=need, comparator=comparator,
                                       approx=approx, strive=strive, key=key, level=level)
    locs = mu + k * (post.locs - m)
    out = replace(post, locs=locs, scales=post.scales * k, shock_sd=post.shock_sd * k, basis=post.basis + BASIS)
    return out, Shift(m, mu, k, float(amb), float(gap_need))


@dataclass(frozen=True)
class RatePeriod:
    """What a growth-rate target is about: ``years`` from the law's base year to the target year,
    and the yearly rates it averages (``offsets``: years after the base; one for a single year's rate)."""

    years: float
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, base_year: int, target_year: int, period_start: float | None) -> "RatePeriod":
        start = int(period_start) if finite(period_start) else int(target_year)
        start = min(max(start, base_year + 1), int(target_year))
        return cls(float(target_year - base_year), tuple(t - base_year for t in range(start, int(target_year) + 1)))


def calibrate_rate_law(law: GrowthLaw, post: DriftPosterior, cal: Calibration, period: RatePeriod, *,
                       need: float | None, comparator: str = ">=", approx: bool = False,
                       key: str = "", level: str = "") -> tuple[GrowthLaw, Shift]:
    """The engine's law of a growth-rate indicator (``forecast.growth_rate``: transient yearly
    shocks, drift of the rate) moved onto the calibrated law of its target.

    ``post`` is the calibration's own uncalibrated growth-rate posterior (the outcome base's
    growth prior updated with the indicator's history, as its rows were fitted), giving ``m``
    and ``s``; the calibration gives ``mu`` and ``sigma = k s`` for q = (the target's rate -
    base) / years. Under the engine's law q = (mean offset * g + mean shock) / years, so the drift
    location becomes ``mu * years / mean offset`` and the drift scale and yearly shock sd are
    scaled until q's sd is ``sigma``: the simulated rates' mean and spread at the target are the
    calibration's."""
    years = max(period.years, 1.0)
    m = post.loc
    s = float(np.sqrt(post.scale ** 2 + post.shock_sd ** 2 / years))
    mu, k, amb, gap_need = _calibrated(cal, m, s, kind="growth", years=years, need=need, comparator=comparator,
                                       approx=approx, strive=False, key=key, level=level)
    off = float(np.mean(period.offsets))
    df = law.drift_df
    t_var = df / (df - 2) if np.isfinite(df) and df > 2 else 1.0        # variance of T(df) per unit scale
    shock_var = law.shock_sd ** 2 / (len(period.offsets) * years ** 2)  # the averaged yearly shocks' part of var q
    # the calibrated spread goes to the drift (a five-year mean moves with the level of growth, not
    # with one year's shock); only if the yearly shocks alone are wider are both narrowed
    var_g = ((k * s) ** 2 - shock_var) * (years / off) ** 2
    shock = law.shock_sd if var_g > 0 else law.shock_sd * k * s / np.sqrt(shock_var)
    scale = float(np.sqrt(max(var_g, 0.0) / t_var))
    note = (f"{law.note}; calibrated on real plan outcomes: {mu * years:+.2f} pp to the target "
            f"(uncalibrated {m * years:+.2f}), spread {k * s * years:.2f} pp")
    out = replace(law, drift_loc=mu * years / off, drift_scale=scale, shock_sd=float(shock),
                  basis=law.basis + BASIS, note=note)
    return out, Shift(m, mu, k, float(amb), float(gap_need))


__all__ = ["calibrate_posterior", "calibrate_rate_law", "RatePeriod", "Shift", "BASIS"]
