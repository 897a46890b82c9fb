"""Issue 22 through the page (AppTest): numbers that explain themselves, the scenario library,
undo, the upload template, the methods page."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from tests.talentsim.app.conftest import FUNDING, HL, wkey

GROWTH = "lever_funding_growth_pct_per_year"


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _texts(at) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption]
                    + [str(tb.value.to_dict()) for tb in at.table])


# --------------------------------------------------------------------------- numbers that explain themselves
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_view_says_why_in_words_without_model_field_names(app, lang):
    at = app(view="indicator", indicator=HL, lang=lang).run()
    _ok(at)
    text = _texts(at)
    for field in ("drift_loc", "drift_df", "shock_sd", "drift_scale"):
        assert field not in text
    assert not re.search(r"\d\.\d{4,}", text), "a number with four or more decimals"
    assert ("这个数字从何而来" if lang == "zh" else "Why this number") in [e.label for e in at.expander]
    words = ("所用历史", "参考类", "校准", "政策杠杆") if lang == "zh" else (
        "History used", "Reference class", "Calibration", "Levers acting")
    assert all(w in text for w in words), text[:500]
    # the plan's own target moves the forecast: the page says so (the law's basis carries it)
    assert ("规划目标" if lang == "zh" else "plan's own target") in text


def test_lever_contributions_add_up_to_the_probability(app):
    at = app(view="indicator", indicator=HL, lang="en").run()
    at.toggle(key="why_contrib").set_value(True).run()
    _ok(at)
    tab = next(tb.value for tb in at.table if "This scenario" in [str(i) for i in tb.value.index])
    cells = [str(c).replace("\\", "") for c in tab[tab.columns[0]]]   # plain() escapes "59." (a list marker)
    p0, p1 = float(cells[0].split(" %")[0]), float(cells[-1].split(" %")[0])
    parts = [float(c.split()[0]) for c in cells[1:-1]]
    assert parts, "the plan preset moves the funding growth: one part at least"
    assert sum(parts) == pytest.approx(p1 - p0, abs=0.1 * len(parts) + 0.05)


def test_help_texts_explain_the_expected_count_and_the_model_range(app):
    at = app(lang="en").run()
    _ok(at)
    helps = {m.label: m.help for m in at.metric}
    assert "sum of the indicators' probabilities" in helps["Expected targets met"]
    assert helps["Expected targets met"] != "of 16 indicators with a target"
    at = app(view="indicator", indicator=HL, lang="en").run()
    metric = next(m for m in at.metric if m.label.startswith("P(meet"))
    assert "Monte Carlo error" in metric.help and "Model range" in metric.help


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_methods_page_from_the_projects_note(app, lang):
    at = app(view="methods", lang=lang).run()
    _ok(at)
    text = " ".join(m.value for m in at.markdown)
    if lang == "en":
        assert "Reference class" in text and "Pipeline" in text      # docs/probabilities.md itself
    else:
        assert "参考类" in text and "蒙特卡洛误差" in text


# --------------------------------------------------------------------------- undo
def test_undo_puts_the_last_lever_moves_back(app):
    at = app(lang="en").run()
    start = at.slider(key=GROWTH).value
    assert at.button(key="undo").disabled
    at.slider(key=GROWTH).set_value(9.0).run()
    at.slider(key=FUNDING).set_value(2.0).run()
    assert not at.button(key="undo").disabled
    at.button(key="undo").click().run()
    _ok(at)
    assert at.slider(key=FUNDING).value == pytest.approx(1.2) and at.slider(key=GROWTH).value == 9.0
    at.button(key="undo").click().run()
    assert at.slider(key=GROWTH).value == start
    assert at.button(key="undo").disabled


# --------------------------------------------------------------------------- scenario library
def _save(at, name: str):
    at.text_input(key="scn_name").set_value(name).run()
    at.button(key="save_local").click().run()
    _ok(at)
    return at


def test_library_renames_duplicates_deletes_and_compares(app, tmp_path):
    at = app(lang="en").run()
    at.slider(key=FUNDING).set_value(2.0).run()
    _save(at, "more-money")
    saved = tmp_path / "saved"
    assert (saved / "more-money.yaml").is_file()
    at.selectbox(key="lib_pick").set_value("more-money")
    at.text_input(key="lib_new_name").set_value("budget-2").run()
    at.button(key="lib_rename").click().run()
    _ok(at)
    assert not (saved / "more-money.yaml").exists() and (saved / "budget-2.yaml").is_file()
    assert "name: budget-2" in (saved / "budget-2.yaml").read_text(encoding="utf-8")
    assert at.session_state["src"] == "saved:budget-2"          # the open scenario followed its file
    at.button(key="lib_duplicate").click().run()
    _ok(at)
    assert (saved / "budget-2 copy.yaml").is_file()
    # compare any two: the copy against the baseline preset
    at.selectbox(key=wkey(at, "lib_a")).set_value("saved:budget-2 copy").run()
    at.selectbox(key=wkey(at, "lib_b")).set_value("preset:baseline").run()
    at.button(key="lib_compare").click().run()
    _ok(at)
    assert at.session_state["view"] == "compare" and at.session_state["compare_with"] == ["preset:baseline"]
    assert at.session_state["src"] == "saved:budget-2 copy"
    at.selectbox(key="lib_pick").set_value("budget-2").run()
    assert at.button(key="lib_delete").disabled                 # not without the confirmation
    at.checkbox(key="lib_confirm").check().run()
    at.button(key="lib_delete").click().run()
    _ok(at)
    assert not (saved / "budget-2.yaml").exists() and (saved / "budget-2 copy.yaml").is_file()


def test_library_refuses_a_taken_name(app, tmp_path):
    at = app(lang="en").run()
    _save(at, "one")
    _save(at, "two")
    at.selectbox(key="lib_pick").set_value("one")
    at.text_input(key="lib_new_name").set_value("two").run()
    at.button(key="lib_rename").click().run()
    assert any("taken" in e.value for e in at.error)
    assert (tmp_path / "saved" / "one.yaml").is_file()


# --------------------------------------------------------------------------- upload template
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upload_template_downloads_and_loads_back_as_a_region(app, lang):
    from talentsim.app import template

    at = app(view="data", lang=lang).run()
    _ok(at)
    keys = {b.key for b in at.get("download_button")}
    assert {"tpl_indicators", "tpl_observations", "tpl_xlsx"} <= keys
    book = openpyxl.load_workbook(io.BytesIO(template.xlsx_bytes(lang)))
    assert {"indicators", "observations"} <= set(book.sheetnames)
    assert ("说明" if lang == "zh" else "notes") in book.sheetnames
    at.file_uploader(key="data_upload").set_value([("template.xlsx", template.xlsx_bytes(lang),
                                                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    at.run()
    _ok(at)
    assert at.session_state["region"] == "upload"
    assert at.session_state["upload"].regions == ["my_district"]
