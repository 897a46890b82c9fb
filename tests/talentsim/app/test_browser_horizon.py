"""Any horizon in a real browser: switch between a 2025 and a 2030 region in both languages and find no
stale year (a made-up fixture, tests/fixtures/horizon, served as the page's data).

Starts ``streamlit run app.py`` with ``$TALENTSIM_DATA`` on the fixture; Debian's Chromium driven by
Playwright; screenshots to ``artifacts/`` (horizon_*.png).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.talentsim.app.streamlit_server import ROOT, serve
from tests.talentsim.app.test_browser import CHROMIUM, _errors, _shot, _wait_idle, browser  # noqa: F401 - fixture

FIXTURE = ROOT / "tests" / "fixtures" / "horizon"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (install Debian's chromium)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from forecast.data import data_dir

    data = tmp_path_factory.mktemp("data")
    for f in FIXTURE.glob("*.csv"):
        shutil.copy(f, data / f.name)
    from forecast.data import TABLES

    tables = {t.filename for t in TABLES.values()}
    for f in data_dir().glob("*.csv"):   # the reference class and outcome base the model reads beside the tables
        if f.name not in tables:
            shutil.copy(f, data / f.name)
    with serve(tmp_path_factory, TALENTSIM_SAVED_DIR=str(tmp_path_factory.mktemp("saved")),
               TALENTSIM_DATA=str(data), TALENTSIM_NOW="2026") as url:
        yield url


#: what each language writes for "the YEAR targets" (a stale year shows as the other region's)
TARGETS = {"zh": "{year} 年目标", "en": "{year} target"}
REGION = {("oldtown", "zh"): "旧城区", ("newtown", "zh"): "新城市", ("oldtown", "en"): "Oldtown District",
          ("newtown", "en"): "Newtown City"}
YEAR = {"oldtown": 2025, "newtown": 2030}


def _pick_region(page, region: str, lang: str) -> None:
    option = page.get_by_role("option").filter(has_text=REGION[(region, lang)]).first
    for _ in range(3):                                   # a click during a rerun may not open the list
        page.locator(f".st-key-_w_region_{lang}").click()
        try:
            option.wait_for(timeout=5_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: open it again
            page.keyboard.press("Escape")
            _wait_idle(page)
    option.click()
    _wait_idle(page)


def _pick_lang(page, lang: str) -> None:
    page.locator(f"[data-testid='stSidebar'] label:has-text('{'English' if lang == 'en' else '中文'}')").click()
    _wait_idle(page)


def _check(page, region: str, lang: str) -> None:
    year, other = YEAR[region], YEAR["newtown" if region == "oldtown" else "oldtown"]
    head = TARGETS[lang].format(year=year)
    page.get_by_text(head).first.wait_for(timeout=60_000)
    _wait_idle(page)
    main = page.locator("[data-testid='stMain']").inner_text()
    assert REGION[(region, lang)] in main
    assert head in main
    assert TARGETS[lang].format(year=other) not in main, (region, lang, main[:800])
    assert f"region={region}" in page.url and f"lang={lang}" in page.url, page.url
    assert _errors(page) == [], _errors(page)


def test_switching_between_a_2025_and_a_2030_region_in_both_languages_leaves_no_stale_year(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = ctx.new_page()
    try:
        page.goto(f"{server}/?region=oldtown&lang=zh", wait_until="domcontentloaded")
        _check(page, "oldtown", "zh")
        _shot(page, "horizon_oldtown_zh.png")
        _pick_region(page, "newtown", "zh")
        _check(page, "newtown", "zh")
        _shot(page, "horizon_newtown_zh.png")
        _pick_lang(page, "en")
        _check(page, "newtown", "en")
        _shot(page, "horizon_newtown_en.png")
        _pick_region(page, "oldtown", "en")
        _check(page, "oldtown", "en")
        _pick_lang(page, "zh")
        _check(page, "oldtown", "zh")
        _pick_region(page, "newtown", "zh")
        _check(page, "newtown", "zh")
    finally:
        ctx.close()


def test_the_scorecard_in_the_browser(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    page = ctx.new_page()
    try:
        page.goto(f"{server}/?region=oldtown&lang=en&view=scorecard", wait_until="domcontentloaded")
        page.get_by_text("scorecard of the targets whose year has passed").first.wait_for(timeout=60_000)
        page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first.wait_for(timeout=30_000)
        _wait_idle(page)
        assert _errors(page) == []
        _shot(page, "horizon_scorecard_en.png")
    finally:
        ctx.close()
