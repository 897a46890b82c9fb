"""Any horizon on the page: titles, captions, presets, uploads and the scorecard take their years from
the region's data (a made-up fixture with a 2025, a 2030 and a 2027+2030 region: tests/fixtures/horizon)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.talentsim.app.conftest import IND_COLS, OBS_COLS, to_csv, to_xlsx, wkey

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "horizon"


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _text(at) -> str:
    """Every title, subheader, caption, info, metric label and table header the page shows."""
    parts = [x.value for x in (*at.title, *at.subheader, *at.caption, *at.info, *at.success, *at.warning)]
    parts += [m.label for m in at.metric]
    parts += [str(c) for d in at.dataframe for c in d.value.columns]
    return "\n".join(parts)


def _clear_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


def fixture_folder(tmp: Path) -> Path:
    """The fixture's tables with the shipped reference class beside them (a data folder the page can read)."""
    import shutil

    from forecast.data import data_dir

    for f in FIXTURE.glob("*.csv"):
        shutil.copy(f, tmp / f.name)
    from forecast.data import TABLES

    tables = {t.filename for t in TABLES.values()}
    for f in data_dir().glob("*.csv"):   # the reference class and outcome base the model reads beside the tables
        if f.name not in tables:
            shutil.copy(f, tmp / f.name)
    return tmp


@pytest.fixture
def fixture_data(monkeypatch, tmp_path):
    """The page on the fixture's regions instead of the shipped data (caches cleared before and after)."""
    monkeypatch.setenv("TALENTSIM_DATA", str(fixture_folder(tmp_path)))
    monkeypatch.setenv("TALENTSIM_NOW", "2026")
    _clear_caches()
    yield
    _clear_caches()


