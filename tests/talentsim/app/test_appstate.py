"""Pure helpers of the app: UI strings, number formatting, uploads, URL parameters."""

from __future__ import annotations

import pandas as pd
import pytest

from scenarios import LEVERS
from talentsim.app import display, links, upload
from talentsim.messages import STRINGS, fmt_pp, fmt_prob, fmt_target, fmt_value, t
from tests.talentsim.app.conftest import to_csv, to_xlsx, user_tables


@pytest.fixture(scope="module")
def shipped():
    from forecast.data import load_dataset

    return load_dataset(None)


# --------------------------------------------------------------------------- strings and numbers
def test_every_string_has_both_languages():
    for key, (zh, en) in STRINGS.items():
        assert en, key
        assert zh, key


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        t("no_such_key", "zh")


@pytest.mark.parametrize("value, unit, text", [
    (105, "万人", "105 万人"), (450, "亿元", "450 亿元"), (1500, "人", "1,500 人"), (33.6, "%", "33.6 %"),
    (1024, "人", "1,024 人"), (8.89, "万人", "8.89 万人"), (19.79, "万人", "19.8 万人"),
    (136.2103, "万人", "136 万人"), (3.289, "万人", "3.29 万人"), (1_050_000, "人", "105 万人"),
    (45_000, "万元", "4.5 亿元"), (1.657, "亿元/年", "1.66 亿元/年"), (12, "家", "12 家"), (17.01, "家", "17 家"),
    (52.45, "所", "52 所"), (-0.4, "家", "0 家"), (float("nan"), "人", "–"),
])
def test_fmt_value_writes_numbers_as_the_documents(value, unit, text):
    assert fmt_value(value, unit, "zh") == text


@pytest.mark.parametrize("value, unit, text", [
    (105, "万人", "1.05 million people"), (1.2, "亿元/年", "120 million yuan/yr"), (17.01, "家", "17 organisations"),
    (-2.789, "万人/年", "-27,900 people/yr"), (33.6, "%", "33.6 %"), (117.3, "人年/万人", "117 person-years per 10k employed"),
])
def test_fmt_value_english_writes_units_out(value, unit, text):
    assert fmt_value(value, unit, "en") == text


def test_differences_in_points_without_signed_zero():
    from talentsim.messages import fmt_pct, fmt_pp, fmt_share

    assert fmt_pp(3.21, 0.4, "zh") == "+3.2 个百分点 ± 0.4"
    assert fmt_pp(-0.01, 0.0, "en") == "0.0 pp ± 0.0"
    assert fmt_pct(-0.04, signed=True) == "0.0 %"
    assert fmt_share(0.3) == "30 %"


def test_targets_keep_the_document_comparator():
    assert fmt_target(">=", 1500, "人") == "≥ 1,500 人"
    assert fmt_target(">=", 19.79, "万人") == "≥ 19.79 万人"  # a document's own figure keeps its digits
    assert fmt_target(">", 110, "件") == "＞ 110 件"
    assert fmt_target("", None, "人", "en") == "no numeric target"
    assert fmt_prob(0.805, 0.0028) == "80.5 % ± 0.3 %"
    assert fmt_prob(0.992, 0.00028) == "99.2 % ± < 0.1 %"  # not a false "± 0.0 %"
    assert fmt_pp(3.2, 0.01, "en") == "+3.2 pp ± < 0.1"


# --------------------------------------------------------------------------- URL parameters
def test_lever_query_round_trip():
    values = {k: lv.default for k, lv in LEVERS.items()} | {"funding_cny_100m_per_year": 2.4, "shock_year": 2024}
    q = links.lever_query(values)
    assert q == {"funding_cny_100m_per_year": "2.4", "shock_year": "2024"}
    back, bad = links.levers_from_query(q)
    assert not bad and back == {"funding_cny_100m_per_year": 2.4, "shock_year": 2024}


def test_levers_from_query_rejects_what_the_lever_does_not_allow():
    values, bad = links.levers_from_query({"funding_cny_100m_per_year": "abc", "inflow_10k_per_year": "50",
                                       "attrition_pct_per_year": "nan", "cost_log_sd": "0.433"})
    assert {b[0] for b in bad} == {"funding_cny_100m_per_year", "inflow_10k_per_year", "attrition_pct_per_year"}
    assert values == {"cost_log_sd": pytest.approx(0.43)}  # snapped to the slider's 0.01 step


# --------------------------------------------------------------------------- uploads
def _files(encoding="utf-8", ind=None, obs=None):
    i, o = user_tables()
    return [("indicators.csv", to_csv(ind or i, encoding)), ("observations.csv", to_csv(obs or o, encoding))]


def test_upload_loads_a_region(shipped):
    state, problems = upload.load_upload(_files(), None)
    assert not problems
    assert state.regions == ["myregion"]
    setup = state.setups["myregion"]
    assert set(setup.ids) == {"myregion.talent_total", "myregion.high_level_talent"}


def test_gbk_csv_loads(shipped):
    state, problems = upload.load_upload(_files("gbk"), None)
    assert not problems and state.regions == ["myregion"]


def test_tables_are_recognised_by_their_columns_whatever_the_file_names(shipped):
    i, o = user_tables()
    state, problems = upload.load_upload([("观测.csv", to_csv(o)), ("表1.csv", to_csv(i))], None)
    assert not problems and state.regions == ["myregion"]


