"""Short histories: a precision-weighted update of an indicator's drift toward its type prior.

On the working scale an indicator's history is read as a random walk with drift
``g_series + u_window`` and yearly shocks of sd ``sigma``.  From points at years
t_1 < ... < t_n the drift estimate is the slope of the latest window,
``g_hat = (z_n - z_j) / T`` with t_j the point nearest t_n - 5 (T <= 5 years; the
maximum-likelihood drift of a random walk over that window, any spacing): the type
prior's persistence was measured between *adjacent* five-year windows, so the adjacent
window is the statistic it applies to (a 10-year average would also carry growth that
has since slowed).  Then

    var(g_hat | g_series) = U + sigma^2 / T,    U = window_sd^2

(the past window's own deviation plus the shocks).  Only the *persistent* part of the
drift carries over to the next five years (the type prior's ``persistent_sd``, estimated
on disjoint consecutive windows of the panel), so

    w = P / (P + U + sigma^2 / T),   P = persistent_sd^2
    future drift ~ mu + w (g_hat - mu)  with variance  P (1 - w) + window_sd^2

— the normal-normal conjugate update (e.g. Gelman et al., BDA3 §2.5) applied per
hyperparameter draw of the prior, keeping the prior's Student-t degrees of freedom.
``sigma`` is the type's yearly shock sd.  With >= 4 points its *noise* part is pooled with
the history's own residual sd (around its whole-span slope; prior weight
``SHOCK_PSEUDO_DF`` pseudo-observations), and its re-basing-break part is not: breaks
(survey coverage, definitions) hit 2-4 % of the panel's years, so a history of <= 10 points
has usually seen none and its own sd says nothing about their size.  A clean record does
say a little about their rate, as breaks cluster in some series: the break variance kept
is the gamma-Poisson posterior share ``k / (k + rate T)`` (:meth:`TypePrior.break_share`,
T the history's span; about 0.7 for ten annual points):

    sigma^2 = (nu0 (shock_sd^2 - break_sd^2) + (m - 1) s^2) / (nu0 + m - 1) + share * break_sd^2

(a history that did contain a break carries it in s^2).  Pooling the whole shock instead
treated the rare jumps as Gaussian noise and shrank them toward a clean history's s^2 (to
about a third at ten points).  One point (or all points in one year): the type prior itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass, field

import numpy as np

from forecast.law import GrowthLaw
from forecast.reference import WINDOW, to_working, working_scale
from forecast.typeprior import TypePrior

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

#: Pseudo-degrees of freedom behind the type's shock sd when pooled with a history's own.
SHOCK_PSEUDO_DF = 4.0


@dataclass(frozen=True)
class DriftPosterior:
    """Predictive of the future annual drift of one indicator after its own history.

    ``locs``/``scales``: one (loc, scale) per hyperparameter draw of the type prior;
    ``weight``: mean weight of the own history's drift (0 = type prior only);
    ``g_hat``: the history's own drift (NaN with one point).
    """

    kind: str
    locs: np.ndarray = field(repr=False)
    scales: np.ndarray = field(repr=False)
    df: float
    shock_sd: float
    n_points: int
    span_years: float
    g_hat: float
    weight: float
    basis: str

    @property
    def loc(self) -> float:
        return float(np.mean(self.locs))

    @property
    def scale(self) -> float:
        """Moment-matched scale of the mixture over draws."""
        return float(np.sqrt(np.mean(self.scales ** 2) + np.var(self.locs)))

    def law(self, indicator_id: str, base_year: int, base_value: float, note: str = "") -> GrowthLaw:
        """The growth law the engine simulates (draws attached for the model range)."""
        return GrowthLaw(indicator_id=indicator_id, scale=working_scale(self.kind), base_year=int(base_year),
                         base_value=float(base_value), drift_loc=self.loc, drift_scale=self.scale,
                         drift_df=self.df, shock_sd=self.shock_sd, model="type-prior update", note=note,
                         kind=self.kind, basis=self.basis,
                         draws=tuple((float(a), float(b)) for a, b in zip(self.locs, self.scales)))


def prior_draws(prior: TypePrior) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(loc, persistent variance, window variance) per hyperparameter draw, centred on the
    prior's own ``loc`` and scaled to its ``persistent_sd`` / ``window_sd``: the bootstrap
    draws carry only the hyperparameter *uncertainty*, so editing a TypePrior's centre or
    spread (``dataclasses.replace(prior, loc=...)``) changes every result built on it."""
    d = np.asarray(prior.draws, dtype=float)
    mu = prior.loc + (d[:, 0] - d[:, 0].mean())

    def rescale(col: np.ndarray, sd: float) -> np.ndarray:
        ms = float(np.mean(col ** 2))
        return col ** 2 * (sd ** 2 / ms) if ms > 0 else np.full(col.size, sd ** 2)

    return mu, rescale(d[:, 1], prior.persistent_sd), rescale(d[:, 2], prior.window_sd)


