"""Plain-text report behind ``talentsim fit ID [--explain]``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from forecast.baseline import calibrate_indicator, growth_law, indicator_row, load, posterior, simulate_law
from forecast.growth_rate import is_growth_rate
from forecast.law import GrowthLaw
from forecast.summary import Summary, law_summary
from forecast.targets import Target, finite
from forecast.typeprior import reference_fit

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset

#: Paths and seed of the report's Monte Carlo (fixed so the CLI prints the same numbers).
REPORT_DRAWS = 20_000
REPORT_SEED = 20250101


def _fmt(x: float) -> str:
    return f"{x:,.4g}"


def explain_prior(data_dir: Path | str | None = None) -> str:
    """Every type's prior: reference class, episodes, drift, shocks; and the regional correlation."""
    rf = reference_fit(data_dir)
    lines = ["Type priors of annual growth (five-year episodes of real Chinese regional series, "
             "data/reference_growth.csv + the documents' growth facts):", ""]
    for p in rf.priors.values():
        lines += [p.describe(), ""]
    c = rf.correlation
    lo, hi = c.range()
    lines.append(f"Regional correlation (share of growth variance indicators of one region share): "
                 f"{c.estimate:.2f}, bootstrap 10-90 % [{lo:.2f}, {hi:.2f}] — mean correlation of five-year "
                 f"growth deviations over {c.n_pairs} family pairs in {c.n_cells} province-windows.")
    return "\n".join(lines)


def explain_indicator(indicator_id: str, dataset: Dataset | None=None) -> str:
    """Which reference class feeds the indicator, how many episodes, what its own history added."""
    post, row, tp, h = posterior(indicator_id, dataset=dataset)
    unit = row.get("unit", "")
    pct = (lambda x: f"{x:+.4f} logit/yr") if tp.kind == "share" else (lambda x: f"{100 * np.expm1(x):+.2f} %/yr")
    out = [f"Reference class: {tp.describe()}"]
    if post.n_points > 1 and post.span_years > 0:
        out.append(f"Own history: {post.n_points} points over {post.span_years:g} years, own drift {pct(post.g_hat)}; "
                   f"weight {post.weight:.2f} (persistent part of the type's drift vs. the history's window and "
                   f"shock noise) -> drift centre {pct(post.loc)} instead of the type's {pct(tp.loc)}")
    else:
        out.append(f"Own history: one usable year ({int(h.index[-1])}: {_fmt(float(h.iloc[-1]))} {unit}) — it fixes "
                   f"the base; the drift is the {tp.basis} alone, centre {pct(tp.loc)}")
    if "calibrated" in post.basis:
        out.append(_calibration_effect(indicator_id, dataset, post, row, h))
    base = float(h.iloc[-1])
    tv, ty = row.get("target_value"), row.get("target_year")
    if tv is not None and np.isfinite(tv) and ty is not None and np.isfinite(ty) and int(ty) > int(h.index[-1]):
        yrs = int(ty) - int(h.index[-1])
        med = float(np.exp(np.log(base) + post.loc * yrs)) if tp.kind != "share" else \
            float(100 / (1 + np.exp(-(np.log(base / (100 - base)) + post.loc * yrs))))
        need = (np.log(tv / base) / yrs) if tp.kind != "share" else \
            (np.log(tv / (100 - tv)) - np.log(base / (100 - base))) / yrs
        kinds = [tp.kind] if tp.basis == "reference class" else list(tp.families)
        E = reference_fit().episodes
        g = E[E["type"].isin(kinds)]["g"]
        out.append(f"Median path: {_fmt(base)} -> {_fmt(med)} {unit} in {int(ty)} at the final drift centre; the target "
                   f"{row.get('target_op', '')}{_fmt(float(tv))} needs {pct(need)}, which "
                   f"{float(np.mean(g >= need)):.1%} of the {len(g)} five-year episodes of {'/'.join(kinds)} reached")
    return "\n".join(out)


def _report_year(target_year: Any, base_year: int, to_year: int | None, out: list[str]) -> int:
    """The projection year: ``to_year``, else the target year (else five years after the base);
    says in ``out`` when it is not after the base year."""
    if to_year is None:   # the indicator's own target year: no year is assumed
        has = target_year is not None and np.isfinite(target_year) and int(target_year) > base_year
        to_year = int(target_year) if has else base_year + 5
    if to_year <= base_year:
        out += ["", f"no projection to {to_year}: it is not after the base year {base_year} (give a later --to-year)"]
    return to_year


