"""Inverse question: the smallest lever value that reaches a chosen probability."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Unpack

import numpy as np

from scenarios.reach import DOES_NOT_MOVE, NO_FUNDING_HISTORY, disabled_levers, moves
from scenarios.economics import assumption_facts, assumptions_text, at_efficiency, efficiency_quantiles
from scenarios.engine import Setup
from scenarios.evaluate import HitProbability
from scenarios.levers import FUNDING_LEVERS, LEVERS
from scenarios.options import RunFields, RunOptions, run_options
from scenarios.spec import Scenario


@dataclass(frozen=True)
class Solution:
    """Answer of ``solve``. ``value`` is None when the probability is unreachable.

    ``status`` is ``ok``, ``unreachable`` (the lever moves the indicator but not far enough
    within its range) or ``does_not_move`` (the lever does not reach the indicator at all,
    ``scenarios.channels``). For the funding levers ``low``/``high`` are the answers with
    the funding economics fixed at their optimistic / pessimistic 10 % ends (places per
    亿元, from cost × additionality; None = unreachable there), ``assumptions`` names
    what drives them in English and ``facts`` gives the same as numbers
    (``scenarios.economics.assumption_facts``, for text in other languages); for other
    levers both equal ``value``.
    """

    indicator: str
    lever: str
    prob: float
    value: Optional[float]
    p_at_value: float
    p_at_value_se: float
    p_low: float
    p_high: float
    paths: int
    message: str
    status: str = "ok"
    low: Optional[float] = None
    high: Optional[float] = None
    assumptions: str = ""
    facts: dict[str, float] = field(default_factory=dict)

    @property
    def reachable(self) -> bool:
        return self.value is not None


def _search(p: HitProbability, lever: str, prob: float, grid: int, iterations: int,
            fixed: dict[str, Any]) -> tuple[Optional[float], float, float, bool, float]:
    """(least-effort value or None, p at lever low, p at lever high, increasing, best p)."""
    lv = LEVERS[lever]
    xs = np.linspace(lv.low, lv.high, grid)
    if lv.integer:
        xs = np.unique(np.round(xs))
    ps = np.array([p(**fixed, **{lever: lv.cast(x)}) for x in xs])
    p_low, p_high = float(ps[0]), float(ps[-1])
    increasing = p_high >= p_low
    order = xs if increasing else xs[::-1]
    pv = ps if increasing else ps[::-1]
    ok = np.nonzero(pv >= prob)[0]
    if ok.size == 0:
        return None, p_low, p_high, increasing, float(order[int(np.argmax(pv))])
    j = int(ok[0])
    if j == 0:
        return float(order[0]), p_low, p_high, increasing, float(order[0])
    lo, hi = float(order[j - 1]), float(order[j])  # p(lo) < prob <= p(hi)
    for _ in range(iterations):
        if lv.integer and abs(hi - lo) <= 1:
            break
        mid = 0.5 * (lo + hi)
        if p(**fixed, **{lever: lv.cast(mid)}) >= prob:
            hi = mid
        else:
            lo = mid
    x = float(round(hi) if lv.integer else hi)
    return x, p_low, p_high, increasing, x


def solve(scenario: Scenario, indicator: str, lever: str, prob: float = 0.8, *, grid: int = 21,
          iterations: int = 30, options: Optional[RunOptions] = None, setup: Optional[Setup] = None,
          **run: Unpack[RunFields]) -> Solution:
    """Least-effort lever value at which ``indicator`` meets its target with ``prob``.

    With common random numbers the probability is a monotone step function of a lever
    that only adds (or only removes) people, so a coarse grid brackets the answer and
    bisection narrows it. "Least effort" is the smallest value for a lever that raises
    the probability (funding, inflow) and the largest for one that lowers it (attrition).
    A funding answer is repeated with the economics at their optimistic and pessimistic
    ends to give its range. ``message`` says the answer in words. ``options`` (or its fields
    as keywords: paths, seed, antithetic, chunk) are as in ``simulate``: the same paths, the
    same numbers.
    """
    if lever not in LEVERS:
        raise ValueError(f"unknown lever {lever!r}; choose one of: {', '.join(LEVERS)}")
    if not 0 < prob < 1:
        raise ValueError(f"prob must lie strictly between 0 and 1, got {prob}")
    lv = LEVERS[lever]
    p = HitProbability(scenario, indicator, options=run_options(options, run), setup=setup)
    if not moves(p.setup, lever, indicator):
        why = disabled_levers(p.setup).get(lever, DOES_NOT_MOVE)
        q = p()
        return Solution(indicator, lever, prob, None, q, p.se(), q, q, p.paths,
                        f"{lv.name_en} does not move {indicator}"
                        + (" (the region has no funding history to change)" if why == NO_FUNDING_HISTORY else "")
                        + f"; its probability stays {q:.1%} whatever the lever{_capped(p)}", status="does_not_move")
    x, p_low, p_high, increasing, x_best = _search(p, lever, prob, grid, iterations, {})
    unit, word = lv.unit, ("at least" if increasing else "at most")
    low = high = x
    assumptions, facts = "", {}
    if lever in FUNDING_LEVERS:
        levers = scenario.levers
        q10, _, q90 = efficiency_quantiles(levers)
        low = _search(p, lever, prob, grid, iterations, at_efficiency(levers, q90))[0]
        high = _search(p, lever, prob, grid, iterations, at_efficiency(levers, q10))[0]
        assumptions, facts = assumptions_text(levers), assumption_facts(levers)
    if x is None:
        best = p(**{lever: lv.cast(x_best)})
        return Solution(indicator, lever, prob, None, best, p.se(**{lever: lv.cast(x_best)}), p_low, p_high, p.paths,
                        f"unreachable within the lever's range [{lv.low:g}, {lv.high:g}] {unit}: "
                        f"at most {best:.1%} for {indicator}{_capped(p)}" + (f"\nassumptions: {assumptions}" if assumptions else ""),
                        status="unreachable", low=low, high=None, assumptions=assumptions, facts=facts)
    q, q_se = p(**{lever: lv.cast(x)}), p.se(**{lever: lv.cast(x)})
    rng = ""
    if lever in FUNDING_LEVERS:
        hi_txt = f"{high:.3g}" if high is not None else f"more than {lv.high:g} (unreachable)"
        lo_txt = f"{low:.3g}" if low is not None else "–"
        rng = f"; {lo_txt}–{hi_txt} {unit} over cost × additionality (10–90 %), central {x:.3g}"
    return Solution(indicator, lever, prob, x, q, q_se, p_low, p_high, p.paths,
                    f"to be {prob:.0%} sure of {indicator}: {lv.name_en} {word} {x:.4g} {unit}{rng} "
                    f"(gives {q:.1%} ± {q_se:.1%}){_capped(p)}" + (f"\nassumptions: {assumptions}" if assumptions else ""),
                    status="ok", low=low, high=high, assumptions=assumptions, facts=facts)


#: the order "what it takes" tries levers in: enactable money first, then people, then retention
LEVER_ORDER = ("funding_cny_100m_per_year", "programme_places_per_year", "inflow_10k_per_year",
               "attrition_pct_per_year")


def acting_lever(setup: Setup, indicator: str) -> Optional[str]:
    """The first lever of ``LEVER_ORDER`` that moves ``indicator`` here (None: no lever does),
    so "what it takes" starts on a lever that acts."""
    return next((k for k in LEVER_ORDER if moves(setup, k, indicator)), None)


def _capped(p: HitProbability) -> str:
    if p.paths == p.requested_paths:
        return ""
    return f"; searched on {p.paths:,} of the {p.requested_paths:,} paths asked for (memory bound)"


__all__ = ["Solution", "solve", "acting_lever", "LEVER_ORDER"]
