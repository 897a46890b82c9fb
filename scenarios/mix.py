"""What it takes, for a set of levers together: the cheapest enactable mix for a probability.

The levers a plan office can enact and price are money: the talent funding (亿元 a year,
above the region's own level; ``scenarios.economics``) and extra places in a talent
programme (persons a year, each priced at the programme's cost per talent in
``data/programmes.csv``). Both add selectees, so they substitute; the funding's returns
diminish (θ < 1), so the cheapest answer is often a mix. :func:`solve_mix` searches a grid
of funding levels and, at each, the fewest programme places that reach the probability
(bisection: the probability rises with places on common random numbers), and keeps the
cheapest. The cost over the plan = extra funding summed over the years to the target plus
places × years × cost per place. The range repeats the search with the uncertain economics
at their optimistic and pessimistic 10 % ends (cost per funded talent and additionality),
so it is the cost range those assumptions produce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional, Unpack

import numpy as np
import pandas as pd

from scenarios.economics import Z90, additionality, spend_path
from scenarios.engine import Setup
from scenarios.evaluate import HitProbability
from scenarios.levers import LEVERS
from scenarios.options import RunFields, RunOptions, run_options
from scenarios.spec import Scenario

if TYPE_CHECKING:
    from scenarios.spec import Levers

PLACES = "programme_places_per_year"
FUNDING = "funding_cny_100m_per_year"


@dataclass(frozen=True)
class Mix:
    """One lever mix and what it costs (亿元 over the years to the target)."""

    funding: Optional[float]      # 亿元/年 (None: the region has no funding lever)
    places: float                 # programme places a year
    cost: float                   # 亿元 over the plan, extra funding + places
    p: float                      # probability of meeting the target with it


@dataclass(frozen=True)
class MixSolution:
    """Answer of :func:`solve_mix`: ``central`` is the cheapest mix at the central assumptions,
    ``optimistic`` / ``pessimistic`` at the economics' 10 % ends (None = unreachable there)."""

    indicator: str
    prob: float
    programme: str
    cost_per_place: float          # 万元 per place (the programme's figure)
    years: int                     # funded years counted in the cost
    central: Optional[Mix]
    optimistic: Optional[Mix]
    pessimistic: Optional[Mix]
    status: str
    message: str
    candidates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def cost_range(self) -> tuple[Optional[float], Optional[float]]:
        return (self.optimistic.cost if self.optimistic else None,
                self.pessimistic.cost if self.pessimistic else None)


def priced_programmes(programmes: pd.DataFrame) -> pd.DataFrame:
    """Programmes with a sourced cost per person (万元): the instruments a mix can be priced with."""
    if programmes is None or programmes.empty:
        return pd.DataFrame(columns=["id", "region", "cost_per_person_10k_cny", "quote"])
    p = programmes[programmes["cost_per_person_10k_cny"].notna()]
    return p[["id", "region", "name_en", "cost_per_person_10k_cny", "source", "quote"]].reset_index(drop=True)


def economics_end(levers: Levers, optimistic: bool) -> dict[str, float]:
    """Lever changes fixing the cost per funded talent and the additionality at their 10 % ends
    (the optimistic end: cheap talents, high additionality), on every path."""
    z = Z90 if optimistic else -Z90
    cost = float(np.clip(levers.cost_per_talent_cny_10k * np.exp(-levers.cost_log_sd * z), 5.0, 150.0))
    add = float(additionality(levers, np.array([z]))[0])
    return {"cost_per_talent_cny_10k": cost, "cost_log_sd": 0.0, "additionality_share": add,
            "additionality_logit_sd": 0.0}


def _cost(levers: Any, historic: Optional[float], funding: Optional[float], places: float, years: int,
          cost_per_place: float) -> float:
    extra = 0.0
    if funding is not None and historic is not None:
        lv = levers.model_copy(update={FUNDING: funding})
        extra = float(np.sum(spend_path(lv, historic, years)[1:] - historic))
    return extra + places * years * cost_per_place / 1e4


def _fewest_places(p: HitProbability, prob: float, fixed: dict[str, Any], iterations: int) -> Optional[float]:
    """Fewest programme places a year (on a 1-place grid) reaching ``prob`` with ``fixed``; None if none."""
    hi = LEVERS[PLACES].high
    if p(**fixed, **{PLACES: hi}) < prob:
        return None
    if p(**fixed, **{PLACES: 0.0}) >= prob:
        return 0.0
    lo = 0.0
    for _ in range(iterations):
        if hi - lo <= 1.0:
            break
        mid = 0.5 * (lo + hi)
        if p(**fixed, **{PLACES: mid}) >= prob:
            hi = mid
        else:
            lo = mid
    # the smallest whole number of places above the last failing count that reaches ``prob``
    for k in range(int(np.floor(lo)) + 1, int(np.ceil(hi))):
        if p(**fixed, **{PLACES: float(k)}) >= prob:
            return float(k)
    return float(np.ceil(hi))


