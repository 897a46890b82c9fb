"""Probability of hitting one target as a function of lever values, on fixed draws.

The inverse solver and the sensitivity analyses ask the same question many times with
different lever values. Drawing the random numbers once (exactly as ``simulate`` would
for the same seed and path count) and re-applying only the cheap lever deltas makes each
question cost microseconds per path, and makes the answers common-random-number exact:
a lever value found here gives the same probability when plugged into ``simulate``.
"""

from __future__ import annotations

from typing import Unpack

import numpy as np

from scenarios.baseline import region_setup
from scenarios.reach import check_sector_inflow
from scenarios.engine import (Draws, Setup, apply_levers, baseline_levels, check_overrides, concat_draws,
                              has_target, iter_draws, mc_se, target_hits)
from scenarios.relations import propagation, sources
from scenarios.options import RunFields, RunOptions, run_options
from scenarios.spec import Scenario

#: Paths a search keeps in memory. Draws cost about (32 + 8 x years) bytes a path and each
#: question a few copies of one (paths, years) array, so this bound keeps the solver and
#: the sensitivity analyses under a few hundred MB even for a 45-year horizon; its Monte
#: Carlo error (about 0.1 % on a probability) is far below what the answers are used for.
MAX_SEARCH_PATHS = 200_000


class HitProbability:
    """``p(levers)`` for one indicator of a scenario; call with lever changes.

    ``options`` (or its fields as keywords) as in ``simulate``. Uses the first
    ``min(paths, MAX_SEARCH_PATHS)`` paths (``.paths``; the request is
    ``.requested_paths``); up to that count the answers equal ``simulate``'s exactly.
    """

    def __init__(self, scenario: Scenario, indicator: str, *, options: RunOptions | None = None,
                 setup: Setup | None = None, **run: Unpack[RunFields]) -> None:
        opts = run_options(options, run)
        full = setup or region_setup(scenario.region, scenario.horizon, scenario.data_dir)
        if indicator not in full.ids:
            raise ValueError(f"indicator {indicator!r} is not simulated in region {scenario.region!r}; "
                             f"choose one of: {', '.join(full.ids)}")
        check_overrides(full, scenario.overrides, scenario.name, scenario.region)
        check_sector_inflow(full, scenario.sector_inflow)
        i = full.ids.index(indicator)
        if not has_target(full)[i]:     # a value or a range (target_low/high, as target_hits reads it)
            raise ValueError(f"indicator {indicator!r} has no numeric target to hit")
        self.scenario, self.indicator, self.antithetic = scenario, indicator, opts.antithetic
        self.requested_paths = opts.n_paths(scenario)
        self.paths = min(self.requested_paths, MAX_SEARCH_PATHS)
        if opts.seed_for(scenario) != scenario.seed:
            self.scenario = scenario = scenario.model_copy(update={"seed": opts.seed})
        # the same draws as simulate(); only this indicator's columns are kept, and those whose
        # extra people reach it through the region's relations (scenarios.relations)
        keep = sources(propagation(full.ids, full.relations), i)
        self.col = int(np.searchsorted(keep, i))
        self.draws = concat_draws([_slice(d, keep) for d in iter_draws(full, self.paths, scenario.seed, chunk=opts.chunk,
                                                                       antithetic=opts.antithetic)])
        self.setup = full.subset([full.ids[j] for j in keep])
        self.arrays = self.setup.arrays()
        self._base: dict[tuple[float, str], np.ndarray] = {}

    def hits(self, **changes: float) -> np.ndarray:
        """(paths,) bool: which paths meet the target with these lever changes."""
        sc = self.scenario.with_levers(**changes) if changes else self.scenario
        lv = sc.levers
        key = (lv.regional_correlation, repr(sorted(sc.overrides.items())))
        if key not in self._base:
            self._base[key] = baseline_levels(self.setup, self.draws, lv.regional_correlation,
                                              self.arrays, sc.overrides)
        values = apply_levers(self.setup, self._base[key], self.draws, lv, self.arrays, budget=sc.budget,
                              sector_inflow=sc.sector_inflow)
        return target_hits(values, self.setup)[:, self.col]

    def se(self, **changes: float) -> float:
        """Monte Carlo standard error of the probability with these lever changes."""
        return float(mc_se(self.hits(**changes), self.antithetic))

    def __call__(self, **changes: float) -> float:
        """Probability of meeting the target with these lever changes."""
        return float(self.hits(**changes).mean())

    def with_overrides(self, overrides: dict) -> "HitProbability":
        """Same draws, different per-indicator growth overrides."""
        other = object.__new__(HitProbability)
        other.__dict__.update(self.__dict__)
        other.scenario = self.scenario.model_copy(update={"overrides": overrides})
        other._base = {}
        return other


def _slice(d: Draws, cols: np.ndarray) -> Draws:
    """The draws of indicators ``cols`` alone (shared factors kept)."""
    return Draws(g_own=d.g_own[:, cols], g_reg=d.g_reg, chi=d.chi[:, cols],
                 e_own=d.e_own[:, :, cols], e_reg=d.e_reg, cost_z=d.cost_z)


__all__ = ["HitProbability", "MAX_SEARCH_PATHS"]