def _p_of(post, row, h) -> float | None:
    """P(target met) of a drift posterior, simulated as the engine does (None without a target)."""
    op, tv, ty = row.get("target_op"), row.get("target_value"), row.get("target_year")
    if not (isinstance(op, str) and op and tv is not None and np.isfinite(tv) and ty is not None
            and np.isfinite(ty) and int(ty) > int(h.index[-1])):
        return None
    law = post.law(str(row["id"]), int(h.index[-1]), float(h.iloc[-1]))
    x = simulate_law(law, [int(ty)], REPORT_DRAWS, rng=np.random.default_rng(REPORT_SEED))[:, 0]
    return float(Target.of(row).met(x).mean())


def _calibration_effect(indicator_id: str, dataset, post, row, h) -> str:
    """How far the calibration (type bias and spread) and the target's ambition moved P."""
    raw, *_ = posterior(indicator_id, dataset=dataset, calibration=None)
    no_amb, *_ = posterior(indicator_id, dataset=dataset, use_target=False)
    p0, p1, p2 = (_p_of(x, row, h) for x in (raw, no_amb, post))
    k = post.scale / raw.scale if raw.scale > 0 else float("nan")
    text = (f"Calibration on real plan outcomes (data/calibration.json, `python -m forecast.calibration.build`): "
            f"drift centre {raw.loc:+.4f} -> {post.loc:+.4f}/yr (working scale), spread x{k:.2f}")
    if p0 is None:
        return text + "; no target to score"
    return text + (f"; P(target) {p0:.3f} uncalibrated -> {p1:.3f} with the type's bias and spread -> "
                   f"{p2:.3f} with the target's ambition (ambition moved it {p2 - p1:+.3f}, "
                   f"the calibration in all {p2 - p0:+.3f})")


def fit_report(indicator_id: str | None, *, to_year: int | None = None, explain: bool = False,
               data_dir: Path | str | None = None) -> str:
    """Families tried (and skipped, with reasons), the choice, its parameters, the projection
    at ``to_year`` (default: the indicator's target year, else five years after its base;
    median, 80 % and 95 % intervals) and the probability of meeting the target under the pure
    baseline.  With no id and ``explain``: only the prior.
    """
    if indicator_id is None:
        if explain:
            return explain_prior(data_dir)
        return "Give an indicator id (e.g. tianhe.high_level_talent), or --explain for the pooled prior."
    ds = load(data_dir)
    if is_growth_rate(indicator_row(indicator_id, ds)):
        return _rate_report(indicator_id, ds, explain=explain)
    cal, row, prior = calibrate_indicator(indicator_id, dataset=ds)
    law = growth_law(indicator_id, dataset=ds)
    unit = row.get("unit", "")
    out = [f"{indicator_id} — {row.get('name_zh', '')} / {row.get('name_en', '')} [{unit}]",
           "History: " + ", ".join(f"{int(y)}: {_fmt(v)}" for y, v in zip(cal.years, cal.values)),
           f"Working scale: {law.scale}", "", "Families tried:", *_family_lines(cal)]
    best = cal.best
    out += ["", f"Families' choice (comparison only): {cal.chosen} — {cal.method}",
            "Parameters: " + ", ".join(f"{k} = {v:.5g}" for k, v in best.params.items()),
            f"Growth law used by the engine ({law.kind}, {law.basis}): drift {law.drift_loc:.4f} + {law.drift_scale:.4f} × t({law.drift_df:g}) per year, "
            f"shock sd {law.shock_sd:.3g} ({law.scale} scale)", f"  {law.note}"]
    tgt_year = row.get("target_year")
    to_year = _report_year(tgt_year, law.base_year, to_year, out)
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
            hit = Target.of(row).met(x)      # as the engine reads it (an "about" floor: its lower edge)
            p = float(hit.mean())
            se = float(np.sqrt(p * (1 - p) / hit.size))
            out.append(f"  P(target {op} {_fmt(float(tv))} {unit} in {int(tgt_year)}) = {p:.3f} "
                       f"(Monte Carlo se {se:.3f}) under the pure baseline")
        elif isinstance(op, str) and op:
            out.append("  target not evaluated (no target value or target year after the base year)")
    if explain:
        out += ["", explain_indicator(indicator_id, dataset=ds)]
    return "\n".join(out)


def _rate_p(law: GrowthLaw, row: Any) -> float | None:
    """P(target met) of a growth-rate law as the engine judges it: a 年均 target on the mean of
    the yearly rates from ``period_start`` to the target year, else on the target year's rate."""
    from forecast.calibration.apply import RatePeriod

    ty = row.get("target_year")
    if not (Target.of(row).stated and finite(ty) and int(ty) > law.base_year):
        return None
    period = RatePeriod.of(law.base_year, int(ty), row.get("period_start"))
    x = simulate_law(law, [law.base_year + o for o in period.offsets], REPORT_DRAWS,
                     rng=np.random.default_rng(REPORT_SEED)).mean(axis=1)
    return float(Target.of(row).met(x).mean())


