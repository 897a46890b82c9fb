"""The argument an export leads with: per scenario what it changes (effective lever values)
and what that does (probability differences with model ranges), the targets at risk, what
it would take (the solver, with its range over the funding economics), the joint results
with model ranges, and what the numbers rest on.

The slides, the HTML report and the workbook's first sheet all print :func:`argument`,
so the same facts head every export. Text comes from the catalogue (``story_*`` keys).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scenarios.compare import Comparison
from scenarios.economics import funding_level
from scenarios.levers import LEVERS
from talentsim.levertext import lever_name, lever_value, schedule_parts, schedules_of
from talentsim.export import facts, tables
from talentsim.messages.skips import skip_reason
from talentsim.messages import fmt_expected, t

if TYPE_CHECKING:
    from scenarios.simulate import Simulation

#: below this reference probability a target is "at risk" (amber and red)
AT_RISK = 0.8
#: the probability the solver aims at for "what it takes"
AIM = 0.8
#: paths per solver call (a few tenths of a second each)
SOLVE_PATHS = 4000
#: at most this many effects per scenario, targets at risk and solver answers
MOST = 4


def _sep(lang: str) -> str:
    return "；" if lang == "zh" else "; "


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def changes(sim: Simulation, lang: str) -> list[str]:
    """What a scenario sets, written from the effective values in its region: the funding in
    亿元 a year against the region's own historic level (or that funding does not act here),
    then every other lever or parameter away from its default, then its yearly budget and
    sector inflows (``talentsim.levertext.schedule_parts``)."""
    lv, hist = sim.scenario.levers, sim.setup.historic_funding
    out = []
    if hist is None:
        out.append(t("story_funding_off", lang))
    else:
        level = funding_level(lv, hist)
        change = lv.funding_change_pct
        growth = lv.funding_growth_pct_per_year
        out.append(t("story_funding", lang, level=lever_value("funding_cny_100m_per_year", level, lang),
                     hist=lever_value("funding_cny_100m_per_year", hist, lang),
                     change=t("story_change", lang, pct=f"{change:+g}") if change else "",
                     growth=t("story_growth", lang, pct=f"{growth:+g}") if growth else t("story_flat", lang)))
    for key, spec in LEVERS.items():
        if key in ("funding_cny_100m_per_year", "funding_change_pct", "funding_growth_pct_per_year", "shock_year"):
            continue
        v = getattr(lv, key)
        if v is None or math.isclose(float(v), float(spec.default), abs_tol=1e-12):
            continue
        if key == "shock_pct":
            year = sim.setup.default_shock_year if lv.shock_year is None else lv.shock_year   # the region's own
            out.append(t("story_shock", lang, year=int(year), pct=f"{float(v):+g}"))
        else:
            out.append(f"{lever_name(key, lang)} {lever_value(key, v, lang)}")
    return out + schedule_parts(*schedules_of(sim.scenario, sim.setup), lang, sim.setup.indicators)


def diff_ranges(cmp: Comparison) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Scenario name -> (lo, hi): the model range (10–90 % over the hyperparameter draws) of
    its difference in P(hit) from the reference, per indicator; NaN where there is no target."""
    ref = cmp.sims[0]
    out = {}
    for s in cmp.sims[1:]:
        d = s.hits.astype(np.int8) - ref.hits.astype(np.int8)
        lo, hi = ref._range(d)           # same draws on common random numbers
        out[s.scenario.name] = (np.where(ref.has_target, lo, np.nan), np.where(ref.has_target, hi, np.nan))
    return out


def pp_range(x: float, lo: float, hi: float, lang: str) -> str:
    """'+32 百分点（20–41）' / '+32 pp (20–41)': a difference in points with its model range."""
    unit = t("deck_pp", lang)
    if lo == hi:     # the draws scatter no more than Monte Carlo noise: Simulation._range shrinks them to one point
        v = f"{x * 100:+.1f}"
        return f"{v} {unit}（{t('story_range_tight', lang)}）" if lang == "zh" else \
            f"{v} {unit} ({t('story_range_tight', lang)})"
    # a tight range whose ends round to one whole point gets a decimal: "+12.8 (12.6–13.0)", not "+13 (13–13)"
    d = 1 if f"{lo * 100:+.0f}" == f"{hi * 100:+.0f}" and hi > lo else 0
    a, b, v = f"{lo * 100:+.{d}f}", f"{hi * 100:+.{d}f}", f"{x * 100:+.{d}f}"
    rng = f"{a}–{b[1:] if b[0] == '+' else b}" if lo >= 0 else f"{a} {t('story_to', lang)} {b}"
    return f"{v} {unit}（{rng}）" if lang == "zh" else f"{v} {unit} ({rng})"


