"""Liwan's "555" programme as a funding-driven cumulative count.

The 2013 opinions (004) plan, from 2012, over 5–10 years: a talent fund totalling 5 亿元
that grows at least 5 % a year, and about 500 supported high-level talents. Here the fund
is spent over a horizon drawn per path from the document's own range (5..10 years), in
yearly amounts growing at the chosen rate and summing to the total; each path prices a
supported talent with a log-normal cost (median and spread from ``LEVERS``), and only
``person_share`` of the fund pays for people (the rest: platforms, prizes, services —
the document lists them; the share is an assumption, not a document figure).
The answer: the probability of 500 talents within 5 and within 10 years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scenarios.levers import LEVERS


@dataclass(frozen=True)
class Programme555:
    """Inputs of the programme; defaults are the document's figures (see ``from_data``)."""

    total_cny_100m: float = 5.0
    growth_pct_per_year: float = 5.0
    horizon_years_low: int = 5
    horizon_years_high: int = 10
    target_persons: float = 500.0
    start_year: int = 2012
    cost_per_talent_cny_10k: float = LEVERS["cost_per_talent_cny_10k"].default
    cost_log_sd: float = LEVERS["cost_log_sd"].default
    person_share: float = 0.8
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Programme555Result:
    inputs: Programme555
    paths: int
    p_within_5: float
    p_within_10: float
    cumulative: pd.DataFrame  # year, q05, q50, q95 of cumulative supported talents

    def se(self, p: float) -> float:
        return float(np.sqrt(p * (1 - p) / self.paths))

    def text(self) -> str:
        i = self.inputs
        return "\n".join([
            f"Liwan '555': {i.total_cny_100m:g} 亿元 over {i.horizon_years_low}–{i.horizon_years_high} years from "
            f"{i.start_year}, growing {i.growth_pct_per_year:g} %/yr; target {i.target_persons:g} talents",
            f"cost per talent median {i.cost_per_talent_cny_10k:g} 万元 (log sd {i.cost_log_sd:g}); "
            f"share of fund paying people {i.person_share:.0%} (assumption); {self.paths:,} paths",
            f"P(≥{i.target_persons:g} within 5 years)  = {self.p_within_5:.1%} ± {self.se(self.p_within_5):.1%}",
            f"P(≥{i.target_persons:g} within 10 years) = {self.p_within_10:.1%} ± {self.se(self.p_within_10):.1%}",
            *(f"source: {s}" for s in i.sources),
        ])


def from_data(programmes: pd.DataFrame, indicators: pd.DataFrame, **overrides) -> Programme555:
    """Read the programme's figures from the dataset (region ``liwan``), with overrides."""
    p = programmes[programmes["region"] == "liwan"]
    fund = p[(p["amount_unit"].astype(str) == "亿元") & (p["amount_basis"].astype(str) == "total")]
    ind = indicators[indicators["id"] == "liwan.high_level_talent_555"]
    if fund.empty or ind.empty:
        raise ValueError("the dataset lacks Liwan's 555 fund (programmes.csv) or its 500-talent target "
                         "(indicators.csv id liwan.high_level_talent_555)")
    f, t = fund.iloc[0], ind.iloc[0]
    kw = dict(
        total_cny_100m=float(f["amount"]),
        growth_pct_per_year=float(f["growth_min_pct_per_year"]) if pd.notna(f.get("growth_min_pct_per_year")) else 5.0,
        horizon_years_low=int(f["period_years_low"]) if pd.notna(f.get("period_years_low")) else 5,
        horizon_years_high=int(f["period_years_high"]) if pd.notna(f.get("period_years_high")) else 10,
        target_persons=float(t["target_value"]),
        sources=(f"{f['source']}: {f['quote']}", f"{t['source']}: {t['quote']}"),
    )
    kw.update(overrides)
    return Programme555(**kw)


def simulate_555(inputs: Programme555, *, paths: int = 100_000, seed: int = 20130412) -> Programme555Result:
    """Probability of reaching the target within 5 and 10 years; vectorised over paths.

    ``seed`` is an integer, as everywhere in the engine (default: the programme's date).
    """
    rng = np.random.default_rng(seed)
    n, years = int(paths), np.arange(1, 11)
    g = inputs.growth_pct_per_year / 100.0
    horizon = rng.integers(inputs.horizon_years_low, inputs.horizon_years_high + 1, size=n)      # (n,)
    cost = inputs.cost_per_talent_cny_10k * np.exp(inputs.cost_log_sd * rng.standard_normal(n))  # 万元
    growth = (1.0 + g) ** (years - 1)                                                            # (10,)
    # first-year amount so that the yearly amounts over the horizon sum to the total
    first = inputs.total_cny_100m / np.where(abs(g) < 1e-12, horizon, ((1 + g) ** horizon - 1) / max(g, 1e-12))
    spend = np.where(years[None, :] <= horizon[:, None], first[:, None] * growth[None, :], 0.0)  # 亿元
    talents = np.cumsum(spend, axis=1) * 1e4 * inputs.person_share / cost[:, None]
    q = np.quantile(talents, [0.05, 0.5, 0.95], axis=0)
    cum = pd.DataFrame({"year": inputs.start_year + years - 1, "q05": q[0], "q50": q[1], "q95": q[2]})
    return Programme555Result(inputs, n, float((talents[:, 4] >= inputs.target_persons).mean()),
                              float((talents[:, 9] >= inputs.target_persons).mean()), cum)


__all__ = ["Programme555", "Programme555Result", "from_data", "simulate_555"]
