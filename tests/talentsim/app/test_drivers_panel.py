"""The indicator view draws the driver tree: which lever reaches the indicator, and by how much now."""

from __future__ import annotations

import pytest

from .conftest import HL


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_indicator_view_draws_the_tree_and_sizes_the_levers(app, lang):
    at = app(view="indicator", indicator="tianhe.ict_employment", lang=lang,
             inflow_10k_per_year="1", funding_cny_100m_per_year="3").run()
    assert not at.exception and not at.error
    dot = [e for e in at.get("graphviz_chart")]
    assert len(dot) == 1
    spec = dot[0].proto.spec
    # inflow reaches ICT employment through the talent total, funding through high-level talent as well
    assert "tianhe.talent_total" in spec and "tianhe.high_level_talent" in spec and "0.206" in spec
    assert ("行业份额" if lang == "zh" else "sector share") in spec
    name = "净人才流入" if lang == "zh" else "Net talent inflow"
    table = next(tb.value for tb in at.table if name in tb.value.to_string())
    row = next(i for i in table.index if str(i).startswith(name))
    effect = table.loc[row].iloc[0]                         # 1万/yr x 5 yr x 0.2061 = 1.03 万 (10,300 people)
    assert effect.replace("\\", "") == ("1.03 万人" if lang == "zh" else "10,300 people")   # st.table escapes


def test_an_indicator_no_lever_reaches_says_so(app):
    at = app(view="indicator", indicator="tianhe.patents_per_10k", lang="en").run()
    assert not at.exception
    assert not list(at.get("graphviz_chart"))
    assert any("No lever reaches this indicator" in c.value for c in at.caption)


def test_levers_at_neutral_show_the_tree_without_effects(app):
    at = app(view="indicator", indicator=HL, lang="en", funding_growth_pct_per_year="0", funding_change_pct="0",
             inflow_10k_per_year="0", programme_places_per_year="0").run()
    assert not at.exception and len(list(at.get("graphviz_chart"))) == 1
    assert any("all at their neutral value" in c.value for c in at.caption)
