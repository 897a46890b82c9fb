"""Headless tests of app.py with Streamlit's AppTest: views, levers, save/load, URL, uploads."""

from __future__ import annotations

import pytest

from scenarios import LEVERS, load_preset
from tests.talentsim.app.conftest import FUNDING, HL, to_csv, to_xlsx, user_tables, wkey

VIEWS = ("overview", "indicator", "compare", "solve", "data")


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_view_renders_in_both_languages(app, lang):
    at = app(lang=lang).run()
    _ok(at)
    assert not _errors(at)
    assert at.title[0].value == ("人才发展规划情景模拟" if lang == "zh" else "Talent-plan scenario simulator")
    assert HL in at.session_state["p_hit"]
    for view in VIEWS:
        at.segmented_control(key=wkey(at, "view")).set_value(view).run()
        _ok(at)
        assert not _errors(at), (view, _errors(at))
    at.selectbox(key=wkey(at, "region")).set_value("liwan").run()
    _ok(at)
    at.segmented_control(key=wkey(at, "view")).set_value("p555").run()
    _ok(at)
    p5, p10 = at.session_state["last_555"]["p5"], at.session_state["last_555"]["p10"]
    assert 0 <= p5 <= p10 <= 1
    at.selectbox(key=wkey(at, "region")).set_value("guangdong").run()
    _ok(at)
    assert not _errors(at)


def test_language_switch_relabels(app):
    at = app().run()
    assert any("全部达标的概率" in m.label for m in at.metric)
    at.radio(key="lang").set_value("en").run()
    _ok(at)
    assert any("P(all targets met)" in m.label for m in at.metric)
    assert at.slider(key=FUNDING).label.startswith("Talent funding per year")


def test_funding_lever_raises_high_level_probability(app):
    at = app().run()
    before = at.session_state["p_hit"][HL]
    assert at.slider(key=FUNDING).value == pytest.approx(LEVERS["funding_cny_100m_per_year"].default)
    at.slider(key=FUNDING).set_value(3.0).run()
    _ok(at)
    after = at.session_state["p_hit"][HL]
    assert after > before + 0.1
    # the same number is on the page, in the indicator view's metric
    at.segmented_control(key=wkey(at, "view")).set_value("indicator").run()
    at.selectbox(key=wkey(at, "indicator")).set_value(HL).run()
    assert at.metric[0].value.startswith(f"{after * 100:.1f} %")


def test_solve_answers_in_the_documents_units(app):
    at = app(view="solve").run()
    _ok(at)
    sol = at.session_state["last_solution"]
    assert sol["indicator"] == HL and sol["lever"] == "funding_cny_100m_per_year"
    assert sol["value"] is not None and 0 < sol["value"] < 10
    assert any("亿元/年" in s.value and "80%" in s.value for s in at.success)


def test_save_then_load_restores_identical_numbers(app, tmp_path):
    at = app().run()
    at.slider(key=FUNDING).set_value(2.5).run()
    at.slider(key="lever_inflow_10k_per_year").set_value(0.5).run()
    at.text_input(key="scn_name").set_value("my-plan").run()
    at.button(key="save_local").click().run()
    _ok(at)
    assert (tmp_path / "saved" / "my-plan.yaml").exists()
    assert any("my-plan.yaml" in s.value for s in at.success)
    saved_p = dict(at.session_state["p_hit"])

    at.selectbox(key=wkey(at, "src")).set_value("preset:baseline").run()
    assert at.slider(key=FUNDING).value == pytest.approx(1.2)
    assert at.session_state["p_hit"] != saved_p

    at.selectbox(key=wkey(at, "src")).set_value("saved:my-plan").run()
    _ok(at)
    assert at.slider(key=FUNDING).value == pytest.approx(2.5)
    assert at.slider(key="lever_inflow_10k_per_year").value == pytest.approx(0.5)
    assert at.session_state["p_hit"] == saved_p


