"""Damped-trend exponential smoothing, ETS(A,Ad,N), on ln y (Hyndman & Athanasopoulos,
*Forecasting: Principles and Practice*, 3rd ed., §8.2 and §8.5 "Innovations state space
models"; fitted with ``statsmodels.tsa.exponential_smoothing.ets.ETSModel``).

    ln y_t = l_{t-1} + phi b_{t-1} + e_t
    l_t    = l_{t-1} + phi b_{t-1} + alpha e_t
    b_t    = phi b_{t-1} + beta e_t,        e_t ~ N(0, sigma^2)

Only for long annual series (>= 8 points, equally spaced): with fewer, five parameters
are not identified and statsmodels warns.  Predictive paths carry parameter uncertainty
and process uncertainty: sigma^2 is drawn from scaled-inv-chi^2 with n - 5 df; given
the smoothing parameters (held at their MLE — on short series they usually sit on a
bound, where the numerical Hessian is unusable) the one-step errors are linear in the
initial states (l0, b0), so those are drawn from their Gaussian posterior
N(theta_hat, sigma^2 (D'D)^-1); the history is re-filtered per draw (vectorised over
paths) and innovations simulated forward.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from forecast.models._base import Fitted, as_years, draw_sigma2, gaussian_aicc, validate

if TYPE_CHECKING:
    from forecast.prior import PooledPrior
    from numpy.typing import ArrayLike

NAME = "ets"
MIN_POINTS = 8
POSITIVE = True


def _filter(z: np.ndarray, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run ETS(A,Ad,N) over history ``z`` (m,) for parameter rows ``theta`` (n, 5).

    Returns end level, end trend (n,) and one-step errors (n, m).
    """
    alpha, beta, phi, level, trend = theta.T
    errs = np.empty((theta.shape[0], z.size))
    for i, zi in enumerate(z):  # loop over years, vectorised over parameter draws
        yhat = level + phi * trend
        e = zi - yhat
        errs[:, i] = e
        level = yhat + alpha * e
        trend = phi * trend + beta * e
    return level, trend, errs


@dataclass(frozen=True, eq=False)
class EtsFit(Fitted):
    """ETS(A,Ad,N) fitted on ln y."""

    theta: np.ndarray = None  # type: ignore[assignment]  # alpha, beta, phi, l0, b0
    cov: np.ndarray = None  # type: ignore[assignment]  # (2, 2) of (l0, b0) per unit sigma^2
    s2: float = 0.0
    step: float = 1.0

    def predict(self, years: ArrayLike) -> np.ndarray:
        """Point forecast exp(l_T + (phi + ... + phi^h) b_T) for years after the last; in-sample: one-step fits."""
        t = as_years(years)
        level, trend, errs = _filter(np.log(self.values), self.theta[None, :])
        h = np.maximum(np.round((t - self.years[-1]) / self.step), 0)
        phi = self.theta[2]
        damp = phi * (1 - phi ** h) / (1 - phi)
        out = np.exp(level[0] + damp * trend[0])
        fitted_in = np.exp(np.log(self.values) - errs[0])
        idx = np.searchsorted(self.years, t)
        inside = (t <= self.years[-1]) & (idx < self.n_obs)
        out[inside] = fitted_in[idx[inside]]
        return out

    def sample(self, years: ArrayLike, n: int, *, rng: np.random.Generator) -> np.ndarray:
        """Predictive paths at future annual ``years`` (> last observed); shape ``(n, len(years))``."""
        t = as_years(years)
        hs = np.round((t - self.years[-1]) / self.step).astype(int)
        if (hs < 1).any() or not np.allclose((t - self.years[-1]) / self.step, hs):
            raise ValueError("ets: sample years must be after the last observation, on its time step")
        theta = np.broadcast_to(self.theta, (n, 5)).copy()
        sig = np.sqrt(draw_sigma2(self.s2, self.n_obs - 5, n, rng))
        # initial states | sigma ~ N(theta_hat, sigma^2 (D'D)^-1), cov stored per unit sigma^2
        theta[:, 3:] += (rng.standard_normal((n, 2)) @ np.linalg.cholesky(self.cov).T) * sig[:, None]
        level, trend, _ = _filter(np.log(self.values), theta)
        alpha, beta, phi = theta[:, 0], theta[:, 1], theta[:, 2]
        out = np.empty((n, hs.max()))
        for h in range(hs.max()):  # loop over years, vectorised over paths
            e = sig * rng.standard_normal(n)
            yhat = level + phi * trend
            out[:, h] = yhat + e
            level = yhat + alpha * e
            trend = phi * trend + beta * e
        return np.exp(out[:, hs - 1])


def fit(years: ArrayLike, values: ArrayLike, *, prior: PooledPrior | None = None, **options: Any) -> EtsFit:
    """Fit damped-trend ETS on ln y with statsmodels (``prior`` accepted, unused).

    Returns ``EtsFit`` with ``params = {"alpha", "beta", "phi", "level0", "trend0", "sigma"}``.
    """
    if options:
        raise TypeError(f"ets: unknown option(s) {sorted(options)}")
    t, v = validate(years, values, family=NAME, min_points=MIN_POINTS, positive=POSITIVE, equal_steps=True)
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    z = np.log(v)
    with warnings.catch_warnings():
        # the optimiser's convergence chatter is not actionable here; the fit is checked below
        warnings.simplefilter("ignore")
        res = ETSModel(z, error="add", trend="add", damped_trend=True).fit(disp=False)
    theta = np.asarray(res.params, dtype=float)
    # errors are linear in (l0, b0): e = e(0, 0) - D @ (l0, b0); D from unit initial states
    unit = np.array([[*theta[:3], 1.0, 0.0], [*theta[:3], 0.0, 1.0]])
    D = -_filter(np.zeros_like(z), unit)[2].T
    cov = np.linalg.inv(D.T @ D)
    _, _, errs = _filter(z, theta[None, :])
    r = errs[0]
    s2 = float(r @ r / (t.size - 5))
    names = ["alpha", "beta", "phi", "level0", "trend0"]
    params = dict(zip(names, map(float, theta))) | {"sigma": float(np.sqrt(s2))}
    desc = (f"ets(A,Ad,N) on ln y: alpha {theta[0]:.3f}, beta {theta[1]:.3g}, phi {theta[2]:.3f}, "
            f"sd {np.sqrt(s2):.3g}")
    return EtsFit(family=NAME, n_obs=t.size, params=params, description=desc,
                  aicc=gaussian_aicc(r, k=6, log_jacobian=float(-np.sum(z))),
                  years=t, values=v, theta=theta, cov=cov, s2=s2, step=float(t[1] - t[0]))
