"""The HTML report as a 1,280-px browser lays it out (issue 20): no table runs past the page, and no
value is broken across lines ("≥ 105" over "万人", "0.0 ±" over "0.0", "(53–" over "64 %")."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenarios import load_preset
from scenarios.compare import compare
from talentsim.export.html import html_text

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (install Debian's chromium)"),
]
FIVE = ["baseline", "plan", "high-funding", "low-inflow", "shock"]


@pytest.fixture(scope="module")
def page():
    sync = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")
    with sync.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
        yield browser.new_page(viewport={"width": 1280, "height": 900})
        browser.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_five_scenarios_fit_1280_px_and_values_stay_whole(page, lang, tmp_path):
    cmp = compare([load_preset(n) for n in FIVE], paths=400)
    f = tmp_path / "report.html"
    f.write_text(html_text(cmp, lang=lang, charts=False), encoding="utf-8")
    page.goto(f.as_uri())
    width = page.evaluate("document.querySelector('h2').getBoundingClientRect().right")   # the text column
    rights = page.evaluate("[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)")
    assert rights and max(rights) <= width, (max(rights), width)
    # every no-wrap value (a probability, its range, a Δ and its SE, a growth) lies on one line
    broken = page.evaluate("""() => [...document.querySelectorAll('span.nw, td.nw, td.name + td')].filter(e => {
            const r = document.createRange(); r.selectNodeContents(e);
            return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1 && !e.matches('td.name + td');
        }).map(e => e.textContent)""")
    assert not broken, broken[:5]
    # a target may wrap inside its unit's words, never between comparator, number and unit's first word
    heads = page.evaluate("""() => [...document.querySelectorAll('td.name + td')].map(td => {
        const text = td.firstChild, m = text.data.match(/^\\S+\\u00a0\\S+(\\u00a0\\S+)?/);
        const r = document.createRange(); r.setStart(text, 0); r.setEnd(text, m ? m[0].length : 0);
        return [text.data, m !== null, new Set([...r.getClientRects()].map(x => Math.round(x.top))).size];
    })""")
    assert heads and all(ok and lines == 1 for _, ok, lines in heads), [h for h in heads if not (h[1] and h[2] == 1)]
