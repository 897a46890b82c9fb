"""Plain-text report behind ``talentsim fit ID [--explain]``."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from forecast.targets import target_met
from forecast.baseline import calibrate_indicator, load, simulate_law
from forecast.prior import leave_one_out, pooled_prior, rate_prior, share_prior

#: Paths and seed of the report's Monte Carlo (fixed so the CLI prints the same numbers).
REPORT_DRAWS = 20_000
REPORT_SEED = 20250101


def _fmt(x: float) -> str:
    return f"{x:,.4g}"


def explain_prior(data_dir: Path | str | None = None) -> str:
    """The pooled prior's numbers, sources and leave-one-out check, as text."""
    prior = pooled_prior(load(data_dir).growth_facts)
    loo = leave_one_out(prior)
    lines = [str(prior), "",
             f"Leave-one-out check ({len(loo)} facts; a sanity check, not a coverage test): "
             f"{int(loo['in_80'].sum())}/{len(loo)} inside the 80 % interval, "
             f"{int(loo['in_95'].sum())}/{len(loo)} inside the 95 % interval."]
    for _, r in loo.iterrows():
        lines.append(f"   {r['id']}: PIT {r['pit']:.2f}")
    lines += ["", "Ratios get their own priors (one observation each):",
              f"  shares in % (logit scale): {share_prior(prior).note}",
              f"  rates per 10k/1000 (log scale): {rate_prior(prior).note}"]
    return "\n".join(lines)


def fit_report(indicator_id: str | None, *, to_year: int = 2025, explain: bool = False,
               data_dir: Path | str | None = None) -> str:
    """Families tried (and skipped, with reasons), the choice, its parameters, the projection
    at ``to_year`` (median, 80 % and 95 % intervals) and the probability of meeting the
    target under the pure baseline.  With no id and ``explain``: only the prior.
    """
    if indicator_id is None:
        if explain:
            return explain_prior(data_dir)
        return "Give an indicator id (e.g. tianhe.high_level_talent), or --explain for the pooled prior."
    ds = load(data_dir)
    cal, row, prior = calibrate_indicator(indicator_id, dataset=ds)
    law = cal.law(indicator_id, to_year=max(to_year, int(cal.years[-1]) + 1))
    unit = row.get("unit", "")
    out = [f"{indicator_id} — {row.get('name_zh', '')} / {row.get('name_en', '')} [{unit}]",
           "History: " + ", ".join(f"{int(y)}: {_fmt(v)}" for y, v in zip(cal.years, cal.values)),
           f"Working scale: {law.scale}", "", "Families tried:"]
    for name, f in cal.fits.items():
        sc = cal.scores.loc[name]
        extra = f"AICc {sc['aicc']:.2f}" if np.isfinite(sc["aicc"]) else "AICc n/a"
        if sc["origins"]:
            extra += f", rolling rmse(ln) {sc['rmse_log']:.4f} over {int(sc['origins'])} origins"
        out.append(f"  {name:12s} weight {cal.weights.get(name, 0.0):.2f}  {f.description}  ({extra})")
    for name, why in cal.skipped.items():
        out.append(f"  {name:12s} skipped: {why}")
    best = cal.best
    out += ["", f"Chosen: {cal.chosen} — {cal.method}",
            "Parameters: " + ", ".join(f"{k} = {v:.5g}" for k, v in best.params.items()),
            f"Growth law: drift {law.drift_loc:.4f} + {law.drift_scale:.4f} × t({law.drift_df:g}) per year, "
            f"shock sd {law.shock_sd:.3g} ({law.scale} scale)", f"  {law.note}"]
    tgt_year = row.get("target_year")
    years_needed = [to_year]
    if tgt_year is not None and np.isfinite(tgt_year) and int(tgt_year) > law.base_year:
        years_needed.append(int(tgt_year))
    last = max(years_needed)
    if last > law.base_year:
        rng = np.random.default_rng(REPORT_SEED)
        years = np.arange(law.base_year + 1, last + 1)
        paths = simulate_law(law, years, REPORT_DRAWS, rng=rng)
        if to_year > law.base_year:
            x = paths[:, to_year - law.base_year - 1]
            q = np.quantile(x, [0.025, 0.1, 0.5, 0.9, 0.975])
            out += ["", f"{to_year} projection (pure baseline, {REPORT_DRAWS:,} paths, seed {REPORT_SEED}):",
                    f"  median {_fmt(q[2])} {unit}; 80 % [{_fmt(q[1])}, {_fmt(q[3])}]; 95 % [{_fmt(q[0])}, {_fmt(q[4])}]"]
        op, tv = row.get("target_op"), row.get("target_value")
        if isinstance(op, str) and op and tv is not None and np.isfinite(tv) and len(years_needed) > 1:
            x = paths[:, int(tgt_year) - law.base_year - 1]
            lo, hi = row.get("target_low"), row.get("target_high")
            hit = target_met(x, op=op, target=float(tv), low=lo, high=hi)
            p = float(hit.mean())
            se = float(np.sqrt(p * (1 - p) / hit.size))
            out.append(f"  P(target {op} {_fmt(float(tv))} {unit} in {int(tgt_year)}) = {p:.3f} "
                       f"(Monte Carlo se {se:.3f}) under the pure baseline")
        elif isinstance(op, str) and op:
            out.append("  target not evaluated (no target value or target year after the base year)")
    if explain:
        out += ["", f"Prior used ({prior.kind}):", str(prior)]
    return "\n".join(out)
