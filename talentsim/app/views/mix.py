"""What it takes, for the enactable levers together: the cheapest mix of funding and programme places."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from talentsim.app import compute, state
from talentsim.app.state import ss
from talentsim.messages import fmt_number, fmt_prob, t

if TYPE_CHECKING:
    from scenarios.mix import MixSolution


def answer_text(sol: MixSolution, names: dict[str, str], lang: str) -> str:
    """The mix in words, in ``lang``: funding, places and programme, its cost and the cost range."""
    c = sol.central
    lo, hi = sol.cost_range
    funding = (t("mix_funding", lang, value=fmt_number(c.funding, 3)) if c.funding is not None else "")
    return t("mix_answer", lang, prob=f"{sol.prob:.0%}", funding=funding, places=f"{c.places:,.0f}",
             programme=names.get(sol.programme, sol.programme), cost_per_place=fmt_number(sol.cost_per_place, 3),
             cost=fmt_number(c.cost, 3), years=sol.years, low=fmt_number(lo, 3) if lo is not None else "–",
             high=fmt_number(hi, 3) if hi is not None else t("mix_beyond", lang), p=fmt_prob(c.p))


def _region(region: str, lang: str) -> str:
    """The region's name in ``lang`` where the catalogue has one, else its id."""
    try:
        return t(f"region_{region}", lang)
    except KeyError:
        return region


def panel(ind: str, prob: float, lang: str) -> None:
    """A button that finds the cheapest enactable mix for ``ind`` at ``prob``; its answer below it."""
    st.markdown(f"**{t('mix_title', lang)}**")
    want = (state.setup_key(), ind, prob)
    if st.button(t("mix_button", lang), key="mix_button"):
        ss.mix_for = want
    if ss.get("mix_for") != want:
        st.caption(t("mix_hint", lang))
        return
    sc, setup = state.current_scenario(), state.current_setup()
    sol = compute.run_mix(state.setup_key(), compute.canonical(sc), ind, prob, setup)
    if sol.status != "ok":
        st.warning(t("mix_unreachable", lang, prob=f"{prob:.0%}"))
        return
    names = {}
    for progs in (compute.shipped_dataset().programmes, state.current_dataset().programmes):
        for _, r in progs.iterrows():
            en = r["name_en"] if isinstance(r["name_en"], str) and r["name_en"] else r["name_zh"]
            names[r["id"]] = f"{_region(r['region'], lang)}·{r['name_zh'] if lang == 'zh' else en}"
    st.success(answer_text(sol, names, lang))
    st.caption(t("mix_caption", lang))
