"""Save and share: name, download, save to the local folder, load a scenario file."""

from __future__ import annotations

import streamlit as st

from talentsim.app import display, state
from talentsim.app.state import ss
from talentsim.app.views.common import uploader_in_language
from talentsim.messages import t


def panel(lang: str) -> None:
    with st.expander(t("save_title", lang), expanded=bool(ss.get("_save_refused") or ss.get("_yaml_error"))):
        st.text_input(t("scenario_name", lang), key="scn_name", max_chars=80)
        # the description in the page's language (``description`` is the English one)
        st.text_area(t("scenario_description", lang), key="scn_desc_zh" if lang == "zh" else "scn_desc", height=68)
        sc = state.current_scenario()
        st.download_button(t("download_yaml", lang), sc.to_yaml().encode("utf-8"), file_name=f"{sc.name}.yaml",
                           mime="application/x-yaml", width="stretch", key="download_yaml")
        if ss.get("_save_refused"):
            st.warning(t("guard_name_taken", lang, name=display.plain(ss.get("scn_name", ""))))
            st.checkbox(t("overwrite", lang), key="overwrite")
        st.button(t("save_local", lang), on_click=state.on_save_local, width="stretch", key="save_local")
        if ss.get("_save_ok"):
            st.success(display.plain(ss._save_ok))
        if ss.get("_save_error"):
            st.error(display.plain(ss.pop("_save_error")))
        uploader_in_language(lang)
        st.file_uploader(t("load_yaml", lang), type=["yaml", "yml"], key="yaml_upload", on_change=state.on_yaml_upload,
                         max_upload_size=1)   # a scenario file is a few hundred bytes (scenarios.safe_yaml: 256 kB)
        if ss.get("_yaml_error"):
            st.error(display.plain(ss._yaml_error))
        elif ss.get("_yaml_ok"):
            st.success(display.plain(ss._yaml_ok))
        if ss.get("_yaml_note"):
            st.info(display.plain(ss._yaml_note))
        st.caption(t("share_link", lang))
