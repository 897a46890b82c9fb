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

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from scenarios.levers import LEVERS
from scenarios.spec import check_paths

MAX_PATHS_555 = 1_000_000   #: (paths, 10) float arrays: about 80 MB each at this count
_MAX_FUND = 1e6             #: 亿元; any larger "fund" is a typo, not a programme
_MAX_YEARS = 50


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
    target_band_pct: float = 0.0      #: "500名左右": met from target × (1 - band) on (more is better)
    sources: tuple[str, ...] = ()

    @property
    def threshold(self) -> float:
        """Persons that count as "about" the target for a more-is-better count."""
        return self.target_persons * (1.0 - self.target_band_pct / 100.0)
    def __post_init__(self) -> None:
        """Refuse values that would silently change the answer (negative funds, growth <= -100 %)."""
        _between("total_cny_100m", self.total_cny_100m, 0, _MAX_FUND, "亿元", low_open=True)
        for key, lever in (("growth_pct_per_year", "funding_growth_pct_per_year"),
                           ("cost_per_talent_cny_10k", "cost_per_talent_cny_10k"), ("cost_log_sd", "cost_log_sd")):
            lv = LEVERS[lever]  # the scenario levers' ranges: one definition of what is plausible
            _between(key, getattr(self, key), lv.low, lv.high, lv.unit)
        _between("person_share", self.person_share, 0, 1, "", low_open=True)
        _between("target_persons", self.target_persons, 0, 1e9, "persons", low_open=True)
        _between("target_band_pct", self.target_band_pct, 0, 100, "%")
        _between("horizon_years_low", self.horizon_years_low, 1, _MAX_YEARS, "years")
        _between("horizon_years_high", self.horizon_years_high, self.horizon_years_low, _MAX_YEARS, "years")
        for key in ("horizon_years_low", "horizon_years_high"):
            if getattr(self, key) != int(getattr(self, key)):
                raise ValueError(f"{key} must be a whole number of years, got {getattr(self, key)}")


def _between(key: str, value: float, low: float, high: float, unit: str, *, low_open: bool = False) -> None:
    ok = isinstance(value, (int, float)) and math.isfinite(value) and \
        (low < value if low_open else low <= value) and value <= high
    if not ok:
        side = ">" if low_open else ">="
        raise ValueError(f"{key} must be {side} {low:g} and <= {high:g}{' ' + unit if unit else ''}, got {value!r}")


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
            f"P(≥{i.threshold:g}, about {i.target_persons:g}, within 5 years)  = {self.p_within_5:.1%} ± "
            f"{self.se(self.p_within_5):.1%}",
            f"P(≥{i.threshold:g}, about {i.target_persons:g}, within 10 years) = {self.p_within_10:.1%} ± "
            f"{self.se(self.p_within_10):.1%}",
            *(f"source: {s}" for s in i.sources),
        ])


def from_data(programmes: pd.DataFrame, indicators: pd.DataFrame, **overrides: float) -> Programme555:
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
        target_band_pct=float(t["target_band_pct"]) if pd.notna(t.get("target_band_pct")) else 0.0,
        sources=(f"{f['source']}: {f['quote']}", f"{t['source']}: {t['quote']}"),
    )
    kw.update(overrides)
    return Programme555(**kw)


def simulate_555(inputs: Programme555, *, paths: int = 100_000, seed: int = 20130412) -> Programme555Result:
    """Probability of reaching the target within 5 and 10 years; vectorised over paths.

    ``seed`` is an integer, as everywhere in the engine (default: the programme's date).
    """
    n, years = check_paths(paths), np.arange(1, 11)
    if n > MAX_PATHS_555:
        raise ValueError(f"paths must be at most {MAX_PATHS_555:,} for the 555 programme, got {n:,}")
    rng = np.random.default_rng(seed)
    g = inputs.growth_pct_per_year / 100.0
    horizon = rng.integers(inputs.horizon_years_low, inputs.horizon_years_high + 1, size=n)      # (n,)
    cost = inputs.cost_per_talent_cny_10k * np.exp(inputs.cost_log_sd * rng.standard_normal(n))  # 万元
    growth = (1.0 + g) ** (years - 1)                                                            # (10,)
    # first-year amount so that the yearly amounts over the horizon sum to the total
    first = inputs.total_cny_100m / _geom_sum(g, horizon)
    spend = np.where(years[None, :] <= horizon[:, None], first[:, None] * growth[None, :], 0.0)  # 亿元
    talents = np.cumsum(spend, axis=1) * 1e4 * inputs.person_share / cost[:, None]
    q = np.quantile(talents, [0.05, 0.5, 0.95], axis=0)
    cum = pd.DataFrame({"year": inputs.start_year + years - 1, "q05": q[0], "q50": q[1], "q95": q[2]})
    return Programme555Result(inputs, n, float((talents[:, 4] >= inputs.threshold).mean()),
                              float((talents[:, 9] >= inputs.threshold).mean()), cum)


