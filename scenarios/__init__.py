"""Scenario engine: what-if levers, Monte Carlo probabilities, comparison, inverse, sensitivity.

Public API (notebooks and the app import only these)::

    from scenarios import load_preset, simulate, compare, solve, tornado, sobol
    sc = load_preset("plan")
    sim = simulate(sc)                 # Simulation: p_hit, p_hit_se, quantiles(), summary()
    simulate(sc, options=RunOptions(paths=50_000, seed=7))   # or simulate(sc, paths=50_000, seed=7)
    cmp = compare([sc, load_preset("high-funding")])
    solve(sc, "tianhe.high_level_talent", "funding_cny_100m_per_year", 0.8)
    discover(sc, "tianhe.high_level_talent").table()   # PRIM: assumption ranges where the target fails
"""

from __future__ import annotations

from forecast.lazy import lazy_exports
from scenarios.compare import Comparison, compare
from scenarios.levers import LEVERS, Lever
from scenarios.options import RunOptions
from scenarios.simulate import QUANTILES, Simulation, simulate
from scenarios.solve import Solution, solve
from scenarios.spec import (NameTakenError, Override, Scenario, ScenarioError, load_preset, load_scenario, parse_scenario,
                            preset_names, save_scenario, scenario_from_dict)

#: loaded on first use (PEP 562): sensitivity needs SciPy's statistics, which a command
#: that only simulates should not pay for at start-up.
_LAZY: dict[str, str] = {"sobol": "scenarios.sensitivity", "tornado": "scenarios.sensitivity",
                         "discover": "scenarios.discovery", "Discovery": "scenarios.discovery"}

__all__ = [
    "LEVERS", "Lever", "Scenario", "Override", "ScenarioError", "NameTakenError", "load_scenario", "parse_scenario",
    "scenario_from_dict", "load_preset", "preset_names", "save_scenario", "simulate", "Simulation", "RunOptions",
    "QUANTILES", "compare", "Comparison", "solve", "Solution", "tornado", "sobol", "discover", "Discovery",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
