"""The lever panel's yearly budget and sector inflow tables (issue 22 item 2): they reach the
simulated scenario, refuse bad input as a whole, and travel in saved scenarios, links and undo."""

from __future__ import annotations

import pytest
import yaml

from talentsim.app import schedules
from talentsim.messages import t

from .conftest import HL, wkey

ICT = "tianhe.ict_employment"
YEARS = [2021, 2022, 2023, 2024, 2025]   # Tianhe: 2020 base, 14th-plan target year 2025


def _key(at, which: str) -> str:
    return next(k for k in at.session_state if str(k).startswith(f"_sch_{which}_"))


def _edit(at, which: str, rows: dict, lang: str):
    col = t("sch_col_budget" if which == "budget" else "sch_col_inflow", lang)
    at.session_state[_key(at, which)] = {"edited_rows": {i: {col: v} for i, v in rows.items()},
                                         "added_rows": [], "deleted_rows": []}
    return at.run()


def _ok(at):
    assert not at.exception and not [e.value for e in at.error]


def _editor(at, which: str, lang: str):
    title = t("sch_budget_title" if which == "budget" else "sch_sector_title", lang)
    box = next(e for e in at.sidebar.expander if e.label == title)
    return box.dataframe[0].value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yearly_budget_moves_high_level_talent(app, lang):
    at = app(lang=lang, region="tianhe").run()
    _ok(at)
    table = _editor(at, "budget", lang)
    assert list(table[t("sch_col_year", lang)]) == [str(y) for y in YEARS]
    # empty budget = the level and growth sliders: the region's 1.2 亿元 growing 5 %/yr from the second year
    assert table[t("sch_col_budget", lang)].isna().all()
    assert table[t("sch_col_sliders", lang)].tolist() == pytest.approx([1.2 * 1.05 ** s for s in range(5)])
    before = at.session_state["p_hit"][HL]
    _edit(at, "budget", {i: 4.0 for i in range(5)}, lang)
    _ok(at)
    assert at.session_state[schedules.BUDGET] == {y: 4.0 for y in YEARS}
    assert at.session_state["p_hit"][HL] > before + 0.1      # more money a year: more selectees
    assert _editor(at, "budget", lang)[t("sch_col_budget", lang)].tolist() == [4.0] * 5
    assert at.query_params["budget"] == ",".join(f"{y}:4" for y in YEARS)
    # a lower budget than the sliders' in every year lowers it below where it started
    _edit(at, "budget", {i: 0.2 for i in range(5)}, lang)
    assert at.session_state["p_hit"][HL] < before
    # clearing the cells goes back to the sliders, and the same numbers
    _edit(at, "budget", {i: None for i in range(5)}, lang)
    assert at.session_state[schedules.BUDGET] == {}
    assert at.session_state["p_hit"][HL] == pytest.approx(before, abs=1e-12)


def test_sector_inflow_moves_its_sector_and_the_total(app):
    lang = "en"
    at = app(lang=lang, region="tianhe").run()
    table = _editor(at, "sector", lang)
    names = table[t("sch_col_sector", lang)].tolist()
    assert len(names) == 6 and any("information" in n.lower() for n in names)   # data/relations.csv: six sectors
    row = schedules.sectors(__import__("scenarios.baseline", fromlist=["x"]).region_setup("tianhe", None)).index(ICT)
    before = dict(at.session_state["p_hit"])
    _edit(at, "sector", {row: 1.0}, lang)
    _ok(at)
    after = at.session_state["p_hit"]
    assert at.session_state[schedules.SECTOR] == {ICT: 1.0}
    assert after[ICT] > before[ICT] + 0.05                    # the sector itself
    assert after["tianhe.talent_total"] > before["tianhe.talent_total"]   # and the whole it is part of
    assert after["tianhe.finance_employment"] == pytest.approx(before["tianhe.finance_employment"], abs=0.02)
    assert at.query_params["sector_inflow"] == f"{ICT}:1"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_input_is_named_and_nothing_applied(app, lang):
    at = app(lang=lang, region="tianhe").run()
    before = dict(at.session_state["p_hit"])
    _edit(at, "budget", {0: 3.0, 2: -1.0}, lang)              # one good cell, one negative
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "2023" in errors[0] and t("sch_why_negative", lang) in errors[0]
    assert t("sch_nothing_applied", lang) in errors[0]
    assert at.session_state[schedules.BUDGET] == {} and at.session_state["p_hit"] == before
    assert _editor(at, "budget", lang)[t("sch_col_budget", lang)].isna().all()   # the table shows what applies
    _edit(at, "sector", {1: "abc"}, lang)
    name = _editor(at, "sector", lang)[t("sch_col_sector", lang)].iloc[1]
    errors = [e.value for e in at.error]
    assert any(name[:10] in e and t("sch_why_not_number", lang) in e for e in errors)
    assert at.session_state[schedules.SECTOR] == {} and at.session_state["p_hit"] == before
    _edit(at, "budget", {1: 3.0}, lang)                        # a good edit clears the budget's error
    assert not any("2023" in e.value for e in at.error)
    assert at.session_state[schedules.BUDGET] == {2022: 3.0}


