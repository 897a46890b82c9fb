"""Shared fixtures: a small comparison on the synthetic region (no shipped data needed).

Scenario names and descriptions carry spreadsheet formulas and HTML, as a hostile user
could type them in the app; every export must show them as text.
"""

from __future__ import annotations

import pytest

from scenarios import Scenario, compare
from tests.scenarios.synthetic import make_setup

EVIL_NAME = '=HYPERLINK("x","y")'           # names may not contain "/"; the URL goes in the description
EVIL_DESC = '=HYPERLINK("http://x","y")'
HTML_NAME = '@SUM(1) <img src=x onerror=alert(1)>'
PATHS = 400


def scenarios():
    base = Scenario(name="基准 baseline", region="syn", description="参考情景 reference", paths=PATHS)
    evil = base.with_levers(funding_cny_100m_per_year=3.0, funding_growth_pct_per_year=5.0).model_copy(
        update={"name": EVIL_NAME, "description": EVIL_DESC})
    html_ = base.with_levers(inflow_10k_per_year=-1.0, attrition_pct_per_year=1.0).model_copy(
        update={"name": HTML_NAME, "description": "-1+1 \t<b>bold</b> & more"})
    return [base, evil, html_]


@pytest.fixture(scope="session")
def cmp():
    return compare(scenarios(), setup=make_setup())
