"""Linear trend in levels: y_t = a + b t + e_t, e_t iid N(0, sigma^2).

Ordinary least squares; predictive paths from the flat-prior posterior (Student-t with
n - 2 df at each year, the textbook prediction interval).  Levels may go negative far
out — the calibrator reports that instead of clipping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from forecast.models._base import Fitted, as_years, gaussian_aicc, line_fit, line_posterior_paths, validate

if TYPE_CHECKING:
    from forecast.prior import PooledPrior
    from numpy.typing import ArrayLike

NAME = "linear"
MIN_POINTS = 3
POSITIVE = False


@dataclass(frozen=True, eq=False)
class LinearFit(Fitted):
    """OLS straight line in levels."""

    intercept: float = 0.0
    slope: float = 0.0

    def predict(self, years: ArrayLike) -> np.ndarray:
        """Fitted line a + b t; shape ``(len(years),)``."""
        return self.intercept + self.slope * as_years(years)

    def sample(self, years: ArrayLike, n: int, *, rng: np.random.Generator) -> np.ndarray:
        """Posterior-predictive paths (parameter + iid yearly noise); shape ``(n, len(years))``."""
        t = as_years(years)
        resid = self.values - self.predict(self.years)
        return line_posterior_paths(self.years, resid, t, self.predict(t), n, rng)


def fit(years: ArrayLike, values: ArrayLike, *, prior: PooledPrior | None = None, **options: Any) -> LinearFit:
    """Fit a straight line in levels by OLS (``prior`` is accepted and unused).

    Returns ``LinearFit`` with ``params = {"intercept", "slope", "sigma"}`` (unit of values, per year).
    """
    if options:
        raise TypeError(f"linear: unknown option(s) {sorted(options)}")
    t, v = validate(years, values, family=NAME, min_points=MIN_POINTS, positive=POSITIVE)
    a, b, s2 = line_fit(t, v)
    resid = v - (a + b * t)
    params = {"intercept": a, "slope": b, "sigma": float(np.sqrt(s2))}
    desc = f"linear: {b:+.4g} per year (residual sd {np.sqrt(s2):.3g})"
    return LinearFit(family=NAME, n_obs=t.size, params=params, description=desc,
                     aicc=gaussian_aicc(resid, k=3), years=t, values=v, intercept=a, slope=b)