def test_save_refuses_to_overwrite_a_different_scenario(app, tmp_path):
    at = app().run()
    at.text_input(key="scn_name").set_value("mine").run()
    at.button(key="save_local").click().run()
    at.slider(key=FUNDING).set_value(4.0).run()
    at.button(key="save_local").click().run()
    _ok(at)
    assert at.warning, "the refusal must be shown"
    assert "funding_cny_100m_per_year: 4.0" not in (tmp_path / "saved" / "mine.yaml").read_text(encoding="utf-8")
    at.checkbox(key="overwrite").check().run()
    at.button(key="save_local").click().run()
    _ok(at)
    assert "funding_cny_100m_per_year: 4.0" in (tmp_path / "saved" / "mine.yaml").read_text(encoding="utf-8")


def test_yaml_upload_restores_levers_and_numbers(app):
    sc = load_preset("plan").with_levers(funding_cny_100m_per_year=2.0, attrition_pct_per_year=0.5)
    sc = sc.model_copy(update={"name": "from-file"})
    # reference: the same lever values set by hand
    ref = app().run()
    ref.slider(key=FUNDING).set_value(2.0).run()
    ref.slider(key="lever_attrition_pct_per_year").set_value(0.5).run()
    expected = dict(ref.session_state["p_hit"])

    at = app().run()
    at.file_uploader(key="yaml_upload").set_value(("from-file.yaml", sc.to_yaml().encode(), "application/x-yaml"))
    at.run()
    _ok(at)
    assert at.slider(key=FUNDING).value == pytest.approx(2.0)
    assert at.session_state["src"] == "upload:from-file"
    assert at.session_state["p_hit"] == expected


@pytest.mark.parametrize("lang, says", [("zh", "bad.yaml：情景无效\n  levers.funding_cny_100m_per_year：应不大于 "),
                                        ("en", "bad.yaml: invalid scenario\n  levers.funding_cny_100m_per_year: "
                                               "Input should be less than or equal to ")])
def test_bad_yaml_upload_is_an_error_message_in_the_page_language(app, lang, says):
    at = app(lang=lang).run()
    before = dict(at.session_state["p_hit"])
    at.file_uploader(key="yaml_upload").set_value(("bad.yaml", b"name: x\nlevers:\n  funding_cny_100m_per_year: 99\n",
                                                   "application/x-yaml"))
    at.run()
    _ok(at)
    assert any(says in e.replace("  \n", "\n").replace("\\_", "_") for e in _errors(at)), _errors(at)
    assert at.session_state["p_hit"] == before


def test_query_parameters_restore_levers(app):
    at = app(region="tianhe", preset="baseline", lang="en", funding_cny_100m_per_year="2.4",
             funding_growth_pct_per_year="5", view="indicator", indicator=HL).run()
    _ok(at)
    assert at.radio(key="lang").value == "en"
    assert at.slider(key=FUNDING).value == pytest.approx(2.4)
    assert at.slider(key="lever_funding_growth_pct_per_year").value == pytest.approx(5.0)
    assert at.selectbox(key=wkey(at, "indicator")).value == HL
    # the same numbers as the high-funding preset, whose levers these are
    hf = app(preset="high-funding").run()
    assert at.session_state["p_hit"] == hf.session_state["p_hit"]
    # and the page writes its state back into the URL
    assert at.query_params["funding_cny_100m_per_year"] == ["2.4"] or at.query_params[
        "funding_cny_100m_per_year"] == "2.4"


def test_bad_query_parameters_are_warnings(app):
    at = app(funding_cny_100m_per_year="lots", attrition_pct_per_year="99", preset="nope").run()
    _ok(at)
    text = " ".join(w.value for w in at.warning)
    assert "funding_cny_100m_per_year" in text and "attrition_pct_per_year" in text and "nope" in text
    assert at.slider(key=FUNDING).value == pytest.approx(LEVERS["funding_cny_100m_per_year"].default)