def _geom_sum(g: float, t: np.ndarray) -> np.ndarray:
    """sum_{s=1..t} (1+g)^(s-1) for g > -1, via expm1/log1p: accurate and continuous through
    g = 0 (``max(g, 1e-12)`` once made growth -0.001 % give 0 % where growth 0 gave 74 %)."""
    if g == 0:
        return np.asarray(t, dtype=float)
    return np.expm1(np.asarray(t, dtype=float) * np.log1p(g)) / g


#: cost per supported talent (万元) the table spans -> the id of the document figure it marks ("" = none);
#: the product shell writes the marks in the page's language, :data:`COST_MARKS_EN` in English
COSTS: dict[float, str] = {13.4: "haizhu", 20.0: "", 28.0: "central", 40.0: "tianhe", 60.0: "tianjin"}
COST_MARKS_EN: dict[str, str] = {"haizhu": "Haizhu 1100万元/82人 (001)", "central": "central (geometric midpoint)",
                                 "tianhe": "Tianhe 6亿/1500 indicative (000)", "tianjin": "Tianjin 最高60万元 (003)"}
#: share of the fund paying people; no document figure (the fund also pays for platforms and services)
SHARES: dict[float, str] = {1.0: "", 0.8: "former assumption", 0.65: "", 0.5: "", 0.3: ""}


def table_555(inputs: Programme555, *, shares: dict[float, str] | None = None, costs: dict[float, str] | None = None,
              paths: int = 20_000, seed: int = 20130412) -> pd.DataFrame:
    """P(about the target within 5 / 10 years) over share paying people × median cost per talent.

    Every cell runs on the same seed (common random numbers), so differences between
    cells are the assumptions', not noise. ``mark`` names the documents' figures.
    """
    shares = SHARES if shares is None else shares
    costs = COSTS if costs is None else costs
    rows = []
    for share, s_mark in shares.items():
        for cost, c_mark in costs.items():
            c_mark = COST_MARKS_EN.get(c_mark, c_mark)
            res = simulate_555(replace(inputs, person_share=share, cost_per_talent_cny_10k=cost), paths=paths,
                               seed=seed)
            rows.append({"person_share": share, "cost_per_talent_cny_10k": cost, "p_within_5": res.p_within_5,
                         "p_within_10": res.p_within_10, "mark": "; ".join(m for m in (s_mark, c_mark) if m)})
    return pd.DataFrame(rows)


def table_text(table: pd.DataFrame, inputs: Programme555) -> str:
    """The table as text: rows = share of the fund paying people, columns = median cost per talent."""
    costs = sorted(table["cost_per_talent_cny_10k"].unique())
    head = f"{'share paying people':>20} " + " ".join(f"{c:>12g}万" for c in costs)
    lines = [f"P(≥{inputs.threshold:g}, about {inputs.target_persons:g}) within 5 / within 10 years; "
             f"columns = median cost per talent (log sd {inputs.cost_log_sd:g})", head]
    for share, g in table.groupby("person_share", sort=False):
        g = g.set_index("cost_per_talent_cny_10k")
        cells = " ".join(f"{g.loc[c, 'p_within_5']:>5.0%} / {g.loc[c, 'p_within_10']:<5.0%}" for c in costs)
        lines.append(f"{share:>20.0%} {cells}")
    lines.append("marked: " + "; ".join(f"{c:g}万 = {COST_MARKS_EN[m]}" for c, m in COSTS.items() if m)
                 + "; share 80 % = the former assumption (no document figure)")
    return "\n".join(lines)


__all__ = ["Programme555", "Programme555Result", "from_data", "simulate_555", "table_555", "table_text",
           "COSTS", "COST_MARKS_EN", "SHARES", "MAX_PATHS_555"]