def _frontier(p: HitProbability, prob: float, ends: dict[str, float], grid: int,
              iterations: int) -> list[tuple[Optional[float], float, float]]:
    """(funding level, fewest places reaching ``prob`` there, its probability) on a grid of funding
    levels from the region's own up (one level, None, without a funding lever); unreachable levels
    left out. The same for every programme: only the price of a place differs."""
    historic = p.setup.historic_funding
    levels: list[Optional[float]] = [None]
    if historic is not None:
        levels = list(np.unique(np.round(np.linspace(historic, LEVERS[FUNDING].high, grid), 2)))
    out = []
    for f in levels:
        fixed = dict(ends) | ({FUNDING: float(f)} if f is not None else {})
        places = _fewest_places(p, prob, fixed, iterations)
        if places is not None:
            out.append((None if f is None else float(f), places, p(**fixed, **{PLACES: places})))
    return out


def _cheapest(p: HitProbability, frontier: list, cost_per_place: float, years: int) -> Optional[Mix]:
    """The frontier's cheapest point with places priced at ``cost_per_place`` (万元)."""
    mixes = [Mix(f, n, _cost(p.scenario.levers, p.setup.historic_funding, f, n, years, cost_per_place), q)
             for f, n, q in frontier]
    return min(mixes, key=lambda m: m.cost) if mixes else None


def solve_mix(scenario: Scenario, indicator: str, prob: float = 0.8, *, programme: Optional[str] = None,
              grid: int = 11, iterations: int = 12, options: Optional[RunOptions] = None,
              setup: Optional[Setup] = None, **run: Unpack[RunFields]) -> MixSolution:
    """Cheapest funding + programme-places mix at which ``indicator`` meets its target with ``prob``.

    ``programme``: the id of a priced programme (``priced_programmes``); default: each priced
    programme is tried and the cheapest answer kept (all are listed in ``candidates``).
    ``options`` (or its fields as keywords) as in ``simulate``.
    """
    from forecast.cache import cached_dataset

    if not 0 < prob < 1:
        raise ValueError(f"prob must lie strictly between 0 and 1, got {prob}")
    p = HitProbability(scenario, indicator, options=run_options(options, run), setup=setup)
    priced = priced_programmes(cached_dataset(scenario.data_dir).programmes)
    if programme is not None:
        priced = priced[priced["id"] == programme]
        if priced.empty:
            raise ValueError(f"programme {programme!r} has no cost per person in programmes.csv")
    row = p.setup.indicators.iloc[p.col]
    years = int(min(row["target_year"], p.setup.horizon) - p.setup.laws[p.col].base_year)
    frontiers = {k: _frontier(p, prob, ends, grid, iterations)
                 for k, ends in (("central", {}), ("optimistic", economics_end(scenario.levers, True)),
                                 ("pessimistic", economics_end(scenario.levers, False)))}
    found = []
    for r in priced.itertuples():
        cpp = float(r.cost_per_person_10k_cny)
        found.append((r.id, cpp, {k: _cheapest(p, fr, cpp, years) for k, fr in frontiers.items()}))
    reachable = [f for f in found if f[2]["central"] is not None]
    if not reachable:
        return MixSolution(indicator, prob, "", float("nan"), years, None, None, None, "unreachable",
                           f"no mix of funding (up to {LEVERS[FUNDING].high:g} 亿元/年) and programme places (up to "
                           f"{LEVERS[PLACES].high:g} a year) makes {indicator} {prob:.0%} likely", _listing(found))
    pid, cpp, mixes = min(reachable, key=lambda f: f[2]["central"].cost)
    c, lo, hi = mixes["central"], mixes["optimistic"], mixes["pessimistic"]
    return MixSolution(indicator, prob, pid, cpp, years, c, lo, hi, "ok",
                       _message(indicator, prob, pid, cpp, years, c, lo, hi, p.setup.historic_funding,
                                scenario.levers),
                       _listing(found))


def _listing(found: list) -> list[dict[str, Any]]:
    out = []
    for pid, cpp, m in found:
        c = m["central"]
        out.append({"programme": pid, "cost_per_place_10k_cny": cpp,
                    "funding": None if c is None else c.funding, "places": None if c is None else c.places,
                    "cost": None if c is None else c.cost,
                    "cost_low": None if m["optimistic"] is None else m["optimistic"].cost,
                    "cost_high": None if m["pessimistic"] is None else m["pessimistic"].cost})
    return out


def _message(indicator: str, prob: float, pid: str, cpp: float, years: int, c: Mix, lo: Optional[Mix],
             hi: Optional[Mix], historic: Optional[float], levers: Any) -> str:
    parts = []
    if c.funding is not None:
        change, growth = levers.funding_change_pct, levers.funding_growth_pct_per_year
        parts.append(f"talent funding {c.funding:.3g} 亿元/年" + (f" {change:+g} %" if change else "")
                     + (f" growing {growth:g} %/yr" if growth else "") + f" (own level {historic:.3g})")
    parts.append(f"{c.places:.0f} extra places a year in {pid} at {cpp:g} 万元 each")
    lo_txt = f"{lo.cost:.3g}" if lo else "–"
    hi_txt = f"{hi.cost:.3g}" if hi else "more (unreachable at the pessimistic end)"
    return (f"to be {prob:.0%} sure of {indicator}: " + " + ".join(parts)
            + f"; costs {c.cost:.3g} 亿元 over {years} years (range {lo_txt}–{hi_txt} 亿元 over cost per funded "
            f"talent × additionality at their 10–90 % ends); gives {c.p:.1%}")


__all__ = ["Mix", "MixSolution", "solve_mix", "priced_programmes", "economics_end"]
