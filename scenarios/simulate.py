"""``simulate(scenario) -> Simulation``: the engine's front door, and the results record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Optional, Sequence, Unpack

import numpy as np
import pandas as pd

from forecast.law import draw_index
from forecast.targets import target_met, target_of
from scenarios.baseline import region_setup
from scenarios.reach import check_sector_inflow
from scenarios.engine import (KEEP, Setup, apply_levers, baseline_levels, check_overrides, chunk_spans, draw_paths,
                              has_target, mc_se, target_hits, target_values)
from scenarios.options import RunFields, RunOptions, run_options
from scenarios.prepared import Prepared, baseline_key
from scenarios.spec import Scenario
from scenarios.threads import map_chunks, run_threads

QUANTILES = (0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95)


@dataclass(frozen=True, eq=False)
class Simulation:
    """Monte Carlo results of one scenario.

    Attributes
    ----------
    scenario, setup : what was simulated.
    n_paths : number of paths behind every probability.
    values : (kept paths, years, indicators) float32 trajectories of the first
        ``min(n_paths, KEEP)`` paths, for quantiles and fan charts.
    hits : (n_paths, indicators) bool, path meets the indicator's target.
    antithetic : paths come in mirrored pairs; standard errors average pairs first.
    draw_id : (n_paths,) hyperparameter draw each path used (``forecast.law.draw_index``);
        the per-draw probabilities give the model range.
    """

    scenario: Scenario
    setup: Setup
    n_paths: int
    values: np.ndarray
    hits: np.ndarray
    antithetic: bool = True
    draw_id: Optional[np.ndarray] = None

    @property
    def ids(self) -> tuple[str, ...]:
        return self.setup.ids

    @property
    def years(self) -> np.ndarray:
        return self.setup.years

    @property
    def skipped(self) -> dict[str, str]:
        """Indicator id -> why it is not simulated (no base value, target year outside the years)."""
        return self.setup.skipped

    @cached_property
    def has_target(self) -> np.ndarray:
        return has_target(self.setup)

    @cached_property
    def p_hit(self) -> np.ndarray:
        """(k,) probability of meeting each target; NaN where there is none."""
        return np.where(self.has_target, self.hits.mean(axis=0), np.nan)

    @cached_property
    def p_hit_se(self) -> np.ndarray:
        """(k,) Monte Carlo standard error of ``p_hit``."""
        return np.where(self.has_target, mc_se(self.hits, self.antithetic), np.nan)

    @cached_property
    def targets_met(self) -> pd.Series:
        """Distribution of the number of targets met per path (index 0..m)."""
        m = int(self.has_target.sum())
        counts = np.bincount(self.hits[:, self.has_target].sum(axis=1), minlength=m + 1)
        return pd.Series(counts / self.n_paths, index=pd.RangeIndex(m + 1, name="targets_met"),
                         name="probability")

    @cached_property
    def p_all(self) -> tuple[float, float]:
        """Probability (and its standard error) of meeting every target of the region."""
        all_met = self.hits[:, self.has_target].all(axis=1)
        return float(all_met.mean()), float(mc_se(all_met, self.antithetic))

    @property
    def expected_met(self) -> float:
        """Expected number of targets met (sum of the probabilities)."""
        return float(self.hits[:, self.has_target].sum(axis=1).mean())

    def _per_draw(self, x: np.ndarray) -> np.ndarray:
        """(K, ...) means of ``x`` (paths first) within each hyperparameter draw."""
        ids = self.draw_id if self.draw_id is not None else np.zeros(len(x), dtype=int)
        K = int(ids.max()) + 1
        cnt = np.bincount(ids, minlength=K).astype(float)
        flat = x.reshape(len(x), -1).astype(float)
        sums = np.stack([np.bincount(ids, weights=flat[:, c], minlength=K) for c in range(flat.shape[1])], axis=1)
        return (sums / cnt[:, None]).reshape((K,) + x.shape[1:])

    def _range(self, x: np.ndarray, lo: float = 0.1, hi: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
        """10-90 % range of the per-draw probabilities, deflated for Monte Carlo noise.

        Per-draw means scatter for two reasons: the draws differ (the model range) and
        each rests on n/K paths (noise).  The deviations from the mixture are shrunk by
        sqrt(max(0, 1 - noise var / observed var)) before taking quantiles.
        """
        p = self._per_draw(x)
        K = p.shape[0]
        mean = x.mean(axis=0)
        if K < 2:
            return mean.astype(float), mean.astype(float)
        ids = self.draw_id if self.draw_id is not None else np.zeros(len(x), dtype=int)
        obs = p.var(axis=0, ddof=1)
        noise = _draw_noise(x, ids, K, self.antithetic)
        f = np.sqrt(np.clip(1 - noise / np.where(obs > 0, obs, 1.0), 0.0, 1.0))
        dev = mean + f * (p - mean)
        return np.quantile(dev, lo, axis=0), np.quantile(dev, hi, axis=0)

    @cached_property
    def p_hit_range(self) -> tuple[np.ndarray, np.ndarray]:
        """(lo, hi), each (k,): 10th and 90th percentile of the probability over the prior's
        hyperparameter draws and the regional correlation's draws (the *model range*, which
        the Monte Carlo error does not include); NaN where there is no target."""
        lo, hi = self._range(self.hits)
        return np.where(self.has_target, lo, np.nan), np.where(self.has_target, hi, np.nan)

    @cached_property
    def p_all_range(self) -> tuple[float, float]:
        """Model range (10-90 %) of the probability of meeting every target."""
        lo, hi = self._range(self.hits[:, self.has_target].all(axis=1)[:, None])
        return float(lo[0]), float(hi[0])

    @cached_property
    def expected_met_range(self) -> tuple[float, float]:
        """Model range (10-90 %) of the expected number of targets met."""
        p = self._per_draw(self.hits[:, self.has_target]).sum(axis=1)
        q = np.quantile(p, [0.1, 0.9])
        return float(q[0]), float(q[1])

    def quantiles(self, qs: tuple[float, ...] = QUANTILES, ids: Optional[Sequence[str]] = None) -> pd.DataFrame:
        """Long table (id, year, q05, q10, ...) of per-year quantiles: fan-chart data; of the
        indicators ``ids`` only (same numbers, a fraction of the time) when given."""
        pos = list(range(len(self.ids))) if ids is None else [self.ids.index(i) for i in ids]
        q = np.quantile(self.values if ids is None else self.values[:, :, pos], qs, axis=0)   # (q, years, len(pos))
        rows = []
        for c, i in enumerate(pos):
            for t, yr in enumerate(self.years):
                rows.append({"id": self.ids[i], "year": int(yr), **{f"q{int(round(x * 100)):02d}": float(q[j, t, c])
                                                                     for j, x in enumerate(qs)}})
        return pd.DataFrame(rows)

    def final(self, indicator_id: str) -> np.ndarray:
        """Kept paths' values in the indicator's target year (or the horizon)."""
        i = self.ids.index(indicator_id)
        return self._final[:, i]

    @cached_property
    def _final(self) -> np.ndarray:
        """(kept paths, k) what each path compares with the target (``engine.target_values``:
        a 年均 growth-rate target's period average)."""
        return target_values(self.values, self.setup)

    def report(self):  # -> forecast.summary.Summary
        """statsmodels-style summary: facts (P(all), expected met, with model ranges) and the
        per-indicator table; ``print`` it, or let a notebook show it."""
        from scenarios.display import simulation_report

        return simulation_report(self)

    def to_frame(self) -> pd.DataFrame:
        """Tidy long paths (scenario, path, year, indicator, value) of the kept paths."""
        from scenarios.display import paths_frame

        return paths_frame(self)

    def __repr__(self) -> str:
        p, _ = self.p_all
        return (f"Simulation({self.scenario.name!r}, region={self.scenario.region!r}, paths={self.n_paths:,}, "
                f"targets={int(self.has_target.sum())}, expected_met={self.expected_met:.1f}, p_all={p:.3f})")

    def _repr_html_(self) -> str:
        return self.report().as_html()

    def summary(self) -> pd.DataFrame:
        """One row per indicator: target, probability, quantiles, growth needed vs projected.

        ``p_hit`` is the probability (mixture over the prior's hyperparameter draws),
        ``p_hit_se`` its Monte Carlo error, ``p_hit_lo``/``p_hit_hi`` its model range
        (10-90 % over the draws, :attr:`p_hit_range`); ``type`` the indicator type and
        ``basis`` what its drift rests on: "own history (n points)", "type prior only" or
        "borrowed prior" (a type without its own reference class).
        """
        rows = self.setup.indicator_rows      # plain dicts: a row each without pandas' cost
        # sorted once (paths contiguous): the quantiles of sorted rows are the same numbers at a
        # third of np.quantile's cost on unsorted ones, and the shortfall reuses the rows
        ranked = np.sort(np.ascontiguousarray(self._final.T), axis=1)
        quant = np.quantile(ranked, [0.05, 0.10, 0.50, 0.90, 0.95], axis=1)   # (5, k)
        out = []
        for i, ind_id in enumerate(self.ids):
            row = rows[i]
            law = self.setup.laws[i]
            v = ranked[i]
            tv, op = _stated(row)
            yr = int(row["target_year"]) if self.has_target[i] else int(self.years[-1])
            years = yr - law.base_year
            rate = law.scale != "identity"      # a growth rate has no growth rate of its own
            p05, p10, p50, p90, p95 = (float(x) for x in quant[:, i])
            rec = {
                "id": ind_id, "name_zh": row["name_zh"], "name_en": row["name_en"], "unit": row["unit"],
                "base_year": law.base_year, "base_value": law.base_value,
                "target_year": yr if self.has_target[i] else np.nan,
                "target_op": op if self.has_target[i] else "", "target_value": tv if self.has_target[i] else np.nan,
                "p_hit": self.p_hit[i], "p_hit_se": self.p_hit_se[i],
                "p_hit_lo": self.p_hit_range[0][i], "p_hit_hi": self.p_hit_range[1][i],
                "basis": law.basis or law.model, "type": law.kind,
                "p05": p05, "p10": p10, "p50": p50, "p90": p90, "p95": p95,
                "required_cagr_pct": _cagr(law.base_value, tv, years) if self.has_target[i] and rate else np.nan,
                "projected_cagr_pct": _cagr(law.base_value, p50, years) if rate else np.nan,
                "baseline_cagr_pct": float(np.expm1(law.drift_loc) * 100) if law.scale == "log" else np.nan,
                "median_shortfall": np.nan, "met_at_base": False, "model": law.model, "note": "",
            }
            if self.has_target[i]:
                miss = v[~target_met(v, **target_of(row))]
                if miss.size:
                    rec["median_shortfall"] = float(np.median(np.abs(tv - miss)))
                # a growth rate's last value is not a level kept: its target is about the coming years' rates
                rec["met_at_base"] = rate and bool(target_met(np.array([law.base_value]), **target_of(row))[0])
                if rec["met_at_base"]:
                    rec["note"] = (f"target already met in {law.base_year} ({law.base_value:g} vs {op}{tv:g}); "
                                   "the probability is the chance of not falling back below it")
            out.append(rec)
        return pd.DataFrame(out)


def _draw_noise(x: np.ndarray, ids: np.ndarray, K: int, antithetic: bool) -> np.ndarray:
    """Mean over the K draws of the squared Monte Carlo error of each draw's mean of ``x``
    (``mc_se(x[ids == j])``), in one pass over the paths: per-draw sums of the pair means (both
    paths of an antithetic pair share a draw, ``forecast.law.draw_index``) and of their squares."""
    x = np.asarray(x, dtype=float).reshape(len(x), -1)
    m = len(x) // 2 * 2 if antithetic else len(x)
    y, g = (x[:m].reshape(m // 2, 2, -1).mean(axis=1), ids[:m:2]) if antithetic else (x, ids)
    cnt = np.bincount(g, minlength=K).astype(float)
    if len(y) < 4 or cnt.min() < 4 or (antithetic and not np.array_equal(ids[:m:2], ids[1:m:2])):
        # few paths a draw (mc_se's own small-sample rules) or unpaired draws: draw by draw
        return np.mean([mc_se(x[ids == j], antithetic) ** 2 for j in range(K)], axis=0).reshape(x.shape[1:])
    s1 = np.stack([np.bincount(g, weights=y[:, c], minlength=K) for c in range(y.shape[1])], axis=1)
    s2 = np.stack([np.bincount(g, weights=y[:, c] ** 2, minlength=K) for c in range(y.shape[1])], axis=1)
    var = np.maximum(s2 - s1 ** 2 / cnt[:, None], 0.0) / (cnt[:, None] - 1)
    return (var / cnt[:, None]).mean(axis=0)


def _stated(row) -> tuple[float, str]:
    """(value, comparator) of a row's target as one number: a range (年均增速4.5%-5%) is stated by
    the edge that counts (``target_met``: the low end of a more-is-better range, both ends else)."""
    tg = target_of(row)
    if tg["op"] == "=" and tg["low"] is not None and tg["high"] is not None and tg["more_is_better"]:
        return float(tg["low"]), ">="
    return float(row["target_value"]), str(row["target_op"])


def _cagr(base: float, end: float, years: int) -> float:
    if years <= 0 or not (base > 0 and end > 0):
        return np.nan
    return float(((end / base) ** (1.0 / years) - 1.0) * 100.0)


def simulate(scenario: Scenario, *, options: Optional[RunOptions] = None, setup: Optional[Setup] = None,
             keep: int = KEEP, prepared: Optional[Prepared] = None, **run: Unpack[RunFields]) -> Simulation:
    """Run the Monte Carlo for one scenario.

    Parameters
    ----------
    scenario : the lever values, region, horizon and seed.
    options : paths, seed, antithetic pairing and chunk size (:class:`~scenarios.options.RunOptions`;
        paths and seed default to the scenario's). A seed given is recorded in the result's scenario.
    setup : prepared indicators and growth laws (default: from the scenario's data).
    keep : how many paths keep their full trajectories (quantiles use them).
    prepared : the run's draws and baseline made once (``scenarios.prepared.prepare``):
        only the levers are applied, and the numbers are the same as without it.
    **run : the fields of ``RunOptions`` as keywords, the short form: ``simulate(sc, paths=20_000,
        seed=7)`` is ``simulate(sc, options=RunOptions(paths=20_000, seed=7))``; a keyword
        overrides the same field of ``options``.
    """
    return simulate_many([scenario], options=options, setup=setup, keep=keep, prepared=prepared, **run)[0]


def simulate_many(scenarios: Sequence[Scenario], *, options: Optional[RunOptions] = None,
                  setup: Optional[Setup] = None, keep: int = KEEP, prepared: Optional[Prepared] = None,
                  **run: Unpack[RunFields]) -> list[Simulation]:
    """Simulate scenarios of one region on common random numbers, drawing each chunk once.

    Each result equals ``simulate`` of that scenario with the same seed and path count
    (seed and paths default to the first scenario's): the draws are shared, and so is the
    baseline of scenarios with the same correlation and overrides; only levers differ.
    With ``prepared`` (same setup, paths, seed, pairing, correlation and overrides, else
    ValueError) the draws and baseline are taken from it instead of being made again.
    ``options`` and ``**run`` are as in :func:`simulate`.
    """
    opts = run_options(options, run)
    if not scenarios:
        return []
    first = scenarios[0]
    n, seed = opts.n_paths(first), opts.seed_for(first)
    antithetic = opts.antithetic
    scs = [s if s.seed == seed else s.model_copy(update={"seed": seed}) for s in scenarios]
    setup = setup or (prepared.setup if prepared is not None else region_setup(first.region, first.horizon,
                                                                                 first.data_dir))
    for sc in scs:
        check_overrides(setup, sc.overrides, sc.name, sc.region)
        check_sector_inflow(setup, sc.sector_inflow)
    for sc in scs if prepared is not None else ():
        why = prepared.mismatch(sc, opts, setup)
        if why:
            raise ValueError(f"simulate: {why}; prepare the run again (scenarios.prepared.prepare)")
    arrays = setup.arrays()
    base_key = [baseline_key(sc) for sc in scs]
    if prepared is not None:
        starts = np.cumsum([0] + [base.shape[0] for _, base in prepared.chunks[:-1]])
        tasks = [(int(s0), base.shape[0], (d, {prepared.key: base})) for s0, (d, base) in zip(starts, prepared.chunks)]
    else:
        tasks = [(s0, size, None) for s0, size in chunk_spans(n, opts.chunk)]

    def run_chunk(task: tuple[int, int, Optional[tuple]]) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """(draw ids, kept values per scenario, hits per scenario) of one chunk of paths."""
        start, size, given = task
        d, ready = given if given is not None else (draw_paths(setup, start, size, seed, antithetic), {})
        take = min(max(keep - start, 0), size)     # the first ``keep`` paths keep their trajectories
        bases: dict[tuple, np.ndarray] = dict(ready)  # the baseline depends on the correlation and overrides only
        kept, hits = [], []
        for j, sc in enumerate(scs):
            key = base_key[j]
            if key not in bases:
                bases[key] = baseline_levels(setup, d, sc.levers.regional_correlation, arrays, sc.overrides)
            values = apply_levers(setup, bases[key], d, sc.levers, arrays,
                                  inplace=key not in ready and base_key.count(key) == 1, budget=sc.budget,
                                  sector_inflow=sc.sector_inflow)
            hits.append(target_hits(values, setup))
            kept.append(values[:take].copy() if take < size else values)
        return draw_index(size, setup.n_draws), kept, hits

    done = map_chunks(run_chunk, tasks, run_threads(opts.threads))
    draw_id = np.concatenate([ids for ids, _, _ in done])
    keep_n = [i for i, (start, _, _) in enumerate(tasks) if start < keep] or [0]   # at least one (shape), maybe empty
    return [Simulation(sc, setup, n, np.concatenate([done[i][1][j] for i in keep_n]),
                       np.concatenate([hits[j] for _, _, hits in done]), antithetic, draw_id)
            for j, sc in enumerate(scs)]


__all__ = ["Simulation", "simulate", "simulate_many", "QUANTILES"]
