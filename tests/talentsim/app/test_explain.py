"""talentsim.app.explain: a growth law and a probability in words (no Streamlit)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from forecast.law import GrowthLaw
from talentsim.app import explain
from talentsim.messages import t

LAW = GrowthLaw("x.talent", "log", 2020, 96.0, 0.0655, 0.031, 8.0, 0.0953, "type-prior update",
                note="people prior updated with 3 own points over 5 years (own drift +0.0700, weight 0.40); "
                     "calibrated on real plan outcomes (type bias, target ambition, spread)",
                kind="people", basis="own history (3 points) + calibrated on real plan outcomes")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_law_in_words_has_no_field_names_and_rounded_numbers(lang):
    text = " ".join(explain.law_rows(LAW, "万人", lang).to_numpy().ravel())
    assert not re.search(r"drift|shock_sd|\d\.\d{3,}", text)
    assert "+6.8 %" in text            # expm1(0.0655) = 6.77 % a year, one decimal
    assert ("96 万人" if lang == "zh" else "960,000 people") in text


def test_share_law_speaks_in_points_and_a_normal_law_says_so():
    share = replace(LAW, scale="logit", base_value=50.0, drift_loc=0.04, drift_df=float("inf"), kind="share")
    rows = explain.law_rows(share, "%", "en")
    assert "+1.0 points a year" in rows.iloc[1, 1]           # 100 · 0.5 · 0.5 · 0.04
    assert rows.iloc[2, 1].startswith("normal")


def test_basis_read_from_the_models_words():
    b = explain.basis_parts(LAW)
    assert b == {"points": 3, "borrowed": False, "target": True, "calibrated": True}
    prior = replace(LAW, basis="type prior only", note="people type prior (one usable year)")
    assert explain.basis_parts(prior) == {"points": 0, "borrowed": False, "target": False, "calibrated": False}
    assert "一个可用年份" in explain.basis_text(prior, "zh")
    assert t("why_basis_target", "en").split(":")[0] in explain.basis_text(LAW, "en")


def test_contributions_add_up_to_the_change_in_p():
    parts = explain.contributions(0.64, 0.55, {"funding_cny_100m_per_year": 0.60, "inflow_10k_per_year": 0.58})
    assert dict(parts)["funding_cny_100m_per_year"] == pytest.approx(0.05)
    assert sum(v for _, v in parts) == pytest.approx(0.64 - 0.55)
    assert explain.contributions(0.6, 0.6, {}) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_why_panel_of_a_growth_rate_indicator_has_no_error(app, lang):
    """A 15th-plan GDP-growth target (measure growth_rate, law kind 'growth') once broke the panel
    with a KeyError on the page (found by the browser walk)."""
    at = app(region="fujian", view="indicator", lang=lang).run()
    assert not at.exception and not [e.value for e in at.error]
