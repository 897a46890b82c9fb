"""Plain-text and JSON renderings of results, shared by the CLI and exports."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from scenarios.compare import Comparison
from scenarios.simulate import Simulation

if TYPE_CHECKING:
    from scenarios.setup import Setup


def _num(x: Any) -> Any:
    if isinstance(x, (np.floating, float)):
        return None if not math.isfinite(float(x)) else float(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.bool_,)):
        return bool(x)
    return x


def simulation_records(sim: Simulation) -> list[dict[str, Any]]:
    """One JSON-ready record per indicator: id, target, comparator, p_hit, p_hit_se (Monte
    Carlo error), p_hit_lo/p_hit_hi (model range: 10-90 % over the prior's hyperparameter
    and regional-correlation draws), type and basis (own history / type prior only /
    borrowed prior), p05/p50/p95."""
    s = sim.summary()
    keys = ["id", "name_zh", "name_en", "unit", "base_year", "base_value", "target_year", "target_op",
            "target_value", "p_hit", "p_hit_se", "p_hit_lo", "p_hit_hi", "type", "basis", "p05", "p50", "p95", "required_cagr_pct",
            "baseline_cagr_pct", "projected_cagr_pct", "median_shortfall", "met_at_base", "model", "note"]
    recs = []
    for _, row in s.iterrows():
        rec = {k: _num(row[k]) for k in keys}
        rec["target"] = rec["target_value"]
        rec["comparator"] = rec["target_op"]
        recs.append(rec)
    return recs


def lever_records(sim: Simulation, lang: str = "en") -> dict[str, Any]:
    """Per lever: the indicators it moves, or why it is off (reason key and text); and the
    funding effect's range over cost and additionality (10/50/90 %)."""
    from scenarios.reach import disabled_levers, lever_reach
    from scenarios.economics import funding_effect
    from talentsim.messages import t

    reach, off = lever_reach(sim.setup), disabled_levers(sim.setup)
    levers = {k: {"moves": ids, "disabled": k in off, "reason_key": off.get(k),
                  "reason": t(off[k], lang) if k in off else None} for k, ids in reach.items()}
    effect = {i: dict(zip(("p10", "p50", "p90"), q)) for i, q in funding_effect(sim.setup, sim.scenario.levers).items()}
    return {"levers": levers, "funding_effect_persons": effect}


def simulation_json(sim: Simulation) -> str:
    p_all, p_all_se = sim.p_all
    out = {
        "scenario": sim.scenario.to_dict(),
        "schedules": schedules_record(sim),
        "paths": sim.n_paths,
        "region": {"targets": int(sim.has_target.sum()), "expected_met": sim.expected_met,
                   "expected_met_lo": sim.expected_met_range[0], "expected_met_hi": sim.expected_met_range[1],
                   "p_all": p_all, "p_all_se": p_all_se,
                   "p_all_lo": sim.p_all_range[0], "p_all_hi": sim.p_all_range[1],
                   "regional_correlation": sim.scenario.levers.regional_correlation,
                   "targets_met_distribution": [float(x) for x in sim.targets_met]},
        "target_years": years_of(sim.setup)[0], "as_of": years_of(sim.setup)[1],
        "not_simulated": sim.skipped,
        "historic_funding_cny_100m_per_year": sim.setup.historic_funding,
        **lever_records(sim),
        "indicators": simulation_records(sim),
    }
    return json.dumps(out, ensure_ascii=False, indent=2)


def _fmt(x: Any, spec: str = ".4g") -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    return format(x, spec)


def years_of(setup: Setup) -> tuple[list[int], int]:
    """(target years of the simulated indicators, data year): what a result is "to" and "as of"."""
    return setup.target_years, setup.data_year


def horizon_line(setup: Setup) -> str:
    """'targets 2025 · data as of 2020' (2027 and 2030 for a region with two target years)."""
    years, as_of = years_of(setup)
    return f"targets {' and '.join(map(str, years))} · data as of {as_of}"


