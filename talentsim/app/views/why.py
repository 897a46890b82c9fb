"""'Why this number': what one indicator's probability rests on, in words, below its fan chart.

History used, reference class, calibration and the target's part, the growth law in words,
the levers acting here and, on request, each lever's contribution to P (a few extra runs on
the same prepared draws, so they differ only by the levers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import streamlit as st

from talentsim.app import compute, display, explain, state
from talentsim.levertext import SOLVABLE, lever_name, lever_value
from talentsim.app.state import ss
from talentsim.messages import fmt_pct, fmt_pp, fmt_prob, t

if TYPE_CHECKING:
    from scenarios.setup import Setup


def panel(res: dict, setup: Setup, ind_id: str, lang: str) -> None:
    """The indicator's 'why this number' panel (an expander, open by default)."""
    r = res["summary"].set_index("id").loc[ind_id]
    law = setup.laws[setup.ids.index(ind_id)]
    unit = str(r["unit"])
    hist = compute.history(state.setup_key(), ind_id, state.current_dataset().observations)
    with st.expander(t("why_title", lang), expanded=True):
        lines = [t("why_history", lang) + explain.history_text(hist, unit, lang),
                 t("why_reference", lang, kind=t(f"type:{law.kind}", lang) if law.kind else t("type:other", lang)),
                 t("why_calibration", lang) + explain.basis_text(law, lang)]
        has = bool(np.isfinite(r["target_value"]))
        if has and np.isfinite(r.get("required_cagr_pct", np.nan)):
            lines.append(t("why_need", lang, need=fmt_pct(r["required_cagr_pct"]),
                           proj=fmt_pct(r["projected_cagr_pct"])))
        acting = compute.acting_levers(state.setup_key(), ind_id, SOLVABLE, setup)
        lines.append(t("why_levers", lang, levers="、".join(lever_name(k, lang) for k in acting) if lang == "zh"
                       else ", ".join(lever_name(k, lang) for k in acting)) if acting else t("why_no_levers", lang))
        st.markdown("\n".join(f"- {display.plain(x)}" for x in lines))
        st.caption(t("why_range_help", lang) + " " + t("why_mc_help", lang))
        st.markdown(f"**{t('model_title', lang)}**")
        st.table(display.plain_frame(explain.law_rows(law, unit, lang).set_index(t("why_what", lang))))
        if has and acting and st.toggle(t("why_contrib_toggle", lang), key="why_contrib"):
            contributions(res, setup, ind_id, acting, float(r["p_hit"]), lang)


def contributions(res: dict, setup: Setup, ind_id: str, acting: list[str], p_now: float, lang: str) -> None:
    """Each acting lever's part of P: P with none of the levers moved, each alone, the rest together."""
    sc = state.current_scenario()
    now = state.current_levers()
    defaults = {k: state.lever_default(k) for k in SOLVABLE}

    def p_with(levers: dict) -> float:
        out = compute.sim_results(state.setup_key(), compute.canonical(sc.with_levers(**levers)), setup)
        return float(out["summary"].set_index("id").loc[ind_id, "p_hit"])

    p0 = p_with(defaults)
    moved = [k for k in acting if now.get(k) != defaults[k]]
    alone = {k: p_with({**defaults, k: now[k]}) for k in moved}
    rows = [(t("why_contrib_none", lang), fmt_prob(p0))]
    for k, d in explain.contributions(p_now, p0, alone):
        name = t("why_contrib_together", lang) if k == "_together" else \
            f"{lever_name(k, lang)} = {lever_value(k, now[k], lang)}"
        rows.append((name, fmt_pp(100 * d, None, lang)))
    rows.append((t("why_contrib_now", lang), fmt_prob(p_now)))
    import pandas as pd

    st.table(display.plain_frame(pd.DataFrame(rows, columns=[t("why_contrib_part", lang), t("why_contrib_p", lang)])
                                 .set_index(t("why_contrib_part", lang))))
    if not moved:
        st.caption(t("why_contrib_unmoved", lang))
