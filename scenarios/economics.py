"""Funding economics: how money above a region's own level becomes counted talents.

One place for the chain the funding levers follow (each step a parameter in
``scenarios.levers.LEVERS`` with unit, range, default and source):

1. spend: the region's level ``F`` (its own history unless set) changed by
   ``funding_change_pct`` and growing ``funding_growth_pct_per_year``;
2. diminishing returns: money buys places as ``R/θ · (F/R)^θ`` (R = the historic level),
   so the first extra 亿元 buys at the historic rate and each further one less (θ = 1: linear);
3. price and additionality, drawn per path (uncertainty, not levers): places per 亿元 =
   10^4 / cost × additionality, cost log-normal, additionality logit-normal;
4. lag: money of year s is counted from year s + lag;
5. retention: a funded talent is counted for the subsidy period, then stays with the
   yearly retention rate. Cumulative counts (five-year totals) keep every place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import numpy as np

if TYPE_CHECKING:
    from scenarios.setup import Setup
    from scenarios.spec import Levers

#: z of the 10th / 90th percentile of a standard normal
Z90 = 1.2815515655446004


def funding_level(levers: Levers, historic: Optional[float]) -> Optional[float]:
    """Funding in 亿元 a year the scenario sets: its own figure or the region's, times the change."""
    own = levers.funding_cny_100m_per_year
    level = historic if own is None else float(own)
    if level is None:
        return None
    return level * (1.0 + levers.funding_change_pct / 100.0)


def funding_active(levers: Levers, historic: Optional[float], budget: Optional[dict[int, float]] = None) -> bool:
    """True when the scenario spends differently from the region's history (its level, growth
    or a yearly ``budget`` {year: 亿元} that differs from the history in some year)."""
    level = funding_level(levers, historic)
    if historic is None or level is None:
        return False
    if budget and any(not np.isclose(v, historic, rtol=0, atol=1e-12) for v in budget.values()):
        return True
    return not np.isclose(level, historic, rtol=0, atol=1e-12) or levers.funding_growth_pct_per_year != 0


def spend_path(levers: Levers, historic: float, years: int, budget: Optional[np.ndarray] = None) -> np.ndarray:
    """(years + 1,) spend in 亿元 in year s = 0..years after the base year: the level growing
    at the funding growth rate, replaced by the yearly budget where ``budget`` (a schedule
    aligned on s, NaN = no budget that year) gives one."""
    level = funding_level(levers, historic)
    s = np.arange(years + 1, dtype=float)
    spend = level * (1.0 + levers.funding_growth_pct_per_year / 100.0) ** np.maximum(s - 1, 0)
    if budget is not None:
        b = np.full(years + 1, np.nan)
        b[:min(years + 1, len(budget))] = budget[:years + 1]
        spend = np.where(np.isfinite(b), b, spend)
    return spend


def budget_by_step(budget: Optional[dict[int, float]], start_year: int, years: int) -> Optional[np.ndarray]:
    """A yearly budget schedule {year: 亿元} aligned on s = 0..years after ``start_year`` (NaN where
    the schedule says nothing); None for no schedule."""
    if not budget:
        return None
    return np.array([budget.get(start_year + s, np.nan) for s in range(years + 1)], dtype=float)


def effective_money(levers: Levers, historic: float, years: int, budget: Optional[np.ndarray] = None) -> np.ndarray:
    """(years + 1,) extra money in 亿元 at historic productivity spent in year s = 0..years (0 in s = 0).

    With θ = 1 this is simply spend minus the historic level. ``budget``: ``budget_by_step``.
    """
    theta = float(levers.returns_exponent)
    spend = spend_path(levers, historic, years, budget)
    ref = historic if historic > 0 else 1.0
    eff = ref / theta * ((np.maximum(spend, 0) / ref) ** theta - (historic / ref) ** theta)
    eff[0] = 0.0
    return eff


