"""Issue 19 in a real browser: the new-plan view's "from a document" panel. Tianhe's plan text (the
seed) is pasted, the panel proposes Table 1 (16 ticked rows), the planner adds them, and the page
checks and simulates the plan."""

from __future__ import annotations

import re

import pytest

from tests.extract.conftest import SEEDS
from tests.talentsim.app.test_browser import (_errors, _new_plan_page, _shot, _wait_idle, browser,  # noqa: F401
                                              server)

pytestmark = [pytest.mark.browser]

TIANHE = SEEDS / "000_d2ee3df187537bd1.txt"


def test_tianhe_plan_text_to_table_1_to_probabilities(server, browser):  # noqa: F811
    if not TIANHE.is_file():
        pytest.skip(f"seed documents not found at {SEEDS}")
    text = TIANHE.read_text(encoding="utf-8")
    ctx, page = _new_plan_page(browser, server)
    try:
        page.get_by_text("From a document").first.click()
        box = page.get_by_label("Or paste the text")
        box.wait_for(timeout=30_000)
        box.fill(text)
        box.press("Control+Enter")                       # commit the text area before pressing Read
        _wait_idle(page)
        page.get_by_role("button", name="Read", exact=True).click()
        found = page.get_by_text(re.compile(r"\d+ indicators found \(\d+ with a target\)")).first
        found.wait_for(timeout=60_000)
        _wait_idle(page)
        n, targets = map(int, re.findall(r"\d+", found.inner_text())[:2])
        assert n >= 16 and targets >= 16, found.inner_text()
        assert _errors(page) == []
        _shot(page, "newplan_fromdoc_proposal_en_1280x800.png")
        page.get_by_role("button", name="Add the ticked rows").click()
        page.get_by_text(re.compile(r"\d+ rows added")).first.wait_for(timeout=60_000)
        _wait_idle(page)
        alerts = " ".join(page.locator("[data-testid='stAlertContentSuccess']").all_inner_texts())
        assert "16 rows added" in alerts, alerts                  # Table 1: 16 indicators, shown (not folded away)
        page.get_by_role("button", name="Check and simulate").click()
        page.get_by_text("P(all targets met)").first.wait_for(timeout=90_000)
        _wait_idle(page)
        assert _errors(page) == []
        values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
        assert any("%" in v for v in values), values
        assert "region=upload" in page.url
        _shot(page, "newplan_fromdoc_simulated_en_1280x800.png")
    finally:
        ctx.close()
