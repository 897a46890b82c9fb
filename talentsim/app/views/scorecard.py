"""Scorecard: the region's targets whose year has passed, their published outcomes, met or missed,
and the probability talentsim gave from the data of the plan's base year (its own track record)."""

from __future__ import annotations

import streamlit as st

from talentsim.app import compute, display, state, years
from talentsim.messages import t
from talentsim.report import scorecard_frame


def show(res, setup, lang: str) -> None:
    card = compute.run_scorecard(*years.scorecard_source())
    st.subheader(t("sc_title", lang, region=state.region_name(lang)))
    st.caption(t("sc_caption", lang, now=compute.now_year()))
    if card.empty:
        st.info(t("sc_none", lang, now=compute.now_year()))
        return
    judged = card[card["status"].isin(["met", "missed"])]
    c1, c2, c3 = st.columns(3)
    c1.metric(t("sc_judged", lang), f"{len(judged)} / {len(card)}")
    c2.metric(t("sc_met", lang), f"{int((judged['status'] == 'met').sum())}")
    c3.metric(t("sc_not_published", lang), f"{int((card['status'] == 'not_published').sum())}")
    st.dataframe(scorecard_frame(card, lang), hide_index=True, key="scorecard_table")
    quoted = card[card["outcome_quote"].astype(str) != ""]
    if not quoted.empty:
        with st.expander(t("sc_sources", lang)):
            for _, r in quoted.iterrows():
                st.text(f"{display.name_of(r, lang)}: {display.doc_title(r['outcome_source'], lang)} — "
                        f"{display.plain(r['outcome_quote'])}")
    why = card[card["p_hit"].isna()]
    if not why.empty:
        with st.expander(t("sc_why_no_p", lang, n=len(why))):
            for _, r in why.iterrows():
                st.text(f"{display.name_of(r, lang)}: {display.plain(r['why_no_p'])}")
