"""What it takes, for the levers together: the solve view finds the cheapest mix on request, in both languages."""

from __future__ import annotations

from scenarios.mix import solve_mix
from scenarios.spec import load_preset
from talentsim.app.views.mix import answer_text

from .conftest import HL


def test_the_cheapest_mix_is_found_on_request_and_matches_the_engine(app):
    at = app(view="solve", lang="zh", solve_indicator=HL, solve_prob="80").run()
    assert not at.exception
    assert not [s for s in at.success if "项目名额" in s.value]          # only on request: a lever move stays fast
    at.button(key="mix_button").click().run()
    assert not at.exception and not at.error
    plan = load_preset("plan").model_copy(update={"region": "tianhe", "data_dir": None})
    sol = solve_mix(plan, HL, 0.8)
    text = next(s.value for s in at.success if "项目名额" in s.value)
    assert f"每年新增 {sol.central.places:,.0f} 个项目名额" in text and "海珠区·首批评定创新创业人才扶持资金" in text
    lo, hi = sol.cost_range
    assert f"{sol.central.cost:.3g} 亿元（成本区间 {lo:.3g}–{hi:.3g} 亿元）" in text
    en = answer_text(sol, {sol.programme: "Haizhu District·First batch"}, "en")
    assert f"{sol.central.places:,.0f} extra programme places a year" in en and "Haizhu District·First batch" in en
