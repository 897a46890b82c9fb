"""From a dataset indicator to its growth law and predictive draws (the engine hand-off).

``growth_law(id)`` picks the indicator's usable history (non-redacted, finite values; the
``preferred`` row when two rows share a year; derived values count), its type (the
``type`` column: people, share, rate, organisations, money, count, other), the type's
empirical prior (:mod:`forecast.typeprior`), updates the drift with the history's own
points (:mod:`forecast.drift_update`) and returns a :class:`GrowthLaw` carrying the prior's
hyperparameter draws.  The model families (:mod:`forecast.calibrate`) stay available for
comparison (``talentsim fit``); they are not on the default path because they do not beat
the update: five-year-ahead RMSE of the log error on 60 panel series with 5/7/9 points,
update 0.26-0.28 vs the families' choice 0.36-0.40 (``benchmarks/bench_rolling_origin_families.py``).
"""

from __future__ import annotations

from dataclasses import replace

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import numpy as np
import pandas as pd

from forecast.law import GrowthLaw, path_drift
from forecast.targets import finite, usable_history

if TYPE_CHECKING:   # the model families import SciPy; the engine's path does not need them
    from forecast.data.dataset import Dataset
    from forecast.typeprior import ReferenceFit
    from numpy.typing import ArrayLike
    from forecast.calibrate import Calibration
    from forecast.prior import PooledPrior


class GrowthLaws(dict):
    """``dict[id, GrowthLaw]`` with ``skipped: dict[id, reason]`` for indicators without a law."""

    def __init__(self, laws: dict[str, GrowthLaw], skipped: dict[str, str]):
        super().__init__(laws)
        self.skipped = skipped


def load(data_dir: Path | str | None = None) -> Any:
    """The dataset via ``forecast.data.load_dataset`` (imported lazily)."""
    from forecast.data import load_dataset

    return load_dataset(data_dir)


def indicator_row(indicator_id: str, dataset: Dataset) -> pd.Series:
    """The indicator's metadata row; ``ValueError`` naming close ids if unknown."""
    ind = dataset.indicators
    hit = ind[ind["id"] == indicator_id]
    if hit.empty:
        stem = indicator_id.split(".")[-1][:6]
        near = [i for i in ind["id"] if stem and stem in i][:5]
        raise ValueError(f"unknown indicator {indicator_id!r}" + (f"; did you mean {near}?" if near else ""))
    return hit.iloc[0]


def history(indicator_id: str, dataset: Dataset, as_of: int | None = None) -> pd.Series:
    """Usable observations as a Series indexed by year (may be empty); see
    :func:`forecast.targets.usable_history` for which rows count. ``as_of``: only those
    published by that year (the data a planner had then)."""
    o = usable_history(dataset.observations, indicator_id)
    if as_of is not None:
        o = o[o["year"] <= int(as_of)]
    return pd.Series(o["value"].to_numpy(dtype=float), index=o["year"].to_numpy(dtype=int), name=indicator_id)


def indicator_type(row: pd.Series) -> str:
    """The indicator's type (``type`` column of indicators.csv), checked against the known types."""
    from forecast.reference import TYPES

    t = str(row.get("type", "")).strip()
    if t not in TYPES + ("growth",):
        raise ValueError(f"{row.get('id')}: unknown type {t!r}; expected one of {TYPES}")
    return t


def _target_need(row: pd.Series, base: float, by: int, kind: str) -> tuple[float | None, float, str]:
    """(required growth per year on the working scale or None, horizon in years, comparator)."""
    from forecast.reference import to_working

    op, tv, ty = row.get("target_op"), row.get("target_value"), row.get("target_year")
    ok = (isinstance(op, str) and op and tv is not None and np.isfinite(tv) and ty is not None and np.isfinite(ty)
          and int(ty) > by and str(row.get("measure", "level")) in ("level", "annual_flow"))
    if not ok:
        return None, 5.0, str(op) if isinstance(op, str) else ">="
    with np.errstate(all="ignore"):
        need = (float(to_working(float(tv), kind)) - float(to_working(base, kind))) / (int(ty) - by)
    return (need if np.isfinite(need) else None), float(int(ty) - by), op


def _outcome_context(row: pd.Series, dataset: Dataset, kind: str) -> tuple[str, str]:
    """(administrative level of the indicator's region, its outcome-base key) for the calibration."""
    from forecast.data.horizon import region_row
    from forecast.outcomes.keys import outcome_key

    level = str(region_row(dataset, str(row.get("region", ""))).get("level") or "")
    return level, outcome_key(str(row.get("name_zh", "")), kind)


