"""The "set targets" view: renders in both languages, rates a typed proposed target, exports."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from talentsim.messages import t


def _editor_key(at) -> str:
    return next(k for k in at.session_state if str(k).startswith("tgt_editor_"))


def _results(at):
    """The results table as the reader sees it (Markdown escapes removed; the indicator a column)."""
    import re

    unescape = lambda v: re.sub(r"\\(.)", r"\1", v) if isinstance(v, str) else v  # noqa: E731
    df = at.table[0].value.reset_index()
    df.columns = [unescape(c) for c in df.columns]
    return df.map(unescape)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_set_targets_view(app, lang):
    at = app(view="targets", lang=lang).run()
    assert not at.exception and not [e.value for e in at.error]
    editor, table = at.dataframe[0].value, _results(at)
    assert list(editor.columns)[-1] == t("tgt_col_proposed", lang)
    for p in (50, 80, 90):
        assert t("tgt_col_t", lang, p=p) in table.columns
    row = table.iloc[0]                                  # Tianhe's talent total: stated ≥ 105 万人
    assert row[t("tgt_col_proposed", lang)] == row[t("tgt_col_stated", lang)]
    before = row[t("tgt_col_p_proposed", lang)]
    at.session_state[_editor_key(at)] = {"edited_rows": {0: {t("tgt_col_proposed", lang): 120.0}},
                                         "added_rows": [], "deleted_rows": []}
    at.run()
    row = _results(at).iloc[0]
    assert not at.exception
    assert "120" in row[t("tgt_col_proposed", lang)] or "1.2" in row[t("tgt_col_proposed", lang)]
    p_before, p_after = (float(x.split(" ")[0]) for x in (before, row[t("tgt_col_p_proposed", lang)]))
    assert p_after < p_before                           # a higher floor is met less often
    labels = {b.label for b in at.get("download_button")}
    assert {t("tgt_download_csv", lang), t("tgt_download_xlsx", lang)} <= labels


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exports_are_in_one_language(lang):
    """The CSV and Excel downloads carry the page language's headers and numbers, not text."""
    import scenarios
    from scenarios.targets import targets_table
    from talentsim.targets_report import targets_csv, targets_xlsx

    sim = scenarios.simulate(scenarios.load_preset("plan"), paths=2_000)
    df = targets_table(sim)
    csv = pd.read_csv(io.BytesIO(targets_csv(df, lang)), encoding="utf-8-sig")
    xl = pd.read_excel(io.BytesIO(targets_xlsx(df, lang)))
    for got in (csv, xl):
        assert t("tgt_col_t", lang, p=80) in got.columns and t("tgt_col_ambition", lang) in got.columns
        other = "en" if lang == "zh" else "zh"
        assert t("tgt_col_t", other, p=80) not in got.columns
        assert got[t("tgt_col_t", lang, p=80)].dtype.kind == "f"
        assert len(got) == len(df)
        if lang == "en":                                   # units written out, no 万人 in an English file
            assert not got[t("tgt_col_unit", lang)].str.contains("[\u4e00-\u9fff]").any()


def test_a_growth_rate_law_is_described_in_points_a_year():
    """The indicator view's law table says a growth rate drifts in percentage points, not 'logit-%'."""
    from pathlib import Path

    import forecast
    from forecast.data import load_dataset
    from talentsim.app.display import law_frame

    ds = load_dataset(Path(__file__).resolve().parents[2] / "scenarios" / "growth_region")
    law = forecast.growth_law("grow.gdp_growth_avg", dataset=ds)
    zh, en = (law_frame(law, lang).iloc[:, 1].astype(str) for lang in ("zh", "en"))
    assert "个百分点" in zh.iloc[3] and f"{law.drift_loc:+.2f}" in zh.iloc[3] and "logit" not in " ".join(zh)
    assert "percentage points a year" in en.iloc[3] and en.iloc[1] == t("law:identity", "en")


def _growth_upload() -> tuple:
    """A FICTIONAL uploaded region with a 2025 talent stock, a yearly and a 年均 (2021-2025) growth target."""
    from tests.talentsim.app.conftest import to_csv

    cols = ["id", "region", "name_zh", "name_en", "unit", "category", "type", "measure", "higher_is_better",
            "target_year", "target_value", "target_op", "period_start", "target_status", "source", "quote"]
    ind = [cols,
           ["up.talent", "up", "人才资源总量", "Talent total", "万人", "人才规模", "people", "level", "true", "2025", "30",
            ">=", "", "stated", "plan.txt", "人才资源总量达到30万人"],
           ["up.gdp_avg", "up", "地区生产总值年均增长", "GDP growth", "%", "经济", "money", "growth_rate", "true", "2025",
            "6", ">=", "2021", "stated", "plan.txt", "地区生产总值年均增长6%"]]
    obs = [["id", "year", "value", "status", "source", "quote"],
           ["up.talent", "2020", "25", "observed", "plan.txt", "2020年25万人"]]
    obs += [["up.gdp_avg", str(y), str(v), "observed", "plan.txt", f"增长{v}%"]
            for y, v in zip(range(2015, 2021), (7.9, 7.5, 7.2, 6.8, 6.3, 2.5))]
    return ("indicators.csv", to_csv(ind), "text/csv"), ("observations.csv", to_csv(obs), "text/csv")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_uploaded_growth_rate_target_is_set_on_its_period_average(app, lang):
    at = app(view="data", lang=lang).run()
    at.file_uploader(key="data_upload").set_value(list(_growth_upload()))
    at.run()
    assert not at.exception and at.session_state["region"] == "upload"
    from tests.talentsim.app.conftest import wkey

    at.segmented_control(key=wkey(at, "view")).set_value("targets").run()
    assert not at.exception and not [e.value for e in at.error]
    table = _results(at)
    names = list(table[t("tgt_col_indicator", lang)])
    avg = t("tgt_average", lang, start=2021, end=2025)
    assert any(avg in n for n in names), names
    row = table[[avg in n for n in names]].iloc[0]
    assert row[t("tgt_col_t", lang, p=80)].startswith("≥") and "%" in row[t("tgt_col_t", lang, p=80)]
