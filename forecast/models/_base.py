"""Shared pieces of the growth-model families: input validation and the ``Fitted`` base.

Shape convention (kept by every family): ``years`` is 1-D of length ``h``;
``Fitted.sample(years, n, rng=rng)`` returns an array shaped ``(n, h)`` — paths × years,
in the unit of the values the family was fitted to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats


@dataclass(frozen=True, eq=False)
class Fitted:
    """Result of fitting one family to one history.

    Subclasses implement :meth:`predict` and :meth:`sample`.  ``aicc`` is on the level
    scale of the values (log-likelihood includes the Jacobian of the family's working
    transform) and is ``nan`` where undefined (too few points for the correction).
    """

    family: str
    n_obs: int
    params: dict[str, float]
    description: str
    aicc: float = float("nan")
    years: np.ndarray = field(default_factory=lambda: np.empty(0), repr=False)
    values: np.ndarray = field(default_factory=lambda: np.empty(0), repr=False)

    def predict(self, years: Any) -> np.ndarray:  # pragma: no cover - abstract
        """Point forecast (median on the level scale) at ``years``; shape ``(len(years),)``."""
        raise NotImplementedError

    def sample(self, years: Any, n: int, *, rng: np.random.Generator) -> np.ndarray:  # pragma: no cover
        """Predictive paths with parameter and process uncertainty; shape ``(n, len(years))``."""
        raise NotImplementedError

    def residual_sd_log(self) -> float:
        """Standard deviation of log residuals ln(y) - ln(predict) in-sample (nan if < 3 points)."""
        if self.n_obs < 3 or np.any(self.values <= 0):
            return float("nan")
        r = np.log(self.values) - np.log(np.maximum(self.predict(self.years), 1e-300))
        return float(np.sqrt(np.sum(r ** 2) / max(self.n_obs - 2, 1)))


def validate(
    years: Any,
    values: Any,
    *,
    family: str,
    min_points: int,
    positive: bool,
    below: float | None = None,
    equal_steps: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Check a history and return ``(years, values)`` as float arrays sorted by year.

    Unsorted years are sorted (values follow their years) — a history is a set of
    (year, value) pairs, so order carries no information.  Duplicated years, NaN or
    infinite values, non-positive values for log-scale families, values at or above a
    capacity ``below``, fewer than ``min_points`` points and, with ``equal_steps``, unequal
    gaps between years raise ``ValueError`` saying what was found and what the family needs.
    """
    y = np.asarray(years, dtype=float).ravel()
    v = np.asarray(values, dtype=float).ravel()
    if y.shape != v.shape:
        raise ValueError(f"{family}: {y.size} years but {v.size} values")
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{family}: years must be finite numbers, got {y.tolist()}")
    bad = ~np.isfinite(v)
    if bad.any():
        raise ValueError(f"{family}: value is NaN/infinite in year(s) {y[bad].astype(int).tolist()}; "
                         "drop redacted rows before fitting")
    uniq, counts = np.unique(y, return_counts=True)
    if (counts > 1).any():
        raise ValueError(f"{family}: duplicate year(s) {uniq[counts > 1].astype(int).tolist()}; "
                         "keep one row per year (the preferred one)")
    order = np.argsort(y, kind="stable")
    y, v = y[order], v[order]
    if y.size < min_points:
        raise ValueError(f"{family}: needs at least {min_points} points, got {y.size}")
    if positive and (v <= 0).any():
        raise ValueError(f"{family}: works on the log scale and needs positive values; got "
                         f"{v[v <= 0].tolist()} in year(s) {y[v <= 0].astype(int).tolist()}")
    if below is not None and (v >= below).any():
        raise ValueError(f"{family}: values must lie below the capacity {below:g}; got max {v.max():g}")
    steps = np.diff(y)
    if equal_steps and steps.size and not np.allclose(steps, steps[0]):
        raise ValueError(f"{family}: needs equally spaced years, got gaps {steps.astype(int).tolist()}")
    return y, v


def as_years(years: Any) -> np.ndarray:
    """Years as a 1-D float array."""
    return np.atleast_1d(np.asarray(years, dtype=float))


def draw_sigma2(s2: float, df: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draws of sigma^2 from a scaled inverse chi^2(df, s2) posterior; shape ``(n,)``."""
    return df * s2 / rng.chisquare(df, size=n)


def line_posterior_paths(
    t_obs: np.ndarray,
    resid: np.ndarray,
    t_new: np.ndarray,
    center: np.ndarray,
    n: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Posterior-predictive paths around ``center`` for a straight-line model with iid normal errors.

    Model z = a + b t + e, e ~ N(0, sigma^2), flat prior on (a, b, log sigma):
    sigma^2 ~ scaled-inv-chi^2(m-2, s^2), (a, b) | sigma ~ N(beta_hat, sigma^2 (X'X)^-1),
    plus a fresh N(0, sigma^2) each year.  Each year's marginal is then the classical
    Student-t prediction interval with m-2 df (exactly calibrated when the data follow
    the model).  ``resid`` are the m in-sample residuals at ``t_obs``; ``center`` has
    shape ``(len(t_new),)``.  Returns shape ``(n, len(t_new))`` on the z scale.
    """
    m = t_obs.size
    df = m - 2
    s2 = float(resid @ resid / df)
    tbar = t_obs.mean()
    X = np.c_[np.ones(m), t_obs - tbar]
    L = np.linalg.cholesky(np.linalg.inv(X.T @ X))
    sig = np.sqrt(draw_sigma2(s2, df, n, rng))[:, None]
    dbeta = (rng.standard_normal((n, 2)) @ L.T) * sig
    Xn = np.c_[np.ones(t_new.size), t_new - tbar]
    return center[None, :] + dbeta @ Xn.T + rng.standard_normal((n, t_new.size)) * sig


def line_fit(t: np.ndarray, z: np.ndarray) -> tuple[float, float, float]:
    """OLS line on centred time: returns (intercept at t=0, slope, residual variance with n-2 df)."""
    tbar = t.mean()
    b = float(np.sum((t - tbar) * (z - z.mean())) / np.sum((t - tbar) ** 2))
    a = float(z.mean() - b * tbar)
    r = z - a - b * t
    return a, b, float(r @ r / max(t.size - 2, 1))


def gaussian_aicc(resid: np.ndarray, k: int, log_jacobian: float = 0.0) -> float:
    """AICc of iid Gaussian residuals with MLE variance, ``k`` parameters incl. the variance.

    ``log_jacobian`` = sum of log |dz/dy| puts a transformed-scale likelihood on the level scale.
    Returns nan when n <= k + 1 (the small-sample correction is undefined).
    """
    n = resid.size
    if n <= k + 1:
        return float("nan")
    s2 = float(resid @ resid / n)
    if s2 <= 0:
        return float("-inf")
    ll = float(np.sum(stats.norm.logpdf(resid, scale=np.sqrt(s2)))) + log_jacobian
    return -2 * ll + 2 * k + 2 * k * (k + 1) / (n - k - 1)