def simulation_text(sim: Simulation) -> str:
    """A fixed-width table a planner can read in a terminal."""
    s = sim.summary()
    lines = [f"scenario {sim.scenario.name!r} · region {sim.scenario.region} · {horizon_line(sim.setup)} · "
             f"{sim.n_paths:,} paths · seed {sim.scenario.seed}", *schedules_record(sim)["text"], ""]
    head = (f"{'indicator':38} {'unit':>8} {'base':>9} {'target':>10} {'p05':>9} {'p50':>9} {'p95':>9} "
            f"{'P(hit)':>14} {'model range':>12}  basis")
    lines += [head, "-" * len(head)]
    for _, r in s.iterrows():
        tgt = f"{r['target_op']}{_fmt(r['target_value'])}" if r["target_op"] else "–"
        p = f"{r['p_hit']:.1%}±{r['p_hit_se']:.1%}" if np.isfinite(r["p_hit"]) else "–"
        rng = f"{r['p_hit_lo']:.0%}–{r['p_hit_hi']:.0%}" if np.isfinite(r["p_hit"]) else "–"
        lines.append(f"{r['id']:38} {r['unit']:>8} {_fmt(r['base_value']):>9} {tgt:>10} {_fmt(r['p05']):>9} "
                     f"{_fmt(r['p50']):>9} {_fmt(r['p95']):>9} {p:>14} {rng:>12}  {r['type']}: {r['basis']}")
        if r["note"]:
            lines.append(f"{'':38}   note: {r['note']}")
    p_all, se = sim.p_all
    elo, ehi = sim.expected_met_range
    alo, ahi = sim.p_all_range
    lines += ["", f"expected targets met: {sim.expected_met:.2f} of {int(sim.has_target.sum())} "
                  f"(model range {elo:.1f}–{ehi:.1f}); P(all met) = {p_all:.1%} ± {se:.1%} "
                  f"(model range {alo:.1%}–{ahi:.1%}; regional correlation "
                  f"{sim.scenario.levers.regional_correlation:g})",
              "± is the Monte Carlo error; the model range is the 10–90 % spread over the prior's "
              "hyperparameter and regional-correlation draws."]
    if sim.skipped:
        lines.append("not simulated, and why:")
        lines += [f"  {i}: {why}" for i, why in sim.skipped.items()]
    return "\n".join(lines + [""] + lever_text(sim))


def lever_text(sim: Simulation, lang: str = "en") -> list[str]:
    """One line per lever: what it moves or why it is off; then the funding effect's range."""
    from talentsim.messages import t

    rec = lever_records(sim, lang)
    lines = ["levers:"]
    for k, r in rec["levers"].items():
        what = (t("lever_moves_nothing", lang, reason=r["reason"]) if r["disabled"]
                else t("lever_moves", lang, ids=", ".join(r["moves"])))
        lines.append(f"  {k:30} {what}")
    for ind, q in rec["funding_effect_persons"].items():
        lines.append("  " + t("lever_effect_range", lang, ind=ind, low=f"{q['p10']:.0f}", high=f"{q['p90']:.0f}",
                               mid=f"{q['p50']:.0f}"))
    return lines


def schedules_record(sim: Simulation, lang: str = "en") -> dict[str, Any]:
    """The scenario's yearly budget {year: 亿元} and sector inflows {id: 万人 a year} as they act in
    its region, and the same in words (``text``, in ``lang``)."""
    from talentsim.levertext import schedule_parts, schedules_of

    budget, sector = schedules_of(sim.scenario, sim.setup)
    return {"budget_cny_100m": {str(y): v for y, v in sorted(budget.items())}, "sector_inflow_10k_per_year": sector,
            "text": schedule_parts(budget, sector, lang, sim.setup.indicators)}


def comparison_json(cmp: Comparison) -> str:
    t = cmp.table()
    recs = [{k: _num(v) for k, v in row.items()} for row in t.to_dict("records")]
    return json.dumps({"scenarios": cmp.names, "paths": cmp.sims[0].n_paths,
                       "schedules": {s.scenario.name: schedules_record(s) for s in cmp.sims},
                       "region": [{k: _num(v) for k, v in r.items()} for r in cmp.region_table().to_dict("records")],
                       "indicators": recs}, ensure_ascii=False, indent=2)


