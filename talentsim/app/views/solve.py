"""What it takes: the lever value that reaches a chosen probability, and the tornado."""

from __future__ import annotations

import streamlit as st

from scenarios import LEVERS
from talentsim import charts
from talentsim.app import compute, display, regions, state
from talentsim.app.state import ss
from talentsim.app.views.common import chart, choice
from talentsim.messages import fmt_prob, fmt_target, fmt_value, t


def show(res: dict, setup, lang: str) -> None:
    sm = res["summary"]
    targeted = sm[sm["target_value"].notna()]
    if targeted.empty:
        st.info(t("solve_no_target", lang))
        return
    ids = list(targeted["id"])
    names = {row["id"]: display.name_of(row, lang) for _, row in targeted.iterrows()}
    if ss.get("solve_indicator") not in ids:
        ss.solve_indicator = regions.default_solve_indicator(state.current_setup(), ids)
    levers = [k for k, lv in LEVERS.items() if lv.group == "lever" and not lv.integer]
    if ss.get("solve_lever") not in levers:
        ss.solve_lever = levers[0]
    c1, c2, c3 = st.columns([3, 2, 2])
    with c1:
        ind = choice(st.selectbox, t("solve_indicator", lang), ids, "solve_indicator", format_func=lambda i: names[i])
    with c2:
        lever = choice(st.selectbox, t("solve_lever", lang), levers, "solve_lever",
                       format_func=lambda k: LEVERS[k].name_zh if lang == "zh" else LEVERS[k].name_en)
    if "solve_prob" not in ss:
        ss.solve_prob = 80
    prob = c3.slider(t("solve_prob", lang), 50, 95, step=5, key="solve_prob", format="%d%%") / 100
    sc = state.current_scenario()
    key, setup = state.setup_key(), state.current_setup()
    sol = compute.run_solve(key, compute.canonical(sc), ind, lever, prob, setup)
    r = targeted.set_index("id").loc[ind]
    lv = LEVERS[lever]
    lname = lv.name_zh if lang == "zh" else lv.name_en
    if sol.reachable:
        word = t("solve_at_least" if sol.p_high >= sol.p_low else "solve_at_most", lang)
        text = t("solve_answer", lang, prob=f"{prob:.0%}", year=int(r["target_year"]), name=display.plain(names[ind]),
                 op=fmt_target(str(r["target_op"]), float(r["target_value"]), str(r["unit"]), lang).split(" ")[0],
                 target=fmt_value(float(r["target_value"]), str(r["unit"]), lang), lever=lname, word=word,
                 value=fmt_value(sol.value, lv.unit.split("/")[0], lang) + ("/年" if lang == "zh" and "/年" in lv.unit
                                                                          else " a year" if "/年" in lv.unit else ""),
                 p=fmt_prob(sol.p_at_value, sol.p_at_value_se))
        st.success(text)
        if sol.assumptions:  # funding: the answer's range over cost and additionality, and what drives it
            unit = lv.unit.split("/")[0]
            hi = fmt_value(sol.high, unit, lang) if sol.high is not None else f"> {lv.high:g} {unit}"
            lo = fmt_value(sol.low, unit, lang) if sol.low is not None else "–"
            st.caption(t("solve_range", lang, low=lo, high=hi, central=fmt_value(sol.value, unit, lang))
                       + " " + sol.assumptions)
    elif sol.status == "does_not_move":
        st.info(t("lever_does_not_move", lang))
    else:
        st.warning(t("solve_unreachable", lang, lever=lname, low=f"{lv.low:g}", high=f"{lv.high:g} {lv.unit}",
                     prob=f"{prob:.0%}", best=fmt_prob(sol.p_at_value)))
    ss.last_solution = {"indicator": ind, "lever": lever, "prob": prob, "value": sol.value, "message": sol.message}
    st.markdown(f"**{t('tornado_title', lang)}**")
    tor = compute.run_tornado(key, compute.canonical(sc), ind, setup)
    chart(charts.tornado_chart(tor, lang=lang, title=names[ind][:60]))
    st.caption(t("tornado_caption", lang))
