"""Deck structure on the shipped Tianhe data: title placeholders, alt text, notes, the
headline and method slides, slide counts for 2 and 6 scenarios, shapes inside the slide,
and one language in every text frame (slides and notes)."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from scenarios import load_preset
from scenarios.compare import compare
from talentsim.export import facts, pptx_bytes, tables
from talentsim.messages import t

PRESETS = ["baseline", "plan", "high-funding", "low-inflow", "shock"]
LIMIT = 2


@pytest.fixture(scope="module")
def comparisons():
    from scenarios.baseline import region_setup

    region_setup("tianhe", 2025, None)   # must build: a broken setup fails here, never skips
    two = compare([load_preset("baseline"), load_preset("plan")], paths=400)
    sixth = load_preset("plan").with_levers(funding_cny_100m_per_year=3.0).model_copy(update={"name": "规划加码",
                                                                                             "description": "资金加码"})
    six = compare([load_preset(n) for n in PRESETS] + [sixth], paths=400)
    return {"two": two, "six": six}


def _deck(cmp, lang):
    return Presentation(io.BytesIO(pptx_bytes(cmp, lang=lang, limit=LIMIT)))


def _frames(prs):
    """Every text of every slide: text frames, table cells, chart titles/categories, notes."""
    for k, slide in enumerate(prs.slides, start=1):
        for sh in slide.shapes:
            if sh.has_text_frame:
                yield k, sh.text_frame.text
            if sh.has_table:
                yield from ((k, c.text) for row in sh.table.rows for c in row.cells)
            if sh.has_chart:
                yield from ((k, str(c)) for c in sh.chart.plots[0].categories)
                yield from ((k, s.name) for s in sh.chart.plots[0].series)
        yield k, slide.notes_slide.notes_text_frame.text


@pytest.mark.parametrize("which,lang", [("two", "zh"), ("two", "en"), ("six", "zh")])
def test_structure(comparisons, which, lang):
    cmp = comparisons[which]
    prs = _deck(cmp, lang)
    slides = list(prs.slides)
    titles = [s.shapes.title.text_frame.text if s.shapes.title is not None else None for s in slides]
    assert all(titles), f"slide without a title placeholder: {titles}"
    assert titles[1] == t("story_title", lang) and titles[2] == t("story_risk_title", lang)
    assert titles[-1] == t("deck_method", lang)
    for k, s in enumerate(slides, start=1):
        assert s.notes_slide.notes_text_frame.text.strip(), f"slide {k} has no speaker notes"
        for sh in s.shapes:
            assert 0 <= sh.left and sh.left + sh.width <= prs.slide_width, f"slide {k}: {sh.name} overflows right"
            assert 0 <= sh.top and sh.top + sh.height <= prs.slide_height, f"slide {k}: {sh.name} overflows bottom"
            if sh.shape_type == MSO_SHAPE_TYPE.PICTURE or sh.has_chart:
                el = sh._element.nvPicPr if sh.shape_type == MSO_SHAPE_TYPE.PICTURE else sh._element.nvGraphicFramePr
                descr = el.cNvPr.get("descr", "")
                assert len(descr) > 20 and "image.png" not in descr, f"slide {k}: alt text {descr!r}"
    pictures = sum(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slides for sh in s.shapes)
    charts = sum(sh.has_chart for s in slides for sh in s.shapes)
    fans = len(tables.key_indicators(cmp, LIMIT))
    parts = sum(x.startswith(t("pptx_comparison", lang)) for x in titles)
    assert pictures == fans and charts == parts + 1   # fan charts as images; comparison and region native
    f = facts.indicator_facts(cmp, None, lang)
    changed, same = int((~f["same"]).sum()), int(f["same"].sum())
    moved = sum(x.startswith(t("pptx_overview", lang)) for x in titles)   # as many as the rows need
    assert _body_rows(slides, lambda x: x.startswith(t("pptx_overview", lang))) == changed
    assert moved >= -(-changed // 12)
    overview = moved + -(-same // 24)
    from forecast.data import load_dataset
    from scenarios.scorecard import current_year, passed_targets

    passed = len(passed_targets(load_dataset(None), cmp.sims[0].scenario.region, current_year()))
    sc_title = t("sc_title", lang, region=facts.region_name(cmp.sims[0].scenario.region, lang))
    # the plan's scorecard (a target year has passed) and target-setting (talentsim/export/target_slide.py):
    # as many slides as their rows need (at most 12 a slide, fewer where names wrap), every row once
    scorecard = sum(sc_title in x for x in titles)
    targets = sum(x.startswith(t("tgt_slide_title", lang)) for x in titles)
    assert _body_rows(slides, lambda x: sc_title in x) == passed and scorecard >= -(-passed // 12)
    assert _body_rows(slides, lambda x: x.startswith(t("tgt_slide_title", lang))) == len(cmp.sims[0].ids)
    assert targets >= -(-len(cmp.sims[0].ids) // 12)
    # title, 2 headline, assumptions; region, scorecard, target-setting, method
    assert len(slides) == 4 + overview + fans + parts + 2 + scorecard + targets
    assert titles[-1 - targets] == t("tgt_slide_title", lang)


def _body_rows(slides, titled) -> int:
    """Table rows below the head on the slides whose title passes ``titled``."""
    return sum(len(sh.table.rows) - 1 for s in slides if titled(s.shapes.title.text_frame.text)
               for sh in s.shapes if sh.has_table)


def test_two_and_six_scenarios_fold_what_does_not_change(comparisons):
    six = facts.indicator_facts(comparisons["six"], None, "zh")
    two = facts.indicator_facts(comparisons["two"], None, "zh")
    # baseline vs plan differ in funding only: most rows are folded; six scenarios move more rows
    assert two["same"].sum() > len(two) / 2 and (~six["same"]).sum() > (~two["same"]).sum()


def _allowed_latin(cmp, prs_hash: str) -> list[str]:
    names = list(cmp.sims[0].setup.indicators["name_zh"].astype(str))
    return names + ["talentsim", "SHA-256", "Excel", prs_hash]


@pytest.mark.parametrize("which,lang", [("two", "zh"), ("two", "en"), ("six", "zh")])
def test_one_language_in_every_text_frame(comparisons, which, lang):
    cmp = comparisons[which]
    prs = _deck(cmp, lang)
    digest = facts.data_hash(cmp)
    for k, text in _frames(prs):
        if lang == "en":
            assert not facts.has_cjk(text), f"slide {k}: Chinese in the English deck: {text!r}"
        else:
            rest = text
            for ok in sorted(_allowed_latin(cmp, digest), key=len, reverse=True):
                rest = rest.replace(ok, "")
            assert not re.search(r"[A-Za-z]", rest), f"slide {k}: Latin text in the Chinese deck: {text!r}"


def test_funding_has_no_effect_where_the_region_has_no_funding_figure(comparisons):
    cmp = comparisons["two"]
    assert facts.lever_effects(cmp)["funding_cny_100m_per_year"] is None   # Tianhe has a funding figure
    from scenarios.baseline import region_setup

    gd = region_setup("guangdong", 2025, None)
    if gd.historic_funding is not None:
        pytest.skip("Guangdong gained a funding figure")
    sc = [load_preset("baseline").model_copy(update={"region": "guangdong"}),
          load_preset("plan").model_copy(update={"region": "guangdong"})]
    g = compare(sc, paths=200)
    eff = facts.lever_effects(g)
    assert eff["funding_cny_100m_per_year"] == "lever_off_no_funding_history"
    prs = _deck(g, "zh")
    texts = [x for k, x in _frames(prs) if k == 4]
    assert any(t("lever_off_no_funding_history", "zh") in x for x in texts)
    assert any("广东省" in x for _, x in _frames(prs))
