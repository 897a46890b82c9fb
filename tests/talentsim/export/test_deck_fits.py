"""Issue 20, rendered: tables end above the note under them, and LibreOffice draws no text over text.

Rendering the decks showed the English target-setting table and the five-scenario overview running
under their notes and off the slide (a row hidden), the Guangdong assumptions table under its
descriptions, and scorecard rows saying "see why below" with nothing below. Tables are now split by
their measured height (:func:`talentsim.export.slides_story.table_pages`); these tests hold that,
structurally on every deck and, where LibreOffice and poppler are installed, on the rendered PDF.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Inches

from scenarios import load_preset
from scenarios.compare import compare
from talentsim.export import pptx_bytes
from talentsim.export.slides_story import table_height
from talentsim.messages import t

FIVE = ["baseline", "plan", "high-funding", "low-inflow", "shock"]


def _cmp(region: str, presets: list[str]):
    from scenarios.baseline import region_setup

    region_setup(region, 2025, None)          # must build: a broken setup fails here, never skips
    return compare([load_preset(n).model_copy(update={"region": region}) for n in presets], paths=300)


@pytest.fixture(scope="module")
def decks():
    """English decks (long names wrap most): Tianhe with five scenarios, Guangdong with three."""
    return {"tianhe5": pptx_bytes(_cmp("tianhe", FIVE), lang="en", limit=1),
            "guangdong3": pptx_bytes(_cmp("guangdong", FIVE[:3]), lang="en", limit=1)}


def _table_bottom(shape) -> int:
    tbl = shape.table
    rows = [[c.text for c in r.cells] for r in tbl.rows]
    widths = [c.width / Inches(1) for c in tbl.columns]
    size = next(r.font.size.pt for p in tbl.cell(1, 0).text_frame.paragraphs for r in p.runs)
    head_h, row_h = (tbl.rows[0].height / Inches(1), tbl.rows[1].height / Inches(1))
    return shape.top + table_height(rows, widths, size, row_h, head_h, width=shape.width)


@pytest.mark.parametrize("which", ["tianhe5", "guangdong3"])
def test_every_table_ends_above_the_text_under_it_and_inside_the_slide(decks, which):
    prs = Presentation(io.BytesIO(decks[which]))
    for k, slide in enumerate(prs.slides, start=1):
        for sh in slide.shapes:
            if not sh.has_table or len(sh.table.rows) < 2:
                continue
            bottom = _table_bottom(sh)
            assert bottom <= prs.slide_height, f"slide {k}: table runs off the slide"
            for other in slide.shapes:
                if other.has_text_frame and other.top > sh.top and other.left < sh.left + sh.width \
                        and other.text_frame.text.strip():
                    assert bottom <= other.top, (f"slide {k}: table ends {(bottom - other.top) / Inches(1):.2f} in "
                                                 f"under {other.text_frame.text[:40]!r}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scorecard_rows_without_a_probability_say_why_on_their_own_slide(lang):
    from scenarios.scorecard import current_year, scorecard
    from talentsim.messages.skips import skip_reason

    card = scorecard("tianhe", now=current_year(), paths=300)
    missing = card[card["p_hit"].isna()]
    assert not missing.empty, "the shipped Tianhe scorecard has rows without a probability; the test needs one"
    prs = Presentation(io.BytesIO(pptx_bytes(_cmp("tianhe", FIVE[:2]), lang=lang, limit=1)))
    none = t("sc_no_p", lang)
    seen = 0
    for slide in prs.slides:
        cells = [c.text for sh in slide.shapes if sh.has_table for r in sh.table.rows for c in r.cells]
        if none not in cells:
            continue
        seen += cells.count(none)
        texts = [p.text for sh in slide.shapes if sh.has_text_frame and not sh.is_placeholder
                 for p in sh.text_frame.paragraphs]
        assert any(x.startswith(t("sc_why_no_p", lang, n=cells.count(none))) for x in texts), texts
        for why in {skip_reason(w, lang) for w in missing["why_no_p"]}:
            assert any(why in x for x in texts), f"{why!r} not under the table"
        if lang == "zh":
            assert not any(re.search(r"[A-Za-z]{3,}", x) for x in texts), texts
    assert seen == len(missing)


def _words(pdf):
    """Per page of the file ``pdf``: its size and the boxes of its words (pdftotext -bbox), in points."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True,
                         timeout=120).stdout.decode()
    box = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    for page in out.split("<page ")[1:]:
        w, h = map(float, re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        yield w, h, [(float(a), float(b), float(c), float(d), s) for a, b, c, d, s in box.findall(page)]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext) to render the deck")