def posterior(indicator_id: str, *, dataset: Dataset | None = None, reference: ReferenceFit | None = None,
              use_target: bool = True,
              calibration: Calibration | str | None = "shipped"):
    """(DriftPosterior, indicator row, TypePrior, history) of one indicator.

    The drift is the type prior (:mod:`forecast.typeprior`) updated with the indicator's
    own usable points (:func:`forecast.drift_update.update`), then calibrated on real plan
    outcomes (:mod:`forecast.calibration`, ``data/calibration.json``): the drift mean moves by
    the type's bias and, with ``use_target``, by how ambitious the target is against it; the
    spread is scaled by the fitted factor. ``calibration=None`` leaves the posterior
    uncalibrated (the type prior + history alone).
    """
    from forecast.calibration.store import load as load_calibration
    from forecast.typeprior import reference_fit
    from forecast.drift_update import update

    dataset = dataset if dataset is not None else load()
    row = indicator_row(indicator_id, dataset)
    h = history(indicator_id, dataset)
    if h.empty:
        raise ValueError(f"{indicator_id}: no usable base observation (missing or redacted); "
                         "cannot build a growth law")
    kind = indicator_type(row)
    cal, growth, _ = load_calibration() if calibration == "shipped" else (calibration, None, {})
    prior = growth if kind == "growth" and growth is not None else \
        (reference if reference is not None else reference_fit())[kind]
    post = update(h.index.to_numpy(), h.to_numpy(), prior)
    if cal is not None:
        from forecast.calibration.apply import calibrate_posterior

        base, by = float(h.iloc[-1]), int(h.index[-1])
        need, years, op = _target_need(row, base, by, kind)
        level, key = _outcome_context(row, dataset, kind)
        post, _ = calibrate_posterior(post, cal, kind=kind, years=years, need=need if use_target else None,
                                      comparator=op, approx=op == "=", level=level, key=key)
    return post, row, prior, h


def calibrate_indicator(indicator_id: str, *, dataset: Dataset | None = None, prior: PooledPrior | None = None,
                        families: Iterable[str] | None = None) -> tuple[Calibration, pd.Series, PooledPrior]:
    """Fit the model families to one indicator (for comparison in ``fit``); returns
    (calibration, indicator row, prior used — the type prior as a PooledPrior)."""
    from forecast.calibrate import fit
    post, row, tp, h = posterior(indicator_id, dataset=dataset)
    use = prior if prior is not None else tp.pooled()
    cal = fit(h, prior=use, families=families, share=tp.kind == "share")
    return cal, row, use


def growth_law(indicator_id: str, *, dataset: Dataset | None = None, reference: ReferenceFit | None = None,
               shock_sd: float | None = None, to_year: int | None = None, use_target: bool = True) -> GrowthLaw:
    """Growth law of one indicator for the scenario engine: its type prior updated with its
    own history (``forecast.drift_update``), with the prior's hyperparameter draws attached.

    Parameters
    ----------
    indicator_id : id in ``dataset.indicators``.
    dataset : a ``forecast.data.Dataset`` (default: the shipped data).
    reference : a fitted reference class (``forecast.typeprior.ReferenceFit``; default shipped).
    use_target : let the calibration read how ambitious the target is (see :func:`posterior`);
        validated on real plan outcomes (``talentsim backtest --outcomes``).
    shock_sd : override the yearly shock sd on the working scale.
    to_year : kept for callers; the law does not depend on it.

    Raises
    ------
    ValueError when the indicator is unknown, has no usable observation or an unknown type.
    """
    dataset = dataset if dataset is not None else load()
    rate = _growth_rate_law(indicator_id, dataset, use_target=use_target)
    if rate is not None:       # measure growth_rate: the value is itself a rate (forecast.growth_rate)
        return replace(rate, shock_sd=float(shock_sd)) if shock_sd is not None else rate
    post, row, tp, h = posterior(indicator_id, dataset=dataset, reference=reference, use_target=use_target)
    if post.n_points > 1 and post.span_years > 0:
        how = (f"{tp.kind} prior updated with {post.n_points} own points over {post.span_years:g} years "
               f"(own drift {post.g_hat:+.4f}, weight {post.weight:.2f})")
    else:
        how = f"{tp.kind} {'borrowed prior' if tp.basis == 'borrowed prior' else 'type prior'} (one usable year)"
    if "calibrated" in post.basis:
        how += "; calibrated on real plan outcomes (type bias, target ambition, spread)"
    law = post.law(indicator_id, int(h.index[-1]), float(h.iloc[-1]), note=how)
    return replace(law, shock_sd=float(shock_sd)) if shock_sd is not None else law


def _growth_rate_law(indicator_id: str, dataset: Any, *, use_target: bool = True,
                     calibration: Calibration | str | None = "shipped") -> GrowthLaw | None:
    """The law of a ``growth_rate`` indicator (prior from the dataset's folder, else shipped),
    calibrated on the outcome base's growth-rate targets when it has a target year; None when
    the indicator is not a growth rate."""
    from forecast.growth_rate import growth_rate_law, is_growth_rate, load_prior

    row = indicator_row(indicator_id, dataset)
    if not is_growth_rate(row):
        return None
    src = Path(str(getattr(dataset, "source", "") or "."))
    h = history(indicator_id, dataset)
    law = growth_rate_law(indicator_id, h, load_prior(src if src.is_dir() else src.parent))
    return _calibrated_rate_law(law, row, h, dataset, use_target=use_target, calibration=calibration)


