"""The app in a real browser: Debian's Chromium driven by Playwright (never ``playwright install``).

Starts ``streamlit run app.py`` on a free port, checks that the overview renders and that
moving the funding lever raises the high-level-talent probability, and saves screenshots
to ``artifacts/`` (desktop 1400×900, English, the views, the presentation mode).
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from tests.talentsim.app.streamlit_server import ROOT, serve

ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (install Debian's chromium)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serve(tmp_path_factory, TALENTSIM_SAVED_DIR=str(tmp_path_factory.mktemp("saved"))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _page(browser, url: str):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    page.goto(url, wait_until="domcontentloaded")
    return ctx, page


#: the script is not running: Streamlit's own run state on the app root (its 'running' widget
#: shows only after 500 ms of a run, so a check for the widget alone passes in a longer run's first
#: half second and reads the page before the run's results)
NOT_RUNNING = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
               " const s = app && app.getAttribute('data-test-script-state');"
               " return s && s !== 'running' && s !== 'rerunRequested'"
               " && !document.querySelector('[data-testid=\"stStatusWidget\"]'); }")


def _wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished running (:data:`NOT_RUNNING`)."""
    page.wait_for_timeout(300)
    page.wait_for_function(NOT_RUNNING, timeout=timeout)
    page.wait_for_timeout(400)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def _pct(text: str) -> float:
    m = re.search(r"([\d.]+)\s*%", text)
    assert m, f"no percentage in {text!r}"
    return float(m.group(1)) / 100


def test_overview_renders(server, browser):
    ctx, page = _page(browser, f"{server}/?region=tianhe&preset=plan&lang=zh")
    try:
        page.get_by_text("全部达标的概率").first.wait_for(timeout=60_000)
        page.locator("[data-testid='stTable']").first.wait_for(timeout=30_000)   # the overview table
        _wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
        assert any("%" in v for v in values), values
        _shot(page, "overview_zh_1400x900.png")
        page.goto(f"{server}/?region=tianhe&preset=plan&lang=en", wait_until="domcontentloaded")
        page.get_by_text("P(all targets met)").first.wait_for(timeout=60_000)
        _wait_idle(page)
        _shot(page, "overview_en_1400x900.png")
    finally:
        ctx.close()


def test_lever_change_updates_probability(server, browser):
    ctx, page = _page(browser, f"{server}/?region=tianhe&preset=plan&lang=en&view=indicator"
                               "&indicator=tianhe.high_level_talent")
    try:
        metric = page.locator("[data-testid='stMetricValue']").first
        metric.wait_for(timeout=60_000)
        _wait_idle(page)
        before = _pct(metric.inner_text())
        _shot(page, "indicator_before_1400x900.png")
        sel = ".st-key-lever_funding_cny_100m_per_year input[type='range']"
        thumb = page.locator(sel)
        assert thumb.get_attribute("value") == "1.2"
        thumb.focus()
        for _ in range(10):
            thumb.press("ArrowRight", delay=30)
            page.wait_for_timeout(60)
        page.wait_for_function(f"() => parseFloat(document.querySelector(\"{sel}\").value) >= 1.7", timeout=15_000)
        _wait_idle(page)
        moved = float(thumb.get_attribute("value"))
        page.wait_for_function(f"() => location.search.includes('funding_cny_100m_per_year={moved:g}')",
                               timeout=30_000)
        _wait_idle(page)
        after = _pct(metric.inner_text())
        for _ in range(60):   # on a loaded machine the rerun with the new value may still be on its way
            if after > before + 0.05:
                break
            page.wait_for_timeout(500)
            after = _pct(metric.inner_text())
        assert after > before + 0.05, (before, moved, after)
        _shot(page, "indicator_after_lever_1400x900.png")
        ready = {"compare": "[data-testid='stVegaLiteChart']", "solve": "[data-testid='stVegaLiteChart']",
                 "data": ".st-key-data_upload"}
        for view, wait_for in ready.items():
            page.goto(f"{server}/?region=tianhe&preset=plan&lang=zh&view={view}", wait_until="domcontentloaded")
            page.locator(wait_for).first.wait_for(timeout=60_000)
            _wait_idle(page)
            assert page.locator("[data-testid='stException']").count() == 0
            _shot(page, f"{view}_zh_1400x900.png")
    finally:
        ctx.close()


