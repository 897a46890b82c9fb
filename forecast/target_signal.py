"""A plan's target as a noisy signal of its own trend, calibrated on real outcomes.

Planners know their region's trend and set targets near it (usually a little below, so
that most targets are met: 27 of the 35 scoreable triples in ``data/outcomes.csv``).  A
target of raising an indicator from ``z0`` to ``zT`` over ``h`` years implies the growth
``t = (zT - z0) / h`` on the working scale; it is read as

    t = g - bias + e,   e ~ N(0, noise_sd^2)

where ``g`` is the indicator's future drift.  With the drift's predictive
N(m, D) (type prior, already updated with the own history) the conjugate update gives
``w = D / (D + noise_sd^2)``, drift mean ``m + w (t + bias - m)``, variance ``D (1 - w)``.

``bias`` and ``noise_sd`` are fitted by maximum likelihood of the *realised* growth of
the outcomes' triples (realised = (z_outcome - z0) / years, predictive variance
``D (1 - w) + shock_sd^2 / years``).  Only targets that ask for a rise above the base
(``>=`` or ``>``, target above base) are signals: a target already met at base is a floor
and a ceiling (unemployment ``<=``) is a limit, not a forecast, so both are left as they
are.  The outcome backtest refits the two numbers without the plan it scores
(leave-one-plan-out).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from forecast.drift_update import DriftPosterior


@dataclass(frozen=True)
class TargetSignal:
    """Fitted reading of targets: ``bias`` (realised minus target growth, per year, working
    scale) and ``noise_sd`` (how far a target's growth sits from the trend), from ``n`` triples."""

    bias: float
    noise_sd: float
    n: int = 0

    def describe(self) -> str:
        return (f"targets read as signals of the trend: realised growth = target growth {self.bias:+.4f}/yr "
                f"± {self.noise_sd:.4f}/yr (fitted on {self.n} real plan outcomes)")


def is_signal(op: str, base: float, target: float) -> bool:
    """A target is a trend signal when it asks for a rise above the base (>= or >)."""
    return str(op) in (">=", ">") and np.isfinite(base) and np.isfinite(target) and target > base


def fit_signal(need: np.ndarray, realised: np.ndarray, m: np.ndarray, D: np.ndarray,
               shock_var: np.ndarray) -> TargetSignal:
    """Maximum-likelihood (bias, noise_sd) from per-triple target growth ``need``, realised
    growth, prior drift mean ``m`` and variance ``D``, and shock variance of the mean
    (``shock_sd^2 / years``)."""
    need, realised, m, D, sv = (np.asarray(x, float) for x in (need, realised, m, D, shock_var))

    def nll(theta):
        b, log_s = theta
        s2 = np.exp(2 * log_s)
        w = D / (D + s2)
        mean = m + w * (need + b - m)
        var = D * (1 - w) + sv
        return float(np.sum(0.5 * np.log(var) + 0.5 * (realised - mean) ** 2 / var))

    from scipy import optimize   # only when fitting the signal, not on a cached start

    best = optimize.minimize(nll, np.array([0.0, np.log(0.03)]), method="Nelder-Mead")
    b, log_s = best.x
    return TargetSignal(float(b), float(np.exp(log_s)), int(need.size))


def apply_signal(post: DriftPosterior, need: float, signal: TargetSignal) -> DriftPosterior:
    """Update a drift posterior with the target's implied growth ``need`` (per draw)."""
    D = post.scales ** 2
    w = D / (D + signal.noise_sd ** 2)
    locs = post.locs + w * (need + signal.bias - post.locs)
    scales = post.scales * np.sqrt(1 - w)
    return replace(post, locs=locs, scales=scales, basis=post.basis + " + target as trend signal")


__all__ = ["TargetSignal", "is_signal", "fit_signal", "apply_signal"]
