"""The new-plan view's "from a document" panel: Tianhe's plan text in → Table 1 proposed → the
planner accepts → the rows (with their source sentences) load and simulate; bad documents are
named in the page's language."""

from __future__ import annotations

import pytest

from talentsim.app import fromdoc, newplan
from tests.extract.conftest import SEEDS

TIANHE = SEEDS / "000_d2ee3df187537bd1.txt"


@pytest.fixture(scope="module")
def tianhe_text() -> str:
    if not TIANHE.is_file():
        pytest.skip(f"seed documents not found at {SEEDS}")
    return TIANHE.read_text(encoding="utf-8")


def test_table_1_is_proposed_and_ticked(tianhe_text):
    df, reason = fromdoc.propose(tianhe_text, "tianhe.txt")
    assert reason == ""
    ticked = df[df["use"]]
    assert len(ticked) == 16                       # Table 1, one row each; the narrative repeats are unticked
    row = ticked[ticked["name_zh"].str.startswith("高层次人才总量")].iloc[0]
    assert (row.unit, row.base_year, row.base_value, row.target_year, row.target_value) == ("人", 2020, "1024",
                                                                                            2025, "1500")
    assert "1024" in row.quote and "1500" in row.quote


def test_accepted_rows_keep_their_quotes_and_load(tianhe_text):
    df, _ = fromdoc.propose(tianhe_text, "tianhe.txt")
    plan, n = fromdoc.accept(newplan.blank_template(), df)
    assert n == 16 and list(plan.columns) == list(newplan.COLUMNS)
    state, problems = newplan.check_plan("tianhe_doc", plan)
    assert problems == [] and len(state.dataset.indicators) == 16
    quotes = set(state.dataset.indicators["quote"])
    assert "高层次人才总量 （市级以上和区重点人才项目入选者） 人 1024 1500" in quotes


def test_nothing_ticked_adds_nothing(tianhe_text):
    df, _ = fromdoc.propose(tianhe_text, "tianhe.txt")
    plan, n = fromdoc.accept(newplan.blank_template(), df.assign(use=False))
    assert n == 0 and len(plan) == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_documents_are_named_in_the_page_language(lang):
    from forecast.extract.read import ExtractError

    for data, code in ((b"", "doc_empty"), (b"\xd0\xcf\x11\xe0" + b"\0" * 64, "doc_old_word"),
                       (b"x" * (3 * 1024 * 1024), "doc_too_big")):
        with pytest.raises(ExtractError) as e:
            fromdoc.document_text(data, "", "plan.doc")
        assert e.value.code == code
        text = fromdoc.error_text(e.value, "plan.doc", lang)
        assert text.startswith("plan.doc") and ("文件" in text if lang == "zh" else "file" in text or "MB" in text)


def test_the_page_proposes_accepts_and_simulates(app, tianhe_text):
    at = app(lang="en", view="newplan", region="tianhe").run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_area(key="doc_paste").set_value(tianhe_text).run()
    at.button(key="doc_read").click().run()
    assert not at.exception, [e.value for e in at.exception]
    proposal = at.session_state["doc_proposal"]
    assert int(proposal["use"].sum()) == 16
    at.button(key="doc_accept").click().run()
    assert not at.exception, [e.value for e in at.exception]
    plan = at.session_state["plan_table"]
    assert len(plan) == 16 and plan["quote"].str.len().min() > 0
    at.text_input(key="plan_region").set_value("tianhe_doc").run()
    at.button(key="plan_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e.value for e in at.error]
    p = at.session_state["p_hit"]
    assert any(k.startswith("tianhe_doc.") for k in p) and all(0 <= v <= 1 for v in p.values())