def test_presentation_mode(server, browser):
    ctx, page = _page(browser, f"{server}/?region=tianhe&preset=plan&lang=zh&present=1&step=0")
    try:
        page.get_by_text("下一页").first.wait_for(timeout=60_000)
        _wait_idle(page)
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        _shot(page, "present_summary_1400x900.png")
        page.get_by_role("button", name=re.compile("下一页")).click()
        page.get_by_text("第 2 /").first.wait_for(timeout=30_000)
        _wait_idle(page)
        _shot(page, "present_indicator_1400x900.png")
        page.goto(f"{server}/?region=liwan&lang=zh&present=1", wait_until="domcontentloaded")
        page.get_by_text("10 年内").first.wait_for(timeout=60_000)
        _wait_idle(page)
        _shot(page, "present_555_1400x900.png")
    finally:
        ctx.close()


SLIDER = ".st-key-lever_funding_cny_100m_per_year input[type='range']"


def _errors(page) -> list[str]:
    return [x for x in page.locator("[data-testid='stException'], [data-testid='stAlertContentError']").all_inner_texts()]


@pytest.mark.parametrize("view", ["overview", "indicator", "compare", "solve", "data"])
def test_language_switch_then_slider_keeps_everything(server, browser, view):
    """Issue 12 blocker: switching the language and then touching a lever lost every lever and view."""
    ctx, page = _page(browser, f"{server}/?region=tianhe&preset=plan&lang=zh&view={view}"
                               "&funding_cny_100m_per_year=1.6")
    try:
        page.locator(SLIDER).wait_for(timeout=90_000)
        _wait_idle(page)
        for lang_label, lang in (("English", "en"), ("中文", "zh")):
            page.locator(f"[data-testid='stSidebar'] label:has-text('{lang_label}')").click()
            _wait_idle(page)
            page.locator(SLIDER).focus()
            page.locator(SLIDER).press("ArrowRight")
            _wait_idle(page)
            assert _errors(page) == [], (view, lang, _errors(page))
            assert f"lang={lang}" in page.url and f"view={view}" in page.url, page.url
        # two presses of 0.1 from 1.6: the link's value survived both switches
        assert float(page.locator(SLIDER).get_attribute("value")) == pytest.approx(1.8)
        page.reload(wait_until="domcontentloaded")
        page.locator(SLIDER).wait_for(timeout=90_000)
        _wait_idle(page)
        assert float(page.locator(SLIDER).get_attribute("value")) == pytest.approx(1.8)
        assert f"view={view}" in page.url and _errors(page) == []
    finally:
        ctx.close()


PLAN_ROWS = [["talent_total", "人才资源总量", "Talent total", "万人", "people", "2025", "100", "{earlier}", "2030", ">=", "120"],
             ["high_level", "高层次人才", "High-level talent", "人", "people", "2025", "1500", "2020:1200", "2030", ">=", "2000"]]


def _paste_plan(page, earlier: str) -> None:
    """Paste two indicator rows into the new-plan grid from its first name cell (as a planner
    pastes from a spreadsheet)."""
    grid = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first
    box = grid.bounding_box()
    tsv = "\n".join("\t".join(c.format(earlier=earlier) for c in row) for row in PLAN_ROWS)
    page.evaluate("t => navigator.clipboard.writeText(t)", tsv)
    # columns: row selector (33 px), then the key: paste from there (Escape first: a click on an
    # already selected cell would open its text editor)
    page.keyboard.press("Escape")
    page.mouse.click(box["x"] + 33 + 30, box["y"] + 35 + 17)
    page.wait_for_timeout(300)
    page.keyboard.press("Control+V")
    page.wait_for_timeout(800)


def _new_plan_page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = ctx.new_page()
    page.goto(f"{server}/?region=tianhe&lang=en&view=newplan", wait_until="domcontentloaded")
    page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first.wait_for(timeout=90_000)
    _wait_idle(page)
    return ctx, page


