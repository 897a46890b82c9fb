"""The deck's target-setting slide(s): per indicator of the reference scenario, the stated target and
its probability, the targets reached with 50 / 80 / 90 % probability and the stated target's ambition
among real plans' targets (``scenarios.targets``, worded by ``talentsim.targets_report``)."""

from __future__ import annotations

from typing import Any

from pptx.util import Inches

from scenarios.compare import Comparison
from scenarios.targets import targets_table
from talentsim.export.pptx import MARGIN, ROWS_PER_SLIDE, HT, W, GREY, new_slide, table, textbox
from talentsim.messages import t
from talentsim.targets_report import display_frame

#: columns of the slide's table (display_frame's headers, by key)
_KEYS = ("tgt_col_indicator", "tgt_col_stated", "tgt_col_p_stated", ("tgt_col_t", 50), ("tgt_col_t", 80),
         ("tgt_col_t", 90), "tgt_col_ambition")


def _header(key: Any, lang: str) -> str:
    return t(key[0], lang, p=key[1]) if isinstance(key, tuple) else t(key, lang)


def add(prs: Any, cmp: Comparison, lang: str) -> None:
    """Add the target-setting slides (one per ``ROWS_PER_SLIDE`` indicators) for ``cmp``'s first scenario."""
    shown = display_frame(targets_table(cmp.sims[0]), lang)
    cols = [_header(k, lang) for k in _KEYS]
    for c in range(0, len(shown), ROWS_PER_SLIDE):
        chunk = shown.iloc[c:c + ROWS_PER_SLIDE]
        slide = new_slide(prs, t("tgt_slide_title", lang) + (t("pptx_cont", lang) if c else ""),
                          t("tgt_intro", lang), size=24)
        rows = [cols] + chunk[cols].astype(str).values.tolist()
        table(slide, rows, top=Inches(1.15), widths=[3.6, 1.6, 1.1, 1.5, 1.5, 1.5, 1.0], size=11, row_h=0.36,
              head_h=0.55)
        textbox(slide, MARGIN, HT - Inches(0.62), W - 2 * MARGIN, Inches(0.5),
                [(t("tgt_ambition_note", lang), {"colour": GREY})],
                size=10)


__all__ = ["add"]
