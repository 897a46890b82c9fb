"""The indicator view's fan chart on a lever move: the chart built once, its bands, median and
subtitle swapped in (``compute.with_layer_data``) must give exactly the spec the chart built from
the new numbers gives (issue 22, speed: building it again cost 0.3-0.5 s a move)."""

from __future__ import annotations

import pytest

import scenarios
from scenarios import load_preset
from talentsim import charts
from talentsim.app import compute
from talentsim.chartspec import FanMarks, ChartLayout, Target


@pytest.fixture(scope="module")
def two_runs():
    sc = load_preset("plan").model_copy(update={"region": "tianhe", "data_dir": None, "paths": 2000})
    return [scenarios.simulate(sc.with_levers(funding_cny_100m_per_year=f)) for f in (1.2, 3.0)]


@pytest.mark.parametrize("ind, unit, lang", [("tianhe.high_level_talent", "人", "en"),
                                             ("tianhe.talent_total", "万人", "en"),      # drawn ×10⁴ in English
                                             ("tianhe.talent_total", "万人", "zh")])
def test_swapping_the_data_gives_the_spec_of_the_chart_built_afresh(two_runs, ind, unit, lang):
    a, b = (s.quantiles(ids=[ind]) for s in two_runs)
    kw = dict(title="High-level talent", unit=unit, lang=lang, history=None, layout=ChartLayout(height=340),
              marks=FanMarks(Target(">=", 1500.0, 2025), base_year=2020, base_value=1024.0))
    first = compute._vega_lite_spec(charts.fan_chart(a, subtitle="P 75 %", **kw))
    fresh = compute._vega_lite_spec(charts.fan_chart(b, subtitle="P 91 %", **kw))
    assert first != fresh                                           # the lever moved the chart
    swapped = compute.with_layer_data(first, charts.fan_layers(b, unit=unit, lang=lang),
                                      charts.fan_title(kw["title"], "P 91 %"))
    assert swapped == fresh
    assert compute.with_layer_data({"mark": "bar"}, charts.fan_layers(b, unit=unit, lang=lang)) is None
