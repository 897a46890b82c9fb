"""Issue 12 items 4-5 with Streamlit's AppTest: every indicator in the presentation, the scenario
and its levers on each slide, the closing slide; the compare view's lever table; the comparison and
the solver's settings in the link."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import scenarios
from scenarios import load_preset
from scenarios.baseline import region_setup
from talentsim.levertext import lever_value, needed_value
from talentsim.app.views.present import PER_CLOSING
from scenarios.levers import LEVERS
from talentsim.messages import t
from tests.talentsim.app.conftest import FUNDING, HL, wkey


#: keys as printed on every keyboard (the presentation's key hint names them in both languages)
KEY_NAMES = {"Home", "End", "PageDown", "PageUp", "Esc"}


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _footer(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("<div class='present-footer'>"))


def _slides(at) -> list[tuple[str, str, list[str]]]:
    """(title, footer, markdown texts) of every slide, paging with the Next button."""
    out = []
    while True:
        _ok(at)
        out.append((at.title[0].value.replace("\\", ""), _footer(at), [m.value for m in at.markdown]))
        if at.button(key="next").disabled:
            return out
        at.button(key="next").click().run()


def test_presentation_pages_every_indicator_with_the_scenario_on_each_slide(app):
    at = app(present="1", lang="en").run()
    _ok(at)
    p_hit = at.session_state["p_hit"]                  # every simulated indicator of the region
    slides = _slides(at)
    setup = region_setup("tianhe", 2025)
    names = dict(zip(setup.indicators["id"], setup.indicators["name_en"]))
    titles = [s[0] for s in slides]
    n = len(p_hit)
    below = sum(p < 0.8 for p in p_hit.values())
    closing = -(-below // PER_CLOSING)
    assert len(slides) == 2 + n + 1 + closing, titles     # 16 targets: two summary slides, then each, compare, closing
    texts = " ".join(" ".join(s[2]) for s in slides[:2])
    assert f"Targets 1–8 of {n}" in texts and f"Targets 9–{n} of {n}" in texts
    assert titles[2:2 + n] == [names[i] for i in p_hit]             # each indicator's slide is titled by it
    assert titles[2 + n].startswith("Scenarios compared: The plan") and set(titles[3 + n:]) == {"What it takes"}
    for title, foot, _ in slides:
        assert "Scenario: The plan" in foot and "(modified)" not in foot, title
        assert "Talent funding per year 120 million yuan/yr" in foot and "Funding growth per year +5 %/yr" in foot
    at.button(key="first").click().run()
    assert at.session_state["step"] == 0
    at.button(key="last").click().run()
    assert at.session_state["step"] == len(slides) - 1


def _shown(df):
    """A table as the reader sees it: Markdown escapes (``\\(``) removed from cells and labels."""
    import re

    unescape = lambda v: re.sub(r"\\(.)", r"\1", v) if isinstance(v, str) else v  # noqa: E731
    out = df.map(unescape)
    out.index = out.index.map(unescape)
    out.columns = out.columns.map(unescape)
    return out


def test_closing_slides_say_what_the_solver_finds_for_each_unlikely_target(app):
    at = app(present="1", lang="en", step="19").run()       # the first slide after the comparison
    _ok(at)
    tables = []
    while True:
        assert at.title[0].value == "What it takes"
        # the page escapes Markdown in table cells (names and quotes are user text); read them as shown
        tables.append(_shown(at.table[0].value))
        assert len(tables[-1]) <= PER_CLOSING                  # a slide still reads at 1280×800
        if at.button(key="next").disabled:
            break
        at.button(key="next").click().run()
        _ok(at)
    table = pd.concat(tables)
    below = [i for i, p in at.session_state["p_hit"].items() if p < 0.8]
    assert len(table) == len(below) > PER_CLOSING and len(tables) == -(-len(below) // PER_CLOSING)
    assert all(len(x) == PER_CLOSING for x in tables[:-1])     # full slides, the rest on the last
    row = table.loc[[n for n in table.index if n.startswith("High-level talent")][0]]
    plan = load_preset("plan").model_copy(update={"region": "tianhe", "data_dir": None})
    sol = scenarios.solve(plan, HL, "funding_cny_100m_per_year", 0.8)  # the engine, called directly
    assert row["Lever"] == "Talent funding per year"
    needed = lever_value(sol.lever, needed_value(sol.lever, sol.value, True), "en")     # on the slider's grid
    current = 1.2                                        # the plan's funding: Tianhe's own historic level
    if abs(sol.value - current) < LEVERS[sol.lever].step:   # within one step: the current value about suffices
        assert row["Lever value needed"].startswith("about enough already"), row["Lever value needed"]
    else:
        assert row["Lever value needed"].startswith(f"at least {needed} (range ")
    assert "no lever moves it" in set(table["Lever value needed"])    # counts of platforms: no lever reaches them


def test_every_target_likely_is_said_on_the_closing_slide(app):
    at = app(present="1", lang="zh", step="99", solve_prob="50", funding_cny_100m_per_year="10",
             inflow_10k_per_year="10", attrition_pct_per_year="-5").run()
    _ok(at)
    assert min(at.session_state["p_hit"].values()) >= 0.5
    assert not at.table and any("所有目标的达标概率都已不低于 50%" in s.value for s in at.success)


def test_footer_marks_an_edited_scenario_and_shows_its_new_value(app):
    at = app(present="1", lang="zh").run()
    at.slider(key=FUNDING).set_value(2.5).run()
    _ok(at)
    foot = _footer(at)
    assert "情景：规划情景（已修改）" in foot and "人才专项资金（每年） 2.5 亿元/年" in foot


def test_compare_shows_lever_values_side_by_side_in_the_page_language(app):
    at = app(view="compare", lang="zh").run()
    at.multiselect(key=wkey(at, "compare_with")).set_value(["preset:baseline", "preset:shock"]).run()
    at.slider(key=FUNDING).set_value(2.0).run()
    _ok(at)
    levers = at.dataframe[0].value
    assert list(levers.columns) == ["杠杆", "有变化", "规划情景（已修改）", "基线", "一次性冲击"]
    changed = levers[levers["有变化"] == "●"]
    assert set(changed["杠杆"]) == {"人才专项资金（每年）", "资金年增长率", "冲击幅度"}
    assert list(levers["有变化"]).index("") == len(changed)             # changed rows first
    funding = levers.set_index("杠杆").loc["人才专项资金（每年）"]
    assert (funding["规划情景（已修改）"], funding["基线"]) == ("2 亿元/年", "1.2 亿元/年")  # baseline: the region's own
    diffs = [c for c in at.dataframe[1].value.columns if "相对" in c]
    assert diffs == [t("col_diff", "zh", ref="规划情景（已修改）", name="基线"),
                     t("col_diff", "zh", ref="规划情景（已修改）", name="一次性冲击")]


def test_comparison_and_solver_settings_survive_a_link(app):
    at = app(view="compare", lang="en").run()
    at.multiselect(key=wkey(at, "compare_with")).set_value(["preset:shock"]).run()
    at.segmented_control(key=wkey(at, "view")).set_value("solve").run()
    at.selectbox(key=wkey(at, "solve_indicator")).set_value("tianhe.talent_total").run()
    at.selectbox(key=wkey(at, "solve_lever")).set_value("inflow_10k_per_year").run()
    at.slider(key="solve_prob").set_value(90).run()
    _ok(at)
    link = {k: at.query_params[k] for k in at.query_params}
    link = {k: v[-1] if isinstance(v, list) else v for k, v in link.items()}
    assert link["compare"] == "preset:shock" and link["solve_lever"] == "inflow_10k_per_year"
    assert link["solve_indicator"] == "tianhe.talent_total" and link["solve_prob"] == "90"
    before = at.session_state["last_solution"]
    again = app(**link).run()
    _ok(again)
    assert not again.warning
    assert again.session_state["last_solution"] == before
    assert again.slider(key="solve_prob").value == 90
    again.segmented_control(key=wkey(again, "view")).set_value("compare").run()
    assert again.session_state["compare_with"] == ["preset:shock"]


@pytest.mark.parametrize("param, value", [("compare", "preset:nope"), ("solve_lever", "shock_year"),
                                          ("solve_prob", "12"), ("solve_indicator", "guangdong.x"),
                                          ("paths", "123"), ("step", "x")])
def test_bad_settings_in_a_link_are_named_and_ignored(app, param, value):
    at = app(**{param: value}).run()
    assert not at.exception
    warned = [w.value.replace("\\", "") for w in at.warning]
    assert any(param in w and value.split(":")[-1] in w for w in warned), warned


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slide_speaks_one_language(app, lang):
    """Item 2's check (tests/talentsim/app/langcheck.py) on every slide of the presentation."""
    from tests.talentsim.app.langcheck import leaks, quoted_sources, texts

    quotes = quoted_sources(lang)
    at = app(present="1", lang=lang, compare="preset:baseline/preset:high-funding").run()
    bad = {}
    while True:
        _ok(at)
        shown = [re.sub(r"<[^>]+>", " ", x) for x in texts(at)  # markup and code are not text
                 if not x.lstrip().startswith(("<script", "<style"))]
        found = [w for w in leaks(shown, lang, quotes) if w not in KEY_NAMES]
        if found:
            bad[at.session_state["step"]] = sorted(set(found))
        if at.button(key="next").disabled:
            break
        at.button(key="next").click().run()
    assert bad == {}


def test_paths_from_a_link(app):
    at = app(paths="5000").run()
    _ok(at)
    assert at.session_state["paths"] == 5000 and not at.warning
