"""Chart text a planner reads at 1280 px: titles wrapped (never cut), names that fit, legends
naming only what is drawn (issue 12, screenshot review)."""

from __future__ import annotations

import json

import pandas as pd

from talentsim.charts import comparison_chart, fan_chart, probability_bars, short_names, text_width, wrap

LONG_EN = ("Employment in high-end professional services (leasing & business services + scientific research & "
           "technical services), above-scale firms")
LONG_ZH = "省级以上创新平台（省实验室、粤港澳联合实验室、省级以上重点实验室、新型研发机构、工程技术研究中心、企业技术中心）"


def test_wrap_keeps_every_character_and_each_line_fits():
    for text in (LONG_EN, LONG_ZH, "short"):
        lines = wrap(text, 70)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(text_width(x) <= 70 for x in lines)
    assert len(wrap(LONG_EN, 70)) == 2 + 1 and wrap(LONG_EN, 70)[0].endswith("business")


def test_short_names_drop_bracketed_qualifiers_of_long_names_only_and_stay_unique():
    assert short_names([LONG_ZH, "每千人口拥有执业（助理）医师"]) == ["省级以上创新平台", "每千人口拥有执业（助理）医师"]
    assert short_names([LONG_EN]) == ["Employment in high-end professional services, above-scale firms"]
    twins = ["Total talent resources (college degree or above, professional title, or vocational skill level)",
             "Total talent resources (by the provincial definition of talent, counted as persons)"]
    assert short_names(twins) == twins  # the short forms would collide: keep the full names


def _spec(chart) -> dict:
    return json.loads(chart.to_json())


def _quantiles(bands: tuple[str, ...]) -> pd.DataFrame:
    q = pd.DataFrame({"year": [2020, 2025], "q50": [100.0, 130.0]})
    for b in bands:
        q[b] = q["q50"] * (0.8 if b in ("q05", "q10", "q25") else 1.2)
    return q


def test_fan_chart_title_is_wrapped_and_the_legend_names_only_the_bands_drawn():
    full = _spec(fan_chart(_quantiles(("q05", "q95", "q10", "q90", "q25", "q75")), title=LONG_EN, unit="万人",
                           lang="en"))
    assert full["title"]["text"] == wrap(LONG_EN, 70)
    only90 = _spec(fan_chart(_quantiles(("q05", "q95")), title="555", unit="人", lang="en"))
    domains = [lay["encoding"]["color"]["scale"]["domain"] for lay in only90["layer"]
               if "color" in lay.get("encoding", {}) and "scale" in lay["encoding"]["color"]]
    assert domains and all(d == ["90% band", "Median"] for d in domains), domains


def test_probability_bars_show_whole_short_names():
    sm = pd.DataFrame({"id": ["a", "b"], "name_zh": [LONG_ZH, "每万人口发明专利拥有量"], "name_en": [LONG_EN, "Patents"],
                       "p_hit": [0.5, 0.9], "p_hit_se": [0.01, 0.01]})
    spec = _spec(probability_bars(sm, lang="zh"))
    names = {row["name"] for ds in spec["datasets"].values() for row in ds}
    assert names == {"省级以上创新平台", "每万人口发明专利拥有量"}


def test_an_indicator_without_an_english_name_keeps_its_chinese_name_in_english_charts():
    sm = pd.DataFrame({"id": ["a", "b"], "name_zh": ["高层次人才总量", "省级以上创新平台"], "name_en": [float("nan"), ""],
                       "p_hit": [0.5, 0.9], "p_hit_se": [0.01, 0.01]})
    spec = _spec(probability_bars(sm, lang="en"))
    assert {row["name"] for ds in spec["datasets"].values() for row in ds} == {"高层次人才总量", "省级以上创新平台"}


def test_comparison_chart_labels_are_short_names_on_lines_that_fit():
    table = pd.DataFrame({
        "name_zh": ["各类人才资源总量（大专及以上学历、专业技术资格或职称、职业技能等级）", "地区生产总值"],
        "name_en": ["Employment in high-end professional services (leasing & business services + scientific "
                    "research), above-scale firms", "Gross domestic product"],
        "p_hit[a]": [0.5, 0.7], "p_hit[b]": [0.6, float("nan")]})
    for lang, width in (("zh", 36), ("en", 40)):
        spec = comparison_chart(table, ["a", "b"], lang=lang, label_width=width, label_limit=280).to_dict()
        names = {r["name"] for rows in spec["datasets"].values() for r in rows}
        full = table[f"name_{lang}"][0]
        assert {n.replace("\n", " " if lang == "en" else "") for n in names} == set(short_names(table[f"name_{lang}"]))
        assert all(text_width(line) <= width for n in names for line in n.split("\n"))
        assert full not in names and "（" not in "".join(names) and "(" not in "".join(names)
        assert "split(datum.value" in json.dumps(spec)              # one axis label, several lines
