"""Scenario discovery: which ranges of the uncertain assumptions make a target fail (PRIM).

As EMA Workbench's ``analysis.prim`` does (Kwakkel & Jaxa-Rozen 2016), after Friedman &
Fisher (1999), "Bump hunting in high-dimensional data", *Statistics and Computing* 9:123-143:

1. sample the assumptions over their ranges (Latin hypercube, ``samples`` points);
2. run the engine at each point on the same draws (``HitProbability``: common random
   numbers, so the samples differ only in the assumptions) and score each point's failure
   ``y``: 1 where P(hit) < ``threshold`` (else 0), or with ``threshold=None`` the share of
   paths that miss the target (per-path failure);
3. peel: from the box around all samples, repeatedly cut the ``alpha`` share of the points
   still inside from one end of one assumption, the cut that leaves the highest mean
   failure inside. Each step is a box on the *peeling trajectory* with its coverage (share
   of all failure inside the box) and density (mean failure inside the box); peeling stops
   when the box holds less than ``min_mass`` of the samples.

The box reported is the densest one that still covers ``min_coverage`` of the failures
(ties to the larger coverage); :meth:`Discovery.select` picks another step, as EMA's
``inspect``/``select`` do. Pasting (Friedman & Fisher's second phase) is left out: with
``alpha`` = 5 % it rarely moves a bound by more than one peel.

Why not ``ema_workbench`` itself: version 2.5 requires scikit-learn, SALib, platypus-opt,
matplotlib, seaborn, statsmodels and tqdm for an algorithm of some eighty lines over
numpy; the engine must install alone (``.importlinter``).

Ranges are never invented here: cost per funded talent and additionality span the 90 %
range of the scenario's own per-path distribution (with the defaults, the documents' 13.4-60
万元 per person and the 0.08-0.69 stated in ``LEVERS``); a shock's year runs over the
simulated years after the base year up to the target year (the region's data); every other
assumption spans its ``LEVERS`` range. Within a sample the cost and additionality are held
at the sampled value on every path (their per-path spread set to 0): the sample *is* one
state of the world.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Optional, Sequence, Unpack

import numpy as np
import pandas as pd
from scipy.stats import binom, norm, qmc

from scenarios.baseline import region_setup
from scenarios.engine import Setup
from scenarios.evaluate import HitProbability
from scenarios.levers import LEVERS
from scenarios.options import RunFields, RunOptions, run_options
from scenarios.spec import Scenario

#: the uncertain assumptions sampled by default (those a planner does not control, or not fully)
ASSUMPTIONS = ("cost_per_talent_cny_10k", "additionality_share", "inflow_10k_per_year", "attrition_pct_per_year",
               "shock_pct", "shock_year")
#: z of the 95th percentile: a 90 % range is the median x/÷ exp(Z95 * sd)
_Z95 = float(norm.ppf(0.95))
#: held at 0 in every sample, so that a sample fixes the cost and additionality on all its paths
_SPREADS = {"cost_per_talent_cny_10k": "cost_log_sd", "additionality_share": "additionality_logit_sd"}


def assumption_ranges(scenario: Scenario, indicator: str, *, keys: Sequence[str] = ASSUMPTIONS,
                      setup: Optional[Setup] = None) -> pd.DataFrame:
    """The range each assumption is sampled over, and where it comes from.

    Returns a table (assumption, low, high, unit, name_zh, name_en, source): see the module
    docstring for the rules; ``keys`` are ``LEVERS`` keys.
    """
    setup = setup or region_setup(scenario.region, scenario.horizon, scenario.data_dir)
    lv = scenario.levers
    rows = []
    for key in keys:
        if key not in LEVERS:
            raise ValueError(f"unknown assumption {key!r}; choose from the LEVERS keys, e.g. {', '.join(ASSUMPTIONS)}")
        d = LEVERS[key]
        lo, hi, src = float(d.low), float(d.high), f"LEVERS['{key}'] range"
        if key == "cost_per_talent_cny_10k":
            m, sd = float(lv.cost_per_talent_cny_10k), float(lv.cost_log_sd)
            lo, hi = m * np.exp(-_Z95 * sd), m * np.exp(_Z95 * sd)
            src = f"90 % range of the scenario's cost per talent (median {m:g} 万元, log sd {sd:g})"
        elif key == "additionality_share":
            m, sd = float(lv.additionality_share), float(lv.additionality_logit_sd)
            if 0.0 < m < 1.0:
                logit = np.log(m / (1 - m))
                lo, hi = (float(1 / (1 + np.exp(-(logit + s * _Z95 * sd)))) for s in (-1, 1))
            else:
                lo = hi = m
            src = f"90 % range of the scenario's additionality (median {m:g}, logit sd {sd:g})"
        elif key == "shock_year":
            i = setup.ids.index(indicator) if indicator in setup.ids else None
            base = int(setup.laws[i].base_year) if i is not None else int(setup.years[0])
            ty = float(setup.indicators["target_year"].iloc[i]) if i is not None else np.nan
            end = int(min(ty, setup.horizon)) if np.isfinite(ty) else int(setup.horizon)
            lo, hi = float(base + 1), float(max(end, base + 1))
            src = "simulated years after the base year up to the target year (the region's data)"
        lo, hi = max(lo, d.low), min(hi, d.high)
        rows.append({"assumption": key, "low": float(lo), "high": float(hi), "unit": d.unit,
                     "name_zh": d.name_zh, "name_en": d.name_en, "source": src})
    return pd.DataFrame(rows)


def sample(ranges: pd.DataFrame, n: int, *, seed: int) -> pd.DataFrame:
    """``n`` Latin-hypercube points over ``ranges`` (``assumption_ranges``), one column per
    assumption; integer assumptions rounded (each year equally likely)."""
    u = qmc.LatinHypercube(d=len(ranges), seed=np.random.default_rng(seed)).random(n)
    out = {}
    for j, r in enumerate(ranges.itertuples()):
        if LEVERS[r.assumption].integer:   # widen by half a step so the end years are as likely as the others
            x = np.clip(np.round(r.low - 0.5 + u[:, j] * (r.high - r.low + 1)), r.low, r.high)
        else:
            x = r.low + u[:, j] * (r.high - r.low)
        out[r.assumption] = x
    return pd.DataFrame(out)


def peel(x: pd.DataFrame, y: np.ndarray, *, alpha: float = 0.05, min_mass: float = 0.05,
         bounds: Optional[tuple[Sequence[float], Sequence[float]]] = None) -> pd.DataFrame:
    """Friedman & Fisher's peeling of the box around ``x`` (N x D) towards high ``y`` (N,) in [0, 1].

    Returns the trajectory, one row per box: ``step``, ``coverage`` (share of sum y inside),
    ``density`` (mean y inside), ``mass`` (share of points inside), ``restricted`` (how many
    assumptions the box narrows) and ``<key>_low`` / ``<key>_high`` bounds. Step 0 is the
    box ``bounds`` = (lows, highs) (default: around all points); a cut bound moves to the
    nearest point left inside.
    """
    if not 0 < alpha < 0.5:
        raise ValueError(f"alpha (share peeled per step) must lie in (0, 0.5); got {alpha!r}")
    y = np.asarray(y, dtype=float)
    X = x.to_numpy(dtype=float)
    total = y.sum()
    lo, hi = (X.min(axis=0), X.max(axis=0)) if bounds is None else (np.array(bounds[0], float), np.array(bounds[1], float))
    lo0, hi0 = lo.copy(), hi.copy()
    inside = np.ones(len(y), dtype=bool)
    rows = []

    def record(step: int) -> None:
        rows.append({"step": step, "coverage": y[inside].sum() / total if total > 0 else np.nan,
                     "density": y[inside].mean(), "mass": inside.mean(),
                     "restricted": int(((lo > lo0) | (hi < hi0)).sum()),
                     **{f"{k}_low": lo[j] for j, k in enumerate(x.columns)},
                     **{f"{k}_high": hi[j] for j, k in enumerate(x.columns)}})

    record(0)
    while inside.mean() > min_mass and total > 0:
        best = None          # (density left, dimension, end, points kept)
        for j in range(X.shape[1]):
            xs = X[inside, j]
            for end, q in (("low", np.quantile(xs, alpha)), ("high", np.quantile(xs, 1 - alpha))):
                # cut the points beyond the quantile; where that cuts none (ties in a discrete
                # assumption, e.g. a year) cut the whole end value instead
                xj = X[:, j]
                keep = inside & ((xj >= q) if end == "low" else (xj <= q))
                if keep.sum() == inside.sum():
                    keep = inside & ((xj > q) if end == "low" else (xj < q))
                if keep.sum() == inside.sum() or not keep.any():
                    continue
                dens = y[keep].mean()
                if best is None or dens > best[0] + 1e-12:
                    best = (dens, j, end, keep)
        if best is None:
            break
        _, j, end, keep = best
        inside = keep
        if end == "low":
            lo[j] = X[inside, j].min()
        else:
            hi[j] = X[inside, j].max()
        record(len(rows))
    return pd.DataFrame(rows)


@dataclass(frozen=True, eq=False)
class Discovery:
    """Result of :func:`discover`.

    Attributes
    ----------
    scenario, indicator : what was asked.
    threshold : P(hit) below which a sample counts as failing; None = per-path failure.
    ranges : ``assumption_ranges`` (assumption, low, high, unit, names, source).
    samples : one row per sample: the assumptions, ``p_hit`` and ``failure`` (the y peeled for).
    trajectory : ``peel``'s table, one row per box.
    chosen : the step of the reported box (see the module docstring).
    paths : paths behind each sample's probability.
    names : the indicator's (Chinese, English) name.
    """

    scenario: Scenario
    indicator: str
    threshold: Optional[float]
    ranges: pd.DataFrame
    samples: pd.DataFrame
    trajectory: pd.DataFrame
    chosen: int
    paths: int
    names: tuple[str, str] = ("", "")

    def select(self, step: int) -> "Discovery":
        """The same result reporting box ``step`` of the trajectory instead."""
        if not 0 <= step < len(self.trajectory):
            raise ValueError(f"step must lie in 0..{len(self.trajectory) - 1}; got {step!r}")
        return Discovery(self.scenario, self.indicator, self.threshold, self.ranges, self.samples,
                         self.trajectory, int(step), self.paths, self.names)

    @property
    def box(self) -> pd.Series:
        """The chosen row of the trajectory."""
        return self.trajectory.iloc[self.chosen]

    def table(self) -> pd.DataFrame:
        """Tidy: one row per assumption with the box bounds, the full range, whether the box
        narrows it and that restriction's ``quasi_p`` (as EMA Workbench reports it), and the
        box's coverage and density (the same on every row)."""
        b = self.box
        rows = []
        for r in self.ranges.itertuples():
            lo, hi = float(b[f"{r.assumption}_low"]), float(b[f"{r.assumption}_high"])
            restricted = bool(lo > r.low or hi < r.high)
            rows.append({"assumption": r.assumption, "name_zh": r.name_zh, "name_en": r.name_en, "unit": r.unit,
                         "box_low": lo, "box_high": hi, "range_low": r.low, "range_high": r.high,
                         "restricted": restricted, "quasi_p": self._quasi_p(r.assumption) if restricted else np.nan,
                         "coverage": float(b["coverage"]), "density": float(b["density"]), "source": r.source})
        return pd.DataFrame(rows)

    def indicator_name(self, lang: str = "en") -> str:
        """The indicator's name in ``lang`` ("zh" or "en"; the Chinese one where no English one is given)."""
        zh, en = self.names
        return (en if lang == "en" and en else zh) or self.indicator

    def _inside(self, skip: str = "") -> np.ndarray:
        """(samples,) bool: inside the chosen box, ignoring assumption ``skip``'s bounds."""
        b, ok = self.box, np.ones(len(self.samples), dtype=bool)
        for k in self.ranges["assumption"]:
            if k != skip:
                x = self.samples[k].to_numpy()
                ok &= (x >= b[f"{k}_low"]) & (x <= b[f"{k}_high"])
        return ok

    def _quasi_p(self, key: str) -> float:
        """EMA Workbench's quasi-p-value of one restriction: the binomial chance of at least the
        box's failures among its samples if they failed at the rate of the box without this
        restriction. Large (above ~0.05) = the restriction may be noise. Per-path failure
        (``threshold=None``) counts each sample's failing share, rounded."""
        y = self.samples["failure"].to_numpy()
        box, wider = self._inside(), self._inside(skip=key)
        k, n = int(round(y[box].sum())), int(box.sum())
        return float(binom.sf(k - 1, n, y[wider].mean())) if n else np.nan

    @property
    def failure_rate(self) -> float:
        """Mean failure over all samples (the density of the unrestricted box)."""
        return float(self.samples["failure"].mean())

    def __repr__(self) -> str:
        b = self.box
        what = f"P(hit) < {self.threshold:g}" if self.threshold is not None else "paths missing"
        return (f"Discovery({self.indicator!r}, {what}: {len(self.samples)} samples x {self.paths:,} paths, "
                f"failure {self.failure_rate:.2f} overall; box step {self.chosen}: coverage {b['coverage']:.2f}, "
                f"density {b['density']:.2f}, {int(b['restricted'])} assumptions narrowed)")


