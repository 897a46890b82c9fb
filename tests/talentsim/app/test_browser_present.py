"""Issue 12 items 4-5 in a real browser (Debian's Chromium, as test_browser.py): the presentation
paged by keyboard through every slide, and a compare link opened in a fresh page.

Screenshots at 1280×800 go to ``artifacts/`` (both languages).
"""

from __future__ import annotations

import re
import urllib.parse

import pytest

from tests.talentsim.app.test_browser import CHROMIUM, _shot, _wait_idle, browser, server  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]


def _indicator_names(lang: str) -> list[str]:
    """The region's simulated indicators in the order of the page's summary (the engine's own)."""
    import scenarios
    from scenarios import load_preset

    sc = load_preset("plan").model_copy(update={"region": "tianhe", "data_dir": None, "paths": 200})
    sm = scenarios.simulate(sc).summary()
    return list(sm["name_en" if lang == "en" else "name_zh"])


def _context(browser, lang: str):  # noqa: F811 - the fixture
    return browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US" if lang == "en" else "zh-CN")


def _slide(page, i: int, n: int) -> None:
    page.get_by_text(f"Slide {i} of {n}", exact=True).wait_for(timeout=60_000)
    _wait_idle(page)


def _drawn(page) -> None:
    """Wait until every chart on the page is drawn (Vega draws after the page settles) and no
    element is left faded from the run before."""
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
                           ".every(c => c.querySelector('canvas, svg'))"
                           " && !document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    page.wait_for_timeout(300)


def test_presentation_by_keyboard_through_every_slide(server, browser):  # noqa: F811 - fixtures
    names = _indicator_names("en")
    ctx = _context(browser, "en")
    page = ctx.new_page()
    try:
        page.goto(f"{server}/?region=tianhe&preset=plan&lang=en&present=1&step=0", wait_until="domcontentloaded")
        first = page.get_by_text(re.compile(r"^Slide 1 of \d+$"))
        first.wait_for(timeout=90_000)
        n = int(first.inner_text().split()[-1])
        assert n >= 2 + len(names) + 2                  # two summary slides, each indicator, compare, closing
        _wait_idle(page)
        assert "Targets 1–8 of 16" in page.inner_text("body")
        _drawn(page)
        _shot(page, "present_summary_en_1280x800.png")
        page.locator(".st-key-next button").click()      # a mouse click leaves the focus on the button:
        _slide(page, 2, n)
        page.keyboard.press("Space")                     # Space then moves one slide, not two
        _slide(page, 3, n)
        page.wait_for_timeout(1500)
        assert page.get_by_text(f"Slide 3 of {n}", exact=True).is_visible()
        keys = ("ArrowRight", "PageDown", "Space")
        for i in range(3, n + 1):
            if i > 3:
                page.keyboard.press(keys[i % 3])
                _slide(page, i, n)
            title = page.locator("h1").first.inner_text().strip()
            if 3 <= i < 3 + len(names):                  # slide 3 is the first indicator's
                assert title == names[i - 3], (i, title)
                footer = page.locator(".present-footer").inner_text()
                assert "Scenario: The plan" in footer and "Talent funding per year 120 million yuan/yr" in footer
            if i == 4:
                _drawn(page)
                _shot(page, "present_indicator_en_1280x800.png")
            if i == 3 + len(names):
                assert title.startswith("Scenarios compared"), title
                _drawn(page)
                _shot(page, "present_compare_en_1280x800.png")
            if i > 3 + len(names):
                assert title == "What it takes"
                table = page.locator("[data-testid='stTable']").first
                table.wait_for(timeout=60_000)
                _drawn(page)
                assert table.bounding_box()["y"] + table.bounding_box()["height"] <= 800   # fits on the screen
                _shot(page, f"present_closing{i - 3 - len(names)}_en_1280x800.png")
        page.keyboard.press("PageUp")
        _slide(page, n - 1, n)
        page.keyboard.press("ArrowLeft")
        _slide(page, n - 2, n)
        page.keyboard.press("Home")
        _slide(page, 1, n)
        page.keyboard.press("End")
        _slide(page, n, n)
        page.keyboard.press("Escape")
        page.locator("[data-testid='stSidebar']").wait_for(state="visible", timeout=60_000)
        _wait_idle(page)
        assert "present=1" not in page.url
    finally:
        ctx.close()


