"""Shared machinery of the saturating families (logistic, Gompertz) with a capacity K.

Each family has a transform z = f(y / K) that turns its curve into a straight line in t
(logistic: logit(y/K); Gompertz: ln(-ln(y/K))) and errors are iid normal on z, so every
path stays strictly below K.  With K given, this is a linear regression (exact Student-t
intervals).  With K fitted, K gets a uniform prior on ln K over ``(max y * 1.001, max y *
cap_factor]`` on a grid; (a, b, log sigma) are integrated out analytically, so
p(K | y) ∝ SSR(K)^(-(n-2)/2) * prod |dz/dy|(K) (the Jacobian makes the likelihoods of
different K comparable on the level scale).  Paths draw K from that posterior first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from forecast.models._base import Fitted, as_years, draw_sigma2, gaussian_aicc, validate

GRID = 240


@dataclass(frozen=True, eq=False)
class CapacityFit(Fitted):
    """A saturating curve fitted on its linearising scale, with a (possibly uncertain) capacity."""

    caps: np.ndarray = None  # type: ignore[assignment]  # grid of capacities (length 1 if given)
    cap_prob: np.ndarray = None  # type: ignore[assignment]
    betas: np.ndarray = None  # type: ignore[assignment]  # (len(caps), 2): intercept, slope on centred t
    s2: np.ndarray = None  # type: ignore[assignment]
    tbar: float = 0.0
    k_hat: int = 0
    fwd: Callable[[np.ndarray, np.ndarray], np.ndarray] = None  # type: ignore[assignment]
    inv: Callable[[np.ndarray, np.ndarray], np.ndarray] = None  # type: ignore[assignment]

    @property
    def capacity(self) -> float:
        """Capacity used by :meth:`predict` (posterior mode when fitted)."""
        return float(self.caps[self.k_hat])

    def predict(self, years: Any) -> np.ndarray:
        """Curve at the modal capacity; shape ``(len(years),)``."""
        t = as_years(years)
        a, b = self.betas[self.k_hat]
        return self.inv(a + b * (t - self.tbar), np.float64(self.capacity))

    def sample(self, years: Any, n: int, *, rng: np.random.Generator) -> np.ndarray:
        """Paths with capacity, line and noise uncertainty; every value < its path's K; shape ``(n, h)``."""
        t = as_years(years)
        m = self.n_obs
        j = rng.choice(self.caps.size, size=n, p=self.cap_prob)
        sig = np.sqrt(draw_sigma2(1.0, m - 2, n, rng) * self.s2[j])
        X = np.c_[np.ones(m), self.years - self.tbar]
        L = np.linalg.cholesky(np.linalg.inv(X.T @ X))
        beta = self.betas[j] + (rng.standard_normal((n, 2)) @ L.T) * sig[:, None]
        Xn = np.c_[np.ones(t.size), t - self.tbar]
        z = beta @ Xn.T + rng.standard_normal((n, t.size)) * sig[:, None]
        return self.inv(z, self.caps[j][:, None])


def fit_capacity(
    family: str,
    years: Any,
    values: Any,
    *,
    fwd: Callable[[np.ndarray, np.ndarray], np.ndarray],
    inv: Callable[[np.ndarray, np.ndarray], np.ndarray],
    log_jac: Callable[[np.ndarray, np.ndarray], np.ndarray],
    capacity: float | None,
    cap_factor: float,
    describe: Callable[[float, float, float], str],
) -> CapacityFit:
    """Fit z = fwd(y, K) = a + b t on a capacity grid (or the given K); see module docstring."""
    if capacity is not None:
        if not (np.isfinite(capacity) and capacity > 0):
            raise ValueError(f"{family}: capacity must be a positive number, got {capacity}")
        t, v = validate(years, values, family=family, min_points=3, positive=True, below=capacity)
        caps = np.array([float(capacity)])
    else:
        t, v = validate(years, values, family=family, min_points=4, positive=True)
        if cap_factor <= 1.01:
            raise ValueError(f"{family}: cap_factor must exceed 1.01, got {cap_factor}")
        caps = v.max() * np.exp(np.linspace(np.log(1.001), np.log(cap_factor), GRID))
    tbar = t.mean()
    X = np.c_[np.ones(t.size), t - tbar]
    Z = fwd(v[None, :], caps[:, None])  # (K, n)
    betas = np.linalg.lstsq(X, Z.T, rcond=None)[0].T  # (K, 2)
    R = Z - betas @ X.T
    ssr = np.sum(R ** 2, axis=1)
    df = t.size - 2
    lj = np.sum(log_jac(v[None, :], caps[:, None]), axis=1)
    logp = -0.5 * df * np.log(np.maximum(ssr, 1e-300)) + lj
    p = np.exp(logp - logp.max())
    p /= p.sum()
    k_hat = int(np.argmax(p))
    aicc = gaussian_aicc(R[k_hat], k=3 + (capacity is None), log_jacobian=float(lj[k_hat]))
    a, b = betas[k_hat]
    K = float(caps[k_hat])
    params = {"capacity": K, "intercept": float(a - b * tbar), "slope": float(b),
              "sigma": float(np.sqrt(ssr[k_hat] / df))}
    if capacity is None:
        params["capacity_q10"], params["capacity_q90"] = (
            float(caps[np.searchsorted(np.cumsum(p), q)]) for q in (0.1, 0.9))
    desc = describe(K, float(b), float(np.sqrt(ssr[k_hat] / df))) + (
        " (capacity given)" if capacity is not None else f" (capacity fitted, grid up to {cap_factor:g}x max)")
    return CapacityFit(family=family, n_obs=t.size, params=params, description=desc, aicc=aicc,
                       years=t, values=v, caps=caps, cap_prob=p, betas=betas, s2=ssr / df,
                       tbar=float(tbar), k_hat=k_hat, fwd=fwd, inv=inv)