def test_presentation_mode_steps(app):
    at = app(present="1").run()
    _ok(at)
    assert at.button(key="prev").disabled
    at.button(key="next").click().run()
    at.button(key="next").click().run()           # past the two summary slides: the first indicator
    _ok(at)
    assert at.session_state["step"] == 2
    assert len(at.metric) >= 3
    at.button(key="exit_present").click().run()
    _ok(at)
    assert not at.session_state["present"]


# --------------------------------------------------------------------------- data uploads through the page
def _upload(at, *files):
    at.file_uploader(key="data_upload").set_value(list(files))
    return at.run()


def _good_files():
    ind, obs = user_tables()
    return (("indicators.csv", to_csv(ind), "text/csv"), ("observations.csv", to_csv(obs), "text/csv"))


def test_good_upload_becomes_a_region(app):
    at = app(view="data").run()
    _upload(at, *_good_files())
    _ok(at)
    assert not _errors(at)
    assert at.session_state["region"] == "upload"
    assert set(at.session_state["p_hit"]) == {"myregion.talent_total", "myregion.high_level_talent"}


@pytest.mark.parametrize("case", ["wrong_columns", "non_numeric", "too_big"])
def test_bad_upload_shows_error_and_keeps_previous_data(app, case):
    at = app(view="data", lang="en").run()
    _upload(at, *_good_files())
    good_p = dict(at.session_state["p_hit"])
    ind, obs = user_tables()
    if case == "wrong_columns":
        files = [("indicators.csv", to_csv([["foo", "bar"], ["1", "2"]]), "text/csv"),
                 ("observations.csv", to_csv(obs), "text/csv")]
        expect = "missing required column"
    elif case == "non_numeric":
        obs[2][2] = "六百"
        files = [("indicators.csv", to_csv(ind), "text/csv"), ("observations.csv", to_csv(obs), "text/csv")]
        expect = "observations.csv, line 3, column 'value': '六百' is not a number"
    else:
        files = [("huge.csv", b"id,year\n" + b"x" * (2 * 1024 * 1024 + 10), "text/csv")]
        expect = "limit is 2 MB"
    _upload(at, *files)
    _ok(at)
    errs = _errors(at)
    assert errs and any(expect in e for e in errs), errs
    assert "Traceback" not in " ".join(errs)
    assert at.session_state["region"] == "upload"
    assert at.session_state["p_hit"] == good_p


@pytest.mark.parametrize("lang, expect", [
    ("zh", "observations.csv 第 3 行，“value”列：“六百”不是数字；应为纯数字，例如 96 或 8.89"),
    ("en", "observations.csv, line 3, column 'value': '六百' is not a number; expected a plain number such as 96")])
def test_a_bad_cell_is_reported_in_the_page_language_with_file_row_and_column(app, lang, expect):
    """Issue 12: the data layer's problems carry a code and fields; the page words them in its
    language (the English wording stays the data layer's, for the command line)."""
    ind, obs = user_tables()
    obs[2][2] = "六百"
    at = app(view="data", lang=lang).run()
    _upload(at, ("indicators.csv", to_csv(ind), "text/csv"), ("observations.csv", to_csv(obs), "text/csv"))
    _ok(at)
    errs = _errors(at)
    assert any(expect in e for e in errs), errs
    from talentsim.messages import t

    table = next(d.value for d in at.dataframe if t("col_message", lang) in d.value.columns)
    assert table.iloc[0].tolist()[:3] == ["observations.csv", "3", "value"]
    other = "不是数字" if lang == "en" else "is not a number"
    assert other not in " ".join(errs) + " ".join(map(str, table.to_numpy().ravel()))


