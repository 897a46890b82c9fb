"""Issue 22 acceptance in Chromium at 1280×800: every view of every region the picker offers,
in both languages, plus one uploaded region (the upload template) and one typed plan (a saved
new plan, opened and simulated): no error box, no table wider than its place (a clipped
column), and a link that names the region, view and language on screen after every switch.

Screenshots go to ``artifacts/walk/``. Slow (a few minutes): a browser test, not part of a
quick run; run it alone: ``pytest tests/talentsim/app/test_browser_walk.py``.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from tests.talentsim.app.streamlit_server import serve
from tests.talentsim.app.test_browser import ARTIFACTS, CHROMIUM, NOT_RUNNING, browser  # noqa: F401

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")]

SHOTS = ARTIFACTS / "walk"
PLAN = "walk_plan"

#: tables wider than their box (a column cut at the right edge) and a page wider than the window
CLIPPED_JS = """() => {
  const bad = [];
  document.querySelectorAll('[data-testid="stDataFrame"]').forEach((el, i) => {
    if (el.closest('[class*="st-key-plan_"]')) return;   // the new-plan editing grids scroll by design
    const sc = el.querySelector('.dvn-scroller');
    if (sc && sc.scrollWidth > sc.clientWidth + 2) bad.push(`dataframe ${i}: ${sc.scrollWidth} > ${sc.clientWidth}`);
  });
  document.querySelectorAll('[data-testid="stTable"]').forEach((el, i) => {
    if (el.scrollWidth > el.clientWidth + 2) bad.push(`table ${i}: ${el.scrollWidth} > ${el.clientWidth}`);
  });
  const main = document.querySelector('[data-testid="stMain"]');
  if (main && main.scrollWidth > main.clientWidth + 2) bad.push(`page: ${main.scrollWidth} > ${main.clientWidth}`);
  return bad;
}"""


def _typed_plan(saved: Path) -> None:
    """A typed 15th-style plan saved in the server's folder, as the new-plan view saves one."""
    from talentsim.app import newplan

    df = newplan.blank_template()
    df.loc[0, ["name_zh", "name_en", "base_value", "target_value", "earlier"]] = [
        "人才资源总量", "Talent total", 100, 120, f"{int(df.loc[0, 'base_year']) - 5}:90"]
    df.loc[1, ["name_zh", "name_en", "unit", "base_value", "target_value"]] = ["高层次人才", "High-level talent", "人",
                                                                              1500, 2000]
    newplan.save_plan(saved, PLAN, df)


@pytest.fixture(scope="module")
def walk_server(tmp_path_factory):
    saved = tmp_path_factory.mktemp("saved")
    _typed_plan(saved)
    with serve(tmp_path_factory, TALENTSIM_SAVED_DIR=str(saved)) as url:
        yield url


def _idle(page, timeout: float = 90_000) -> None:
    """The run finished: the sidebar (drawn last) is there and no 'running' widget shows (after a
    click, the run may take a moment to start: its 'running' widget is waited for first)."""
    page.locator("[data-testid='stSidebar'] [data-testid='stExpander']").first.wait_for(timeout=timeout)
    try:
        page.locator("[data-testid='stStatusWidget']").first.wait_for(timeout=1_500)
    except Exception:  # noqa: BLE001 - a quick run may be over before the widget shows
        pass
    page.wait_for_function(NOT_RUNNING, timeout=timeout)
    page.wait_for_timeout(500)


def _offered() -> list[str]:
    """The regions the page's picker offers from the shipped data (as the page computes them)."""
    from forecast.data import load_dataset
    from talentsim.app import regions

    ds = load_dataset(None)
    try:
        return list(regions.offered_regions(ds))
    except TypeError:   # the picker of a fixed 2025 horizon
        return list(regions.offered_regions(ds, 2025))


def _pick_region(page, region: str, lang: str, problems: list[str]) -> None:
    """Choose ``region`` in the sidebar's picker (options start with the region's name) and check
    that the link names it once the run is over (it once lagged one rerun behind)."""
    from forecast.data import load_dataset
    from talentsim.app.regions import option_label, region_label

    ds = load_dataset(None)          # names from data/regions.csv where the page reads them
    name, label = region_label(region, lang, "", ds), option_label(region, lang, ds)
    page.locator(f".st-key-_w_region_{lang}").click()
    page.keyboard.type(name)         # the list is long and drawn as it scrolls: filter it as a planner types
    # a name may begin another's (广东省, 广东省（“十五五”，2030）): the option a planner reads, whole
    page.get_by_role("option", name=label, exact=True).first.click()
    _idle(page)
    for _ in range(10):
        if dict(urllib.parse.parse_qsl(urllib.parse.urlparse(page.url).query)).get("region") == region:
            return
        page.wait_for_timeout(500)
    problems.append(f"{lang}/{region}: the link still names {page.url} after the picker switched")


