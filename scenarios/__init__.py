"""Scenario engine: what-if levers, Monte Carlo probabilities, comparison, inverse, sensitivity.

Public API (notebooks and the app import only these)::

    from scenarios import load_preset, simulate, compare, solve, tornado, sobol
    sc = load_preset("plan")
    sim = simulate(sc)                 # Simulation: p_hit, p_hit_se, quantiles(), summary()
    cmp = compare([sc, load_preset("high-funding")])
    solve(sc, "tianhe.high_level_talent", "funding_cny_100m_per_year", 0.8)
"""

from scenarios.compare import Comparison, compare
from scenarios.levers import LEVERS, Lever
from scenarios.sensitivity import sobol, tornado
from scenarios.simulate import QUANTILES, Simulation, simulate
from scenarios.solve import Solution, solve
from scenarios.spec import (Override, Scenario, ScenarioError, load_preset, load_scenario, parse_scenario,
                            preset_names, save_scenario, scenario_from_dict)

__all__ = [
    "LEVERS", "Lever", "Scenario", "Override", "ScenarioError", "load_scenario", "parse_scenario",
    "scenario_from_dict", "load_preset", "preset_names", "save_scenario", "simulate", "Simulation",
    "QUANTILES", "compare", "Comparison", "solve", "Solution", "tornado", "sobol",
]
