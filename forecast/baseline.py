"""From a dataset indicator to its growth law and predictive draws (the engine hand-off).

``growth_law(id)`` picks the indicator's usable history (non-redacted, finite values; the
``preferred`` row when two rows share a year; derived values count), its working scale
(logit for unit "%", log otherwise — flows and five-year totals included), the prior for
its type (stock / share / per-10k rate, :mod:`forecast.prior`), calibrates
(:mod:`forecast.calibrate`) and summarises the chosen fit as a :class:`GrowthLaw`.
"""

from __future__ import annotations

from dataclasses import replace

from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from forecast.calibrate import Calibration, fit
from forecast.data.schema import is_ratio
from forecast.law import GrowthLaw
from forecast.prior import PooledPrior, pooled_prior, prior_for
from forecast.targets import usable_history


class GrowthLaws(dict):
    """``dict[id, GrowthLaw]`` with ``skipped: dict[id, reason]`` for indicators without a law."""

    def __init__(self, laws: dict[str, GrowthLaw], skipped: dict[str, str]):
        super().__init__(laws)
        self.skipped = skipped


def load(data_dir: Path | str | None = None) -> Any:
    """The dataset via ``forecast.data.load_dataset`` (imported lazily)."""
    from forecast.data import load_dataset

    return load_dataset(data_dir)


def indicator_row(indicator_id: str, dataset: Any) -> pd.Series:
    """The indicator's metadata row; ``ValueError`` naming close ids if unknown."""
    ind = dataset.indicators
    hit = ind[ind["id"] == indicator_id]
    if hit.empty:
        stem = indicator_id.split(".")[-1][:6]
        near = [i for i in ind["id"] if stem and stem in i][:5]
        raise ValueError(f"unknown indicator {indicator_id!r}" + (f"; did you mean {near}?" if near else ""))
    return hit.iloc[0]


def history(indicator_id: str, dataset: Any) -> pd.Series:
    """Usable observations as a Series indexed by year (may be empty); see
    :func:`forecast.targets.usable_history` for which rows count."""
    o = usable_history(dataset.observations, indicator_id)
    return pd.Series(o["value"].to_numpy(dtype=float), index=o["year"].to_numpy(dtype=int), name=indicator_id)


def dataset_prior(dataset: Any) -> PooledPrior:
    """Stock prior pooled from the dataset's growth facts; the shipped documents' facts
    when a user's dataset brings fewer than two usable ones (most will bring none)."""
    facts = getattr(dataset, "growth_facts", None)
    if facts is not None and len(facts) >= 2:
        try:
            return pooled_prior(facts)
        except ValueError:
            pass
    shipped = pooled_prior()
    return replace(shipped, note=(shipped.note + " " if shipped.note else "")
                   + "(the dataset has fewer than two usable growth facts: prior from the shipped documents)")


def calibrate_indicator(indicator_id: str, *, dataset: Any = None, prior: PooledPrior | None = None,
                        families: Iterable[str] | None = None) -> tuple[Calibration, pd.Series, PooledPrior]:
    """Calibrate one indicator; returns (calibration, indicator row, prior used)."""
    dataset = dataset if dataset is not None else load()
    row = indicator_row(indicator_id, dataset)
    h = history(indicator_id, dataset)
    if h.empty:
        raise ValueError(f"{indicator_id}: no usable base observation (missing or redacted); "
                         "cannot build a growth law")
    stock = prior if prior is not None else dataset_prior(dataset)
    kind = "ratio" if is_ratio(row.get("type", "people")) else "stock"
    use = stock if stock.kind != "stock" else prior_for(row.get("unit", ""), kind, stock)
    cal = fit(h, prior=use, families=families, share=str(row.get("unit", "")).strip() == "%")
    return cal, row, use


def growth_law(indicator_id: str, *, dataset: Any = None, prior: PooledPrior | None = None,
               shock_sd: float | None = None, to_year: int = 2025) -> GrowthLaw:
    """Growth law of one indicator for the scenario engine.

    Parameters
    ----------
    indicator_id : id in ``dataset.indicators``.
    dataset : a ``forecast.data.Dataset`` (default: the shipped data).
    prior : stock prior (default: pooled from ``dataset.growth_facts``); shares and rates
        get their own priors derived from it unless a non-stock prior is passed.
    shock_sd : override the yearly shock sd on the working scale.
    to_year : horizon used to recast non-exponential fits (see ``Calibration.law``).

    Raises
    ------
    ValueError when the indicator is unknown or has no usable observation.
    """
    cal, _, _ = calibrate_indicator(indicator_id, dataset=dataset, prior=prior)
    return cal.law(indicator_id, to_year=to_year, shock_sd=shock_sd)


def growth_laws(ids: Iterable[str] | None = None, *, dataset: Any = None,
                prior: PooledPrior | None = None) -> GrowthLaws:
    """Growth laws for many indicators (default: all); those without a base value are in ``.skipped``."""
    dataset = dataset if dataset is not None else load()
    prior = prior if prior is not None else dataset_prior(dataset)
    ids = list(ids) if ids is not None else list(dataset.indicators["id"])
    laws, skipped = {}, {}
    for i in ids:
        try:
            laws[i] = growth_law(i, dataset=dataset, prior=prior)
        except ValueError as exc:
            skipped[i] = str(exc)
    return GrowthLaws(laws, skipped)


def simulate_law(law: GrowthLaw, years: Any, n: int, *, rng: np.random.Generator) -> np.ndarray:
    """Draw paths from a law: z_t = z_base + sum(g + e_s), g ~ loc + scale*t(df) once per path.

    Returns shape ``(n, len(years))`` in the document unit; ``years`` >= ``law.base_year``.
    """
    t = np.atleast_1d(np.asarray(years, dtype=float))
    h = t - law.base_year
    if (h < 0).any() or (np.diff(h) < 0).any():
        raise ValueError(f"{law.indicator_id}: years must be increasing and >= {law.base_year}")
    std = rng.standard_normal(n) if np.isinf(law.drift_df) else rng.standard_t(law.drift_df, size=n)
    g = law.drift_loc + law.drift_scale * std
    dh = np.diff(np.r_[0.0, h])
    shocks = np.cumsum(rng.standard_normal((n, t.size)) * np.sqrt(dh), axis=1) * law.shock_sd
    z = law.to_working(law.base_value) + g[:, None] * h[None, :] + shocks
    return law.from_working(z)


def project(indicator_id: str, to_year: int = 2025, n: int = 10_000, rng: np.random.Generator | None = None,
            dataset: Any = None, *, prior: PooledPrior | None = None) -> np.ndarray:
    """Predictive draws of the indicator for years base+1..to_year, from its growth law.

    Returns shape ``(n, to_year - base_year)`` in the document unit.  ``rng`` defaults to
    ``np.random.default_rng(0)``.
    """
    law = growth_law(indicator_id, dataset=dataset, prior=prior, to_year=to_year)
    if to_year <= law.base_year:
        raise ValueError(f"{indicator_id}: to_year {to_year} must be after the base year {law.base_year}")
    rng = rng if rng is not None else np.random.default_rng(0)
    return simulate_law(law, np.arange(law.base_year + 1, to_year + 1), n, rng=rng)