def _rate_report(indicator_id: str, ds: Dataset, *, explain: bool) -> str:
    """``fit ID [--explain]`` of a growth-rate indicator: its law (:mod:`forecast.growth_rate`, not
    the level families), P of its target on the rate it is judged on, and with ``explain`` what
    the calibration on real plan outcomes did to P."""
    from forecast.baseline import _growth_rate_law, history
    from forecast.growth_rate import growth_rate_law, load_prior

    row, h = indicator_row(indicator_id, ds), history(indicator_id, ds)
    law = growth_law(indicator_id, dataset=ds)
    unit = row.get("unit", "")
    p = _rate_p(law, row)
    out = [f"{indicator_id} — {row.get('name_zh', '')} / {row.get('name_en', '')} [{unit}]",
           "History: " + ", ".join(f"{int(y)}: {_fmt(v)}" for y, v in h.items()),
           "A growth rate (measure growth_rate): its law is the growth-rate prior updated with its own "
           "yearly rates (forecast.growth_rate); the level families are not fitted.",
           f"Growth law used by the engine ({law.kind}, {law.basis}): drift {law.drift_loc:.4f} + "
           f"{law.drift_scale:.4f} × t({law.drift_df:g}) pp per year, yearly shock sd {law.shock_sd:.3g} pp "
           f"(transient)", f"  {law.note}"]
    if p is None:
        out.append("  target not evaluated (no target value or target year after the base year)")
    else:
        se = float(np.sqrt(p * (1 - p) / REPORT_DRAWS))
        avg = " (mean rate from " + str(int(row["period_start"])) + ")" if _finite_start(row) else ""
        out.append(f"  P(target {row.get('target_op')} {_target_text(row)} {unit} in {int(row['target_year'])}{avg}) "
                   f"= {p:.3f} (Monte Carlo se {se:.3f}, {REPORT_DRAWS:,} paths, seed {REPORT_SEED}) under the pure baseline")
    if explain and p is not None:
        raw = growth_rate_law(indicator_id, h, load_prior())
        no_amb = _growth_rate_law(indicator_id, ds, use_target=False)
        p0, p1 = _rate_p(raw, row), _rate_p(no_amb, row) if no_amb is not None else None
        if "calibrated" in law.basis and p0 is not None and p1 is not None:
            out.append(f"Calibration on real plan outcomes (data/calibration.json, growth-rate targets of the "
                       f"outcome base): P(target) {p0:.3f} uncalibrated (growth-rate prior + own rates) -> "
                       f"{p1:.3f} with the type's bias and spread -> {p:.3f} with the target's ambition "
                       f"(ambition moved it {p - p1:+.3f}, the calibration in all {p - p0:+.3f})")
        else:
            out.append("Calibration on real plan outcomes: not applied (no shipped calibration or no target year)")
    return "\n".join(out)


def _finite_start(row: Any) -> bool:
    return finite(row.get("period_start")) and int(row["period_start"]) < int(row["target_year"])


def _target_text(row: Any) -> str:
    tv, lo, hi = row.get("target_value"), row.get("target_low"), row.get("target_high")
    return _fmt(float(tv)) if finite(tv) else f"{_fmt(float(lo))}-{_fmt(float(hi))}"


def _family_lines(cal: Any) -> list[str]:
    """One line per model family tried (weight, description, scores) or skipped (why)."""
    out = []
    for name, f in cal.fits.items():
        sc = cal.scores.loc[name]
        extra = f"AICc {sc['aicc']:.2f}" if np.isfinite(sc["aicc"]) else "AICc n/a"
        if sc["origins"]:
            extra += f", rolling rmse(ln) {sc['rmse_log']:.4f} over {int(sc['origins'])} origins"
        out.append(f"  {name:12s} weight {cal.weights.get(name, 0.0):.2f}  {f.description}  ({extra})")
    return out + [f"  {name:12s} skipped: {why}" for name, why in cal.skipped.items()]


def law_report(law: GrowthLaw, data_dir: Path | str | None = None) -> Summary:
    """The law's facts (:func:`forecast.summary.law_summary`) and the text of ``talentsim fit ID
    --explain`` for its indicator in ``data_dir`` (default: the shipped data), one copy of that text."""
    s = law_summary(law)
    try:
        s.text = fit_report(law.indicator_id, explain=True, data_dir=data_dir)
    except (KeyError, ValueError, OSError) as exc:   # a law of data that is not on disk
        s.text = f"(no fit report: {exc})"
    return s
