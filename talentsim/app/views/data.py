"""Data and sources: the region's indicators, observations and programmes; the upload panel."""

from __future__ import annotations

import streamlit as st

from talentsim.app import state, upload
from talentsim.app.regions import UPLOAD
from talentsim.app.state import ss
from talentsim.messages import t


def show(res: dict | None, setup, lang: str) -> None:
    ds = state.current_dataset()
    region = state.scenario_region()
    src = ds.source if ss.region == UPLOAD else t("data_shipped", lang)
    st.caption(t("data_source_of", lang, source=src))
    ind = ds.indicators[ds.indicators["region"] == region]
    st.markdown(f"**{t('data_indicators', lang)}**")
    name = "name_zh" if lang == "zh" else "name_en"
    cols = [c for c in ("id", name, "unit", "target_year", "target_op", "target_value", "target_status", "source",
                        "quote", "note") if c in ind]
    st.dataframe(ind[cols], hide_index=True, key="data_indicators")
    obs = ds.observations[ds.observations["id"].isin(ind["id"])]
    st.markdown(f"**{t('data_observations', lang)}**")
    st.dataframe(obs[[c for c in ("id", "year", "value", "status", "qualifier", "source", "quote", "note", "preferred")
                      if c in obs]], hide_index=True, key="data_observations")
    prg = ds.programmes[ds.programmes["region"] == region] if not ds.programmes.empty else ds.programmes
    if not prg.empty:
        st.markdown(f"**{t('data_programmes', lang)}**")
        st.dataframe(prg, hide_index=True)
    st.divider()
    upload_panel(lang)


def upload_panel(lang: str) -> None:
    st.markdown(f"**{t('data_upload_title', lang)}**")
    limit = f"{upload.UPLOAD_LIMIT / 1024 / 1024:.0f} MB"
    st.caption(t("data_upload_help", lang, limit=limit))
    st.file_uploader(t("data_upload_files", lang), type=["csv", "xlsx"], accept_multiple_files=True,
                     key="data_upload", on_change=state.on_data_upload)
    show_upload_status(lang)


def show_upload_status(lang: str) -> None:
    problems = ss.get("upload_problems") or []
    if problems:
        lines = "\n".join(f"- {p}" for p in problems)
        st.error(t("data_upload_failed", lang, n=len(problems)) + "\n\n" + lines)
        st.dataframe(upload.problems_frame(problems, lang), hide_index=True, key="upload_problems_table")
    up = ss.get("upload")
    if up is not None:
        st.success(t("data_upload_ok", lang, name=up.name, n_ind=len(up.dataset.indicators),
                     n_obs=len(up.dataset.observations), regions=", ".join(up.regions)))
        st.button(t("data_upload_clear", lang), on_click=state.on_clear_upload, key="clear_upload")