def comparison_text(cmp: Comparison) -> str:
    t = cmp.table()
    names = cmp.names
    head = f"{'indicator':38} " + " ".join(f"{n[:14]:>14}" for n in names)
    head += "".join(f" {('Δ ' + n)[:20]:>20}" for n in names[1:])
    lines = [f"region {cmp.sims[0].scenario.region} · {horizon_line(cmp.sims[0].setup)} · "
             f"{cmp.sims[0].n_paths:,} paths on common random numbers (seed {cmp.sims[0].scenario.seed})",
             *(f"{s.scenario.name}: {x}" for s in cmp.sims for x in schedules_record(s)["text"]), "",
             head, "-" * len(head)]
    for _, r in t.iterrows():
        if not np.isfinite(r[f"p_hit[{names[0]}]"]):
            continue
        cells = " ".join(f"{r[f'p_hit[{n}]']:>14.1%}" for n in names)
        cells += "".join(f" {r[f'diff[{n}]']:>+12.1%}±{r[f'diff_se[{n}]']:<6.1%}" for n in names[1:])
        lines.append(f"{r['id']:38} {cells}")
    lines.append("")
    for _, r in cmp.region_table().iterrows():
        lines.append(f"{r['scenario']}: expected met {r['expected_met']:.2f} of {r['targets']}, "
                     f"P(all) {r['p_all']:.1%} ± {r['p_all_se']:.1%}")
    return "\n".join(lines)


def scorecard_text(card: pd.DataFrame, now: int) -> str:
    """The plan's scorecard as a terminal table: target, outcome, met or not, and the
    probability talentsim gave from the base-year data."""
    from scenarios.scorecard import hit_rate

    if card.empty:
        return f"no target with a year before {now}: nothing to score yet"
    head = f"{'indicator':42} {'target':>14} {'outcome':>16} {'status':>14} {'P(hit) given':>13} {'as of':>6}"
    lines = [f"scorecard: targets whose year is before {now}; P(hit) = the baseline from the data as of the "
             "base year", "", head, "-" * len(head)]
    for _, r in card.iterrows():
        tgt = f"{r['target_op']}{_fmt(r['target_value'])} ({r['target_year']})"
        out = (f"{_fmt(r['outcome_value'])} ({int(r['outcome_year'])})" if r["status"] != "not_published"
               else "–")
        p = f"{r['p_hit']:.1%}" if np.isfinite(r["p_hit"]) else "–"
        lines.append(f"{r['id']:42} {tgt:>14} {out:>16} {r['status'].replace('_', ' '):>14} {p:>13} "
                     f"{_fmt(r['as_of'], '.0f'):>6}")
    h = hit_rate(card)
    lines += ["", f"{int(h['judged'])} of {int(h['targets'])} targets have a published outcome at their target "
                  f"year; {int(h['met'])} met. Mean P given: met {_fmt(h['mean_p_met'], '.1%')}, missed "
                  f"{_fmt(h['mean_p_missed'], '.1%')}.",
              "'latest' = a value after the base but before the target year (not judged); "
              "'not published' = no outcome in observations.csv yet."]
    why = card[card["p_hit"].isna()]
    if not why.empty:
        lines.append("no probability, and why:")
        lines += [f"  {i}: {w}" for i, w in zip(why["id"], why["why_no_p"])]
    return "\n".join(lines)


def scorecard_frame(card: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The scorecard as the page and the deck show it, in ``lang``: indicator, target, outcome,
    result, and the probability given from the base-year data."""
    from talentsim.messages import fmt_prob, fmt_target, fmt_value, t

    rows = []
    for _, r in card.iterrows():
        unit = str(r["unit"])
        name = (r["name_zh"] if lang == "zh" else r["name_en"]) or r["name_zh"]
        out = "–"
        if r["status"] != "not_published":
            out = f"{fmt_value(r['outcome_value'], unit, lang)} ({int(r['outcome_year'])})"
        p = fmt_prob(r["p_hit"], r["p_hit_se"]) if np.isfinite(r["p_hit"]) else t("sc_no_p", lang)
        as_of = str(int(r["as_of"])) if r["as_of"] is not None and pd.notna(r["as_of"]) else "–"
        rows.append({t("col_indicator", lang): name,
                     t("sc_col_target", lang): f"{fmt_target(str(r['target_op']), float(r['target_value']), unit, lang)}"
                                               f" ({int(r['target_year'])})",
                     t("sc_col_outcome", lang): out,
                     t("sc_col_status", lang): t("sc_status_" + r["status"], lang),
                     t("sc_col_p", lang, year=as_of): p})
    return pd.DataFrame(rows)


def scorecard_json(card: pd.DataFrame, now: int) -> str:
    from scenarios.scorecard import hit_rate

    recs = [{k: _num(v) for k, v in row.items()} for row in card.to_dict("records")]
    return json.dumps({"now": now, "summary": {k: _num(v) for k, v in hit_rate(card).items()}, "targets": recs},
                      ensure_ascii=False, indent=2)


def table_text(df: pd.DataFrame) -> str:
    return df.to_string(index=False, float_format=lambda x: f"{x:.4g}")