def effects(cmp: Comparison, f: pd.DataFrame, lang: str, most: int = MOST) -> dict[str, list[str]]:
    """Scenario name -> the largest differences from the reference (≥ 1 point), with model ranges."""
    tbl = cmp.table().set_index("id")
    ranges = diff_ranges(cmp)
    idx = {i: k for k, i in enumerate(cmp.sims[0].ids)}
    out: dict[str, list[str]] = {}
    for name in cmp.names[1:]:
        d = tbl.loc[f["id"], f"diff[{name}]"].to_numpy(dtype=float)
        order = [j for j in np.argsort(-np.abs(d)) if np.isfinite(d[j]) and abs(d[j]) >= 0.005]
        lo, hi = ranges[name]
        items = []
        for j in order[:most]:
            i = idx[f["id"].iloc[j]]
            items.append(f"{f['name'].iloc[j]} {pp_range(d[j], lo[i], hi[i], lang)}")
        if len(order) > most:
            items.append(t("deck_and_more", lang, n=len(order) - most))
        out[name] = items
    return out


def at_risk(f: pd.DataFrame, most: int = MOST) -> list[int]:
    """Rows of the facts whose reference probability is below :data:`AT_RISK`, lowest first."""
    p = f["p0"].to_numpy(dtype=float) if len(f) else np.zeros(0)
    return [int(i) for i in np.argsort(p, kind="stable") if p[i] < AT_RISK][:most]


def what_it_takes(cmp: Comparison, f: pd.DataFrame, rows: list[int], lang: str) -> list[str]:
    """For each target at risk: the yearly funding that makes it :data:`AIM` sure (the solver,
    with its range over cost × additionality) where funding acts on it; else the growth it needs
    against the growth projected."""
    from scenarios.reach import moves
    from scenarios.solve import solve

    sim = cmp.sims[0]
    out = []
    for i in rows:
        r = f.iloc[i]
        if sim.setup.historic_funding is not None and moves(sim.setup, "funding_cny_100m_per_year", r["id"]):
            sol = solve(sim.scenario, r["id"], "funding_cny_100m_per_year", AIM, paths=SOLVE_PATHS, setup=sim.setup)
            if sol.value is not None:
                rng = "–".join(lever_value("funding_cny_100m_per_year", v, lang) if v is not None else "?"
                               for v in (sol.low, sol.high))
                out.append(t("story_takes_funding", lang, name=r["name"], p=facts.pct(AIM, lang),
                             value=lever_value("funding_cny_100m_per_year", sol.value, lang), range=rng))
                continue
            out.append(t("story_takes_unreachable", lang, name=r["name"], p=facts.pct(AIM, lang)))
            continue
        out.append(t("deck_would_take", lang, name=r["name"], need=facts.growth_of(r, "required", lang),
                     proj=facts.growth_of(r, "proj0", lang), year=r["target_year"]))
    return out


def joint(cmp: Comparison, scen: list[str], lang: str) -> list[str]:
    """Per scenario: expected targets met and P(all), each with its model range."""
    out = []
    for name, s in zip(scen, cmp.sims):
        m = int(s.has_target.sum())
        e_lo, e_hi = s.expected_met_range
        p, _ = s.p_all
        p_lo, p_hi = s.p_all_range
        out.append(t("story_joint", lang, scen=name, e=fmt_expected(s.expected_met), m=m,
                     e_lo=fmt_expected(e_lo), e_hi=fmt_expected(e_hi), p=facts.pct(p, lang),
                     p_lo=f"{p_lo * 100:.0f}", p_hi=f"{p_hi * 100:.0f}"))
    return out


