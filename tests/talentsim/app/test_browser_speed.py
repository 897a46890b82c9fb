"""Issue 12 item 7 in a real browser: quick presses on a lever are all kept, and the page ends
on the probability of the value the lever ended on (timings: ``benchmarks/bench_page.py``)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlparse

import pytest

from scenarios import LEVERS
from tests.talentsim.app.test_browser import _page, _wait_idle, browser, server  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser]

LEVER = "funding_cny_100m_per_year"
SLIDER = f".st-key-lever_{LEVER} input[type='range']"
METRIC = "[data-testid='stMetricValue']"


@pytest.mark.parametrize("view, metric, gap", [("indicator", 0, 0), ("indicator", 0, 150), ("overview", 1, 150)])
def test_five_quick_presses_are_all_kept_and_answered(server, browser, app, view, metric, gap):  # noqa: F811
    """Five presses at once, or a planner's taps ``gap`` ms apart (each while the last answer is
    still being computed)."""
    ctx, page = _page(browser, f"{server}/?region=tianhe&preset=plan&lang=en&view={view}"
                               "&indicator=tianhe.high_level_talent")
    try:
        page.locator(METRIC).nth(metric).wait_for(timeout=90_000)
        _wait_idle(page)
        thumb = page.locator(SLIDER)
        start = float(thumb.get_attribute("value"))
        thumb.focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(gap)
        want = round(start + 5 * LEVERS[LEVER].step, 6)
        page.wait_for_function(f"() => location.search.includes('{LEVER}={want:g}')", timeout=60_000)
        _wait_idle(page)
        page.wait_for_timeout(1500)             # a late answer for an older value would show up here
        _wait_idle(page)
        assert float(thumb.get_attribute("value")) == pytest.approx(want)
        shown = page.locator(METRIC).nth(metric).inner_text()
        link = dict(parse_qsl(urlparse(page.url).query))
        assert float(link[LEVER]) == pytest.approx(want)
        # the page's own link opened in a fresh session: same lever values, same probability
        at = app(**link).run()
        assert not at.exception and not at.error
        assert at.slider(key=f"lever_{LEVER}").value == pytest.approx(want)
        assert " ".join(shown.split()) == " ".join(at.metric[metric].value.split()), (view, shown)
    finally:
        ctx.close()
