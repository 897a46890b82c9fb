"""A scenario's yearly budget and sector inflows are stated in words wherever the scenario is
described: the argument of the deck, the HTML report and the workbook, the CLI's JSON and text
(issue 22: levers a plan office can enact). A scenario without them mentions neither."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from scenarios import load_preset, scenario_from_dict
from scenarios.compare import compare
from talentsim.export import facts, html_text, pptx_bytes, story, xlsx_bytes
from talentsim.report import comparison_json, comparison_text

#: Tianhe: funding acts from its 2020 base; 2021–2025 is its 14th-plan horizon
BUDGET = {2021: 3.5, 2022: 4.0, 2023: 4.5, 2024: 5.0, 2025: 5.5}
SECTOR = {"tianhe.ict_employment": 0.5}
SAID = {"zh": ["按年度预算：2021–2025 年 3.5、4、4.5、5、5.5 亿元",
               "分行业引才：新一代信息技术产业（信息传输、软件和信息技术服务业）规上企业从业人数 +0.5 万人/年"],
        "en": ["Yearly budget: 3.5, 4, 4.5, 5, 5.5 (100M yuan) in 2021–2025",
               "Inflow by sector: Employment in next-generation IT (information transmission, software and IT services), "
               "above-scale firms +5,000 people/yr"]}
#: words that would only come from a schedule, in either language
ANY = ("按年度预算", "分行业引才", "Yearly budget", "Inflow by sector")


@pytest.fixture(scope="module")
def cmp():
    base = load_preset("baseline").model_copy(update={"region": "tianhe"})
    planned = scenario_from_dict({**base.to_dict(), "name": "yearly", "budget": BUDGET, "sector_inflow": SECTOR},
                                 source="test")
    return compare([base, planned], paths=400)


def _deck(cmp, lang) -> str:
    prs = Presentation(io.BytesIO(pptx_bytes(cmp, lang=lang, limit=2)))
    out = []
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_text_frame:
                out += [p.text for p in sh.text_frame.paragraphs]
            if sh.has_table:
                out += [c.text for row in sh.table.rows for c in row.cells]
    return "\n".join(out)


def _workbook(cmp, lang) -> str:
    wb = load_workbook(io.BytesIO(xlsx_bytes(cmp, lang=lang)))
    return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_changes_state_the_budget_and_sector_inflow_only_for_the_scenario_that_sets_them(cmp, lang):
    base, planned = (story.changes(s, lang) for s in cmp.sims)
    assert planned[-2:] == SAID[lang]
    for line in planned:     # in one language: no Chinese in English, no English words in Chinese
        assert not (facts.has_cjk(line) if lang == "en" else re.search(r"[A-Za-z]{2,}", line)), line
    assert not any(w in x for x in base for w in ANY)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("export", [_deck, _workbook, lambda c, lang: html_text(c, lang=lang, charts=False)],
                         ids=["pptx", "xlsx", "html"])
def test_each_export_states_the_schedules_in_its_language(cmp, lang, export):
    text = export(cmp, lang)
    for said in SAID[lang]:
        assert said in text
    other = SAID["en" if lang == "zh" else "zh"]
    assert not any(x.split("：")[0].split(":")[0] in text for x in other)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workbook_assumptions_list_each_budget_year_and_sector(cmp, lang):
    """The assumptions sheet has a row per budget year and per sector inflow: the scenario that sets
    them shows its values, the one that does not shows a blank (not the other's numbers)."""
    from talentsim.export.xlsx import sheet_name

    ws = load_workbook(io.BytesIO(xlsx_bytes(cmp, lang=lang)))[sheet_name("assumptions", lang)]
    rows = list(ws.iter_rows(values_only=True))
    base_col, yearly_col = 4, 5          # key, lever, unit, default, then the scenarios in order
    assert rows[0][3] == ("默认值" if lang == "zh" else "Default")
    by_key = {r[0]: r for r in rows[1:]}
    for year, value in BUDGET.items():
        row = by_key[f"budget:{year}"]
        assert row[yearly_col] == value and row[base_col] is None
        assert str(year) in row[1] and ("年度预算" if lang == "zh" else "Yearly budget") in row[1]
    row = by_key["sector_inflow:tianhe.ict_employment"]
    assert row[yearly_col] == SECTOR["tianhe.ict_employment"] and row[base_col] is None
    assert not [k for k in by_key if str(k).startswith("budget:") and int(k.split(":")[1]) not in BUDGET]


def test_json_and_text_carry_the_schedules(cmp):
    rec = json.loads(comparison_json(cmp))["schedules"]
    assert rec["baseline"] == {"budget_cny_100m": {}, "sector_inflow_10k_per_year": {}, "text": []}
    assert rec["yearly"]["budget_cny_100m"] == {str(y): v for y, v in BUDGET.items()}
    assert rec["yearly"]["sector_inflow_10k_per_year"] == SECTOR and rec["yearly"]["text"] == SAID["en"]
    text = comparison_text(cmp)
    assert all(f"yearly: {x}" in text for x in SAID["en"]) and "baseline: Yearly" not in text


def test_no_budget_is_stated_where_funding_does_not_act():
    """Guangdong's documents give no historic funding: a budget would do nothing, so it is not
    written as if it acted (the funding-off sentence says why)."""
    sc = scenario_from_dict({**load_preset("baseline").to_dict(), "region": "guangdong", "budget": BUDGET},
                            source="test")
    sim = compare([sc], paths=200).sims[0]
    said = story.changes(sim, "en")
    assert not any("Yearly budget" in x for x in said) and any("do nothing here" in x for x in said)