def update(years: ArrayLike, values: ArrayLike, prior: TypePrior) -> DriftPosterior:
    """Update the type prior's drift with an indicator's own points (document unit)."""
    t = np.asarray(years, dtype=float)
    v = np.asarray(values, dtype=float)
    if t.size == 0 or t.size != v.size:
        raise ValueError("update needs matching, non-empty years and values")
    order = np.argsort(t, kind="stable")
    share = working_scale(prior.kind) == "logit"
    outside = ~np.isfinite(v) | (v <= 0) | ((v >= 100) if share else False)
    if outside.any():            # checked before the log: a 0 or a 100 % share has no working-scale value
        need = "strictly between 0 and 100 %" if share else "positive"
        raise ValueError(f"history value {v[outside][0]:g} cannot be put on the {working_scale(prior.kind)} scale: "
                         f"a {prior.kind} value must be {need}")
    t, z = t[order], to_working(v[order], prior.kind)
    mu, pers, win = prior_draws(prior)
    T = float(t[-1] - t[0])
    sigma = prior.shock_sd
    if T <= 0:
        basis = "borrowed prior" if prior.basis == "borrowed prior" else "type prior only"
        return DriftPosterior(prior.kind, mu.copy(), np.sqrt(pers + win), prior.df, sigma, int(t.size), 0.0,
                              float("nan"), 0.0, basis)
    # the point nearest t_n - 5 among those BEFORE the last (a last point more than 10 years after
    # the previous one is nearer to t_n - 5 than any earlier point: the window must not be empty)
    first = int(np.argmin(np.abs(t[:-1] - (t[-1] - WINDOW)))) if T > WINDOW else 0
    first = min(first, int(np.nonzero(t < t[-1])[0][-1]))
    T_last = float(t[-1] - t[first])            # the latest (up to) five-year window
    g_hat = float((z[-1] - z[first]) / T_last)
    dt, dz = np.diff(t), np.diff(z)
    keep = dt > 0
    if keep.sum() >= 3:
        g_all = float((z[-1] - z[0]) / T)
        s2 = float(np.sum((dz[keep] - g_all * dt[keep]) ** 2 / dt[keep]) / (keep.sum() - 1))
        brk2 = min(prior.break_sd, sigma) ** 2
        noise2 = (SHOCK_PSEUDO_DF * (sigma ** 2 - brk2) + (keep.sum() - 1) * s2) / (SHOCK_PSEUDO_DF + keep.sum() - 1)
        sigma = float(np.sqrt(noise2 + prior.break_share(T) * brk2))
    noise = win + sigma ** 2 / T_last
    w = np.where(pers > 0, pers / (pers + noise), 0.0)
    locs = mu + w * (g_hat - mu)
    scales = np.sqrt(pers * (1 - w) + win)
    return DriftPosterior(prior.kind, locs, scales, prior.df, sigma, int(t.size), T, g_hat, float(np.mean(w)),
                          f"own history ({t.size} points)")


__all__ = ["DriftPosterior", "update", "prior_draws", "SHOCK_PSEUDO_DF"]
