"""The extractor's parts on small texts written for the purpose: numbers, comparators, years,
分别 lists, 由A提高到B, tables in each layout, and the mapping into a region folder."""

from __future__ import annotations

import pytest

from forecast.extract import extract_text
from forecast.extract.numbers import find_mentions, normalize, split_lost_dash, to_float
from forecast.extract.tables import find_tables, table_candidates


def one(text: str, **kw):
    cands = extract_text(text, **kw).candidates
    assert len(cands) == 1, [(c.indicator_zh, c.value) for c in cands]
    return cands[0]


@pytest.mark.parametrize("text,value,unit", [
    ("城镇新增就业１２万人", 12.0, "万人"),            # full-width digits
    ("地区生产总值1,234.5亿元", 1234.5, "亿元"),
    ("规模达到1.2万亿元", 1.2, "万亿元"),
    ("新增一百二十个", 120.0, "个"),                   # cn2an
    ("提高0.5个百分点", 0.5, "个百分点"),
    ("增长1.5倍", 1.5, "倍"),
    ("实现翻一番", 2.0, "倍"),
    ("实现翻两番", 4.0, "倍"),
])
def test_number_forms(text, value, unit):
    ms = find_mentions(normalize(text))
    assert [(m.value, m.unit) for m in ms] == [(value, unit)]


def test_not_numbers():
    assert find_mentions(normalize("2025年12月，第3名，5G基站")) == []


def test_ranges_and_lost_dashes():
    m = find_mentions(normalize("每年3-5个"))[0]
    assert (m.value, m.value_high) == (3.0, 5.0)
    assert split_lost_dash("510") == (5.0, 10.0) and split_lost_dash("1530") == (15.0, 30.0)
    assert split_lost_dash("12") is None and split_lost_dash("100") is None and split_lost_dash("1800") is None
    assert to_float("二〇二五") == 2025.0


@pytest.mark.parametrize("text,comp", [
    ("到2025年，城镇新增就业达到80万人。", ">="), ("到2025年，城镇新增就业80万人以上。", ">="),
    ("到2025年，城镇调查失业率控制在5.5%以内。", "<="), ("到2025年，城镇调查失业率5.5%以下。", "<="),
    ("到2025年，地区生产总值增长6%左右。", "about"), ("到2025年，高新技术企业突破1万家。", ">="),
    ("2020年，高新技术企业超过8000家。", ">="), ("2020年，高新技术企业8000家。", "="),
])
def test_comparators(text, comp):
    assert one(text, doc_year=2021).comparator == comp


def test_years_kinds_and_flags():
    c = one("“十五五”时期，力争全市地区生产总值年均增长5%。", doc_year=2026)
    assert (c.year, c.kind, c.per_year, c.strive, c.indicator_zh) == (2030, "target", True, True, "地区生产总值年均增长")
    assert one("“十四五”末，人才资源总量达到105万人。", doc_year=2021).year == 2025
    assert one("到2027年，技能人才达到300万人。", doc_year=2024).year == 2027
    c = one("去年城镇新增就业86.63万人。", doc_year=2016, ref_year=2015)
    assert (c.year, c.kind, c.comparator) == (2015, "outcome", "=")


def test_from_a_to_b():
    cands = extract_text("到2025年，全市研发经费投入强度由2020年的2.1%提高到3%。", doc_year=2021).candidates
    got = [(c.indicator_zh, c.value, c.year, c.kind) for c in cands]
    assert got == [("研发经费投入强度", 2.1, 2020, "base"), ("研发经费投入强度", 3.0, 2025, "target")]


def test_respectively_lists():
    cands = extract_text("2020年，城镇、农村居民人均可支配收入分别增长5.8%和8.6%。", doc_year=2021).candidates
    assert [(c.indicator_zh, c.value) for c in cands] == [("城镇居民人均可支配收入增长", 5.8),
                                                          ("农村居民人均可支配收入增长", 8.6)]


def test_noun_after_a_counted_number():
    c = one("从2012年起，5年内引进50名高层次创新创业人才。", doc_year=2012)
    assert (c.indicator_zh, c.value, c.year) == ("高层次创新创业人才", 50.0, 2017)


def test_two_from_a_to_b_in_one_sentence_and_an_expected_value():
    text = "五年来，技能人才从120万人增加到预计150万人，高技能人才比重从25%提高到预计突破30%。"
    got = [(c.indicator_zh, c.value, c.year, c.kind, c.comparator)
           for c in extract_text(text, doc_year=2021, ref_year=2020).candidates]
    assert got == [("技能人才", 120.0, 2015, "base", "="), ("技能人才", 150.0, 2020, "outcome", "="),
                   ("高技能人才比重", 25.0, 2015, "base", "="), ("高技能人才比重", 30.0, 2020, "outcome", ">=")]


