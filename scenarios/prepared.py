"""The lever-independent part of a run, kept so that moving a lever costs only the levers.

Drawing the random numbers and building the baseline trajectories is most of a
simulation's time, and neither depends on the lever values (``scenarios.engine``): only
on the setup, seed, path count, antithetic pairing, the regional correlation and the
per-indicator overrides. :func:`prepare` does that part once; ``simulate(sc,
prepared=...)`` then applies the levers to it and gives results bit-identical to a plain
``simulate(sc)`` (same draws, same baseline, same lever arithmetic; tested). The page
keeps one per region and scenario so a lever move re-runs only the lever deltas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Optional, Unpack

import numpy as np

from scenarios.baseline import region_setup
from scenarios.engine import Setup, baseline_levels, check_overrides, iter_draws
from scenarios.options import RunFields, RunOptions, run_options
from scenarios.spec import Scenario


class CostDraws(NamedTuple):
    """The only draws the levers read (``engine.apply_levers``): cost per talent and additionality."""

    cost_z: np.ndarray    # (n, 2)

    @property
    def n(self) -> int:
        return int(self.cost_z.shape[0])


def baseline_key(scenario: Scenario) -> tuple[float, str]:
    """What the baseline trajectories depend on besides the draws: the regional correlation
    and the per-indicator overrides (scenarios sharing it share their baseline)."""
    return (float(scenario.levers.regional_correlation), repr(sorted(scenario.overrides.items())))


@dataclass(frozen=True, eq=False)
class Prepared:
    """Baseline trajectories and cost draws of every chunk of one run; read-only, so one
    ``Prepared`` may serve many threads (``apply_levers`` copies before changing)."""

    setup: Setup
    paths: int
    seed: int
    antithetic: bool
    key: tuple[float, str]                                 # baseline_key of the scenarios it serves
    chunks: tuple[tuple[CostDraws, np.ndarray], ...]       # (cost draws, baseline (n, years, k) float32)

    def mismatch(self, scenario: Scenario, options: RunOptions, setup: Setup) -> Optional[str]:
        """Why this preparation cannot serve ``scenario`` run with ``options`` on ``setup``, or None."""
        for what, mine, theirs in (("setup", id(self.setup), id(setup)), ("paths", self.paths, options.n_paths(scenario)),
                                   ("seed", self.seed, options.seed_for(scenario)),
                                   ("antithetic", self.antithetic, options.antithetic),
                                   ("correlation/overrides", self.key, baseline_key(scenario))):
            if mine != theirs:
                return f"prepared run differs in {what}"
        return None


def prepare(scenario: Scenario, *, options: Optional[RunOptions] = None, setup: Optional[Setup] = None,
            **run: Unpack[RunFields]) -> Prepared:
    """Draw the random numbers and build the baseline of ``scenario``'s run once.

    ``options`` (or its fields as keywords) as in ``simulate``: paths and seed default to the
    scenario's; ``chunk`` bounds memory while drawing and never changes the numbers.
    """
    opts = run_options(options, run)
    n, seed, antithetic = opts.n_paths(scenario), opts.seed_for(scenario), opts.antithetic
    setup = setup or region_setup(scenario.region, scenario.horizon, scenario.data_dir)
    check_overrides(setup, scenario.overrides, scenario.name, scenario.region)
    arrays = setup.arrays()
    chunks = []
    for d in iter_draws(setup, n, seed, chunk=opts.chunk, antithetic=antithetic):
        base = baseline_levels(setup, d, scenario.levers.regional_correlation, arrays, scenario.overrides)
        cost = d.cost_z.copy()           # keep only this; the other draws (most of the memory) go
        base.flags.writeable = cost.flags.writeable = False
        chunks.append((CostDraws(cost), base))
    return Prepared(setup, n, seed, antithetic, baseline_key(scenario), tuple(chunks))


__all__ = ["Prepared", "CostDraws", "prepare", "baseline_key"]
