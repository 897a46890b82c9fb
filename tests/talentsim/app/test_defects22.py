"""Issue 22's 'Defects seen', each through the page (AppTest); the browser walk is in
test_browser_walk.py."""

from __future__ import annotations

import yaml

from tests.talentsim.app.conftest import FUNDING, to_csv, user_tables, wkey


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_link_to_an_uploaded_region_opens_the_default_region_without_the_uploads_levers(app):
    at = app(region="upload", lang="en", attrition_pct_per_year="2.5", funding_cny_100m_per_year="3").run()
    _ok(at)
    assert at.session_state["region"] == "tianhe"
    assert at.slider(key="lever_attrition_pct_per_year").value == 0.0      # not the upload's lever values
    assert at.slider(key=FUNDING).value == 1.2
    assert any("uploaded data live only in the session" in w.value for w in at.warning)
    assert "(edited)" not in " ".join(c.value for c in at.caption)


def test_compare_difference_reads_from_the_scenario_on_screen(app):
    at = app(view="compare", lang="zh").run()
    _ok(at)
    frame = at.dataframe[1].value
    col = next(c for c in frame.columns if "相对" in c)
    assert col.startswith("规划情景 相对 基线")
    hl = frame[frame[frame.columns[0]] == "高层次人才总量"].iloc[0]
    # the plan raises the probability over the baseline: the column says '+', as P(plan) − P(baseline)
    assert hl[col].startswith("+") and hl["规划情景"] > hl["基线"]


def test_upload_is_titled_by_its_region_not_its_file_names(app):
    ind, obs = user_tables()
    at = app(view="data", lang="en").run()
    at.file_uploader(key="data_upload").set_value([("indicators.csv", to_csv(ind), "text/csv"),
                                                   ("observations.csv", to_csv(obs), "text/csv")]).run()
    _ok(at)
    label = at.selectbox(key=wkey(at, "region")).format_func("upload")
    assert "myregion" in label and ".csv" not in label
    ok = " ".join(s.value for s in at.success)
    assert "regions myregion" not in ok and "of myregion" in ok


def test_saved_scenario_describes_its_own_changes_not_the_presets_stance(app, tmp_path):
    at = app(lang="en").run()
    stance = at.session_state["scn_desc"]
    at.slider(key=FUNDING).set_value(2.4).run()
    at.text_input(key="scn_name").set_value("more-funding").run()
    at.button(key="save_local").click().run()
    _ok(at)
    saved = yaml.safe_load((tmp_path / "saved" / "more-funding.yaml").read_text(encoding="utf-8"))
    assert saved["description"] != stance and "The plan" in saved["description"]
    assert "240 million yuan" in saved["description"] and "2.4 亿元" in saved["description_zh"]
    # a description the planner typed is kept as typed
    at.text_area(key="scn_desc").set_value("my own words").run()
    at.text_input(key="scn_name").set_value("typed").run()
    at.button(key="save_local").click().run()
    saved = yaml.safe_load((tmp_path / "saved" / "typed.yaml").read_text(encoding="utf-8"))
    assert saved["description"] == "my own words"


def test_what_it_takes_starts_on_a_lever_that_acts_where_funding_is_off(app):
    at = app(region="guangdong", view="solve", lang="en").run()
    _ok(at)
    assert at.session_state["solve_lever"] not in ("funding_cny_100m_per_year", "funding_change_pct",
                                                   "funding_growth_pct_per_year")
    assert not any("does not move" in i.value for i in at.info)


def test_what_it_takes_on_a_range_target_answers_and_says_it_is_a_range(app):
    """Xinjiang's GDP growth target is 年均增长5.5%—6% (target_low/high, no target_value): the solve
    view raised 'no numeric target to hit' in an error box; it now solves for the lower end and
    says so."""
    for lang, words in (("en", "The target is a range (5.5 %–6 %)"), ("zh", "目标是一个区间（5.5 %–6 %）")):
        at = app(region="xinjiang", view="solve", lang=lang).run()
        _ok(at)
        assert not at.error, [e.value for e in at.error]
        assert at.session_state["solve_indicator"] == "xinjiang.gdp_growth"
        assert any(words in c.value for c in at.caption), [c.value for c in at.caption]


def test_the_two_guangdong_plans_read_apart_in_the_picker(app):
    """Issue 22: guangdong (14th plan, 2025) and guangdong_2030 (15th plan) were both 广东省, and the
    picker searched for 广东省 chose the other plan. Every option now has its own name, in both languages."""
    for lang in ("zh", "en"):
        at = app(lang=lang).run()
        _ok(at)
        box = at.selectbox(key=wkey(at, "region"))
        labels = list(box.options)                                 # as shown: the formatted labels
        names = [lab.rsplit("（", 1)[0] if lang == "zh" else lab.rsplit(" (", 1)[0] for lab in labels]  # minus group
        assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)
        gd, gd30 = box.format_func("guangdong"), box.format_func("guangdong_2030")
        assert "2030" in gd30 and "2030" not in gd
        assert (gd30.startswith("广东省（“十五五”，2030）") if lang == "zh"
                else gd30.startswith("Guangdong (15th plan, 2030)"))


def test_the_scorecard_grid_fits_its_column_at_1280_px(app):
    """Issue 22: the scorecard grid sized its columns to the longest name and ran past the main
    column (976-1028 px in an 818-px box at 1280 px, measured in Chromium). Every column now has a
    pixel width and they add up to at most 800 px; names lose their bracketed explanation."""
    import json

    for lang in ("zh", "en"):
        at = app(region="tianhe", view="scorecard", lang=lang).run()
        _ok(at)
        grid = at.dataframe[0]
        config = json.loads(grid.proto.columns)
        shown = [c for c in grid.value.columns]
        widths = [config.get(c, {}).get("width") for c in shown]
        assert all(isinstance(w, int) for w in widths), dict(zip(shown, widths))
        assert sum(widths) <= 800, dict(zip(shown, widths))
        names = list(grid.value.iloc[:, 0])
        assert ("高层次人才总量" if lang == "zh" else "High-level talent") in names
        assert not any(n.endswith(("）", ")")) for n in names)   # no trailing explanation
