"""Compare scenarios on common random numbers.

Every scenario is run with the same seed and path count, so path j of one scenario sees
the same growth draws and shocks as path j of another: a difference in probability is
the levers', and its standard error comes from the per-path differences (much smaller
than for independent runs). A scenario compared with itself differs by exactly zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Unpack

import numpy as np
import pandas as pd

from scenarios.engine import Setup, mc_se
from scenarios.options import RunFields, RunOptions, run_options
from scenarios.simulate import Simulation, simulate_many
from scenarios.spec import Scenario


@dataclass(frozen=True, eq=False)
class Comparison:
    """Simulations of several scenarios on common random numbers; the first is the reference."""

    sims: tuple[Simulation, ...]

    @property
    def names(self) -> list[str]:
        return [s.scenario.name for s in self.sims]

    def table(self) -> pd.DataFrame:
        """Per indicator: target, p_hit per scenario, and each scenario's difference from
        the first with its standard error (columns ``p_hit[name]``, ``diff[name]``,
        ``diff_se[name]``)."""
        ref = self.sims[0]
        base = ref.summary()[["id", "name_zh", "name_en", "unit", "target_year", "target_op", "target_value"]]
        out = base.copy()
        for s in self.sims:
            out[f"p_hit[{s.scenario.name}]"] = s.p_hit
        for s in self.sims[1:]:
            d = s.hits.astype(np.int8) - ref.hits.astype(np.int8)                  # (n, k)
            mean = d.mean(axis=0)
            se = mc_se(d, ref.antithetic)
            out[f"diff[{s.scenario.name}]"] = np.where(ref.has_target, mean, np.nan)
            out[f"diff_se[{s.scenario.name}]"] = np.where(ref.has_target, se, np.nan)
        return out

    def long(self) -> pd.DataFrame:
        """Tidy long table, one row per (scenario, indicator): p_hit, p_hit_se, the median and
        the 5-95 % range of the target-year value, the difference from the first scenario
        (diff, diff_se) and, when the engine gives them, the model range p_hit_lo/p_hit_hi.
        Columns are plain names (no ``p_hit[plan]``); ``.to_parquet(path)`` writes it."""
        ref = self.sims[0]
        frames = []
        for s in self.sims:
            sm = s.summary()
            cols = ["id", "name_zh", "name_en", "unit", "target_year", "target_op", "target_value", "p_hit",
                    "p_hit_se", "p05", "p50", "p95"] + [c for c in ("p_hit_lo", "p_hit_hi", "basis") if c in sm]
            f = sm[cols].rename(columns={"id": "indicator", "p05": "value_p05", "p50": "value_median",
                                         "p95": "value_p95"})
            d = s.hits.astype(np.int8) - ref.hits.astype(np.int8)
            f["diff"] = np.where(ref.has_target, d.mean(axis=0), np.nan)
            f["diff_se"] = np.where(ref.has_target, mc_se(d, ref.antithetic), np.nan)
            f.insert(0, "scenario", s.scenario.name)
            frames.append(f)
        out = pd.concat(frames, ignore_index=True)
        out["target_year"] = out["target_year"].astype("Int64")
        return out

    def report(self):  # -> forecast.summary.Summary
        """statsmodels-style summary: per scenario P(all) with its model range, and the long table."""
        from scenarios.display import comparison_report

        return comparison_report(self)

    def __repr__(self) -> str:
        return f"Comparison({', '.join(repr(n) for n in self.names)}; paths={self.sims[0].n_paths:,})"

    def _repr_html_(self) -> str:
        return self.report().as_html()

    def region_table(self) -> pd.DataFrame:
        """Per scenario: expected number of targets met and probability of meeting all."""
        rows = []
        for s in self.sims:
            p, se = s.p_all
            rows.append({"scenario": s.scenario.name, "targets": int(s.has_target.sum()),
                         "expected_met": s.expected_met, "p_all": p, "p_all_se": se})
        return pd.DataFrame(rows)


def compare(scenarios: Sequence[Scenario], *, options: Optional[RunOptions] = None, setup: Optional[Setup] = None,
            **run: Unpack[RunFields]) -> Comparison:
    """Simulate ``scenarios`` on common random numbers (seed and paths of the first unless given).

    ``options`` (or its fields as keywords, ``compare(scs, paths=20_000)``) as in ``simulate``;
    ``setup`` (optional) is a prepared region, e.g. from a user's uploaded data.
    """
    opts = run_options(options, run)
    if not scenarios:
        raise ValueError("compare needs at least one scenario")
    first = scenarios[0]
    if any(s.horizon != first.horizon for s in scenarios) and len({(s.region, s.data_dir) for s in scenarios}) == 1:
        # a horizon left open (None) is the region's own last target year: resolve it before comparing
        from scenarios.baseline import region_setup

        own = setup.horizon if setup is not None else region_setup(first.region, None, first.data_dir).horizon
        scenarios = [s if s.horizon is not None else s.model_copy(update={"horizon": own}) for s in scenarios]
        first = scenarios[0]
    for s in scenarios[1:]:
        if (s.region, s.horizon, s.data_dir) != (first.region, first.horizon, first.data_dir):
            raise ValueError(f"scenario {s.name!r} simulates {s.region}/{s.horizon}, "
                             f"{first.name!r} {first.region}/{first.horizon}: compare like with like")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must differ to be compared: {names}")
    sims = tuple(simulate_many(scenarios, options=opts, setup=setup))
    return Comparison(sims)


__all__ = ["Comparison", "compare"]
