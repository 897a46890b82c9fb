"""Data and sources: the region's indicators, observations and programmes; the upload panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from talentsim.app import display, state, upload
from talentsim.app.regions import UPLOAD
from talentsim.app.state import ss
from talentsim.app.views.common import uploader_in_language
from talentsim.messages import t

if TYPE_CHECKING:
    from scenarios.setup import Setup


def show(res: dict | None, setup: Setup, lang: str) -> None:
    ds = state.current_dataset()
    region = state.scenario_region()
    src = ds.source if ss.region == UPLOAD else t("data_shipped", lang)
    st.caption(t("data_source_of", lang, source=src))
    ind = ds.indicators[ds.indicators["region"] == region]
    # static tables: names, source titles and quotes wrap instead of being cut at 1280 px (the
    # ids, for the CLI, are in the region's CSV files; as a column they pushed the table off-screen)
    st.markdown(f"**{t('data_indicators', lang)}**")
    table = display.indicator_table(ind, lang).drop(columns=t("head:id", lang)).set_index(t("head:name", lang))
    st.table(display.plain_frame(table))
    obs = ds.observations[ds.observations["id"].isin(ind["id"])]
    st.markdown(f"**{t('data_observations', lang)}**")
    if obs.empty:   # Liwan, Tianjin: targets without observed values
        st.caption(t("data_no_observations", lang))
    else:
        st.table(display.plain_frame(display.observation_table(obs, ind, lang).set_index(t("head:name", lang))))
    prg = ds.programmes[ds.programmes["region"] == region] if not ds.programmes.empty else ds.programmes
    if not prg.empty:
        st.markdown(f"**{t('data_programmes', lang)}**")
        table = display.programme_table(prg, lang).set_index(t("head:programme", lang))
        st.table(display.plain_frame(table))   # wraps at 1280 px instead of cutting the quotes (issue 22)
    st.divider()
    upload_panel(lang)


def upload_panel(lang: str) -> None:
    st.markdown(f"**{t('data_upload_title', lang)}**")
    limit = f"{upload.UPLOAD_LIMIT / 1024 / 1024:.0f} MB"
    st.caption(t("data_upload_help", lang, limit=limit))
    template_buttons(lang)
    uploader_in_language(lang)
    # Streamlit's own "… MB per file" line then states our limit (not the server's larger one)
    st.file_uploader(t("data_upload_files", lang), type=["csv", "xlsx"], accept_multiple_files=True,
                     key="data_upload", on_change=state.on_data_upload,
                     max_upload_size=max(1, round(upload.UPLOAD_LIMIT / 1024 / 1024)))
    show_upload_status(lang)


def template_buttons(lang: str) -> None:
    """One-click downloads of the upload template (CSV per table, or one workbook) in ``lang``."""
    from talentsim.app import template

    st.caption(t("tpl_caption", lang))
    c1, c2, c3 = st.columns(3)
    for col, table, label in ((c1, "indicators", "tpl_csv_ind"), (c2, "observations", "tpl_csv_obs")):
        col.download_button(t(label, lang), template.csv_bytes(table, lang), file_name=f"{table}.csv",
                            mime="text/csv", key=f"tpl_{table}", on_click="ignore", width="stretch")
    c3.download_button(t("tpl_xlsx", lang), template.xlsx_bytes(lang), file_name=f"talentsim-template-{lang}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="tpl_xlsx",
                       on_click="ignore", width="stretch")


def show_upload_status(lang: str) -> None:
    problems = ss.get("upload_problems") or []
    if problems:
        from forecast.data.errors import cap_problems

        n, problems = len(problems), cap_problems(problems)  # a page, not a gigabyte of problems
        lines = "\n".join(f"- {display.plain(upload.problem_line(p, lang))}" for p in problems)
        st.error(t("data_upload_failed", lang, n=n) + "\n\n" + lines)
        st.dataframe(upload.problems_frame(problems, lang), hide_index=True, key="upload_problems_table")
    up = ss.get("upload")
    if up is not None:
        st.success(t("data_upload_ok", lang, name=display.plain(up.dataset.source), n_ind=len(up.dataset.indicators),
                     n_obs=len(up.dataset.observations), regions=", ".join(up.regions)))
        st.button(t("data_upload_clear", lang), on_click=state.on_clear_upload, key="clear_upload")