def test_rendered_five_scenario_deck_draws_no_text_over_text(decks, tmp_path):
    """Two words overlap when their boxes cross by over half a line's height (lines of one paragraph
    touch, they do not cross); a word past the page edge is off the slide."""
    src = tmp_path / "deck.pptx"
    src.write_bytes(decks["tianhe5"])
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=300)
    bad = []
    for k, (w, h, words) in enumerate(_words(tmp_path / "deck.pdf"), start=1):
        bad += [(k, "off the slide", s) for x0, y0, x1, y1, s in words if x1 > w + 1 or y1 > h + 1]
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if min(a[2], b[2]) - max(a[0], b[0]) > 1 and \
                        min(a[3], b[3]) - max(a[1], b[1]) > 0.5 * min(a[3] - a[1], b[3] - b[1]):
                    bad.append((k, a[4], b[4]))
    assert not bad, bad[:10]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("x,lo,hi", [(0.128, 0.1265, 0.1302), (0.42, 0.38, 0.48), (-0.0045, -0.0049, -0.0041)])
def test_a_difference_range_never_reads_as_one_number_twice(lang, x, lo, hi):
    """The Tianhe headline read "+13 百分点（+13–13）": ends that round alike get a decimal."""
    from talentsim.export.story import pp_range

    text = pp_range(x, lo, hi, lang)
    ends = re.findall(r"[-+]?\d+(?:\.\d+)?", text.split("（" if lang == "zh" else "(")[1])
    assert len(ends) == 2 and float(ends[0]) != float(ends[1]), text
    assert float(ends[0]) <= float(re.match(r"[-+]?\d+(?:\.\d+)?", text).group()) <= float(ends[1]), text


@pytest.mark.parametrize("which", ["tianhe5", "guangdong3"])
def test_bar_chart_labels_are_broken_into_short_lines(decks, which):
    """The English comparison chart gave a 136-character name one line, squeezing the bars into a third
    of the slide; labels are now lines of at most 26 ems (a closing mark may end one)."""
    from talentsim.export.slides_story import _width

    prs = Presentation(io.BytesIO(decks[which]))
    cats = [str(c) for s in prs.slides for sh in s.shapes if sh.has_chart for c in sh.chart.plots[0].categories]
    assert cats
    for c in cats:
        assert all(_width(line) <= 27 for line in c.split("\n")), c


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_broken_label_joins_back_into_the_name(lang):
    """English breaks at a space (the space becomes the break), Chinese between characters."""
    from forecast.data import load_dataset
    from talentsim.export.facts import has_cjk
    from talentsim.export.slides_story import label_lines

    col = "name_zh" if lang == "zh" else "name_en"
    names = [n for n in load_dataset(None).indicators[col].dropna().astype(str) if n]
    assert len(names) > 50
    for n in names:
        out = label_lines(n)
        assert out.replace("\n", "" if has_cjk(n) or " " not in n else " ") == n, out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_range_no_wider_than_the_noise_is_said_in_words(lang):
    """Plan vs baseline on Tianhe's high-level talent: the per-draw differences scatter no more than
    Monte Carlo noise, so Simulation._range gives lo == hi == 0.12825 and the slide read "+13 (+13–13)"."""
    from talentsim.export.story import pp_range

    text = pp_range(0.12825, 0.12825, 0.12825, lang)
    assert text.startswith("+12.8 ") and t("story_range_tight", lang) in text and "–" not in text, text
