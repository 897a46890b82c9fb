"""Methods: where the probabilities come from, built from the project's own ``docs/probabilities.md``.

The note is the repository's own file (never user text), so it is rendered as Markdown; the
Chinese page shows the catalogue's summary of the same steps (the note is written in English).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from functools import lru_cache
from pathlib import Path

import streamlit as st

from talentsim.messages import t

if TYPE_CHECKING:
    from scenarios.setup import Setup

#: the methods note of a checkout (``docs/`` beside the ``talentsim`` package)
DOC = Path(__file__).resolve().parents[3] / "docs" / "probabilities.md"


@lru_cache(maxsize=1)
def note_text() -> str:
    """The methods note, '' when this installation has no ``docs/`` folder."""
    return DOC.read_text(encoding="utf-8") if DOC.is_file() else ""


def show(res: dict[str, Any], setup: Setup, lang: str) -> None:
    st.subheader(t("view_methods", lang))
    st.caption(t("methods_intro", lang))
    if lang == "zh":
        st.markdown(t("methods_zh_body", lang))
        return
    text = note_text()
    if not text:
        st.info(t("methods_doc_missing", lang))
        return
    st.markdown(text)
