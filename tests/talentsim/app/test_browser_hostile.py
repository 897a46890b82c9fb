"""Issue 15 in a real browser: markdown in a saved scenario's description is shown as text,
so no viewer's browser fetches the image it names (stored, cross-user injection)."""

from __future__ import annotations

import pytest

from tests.talentsim.app.test_browser import _page, _wait_idle, browser, server  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser]

TRACK = "http://127.0.0.1:9/track.png"


def test_markdown_image_in_a_saved_description_is_never_fetched(server, browser):  # noqa: F811
    ctx, page = _page(browser, f"{server}/?region=tianhe&preset=plan&lang=en")
    fetched: list[str] = []
    page.on("request", lambda req: fetched.append(req.url) if "track.png" in req.url else None)
    try:
        page.get_by_text("P(all targets met)").first.wait_for(timeout=60_000)
        _wait_idle(page)
        page.get_by_text("Save and share").first.click()
        page.get_by_label("Scenario name").fill("markdown-probe")
        page.get_by_label("Description").fill(f"![p]({TRACK}) **bold**")
        page.keyboard.press("Tab")
        _wait_idle(page)
        page.get_by_role("button", name="Save to local folder").click()
        _wait_idle(page)
        page.goto(f"{server}/?region=tianhe&saved=markdown-probe&lang=en", wait_until="domcontentloaded")
        page.get_by_text("P(all targets met)").first.wait_for(timeout=60_000)
        _wait_idle(page)
        assert page.get_by_text(TRACK, exact=False).count() >= 1  # shown, as text
        assert page.locator("img[src*='track.png']").count() == 0
        assert not fetched, fetched
    finally:
        ctx.close()
