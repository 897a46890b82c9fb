"""Scorecard: the region's targets whose year has passed, their published outcomes, met or missed,
and the probability talentsim gave from the data of the plan's base year (its own track record)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from talentsim.app import compute, display, state, years
from talentsim.messages import t
from talentsim.report import scorecard_frame

if TYPE_CHECKING:
    from scenarios.setup import Setup
    import pandas as pd


#: pixel widths of the grid's columns (indicator, target, outcome, result, P) by language; they sum
#: to 800, inside the 818 px the main column has at 1280 px (measured in Chromium, issue 22), so no
#: column is cut at the right edge whatever the names
WIDTHS = {"zh": (250, 150, 130, 120, 150), "en": (220, 190, 165, 100, 125)}


def grid(card: pd.DataFrame, lang: str):
    """The scorecard frame as the page's grid shows it, and its column widths: names without their
    bracketed explanation (the full ones head the sources below), fixed widths that fit 1280 px."""
    frame = scorecard_frame(card, lang)
    first = frame.columns[0]
    frame[first] = [display.short_name(n) for n in frame[first]]
    config = {c: st.column_config.TextColumn(width=w, pinned=i == 0)
              for i, (c, w) in enumerate(zip(frame.columns, WIDTHS["zh" if lang == "zh" else "en"]))}
    return frame, config


def show(res: dict[str, Any], setup: Setup, lang: str) -> None:
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
    frame, config = grid(card, lang)
    st.dataframe(frame, hide_index=True, key="scorecard_table", column_config=config)
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