def test_saved_scenario_and_link_keep_the_schedules(app, tmp_path):
    lang = "en"
    at = app(lang=lang, region="tianhe").run()
    _edit(at, "budget", {2: 3.5}, lang)
    _edit(at, "sector", {0: 0.5}, lang)
    p = dict(at.session_state["p_hit"])
    at.text_input(key="scn_name").set_value("yearly").run()
    at.button(key="save_local").click().run()
    _ok(at)
    saved = yaml.safe_load((tmp_path / "saved" / "yearly.yaml").read_text(encoding="utf-8"))
    assert {int(y): v for y, v in saved["budget"].items()} == {2023: 3.5}     # YAML keys are text
    assert saved["sector_inflow"] == {"tianhe.finance_employment": 0.5}
    at.selectbox(key=wkey(at, "src")).set_value("preset:baseline").run()
    assert at.session_state[schedules.BUDGET] == {} and at.session_state["p_hit"] != p
    at.selectbox(key=wkey(at, "src")).set_value("saved:yearly").run()
    assert at.session_state[schedules.BUDGET] == {2023: 3.5} and at.session_state["p_hit"] == p
    # the link reproduces them
    link = app(lang=lang, region="tianhe", budget="2023:3.5", sector_inflow="tianhe.finance_employment:0.5").run()
    _ok(link)
    assert link.session_state["p_hit"][HL] == pytest.approx(p[HL], abs=1e-12)
    assert link.session_state[schedules.SECTOR] == {"tianhe.finance_employment": 0.5}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_start_from_caption_states_a_loaded_schedule_once(app, tmp_path, lang):
    """A scenario file with a yearly budget and a sector inflow, whose description does not say
    them: the caption under "start from" does, in the page's language; a description that already
    says them (saved from the page) is not repeated."""
    said = {"zh": ("按年度预算：2023 年 3.5 亿元", "分行业引才：金融业年报企业从业人数* +0.5 万人/年"),
            "en": ("Yearly budget: 3.5 in 2023 (100M yuan)",
                   "Inflow by sector: Employment in finance (annual-report enterprises) +5,000 people/yr")}
    folder = tmp_path / "saved"
    folder.mkdir(exist_ok=True)
    (folder / "handmade.yaml").write_text(yaml.safe_dump(
        {"name": "handmade", "description": "Hand-written plan", "description_zh": "手写方案", "region": "tianhe",
         "budget": {2023: 3.5}, "sector_inflow": {"tianhe.finance_employment": 0.5}}, allow_unicode=True),
        encoding="utf-8")
    at = app(lang=lang, region="tianhe").run()
    at.selectbox(key=wkey(at, "src")).set_value("saved:handmade").run()
    _ok(at)
    caption = at.sidebar.caption[0].value.replace("\\", "")      # the first caption; markdown escapes off
    assert ("手写方案" if lang == "zh" else "Hand-written plan") in caption
    assert all(caption.count(x) == 1 for x in said[lang]), caption
    other = said["en" if lang == "zh" else "zh"]
    assert not any(x in caption for x in other)
    _edit(at, "budget", {2: 3.5}, lang)
    at.text_input(key="scn_name").set_value("again").run()
    at.button(key="save_local").click().run()
    at.selectbox(key=wkey(at, "src")).set_value("saved:again").run()
    caption = at.sidebar.caption[0].value.replace("\\", "")
    assert caption.count(said[lang][0]) == 1, caption


