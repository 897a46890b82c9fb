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


def _chart(at) -> tuple[dict, list]:
    """The indicator view's fan chart: its spec (JSON) and its datasets' Arrow bytes."""
    import json

    node = next(iter(at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")))
    return json.loads(node.proto.spec), [d.data.data for d in node.proto.datasets]


def test_a_lever_move_sends_the_same_chart_spec_with_new_data(app):
    """The browser swaps a chart's data in place only while its spec stays the same; a new spec
    (e.g. P(meet) in its subtitle) makes it compile and draw the chart afresh, 0.1-0.25 s in which
    the new probability waits (issue 22, speed). P(meet) and its model range are under the chart."""
    from .conftest import FUNDING, HL

    at = app(region="tianhe", preset="plan", lang="en", view="indicator", indicator=HL).run()
    spec_a, data_a = _chart(at)
    caption_a = [c.value for c in at.caption if c.value.startswith("P(meet target)")]
    p_a = at.metric[0].value
    at.slider(key=FUNDING).set_value(at.slider(key=FUNDING).value + 1.0).run()
    assert not at.exception and not at.error
    spec_b, data_b = _chart(at)
    caption_b = [c.value for c in at.caption if c.value.startswith("P(meet target)")]
    assert at.metric[0].value != p_a                      # the lever moved P ...
    assert data_a != data_b                               # ... and the bands
    layers = lambda s: [{k: v for k, v in layer.items() if k != "data"} for layer in s["layer"]]  # noqa: E731
    assert {k: v for k, v in spec_a.items() if k not in ("layer", "datasets")} == \
        {k: v for k, v in spec_b.items() if k not in ("layer", "datasets")}
    assert layers(spec_a) == layers(spec_b)
    # P(meet) with its Monte Carlo error and model range, as the chart's subtitle said it
    assert len(caption_a) == len(caption_b) == 1 and caption_a != caption_b
    assert at.metric[0].value.split()[0] in caption_b[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_swapping_the_bars_data_gives_the_spec_of_the_bars_built_afresh(two_runs, lang):
    """The overview's probability bars: the chart built from one lever value with the other's bars
    swapped in (``compute.with_data``) is exactly the chart built from the other (issue 22, speed)."""
    a, b = (s.summary() for s in two_runs)
    first = compute._vega_lite_spec(charts.probability_bars(a, lang=lang, title="P"))
    fresh = compute._vega_lite_spec(charts.probability_bars(b, lang=lang, title="P"))
    assert first != fresh
    assert compute.with_data(first, charts.probability_bars_data(b, lang=lang)) == fresh
    assert compute.with_data({"mark": "bar"}, charts.probability_bars_data(b, lang=lang)) is None


def test_a_lever_move_does_not_build_the_bars_again(app, monkeypatch):
    """The overview's bars are built once per region and language; a lever move only swaps their
    data in (building and converting them cost ~50 ms of a 0.26 s rerun), and the page shows the
    bars of the new value."""
    from .conftest import FUNDING

    built = []
    real = charts.probability_bars
    monkeypatch.setattr(charts, "probability_bars", lambda *a, **k: built.append(1) or real(*a, **k))
    at = app(region="tianhe", preset="plan", lang="en", view="overview").run()
    spec_a, data_a = _chart(at)
    built.clear()
    at.slider(key=FUNDING).set_value(at.slider(key=FUNDING).value + 1.0).run()
    assert not at.exception and not at.error
    spec_b, data_b = _chart(at)
    assert not built
    assert data_a != data_b
    strip = lambda s: {k: v for k, v in s.items() if k not in ("data", "datasets")}  # noqa: E731
    assert strip(spec_a) == strip(spec_b)