def test_every_data_problem_code_has_both_languages_and_keeps_the_english_of_the_data_layer():
    from forecast.data.errors import MESSAGES, problem
    from talentsim.app.upload import problem_text
    from talentsim.messages import CATALOGUE

    for code, english in MESSAGES.items():
        assert CATALOGUE[f"dataerr:{code}"][1] == english
    p = problem("indicators.csv", 4, "target_op", "bad_comparator_ge", value="=>", allowed=">=, <=")
    assert problem_text(p, "en") == p.message
    assert problem_text(p, "zh") == "比较符“=>”不可用；应为以下之一：>=, <=（是否想写“>=”？）"


def test_gbk_csv_and_second_sheet_xlsx_load(app):
    ind, obs = user_tables()
    at = app(view="data").run()
    _upload(at, ("指标.csv", to_csv(ind, "gbk"), "text/csv"), ("观测.csv", to_csv(obs, "gbk"), "text/csv"))
    _ok(at)
    assert not _errors(at)
    assert "myregion.high_level_talent" in at.session_state["p_hit"]
    book = to_xlsx({"说明": [["本工作簿的数据在后面的工作表"]], "indicators": ind, "observations": obs})
    at2 = app(view="data").run()
    _upload(at2, ("region.xlsx", book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    _ok(at2)
    assert not _errors(at2)
    assert at2.session_state["region"] == "upload"


def test_compare_view_offers_exports_when_the_package_exists(app):
    try:
        import talentsim.export  # noqa: F401
    except ImportError:
        pytest.skip("talentsim.export is not installed: the buttons are hidden")
    at = app(view="compare").run()
    _ok(at)
    # one click each: the download buttons themselves, no 'prepare' step (issue 22)
    assert {"export_xlsx", "export_pptx", "export_html"} <= {b.key for b in at.get("download_button")}
    assert not {b.key for b in at.button} & {"prepare_xlsx", "prepare_pptx", "prepare_html"}
    assert len(at.dataframe) >= 2  # the comparison and the region summary
    assert at.session_state["_export_build_xlsx"]()[:2] == b"PK"   # what the click downloads


# --------------------------------------------------------------------------- levers true to the region (issue 10)
def test_funding_levers_greyed_out_with_the_reason_where_they_do_nothing(app):
    at = app(region="guangdong", lang="en").run()
    _ok(at)
    assert at.slider(key=FUNDING).disabled
    assert any("no historic talent funding" in c.value for c in at.caption)
    tianhe = app(region="tianhe", lang="en").run()
    assert not tianhe.slider(key=FUNDING).disabled


def test_uploaded_region_starts_funding_at_its_own_figure(app):
    # a funding record over a fixed period that states the talents it supported (scenarios.baseline.historic_funding)
    prog = [["id", "region", "name_zh", "name_en", "amount", "amount_unit", "amount_basis", "period_years",
             "persons", "source", "quote"],
            ["myregion.talent_fund", "myregion", "人才专项资金", "Talent fund", "2.5", "亿元", "total", "5", "100",
             "my_plan.txt", "五年累计安排人才专项资金2.5亿元，支持人才100名"]]
    at = app(view="data").run()
    _upload(at, *_good_files(), ("programmes.csv", to_csv(prog), "text/csv"))
    _ok(at)
    assert not _errors(at), _errors(at)
    assert at.session_state["region"] == "upload"
    assert at.slider(key=FUNDING).value == pytest.approx(0.5)    # 2.5 亿元 over 5 years, not Tianhe's 1.2
    # the upload gives no `channel` column, so no indicator counts programme selectees: the lever says so
    assert at.slider(key=FUNDING).disabled


def test_installed_entry_script_draws_the_same_page():
    """`talentsim app` runs talentsim/app/entry.py (no app.py in an installed package)."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    import talentsim.app

    entry = Path(talentsim.app.__file__).parent / "entry.py"
    at = AppTest.from_file(str(entry), default_timeout=120).run()
    assert not at.exception
    assert at.title[0].value == "人才发展规划情景模拟"
    assert HL in at.session_state["p_hit"]
