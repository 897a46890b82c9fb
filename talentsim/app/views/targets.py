"""Set targets: the target reached with 50/80/90 % probability per indicator, and a planner's
proposed targets rated (probability, ambition among real plans' targets, how often such
targets were met); exported as CSV or Excel. Numbers: ``scenarios.targets``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import hashlib
import math

import pandas as pd
import streamlit as st

from scenarios.targets import PROBS, targets_table
from talentsim.app import compute, display, state
from talentsim.targets_report import display_frame, name_of, targets_csv, targets_xlsx
from talentsim.messages import fmt_pct, t, unit_text

if TYPE_CHECKING:
    from scenarios.setup import Setup


@st.cache_data(show_spinner=False, max_entries=32)
def table(setup_key: tuple, yaml_text: str, proposed: tuple[tuple[str, float], ...], _setup) -> pd.DataFrame:
    """``scenarios.targets.targets_table`` of the scenario, with ``proposed`` targets (id, value)."""
    sim = compute.simulation(setup_key, yaml_text, _setup)
    return targets_table(sim, PROBS, proposed=dict(proposed))


def proposals(base: pd.DataFrame, lang: str, key: str) -> dict[str, float]:
    """The planner's proposed targets from an editable table (empty cell: the stated target)."""
    edit = pd.DataFrame({t("tgt_col_indicator", lang): [name_of(r, lang) for _, r in base.iterrows()],
                         t("tgt_col_unit", lang): [unit_text(str(u), lang) for u in base["unit"]],
                         t("tgt_col_stated", lang): base["stated_target"].astype(float),
                         t("tgt_col_proposed", lang): [math.nan] * len(base)})
    st.caption(t("tgt_edit_caption", lang))
    col = t("tgt_col_proposed", lang)
    got = st.data_editor(edit, key=key, hide_index=True, disabled=list(edit.columns[:3]), num_rows="fixed",
                         column_config={col: st.column_config.NumberColumn(col, format="%.4g")})
    return {i: float(v) for i, v in zip(base["id"], got[col]) if v is not None and math.isfinite(float(v))}


def show(res: dict, setup: Setup, lang: str) -> None:
    sc = state.current_scenario()
    key, yaml_text = state.setup_key(), compute.canonical(sc)
    st.subheader(t("tgt_title", lang, region=display.plain(state.region_name(lang)),
                   scenario=display.plain(display.scenario_title(sc, lang))))
    st.caption(t("tgt_intro", lang))
    base = table(key, yaml_text, (), setup)
    tag = hashlib.sha1(repr((key, lang)).encode()).hexdigest()[:10]     # a region's own table, per language
    proposed = proposals(base, lang, f"tgt_editor_{tag}")
    df = table(key, yaml_text, tuple(sorted(proposed.items())), setup) if proposed else base
    shown = display_frame(df, lang)   # a static table that wraps: a grid of 9 columns ran past 1280 px
    st.table(display.plain_frame(shown.set_index(t("tgt_col_indicator", lang))))
    se = float(df["p_proposed_se"].max()) if df["p_proposed_se"].notna().any() else math.nan
    st.caption(t("tgt_ambition_note", lang) + " " + t("tgt_mc_note", lang, se=fmt_pct(se * 100)))
    c1, c2 = st.columns(2)
    name = f"talentsim-targets-{state.scenario_region()}-{lang}"
    c1.download_button(t("tgt_download_csv", lang), targets_csv(df, lang), f"{name}.csv", "text/csv",
                       key="tgt_csv")
    c2.download_button(t("tgt_download_xlsx", lang), targets_xlsx(df, lang), f"{name}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="tgt_xlsx")