def choose(trajectory: pd.DataFrame, min_coverage: float) -> int:
    """Step of the densest box keeping at least ``min_coverage`` of the failures; ties to the
    larger coverage (the earlier step); step 0 when nothing fails."""
    ok = trajectory[trajectory["coverage"].fillna(0) >= min_coverage - 1e-12]
    if ok.empty or not np.isfinite(ok["density"]).any():
        return 0
    best = ok["density"].max()
    return int(ok.loc[ok["density"] >= best - 1e-12, "step"].min())


@dataclass(frozen=True)
class Peeling:
    """How PRIM peels (:func:`peel`, :func:`choose`): ``alpha`` the share peeled per step,
    ``min_mass`` the smallest box mass (share of samples), ``min_coverage`` the share of the
    failures the reported box keeps (the densest such box is reported)."""

    alpha: float = 0.05
    min_mass: float = 0.05
    min_coverage: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_coverage <= 1.0:
            raise ValueError(f"min_coverage must lie in [0, 1]; got {self.min_coverage!r}")


#: paths behind each sample's probability unless the run options give them
DISCOVER_PATHS = 2_000


def discover(scenario: Scenario, indicator: str, *, threshold: Optional[float] = 0.5,
             assumptions: Sequence[str] = ASSUMPTIONS, ranges: Optional[Mapping[str, tuple[float, float]]] = None,
             samples: int = 300, peeling: Peeling = Peeling(), options: Optional[RunOptions] = None,
             setup: Optional[Setup] = None, **run: Unpack[RunFields]) -> Discovery:
    """Which ranges of the uncertain assumptions make ``indicator``'s target fail (PRIM).

    Parameters
    ----------
    scenario : the scenario whose other levers stay as they are.
    indicator : a simulated indicator with a numeric target (e.g. ``tianhe.high_level_talent``).
    threshold : a sample fails when its P(hit) < ``threshold``; None = per-path failure (each
        sample weighted by its share of paths missing the target).
    assumptions : ``LEVERS`` keys to sample (default :data:`ASSUMPTIONS`).
    ranges : {key: (low, high)} narrowing a default range (must lie inside the ``LEVERS`` range).
    samples : Latin-hypercube points.
    peeling : share peeled per step, smallest box mass, coverage of the reported box (:class:`Peeling`).
    options : paths per point (common to all points; default :data:`DISCOVER_PATHS`) and the
        seed of the sample and the paths (default the scenario's), as in ``simulate``; its fields
        may be given as keywords (``paths=1_000``).
    setup : the region's prepared indicators (default: from the scenario's data).

    Returns
    -------
    Discovery : ``.table()`` (assumption, box_low, box_high, range_low, range_high,
    coverage, density), ``.trajectory``, ``.samples``; ``talentsim.charts.discovery_chart``
    draws it.
    """
    if threshold is not None and not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must lie in (0, 1] (or be None for per-path failure); got {threshold!r}")
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or not 20 <= samples <= 20_000:
        raise ValueError(f"samples must be an integer from 20 to 20,000; got {samples!r}")
    opts = run_options(options, run)
    seed = opts.seed_for(scenario)
    setup = setup or region_setup(scenario.region, scenario.horizon, scenario.data_dir)
    table = assumption_ranges(scenario, indicator, keys=tuple(assumptions), setup=setup)
    for key, (lo, hi) in (ranges or {}).items():
        if key not in set(table["assumption"]):
            raise ValueError(f"range given for {key!r}, which is not among the assumptions {list(table['assumption'])}")
        d = LEVERS[key]
        if not d.low <= lo <= hi <= d.high:
            raise ValueError(f"range of {key!r} must satisfy {d.low:g} <= low <= high <= {d.high:g} {d.unit}; "
                             f"got ({lo!r}, {hi!r})")
        table.loc[table["assumption"] == key, ["low", "high", "source"]] = [float(lo), float(hi), "given"]
    x = sample(table, samples, seed=seed)
    hp = HitProbability(scenario, indicator, options=replace(opts, paths=opts.n_paths(scenario, DISCOVER_PATHS)),
                        setup=setup)
    fixed = {v: 0.0 for k, v in _SPREADS.items() if k in x.columns}
    p = np.empty(samples)
    for s, row in enumerate(x.itertuples(index=False)):    # paths are vectorised; one call per sample
        p[s] = hp(**fixed, **{k: LEVERS[k].cast(v) for k, v in zip(x.columns, row)})
    y = (p < threshold).astype(float) if threshold is not None else 1.0 - p
    traj = peel(x, y, alpha=peeling.alpha, min_mass=peeling.min_mass, bounds=(table["low"], table["high"]))
    out = x.assign(p_hit=p, failure=y)
    row = setup.indicators.iloc[setup.ids.index(indicator)]
    names = tuple("" if pd.isna(row.get(c)) else str(row.get(c)) for c in ("name_zh", "name_en"))
    return Discovery(scenario, indicator, threshold, table, out, traj, choose(traj, peeling.min_coverage), hp.paths,
                     names)


__all__ = ["ASSUMPTIONS", "assumption_ranges", "sample", "peel", "choose", "discover", "Discovery", "Peeling", "DISCOVER_PATHS"]
