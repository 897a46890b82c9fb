"""Fit every family a history supports, then choose and weight them.

Selection rule (recorded in ``Calibration.method``):

* 1 point: the pooled prior (exponential growth with the prior's drift);
* 2-4 points: AICc where it is defined (n > k + 1); with these few points it rarely is
  (k >= 2 for every family), so the default is exponential — the model the pooled prior
  describes — and the others are shown for comparison.  Caveat: every AICc is on the
  level scale (Jacobian included), but the exponential's likelihood conditions on the
  first point (it models n - 1 changes) while trend families model all n points;
* >= 5 points: rolling-origin one-step-ahead error on ln y (train on the first k points,
  predict point k + 1).  Families that can be fitted at >= 3 origins are compared on the
  origins they share (so a family needing a long history — ETS — only competes when
  there are enough origins); weights ∝ 1 / MSE (Bates & Granger 1969); chosen = smallest
  MSE.  If no family reaches 3 origins, AICc decides as below.

Shares in % are fitted on the odds p / (100 - p), whose log is the logit: exponential on
the odds is a straight line on the logit scale, so the share never leaves 0-100 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

import numpy as np
import pandas as pd
from scipy import stats

from forecast.law import GrowthLaw
from forecast.series import as_history
from forecast.models import FAMILIES, Fitted, get
from forecast.models.exponential import ExponentialFit, from_prior
from forecast.prior import DEFAULT_SHOCK_SD_LOG, DEFAULT_SHOCK_SD_LOGIT, PooledPrior

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

ODDS_ONLY = ("exponential", "grey", "ets")
LAW_DRAWS = 4000
#: Families need this many rolling origins to be scored; all are compared on common origins.
MIN_ORIGINS = 3


@dataclass(frozen=True, eq=False)
class Calibration:
    """All fits of one history, the skipped families with reasons, and the choice.

    ``years``/``values`` are in the document unit; fits live on ``transform`` ("level"
    or "odds" for shares).  ``scores`` has one row per fitted family (aicc, rolling-origin
    rmse on ln y, origins, weight).
    """

    years: np.ndarray
    values: np.ndarray
    transform: str
    fits: dict[str, Fitted]
    skipped: dict[str, str]
    weights: dict[str, float]
    chosen: str
    method: str
    scores: pd.DataFrame = field(repr=False)
    prior: PooledPrior | None = field(default=None, repr=False)

    def summary(self) -> Any:
        """statsmodels-style summary (``forecast.summary.calibration_summary``)."""
        from forecast.summary import calibration_summary

        return calibration_summary(self)

    def _repr_html_(self) -> str:
        return self.summary().as_html()

    @property
    def best(self) -> Fitted:
        """The chosen fit."""
        return self.fits[self.chosen]

    def _to_doc(self, x: np.ndarray) -> np.ndarray:
        return 100.0 * x / (1.0 + x) if self.transform == "odds" else x

    def predict(self, years: ArrayLike) -> np.ndarray:
        """Chosen family's point forecast in the document unit; shape ``(len(years),)``."""
        return self._to_doc(self.best.predict(years))

    def sample(self, years: ArrayLike, n: int, *, rng: np.random.Generator) -> np.ndarray:
        """Chosen family's predictive paths in the document unit; shape ``(n, len(years))``."""
        return self._to_doc(self.best.sample(years, n, rng=rng))

    def law(self, indicator_id: str, *, to_year: int | None = None, shock_sd: float | None = None,
            rng: np.random.Generator | None = None) -> GrowthLaw:
        """Summarise the chosen fit as a :class:`GrowthLaw` (random walk with t drift).

        Exponential (and the pooled prior) map exactly: drift_loc = CAGR on ln y, drift
        scale = posterior sd of the drift, df, shock_sd = residual sd.  Other families are
        recast: ``LAW_DRAWS`` paths from ``Fitted.sample`` to ``to_year`` (default: five years after
        the last observation) give each path's
        mean annual growth g = (z_T - z_base) / h; loc = median(g); shock_sd = residual sd
        on the working scale (>= 3 points) else the default; the drift scale is matched to
        the 80 % width of g after removing the shocks' share (shock_sd^2 / h).
        ``rng`` defaults to ``np.random.default_rng(0)`` so a law is reproducible.
        """
        scale = "logit" if self.transform == "odds" else "log"
        default_shock = DEFAULT_SHOCK_SD_LOGIT if scale == "logit" else DEFAULT_SHOCK_SD_LOG
        f = self.best
        base_year, base_value = int(self.years[-1]), float(self.values[-1])
        to_year = base_year + 5 if to_year is None else int(to_year)   # default: a five-year plan's span
        h = to_year - base_year
        if isinstance(f, ExponentialFit):
            loc, dscale, df, shock = f.law_drift()
            if f.family == "pooled-prior":
                how = f"one observation: drift from the pooled {getattr(self.prior, 'kind', '')} prior"
            else:
                how = (f"exponential on {f.n_obs} points: drift = CAGR, spread from "
                       f"{'the pooled prior' if f.mode == 't' else 'residuals'}")
        else:
            if h < 1:
                raise ValueError(f"{indicator_id}: to_year {to_year} must be after the base year {base_year}")
            rng = rng if rng is not None else np.random.default_rng(0)
            paths = f.sample(np.arange(base_year + 1, to_year + 1), LAW_DRAWS, rng=rng)
            zT = np.log(np.maximum(paths[:, -1], 1e-12))
            g = (zT - np.log(f.values[-1])) / h
            loc = float(np.median(g))
            rs = f.residual_sd_log()
            shock = rs if np.isfinite(rs) else default_shock
            df = float(max(f.n_obs - 2, 1))
            hw = (np.quantile(g, 0.9) - np.quantile(g, 0.1)) / 2
            tq = stats.t.ppf(0.9, df)
            dscale = float(np.sqrt(max(hw ** 2 - (stats.norm.ppf(0.9) * shock / np.sqrt(h)) ** 2, 0.0)) / tq)
            how = (f"{f.family} on {f.n_obs} points recast as a random walk: median annual growth "
                   f"to {to_year}, spread matched to its 80 % width")
        if shock_sd is not None:
            shock = float(shock_sd)
        note = how if f.family == "pooled-prior" else f"{how}; {self.method}"
        return GrowthLaw(indicator_id=indicator_id, scale=scale, base_year=base_year, base_value=base_value,
                         drift_loc=float(loc), drift_scale=float(dscale), drift_df=float(df),
                         shock_sd=float(shock), model=f.family, note=note)