def survival(levers: Levers, ages: np.ndarray, cumulative: bool) -> np.ndarray:
    """Share of a cohort still counted ``ages`` years after it is first counted (0 if not yet)."""
    ages = np.asarray(ages, dtype=float)
    if cumulative:
        return (ages >= 0).astype(float)
    past = np.maximum(ages - levers.subsidy_years + 1, 0)
    return np.where(ages < 0, 0.0, float(levers.retention_after_subsidy) ** past)


def counted_money(levers: Levers, historic: float, years: int, cumulative: bool = False,
                  budget: Optional[np.ndarray] = None) -> np.ndarray:
    """(years + 1,) money-equivalent (亿元) of the funded talents counted t = 0..years after the base year.

    Times ``places_per_100m`` it gives the counted extra talents.
    """
    return _counted(effective_money(levers, historic, years, budget), levers, cumulative)


def counted_places(levers: Levers, years: int, cumulative: bool = False) -> np.ndarray:
    """(years + 1,) programme places (``programme_places_per_year`` a year from s = 1 on) still
    counted t = 0..years after the base year; times the additionality it gives the counted talents."""
    places = np.full(years + 1, float(getattr(levers, "programme_places_per_year", 0.0)))
    places[0] = 0.0
    return _counted(places, levers, cumulative)


def _counted(flow: np.ndarray, levers: Any, cumulative: bool) -> np.ndarray:
    """Cohorts ``flow[s]`` entering in year s, counted t years on with lag and survival."""
    n = len(flow)
    t = np.arange(n)[:, None]
    s = np.arange(n)[None, :]
    return (flow[None, :] * survival(levers, t - s - levers.lag_years, cumulative)).sum(axis=1)


def direct_persons(levers: Levers, historic: Optional[float], td: np.ndarray, cost_z: np.ndarray, *,
                   fund: Optional[np.ndarray], places: Optional[np.ndarray], inflow: np.ndarray,
                   cumulative: np.ndarray, start_year: int, budget: Optional[dict[int, float]] = None) -> np.ndarray:
    """Extra persons the levers add directly, (1 | n, T, d), to ``d`` indicators ``td`` (T, d)
    years after their base year: funded talents (``fund``: the columns funding reaches, None =
    funding off) priced per path by ``cost_z``; programme places (``places``: likewise) times
    the path's additionality; net inflow (``inflow``: persons a year per column). ``cumulative``
    columns keep every counted talent; ``budget`` {year: 亿元} is aligned on ``start_year``."""
    span = int(td.max())
    added = np.zeros((1,) + td.shape)
    if fund is not None:
        sched = budget_by_step(budget, start_year, span)
        money = {c: counted_money(levers, historic, span, c, sched) for c in (False, True)}
        per = np.where(cumulative, money[True][td], money[False][td]) * fund
        added = added + places_per_100m(levers, cost_z)[:, None, None] * per[None]
    if places is not None:
        kept = {c: counted_places(levers, span, c) for c in (False, True)}
        per = np.where(cumulative, kept[True][td], kept[False][td]) * places
        added = added + additionality(levers, np.asarray(cost_z)[:, 1])[:, None, None] * per[None]
    if inflow.any():
        added = added + (td * inflow)[None]
    return added


def places_per_100m(levers: Levers, z: np.ndarray) -> np.ndarray:
    """Counted extra talents per 亿元 of extra money, per path: 10^4 / cost × additionality.

    ``z`` is (n, 2) standard normal: column 0 prices the talent, column 1 its additionality.
    """
    z = np.asarray(z, dtype=float).reshape(-1, 2)
    cost = levers.cost_per_talent_cny_10k * np.exp(levers.cost_log_sd * z[:, 0])       # 万元
    return 1e4 / cost * additionality(levers, z[:, 1])


def additionality(levers: Levers, z: np.ndarray) -> np.ndarray:
    """Per-path additionality: logit-normal around the median ``additionality_share``."""
    m = float(levers.additionality_share)
    if m <= 0.0 or m >= 1.0:
        return np.full(np.shape(z), m)
    x = np.log(m / (1 - m)) + levers.additionality_logit_sd * np.asarray(z, dtype=float)
    return 0.5 * (1.0 + np.tanh(0.5 * x))   # the logistic function, without exp overflow


