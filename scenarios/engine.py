"""Vectorised Monte Carlo of a scenario.

Shape convention, used throughout: ``(paths, years, indicators)``. Years run from the
earliest base year of the simulated indicators to the scenario's horizon, base year
included; an indicator's values before its own base year are NaN.

One path draws, once, each indicator's annual growth rate (Student-t around the fitted
baseline, correlated across the region through a shared factor) and, every year, a shock
(again partly shared). Levers then act on the baseline as deltas in people
(``scenarios.channels``). Random numbers depend only on the seed and path count, never on
lever values, so two scenarios run with one seed are compared on common random numbers.

Randomness is an integer seed everywhere. Paths come in fixed blocks of ``BLOCK``; block
``b`` draws from its own stream ``SeedSequence(seed, spawn_key=(b,))``, so any block can
be drawn alone, on any worker, in any order, and the numbers never depend on how paths
are grouped into chunks (``iter_draws``, the one chunk loop of every estimator) or on how
many processes share the work. Chunks bound memory for any path count.

What the simulation knows before any lever moves is the :class:`~scenarios.setup.Setup`
(re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Iterator, Optional

import numpy as np

from forecast.law import draw_index
from forecast.targets import target_met, target_of
from scenarios.channels import CHANNELS
from scenarios.economics import direct_persons, funding_active
from scenarios.periods import period_means
from scenarios.relations import add_people, conserve
from scenarios.setup import DF_CAP, Setup

if TYPE_CHECKING:
    from scenarios.spec import Levers

BLOCK = 4_096           #: paths per random stream (even: antithetic pairs never straddle streams)
CHUNK = 4 * BLOCK       #: default paths processed at once (a multiple of BLOCK; a chunk's arrays stay
                        #: near the CPU caches: 200,000 paths ran 1.3-1.5x faster than with 16 blocks)
KEEP = 200_000          #: paths whose full trajectories are kept for quantiles and charts


@dataclass(frozen=True)
class Draws:
    """Standard random numbers for a block of paths; independent of every lever.

    Yearly shocks cover the simulated steps only (years after the first grid year) and
    are float32: they are the bulk of the draws and float32 halves their memory traffic.
    """

    g_own: np.ndarray     # (n, k)      normal, growth rate
    g_reg: np.ndarray     # (n,)        normal, shared regional growth factor
    chi: np.ndarray       # (n, k)      sqrt(chi2_df / df): Student-t divisor
    e_own: np.ndarray     # (n, S, k)   float32 normal, S = years - 1
    e_reg: np.ndarray     # (n, S)      float32 normal
    cost_z: np.ndarray    # (n, 2)      normal, cost per funded talent and its additionality

    @property
    def n(self) -> int:
        return self.g_own.shape[0]


def draw(setup: Setup, n: int, rng: np.random.Generator, antithetic: bool = False) -> Draws:
    """Draw the standard random numbers for ``n`` paths (always in the same order).

    With ``antithetic``, paths come in pairs (rows 2j and 2j+1) whose normal draws are
    mirror images (the Student-t divisor is shared): a path that grows fast is paired
    with one that grows slowly, which cancels much of the Monte Carlo noise in a
    probability of hitting a target. Standard errors must then average pairs first
    (``mc_se``).
    """
    if antithetic:
        h = (n + 1) // 2
        b = draw(setup, h, rng)

        def pair(x: np.ndarray, flip: bool = True) -> np.ndarray:
            y = np.empty((2 * h,) + x.shape[1:], dtype=x.dtype)
            y[0::2] = x
            y[1::2] = -x if flip else x
            return y[:n]

        return Draws(pair(b.g_own), pair(b.g_reg), pair(b.chi, flip=False), pair(b.e_own), pair(b.e_reg),
                     pair(b.cost_z))
    k, S = len(setup.laws), len(setup.years) - 1
    df = np.minimum(np.array([l.drift_df for l in setup.laws], dtype=float), DF_CAP)
    g_own = rng.standard_normal((n, k))
    g_reg = rng.standard_normal(n)
    chi = np.ones((n, k))
    heavy = df < DF_CAP
    if heavy.any():
        chi[:, heavy] = np.sqrt(rng.chisquare(df[heavy], size=(n, int(heavy.sum()))) / df[heavy])
    e_own = rng.standard_normal((n, S, k), dtype=np.float32)
    e_reg = rng.standard_normal((n, S), dtype=np.float32)
    cost_z = rng.standard_normal((n, 2))
    return Draws(g_own, g_reg, chi, e_own, e_reg, cost_z)


def mc_se(x: np.ndarray, antithetic: bool = False) -> np.ndarray:
    """Monte Carlo standard error of the mean of ``x`` over axis 0.

    With antithetic draws the pairs (rows 2j, 2j+1) are averaged first: the pairs are
    independent, the paths within a pair are not. An odd last path is left out of the
    error (not of the mean).
    """
    x = np.asarray(x, dtype=np.float32 if np.asarray(x).dtype == bool else float)
    n = x.shape[0]
    if n < 2:
        return np.zeros(x.shape[1:])
    if antithetic and n >= 4:
        m = n // 2 * 2
        x = x[:m].reshape((m // 2, 2) + x.shape[1:]).mean(axis=1)
    return (x.std(axis=0, ddof=1) / np.sqrt(x.shape[0])).astype(float)


def _drift(setup: Setup, a: dict[str, np.ndarray], overrides: dict[str, Any] | None) -> tuple[np.ndarray, np.ndarray]:
    """Drift location and scale per (hyperparameter draw, indicator), shape (K, k), after
    per-indicator overrides (an override applies to every draw)."""
    loc, scale = a["draw_loc"].copy(), a["draw_scale"].copy()
    for ind, o in (overrides or {}).items():
        if ind not in setup.ids:
            continue
        i = setup.ids.index(ind)
        if o.growth_pct_per_year is not None and a["identity"][i]:
            loc[:, i] = o.growth_pct_per_year          # a growth rate: change of the rate, pp per year
        elif o.growth_pct_per_year is not None:
            g = o.growth_pct_per_year / 100.0
            loc[:, i] = np.log1p(g) if not a["logit"][i] else g
        if o.growth_sd_pct is not None:
            scale[:, i] = o.growth_sd_pct / 100.0
    return loc, scale


def check_overrides(setup: Setup, overrides: dict[str, Any] | None, name: str = "", region: str = "") -> None:
    """Refuse overrides naming an indicator the region does not have (a mistyped id would
    otherwise leave the baseline unchanged and look as if it applied). Ids the region has but
    does not simulate (``setup.skipped``) are accepted: the override has nothing to act on."""
    unknown = sorted(set(overrides or {}) - set(setup.ids) - set(setup.skipped))
    if unknown:
        from scenarios.errors import scenario_error

        raise scenario_error("unknown_override", name=name, region=region, unknown=", ".join(unknown),
                             available=", ".join(setup.ids))


def path_rho(setup: Setup, rho: float, n: int) -> np.ndarray:
    """(n,) regional correlation of each path: ``rho`` moved by its draw's bootstrap
    deviation from the estimate (so the model range covers the correlation's
    uncertainty around whatever value the user chose), clipped to [0, 0.95]."""
    if not setup.rho_draws or not np.isfinite(setup.rho_estimate):
        return np.full(n, float(rho))
    dev = np.asarray(setup.rho_draws, dtype=float) - setup.rho_estimate
    K = setup.n_draws
    return np.clip(rho + dev[np.arange(K) % dev.size][draw_index(n, K)], 0.0, 0.95)


_EXP_MAX = np.float32(88.0)


def baseline_levels(setup: Setup, d: Draws, rho: float, arrays: dict[str, np.ndarray] | None = None,
                    overrides: dict[str, Any] | None = None) -> np.ndarray:
    """Baseline trajectories in document units, shape (n, years, k), float32.

    Works in place on one (n, years, k) buffer: the engine is memory-bound, so every
    full-size temporary avoided is time saved.
    """
    a = arrays or setup.arrays()
    loc, scale = _drift(setup, a, overrides)
    n, S, k = d.e_own.shape
    j = draw_index(n, setup.n_draws)                                   # (n,) draw of each path
    r = path_rho(setup, rho, n)
    sr, so = np.sqrt(r)[:, None], np.sqrt(1.0 - r)[:, None]            # (n, 1)
    growth = (loc[j] + scale[j] * (sr * d.g_reg[:, None] + so * d.g_own) / d.chi).astype(np.float32)   # (n, k)
    z = np.empty((n, S + 1, k), dtype=np.float32)
    z[:, 0, :] = a["z0"]
    step = z[:, 1:, :]
    np.multiply(d.e_own, so.astype(np.float32)[:, :, None], out=step)
    step += (sr.astype(np.float32) * d.e_reg)[:, :, None]
    step *= a["shock_sd"].astype(np.float32)
    late = a["t_since"] < 0                                       # years before an indicator's base
    if late.any():
        step *= (a["t_since"][1:] > 0).astype(np.float32)
    ident = np.nonzero(a["identity"])[0]
    if ident.size:      # growth rates: step e_t - e_{t-1}, so the running sum leaves e_t alone (transient)
        step[:, 1:, ident] -= step[:, :-1, ident].copy()
    step += growth[:, None, :]
    if late.any():
        step *= (a["t_since"][1:] > 0).astype(np.float32)
    np.cumsum(z, axis=1, out=z)
    kept = z[:, :, ident].copy() if ident.size else None
    if ident.size:
        z[:, :, ident] = 0.0            # rates are not exponentiated (and a far tail must not overflow)
    logit = np.nonzero(a["logit"])[0]
    if logit.size:
        z[:, :, logit] *= -1.0
    # float32 exp overflows past 88.7: a heavy-tailed drift over decades can get there on a few
    # paths; they stay at about 1.6e38 (far above any target, finite) instead of inf and a warning
    np.minimum(z, _EXP_MAX, out=z)
    np.exp(z, out=z)
    if logit.size:
        z[:, :, logit] = 100.0 / (1.0 + z[:, :, logit])
    if ident.size:
        z[:, :, ident] = kept
    at_base = a["t_since"] == 0                                   # the base year is data, not a draw:
    z[:, at_base] = np.broadcast_to(a["base"], at_base.shape)[at_base]   # no log/exp round trip (11 stays 11)
    if late.any():
        z[:, late] = np.nan
    return z


def apply_levers(setup: Setup, base: np.ndarray, d: Draws, levers: Levers,
                 arrays: dict[str, Any] | None = None, *, inplace: bool = False,
                 budget: Optional[dict[int, float]] = None,
                 sector_inflow: Optional[dict[str, float]] = None) -> np.ndarray:
    """Apply lever deltas (in people) to baseline trajectories; returns (n, years, k).

    funding: counted extra places = money-equivalent (``economics.counted_money``: spend
    above the region's own level, diminishing returns, lag, subsidy period, retention) x
    places per 亿元 drawn per path (cost, additionality); it reaches selectee counts. A yearly
    ``budget`` {year: 亿元} replaces the funding level in the years it names (years counted
    from the funded indicators' earliest base year). programme places: extra places a year,
    times the path's additionality, counted like funded talents. inflow: extra net arrivals a
    year into the region's talent totals; ``sector_inflow`` {indicator id: 万人 a year} into
    named people stocks (a sector). All travel on along the region's relations (``scenarios.relations``: to the wholes a part belongs to, to a
    total's sectors by their shares, to the ratios they enter). attrition: a level stock (or
    a ratio's numerator) is multiplied by (1 - a)^t; shock: by (1 + s) from the shock year
    on (``scenarios.channels``). Stocks stay >= 0, shares <= 100, parts <= their whole.
    Only the columns a lever reaches are touched; ``inplace`` reuses ``base``.
    """
    a = arrays or setup.arrays()
    out = base if inplace else base.copy()
    t = np.maximum(a["t_since"], 0).astype(float)                                   # (T, k)
    person = np.nan_to_num(a["person"])                                              # (k,)
    prop = a["propagation"]
    funding_on = funding_active(levers, setup.historic_funding, budget) and a["ch_funding"].any()
    places_on = bool(getattr(levers, "programme_places_per_year", 0.0)) and a["ch_funding"].any()
    fund = a["ch_funding"] if funding_on or places_on else np.zeros(t.shape[1], dtype=bool)
    rate = a["ch_inflow"] * (levers.inflow_10k_per_year * 1e4)                     # persons a year (k,)
    for ind, v in (sector_inflow or {}).items():
        if ind in setup.ids and a["ch_attrition"][setup.ids.index(ind)]:            # a people level stock
            rate = rate + (np.arange(len(rate)) == setup.ids.index(ind)) * (v * 1e4)
    inflow = rate != 0
    direct = np.nonzero(fund | inflow)[0]
    mult = np.ones(t.shape)
    scaled = a["ch_attrition"] | a["ch_numerator"]
    if levers.attrition_pct_per_year:
        mult = np.where(scaled, (1.0 - levers.attrition_pct_per_year / 100.0) ** t, mult)
    if levers.shock_pct:
        year = setup.default_shock_year if levers.shock_year is None else levers.shock_year
        hit = (setup.years[:, None] >= year) & (t > 0) & scaled
        mult = np.where(hit, mult * (1.0 + levers.shock_pct / 100.0), mult)
    cols = np.nonzero((mult != 1.0).any(axis=0) | prop.reach(fund | inflow))[0]
    if cols.size == 0:
        return out
    sub = out[:, :, cols].astype(float)                                             # (n, T, c)
    if direct.size:
        added = direct_persons(levers, setup.historic_funding, t[:, direct].astype(int), d.cost_z,
                               fund=fund[direct] if funding_on else None, places=fund[direct] if places_on else None,
                               inflow=rate[direct], cumulative=a["ch_cumulative"][direct],
                               start_year=int(a["base_year"][direct].min()), budget=budget)
        add_people(prop, sub, cols, direct, added, person)
    sub *= mult[:, cols]
    np.maximum(sub, 0.0, out=sub, where=np.isfinite(sub))
    share = a["logit"][cols]
    if share.any():
        np.minimum(sub, 100.0, out=sub, where=np.isfinite(sub) & share[None, None, :])
    out[:, :, cols] = sub
    conserve(prop, out, cols, person)
    return out


def target_hits(values: np.ndarray, setup: Setup) -> np.ndarray:
    """Whether each path meets each indicator's target in its target year; (n, k) bool.

    Indicators without a target, or whose target year lies outside the simulated years,
    are False everywhere (``Setup.has_target`` tells them apart). "About" targets use
    their band and range targets their bounds (``forecast.targets.target_of``).
    """
    v = target_values(values, setup)                                              # (n, k)
    hits = np.zeros(v.shape, dtype=bool)
    for j, target in _targets(setup, values.dtype):
        hits[:, j] = target_met(v[:, j], **target)
    return hits


def _targets(setup: Setup, dtype: np.dtype) -> list[tuple[int, dict[str, Any]]]:
    """(column, ``target_met`` keywords at ``dtype``'s precision) of each indicator with a target:
    read once per setup and precision (a lever move re-runs the comparisons, not the pandas rows)."""
    memo = setup.__dict__.setdefault("_targets_memo", {})
    key = np.dtype(dtype).str
    if key not in memo:
        ind = setup.indicators
        memo[key] = [(int(j), at_precision(target_of(ind.iloc[j]), dtype)) for j in np.nonzero(has_target(setup))[0]]
    return memo[key]


def at_precision(target: dict[str, Any], dtype: np.dtype) -> dict[str, Any]:
    """``target_of`` keywords with the target and its bounds rounded to the values' precision.

    Trajectories are float32; a target that equals a value (a target already met at its base,
    33.4 → 33.4) must compare equal, so it is rounded the same way before comparing."""
    if np.dtype(dtype) != np.float32:
        return target
    r = lambda x: None if x is None else float(np.float32(x))  # noqa: E731
    return {**target, "target": r(target["target"]), "low": r(target["low"]), "high": r(target["high"])}


def target_values(values: np.ndarray, setup: Setup) -> np.ndarray:
    """(n, k) what each path compares with its target: the target year's value (the horizon's
    without a target), a 年均 growth-rate target's period mean (:mod:`scenarios.periods`)."""
    ind = setup.indicators
    tyear = np.where(has_target(setup), ind["target_year"].to_numpy(dtype=float), setup.years[-1])
    idx = np.searchsorted(setup.years, tyear).clip(0, len(setup.years) - 1)
    v = values[:, idx, np.arange(len(ind))].astype(float)
    return period_means(v, values, setup.years, ind, idx)


def has_target(setup: Setup) -> np.ndarray:
    """(k,) bool: the indicator has a numeric target (a value or a range) inside the simulated years."""
    ind = setup.indicators
    tyear = ind["target_year"].to_numpy(dtype=float)
    tval = ind["target_value"].to_numpy(dtype=float)
    if "target_low" in ind and "target_high" in ind:
        rng = np.isfinite(ind["target_low"].to_numpy(dtype=float)) & np.isfinite(ind["target_high"].to_numpy(dtype=float))
        tval = np.where(rng, 0.0, tval)
    return np.isfinite(tval) & np.isin(tyear, setup.years)


def block_rng(seed: int, block: int) -> np.random.Generator:
    """The random stream of paths ``[block * BLOCK, (block + 1) * BLOCK)`` under ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block,)))


def draw_paths(setup: Setup, start: int, n: int, seed: int, antithetic: bool = True) -> Draws:
    """Draws of paths ``[start, start + n)``, block by block; ``start`` is a multiple of BLOCK.

    The last block of a run may be short: it draws only the paths that exist.
    """
    if start % BLOCK:
        raise ValueError(f"paths are drawn in blocks of {BLOCK}; start {start} is not a multiple of it")
    end = start + n
    parts = [draw(setup, min(BLOCK, end - b * BLOCK), block_rng(seed, b), antithetic)
             for b in range(start // BLOCK, -(-end // BLOCK))]
    return parts[0] if len(parts) == 1 else concat_draws(parts)


def concat_draws(parts: list[Draws]) -> Draws:
    """Stack draws of consecutive path ranges."""
    return Draws(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Draws)))


def chunk_spans(paths: int, chunk: int) -> list[tuple[int, int]]:
    """(first path, path count) of each chunk of a run of ``paths`` paths, in order."""
    if chunk < BLOCK or chunk % BLOCK:
        raise ValueError(f"chunk must be a positive multiple of BLOCK = {BLOCK} paths, got {chunk}")
    if paths < 1:
        raise ValueError(f"paths must be >= 1, got {paths}")
    return [(start, min(chunk, paths - start)) for start in range(0, paths, chunk)]


def iter_draws(setup: Setup, paths: int, seed: int, *, chunk: int, antithetic: bool = True) -> Iterator[Draws]:
    """The one chunk loop of every estimator: draws for ``paths`` paths, ``chunk`` at a time.

    ``chunk`` (a positive multiple of ``BLOCK``) only bounds memory: the draws of path j
    are the same for every chunk size, worker count and order of work.
    """
    for start, n in chunk_spans(paths, chunk):
        yield draw_paths(setup, start, n, seed, antithetic)


__all__ = ["Setup", "Draws", "draw", "check_overrides", "baseline_levels", "apply_levers", "target_hits",
           "target_values", "has_target", "mc_se",
           "BLOCK", "CHUNK", "block_rng", "draw_paths", "concat_draws", "chunk_spans", "iter_draws", "CHANNELS"]
