"""Any horizon in a real browser: switch between a 2025 and a 2030 region in both languages and find no
stale year (a made-up fixture, tests/fixtures/horizon, served as the page's data).

Starts ``streamlit run app.py`` with ``$TALENTSIM_DATA`` on the fixture; Debian's Chromium driven by
Playwright; screenshots to ``artifacts/`` (horizon_*.png).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.talentsim.app.test_browser import (CHROMIUM, CHROMIUM_ARGS, _errors, _free_port, _shot,  # noqa: F401
                                              _wait_idle)

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "fixtures" / "horizon"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (install Debian's chromium)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")
    from forecast.data import data_dir

    data = tmp_path_factory.mktemp("data")
    for f in FIXTURE.glob("*.csv"):
        shutil.copy(f, data / f.name)
    from forecast.data import TABLES

    tables = {t.filename for t in TABLES.values()}
    for f in data_dir().glob("*.csv"):   # the reference class and outcome base the model reads beside the tables
        if f.name not in tables:
            shutil.copy(f, data / f.name)
    port = _free_port()
    env = {**os.environ, "TALENTSIM_SAVED_DIR": str(tmp_path_factory.mktemp("saved")), "TALENTSIM_DATA": str(data),
           "TALENTSIM_NOW": "2026", "PYTHONUNBUFFERED": "1"}
    log = open(tmp_path_factory.mktemp("log") / "streamlit.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                pytest.fail("streamlit did not serve within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


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
