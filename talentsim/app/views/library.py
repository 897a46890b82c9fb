"""The scenario library (sidebar): open, rename, duplicate, delete saved scenarios; compare any two."""

from __future__ import annotations

import streamlit as st

from scenarios import NameTakenError, ScenarioError
from talentsim.app import display, library, state, upload
from talentsim.app.state import ss
from talentsim.app.views.common import choice
from talentsim.messages import t


def _done(key: str, **fields) -> None:
    ss._lib_msg = ("ok", t(key, state.lang(), **fields))


def _failed(exc: Exception, name: str) -> None:
    lang = state.lang()
    ss._lib_msg = ("error", t("lib_name_taken", lang, name=name) if isinstance(exc, NameTakenError)
                   else upload.scenario_error_text(exc, lang))


def _rename_or_copy(copy: bool) -> None:
    old, new = ss.get("lib_pick"), (ss.get("lib_new_name") or "").strip()
    if not old:
        return
    if copy and not new:
        new = library.copy_name(old, state.saved_names(), t("lib_copy_suffix", state.lang()))
    try:
        name = (library.duplicate if copy else library.rename)(state.saved_dir(), old, new or old)
    except ScenarioError as exc:
        _failed(exc, new)
        return
    if not copy and ss.get("src") == f"saved:{old}":       # the open scenario follows its file
        ss.src = f"saved:{name}"
        state.on_source_change()
    ss.lib_pick, ss.lib_new_name = name, ""
    _done("lib_duplicated" if copy else "lib_renamed", name=name)


def on_rename() -> None:
    _rename_or_copy(False)


def on_duplicate() -> None:
    _rename_or_copy(True)


def on_delete() -> None:
    name = ss.get("lib_pick")
    if not name or not ss.get("lib_confirm"):
        return
    library.delete(state.saved_dir(), name)
    ss.lib_confirm = False
    if ss.get("src") == f"saved:{name}":     # the open scenario is gone: back to the first preset
        ss.src = state.source_options()[0]
        state.on_source_change()
    _done("lib_deleted", name=name)


def on_open() -> None:
    if ss.get("lib_pick"):
        ss.src = f"saved:{ss.lib_pick}"
        state.on_source_change()


def on_compare() -> None:
    """Start from A, compare with B, show the comparison."""
    a, b = ss.get("lib_a"), ss.get("lib_b")
    if not a or not b or a == b:
        return
    ss.src = a
    state.on_source_change()
    ss.compare_with = [b]
    ss.view = "compare"


def panel(lang: str) -> None:
    with st.expander(t("lib_title", lang), expanded=bool(ss.get("_lib_msg"))):
        names = state.saved_names()
        kind, msg = ss.pop("_lib_msg", (None, None))
        if kind == "ok":
            st.success(display.plain(msg))
        elif kind == "error":
            st.error(display.plain(msg))
        if not names:
            st.caption(t("lib_empty", lang))
        else:
            if ss.get("lib_pick") not in names:
                ss.lib_pick = names[0]
            st.selectbox(t("lib_pick", lang), names, key="lib_pick")
            st.text_input(t("lib_new_name", lang), key="lib_new_name", max_chars=80)
            c1, c2, c3 = st.columns(3)
            c1.button(t("lib_open", lang), on_click=on_open, key="lib_open", width="stretch")
            c2.button(t("lib_rename", lang), on_click=on_rename, key="lib_rename", width="stretch")
            c3.button(t("lib_duplicate", lang), on_click=on_duplicate, key="lib_duplicate", width="stretch")
            c1, c2 = st.columns(2)
            c1.checkbox(t("lib_delete_confirm", lang), key="lib_confirm")
            c2.button(t("lib_delete", lang), on_click=on_delete, key="lib_delete", width="stretch",
                      disabled=not ss.get("lib_confirm"))
        opts = state.source_options()
        if len(opts) >= 2:
            fmt = lambda o, lang=lang: state.source_label(o, lang)  # noqa: E731
            if ss.get("lib_a") not in opts:
                ss.lib_a = ss.get("src") if ss.get("src") in opts else opts[0]
            if ss.get("lib_b") not in opts or ss.get("lib_b") == ss.lib_a:
                ss.lib_b = next(o for o in opts if o != ss.lib_a)
            choice(st.selectbox, t("lib_compare_a", lang), opts, "lib_a", format_func=fmt)
            choice(st.selectbox, t("lib_compare_b", lang), opts, "lib_b", format_func=fmt)
            st.button(t("lib_compare", lang), on_click=on_compare, key="lib_compare", width="stretch",
                      disabled=ss.get("lib_a") == ss.get("lib_b"))
