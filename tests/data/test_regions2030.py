"""The 15th-plan regions (2030 targets) and the seed scorecard rows: every number is re-found in lawtext/gov.

Rows whose ``source`` is a corpus path (``政府工作报告-…/YYYY.md``) are read with
``git --git-dir=$TALENTSIM_GOV_CORPUS show COMMIT:PATH``; the quote must occur in the file after
whitespace is removed, and the number must occur in the quote (or, for a unit conversion, the note says
how it was derived). ``data/staging_2030/`` holds the rows the current schema cannot take yet (measure
``growth_rate``); they are checked here the same way. Cell-wise: an observation's year comes before
the report that states it, and every target is a 2026 report's target for 2030.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from forecast.data import load_dataset
from forecast.data.schema import MEASURES

from .conftest import DATA, squash
from .gov_corpus import corpus_dir, corpus_present, read_corpus

COMMIT = "fc1a2f67a589763dc905aaa90f2b1ba356bbccde"
CORPUS_RE = r"政府工作报告-(省自治区|主要城市|其他地市)/[^/]+/(\d{4})\.md"
#: never read (kept for an independent check): their 2026 reports and the national 15th-plan outline
FORBIDDEN = ("政府工作报告-省自治区/贵州省/2026.md", "政府工作报告-省自治区/陕西省/2026.md",
             "政府工作报告-省自治区/吉林省/2026.md", "政府工作报告-主要城市/合肥市/2026.md",
             "政府工作报告-主要城市/青岛市/2026.md", "五年规划/2026-十五五规划纲要.md")
#: regions whose outcomes stay out of data/ (PLAN.md)
KEPT_OUT = ("浙江", "江苏省", "上海", "云南", "河北", "河南", "青海", "宁波", "杭州", "大连", "银川", "南昌",
            "烟台", "长沙", "东莞", "厦门", "郑州", "西安")
SEEDS = {"tianhe", "haizhu", "guangdong", "tianjin", "liwan"}


def _read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """indicators and observations as shipped, as text (the staging rows were appended on merge)."""
    return {name: _read(DATA / f"{name}.csv") for name in ("indicators", "observations")}


def _corpus_rows(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["source"].str.fullmatch(CORPUS_RE)]


@pytest.fixture(scope="module")
def corpus():
    if not corpus_present():
        pytest.skip(f"lawtext/gov corpus not found at {corpus_dir()} (set TALENTSIM_GOV_CORPUS)")
    return lambda path: read_corpus(COMMIT, path)


@pytest.mark.parametrize("name", ["indicators", "observations"])
def test_every_corpus_quote_is_in_its_report(tables, corpus, name):
    bad = []
    for _, r in _corpus_rows(tables[name]).iterrows():
        text = corpus(r["source"])
        if text is None:
            bad.append(f"{r['id']}: {r['source']} not in the corpus at {COMMIT[:7]}")
        elif not squash(r["quote"]) or squash(r["quote"]) not in squash(text):
            bad.append(f"{r['id']} {r.get('year', '')}: quote not in {r['source']}: {r['quote']!r}")
    assert not bad, "\n".join(bad)


def test_sources_are_known_and_no_forbidden_file_is_cited(tables):
    for name, df in tables.items():
        src = df["source"]
        known = src.str.fullmatch(r"00[0-4]_[0-9a-f]{16}\.txt") | src.str.fullmatch(CORPUS_RE) | src.str.match(r"https?://")
        assert known.all(), (name, sorted(set(src[~known])))
        assert not src.isin(FORBIDDEN).any(), name
        assert not src.str.contains("五年规划/").any(), name


def test_no_outcome_of_a_kept_out_region(tables):
    obs = _corpus_rows(tables["observations"])
    hits = obs[obs["source"].map(lambda s: any(k in s for k in KEPT_OUT))]
    assert hits.empty, hits[["id", "source"]].to_string()


def _spelled(value: float, quote: str) -> bool:
    q = squash(quote)
    forms = {f"{value:g}", f"{value:.1f}", f"{value:.2f}"}
    if float(value).is_integer():
        forms.add(str(int(value)))
    return any(f in q for f in forms)


def test_each_number_sits_in_its_quote(tables):
    """Observed values and targets are printed in their quote; a derived value is a 万亿 → 亿 conversion
    whose note writes the arithmetic, and the printed figure times 10 000 gives the stored value."""
    bad = []
    obs = tables["observations"]
    for _, r in obs[~obs["source"].str.fullmatch(r"00[0-4]_[0-9a-f]{16}\.txt")].iterrows():
        v = float(r["value"])
        if r["status"] == "observed" and not _spelled(v, r["quote"]):
            bad.append(f"{r['id']} {r['year']}: {v} not in {r['quote']!r}")
        if r["status"] == "derived":
            m = re.search(r"DERIVED: ([0-9.]+)万亿元 = ([0-9.]+)亿元", r["note"])
            if not (m and f"{m.group(1)}万亿" in squash(r["quote"]) and float(m.group(1)) * 1e4 == pytest.approx(v)
                    and float(m.group(2)) == pytest.approx(v)):
                bad.append(f"{r['id']} {r['year']}: derived {v} not explained by {r['note'][:60]!r}")
    ind = _corpus_rows(tables["indicators"])
    for _, r in ind.iterrows():
        for col in ("target_value", "target_low", "target_high"):
            if r[col] == "":
                continue
            v = float(r[col])
            if not (_spelled(v, r["quote"]) or (v >= 1e4 and f"{v / 1e4:g}万亿" in squash(r["quote"]))):
                bad.append(f"{r['id']} {col}={v} not in {r['quote']!r}")
    assert not bad, "\n".join(bad)


def test_years_fit_the_report_that_states_them(tables):
    obs = _corpus_rows(tables["observations"])
    report_year = obs["source"].str.extract(CORPUS_RE)[1].astype(int)
    year = obs["year"].astype(int)
    assert ((year < report_year) & (year >= 2015)).all(), obs[~((year < report_year) & (year >= 2015))][["id", "year", "source"]]
    ind = _corpus_rows(tables["indicators"])
    assert ind["source"].str.endswith("/2026.md").all() and (ind["target_year"] == "2030").all()
    assert (ind["target_status"] == "stated").all()


def test_ids_are_unique_and_growth_rows_are_context(tables):
    ind = tables["indicators"]
    assert not ind["id"].duplicated().any()
    assert set(tables["observations"]["id"]) <= set(ind["id"])
    growth = ind[(ind["measure"] == "growth_rate") & (ind["target_year"] == "2030")]
    assert len(growth) >= 15
    assert (growth["unit"] == "%").all() and (growth["period_start"] == "2026").all() and (growth["domain"] == "context").all()


def test_fifteen_regions_with_2030_targets_and_histories(tables):
    ind, obs = tables["indicators"], tables["observations"]
    r2030 = ind[ind["target_year"] == "2030"]
    regions = set(r2030["region"])
    assert len(regions) >= 15 and not regions & SEEDS
    assert {"guangdong_2030"} <= regions
    years = obs[obs["id"].isin(r2030["id"])].assign(region=lambda d: d["id"].str.split(".").str[0])
    with_history = years.groupby("region")["year"].nunique()
    assert (with_history >= 3).sum() >= 15, with_history.to_dict()
    assert set(ind["domain"]) <= {"", "talent", "context"}


def test_regions_csv_lists_every_2030_region(tables):
    reg = _read(DATA / "regions.csv")
    assert list(reg.columns) == ["region", "name_zh", "name_en", "level", "plan", "note"]
    assert not reg["region"].duplicated().any()
    assert set(reg["level"]) <= {"national", "province", "city", "district"}
    r2030 = set(tables["indicators"].query("target_year == '2030'")["region"])
    fifteenth = set(reg.loc[reg["plan"] == "15th", "region"])
    assert r2030 == fifteenth


def test_scorecard_guangdong_high_skill_met(tables):
    """Issue 24: Guangdong's 2026 report gives 843万 high-skill talents for 2025 against the plan's 580万."""
    obs = tables["observations"].set_index(["id", "year"])
    ind = tables["indicators"].set_index("id")
    row = obs.loc[("guangdong.high_skill_talent", "2025")]
    assert float(row["value"]) == 843 and "843万" in row["quote"] and row["source"].endswith("广东省/2026.md")
    assert float(row["value"]) >= float(ind.loc["guangdong.high_skill_talent", "target_value"]) == 580


def test_the_15th_plan_rows_load_with_their_growth_rates():
    """The growth-rate rows (staged until the `growth_rate` measure was merged) load with the rest."""
    ds = load_dataset(DATA)
    assert (ds.indicators["measure"] == "growth_rate").sum() >= 15
