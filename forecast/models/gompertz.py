"""Gompertz growth to a capacity K: y = K exp(-exp(a + b t + e)), e iid N(0, sigma^2).

Linearised as ln(-ln(y / K)) = a + b t + e (b < 0 for growth), so paths never exceed K.
K given (``capacity=``) or fitted on a log grid as for the logistic; see
:mod:`forecast.models._capacity`.  Reference for the curve: Winsor (1932), "The
Gompertz curve as a growth curve", PNAS 18(1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from forecast.models._capacity import CapacityFit, fit_capacity

if TYPE_CHECKING:
    from forecast.prior import PooledPrior
    from numpy.typing import ArrayLike

NAME = "gompertz"
MIN_POINTS = 3  # with capacity given; 4 when fitted
POSITIVE = True


def _fwd(y: np.ndarray, k: np.ndarray) -> np.ndarray:
    return np.log(np.log(k) - np.log(y))


def _inv(z: np.ndarray, k: np.ndarray) -> np.ndarray:
    return k * np.exp(-np.exp(z))


def _log_jac(y: np.ndarray, k: np.ndarray) -> np.ndarray:
    return -np.log(y) - np.log(np.log(k) - np.log(y))


def fit(years: ArrayLike, values: ArrayLike, *, prior: PooledPrior | None = None, capacity: float | None = None,
        cap_factor: float = 10.0, **options: Any) -> CapacityFit:
    """Fit a Gompertz curve (``prior`` accepted, unused); options as :func:`forecast.models.logistic.fit`.

    Returns ``CapacityFit`` with ``params = {"capacity", "intercept", "slope", "sigma"}`` on the
    ln(-ln(y/K)) scale (slope = -c, the Gompertz rate).
    """
    if options:
        raise TypeError(f"gompertz: unknown option(s) {sorted(options)}")
    return fit_capacity(NAME, years, values, fwd=_fwd, inv=_inv, log_jac=_log_jac,
                        capacity=capacity, cap_factor=cap_factor,
                        describe=lambda K, b, s: f"gompertz: capacity {K:.4g}, rate {-b:.4f}/yr, sd {s:.3g}")
