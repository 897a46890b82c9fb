"""The deck's target-setting slide: the numbers of ``scenarios.targets`` in the deck's language."""

from __future__ import annotations

import pytest
from pptx import Presentation

import scenarios
from scenarios.targets import targets_table
from talentsim.export import target_slide
from talentsim.export.pptx import HT, W
from talentsim.messages import t
from talentsim.targets_report import display_frame


@pytest.fixture(scope="module")
def cmp():
    return scenarios.compare([scenarios.load_preset("baseline"), scenarios.load_preset("plan")], paths=2_000)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_slide_shows_the_targets_table(cmp, lang):
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, HT
    target_slide.add(prs, cmp, lang)
    want = display_frame(targets_table(cmp.sims[0]), lang)
    assert len(prs.slides) == -(-len(want) // 12)
    s = prs.slides[0]
    assert s.shapes.title.text_frame.text == t("tgt_slide_title", lang)
    (tbl,) = [sh.table for sh in s.shapes if sh.has_table]
    head = [c.text for c in tbl.rows[0].cells]
    assert head[3:6] == [t("tgt_col_t", lang, p=p) for p in (50, 80, 90)]
    first = [c.text for c in tbl.rows[1].cells]
    assert first[0] == want.iloc[0][head[0]] and first[4] == want.iloc[0][head[4]]
