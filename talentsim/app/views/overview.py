"""Overview: every indicator's probability of meeting its target, the region's totals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

import pandas as pd
import streamlit as st

from talentsim import charts
from talentsim.app import display, state
from talentsim.app.state import ss
from talentsim.app.views.common import cached_chart, let_paint, styled_overview
from talentsim.messages import fmt_doc_value, fmt_expected, fmt_prob, fmt_target, t
from talentsim.messages.skips import skip_reason

if TYPE_CHECKING:
    from scenarios.setup import Setup


def met_at_base_line(r: pd.Series | Mapping[str, Any], lang: str) -> str:
    """Why an indicator is already met: its base value against its target, in ``lang``."""
    unit = str(r["unit"])
    return t("met_at_base_line", lang, base=fmt_doc_value(r["base_value"], unit, lang), year=int(r["base_year"]),
             target=fmt_target(str(r["target_op"]), float(r["target_value"]), unit, lang))


def show(res: dict, setup: Setup, lang: str) -> None:
    sm = res["summary"]
    year = state.years_text(lang)          # the region's target year(s), from its data
    st.subheader(t("overview_title", lang, region=state.region_name(lang), year=year))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("expected_met", lang), fmt_expected(res["expected_met"]),
              help=t("help_expected_met", lang, m=res["n_targets"]))
    c1.caption(t("expected_met_of", lang, m=res["n_targets"]))
    c2.metric(t("p_all", lang), fmt_prob(res["p_all"], res["p_all_se"]), help=t("help_p_all", lang))
    c3.metric(t("n_simulated", lang), f"{len(sm)}")
    if setup.skipped:
        c3.caption(t("n_skipped", lang, n=len(setup.skipped)))
    let_paint()
    frame = display.overview_frame(sm, lang, year)
    if "domain" in setup.indicators:      # context indicators (a GDP-growth target) marked after their names
        marks = setup.indicators.set_index("id").reindex(sm["id"])["domain"]
        col = t("col_indicator", lang)
        frame[col] = [n + display.domain_mark({"domain": d}, lang) for n, d in zip(frame[col], marks)]
    # a static table: names, bases and intervals wrap instead of being cut at 1280 px (issue 22);
    # names come from uploads too: plain text, never Markdown
    shown = frame.drop(columns=[t("col_id", lang)]).set_index(t("col_indicator", lang))
    shown = display.plain_frame(shown).set_axis(shown.columns, axis=1)   # our own headers stay as written
    st.table(styled_overview(shown, lang))
    st.caption(t("bands_legend", lang) + " " + t("units_legend", lang) + " " + t("why_range_help", lang))
    if sm["met_at_base"].any():
        with st.expander(f"{t('flag_met_at_base', lang)} ({int(sm['met_at_base'].sum())})"):
            st.caption(t("met_at_base_note", lang))
            for _, r in sm[sm["met_at_base"]].iterrows():
                st.markdown(f"- **{display.plain(display.name_of(r, lang))}**: " + met_at_base_line(r, lang))
    if setup.skipped:
        with st.expander(f"{t('skipped_title', lang)} ({len(setup.skipped)})"):
            ind = state.current_dataset().indicators.set_index("id")
            rows = [{t("col_indicator", lang): (display.name_of(ind.loc[i], lang) if i in ind.index else i),
                     t("col_id", lang): i, t("col_reason", lang): skip_reason(why, lang)}
                    for i, why in setup.skipped.items()]
            st.dataframe(pd.DataFrame(rows), hide_index=True)
    bars_chart(res, lang)


def bars_chart(res: dict, lang: str) -> None:
    """The probability bars: built once per region and language, then each scenario's bars swapped
    in (``compute.with_data``), so a lever move sends the same spec and the browser redraws only the
    data (a new spec made it compile the chart afresh while the new P(all) waited; issue 22, speed)."""
    from talentsim.app import compute

    sm = res["summary"]
    build = lambda: charts.probability_bars(sm, lang=lang, title=t("prob_bars_title", lang))  # noqa: E731
    template = compute.chart_spec(("bars", res["key"][0], lang), build)
    spec = compute.with_data(template, charts.probability_bars_data(sm, lang=lang))
    if spec is None:
        cached_chart(("bars", res["key"], lang), build)
    else:
        st.vega_lite_chart(spec=spec, width="stretch", theme=None)
