"""Inverse question: the smallest lever value that reaches a chosen probability."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from scenarios.engine import CHUNK
from scenarios.evaluate import HitProbability
from scenarios.levers import LEVERS
from scenarios.spec import Scenario


@dataclass(frozen=True)
class Solution:
    """Answer of ``solve``. ``value`` is None when the probability is unreachable."""

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

    @property
    def reachable(self) -> bool:
        return self.value is not None


def solve(scenario: Scenario, indicator: str, lever: str, prob: float = 0.8, *,
          paths: Optional[int] = None, grid: int = 21, iterations: int = 30, setup=None,
          seed: Optional[int] = None, chunk: int = CHUNK) -> Solution:
    """Least-effort lever value at which ``indicator`` meets its target with ``prob``.

    With common random numbers the probability is a monotone step function of a lever
    that only adds (or only removes) people, so a coarse grid brackets the answer and
    bisection narrows it. "Least effort" is the smallest value for a lever that raises
    the probability (funding, inflow) and the largest for one that lowers it (attrition).

    Returns a ``Solution`` whose ``message`` says the answer in words, including
    "unreachable within the lever's range [low, high]". ``seed`` (default the
    scenario's) and ``chunk`` are as in ``simulate``: the same paths, the same numbers.
    """
    if lever not in LEVERS:
        raise ValueError(f"unknown lever {lever!r}; choose one of: {', '.join(LEVERS)}")
    if not 0 < prob < 1:
        raise ValueError(f"prob must lie strictly between 0 and 1, got {prob}")
    lv = LEVERS[lever]
    p = HitProbability(scenario, indicator, paths=paths, seed=seed, setup=setup, chunk=chunk)
    xs = np.linspace(lv.low, lv.high, grid)
    if lv.integer:
        xs = np.unique(np.round(xs))
    ps = np.array([p(**{lever: lv.cast(x)}) for x in xs])
    p_low, p_high = float(ps[0]), float(ps[-1])
    increasing = p_high >= p_low
    order = xs if increasing else xs[::-1]
    pv = ps if increasing else ps[::-1]
    ok = np.nonzero(pv >= prob)[0]
    unit = lv.unit
    if ok.size == 0:
        best = float(pv.max())
        x_best = float(order[int(np.argmax(pv))])
        return Solution(indicator, lever, prob, None, best, p.se(**{lever: lv.cast(x_best)}), p_low, p_high, p.paths,
                        f"unreachable within the lever's range [{lv.low:g}, {lv.high:g}] {unit}: "
                        f"at most {best:.1%} for {indicator}")
    j = int(ok[0])
    if j == 0:
        x = float(order[0])
    else:
        lo, hi = float(order[j - 1]), float(order[j])  # p(lo) < prob <= p(hi)
        for _ in range(iterations):
            if lv.integer and abs(hi - lo) <= 1:
                break
            mid = 0.5 * (lo + hi)
            if p(**{lever: lv.cast(mid)}) >= prob:
                hi = mid
            else:
                lo = mid
        x = float(round(hi) if lv.integer else hi)
    q, q_se = p(**{lever: lv.cast(x)}), p.se(**{lever: lv.cast(x)})
    word = "at least" if increasing else "at most"
    return Solution(indicator, lever, prob, x, q, q_se, p_low, p_high, p.paths,
                    f"to be {prob:.0%} sure of {indicator}: {lv.name_en} {word} {x:.4g} {unit} "
                    f"(gives {q:.1%} ± {q_se:.1%})")


__all__ = ["Solution", "solve"]