def _view_keys(page, lang: str) -> list[str]:
    """The views the segmented control offers, as view keys (from their labels in ``lang``)."""
    from talentsim.app.regions import ALL_VIEWS
    from talentsim.messages import t

    by_label = {t(f"view_{v}", lang): v for v in ALL_VIEWS}
    labels = page.locator("[data-testid='stMain'] [data-testid='stButtonGroup'] button").all_inner_texts()
    return [by_label[x.strip()] for x in labels if x.strip() in by_label]


def _check(page, region: str, view: str, lang: str, problems: list[str], tag: str = "") -> None:
    where = f"{lang}/{tag or region}/{view}"
    errors = page.locator("[data-testid='stAlertContentError'], [data-testid='stException']").all_inner_texts()
    problems += [f"{where}: error box {e[:160]!r}" for e in errors]
    problems += [f"{where}: clipped {c}" for c in page.evaluate(CLIPPED_JS)]
    want = {"region": region, "lang": lang, "view": view}
    for _ in range(10):   # the run is over: a link one rerun behind would stay behind
        qp = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(page.url).query))
        got = {k: qp.get(k) for k in want}
        if got == want:
            break
        page.wait_for_timeout(500)
    if got != want:
        problems.append(f"{where}: link says {got}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{lang}-{tag or region}-{view}.png"))


def _walk_views(page, region: str, lang: str, problems: list[str], tag: str = "") -> int:
    """Click every view of the region on screen, checking each; the number of views seen."""
    views = _view_keys(page, lang)
    assert views, f"{lang}/{region}: no views offered"
    from talentsim.messages import t

    for view in views:
        page.locator("[data-testid='stMain'] [data-testid='stButtonGroup'] button",
                     has_text=t(f"view_{view}", lang)).first.click()
        _idle(page)
        _check(page, region, view, lang, problems, tag)
    return len(views)


def test_every_view_of_every_region_in_both_languages(walk_server, browser):  # noqa: F811
    problems: list[str] = []
    seen = 0
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    try:
        for lang in ("zh", "en"):
            for i, region in enumerate(_offered()):
                if i == 0:
                    page.goto(f"{walk_server}/?region={region}&lang={lang}", wait_until="domcontentloaded")
                    _idle(page)
                else:   # through the picker, as a planner does: the link must follow at once
                    _pick_region(page, region, lang, problems)
                seen += _walk_views(page, region, lang, problems)
        assert seen >= 2 * 10
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


def test_uploaded_region_and_typed_plan_in_both_languages(walk_server, browser):  # noqa: F811
    from talentsim.app import template
    from talentsim.messages import t

    problems: list[str] = []
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    try:
        # an upload: the template as downloaded, both tables
        page.goto(f"{walk_server}/?region=tianhe&lang=zh&view=data", wait_until="domcontentloaded")
        _idle(page)
        tmp = SHOTS / "upload"
        tmp.mkdir(parents=True, exist_ok=True)
        files = []
        for table in ("indicators", "observations"):
            (tmp / f"{table}.csv").write_bytes(template.csv_bytes(table, "zh"))
            files.append(str(tmp / f"{table}.csv"))
        page.locator(".st-key-data_upload input[type='file']").set_input_files(files)
        page.get_by_text(t("data_upload_clear", "zh")).first.wait_for(timeout=90_000)
        _idle(page)
        for lang in ("zh", "en"):
            if lang == "en":
                page.locator("[data-testid='stSidebar'] label", has_text="English").first.click()
                _idle(page)
            _walk_views(page, "upload", lang, problems)
        # a typed plan: saved in the folder, opened in the new-plan view, checked and simulated
        page.goto(f"{walk_server}/?region=tianhe&lang=en&view=newplan", wait_until="domcontentloaded")
        _idle(page)
        page.locator(".st-key-plan_open button").click()
        _idle(page)
        page.locator(".st-key-plan_check button").click()
        _idle(page)
        for lang in ("en", "zh"):
            if lang == "zh":
                page.locator("[data-testid='stSidebar'] label", has_text="中文").first.click()
                _idle(page)
            n = _walk_views(page, "upload", lang, problems, tag="typed_plan")
            assert n >= 5, f"the typed plan offers {n} views"
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


def test_liwan_presentation_slide_fits_1280x800(walk_server, browser):  # noqa: F811
    """Issue 22: Liwan's '555' slide ran past the bottom of an 800-px screen."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    try:
        for lang in ("zh", "en"):
            page.goto(f"{walk_server}/?region=liwan&lang={lang}&present=1", wait_until="domcontentloaded")
            page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=90_000)
            page.wait_for_function(NOT_RUNNING, timeout=90_000)
            page.wait_for_timeout(800)
            high, box = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]');"
                                      " return [m.scrollHeight, m.clientHeight]; }")
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{lang}-liwan-present.png"))
            assert high <= box + 2, f"{lang}: the slide is {high} px high on an {box}-px screen"
            assert page.locator("[data-testid='stAlertContentError']").count() == 0
    finally:
        ctx.close()