def _calibrated_rate_law(law: GrowthLaw, row: pd.Series, h: pd.Series, dataset: Any, *, use_target: bool,
                         calibration: Calibration | str | None) -> GrowthLaw:
    """``law`` moved onto the calibrated law of its target (:func:`forecast.calibration.apply.calibrate_rate_law`);
    unchanged without a calibration, its growth-rate prior or a target year after the base."""
    from forecast.calibration.apply import RatePeriod, calibrate_rate_law
    from forecast.calibration.store import load as load_calibration
    from forecast.drift_update import update

    cal, growth, _ = load_calibration() if calibration == "shipped" else (calibration, None, {})
    ty = row.get("target_year")
    if cal is None or growth is None or not finite(ty) or int(ty) <= law.base_year:
        return law
    period = RatePeriod.of(law.base_year, int(ty), row.get("period_start"))
    lo, hi, tv = (row.get(c) for c in ("target_low", "target_high", "target_value"))
    target = float(tv) if finite(tv) else (0.5 * (float(lo) + float(hi)) if finite(lo) and finite(hi) else None)
    need = (float(target) - law.base_value) / period.years if use_target and target is not None else None
    op = str(row.get("target_op") or ">=")
    post = update(h.index.to_numpy(), h.to_numpy(), growth)
    level, key = _outcome_context(row, dataset, "growth")
    out, _ = calibrate_rate_law(law, post, cal, period, need=need, comparator=op, approx=op == "=", level=level,
                                key=key)
    return out


def growth_laws(ids: Iterable[str] | None = None, *, dataset: Dataset | None = None,
                reference: ReferenceFit | None = None,
                as_of: int | None = None) -> GrowthLaws:
    """Growth laws for many indicators (default: all); those without a base value are in ``.skipped``.
    ``as_of``: from the observations published by that year only (``forecast.data.horizon.as_of``)."""
    from forecast.data.horizon import as_of as cut

    dataset = cut(dataset if dataset is not None else load(), as_of)
    ids = list(ids) if ids is not None else list(dataset.indicators["id"])
    laws, skipped = {}, {}
    for i in ids:
        try:
            laws[i] = growth_law(i, dataset=dataset, reference=reference)
        except ValueError as exc:
            skipped[i] = str(exc).removeprefix(f"{i}: ")   # the id is the key already
    return GrowthLaws(laws, skipped)


def simulate_law(law: GrowthLaw, years: ArrayLike, n: int, *, rng: np.random.Generator) -> np.ndarray:
    """Draw paths from a law: z_t = z_base + sum(g + e_s), g ~ loc + scale*t(df) once per path
    (path i uses the law's hyperparameter draw i mod K when it carries draws).

    Returns shape ``(n, len(years))`` in the document unit; ``years`` >= ``law.base_year``.
    """
    t = np.atleast_1d(np.asarray(years, dtype=float))
    h = t - law.base_year
    if (h < 0).any() or (np.diff(h) < 0).any():
        raise ValueError(f"{law.indicator_id}: years must be increasing and >= {law.base_year}")
    std = rng.standard_normal(n) if np.isinf(law.drift_df) else rng.standard_t(law.drift_df, size=n)
    loc, scale = path_drift(law, n, paired=False)
    g = loc + scale * std
    dh = np.diff(np.r_[0.0, h])
    e = rng.standard_normal((n, t.size))
    # a growth rate's shocks are transient (forecast.law); other scales sum them
    shocks = (e * (h > 0) if law.scale == "identity" else np.cumsum(e * np.sqrt(dh), axis=1)) * law.shock_sd
    z = law.to_working(law.base_value) + g[:, None] * h[None, :] + shocks
    return law.from_working(z)


def project(indicator_id: str, to_year: int | None = None, n: int = 10_000, rng: np.random.Generator | None = None,
            dataset: Dataset | None = None, *, reference: ReferenceFit | None = None) -> np.ndarray:
    """Predictive draws of the indicator for years base+1..to_year (default: its target year), from its growth law.

    Returns shape ``(n, to_year - base_year)`` in the document unit.  ``rng`` defaults to
    ``np.random.default_rng(0)``.
    """
    law = growth_law(indicator_id, dataset=dataset, reference=reference)
    if to_year is None:
        ty = indicator_row(indicator_id, dataset if dataset is not None else load()).get("target_year")
        if ty is None or not np.isfinite(ty):
            raise ValueError(f"{indicator_id}: no target year; give to_year")
        to_year = int(ty)
    if to_year <= law.base_year:
        raise ValueError(f"{indicator_id}: to_year {to_year} must be after the base year {law.base_year}")
    rng = rng if rng is not None else np.random.default_rng(0)
    return simulate_law(law, np.arange(law.base_year + 1, to_year + 1), n, rng=rng)
