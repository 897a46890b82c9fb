"""Which levers and assumptions move the probability of hitting a target.

- ``tornado``: one lever at a time to the low and high end of its range, the others at
  the scenario's values, plus the indicator's baseline growth at ±1 scale of its law.
- ``sobol``: variance-based first-order and total indices of the probability of hitting
  over the lever and parameter ranges (uniform), via ``scipy.stats.sobol_indices``
  (Saltelli 2010 estimators). Both run on fixed draws (``HitProbability``).
"""

from __future__ import annotations

import warnings

from dataclasses import replace
from typing import Optional, Sequence, Unpack

import numpy as np
import pandas as pd
from scipy import stats

from scenarios.engine import Setup
from scenarios.evaluate import HitProbability
from scenarios.levers import LEVERS
from scenarios.options import RunFields, RunOptions, run_options
from scenarios.spec import Override, Scenario

#: the correlation only matters for joint attainment, not for one indicator
_NOT_FOR_ONE = {"regional_correlation"}


#: paths of a tornado unless the run options give them
TORNADO_PATHS = 20_000


def tornado(scenario: Scenario, indicator: str, *, options: Optional[RunOptions] = None,
            setup: Optional[Setup] = None, **run: Unpack[RunFields]) -> pd.DataFrame:
    """One-at-a-time swings of ``p_hit``; rows sorted by swing, largest first.

    ``options`` (or its fields as keywords) as in ``simulate``, except that paths default to
    :data:`TORNADO_PATHS` rather than the scenario's.
    """
    opts = run_options(options, run)
    opts = replace(opts, paths=opts.n_paths(scenario, TORNADO_PATHS))
    p = HitProbability(scenario, indicator, options=opts, setup=setup)
    p0 = p()
    rows = []
    for key, lv in LEVERS.items():
        if key in _NOT_FOR_ONE:
            continue
        lo = p(**{key: lv.cast(lv.low)})
        hi = p(**{key: lv.cast(lv.high)})
        rows.append({"lever": key, "name_en": lv.name_en, "name_zh": lv.name_zh, "unit": lv.unit,
                     "low": lv.low, "high": lv.high, "p_low": lo, "p_high": hi})
    law = p.setup.laws[0]
    to_pct = ((lambda x: float(np.expm1(x) * 100)) if law.scale == "log" else (lambda x: float(x))
              if law.scale == "identity" else (lambda x: float(x * 100)))    # identity: pp a year
    lo_g, hi_g = to_pct(law.drift_loc - law.drift_scale), to_pct(law.drift_loc + law.drift_scale)

    def p_growth(g: float) -> float:  # growth fixed at g: no growth-rate uncertainty left
        # The indicator's own fitted growth may lie outside the range a *user* may type
        # (56 -> 560 in two years is +216 %/yr), so the probe is built without that check.
        probe = Override.model_construct(growth_pct_per_year=g, growth_sd_pct=0.0)
        ov = {**scenario.overrides, indicator: probe}
        return p.with_overrides(ov)()

    rows.append({"lever": "baseline_growth", "name_en": "Baseline growth (law ±1 scale)",
                 "name_zh": "基线增长率（±1个尺度）", "unit": "%/年", "low": lo_g, "high": hi_g,
                 "p_low": p_growth(lo_g), "p_high": p_growth(hi_g)})
    out = pd.DataFrame(rows)
    out["p_base"] = p0
    out["swing"] = (out["p_high"] - out["p_low"]).abs()
    return out.sort_values("swing", ascending=False, ignore_index=True)


#: Largest Sobol base sample: n (d + 2) probabilities of ``paths`` paths each; 4,096 x 18 x 2,000
#: paths is already minutes (2^26 once asked for 15 GiB).
MAX_SOBOL_N = 4096


#: paths behind each of a Sobol analysis's probabilities unless the run options give them
SOBOL_PATHS = 2_000


def sobol(scenario: Scenario, indicator: str, *, levers: Optional[Sequence[str]] = None, n: int = 128,
          ci: bool = False, confidence: float = 0.95, n_resamples: int = 999, options: Optional[RunOptions] = None,
          setup: Optional[Setup] = None, **run: Unpack[RunFields]) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of ``p_hit`` over lever ranges.

    ``n`` base samples (a power of two) cost ``n * (d + 2)`` probability evaluations of
    ``paths`` paths each. Indices of a Monte Carlo probability carry its noise: treat
    values below ~0.02 as zero. ``options`` (or its fields as keywords) as in ``simulate``,
    except that paths default to :data:`SOBOL_PATHS`; the seed drives both the paths and the
    lever sample. With ``ci`` the table adds bootstrap
    confidence intervals (``S1_lo``, ``S1_hi``, ``ST_lo``, ``ST_hi``; SciPy's
    ``SobolResult.bootstrap``, no extra model runs), so a small sample's negative S1 shows as an
    interval around zero; a lever whose resamples are all equal (no effect) gets NaN bounds.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 2 <= n <= MAX_SOBOL_N or n & (n - 1):
        raise ValueError(f"Sobol base samples n must be a power of two from 2 to {MAX_SOBOL_N:,}; got {n!r}")
    keys = list(levers) if levers else [k for k in LEVERS if k not in _NOT_FOR_ONE]
    for k in keys:
        if k not in LEVERS:
            raise ValueError(f"unknown lever {k!r}")
    opts = run_options(options, run)
    seed = opts.seed_for(scenario)
    p = HitProbability(scenario, indicator, options=replace(opts, paths=opts.n_paths(scenario, SOBOL_PATHS)),
                       setup=setup)
    dists = [stats.uniform(LEVERS[k].low, LEVERS[k].high - LEVERS[k].low) for k in keys]

    def func(x: np.ndarray) -> np.ndarray:
        out = np.empty(x.shape[1])
        for j in range(x.shape[1]):  # one probability per lever point; paths are vectorised
            out[j] = p(**{k: LEVERS[k].cast(v) for k, v in zip(keys, x[:, j])})
        return out[None, :]

    res = stats.sobol_indices(func=func, n=n, dists=dists, rng=np.random.default_rng(seed))
    out = pd.DataFrame({"lever": keys, "name_en": [LEVERS[k].name_en for k in keys],
                        "S1": np.ravel(res.first_order), "ST": np.ravel(res.total_order)})
    if ci:
        with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")      # BCa on a lever without effect: NaN bounds (docstring)
            boot = res.bootstrap(confidence_level=confidence, n_resamples=n_resamples)
        out["S1_lo"], out["S1_hi"] = np.ravel(boot.first_order.confidence_interval.low), \
            np.ravel(boot.first_order.confidence_interval.high)
        out["ST_lo"], out["ST_hi"] = np.ravel(boot.total_order.confidence_interval.low), \
            np.ravel(boot.total_order.confidence_interval.high)
    return out.sort_values("ST", ascending=False, ignore_index=True)


__all__ = ["tornado", "sobol", "MAX_SOBOL_N", "TORNADO_PATHS", "SOBOL_PATHS"]
