"""The data audit's fixes (issue 10), each checked against the shipped data."""

from __future__ import annotations

import pytest


def _ind(ds, i):
    return ds.indicators.set_index("id").loc[i]


def test_liwan_manager_subsidy_covers_150_not_450(shipped):
    p = shipped.programmes.set_index("id").loc["liwan.manager_training_subsidy"]
    assert p["persons"] == 150 and "300" in p["note"]


def test_liwan_subsidies_carry_the_5_to_10_year_period(shipped):
    p = shipped.programmes.set_index("id")
    for i in ("liwan.skill_outstanding_subsidy", "liwan.skill_key_subsidy", "liwan.manager_training_subsidy"):
        assert (p.loc[i, "period_years_low"], p.loc[i, "period_years_high"]) == (5, 10)


def test_national_honours_are_not_in_the_funding_channel(shipped):
    for i in ("tianhe.academicians", "tianhe.national_provincial_key_talent", "guangdong.special_allowance_experts",
              "guangdong.bqw_national_candidates", "guangdong.postdocs_in_station", "haizhu.academicians",
              "haizhu.thousand_talents"):
        assert _ind(shipped, i)["channel"] != "selectees", i
    assert _ind(shipped, "tianhe.high_level_talent")["channel"] == "selectees"


def test_roster_2015_is_rounded_correctly(shipped):
    o = shipped.observations
    v = o[(o["id"] == "tianhe.high_level_roster") & (o["year"] == 2015)]["value"].iloc[0]
    assert v == pytest.approx(round(863 / 1.633, 2)) == 528.48


def test_haizhu_recruitment_counts_are_cumulative(shipped):
    for i in ("haizhu.postdocs_recruited", "haizhu.scarce_talent_recruited"):
        assert _ind(shipped, i)["measure"] != "level"


def test_guangdong_per_year_certificates_is_not_a_second_target(shipped):
    r = _ind(shipped, "guangdong.new_professional_certificates_per_year")
    assert r["target_status"] == "none"
    assert _ind(shipped, "guangdong.new_professional_certificates")["target_status"] == "stated"


def test_range_targets_use_equals_with_bounds_and_about_targets_a_band(shipped):
    ind = shipped.indicators
    ranged = ind[ind["target_low"].notna() & ind["target_high"].notna()]
    seeds = ranged["region"].isin(["tianhe", "guangdong", "liwan", "haizhu", "tianjin"])
    assert seeds.sum() == 7 and (ranged["target_op"] == "=").all()
    about = ind[(ind["target_op"] == "=") & ind["target_value"].notna()]
    assert len(about) and (about["target_band_pct"] == 5).all()
    assert _ind(shipped, "liwan.high_level_talent_555")["target_band_pct"] == 5


def test_the_432_vs_425_disagreement_is_flagged(shipped):
    for i in ("tianhe.innovation_platforms", "tianhe.engineering_centers"):
        assert "DISAGREEMENT" in _ind(shipped, i)["note"]