def test_xlsx_with_the_data_on_later_sheets(shipped):
    i, o = user_tables()
    book = to_xlsx({"封面": [["说明：数据见后面的工作表"]], "Sheet2": i, "Sheet3": o})
    state, problems = upload.load_upload([("region.xlsx", book)], None)
    assert not problems and state.regions == ["myregion"]


def test_wrong_columns_name_the_file_and_column():
    prev = object()
    _, o = user_tables()
    state, problems = upload.load_upload(_files(ind=[["foo", "bar"], ["1", "2"]], obs=o), prev)
    assert state is prev
    assert any(p.file == "indicators.csv" and p.column == "id" and "missing required column" in p.message
               for p in problems)


def test_non_numeric_cell_names_line_and_column():
    i, o = user_tables()
    o[1][2] = "二十五"
    state, problems = upload.load_upload(_files(ind=i, obs=o), "previous")
    assert state == "previous"
    assert [(p.file, p.line, p.column) for p in problems] == [("observations.csv", 2, "value")]


def test_upload_over_the_size_limit_is_refused_before_reading():
    state, problems = upload.load_upload([("big.csv", b"a" * (upload.UPLOAD_LIMIT + 1))], "previous")
    assert state == "previous"
    assert len(problems) == 1 and "limit is 2 MB" in problems[0].message


def test_observation_of_an_unknown_indicator_is_reported():
    i, o = user_tables()
    o[1][0] = "myregion.nope"
    state, problems = upload.load_upload(_files(ind=i, obs=o), None)
    assert state is None and "myregion.nope" in problems[0].message


def test_missing_observations_table_and_mixed_files():
    i, _ = user_tables()
    _, problems = upload.load_upload([("indicators.csv", to_csv(i))], None)
    assert any("observations table is missing" in p.message for p in problems)
    _, problems = upload.load_upload([("a.xlsx", to_xlsx({"s": i})), ("b.csv", to_csv(i))], None)
    assert "not both" in problems[0].message


def test_binary_garbage_is_a_message_not_an_exception():
    _, problems = upload.load_upload([("indicators.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))], None)
    assert problems


def test_problems_frame_has_file_line_column_message():
    _, problems = upload.load_upload(_files(ind=[["foo"], ["1"]]), None)
    df = upload.problems_frame(problems, "en")
    assert list(df.columns) == ["File", "Line", "Column", "Problem"] and len(df) == len(problems)


# --------------------------------------------------------------------------- history and tables
def test_history_points_keep_derived_and_drop_redacted():
    obs = pd.DataFrame({
        "id": ["a.x"] * 4 + ["a.y"], "year": [2015, 2020, 2020, 2018, 2020],
        "value": [70.0, 96.0, 95.0, None, 1.0], "status": ["derived", "observed", "observed", "redacted", "observed"],
        "preferred": [True, False, True, True, True], "source": "s", "quote": "q", "note": "",
    })
    h = display.history_points(obs, "a.x")
    assert h["year"].tolist() == [2015, 2020]
    assert h["value"].tolist() == [70.0, 95.0]
    assert h["status"].tolist() == ["derived", "observed"]


def test_unique_name():
    assert display.unique_name("plan", ["baseline"], " (2)") == "plan"
    assert display.unique_name("plan", ["plan"], " (2)") == "plan (2)"
    assert display.unique_name("plan", ["plan", "plan (2)"], " (2)") == "plan (2) 2"


def test_guard_logs_traceback_and_shows_short_message(caplog):
    """An unexpected error is logged with its traceback on the server, not swallowed."""
    from talentsim.app.views.common import guard

    def broken():
        raise KeyError("预设 · plan")

    with caplog.at_level("ERROR", logger="talentsim.app"):
        assert guard(broken) is None
    rec = [r for r in caplog.records if r.name == "talentsim.app"]
    assert rec and rec[0].exc_info is not None and "broken" in rec[0].getMessage()


# --------------------------------------------------------------------------- scenario-file errors
@pytest.mark.parametrize("text, zh, en", [
    ("name: a\nhorizon: 3000\n", "x.yaml：情景无效\n  horizon：应不大于 2060（实为 3000）",
     "x.yaml: invalid scenario\n  horizon: Input should be less than or equal to 2060 (got 3000)"),
    ("name: a\nlevers:\n  fundng: 1\n", "  levers.fundng：未知的键 'fundng'；可用的键：", "  levers.fundng: unknown key 'fundng'"),
    ("name: [a\n", "x.yaml：不是有效的安全 YAML：第 2 行第 1 列：", "x.yaml: not valid safe YAML: line 2, column 1: "),
    ("a: &x 1\nb: *x\n", "不允许使用锚点和别名", "anchors and aliases"),
    ("- 1\n", "x.yaml：应为情景字段的映射（键: 值），实为 list", "x.yaml: expected a mapping of scenario fields, got list"),
    ("", "x.yaml：文件为空", "x.yaml: the file is empty"),
])
def test_scenario_file_errors_in_each_language(text, zh, en):
    from scenarios import ScenarioError, parse_scenario

    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, source="x.yaml")
    assert zh in upload.scenario_error_text(err.value, "zh")
    assert en in upload.scenario_error_text(err.value, "en") and en in str(err.value)   # the CLI's words unchanged


def test_scenario_error_without_a_code_keeps_its_message():
    from scenarios import ScenarioError

    assert upload.scenario_error_text(ScenarioError("plain words"), "zh") == "plain words"