STALE = {"zh": ("2025 年目标", "2025年目标"), "en": ("2025 target",)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_title_and_columns_say_the_year_of_the_region_on_screen(app, fixture_data, lang):
    at = app(lang=lang, region="newtown").run()
    _ok(at)
    text = _text(at)
    head = at.subheader[0].value
    assert head == ("新城市：2030 年目标达成概率" if lang == "zh" else "Newtown City: probability of meeting the 2030 targets")
    assert ("2030 年目标" if lang == "zh" else "2030 target") in text
    assert not any(s in text for s in STALE[lang]), text
    assert ("数据截至 2025 年" if lang == "zh" else "data as of 2025") in at.caption[0].value
    old = app(lang=lang, region="oldtown").run()           # its one simulated indicator is as of 2020
    assert ("数据截至 2020 年" if lang == "zh" else "data as of 2020") in old.caption[0].value
    # the overview is a static table (names as its index, Markdown-escaped): the context indicator's marker
    names = [str(n).replace("\\", "") for n in at.table[0].value.index]
    assert names == (["人才资源总量", "研发经费投入强度（背景指标）"] if lang == "zh"
                     else ["Talent total", "R&D intensity (context)"])
    at = app(lang=lang, region="oldtown").run()
    _ok(at)
    assert "2025" in at.subheader[0].value and "2030" not in _text(at)


def test_a_region_with_two_target_years_names_both(app, fixture_data):
    at = app(lang="zh", region="twoyear").run()
    _ok(at)
    assert at.subheader[0].value == "两年县：2027、2030 年目标达成概率"
    at = app(lang="en", region="twoyear").run()
    assert "2027 and 2030" in at.subheader[0].value
    assert set(at.session_state["p_hit"]) == {"twoyear.talent_total", "twoyear.skilled_workers"}
    targets = [str(x).replace("\\", "") for x in at.table[0].value["2027 and 2030 target"]]  # each with its year
    assert targets == ["≥ 450,000 people (2027)", "≥ 120,000 people (2030)"]


def test_picking_a_preset_keeps_the_region_year(app, fixture_data):
    at = app(lang="en", region="newtown").run()
    at.selectbox(key=wkey(at, "src")).set_value("preset:baseline").run()
    _ok(at)
    assert "2030" in at.subheader[0].value and "2025 target" not in _text(at)
    at.selectbox(key=wkey(at, "src")).set_value("preset:shock").run()
    _ok(at)
    assert at.session_state["lever_shock_year"] == 2027          # two years after the 2025 base, not 2022
    assert at.slider(key="lever_shock_year").min == 2026 and at.slider(key="lever_shock_year").max == 2030


def test_the_picker_groups_regions_by_level_and_plan(app, fixture_data):
    at = app(lang="zh").run()
    _ok(at)
    box = at.sidebar.selectbox(key=wkey(at, "region"))
    assert box.options == ["新城市（市级 · “十五五”）", "两年县（区县 · “十五五”）", "旧城区（区县 · “十四五”）"]
    assert at.session_state["region"] == "oldtown"              # the first region of the data that simulates


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_scorecard_shows_outcomes_and_not_published(app, fixture_data, lang):
    at = app(lang=lang, region="oldtown", view="scorecard").run()
    _ok(at)
    table = at.dataframe[0].value
    rows = dict(zip(table.iloc[:, 0], table.iloc[:, 3]))
    assert rows["人才资源总量" if lang == "zh" else "Talent total"] == ("达标" if lang == "zh" else "met")
    assert rows["高层次人才" if lang == "zh" else "High-level talent"] == ("尚未公布" if lang == "zh" else "not published")
    assert ("2020" in table.columns[4])                            # the probability as of the base year
    from forecast.data import load_dataset
    from talentsim.app import regions

    ds = load_dataset(None)                                        # the fixture folder ($TALENTSIM_DATA)
    assert "scorecard" in regions.region_views("oldtown", ds, now=2026)
    assert "scorecard" not in regions.region_views("newtown", ds, now=2026)      # 2030: nothing has passed
    assert "scorecard" not in regions.region_views("oldtown", ds, now=2025)      # 2025 not over yet


# --------------------------------------------------------------------------- uploads of a 2030 and a 2027 plan
def _plan_tables(year: int) -> tuple[list[list[str]], list[list[str]]]:
    ind = [IND_COLS,
           ["mycity.talent_total", "mycity", "人才资源总量", "Talent total", "万人", "人才规模", "people", "level",
            "true", str(year), "60", ">=", "stated", "my_plan.txt", f"到{year}年人才资源总量达到60万人"],
           ["mycity.high_level_talent", "mycity", "高层次人才", "High-level talent", "人", "人才规模", "people",
            "level", "true", str(year), "1200", ">=", "stated", "my_plan.txt", "高层次人才达到1200人"]]
    obs = [OBS_COLS,
           ["mycity.talent_total", "2020", "44", "observed", "my_plan.txt", "2020年人才资源总量44万人"],
           ["mycity.talent_total", "2025", "50", "observed", "my_plan.txt", "2025年人才资源总量50万人"],
           ["mycity.high_level_talent", "2025", "900", "observed", "my_plan.txt", "高层次人才900人"]]
    return ind, obs


@pytest.mark.parametrize("kind, year", [("csv", 2030), ("xlsx", 2030), ("csv", 2027)])
def test_a_later_plan_uploads_simulates_and_exports_with_its_own_year(app, kind, year):
    ind, obs = _plan_tables(year)
    at = app(view="data", lang="en").run()
    if kind == "csv":
        files = [("indicators.csv", to_csv(ind), "text/csv"), ("observations.csv", to_csv(obs), "text/csv")]
    else:
        files = [("plan.xlsx", to_xlsx({"indicators": ind, "observations": obs}),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    at.file_uploader(key="data_upload").set_value(files).run()
    _ok(at)
    assert at.session_state["region"] == "upload"
    assert set(at.session_state["p_hit"]) == {"mycity.talent_total", "mycity.high_level_talent"}
    at.session_state["view"] = "overview"
    at.run()
    _ok(at)
    assert f"the {year} targets" in at.subheader[0].value and "2025 target" not in _text(at)
    at.session_state["view"] = "compare"
    at.run()
    _ok(at)
    book = at.session_state["_export_build_xlsx"]()      # what the one-click download sends
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(book))["Scenarios"]
    head = [c.value for c in ws[1]]
    assert ws.cell(2, head.index("Target year") + 1).value == year
    assert ws.cell(2, head.index("Data as of") + 1).value == 2025


def test_a_typed_2030_plan_keeps_2030_after_a_preset_is_picked(app):
    """Issue 21: a typed 2030 plan, then the Baseline preset: the page said 'reaches its 2025 target'."""
    from talentsim.app import newplan
    from tests.talentsim.app.test_newplan import typed

    loaded, problems = newplan.check_plan("my_district", typed())
    assert problems == []
    at = app(lang="en").run()
    at.session_state["upload"] = loaded
    at.session_state["upload_region"] = "my_district"
    at.session_state["region"] = "upload"
    at.run()
    at.selectbox(key=wkey(at, "src")).set_value("preset:baseline").run()
    _ok(at)
    assert "2030" in at.subheader[0].value and "2025 target" not in _text(at)
    assert "2030" in at.caption[0].value and "the uploaded plan" in at.caption[0].value


def test_the_new_plan_template_is_the_plan_being_written_now():
    from talentsim.app import newplan

    assert newplan.plan_years(2026) == (2025, 2030) and newplan.plan_years(2031) == (2030, 2035)
    assert newplan.plan_years(2025) == (2020, 2025)            # during 2025 the 14th plan still runs


def test_the_indicator_view_says_each_indicator_own_target_year(app, fixture_data):
    at = app(lang="en", region="twoyear", view="indicator", indicator="twoyear.talent_total").run()
    _ok(at)
    labels = [m.label for m in at.metric]
    assert "P(meet 2027 target)" in labels and not any("2030" in x for x in labels), labels
    at = app(lang="en", region="twoyear", view="indicator", indicator="twoyear.skilled_workers").run()
    assert "P(meet 2030 target)" in [m.label for m in at.metric]


@pytest.mark.parametrize("lang, says", [("zh", "见“规划成绩单”"), ("en", "see the Scorecard")])
def test_a_target_whose_outcome_is_in_the_data_points_to_the_scorecard(app, fixture_data, lang, says):
    at = app(lang=lang, region="oldtown").run()
    _ok(at)
    reasons = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    assert any(says in r for r in reasons), reasons


@pytest.mark.parametrize("region, view, says", [
    ("liwan", "data", "Liwan 555"), ("liwan", "p555", "Liwan 555"),
    ("haizhu", "data", "no numeric target with a target year"), ("tianjin", "data", "'New plan'")])
def test_every_seed_region_is_reachable_and_says_why_it_does_not_simulate(app, region, view, says):
    """Issue 22: Haizhu and Tianjin were unreachable, Liwan's data view failed with a KeyError."""
    at = app(lang="en", region=region, view=view).run()
    _ok(at)
    assert at.session_state["region"] == region and at.session_state["view"] == view
    assert any(says in i.value for i in at.info), [i.value for i in at.info]
    from talentsim.messages import t

    assert at.caption[0].value.startswith(t("app_caption_plain", "en"))   # no target year claimed


def test_an_uploaded_14th_plan_gets_its_scorecard(app, monkeypatch):
    monkeypatch.setenv("TALENTSIM_NOW", "2026")
    ind, obs = _plan_tables(2025)
    obs.append(["mycity.high_level_talent", "2025", "1100", "observed", "my_plan.txt", "2025年高层次人才1100人"])
    obs = [r for r in obs if not (r[0] == "mycity.high_level_talent" and r[1] == "2025" and r[2] == "900")]
    obs.append(["mycity.high_level_talent", "2020", "800", "observed", "my_plan.txt", "2020年高层次人才800人"])
    at = app(view="data", lang="en").run()
    at.file_uploader(key="data_upload").set_value(
        [("indicators.csv", to_csv(ind), "text/csv"), ("observations.csv", to_csv(obs), "text/csv")]).run()
    _ok(at)
    at.session_state["view"] = "scorecard"
    at.run()
    _ok(at)
    table = at.dataframe[0].value
    assert dict(zip(table.iloc[:, 0], table.iloc[:, 3])) == {"Talent total": "missed", "High-level talent": "missed"}
    assert "2020" in table.columns[4]
