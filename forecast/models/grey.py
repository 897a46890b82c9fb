"""GM(1,1) grey model (Deng Julong, 1982; Liu Sifeng et al., *Grey Systems: Theory and
Applications*, Springer 2010, ch. 6 "Grey forecasting models"; 刘思峰等《灰色系统理论及其应用》).

With the accumulated series x1(k) = sum_{i<=k} x0(i) and background values
z1(k) = (x1(k) + x1(k-1)) / 2, least squares on x0(k) + a z1(k) = b (k = 2..n) gives
(a, b); the time response is x1_hat(k+1) = (x0(1) - b/a) e^{-a k} + b/a and the restored
series x0_hat(k+1) = (1 - e^{a}) (x0(1) - b/a) e^{-a k}, k = 1..n-1 (so the
value at 0-based position k >= 1 is (1 - e^{a})(x0(1) - b/a) e^{-a k}).

GM(1,1) itself has no error model.  For predictive paths we treat the log residuals
ln x0 - ln x0_hat (k = 2..n) as iid normal around the GM curve and propagate the
uncertainty of its level and slope as for a log-linear regression (Student-t, n - 3 df):
an approximation, checked for coverage in the tests.  Years must be equally spaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from forecast.models._base import Fitted, as_years, gaussian_aicc, line_posterior_paths, validate

if TYPE_CHECKING:
    from forecast.prior import PooledPrior
    from numpy.typing import ArrayLike

NAME = "grey"
MIN_POINTS = 4  # Liu et al.: GM(1,1) needs at least four data
POSITIVE = True


def gm11_params(x0: np.ndarray) -> tuple[float, float]:
    """Development coefficient ``a`` and grey input ``b`` of GM(1,1) by least squares."""
    x1 = np.cumsum(x0)
    z1 = 0.5 * (x1[1:] + x1[:-1])
    B = np.c_[-z1, np.ones(z1.size)]
    a, b = np.linalg.lstsq(B, x0[1:], rcond=None)[0]
    return float(a), float(b)


@dataclass(frozen=True, eq=False)
class GreyFit(Fitted):
    """GM(1,1) on an equally spaced series starting at ``t0`` with step ``step``."""

    a: float = 0.0
    b: float = 0.0
    t0: float = 0.0
    step: float = 1.0

    def predict(self, years: ArrayLike) -> np.ndarray:
        """Restored series x0_hat at ``years`` (x0(1) at t0); shape ``(len(years),)``."""
        k = (as_years(years) - self.t0) / self.step
        x01 = float(self.values[0])
        out = (1 - np.exp(self.a)) * (x01 - self.b / self.a) * np.exp(-self.a * k)
        return np.where(k == 0, x01, out)

    def sample(self, years: ArrayLike, n: int, *, rng: np.random.Generator) -> np.ndarray:
        """Paths: GM curve × log-normal level/slope and yearly noise (see module doc); shape ``(n, h)``."""
        t = as_years(years)
        resid = np.log(self.values[1:]) - np.log(self.predict(self.years[1:]))
        z = line_posterior_paths(self.years[1:], resid, t, np.log(self.predict(t)), n, rng)
        return np.exp(z)


def fit(years: ArrayLike, values: ArrayLike, *, prior: PooledPrior | None = None, **options: Any) -> GreyFit:
    """Fit GM(1,1) to an equally spaced positive series (``prior`` accepted, unused).

    Returns ``GreyFit`` with ``params = {"a", "b", "growth"}`` (growth = e^{-a} - 1 per step).
    """
    if options:
        raise TypeError(f"grey: unknown option(s) {sorted(options)}")
    t, v = validate(years, values, family=NAME, min_points=MIN_POINTS, positive=POSITIVE, equal_steps=True)
    a, b = gm11_params(v)
    if a == 0 or not np.isfinite(a):
        raise ValueError("grey: development coefficient a is 0; GM(1,1) is undefined for this series")
    fitted = GreyFit(family=NAME, n_obs=t.size, params={}, description="", years=t, values=v,
                     a=a, b=b, t0=float(t[0]), step=float(t[1] - t[0]))
    r = np.log(v[1:]) - np.log(fitted.predict(t[1:]))
    params = {"a": a, "b": b, "growth": float(np.expm1(-a))}
    desc = f"grey GM(1,1): a = {a:.5f}, b = {b:.5g} ({100 * np.expm1(-a):+.2f} % per step)"
    return GreyFit(family=NAME, n_obs=t.size, params=params, description=desc,
                   aicc=gaussian_aicc(r, k=3, log_jacobian=float(-np.sum(np.log(v[1:])))),
                   years=t, values=v, a=a, b=b, t0=float(t[0]), step=float(t[1] - t[0]))
