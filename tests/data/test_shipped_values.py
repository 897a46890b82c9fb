"""The shipped data reproduces the documents' tables and handles the traps in seeds/README.md."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from .conftest import DATA

NAN = float("nan")

# Tianhe Table 1 (表1), typed from 000_d2ee3df187537bd1.txt: id, unit, 2020 base, 2025 target, comparator.
TIANHE_TABLE_1 = [
    ("tianhe.talent_total", "万人", 96, 105, ">="),
    ("tianhe.high_level_talent", "人", 1024, 1500, ">="),
    ("tianhe.finance_employment", "万人", 8.89, 10, ">="),
    ("tianhe.ict_employment", "万人", 19.79, 25, ">="),
    ("tianhe.trade_employment", "万人", 12.75, 15, ">="),
    ("tianhe.professional_services_employment", "万人", 17.38, 25, ">="),
    ("tianhe.urban_industry_employment", "万人", 2.32, 3, ">="),
    ("tianhe.culture_employment", "万人", 9.44, 12, ">="),
    ("tianhe.high_skill_share", "%", 33.6, 35, ">="),
    ("tianhe.rd_staff_per_10k", "人年/万人", 143, 150, ">="),
    ("tianhe.postdoc_stations", "家", 12, 20, ">="),
    ("tianhe.innovation_platforms", "家", 425, 480, ">="),
    ("tianhe.patents_per_10k", "件", 117.3, 110, ">"),
    ("tianhe.hr_services_revenue", "亿元", 432, 450, ">="),
    ("tianhe.hr_service_firms", "家", 573, 800, ">="),
    ("tianhe.hr_services_staff", "万人", 1.99, 2.15, ">="),
]

# Guangdong 专栏1, typed from 002_a94af0c14f569781.txt: id, unit, 2020, 2025, comparator, measure, target_status.
GUANGDONG_BOX_1 = [
    ("guangdong.professional_technical_talent", "万人", NAN, NAN, ">=", "level", "redacted"),
    ("guangdong.new_professional_certificates", "万人", 96.4, 100, ">=", "five_year_total", "stated"),
    ("guangdong.high_skill_talent", "万人", 445, 580, ">=", "level", "stated"),
    ("guangdong.new_skill_certificates", "万人次", 281.1, 300, ">=", "five_year_total", "stated"),
    ("guangdong.postdoc_recruits", "人", 4215, 2500, ">=", "annual_flow", "stated"),
    ("guangdong.high_level_share", "%", 11, 11, ">=", "level", "stated"),
    ("guangdong.high_skill_share", "%", 33.4, 35, ">=", "level", "stated"),
    ("guangdong.postdoc_workstations", "家", 546, 580, ">=", "level", "stated"),
    ("guangdong.postdoc_mobile_stations", "家", 177, 180, ">=", "level", "stated"),
    ("guangdong.postdoc_innovation_bases", "家", 383, 400, ">=", "level", "stated"),
    ("guangdong.doctoral_workstations", "家", 656, 800, ">=", "level", "stated"),
    ("guangdong.national_skill_training_bases", "个", 50, 70, ">=", "level", "stated"),
    ("guangdong.national_master_studios", "个", 50, 70, ">=", "level", "stated"),
    ("guangdong.technical_school_enrolment", "万人", 19.9, 20, ">=", "annual_flow", "stated"),
    ("guangdong.technical_school_students", "万人", 60.87, 65, ">=", "level", "stated"),
]


def _ind(ds, id_):
    rows = ds.indicators[ds.indicators["id"] == id_]
    assert len(rows) == 1, f"{id_}: {len(rows)} rows"
    return rows.iloc[0]


def _obs(ds, id_, year, preferred_only=True):
    o = ds.observations
    sel = o[(o["id"] == id_) & (o["year"] == year)]
    return sel[sel["preferred"]] if preferred_only else sel


def _same(a, b):
    return (isinstance(a, float) and math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


@pytest.mark.parametrize("id_, unit, base, target, op", TIANHE_TABLE_1, ids=[r[0] for r in TIANHE_TABLE_1])
def test_tianhe_table_1(shipped, id_, unit, base, target, op):
    r = _ind(shipped, id_)
    assert (r["unit"], r["target_op"], r["target_status"]) == (unit, op, "stated")
    assert r["target_year"] == 2025 and r["target_value"] == pytest.approx(target)
    assert r["source"] == "000_d2ee3df187537bd1.txt"
    o = _obs(shipped, id_, 2020)
    assert len(o) == 1 and o["value"].iloc[0] == pytest.approx(base) and o["status"].iloc[0] == "observed"


def test_tianhe_table_1_categories_carried_down(shipped):
    cats = {id_: _ind(shipped, id_)["category"] for id_, *_ in TIANHE_TABLE_1}
    assert cats["tianhe.high_level_talent"] == "人才规模"
    assert {cats[i] for i in ("tianhe.ict_employment", "tianhe.culture_employment")} == {"重点产业人才*"}
    assert cats["tianhe.rd_staff_per_10k"] == "人才结构"
    assert cats["tianhe.patents_per_10k"] == "人才载体与效能"
    assert cats["tianhe.hr_services_staff"] == "人力资源服务业"


@pytest.mark.parametrize("id_, unit, base, target, op, measure, status", GUANGDONG_BOX_1,
                         ids=[r[0] for r in GUANGDONG_BOX_1])
def test_guangdong_box_1(shipped, id_, unit, base, target, op, measure, status):
    r = _ind(shipped, id_)
    assert (r["unit"], r["target_op"], r["measure"], r["target_status"]) == (unit, op, measure, status)
    assert r["target_year"] == 2025 and _same(r["target_value"], target)
    assert r["source"] == "002_a94af0c14f569781.txt"
    o = _obs(shipped, id_, 2020)
    assert len(o) == 1 and _same(float(o["value"].iloc[0]), base)
    assert o["status"].iloc[0] == ("redacted" if math.isnan(base) else "observed")


def test_guangdong_box_1_categories(shipped):
    assert _ind(shipped, "guangdong.postdoc_recruits")["category"] == "人才规模"
    assert _ind(shipped, "guangdong.high_level_share")["category"] == "人才质量"
    assert _ind(shipped, "guangdong.technical_school_students")["category"] == "人才平台"


MANDATORY = ["tianhe.talent_total", "tianhe.high_level_talent", "tianhe.patents_per_10k", "tianhe.rd_staff_per_10k",
             "tianhe.high_skill_share", "tianhe.finance_employment", "guangdong.high_skill_talent",
             "guangdong.high_skill_share", "guangdong.high_level_share", "guangdong.postdoc_recruits",
             "guangdong.technical_school_students", "guangdong.professional_technical_talent",
             "liwan.high_level_talent_555"]


def test_mandatory_ids_exist(shipped):
    missing = set(MANDATORY) - set(shipped.indicators["id"])
    assert not missing


def test_measures_and_kinds(shipped):
    assert _ind(shipped, "guangdong.postdoc_recruits")["measure"] == "annual_flow"
    assert _ind(shipped, "tianhe.patents_per_10k")["type"] == "rate"     # unit 件, but per 10k people
    assert _ind(shipped, "tianhe.talent_total")["type"] == "people"
    assert _ind(shipped, "tianhe.high_skill_share")["channel"] == "numerator"
    assert _ind(shipped, "tianhe.high_level_talent")["channel"] == "selectees"
    assert _ind(shipped, "tianhe.talent_total")["channel"] == "talent_total"   # the inflow arrives here (issue 22)
    assert _ind(shipped, "guangdong.talent_stations")["type"] == "organisations"   # 个 of stations
    assert _ind(shipped, "guangdong.technical_school_majors")["type"] == "count"   # 个 of majors


def test_redacted_values_are_missing_not_zero(shipped):
    obs = shipped.observations
    red = obs[obs["status"] == "redacted"]
    assert len(red) >= 5 and red["value"].isna().all()
    assert not (obs["value"] == 0).any()
    r = _ind(shipped, "guangdong.professional_technical_talent")
    assert r["target_status"] == "redacted" and math.isnan(r["target_value"])


def test_five_year_totals(shipped):
    for id_ in ("guangdong.new_professional_certificates", "guangdong.new_skill_certificates"):
        r = _ind(shipped, id_)
        assert r["measure"] == "five_year_total" and r["period_start"] == 2021
        assert "Five-year cumulative" in _obs(shipped, id_, 2020)["note"].iloc[0]


@pytest.mark.parametrize("id_, preferred, other, sources", [
    ("tianhe.finance_employment", 8.89, 8.88, {"000_d2ee3df187537bd1.txt"}),
    ("guangdong.technical_school_students", 60.87, 60.8, {"002_a94af0c14f569781.txt"}),
])
def test_disagreements_kept_and_flagged(shipped, id_, preferred, other, sources):
    rows = _obs(shipped, id_, 2020, preferred_only=False)
    assert sorted(rows["value"]) == sorted([preferred, other])
    assert rows["preferred"].sum() == 1
    assert rows.loc[rows["preferred"], "value"].iloc[0] == pytest.approx(preferred)
    assert rows["note"].str.contains("DISAGREEMENT").all()
    assert set(rows["source"]) == sources and rows["quote"].nunique() == 2


def test_exactly_one_preferred_per_id_year(shipped):
    counts = shipped.observations.groupby(["id", "year"])["preferred"].sum()
    assert (counts == 1).all()


def test_targets_below_base_are_kept(shipped):
    assert _ind(shipped, "tianhe.patents_per_10k")["target_value"] == 110
    assert _ind(shipped, "guangdong.postdoc_recruits")["target_value"] == 2500
    assert _ind(shipped, "guangdong.high_level_share")["target_value"] == 11


@pytest.mark.parametrize("id_, low, high", [
    ("liwan.public_selection_officials", 3, 4),
    ("liwan.senior_employee_posts", 2, 3),
    ("liwan.tourism_leaders", 5, 10),
    ("liwan.tourism_key", 15, 30),
    ("liwan.urban_management_leaders", 8, 15),
    ("liwan.urban_management_key", 15, 30),
    ("liwan.social_workers_per_community", 3, 5),
])
def test_liwan_lost_dash_ranges(shipped, id_, low, high):
    r = _ind(shipped, id_)
    assert (r["target_low"], r["target_high"]) == (low, high)
    assert math.isnan(r["target_value"])


def test_liwan_never_reads_a_range_as_a_number(shipped):
    ind = shipped.indicators[shipped.indicators["region"] == "liwan"]
    values = pd.concat([ind["target_value"], ind["target_low"], ind["target_high"]]).dropna()
    assert not values.isin([510, 34, 23, 815, 1530]).any()
    prg = shipped.programmes
    assert not prg[["period_years", "period_years_low", "period_years_high"]].isin([510]).any().any()


def test_liwan_horizon_is_5_to_10_years_from_2012(shipped):
    r = _ind(shipped, "liwan.high_level_talent_555")
    assert (r["target_value"], r["target_year_low"], r["target_year"], r["period_start"]) == (500, 2017, 2022, 2012)
    fund = shipped.programmes.set_index("id").loc["liwan.talent_fund_555"]
    assert (fund["amount"], fund["amount_unit"], fund["period_years_low"], fund["period_years_high"],
            fund["growth_min_pct_per_year"]) == (5, "亿元", 5, 10, 5)
    sw = _ind(shipped, "liwan.social_work_post_share_ngo")
    assert (sw["target_value"], sw["target_year"]) == (35, 2015)  # a percentage, not the range 3–5


@pytest.mark.parametrize("id_, year, value", [
    ("tianhe.high_level_roster", 2015, 528.48),
    ("guangdong.skilled_talent", 2015, 1009.09),
    ("guangdong.high_skill_talent", 2015, 285.26),
    ("guangdong.high_skill_share", 2015, 28.27),
])
def test_derived_2015_values(shipped, id_, year, value):
    o = _obs(shipped, id_, year)
    assert len(o) == 1 and o["status"].iloc[0] == "derived" and o["value"].iloc[0] == pytest.approx(value)


def test_tianhe_gdp_observed_both_years(shipped):
    gdp = shipped.observations[shipped.observations["id"] == "tianhe.gdp"].set_index("year")
    assert gdp.loc[2015, "value"] == 3432.8 and gdp.loc[2020, "value"] == 5312.8
    assert set(gdp["status"]) == {"observed"}


@pytest.mark.parametrize("id_, pct, status", [
    ("guangdong.skilled_talent_13fyp", 32, "stated"),
    ("guangdong.high_skill_talent_13fyp", 56, "stated"),
    ("guangdong.professional_technical_13fyp", 43, "stated"),
    ("guangdong.high_level_13fyp", 19, "stated"),
    ("tianhe.high_level_roster_13fyp", 63.3, "stated"),
    ("tianhe.gdp_13fyp", 54.77, "derived"),
    ("tianhe.software_revenue_vs_2015", 270, "stated"),
])
def test_growth_facts(shipped, id_, pct, status):
    g = shipped.growth_facts.set_index("id").loc[id_]
    assert g["growth_pct"] == pytest.approx(pct) and g["status"] == status
    assert (g["from_year"], g["to_year"]) == (2015, 2020)


@pytest.mark.parametrize("id_, cost", [
    ("tianhe.talent_fund_13fyp", 40),
    ("haizhu.innovation_talent_first_batch", 13.41),
    ("tianjin.young_scientist", 60),
    ("tianjin.excellent_manufacturing", 45),
    ("tianjin.leading_cultural_talent", 30),
    ("tianjin.young_cultural_talent", 15),
    ("liwan.xiguan_merit_award", 100),
    ("liwan.xiguan_innovation_award", 50),
])
def test_programme_cost_per_person(shipped, id_, cost):
    p = shipped.programmes.set_index("id").loc[id_]
    assert p["cost_per_person_10k_cny"] == pytest.approx(cost)


def test_programme_instruments(shipped):
    p = shipped.programmes.set_index("id")
    assert (p.loc["liwan.skill_outstanding_subsidy", "amount"], p.loc["liwan.skill_key_subsidy", "amount"]) == (1, 0.5)
    assert p.loc["tianjin.graduate_startup_loan", "amount_high"] == 30
    assert p.loc["tianjin.startup_rent_subsidy", "period_years_high"] == 2
    assert math.isnan(p.loc["tianjin.graduate_startup_loan", "cost_per_person_10k_cny"])  # a loan, not a grant


def test_region_coverage(shipped):
    ind = shipped.indicators
    seeds = {"tianhe", "haizhu", "guangdong", "tianjin", "liwan"}
    fifteenth = pd.read_csv(DATA / "regions.csv", dtype=str).query("plan == '15th'")["region"]
    assert seeds <= set(ind["region"]) <= seeds | set(fifteenth)  # the others: 15th-plan regions (2030 targets)
    assert (ind["region"] == "tianhe").sum() >= 40 and (ind["region"] == "guangdong").sum() >= 30
    assert (ind["region"] == "haizhu").sum() >= 20 and (ind["region"] == "liwan").sum() >= 30


def test_pandas_string_dtypes(shipped):
    ind, obs = shipped.indicators, shipped.observations
    for col in ("id", "unit", "quote", "note"):
        assert pd.api.types.is_string_dtype(ind[col]), col
    assert str(obs["year"].dtype) == "Int64" and obs["value"].dtype == "float64"
    assert ind["higher_is_better"].dtype == bool and obs["preferred"].dtype == bool