def test_new_plan_bad_cell_is_named(server, browser):
    """Issue 12 item 8: rows pasted into the blank 15th-plan template with one bad cell; the
    problem is named by row and column."""
    ctx, page = _new_plan_page(browser, server)
    try:
        _paste_plan(page, "2020 90")                      # the bad cell: no ':' between year and value
        page.get_by_role("button", name="Check and simulate").click()
        page.get_by_text("problems in the table").first.wait_for(timeout=60_000)
        _wait_idle(page)
        problems = page.locator("[data-testid='stAlertContentError']").first.inner_text()
        assert "Row 1 · Earlier values" in problems and "2020 90" in problems, problems
        page.mouse.move(700, 600)
        page.mouse.wheel(0, 2000)
        _shot(page, "newplan_bad_cell_en_1280x800.png")
    finally:
        ctx.close()


def test_new_plan_from_blank_template_to_probabilities(server, browser):
    """Issue 12 item 8: the blank template, two pasted rows, check -> probabilities for 2030."""
    ctx, page = _new_plan_page(browser, server)
    try:
        _paste_plan(page, "2020:90")
        page.get_by_role("button", name="Check and simulate").click()
        page.get_by_text("probability of meeting the 2030 targets").first.wait_for(timeout=90_000)
        page.get_by_text("P(all targets met)").first.wait_for(timeout=90_000)
        _wait_idle(page)
        assert _errors(page) == []
        values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
        assert any("%" in v for v in values), values
        assert "region=upload" in page.url
        _shot(page, "newplan_simulated_en_1280x800.png")
    finally:
        ctx.close()


def _paste_funding(page, amounts: list[str]) -> None:
    """Paste the amounts (亿元) into the funding-history grid's amount column, from its first row."""
    _wait_idle(page)
    grid = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").nth(1)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    page.evaluate("t => navigator.clipboard.writeText(t)", "\n".join(amounts))
    page.keyboard.press("Escape")
    # columns: row selector (33 px), year (about 130 px), then the amount. Select the first year
    # (a click on the selected amount cell would open its editor), then step right; the grid's
    # canvas takes a click only after the pointer has rested on it
    x, y = box["x"] + 33 + 60, box["y"] + 35 + 17
    page.mouse.move(x, y)
    page.wait_for_timeout(200)
    page.mouse.down()
    page.wait_for_timeout(80)
    page.mouse.up()
    page.wait_for_timeout(300)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    page.keyboard.press("Control+V")
    page.wait_for_timeout(800)


def test_new_plan_with_a_funding_history_gives_the_funding_lever_its_figure(server, browser):
    """Issue 12 item 8: blank template -> rows -> a funding history (a bad cell first, named in the
    funding table) -> probabilities, with the funding lever starting at the history's mean."""
    ctx, page = _new_plan_page(browser, server)
    try:
        _paste_plan(page, "2020:90")
        _paste_funding(page, ["0.8", "1.0", "1.2", "一亿", "1.0"])   # 2021..2025; 2024 is not a number
        page.get_by_role("button", name="Check and simulate").click()
        page.get_by_text("problems in the table").first.wait_for(timeout=60_000)
        _wait_idle(page)
        problems = page.locator("[data-testid='stAlertContentError']").first.inner_text()
        assert "Talent funding history (optional) · Row 4 · Talent funding" in problems, problems
        assert "'一亿' is not a number" in problems, problems
        _paste_funding(page, ["0.8", "1.0", "1.2", "1.0", "1.0"])
        page.get_by_role("button", name="Check and simulate").click()
        page.get_by_text("P(all targets met)").first.wait_for(timeout=90_000)
        _wait_idle(page)
        assert _errors(page) == []
        caption = " ".join(page.locator("[data-testid='stCaptionContainer']").all_inner_texts())
        assert "historic funding of 100 million yuan a year" in caption, caption   # (0.8+1+1.2+1+1)/5
        _shot(page, "newplan_funding_en_1280x800.png")
    finally:
        ctx.close()


def test_chromium_found():
    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists()