def test_a_bad_link_schedule_is_ignored_with_a_warning(app):
    at = app(lang="en", region="tianhe", budget="2023:-1,2024:2", sector_inflow="nosuch:1").run()
    assert at.session_state[schedules.BUDGET] == {2024: 2.0} and at.session_state[schedules.SECTOR] == {}
    warned = " ".join(w.value for w in at.warning)
    assert "2023:-1" in warned and "nosuch:1" in warned


def test_undo_takes_back_a_budget_edit(app):
    at = app(lang="en", region="tianhe").run()
    before = at.session_state["p_hit"][HL]
    _edit(at, "budget", {2: 6.0}, "en")
    assert at.session_state["p_hit"][HL] != before
    at.button(key="undo").click().run()
    _ok(at)
    assert at.session_state[schedules.BUDGET] == {} and at.session_state["p_hit"][HL] == before


def test_parse_edits_reads_the_whole_edit():
    rows, labels = [2021, 2022, 2023], ["2021", "2022", "2023"]
    changes, problems = schedules.parse_edits({0: {"b": 2}, 1: {"b": None}, 2: {"b": " 1.5"}}, rows, labels, "b",
                                              high=10)
    assert changes == {2021: 2.0, 2022: None, 2023: 1.5} and not problems
    changes, problems = schedules.parse_edits({0: {"b": "1,5"}, 1: {"b": -0.1}, 2: {"b": 11}, 7: {"b": 1}},
                                              rows, labels, "b", high=10)
    assert [p[0] for p in problems] == labels and [p[2] for p in problems] == [
        "sch_why_not_number", "sch_why_negative", "sch_why_above"]
    assert schedules.merged({2021: 1.0, 2022: 2.0}, {2022: None, 2023: 3.0}) == {2021: 1.0, 2023: 3.0}


def test_tables_only_where_they_act(app):
    """No budget table where the documents give no funding figure (Guangdong: funding has no effect),
    no sector table where the region has no sector relations."""
    at = app(lang="en", region="guangdong").run()
    _ok(at)
    titles = {e.label for e in at.sidebar.expander}
    assert t("sch_budget_title", "en") not in titles and t("sch_sector_title", "en") not in titles
    at = app(lang="en", region="tianhe").run()
    titles = {e.label for e in at.sidebar.expander}
    assert {t("sch_budget_title", "en"), t("sch_sector_title", "en")} <= titles


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_saved_description_compare_table_and_slides_state_the_schedules(app, tmp_path, lang):
    """The saved scenario's description, the compare view's lever table and the presentation's
    footer say the yearly budget and the sector inflow, in the page's language."""
    said = {"zh": ("按年度预算：2023 年 3.5 亿元", "分行业引才：金融业年报企业从业人数* +0.5 万人/年"),
            "en": ("Yearly budget: 3.5 in 2023 (100M yuan)",
                   "Inflow by sector: Employment in finance (annual-report enterprises) +5,000 people/yr")}
    at = app(lang=lang, region="tianhe", view="compare").run()
    at.multiselect(key=wkey(at, "compare_with")).set_value(["preset:baseline"]).run()
    col = t("col_lever", lang)
    rows = lambda: next(d.value for d in at.dataframe if col in d.value.columns).set_index(col)  # noqa: E731
    assert t("sch_budget_title", lang) not in rows().index
    _edit(at, "budget", {2: 3.5}, lang)
    _edit(at, "sector", {0: 0.5}, lang)
    _ok(at)
    table = rows()
    budget, sector = (table.loc[t(k, lang)] for k in ("sch_budget_title", "sch_sector_title"))
    assert said[lang][0].endswith(budget.iloc[1]) and budget.iloc[2] == "–" and budget.iloc[0] == "●"
    assert said[lang][1].endswith(sector.iloc[1]) and sector.iloc[2] == "–"
    at.text_input(key="scn_name").set_value("yearly").run()
    at.button(key="save_local").click().run()
    _ok(at)
    saved = yaml.safe_load((tmp_path / "saved" / "yearly.yaml").read_text(encoding="utf-8"))
    for lg, field in (("zh", "description_zh"), ("en", "description")):
        assert all(x in saved[field] for x in said[lg]), saved[field]
    assert not any(x in saved["description"] for x in said["zh"])
    at.toggle(key="present").set_value(True).run()
    footer = next(m.value for m in at.markdown if m.value.startswith("<div class='present-footer'>"))
    assert all(x in footer for x in said[lang])
