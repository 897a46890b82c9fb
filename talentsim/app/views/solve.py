"""What it takes: the lever value that reaches a chosen probability, and the tornado."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scenarios import LEVERS
from talentsim import charts
from scenarios.reach import disabled_levers, moves
from talentsim.app import compute, display, regions, state
from talentsim.levertext import SOLVABLE, lever_name, lever_value, needed_value, solver_answer
from talentsim.app.links import SOLVE_PROBS
from talentsim.app.state import ss
from talentsim.app.views import mix
from talentsim.app.views.common import chart, choice
from talentsim.messages import fmt_prob, fmt_target, fmt_value, t

if TYPE_CHECKING:
    from scenarios.setup import Setup
    from scenarios.solve import Solution
    import pandas as pd

#: the probability the view asks for until the planner chooses another (percent)
DEFAULT_PROB = 80


def solve_prob() -> float:
    """The probability asked for, as a share (the view's slider, else its default)."""
    return int(ss.get("solve_prob", DEFAULT_PROB)) / 100


def range_target(setup: Setup, indicator: str) -> tuple[float, float] | None:
    """(low, high) of ``indicator``'s target where the document states a range met from its low end
    (a more-is-better range, ``forecast.targets.target_met``), else None."""
    from forecast.targets import target_of

    ind = setup.indicators
    row = ind[ind["id"] == indicator]
    if row.empty:
        return None
    tg = target_of(row.iloc[0])
    ranged = tg["low"] is not None and tg["high"] is not None and tg["more_is_better"]
    return (float(tg["low"]), float(tg["high"])) if ranged else None


def unlikely(summary: pd.DataFrame):
    """Rows of a simulation summary whose target is below the probability asked for."""
    return summary[summary["target_value"].notna() & (summary["p_hit"] < solve_prob())]


def value_text(sol: Solution, lang: str, current: float | None = None) -> str:
    """'至少 1.6 亿元/年（1.4–3）': the solver's answer on the slider's grid, with its range where it
    has one; ``current`` is the lever's value now (:func:`talentsim.levertext.solver_answer`)."""
    up = sol.p_high >= sol.p_low
    text = solver_answer(sol.lever, sol.value, up, current, lang)
    if sol.assumptions and (sol.low != sol.value or sol.high != sol.value):
        lo = lever_value(sol.lever, needed_value(sol.lever, sol.low, up), lang) if sol.low is not None else "–"
        hi = (lever_value(sol.lever, needed_value(sol.lever, sol.high, up), lang) if sol.high is not None
              else t("present_beyond", lang, value=lever_value(sol.lever, LEVERS[sol.lever].high, lang)))
        (lo_num, _, lo_unit), (hi_num, _, hi_unit) = lo.partition(" "), hi.partition(" ")
        if lo_unit and lo_unit == hi_unit:                  # '1.31–2.97 亿元/年': the unit once
            lo, hi = lo_num, hi
        text += t("present_range", lang, low=lo, high=hi)
    return text


def what_it_takes(res: dict, lang: str) -> list[dict]:
    """For each target below the probability asked for: the lever value the solver finds.

    The lever is the solve view's choice where it moves the indicator, else the first
    policy lever that does (``scenarios.reach.moves``); one cached ``scenarios.solve``
    call per target. Rows: indicator id and name, P now, lever name (or ""), the answer in words.
    """
    prob, sm = solve_prob(), res["summary"]
    key, setup, sc = state.setup_key(), state.current_setup(), state.current_scenario()
    off = disabled_levers(setup)
    order = sorted(list(SOLVABLE), key=lambda k: k != ss.get("solve_lever"))
    rows = []
    for _, r in unlikely(sm).iterrows():
        movers = [k for k in order if k not in off and moves(setup, k, r["id"])]
        row = {"id": r["id"], "name": display.name_of(r, lang), "p": fmt_prob(r["p_hit"]), "lever": "", "answer": ""}
        if not movers:
            row["answer"] = t("present_no_lever", lang)
        else:
            sol = compute.run_solve(key, compute.canonical(sc), r["id"], movers[0], prob, setup)
            row["lever"] = lever_name(movers[0], lang)
            row["answer"] = (value_text(sol, lang, state.current_levers().get(movers[0])) if sol.reachable else
                             t("present_unreachable", lang, best=fmt_prob(sol.p_at_value)))
        rows.append(row)
    return rows


def show(res: dict, setup: Setup, lang: str) -> None:
    sm = res["summary"]
    targeted = sm[sm["target_value"].notna()]
    if targeted.empty:
        st.info(t("solve_no_target", lang))
        return
    ids = list(targeted["id"])
    names = {row["id"]: display.name_of(row, lang) for _, row in targeted.iterrows()}
    if ss.get("solve_indicator") not in ids:   # an indicator some lever moves here, funding's favourite first
        first = regions.default_solve_indicator(state.current_setup(), ids)
        movable = [i for i in ids if compute.acting_levers(state.setup_key(), i, SOLVABLE, setup)]
        ss.solve_indicator = first if first in movable or not movable else movable[0]
    levers = list(SOLVABLE)
    c1, c2, c3 = st.columns([3, 2, 2])
    with c1:
        ind = choice(st.selectbox, t("solve_indicator", lang), ids, "solve_indicator", format_func=lambda i: names[i])
    off = state.disabled_levers()
    if ss.get("solve_lever") not in levers or ss.solve_lever in off:   # start on a lever that acts here (issue 22)
        acting = compute.acting_levers(state.setup_key(), ind, SOLVABLE, setup) or [k for k in levers if k not in off] or levers
        ss.solve_lever = acting[0]
    with c2:
        lever = choice(st.selectbox, t("solve_lever", lang), levers, "solve_lever",
                       format_func=lambda k: lever_name(k, lang))
    if "solve_prob" not in ss:
        ss.solve_prob = DEFAULT_PROB
    prob = c3.slider(t("solve_prob", lang), SOLVE_PROBS.start, SOLVE_PROBS[-1], step=SOLVE_PROBS.step, key="solve_prob",
                     format="%d%%") / 100
    sc = state.current_scenario()
    key, setup = state.setup_key(), state.current_setup()
    sol = compute.run_solve(key, compute.canonical(sc), ind, lever, prob, setup)
    r = targeted.set_index("id").loc[ind]
    lv = LEVERS[lever]
    lname = lever_name(lever, lang)
    rng = range_target(setup, ind)
    if rng is not None:     # 年均增长5.5%—6%: solved for the edge that counts (scenarios.targets.stated_target)
        st.caption(t("solve_range_target", lang, low=fmt_value(rng[0], str(r["unit"]), lang),
                     high=fmt_value(rng[1], str(r["unit"]), lang)))
    if sol.reachable:
        up = sol.p_high >= sol.p_low
        text = t("solve_answer", lang, prob=f"{prob:.0%}", year=int(r["target_year"]), name=display.plain(names[ind]),
                 op=fmt_target(str(r["target_op"]), float(r["target_value"]), str(r["unit"]), lang).split(" ")[0],
                 target=fmt_value(float(r["target_value"]), str(r["unit"]), lang), lever=lname,
                 answer=solver_answer(lever, sol.value, up, state.current_levers().get(lever), lang),
                 p=fmt_prob(sol.p_at_value, sol.p_at_value_se))
        st.success(text)
        if sol.facts:  # funding: the answer's range over cost and additionality, and what drives it
            hi = (lever_value(lever, needed_value(lever, sol.high, up), lang) if sol.high is not None
                  else t("present_beyond", lang, value=lever_value(lever, lv.high, lang)))
            lo = lever_value(lever, needed_value(lever, sol.low, up), lang) if sol.low is not None else "–"
            st.caption(t("solve_range", lang, low=lo, high=hi,
                         central=lever_value(lever, needed_value(lever, sol.value, up), lang))
                       + " " + display.assumption_sentence(sol.facts, lang))
    elif sol.status == "does_not_move":
        st.info(t("lever_does_not_move", lang))
    else:
        st.warning(t("solve_unreachable", lang, lever=lname, low=lever_value(lever, lv.low, lang),
                     high=lever_value(lever, lv.high, lang),
                     prob=f"{prob:.0%}", best=fmt_prob(sol.p_at_value)))
    ss.last_solution = {"indicator": ind, "lever": lever, "prob": prob, "value": sol.value, "message": sol.message}
    mix.panel(ind, prob, lang)
    st.markdown(f"**{t('tornado_title', lang)}**")
    tor = compute.run_tornado(key, compute.canonical(sc), ind, setup)
    chart(charts.tornado_chart(tor, lang=lang, title=names[ind], value_text=lambda k, v, u: (
        lever_value(k, v, lang) if k in LEVERS else fmt_value(v, u, lang))))
    st.caption(t("tornado_caption", lang))
