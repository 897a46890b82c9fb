"""data/reference_growth.csv: the reference class of real growth keeps its contract.

The prior-building code reads this table by column name and type, so these checks are
about the schema (columns, closed lists, one row per series and year) and about the
values a log/logit scale needs (positive, shares strictly inside 0-100), plus the
cleaning decisions documented in data/README.md (province labels, the Guangdong break).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from .conftest import DATA

CSV = DATA / "reference_growth.csv"
COLUMNS = ["series_id", "family", "type", "region", "region_zh", "level", "year", "value",
           "unit", "status", "source", "quote", "note"]
TYPES = {"people", "share", "rate", "organisations", "money", "count", "other"}
POSITIVE_TYPES = {"people", "money", "count", "organisations", "rate"}
PROVINCES_ZH = {
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
}


@pytest.fixture(scope="module")
def ref() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype={"note": str}, keep_default_na=False, na_values={"value": [""]})


def test_columns_in_contract_order(ref):
    assert list(ref.columns) == COLUMNS


def test_types_from_closed_list(ref):
    assert set(ref["type"]) <= TYPES


def test_one_type_and_unit_per_family(ref):
    per_family = ref.groupby("family")[["type", "unit"]].nunique()
    assert (per_family == 1).all().all(), per_family[(per_family > 1).any(axis=1)]


def test_no_duplicate_series_year(ref):
    dup = ref[ref.duplicated(["series_id", "year"], keep=False)]
    assert dup.empty, dup[["series_id", "year"]].head()


def test_series_id_is_family_and_region(ref):
    assert (ref["series_id"] == "techme." + ref["family"] + "." + ref["region"]).all()


def test_values_usable_on_log_or_logit_scale(ref):
    assert ref["value"].notna().all()
    positive = ref[ref["type"].isin(POSITIVE_TYPES)]
    assert (positive["value"] > 0).all(), positive[positive["value"] <= 0].head()
    shares = ref[ref["type"] == "share"]
    assert not shares.empty
    assert ((shares["value"] > 0) & (shares["value"] < 100)).all()


def test_every_row_sourced(ref):
    for column in ("source", "quote", "unit"):
        assert (ref[column].str.strip() != "").all(), f"empty {column}"
    assert ref["source"].str.contains("huhuaping/techme").all()


def test_province_labels_are_the_31_official_names(ref):
    assert set(ref["region_zh"]) == PROVINCES_ZH
    assert not ref["region_zh"].isin(["四藏", "江四", "浙汀", "两藏", "江两", "山两", "内蒙占"]).any()
    assert (ref["level"] == "province").all()
    assert ref.groupby("region_zh")["region"].nunique().eq(1).all()
    assert ref["region"].nunique() == 31


def test_status_closed_and_guangdong_fte_2018_is_a_break(ref):
    assert set(ref["status"]) <= {"observed", "break"}
    row = ref[(ref["series_id"] == "techme.rd_fte.guangdong") & (ref["year"] == 2018)]
    assert row["status"].tolist() == ["break"]
    before = ref[(ref["series_id"] == "techme.rd_fte.guangdong") & (ref["year"] == 2017)]
    assert before["status"].tolist() == ["observed"]
    # the jump itself, as the issue describes it (about +35 %)
    assert 1.3 < row["value"].iloc[0] / before["value"].iloc[0] < 1.4


def test_breaks_are_rare_and_noted(ref):
    breaks = ref[ref["status"] == "break"]
    assert 0 < len(breaks) < 0.05 * len(ref)
    assert breaks["note"].str.contains("break").all()


def test_core_families_cover_the_panel(ref):
    for family in ("rd_fte", "rd_researchers", "rd_spending", "rd_intensity",
                   "invention_patents_valid", "hitech_rd_institutions"):
        fam = ref[ref["family"] == family]
        assert fam["region"].nunique() == 31, family
        assert fam["year"].max() == 2023, family
    rd = ref[ref["family"] == "rd_fte"]
    assert rd.groupby("region")["year"].apply(lambda y: sorted(y) == list(range(2010, 2024))).all()


def test_units_match_published_national_totals(ref):
    """Provinces sum to the national 2023 R&D spending, 33357.1 亿元 (NBS 2023年全国科技经费投入统计公报)."""
    spend = ref[(ref["family"] == "rd_spending") & (ref["year"] == 2023)]["value"]
    assert len(spend) == 31
    assert spend.sum() / 1e4 == pytest.approx(33357.1, rel=0.01)  # 万元 -> 亿元
    intensity = ref[ref["family"] == "rd_intensity"]["value"]
    assert intensity.between(0.1, 8).all()  # R&D % of GDP: Tibet ~0.2 to Beijing ~6.7


def _build_module(name: str):
    """Import a data/build script by path (it is a script folder, not a package)."""
    import importlib.util
    import sys

    path = DATA / "build" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_break_flags_follow_the_documented_rule(ref):
    """Re-running the rule on the shipped values gives the shipped status column."""
    build = _build_module("reference_from_techme")
    for family, fam in ref.groupby("family"):
        status, _ = build.mark_breaks(fam, fam["type"].iloc[0])
        assert status.reindex(fam.index).tolist() == fam["status"].tolist(), family


def test_readme_growth_table_is_reproducible(ref):
    """The per-family table pasted in data/README.md is what reference_stats computes from the CSV."""
    stats = _build_module("reference_stats")
    table = stats.to_markdown(stats.growth_summary(ref))
    assert table in (DATA / "README.md").read_text(encoding="utf-8")
    summary = stats.growth_summary(ref).set_index("family")
    # 14 annual years: 9 overlapping windows t -> t+5 but only 2 disjoint ones per province
    assert summary.loc["rd_fte", "windows_overlapping"] == 31 * 9
    assert summary.loc["rd_fte", "windows_disjoint"] == 31 * 2


def test_break_rates_closed_form_and_dispersion():
    """Rate = breaks / year-changes; k by moments, Var N = m + m^2 / k; no over-dispersion -> 1e6."""
    from forecast.reference import break_rates

    def panel(breaks_per_series):
        rows = []
        for i, nb in enumerate(breaks_per_series):
            for y in range(2010, 2021):          # ten year-changes per series
                rows.append({"series_id": f"s{i}", "type": "people", "year": y, "value": 100.0 * 1.1 ** (y - 2010),
                             "status": "break" if 2011 <= y < 2011 + nb else "observed"})
        return pd.DataFrame(rows)

    rates, k = break_rates(panel([0, 0, 0, 4]))
    rate, ms = rates["people"]
    assert rate == pytest.approx(4 / 40) and ms == pytest.approx(np.log(1.1) ** 2)
    m = 1.0                                       # rate x 10 years for every series
    assert k == pytest.approx(4 * m ** 2 / ((3 * 1 + 9) - 4 * m))
    assert break_rates(panel([1, 1, 1, 1]))[1] == 1e6     # under-dispersed: plain Poisson


def test_a_clean_record_predicts_fewer_breaks_as_the_gamma_poisson_share_says(ref):
    """Fit the break rates on 2010-2018 only; series with no break in 2011-2018 then see a break
    in 2019-2023 about as often as the gamma-Poisson posterior predicts (0.096; observed 0.072
    of 333), and clearly less often than the panel's plain rate (0.125) -- why the short-history
    update keeps only the posterior share of the break variance (forecast.drift_update)."""
    from forecast.reference import break_rates

    rates, k = break_rates(ref[ref["year"] <= 2018])
    assert k < 5                                  # breaks cluster in some series
    obs, gp, plain = [], [], []
    for _, g in ref.groupby("series_id"):
        g = g.set_index("year")
        if not all(y in g.index for y in range(2010, 2024)) or (g.loc[2011:2018, "status"] == "break").any():
            continue
        r = rates[g["type"].iloc[0]][0]
        obs.append((g.loc[2019:2023, "status"] == "break").any())
        gp.append(1 - ((k + 8 * r) / (k + 13 * r)) ** k)
        plain.append(1 - (k / (k + 5 * r)) ** k)
    n, p_gp = len(obs), float(np.mean(gp))
    se = np.sqrt(p_gp * (1 - p_gp) / n)
    assert n >= 200
    assert abs(np.mean(obs) - p_gp) < 2.5 * se
    assert np.mean(obs) < float(np.mean(plain)) - 2 * se
