"""Slides, HTML report and chart images of a comparison."""

from __future__ import annotations

import html as _html
import io
import re

import numpy as np
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from talentsim.export import html_text, pptx_bytes, save_charts
from talentsim.export.fonts import FONT_FAMILY
from talentsim.export.tables import key_indicators
from talentsim.messages import fmt_pp, t
from tests.talentsim.export.conftest import EVIL_NAME, HTML_NAME

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def deck(cmp):
    return Presentation(io.BytesIO(pptx_bytes(cmp, lang="zh", limit=2)))


def _texts(slide):
    out = []
    for sh in slide.shapes:
        if sh.has_text_frame:
            out.append(sh.text_frame.text)
        if sh.has_table:
            out += [c.text for row in sh.table.rows for c in row.cells]
    return out


def _tables(slide):
    return [[[c.text for c in row.cells] for row in sh.table.rows] for sh in slide.shapes if sh.has_table]


def test_slides(cmp, deck):
    slides = list(deck.slides)
    titles = [s.shapes.title.text_frame.text for s in slides]
    assert titles[1:4] == [t("story_title", "zh"), t("story_risk_title", "zh"), t("pptx_assumptions", "zh")]
    assert titles[-4:] == [t("pptx_comparison", "zh"), t("report_region", "zh"), t("tgt_slide_title", "zh"),
                           t("deck_method", "zh")]
    title = " ".join(_texts(slides[0]))
    assert all(n in title for n in cmp.names) and "syn" in title
    pics = [sum(sh.shape_type == 13 for sh in s.shapes) for s in slides]
    fans = len(key_indicators(cmp, 2))
    assert sum(pics) == fans and pics[-4 - fans:-4] == [1] * fans


def test_overview_numbers_equal_the_simulation(cmp, deck):
    overview = [s for s in deck.slides if s.shapes.title.text_frame.text == t("pptx_overview", "zh")]
    (table,) = _tables(overview[0])
    t_ = cmp.table().dropna(subset=[f"p_hit[{cmp.names[0]}]"]).set_index("name_zh")
    moved = 0
    for row in table[1:]:
        r = t_.loc[row[0]]
        for j, n in enumerate(cmp.names):
            assert row[2 + j].startswith(f"{r[f'p_hit[{n}]']:.0%} (")      # with its model range
        for j, n in enumerate(cmp.names[1:]):
            assert row[2 + len(cmp.names) + j] == fmt_pp(r[f"diff[{n}]"] * 100, r[f"diff_se[{n}]"] * 100, unit=False)
            moved += abs(r[f"diff[{n}]"]) >= 0.0005
    assert moved >= len(table) - 1   # every listed row moves in some scenario


def test_assumptions_slide_has_lever_values(cmp, deck):
    (table,) = _tables(deck.slides[3])
    funding = next(r for r in table if r[0] == "人才专项资金（每年）")
    assert funding[1] == "亿元/年" and funding[3] == "3" and funding[-1] == t("deck_acts", "zh")


def test_alt_text_and_notes(deck):
    for s in deck.slides:
        assert s.notes_slide.notes_text_frame.text
        for sh in s.shapes:
            if sh.shape_type == 13:
                assert "扇形图" in sh._element.nvPicPr.cNvPr.get("descr")


def test_every_run_names_an_east_asian_font(deck):
    runs = [r for s in deck.slides for r in s.element.iter(qn("a:r"))]
    assert runs
    for r in runs:
        ea = r.find(qn("a:rPr")).find(qn("a:ea"))
        assert ea is not None and ea.get("typeface") == FONT_FAMILY


def test_html_has_the_numbers_and_escapes_user_text(cmp):
    text = html_text(cmp, lang="en", limit=1)
    t = cmp.table()
    for n in cmp.names:
        for p in t[f"p_hit[{n}]"].dropna():     # each probability with its model range (issue 20)
            whole = "|".join({f"{int(p * 100)}", f"{int(p * 100) + 1}"})     # either side of a half
            assert re.search(rf"(?:{whole})\u00a0%</span> <span class=\"nw\">\(\d+\u2060–\u2060\d+\)", text), p
    d = t[f"diff[{cmp.names[1]}]"].dropna()
    assert f"{d.max() * 100:+.1f}" in text
    assert "<img src=x" not in text and _html.escape(HTML_NAME) in text
    assert _html.escape(EVIL_NAME) in text and "<b>bold</b>" not in text
    # self-contained: no scripts, no external style sheets or images
    assert "<script" not in text.lower() and "<link" not in text.lower()
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'<img[^>]* src="([^"]*)"', text))
    assert text.count('src="data:image/png;base64,') == 2


def test_save_charts(cmp, tmp_path):
    paths = save_charts(cmp, tmp_path / "charts", formats=("png", "svg"), lang="zh", limit=1)
    names = sorted(p.name for p in paths)
    first = key_indicators(cmp, 1)[0]
    assert names == sorted(["comparison.png", "comparison.svg", f"fan_{first}.png", f"fan_{first}.svg"])
    for p in paths:
        data = p.read_bytes()
        assert data.startswith(PNG) if p.suffix == ".png" else b"<svg" in data[:500]
    svg = (tmp_path / "charts" / "comparison.svg").read_text(encoding="utf-8")
    assert "达标概率" in svg  # the Chinese axis title is in the chart
    with pytest.raises(ValueError, match="format"):
        save_charts(cmp, tmp_path, formats=("gif",))


def test_key_indicators_rank_what_the_levers_move(cmp):
    ids = key_indicators(cmp, None)
    assert "syn.no_target" not in ids and len(ids) == 5
    t = cmp.table().set_index("id")
    moved = np.abs(t.loc[ids, [f"diff[{n}]" for n in cmp.names[1:]]].to_numpy()).max(axis=1)
    assert list(moved) == sorted(moved, reverse=True)