def _as_history(history: Any) -> tuple[np.ndarray, np.ndarray]:
    return as_history(history)  # accepted forms and their errors: forecast.series


def _rolling_errors(name: str, t: np.ndarray, v: np.ndarray, prior: Any, opts: dict) -> dict[int, float]:
    """One-step errors on ln y keyed by origin k (train on the first k points, predict point k)."""
    out = {}
    for k in range(max(get(name).min_points, 3), t.size):
        try:
            f = get(name).fit(t[:k], v[:k], prior=prior, **opts)
        except ValueError:
            continue
        p = float(f.predict([t[k]])[0])
        out[k] = float(np.log(v[k]) - np.log(p)) if p > 0 and v[k] > 0 else float("inf")
    return out


def _sorted_history(years: np.ndarray, values: np.ndarray, share: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(years, values, the values the families are fitted on: the odds of a share), sorted by year."""
    if np.any(~np.isfinite(values)):
        raise ValueError(f"history has NaN/infinite values in years {years[~np.isfinite(values)].tolist()}; "
                         "drop redacted rows first")
    order = np.argsort(years, kind="stable")
    years, values = years[order], values[order]
    if not share:
        return years, values, values
    if np.any((values <= 0) | (values >= 100)):
        raise ValueError(f"a share in % must lie strictly inside 0-100, got {values.tolist()}")
    return years, values, values / (100.0 - values)


def _fit_families(names: list[str], years: np.ndarray, work: np.ndarray, prior: Any, options: dict,
                  share: bool) -> tuple[dict[str, Fitted], dict[str, str]]:
    """Every family in ``names`` fitted to the history, and the ones that could not be (-> reason)."""
    fits: dict[str, Fitted] = {}
    skipped: dict[str, str] = {}
    for nm in names:
        if share and nm not in ODDS_ONLY:
            skipped[nm] = (f"{nm}: shares are modelled on the logit scale (odds); a {nm} curve on the odds "
                           "is not meaningful there")
            continue
        try:
            fits[nm] = get(nm).fit(years, work, prior=prior, **options.get(nm, {}))
        except ValueError as exc:
            skipped[nm] = str(exc)
    return fits, skipped


def _scores(fits: dict[str, Fitted], years: np.ndarray, work: np.ndarray, prior: Any, options: dict) -> pd.DataFrame:
    """Per family: points, AICc, rolling-origin RMSE of ln y and the number of origins it rests on."""
    errs = {nm: (_rolling_errors(nm, years, work, prior, options.get(nm, {})) if years.size >= 5 else {})
            for nm in fits}
    # compare on the same origins: those every family with >= MIN_ORIGINS origins was scored at
    eligible = [nm for nm, e in errs.items() if len(e) >= MIN_ORIGINS]
    common = sorted(set.intersection(*(set(errs[nm]) for nm in eligible))) if eligible else []
    rows = []
    for nm, f in fits.items():
        e = np.array([errs[nm][k] for k in common]) if nm in eligible else np.array([])
        rmse = float(np.sqrt(np.mean(e ** 2))) if e.size else float("nan")
        rows.append({"family": nm, "n_obs": f.n_obs, "aicc": f.aicc, "rmse_log": rmse, "origins": e.size})
    return pd.DataFrame(rows).set_index("family")


def _choose(scores: pd.DataFrame, fits: dict[str, Fitted], n: int) -> tuple[str, dict, str]:
    """(chosen family, weights, how): by rolling-origin error from five points, else by AICc."""
    scored = scores[(scores["origins"] >= MIN_ORIGINS) & np.isfinite(scores["rmse_log"])]
    finite_aicc = scores[np.isfinite(scores["aicc"])]
    if n >= 5 and len(scored):
        inv = 1.0 / np.maximum(scored["rmse_log"] ** 2, 1e-12)
        return (str(scored["rmse_log"].idxmin()), (inv / inv.sum()).to_dict(),
                f"chosen by rolling-origin one-step error on ln y ({len(scored)} families scored)")
    if len(finite_aicc):
        d = finite_aicc["aicc"] - finite_aicc["aicc"].min()
        w = np.exp(-0.5 * d)
        return str(d.idxmin()), (w / w.sum()).to_dict(), f"chosen by AICc ({len(finite_aicc)} families with AICc defined)"
    chosen = "exponential" if "exponential" in fits else next(iter(fits))
    return chosen, {chosen: 1.0}, (f"AICc undefined with {n} points; default {chosen} "
                                   "(the model the pooled prior describes)")


def fit(
    history: pd.Series | pd.DataFrame | tuple[ArrayLike, ArrayLike],
    *,
    prior: PooledPrior | None = None,
    families: Iterable[str] | None = None,
    options: dict[str, dict] | None = None,
    share: bool = False,
) -> Calibration:
    """Fit every family the history supports and choose one (see module docstring).

    Parameters
    ----------
    history : pandas Series indexed by year (int, DatetimeIndex or annual PeriodIndex), a one-column
        DataFrame so indexed, or ``(years, values)``; document unit.
    prior : prior for 1-2 points (default: the people/share type prior, ``TypePrior.pooled()``,
        loaded only when needed); passed to every family.
    families : names from ``FAMILIES`` to try (default all).
    options : per-family keyword options, e.g. ``{"logistic": {"capacity": 120}}``.
    share : values are shares in %; fit on the odds (logit scale), see module docstring.

    Returns
    -------
    Calibration with ``fits``, ``skipped`` (family -> reason), ``weights``, ``chosen``.
    """
    years, values = _as_history(history)
    names = list(families) if families is not None else list(FAMILIES)
    for nm in names:
        get(nm)
    options = options or {}
    years, values, work = _sorted_history(years, values, share)
    if years.size <= 2 and prior is None:
        from forecast.typeprior import type_prior  # lazy: reads the reference class

        prior = type_prior("share" if share else "people").pooled()
    fits, skipped = _fit_families(names, years, work, prior, options, share)
    if years.size == 1:
        if prior is None:
            raise ValueError("one observation: a pooled prior is required")
        fits = {"pooled-prior": from_prior(years[0], work[0], prior)}
        chosen, weights, method = "pooled-prior", {"pooled-prior": 1.0}, "one observation: pooled prior"
    elif not fits:
        raise ValueError("no family could be fitted: " + "; ".join(skipped.values()))
    scores = _scores(fits, years, work, prior, options)
    if years.size > 1:
        chosen, weights, method = _choose(scores, fits, years.size)
    scores["weight"] = pd.Series(weights)
    scores["weight"] = scores["weight"].fillna(0.0)
    return Calibration(years=years, values=values, transform="odds" if share else "level", fits=fits,
                       skipped=skipped, weights={k: float(v) for k, v in weights.items()}, chosen=chosen,
                       method=method, scores=scores, prior=prior)