def test_a_comparison_year_does_not_date_what_follows():
    cands = extract_text("2020年，高新技术企业是2015年的2.5倍，上市公司新增30家，达到120家。", doc_year=2021).candidates
    assert [(c.indicator_zh, c.value, c.year) for c in cands] == [
        ("高新技术企业", 2.5, 2020), ("上市公司", 30.0, 2020), ("上市公司", 120.0, 2020)]


def test_policy_counts_and_ranks_are_not_indicators():
    text = ("2020年出台稳就业8条、支持小微企业12条和“人才10条”，在全国排名上升3位至第9位，"
            "形成15项制度创新成果，城镇新增就业12万人。")
    assert [(c.indicator_zh, c.value) for c in extract_text(text, doc_year=2021).candidates] == [("城镇新增就业", 12.0)]


def test_names_around_digits_and_shared_list_endings():
    cands = extract_text("2020年新增3家4A级旅游景区，新增2.5万高校毕业生留本市就业，"
                         "失业保险、工伤保险参保率分别达95%、97%以上。", doc_year=2021).candidates
    assert [(c.indicator_zh, c.value, c.comparator) for c in cands] == [
        ("4A级旅游景区", 3.0, "="), ("高校毕业生留本市就业", 2.5, "="),
        ("失业保险参保率", 95.0, ">="), ("工伤保险参保率", 97.0, ">=")]


def test_size_classes_and_short_list_items_take_their_head():
    text = "2020年，投资10亿元以上工业项目开工12个、投产9个，省科技进步奖特等奖2项、一等奖7项。"
    got = [(c.indicator_zh, c.value) for c in extract_text(text, doc_year=2021).candidates]
    assert got == [("投资10亿元以上工业项目开工", 12.0), ("投资10亿元以上工业项目投产", 9.0),
                   ("省科技进步奖特等奖", 2.0), ("省科技进步奖一等奖", 7.0)]


def test_plan_statements_keep_plan_years_rates_and_totals():
    from forecast.extract.run import plan_statements, statement_line

    text = "到2025年，技能人才达到300万人，地区生产总值年均增长6%。2021年城镇新增就业12万人。"
    got = plan_statements(text, "2021.md")
    assert [(c.indicator_zh, c.value, c.year) for c in got] == [("技能人才", 300.0, 2025),
                                                               ("地区生产总值年均增长", 6.0, 2025)]
    assert statement_line(got[1]).startswith("1: 地区生产总值年均增长 6 % >= 2025 target 年均 | 到2025年")


MD = """| 指标 | 单位 | 2020年 | 2025年 | 属性 |
|---|---|---|---|---|
| 高技能人才人数 | 万人 | 445 | 580 | 预期性 |
| 城镇调查失业率 | % | 5.2 | ＜5.5 | 预期性 |
| 新增职业资格证书 | 万人 | [96.4] | [100] | 预期性 |
| 专业技术人才 | 万人 | [略] | [略] | 预期性 |
"""


def test_markdown_table():
    cands = extract_text(MD).candidates
    got = {(c.indicator_zh, c.year): (c.value, c.comparator, c.kind, c.total) for c in cands}
    assert got == {("高技能人才人数", 2020): (445.0, "=", "base", False),
                   ("高技能人才人数", 2025): (580.0, ">=", "target", False),
                   ("城镇调查失业率", 2020): (5.2, "=", "base", False),
                   ("城镇调查失业率", 2025): (5.5, "<=", "target", False),
                   ("新增职业资格证书", 2020): (96.4, "=", "base", True),
                   ("新增职业资格证书", 2025): (100.0, ">=", "target", True)}   # [略] is missing, not zero


def test_tab_separated_and_flattened_tables():
    tsv = "序号\t指 标\t单位\t2020 年\t2025 年\t指标属性\n一、人才规模\t\t\t\t\t\n3\t高技能人才人数\t万人\t445\t580\t预期性\n"
    flat = "表1\n\t类别\n\t主要指标\n\t单位\n\t2020年\n基数\n\t2025年\n目标\n\n\t人才规模\n\t各类人才资源总量\n（大专及以上）\n" \
           "\t万人\n\t96\n\t105\n\n\t\n\t高层次人才总量\n\t人\n\t1024\n\t1500\n\n"
    for text, name in ((tsv, "高技能人才人数"), (flat, "各类人才资源总量（大专及以上）")):
        tables = find_tables(text.split("\n"))
        cands = [c for t in tables for c in table_candidates(t, 2020)]
        assert (cands[0].indicator_zh, cands[0].value, cands[1].value) == (name, cands[0].value, cands[1].value)
        assert [c.kind for c in cands[:2]] == ["base", "target"]
    flat_cands = [c for t in find_tables(flat.split("\n")) for c in table_candidates(t, 2020)]
    assert [(c.indicator_zh, c.value) for c in flat_cands][-2:] == [("高层次人才总量", 1024.0), ("高层次人才总量", 1500.0)]


