"""How a simulation and a comparison show themselves: a short ``repr``, a statsmodels-style
:class:`forecast.summary.Summary` (``report()``; rich display in a notebook) and tidy long
paths (``Simulation.to_frame()``). The methods on the classes call these."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from forecast.summary import Summary

_COLUMNS = ["id", "name_en", "unit", "target_op", "target_value", "target_year", "p_hit", "p_hit_lo", "p_hit_hi",
            "p_hit_se", "p50", "basis"]


def _pct(p: float) -> str:
    return f"{p:.1%}" if np.isfinite(p) else "–"


def simulation_report(sim: Any) -> Summary:
    """Facts (scenario, region, horizon, paths, seed, targets, expected met and P(all) with their
    model ranges) and the per-indicator table of ``sim.summary()``."""
    sc = sim.scenario
    p_all, p_all_se = sim.p_all
    lo, hi = sim.p_all_range
    e_lo, e_hi = sim.expected_met_range
    facts = [("Scenario", sc.name), ("Region", sc.region), ("Horizon", str(sc.horizon)),
             ("Paths", f"{sim.n_paths:,}"), ("Seed", str(sc.seed)), ("Targets", str(int(sim.has_target.sum()))),
             ("Expected met", f"{sim.expected_met:.1f} (model range {e_lo:.1f}–{e_hi:.1f})"),
             ("P(all met)", f"{_pct(p_all)} ± {p_all_se:.1%} MC (model range {_pct(lo)}–{_pct(hi)})"),
             ("Not simulated", str(len(sim.skipped)))]
    s = sim.summary()
    table = s[[c for c in _COLUMNS if c in s]].rename(columns={"p50": "median"})
    return Summary(f"Simulation: {sc.name}", facts, [table],
                   "p_hit_lo/p_hit_hi: model range (10–90 % over the prior's and the regional correlation's draws); "
                   "p_hit_se: Monte Carlo error.")


def comparison_report(cmp: Any) -> Summary:
    """Facts per scenario and the long table: P(hit) with model range and the difference from the first."""
    facts = []
    for s in cmp.sims:
        p, _ = s.p_all
        lo, hi = s.p_all_range
        facts.append((s.scenario.name, f"expected met {s.expected_met:.1f} of {int(s.has_target.sum())}; "
                                       f"P(all) {_pct(p)} ({_pct(lo)}–{_pct(hi)})"))
    long = cmp.long()
    cols = [c for c in ("scenario", "indicator", "name_en", "p_hit", "p_hit_lo", "p_hit_hi", "diff", "diff_se")
            if c in long]
    table = long[cols].dropna(subset=["p_hit"])
    return Summary(f"Comparison of {len(cmp.sims)} scenarios (reference: {cmp.names[0]})", facts, [table])


def paths_frame(sim: Any) -> pd.DataFrame:
    """Tidy long paths: one row per (kept path, year, indicator) with ``scenario``, ``path``,
    ``year``, ``indicator`` and ``value`` (the first ``values.shape[0]`` paths the run keeps)."""
    n, years, k = sim.values.shape
    path, year, ind = np.meshgrid(np.arange(n), np.asarray(sim.years, dtype=int), np.arange(k), indexing="ij")
    return pd.DataFrame({"scenario": sim.scenario.name, "path": path.ravel(), "year": year.ravel(),
                         "indicator": np.asarray(sim.ids, dtype=object)[ind.ravel()],
                         "value": sim.values.ravel().astype(float)})


__all__ = ["simulation_report", "comparison_report", "paths_frame"]