def rests_on(cmp: Comparison, f: pd.DataFrame, lang: str) -> list[str]:
    """History length, the reference class and what the ranges include."""
    pts = f["points"].to_numpy(dtype=int) if len(f) else np.zeros(0, dtype=int)
    out = [t("story_history", lang, n=len(pts), one=int((pts <= 1).sum()),
             median=f"{np.median(pts):g}" if len(pts) else "0", most=int(pts.max()) if len(pts) else 0)]
    counts = f["basis"].value_counts() if len(f) else pd.Series(dtype=int)
    out += [t("deck_basis_count", lang, n=int(n), what=b) for b, n in counts.items()]
    prior = facts.prior_text(cmp, lang)
    if prior:
        out.append(prior)
    out.append(t("story_ranges", lang))
    return out


def left_out(cmp: Comparison, lang: str) -> list[str]:
    """Every indicator the comparison does not simulate, by name, grouped by the reason (in ``lang``):
    '无可用基期值：甲、乙' / 'no base value to project from: A; B'."""
    skipped = cmp.sims[0].setup.skipped
    ds = tables.dataset_for(cmp.sims[0].scenario.data_dir)
    names = {}
    if ds is not None:
        col = "name_zh" if lang == "zh" else "name_en"
        names = dict(zip(ds.indicators["id"], ds.indicators[col].astype(str)))
    by_reason: dict[str, list[str]] = {}
    for i, why in skipped.items():
        by_reason.setdefault(skip_reason(why, lang), []).append(names.get(i, i))
    join = "、" if lang == "zh" else "; "
    return [t("story_left_out", lang, name=join.join(n), why=why) for why, n in by_reason.items()]


@dataclass
class Argument:
    """The facts an export leads with, in one language."""

    scenarios: list[str]
    changes: list[list[str]]
    effects: list[list[str]]
    at_risk: list[str]
    takes: list[str]
    joint: list[str]
    rests_on: list[str]
    left_out: list[str] = field(default_factory=list)
    n_left_out: int = 0


def argument(cmp: Comparison, f: pd.DataFrame, lang: str, *, solve: bool = True) -> Argument:
    """Everything the headline says (``solve=False`` skips the solver, e.g. for a quick page)."""
    scen = facts.names(cmp, lang)
    eff = effects(cmp, f, lang)
    risk = at_risk(f)
    risk_text = [f"{f['name'].iloc[i]}：{facts.p_range(f.iloc[i], 0, lang)}" if lang == "zh"
                 else f"{f['name'].iloc[i]}: {facts.p_range(f.iloc[i], 0, lang)}" for i in risk]
    left = left_out(cmp, lang)
    return Argument(scen, [changes(s, lang) for s in cmp.sims], [[]] + [eff[n] for n in cmp.names[1:]],
                    risk_text, what_it_takes(cmp, f, risk, lang) if solve else [], joint(cmp, scen, lang),
                    rests_on(cmp, f, lang), left, len(cmp.sims[0].setup.skipped))


@lru_cache(maxsize=4)
def for_export(cmp: Comparison, lang: str) -> Argument:
    """:func:`argument` of ``cmp`` on its own data, computed once per comparison and language
    for the slides, the HTML report and the workbook of one export."""
    f = facts.indicator_facts(cmp, tables.load_observations(cmp), lang)
    return argument(cmp, f, lang)


def lines(a: Argument, lang: str) -> list[tuple[str, str]]:
    """The argument as (kind, text) lines, for a sheet or a plain list: kind is a catalogue key."""
    out: list[tuple[str, str]] = []
    for k, name in enumerate(a.scenarios):
        out.append(("story_changes", f"{name}{_colon(lang)}" + _sep(lang).join(a.changes[k])))
        if k:
            out.append(("story_does", f"{name}{_colon(lang)}" + (_sep(lang).join(a.effects[k]) or
                                                                  t("story_no_effect", lang))))
    out += [("story_at_risk", x) for x in a.at_risk or [t("deck_none", lang)]]
    out += [("story_takes", x) for x in a.takes]
    out += [("story_joint_head", x) for x in a.joint]
    out += [("story_rests_on", x) for x in a.rests_on]
    out += [("story_left_out_head", x) for x in a.left_out]
    return out


__all__ = ["Argument", "argument", "for_export", "changes", "effects", "at_risk", "what_it_takes", "joint", "rests_on",
           "diff_ranges", "pp_range", "lines", "skip_reason", "left_out", "AT_RISK", "AIM"]
