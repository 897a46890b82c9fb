"""Exponential growth (constant CAGR): a random walk with drift on the log scale.

    ln y_{t+d} - ln y_t ~ N(g d, sigma^2 d)

The maximum-likelihood drift is the CAGR between the first and last points,
``g = ln(y_last / y_first) / (t_last - t_first)``, so with two points the fit recovers
the CAGR exactly.  Uncertainty:

* n >= 3: conjugate posterior with a flat prior on g — sigma^2 ~ scaled-inv-chi^2 with
  (n - 2) residual df (+ ``prior.shock_df`` pseudo-observations at ``prior.shock_sd``
  when a prior is given), g | sigma ~ N(g_hat, sigma^2 / span).  The h-year-ahead
  predictive of ln y is Student-t with scale s * sqrt(h + h^2 / span).
* n == 2: no residual; the drift is g_hat + scale * t(df) with the pooled prior's df and
  scale (the spread of five-year growth rates across talent stocks, widened by
  sqrt(window / span) for a shorter span), shocks at ``prior.shock_sd``.
* n == 1 (:func:`from_prior`): drift straight from the pooled prior.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from forecast.models._base import Fitted, as_years, draw_sigma2, gaussian_aicc, validate

if TYPE_CHECKING:
    from forecast.prior import PooledPrior
    from numpy.typing import ArrayLike

NAME = "exponential"
MIN_POINTS = 2
POSITIVE = True


@dataclass(frozen=True, eq=False)
class ExponentialFit(Fitted):
    """Random walk with drift on ln y from the last observation.

    ``mode == "posterior"``: sigma^2 drawn per path (df ``drift_df``, scale ``shock_sd``),
    g | sigma ~ N(drift_loc, sigma^2 / span).  ``mode == "t"``: g ~ drift_loc +
    drift_scale * t(drift_df), shocks N(0, shock_sd^2) (two points or the prior).
    """

    base_year: float = 0.0
    base_log: float = 0.0
    drift_loc: float = 0.0
    drift_scale: float = 0.0
    drift_df: float = np.inf
    shock_sd: float = 0.0
    span: float = 1.0
    mode: str = "t"

    def predict(self, years: ArrayLike) -> np.ndarray:
        """Median path exp(ln y_T + g_hat (t - T)); shape ``(len(years),)``."""
        t = as_years(years)
        return np.exp(self.base_log + self.drift_loc * (t - self.base_year))

    def sample(self, years: ArrayLike, n: int, *, rng: np.random.Generator) -> np.ndarray:
        """Predictive paths at ``years`` (each >= the last observed year); shape ``(n, len(years))``."""
        t = as_years(years)
        if (t < self.base_year).any() or (np.diff(t) < 0).any():
            raise ValueError(f"{self.family}: sample years must be increasing and >= {self.base_year:g}")
        h = t - self.base_year
        dh = np.diff(np.r_[0.0, h])
        if self.mode == "posterior":
            sig = np.sqrt(draw_sigma2(self.shock_sd ** 2, self.drift_df, n, rng))
            g = self.drift_loc + sig * rng.standard_normal(n) / np.sqrt(self.span)
        else:
            sig = np.full(n, self.shock_sd)
            g = self.drift_loc + self.drift_scale * rng.standard_t(self.drift_df, size=n)
        shocks = np.cumsum(rng.standard_normal((n, t.size)) * np.sqrt(dh)[None, :], axis=1) * sig[:, None]
        return np.exp(self.base_log + g[:, None] * h[None, :] + shocks)

    def law_drift(self) -> tuple[float, float, float, float]:
        """(loc, scale, df, shock_sd) of the annual drift on the log scale, for a GrowthLaw."""
        if self.mode == "posterior":
            return self.drift_loc, self.shock_sd / np.sqrt(self.span), self.drift_df, self.shock_sd
        return self.drift_loc, self.drift_scale, self.drift_df, self.shock_sd


def fit(years: ArrayLike, values: ArrayLike, *, prior: PooledPrior | None = None, **options: Any) -> ExponentialFit:
    """Fit constant-CAGR growth (random walk with drift on ln y).

    Parameters
    ----------
    years, values : 1-D, same length, values > 0 (any unit); unsorted years are sorted.
    prior : :class:`forecast.prior.PooledPrior`; required with exactly two points (its
        spread is the drift uncertainty), optional otherwise (adds ``shock_df``
        pseudo-observations at ``shock_sd`` to the residual variance).

    Returns
    -------
    ExponentialFit with ``params = {"cagr", "drift", "drift_scale", "df", "shock_sd"}``.
    """
    if options:
        raise TypeError(f"exponential: unknown option(s) {sorted(options)}")
    t, v = validate(years, values, family=NAME, min_points=MIN_POINTS, positive=POSITIVE)
    z = np.log(v)
    span = float(t[-1] - t[0])
    g = float((z[-1] - z[0]) / span)
    dt, dz = np.diff(t), np.diff(z)
    r = (dz - g * dt) / np.sqrt(dt)  # standardised one-step residuals
    resid_df = r.size - 1
    nu0, s0 = (prior.shock_df, prior.shock_sd) if prior is not None else (0.0, 0.0)
    if resid_df >= 1:
        df = resid_df + nu0
        s = float(np.sqrt((nu0 * s0 ** 2 + r @ r) / df))
        mode, drift_scale = "posterior", s / np.sqrt(span)
        jac = -0.5 * np.sum(np.log(dt)) - np.sum(z[1:])
        aicc = gaussian_aicc(r, k=2, log_jacobian=float(jac))
        how = f"sd from {resid_df} residual df" + (f" + {nu0:g} prior df" if nu0 else "")
    else:
        if prior is None:
            raise ValueError("exponential: two points give the CAGR but no spread; pass a "
                             "prior (forecast.type_prior(kind).pooled()) for the uncertainty")
        df, s, mode = float(prior.df), float(prior.shock_sd), "t"
        drift_scale = float(prior.scale * np.sqrt(prior.window_years / span))
        aicc = float("nan")
        how = f"drift spread from the pooled prior (scale {drift_scale:.4f}, df {df:g})"
    params = {"cagr": float(np.expm1(g)), "drift": g, "drift_scale": float(drift_scale),
              "df": float(df), "shock_sd": s}
    desc = (f"exponential: CAGR {100 * np.expm1(g):+.2f} %/yr over {t[0]:.0f}-{t[-1]:.0f}; {how}")
    return ExponentialFit(family=NAME, n_obs=t.size, params=params, description=desc, aicc=aicc,
                          years=t, values=v, base_year=float(t[-1]), base_log=float(z[-1]),
                          drift_loc=g, drift_scale=float(drift_scale), drift_df=float(df),
                          shock_sd=s, span=span, mode=mode)


def from_prior(year: float, value: float, prior: PooledPrior) -> ExponentialFit:
    """One observation: exponential growth with the pooled prior's drift (loc, scale, df) and shock sd."""
    t, v = validate([year], [value], family="pooled-prior", min_points=1, positive=True)
    params = {"cagr": float(np.expm1(prior.loc)), "drift": float(prior.loc),
              "drift_scale": float(prior.scale), "df": float(prior.df), "shock_sd": float(prior.shock_sd)}
    desc = (f"pooled prior: one observation ({t[0]:.0f}); drift {prior.loc:.4f} + "
            f"{prior.scale:.4f} x t({prior.df:g}) per year ({prior.kind} prior)")
    return ExponentialFit(family="pooled-prior", n_obs=1, params=params, description=desc,
                          years=t, values=v, base_year=float(t[0]), base_log=float(np.log(v[0])),
                          drift_loc=float(prior.loc), drift_scale=float(prior.scale),
                          drift_df=float(prior.df), shock_sd=float(prior.shock_sd), span=1.0, mode="t")