def test_docx_with_a_table(tmp_path):
    import docx

    from forecast.extract import extract_file

    d = docx.Document()
    d.add_paragraph("到2025年，全区人才资源总量达到105万人。")
    t = d.add_table(rows=2, cols=4)
    for j, v in enumerate(["指标", "单位", "2020年", "2025年"]):
        t.cell(0, j).text = v
    for j, v in enumerate(["博士后工作站", "家", "12", "20"]):
        t.cell(1, j).text = v
    d.save(tmp_path / "plan.docx")
    got = {(c.indicator_zh, c.value, c.year) for c in extract_file(tmp_path / "plan.docx").candidates}
    assert got == {("人才资源总量", 105.0, 2025), ("博士后工作站", 12.0, 2020), ("博士后工作站", 20.0, 2025)}


def test_region_folder_validates(tmp_path):
    from forecast.data import check_report
    from forecast.extract.mapping import to_region, write_region

    text = MD + "\n到2025年，每万人口发明专利拥有量达到30件，人力资源服务业营业收入突破500亿元，地区生产总值年均增长6%。\n"
    res = extract_text(text, doc_year=2021)
    mapped = to_region(res.candidates, "demo", "plan.md")
    write_region(mapped, tmp_path)
    report, ok = check_report(tmp_path)
    assert ok, report
    ind = mapped.indicators.set_index("name_zh")
    assert ind.loc["城镇调查失业率", "higher_is_better"] == "false"
    assert ind.loc["每万人口发明专利拥有量", "type"] == "rate"
    assert ind.loc["人力资源服务业营业收入", "type"] == "money"
    assert ind.loc["新增职业资格证书", "measure"] == "five_year_total"
    assert [r for _, r in mapped.skipped] == ["a growth rate or change (the level schema holds levels and shares)"]


def test_cli_extract_seed_into_a_checked_region(tmp_path):
    """talentsim extract on Tianhe's plan: the folder passes data check and Table 1 is in it."""
    import csv

    import pandas as pd
    from typer.testing import CliRunner

    from talentsim.cli import app
    from tests.extract.conftest import SEEDS

    seed = SEEDS / "000_d2ee3df187537bd1.txt"
    if not seed.is_file():
        pytest.skip(f"seed documents not found at {SEEDS}")
    out, rows = tmp_path / "tianhe", tmp_path / "rows.csv"
    r = CliRunner().invoke(app, ["extract", str(seed), "--out", str(out), "--candidates", str(rows),
                                 "--region", "tianhe"])
    assert r.exit_code == 0, r.output
    assert "32 from tables" in r.output
    check = CliRunner().invoke(app, ["data", "check", "--data-dir", str(out)])
    assert check.exit_code == 0, check.output
    with open(rows, encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header[:9] == ["indicator_zh", "unit", "value", "comparator", "year", "kind", "per_year", "quote", "line"]
    ind = pd.read_csv(out / "indicators.csv", dtype=str)
    talent = ind[ind.name_zh.str.startswith("各类人才资源总量")].iloc[0]
    assert (talent.unit, talent.target_value, talent.target_year, talent.target_op) == ("万人", "105.0", "2025", ">=")
    again = CliRunner().invoke(app, ["extract", str(seed), "--out", str(out)])
    assert again.exit_code == 2 and "--force" in again.output


def test_space_separated_table_as_a_pdf_gives_it():
    text = ("专栏1 主要指标\n序号 指 标 单位 2020 年 2025 年 属性\n1 高技能人才人数 万人 445 580 预期性\n"
            "2 博士后 工作站 家 546 ≥580 预期性\n\n后文。")
    got = [(c.indicator_zh, c.value, c.year, c.comparator) for c in extract_text(text).candidates]
    assert got == [("高技能人才人数", 445.0, 2020, "="), ("高技能人才人数", 580.0, 2025, ">="),
                   ("博士后工作站", 546.0, 2020, "="), ("博士后工作站", 580.0, 2025, ">=")]