def efficiency_quantiles(levers: Levers, qs: tuple[float, ...] = (0.1, 0.5, 0.9), n: int = 200_000,
                         seed: int = 7) -> np.ndarray:
    """Quantiles of places per 亿元 over the cost and additionality distributions."""
    z = np.random.default_rng(seed).standard_normal((n, 2))
    return np.quantile(places_per_100m(levers, z), qs)


def at_efficiency(levers: Levers, places: float) -> dict[str, float]:
    """Lever changes that fix places per 亿元 at ``places`` on every path (for range answers).

    Additionality stays at its median where the cost this needs lies in the cost lever's
    range; otherwise the cost sits at its bound and the additionality moves.
    """
    m = float(levers.additionality_share)
    cost = 1e4 * m / places if places > 0 else 150.0
    if not 5.0 <= cost <= 150.0:
        cost = float(np.clip(cost, 5.0, 150.0))
        m = float(np.clip(places * cost / 1e4, 0.0, 1.0))
    return {"cost_log_sd": 0.0, "additionality_logit_sd": 0.0, "cost_per_talent_cny_10k": cost,
            "additionality_share": m}


def funding_effect(setup: Setup, levers: Levers, qs: tuple[float, ...] = (0.1, 0.5, 0.9)) -> dict[str, list[float]]:
    """Indicator id -> quantiles ``qs`` of the extra persons the funding levers add by its target
    year (or the horizon), over the cost and additionality distributions; {} if funding is off."""
    from scenarios.channels import channel_masks

    if not funding_active(levers, setup.historic_funding):
        return {}
    masks = channel_masks(setup.indicators)
    eff = efficiency_quantiles(levers, qs)
    out = {}
    for i, ind in enumerate(setup.ids):
        if not masks["funding"][i]:
            continue
        row = setup.indicators.iloc[i]
        year = row["target_year"] if np.isfinite(float(row["target_year"])) else setup.horizon
        t = int(min(year, setup.horizon) - setup.laws[i].base_year)
        if t <= 0:
            continue
        money = counted_money(levers, setup.historic_funding, t, bool(masks["cumulative"][i]))[t]
        out[ind] = [float(e * money) for e in eff]
    return out


def assumption_facts(levers: Levers) -> dict[str, float]:
    """The assumptions that drive a funding answer, as numbers (no words: the product shell
    writes them in the page's language). Units: cost 万元 per funded talent, additionality a
    share 0..1, places counted talents per 亿元 (10/50/90 % over cost × additionality), lag
    and subsidy in years, retention a yearly share."""
    lo, mid, hi = efficiency_quantiles(levers)
    return {"cost": float(levers.cost_per_talent_cny_10k), "cost_sd": float(levers.cost_log_sd),
            "additionality": float(levers.additionality_share), "additionality_sd": float(levers.additionality_logit_sd),
            "places_low": float(lo), "places_mid": float(mid), "places_high": float(hi),
            "theta": float(levers.returns_exponent), "lag": int(levers.lag_years),
            "subsidy_years": int(levers.subsidy_years), "retention": float(levers.retention_after_subsidy)}


def assumptions_text(levers: Levers) -> str:
    """:func:`assumption_facts` in one English line (the command line's wording; units as in LEVERS)."""
    f = assumption_facts(levers)
    return (f"cost per funded talent median {f['cost']:g} 万元 (log sd {f['cost_sd']:g}); "
            f"additionality median {f['additionality']:g} (logit sd {f['additionality_sd']:g}, "
            f"assumption); → {f['places_low']:.0f}–{f['places_high']:.0f} counted talents per 亿元 "
            f"(central {f['places_mid']:.0f}); returns exponent θ {f['theta']:g}; lag {f['lag']} yr; "
            f"subsidy {f['subsidy_years']} yr, then retention {f['retention']:g}/yr")


__all__ = ["funding_level", "funding_active", "spend_path", "budget_by_step", "effective_money", "survival",
           "counted_money", "counted_places", "direct_persons",
           "places_per_100m", "additionality", "efficiency_quantiles", "funding_effect", "at_efficiency", "assumption_facts",
           "assumptions_text", "Z90"]
