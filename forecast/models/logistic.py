"""Logistic growth to a capacity K: logit(y / K) = a + r t + e, e iid N(0, sigma^2).

The noise lives on the logit scale, so every predictive path stays strictly below K.
K may be given (``capacity=``, e.g. a physical ceiling) or fitted (uniform prior on ln K
up to ``cap_factor`` × the largest observation); see :mod:`forecast.models._capacity`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from forecast.models._capacity import CapacityFit, fit_capacity

if TYPE_CHECKING:
    from forecast.prior import PooledPrior
    from numpy.typing import ArrayLike

NAME = "logistic"
MIN_POINTS = 3  # with capacity given; 4 when fitted
POSITIVE = True


def _fwd(y: np.ndarray, k: np.ndarray) -> np.ndarray:
    return np.log(y / (k - y))


def _inv(z: np.ndarray, k: np.ndarray) -> np.ndarray:
    return k / (1.0 + np.exp(-z))


def _log_jac(y: np.ndarray, k: np.ndarray) -> np.ndarray:
    return np.log(k) - np.log(y) - np.log(k - y)


def fit(years: ArrayLike, values: ArrayLike, *, prior: PooledPrior | None = None, capacity: float | None = None,
        cap_factor: float = 10.0, **options: Any) -> CapacityFit:
    """Fit a logistic curve (``prior`` accepted, unused).

    Parameters
    ----------
    capacity : known ceiling K in the unit of ``values`` (all values must lie below it);
        ``None`` fits K (needs >= 4 points).
    cap_factor : upper end of the K grid as a multiple of the largest observation.

    Returns ``CapacityFit`` with ``params = {"capacity", "intercept", "slope", "sigma"}``
    (slope = logistic rate r per year).
    """
    if options:
        raise TypeError(f"logistic: unknown option(s) {sorted(options)}")
    return fit_capacity(NAME, years, values, fwd=_fwd, inv=_inv, log_jac=_log_jac,
                        capacity=capacity, cap_factor=cap_factor,
                        describe=lambda K, b, s: f"logistic: capacity {K:.4g}, rate {b:+.4f}/yr, logit sd {s:.3g}")