@pytest.mark.parametrize("step, name", [(0, "summary"), (3, "indicator"), (18, "compare"), (19, "closing1"),
                                        (20, "closing2")])
def test_presentation_screenshots_in_chinese(server, browser, step, name):  # noqa: F811 - fixtures
    ctx = _context(browser, "zh")
    page = ctx.new_page()
    try:
        page.goto(f"{server}/?region=tianhe&preset=plan&lang=zh&present=1&step={step}"
                  "&compare=preset:baseline/preset:high-funding", wait_until="domcontentloaded")
        page.get_by_text(re.compile(rf"^第 {step + 1} / \d+ 页$")).wait_for(timeout=90_000)
        _wait_idle(page)
        if name.startswith("closing"):
            page.locator("[data-testid='stTable']").first.wait_for(timeout=60_000)
        assert page.locator("[data-testid='stAlertContentError']").count() == 0
        _drawn(page)
        _shot(page, f"present_{name}_zh_1280x800.png")
    finally:
        ctx.close()


def _grid(page, i: int) -> list[str]:
    """The cells of the ``i``-th table on the page (Streamlit's grid keeps an accessible copy)."""
    grid = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").nth(i)
    return grid.locator("[role='columnheader'], [role='gridcell']").all_inner_texts()


def test_compare_link_round_trip(server, browser):  # noqa: F811 - fixtures
    ctx = _context(browser, "zh")
    page = ctx.new_page()
    try:
        page.goto(f"{server}/?region=tianhe&preset=plan&lang=zh&view=compare&funding_growth_pct_per_year=6",
                  wait_until="domcontentloaded")
        page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").nth(1).wait_for(timeout=90_000)
        _wait_idle(page)
        page.locator(".st-key-_w_compare_with_zh").click()
        page.get_by_role("option", name="预设 · 加大投入").click()
        page.keyboard.press("Escape")                    # close the list (not presenting: the page keeps the key)
        page.wait_for_function("() => decodeURIComponent(location.search).includes('preset:high-funding')",
                               timeout=60_000)
        _wait_idle(page)
        link = page.url
        query = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
        assert query["compare"] == ["preset:baseline/preset:high-funding"], query
        levers, table = _grid(page, 0), _grid(page, 1)
        assert "规划情景（已修改）" in levers and "加大投入" in levers and "+6 %/年" in levers
        assert "规划情景（已修改） 相对 加大投入" in table   # read from the scenario on screen (issue 22)
        page.mouse.move(800, 400)
        page.mouse.wheel(0, 350)
        _drawn(page)
        _shot(page, "compare_zh_1280x800.png")
        fresh = _context(browser, "zh")
        try:
            again = fresh.new_page()
            again.goto(link, wait_until="domcontentloaded")
            again.locator("[data-testid='stMain'] [data-testid='stDataFrame']").nth(1).wait_for(timeout=90_000)
            _wait_idle(again)
            assert _grid(again, 0) == levers and _grid(again, 1) == table   # same comparison, same numbers
            chosen = again.locator(".st-key-_w_compare_with_zh").inner_text()
            assert "预设 · 基线" in chosen and "预设 · 加大投入" in chosen
        finally:
            fresh.close()
        page.goto(link.replace("lang=zh", "lang=en"), wait_until="domcontentloaded")
        page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").nth(1).wait_for(timeout=90_000)
        _wait_idle(page)
        assert "The plan (modified) vs High funding" in _grid(page, 1)
        page.mouse.move(800, 400)
        page.mouse.wheel(0, 350)
        _drawn(page)
        _shot(page, "compare_en_1280x800.png")
    finally:
        ctx.close()
