"""The deck's target-setting slide(s): per indicator of the reference scenario, the stated target and
its probability, the targets reached with 50 / 80 / 90 % probability and the stated target's ambition
among real plans' targets (``scenarios.targets``, worded by ``talentsim.targets_report``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import pandas as pd
from pptx.util import Inches

from scenarios.compare import Comparison
from scenarios.targets import targets_table
from talentsim.export import facts
from talentsim.export.pptx import MARGIN, ROWS_PER_SLIDE, HT, W, GREY, new_slide, table, textbox
from talentsim.export.slides_story import table_pages
from talentsim.messages import t
from talentsim.targets_report import display_frame

if TYPE_CHECKING:
    from pptx.presentation import Presentation

#: columns of the slide's table (display_frame's headers, by key)
_KEYS = ("tgt_col_indicator", "tgt_col_stated", "tgt_col_p_stated", ("tgt_col_t", 50), ("tgt_col_t", 80),
         ("tgt_col_t", 90), "tgt_col_ambition")


def _header(key: Any, lang: str) -> str:
    return t(key[0], lang, p=key[1]) if isinstance(key, tuple) else t(key, lang)


def add(prs: Presentation, cmp: Comparison, lang: str, f: Optional[pd.DataFrame] = None) -> None:
    """Add the target-setting slides (as many rows as fit, at most ``ROWS_PER_SLIDE``) for ``cmp``'s first
    scenario; with the deck's facts ``f``, the stated target's probability carries its model range."""
    tt = targets_table(cmp.sims[0])
    shown = display_frame(tt, lang)
    cols = [_header(k, lang) for k in _KEYS]
    if f is not None:      # the same paths give the same P as the overview: write it as the overview does
        ref = f.set_index("id")
        shown[cols[2]] = [facts.p_cell(ref.loc[i], 0, lang) if i in ref.index and np.isclose(ref.loc[i, "p0"], p)
                          else old for i, p, old in zip(tt["id"], tt["p_stated"], shown[cols[2]])]
    body = shown[cols].astype(str).values.tolist()
    widths, top = [3.6, 1.6, 1.1, 1.5, 1.5, 1.5, 1.0], Inches(1.15)
    # as many rows as fit above the note (wrapped English names make rows tall), balanced across slides
    parts = table_pages(cols, body, widths, 11, 0.36, 0.55, HT - Inches(0.67) - top, most=ROWS_PER_SLIDE)
    for c, chunk in enumerate(parts):
        slide = new_slide(prs, t("tgt_slide_title", lang) + (t("pptx_cont", lang) if c else ""),
                          t("tgt_intro", lang), size=24)
        table(slide, [cols] + chunk, top=top, widths=widths, size=11, row_h=0.36, head_h=0.55)
        textbox(slide, MARGIN, HT - Inches(0.62), W - 2 * MARGIN, Inches(0.5),
                [(t("tgt_ambition_note", lang), {"colour": GREY})],
                size=10)


__all__ = ["add"]
