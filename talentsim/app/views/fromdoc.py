"""The "from a document" panel of the new-plan view: upload or paste → proposed rows → the planner
ticks and edits them → the ticked rows (with their source sentences) join the plan's table."""

from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from forecast.data.schema import COMPARATORS, TYPES, UNITS
from forecast.extract.read import ExtractError
from talentsim.app import fromdoc, upload
from talentsim.app.state import ss
from talentsim.app.views.common import uploader_in_language
from talentsim.messages import t, unit_text


def show(lang: str, plan: pd.DataFrame, on_accept: Callable[[pd.DataFrame], None]) -> None:
    """The panel, folded unless a proposal is open (the rows-added message shows above it, folded or not)."""
    msg = ss.get("doc_message")
    if msg and msg[0] == "success":
        st.success(msg[1])
    with st.expander(t("extract_title", lang), expanded="doc_proposal" in ss):
        st.caption(t("extract_intro", lang))
        uploader_in_language(lang)
        c1, c2 = st.columns(2)
        up = c1.file_uploader(t("extract_upload", lang), type=["txt", "md", "docx", "pdf"], key="doc_file",
                              max_upload_size=max(1, round(upload.UPLOAD_LIMIT / 1024 / 1024)))
        pasted = c2.text_area(t("extract_paste", lang), key="doc_paste", height=100)
        if st.button(t("extract_read", lang), key="doc_read"):
            _read(up, pasted, lang)
        msg = ss.get("doc_message")                # Read may just have set it
        if msg and msg[0] != "success":
            getattr(st, msg[0])(msg[1])
        if "doc_proposal" in ss:
            _proposal(lang, plan, on_accept)


def _read(up, pasted: str, lang: str) -> None:
    name = up.name if up is not None else t("extract_paste", lang)
    ss.pop("doc_proposal", None)
    try:
        text = fromdoc.document_text(up.getvalue() if up is not None else None, pasted, name)
    except ExtractError as exc:
        ss.doc_message = ("error", fromdoc.error_text(exc, name, lang))
        return
    df, reason = fromdoc.propose(text, name)
    if df.empty:
        ss.doc_message = ("warning", t("extract_empty", lang, reason=reason))
        return
    ss.doc_proposal = df
    ss.doc_version = ss.get("doc_version", 0) + 1
    ss.doc_message = ("info", t("extract_found", lang, n=len(df), targets=int(df["target_value"].ne("").sum())))


def _proposal(lang: str, plan: pd.DataFrame, on_accept: Callable[[pd.DataFrame], None]) -> None:
    col = st.column_config
    cfg = {"use": col.CheckboxColumn(t("extract_col:use", lang), width="small"),
           "name_zh": col.TextColumn(t("extract_col:name_zh", lang), width="medium"),
           "unit": col.SelectboxColumn(t("extract_col:unit", lang), options=list(UNITS), width="small",
                                       format_func=lambda u: unit_text(u, lang)),
           "type": col.SelectboxColumn(t("extract_col:type", lang), options=list(TYPES), width="small",
                                       format_func=lambda k: t(f"type:{k}", lang)),
           "base_year": col.NumberColumn(t("extract_col:base_year", lang), format="%d", width="small"),
           "base_value": col.TextColumn(t("extract_col:base_value", lang), width="small"),
           "target_year": col.NumberColumn(t("extract_col:target_year", lang), format="%d", width="small"),
           "target_op": col.SelectboxColumn(t("extract_col:target_op", lang), options=list(COMPARATORS),
                                            width="small"),
           "target_value": col.TextColumn(t("extract_col:target_value", lang), width="small"),
           "confidence": col.NumberColumn(t("extract_col:confidence", lang), format="%.2f", disabled=True,
                                          width="small"),
           "quote": col.TextColumn(t("extract_col:quote", lang), disabled=True, width="large"),
           "line": col.NumberColumn(t("extract_col:line", lang), format="%d", disabled=True, width="small")}
    labels = {k: t(f"extract_col:{k}", lang) for k in fromdoc.PROPOSAL_COLUMNS}
    edited = st.data_editor(ss.doc_proposal.rename(columns=labels), hide_index=True, width="stretch",
                            column_config={labels[k]: v for k, v in cfg.items()}, num_rows="fixed",
                            key=f"doc_editor_{ss.doc_version}")
    edited = edited.rename(columns={v: k for k, v in labels.items()})
    if st.button(t("extract_accept", lang), key="doc_accept", type="primary"):
        merged, n = fromdoc.accept(plan, edited)
        if not n:
            ss.doc_message = ("warning", t("extract_none_ticked", lang))
            return
        ss.pop("doc_proposal", None)
        ss.doc_message = ("success", t("extract_added", lang, n=n))
        on_accept(merged)
        st.rerun()
