"""Issue 20: the API an economist drives from a notebook: ``dir(ts)`` lists only public names;
simulations, comparisons, growth laws and fits summarise themselves (text and HTML); paths
come out as a tidy long frame."""

from __future__ import annotations

import numpy as np
import pandas as pd

import talentsim as ts
from scenarios import Scenario, compare
from tests.scenarios.synthetic import make_setup


def _cmp():
    base = Scenario(name="<i>base", region="syn", paths=400)
    return compare([base, base.with_levers(inflow_10k_per_year=1.0).model_copy(update={"name": "more"})],
                   setup=make_setup())


def test_tab_completion_lists_only_public_names():
    names = dir(ts)
    assert "annotations" not in names and "lazy_exports" not in names and "_EXPORTS" not in names
    assert set(ts.__all__) == set(names)
    assert {"simulate", "compare", "Simulation", "load_preset"} <= set(names)


def test_simulation_report_repr_and_tidy_paths():
    cmp = _cmp()
    sim = cmp.sims[0]
    text = str(sim.report())
    lo, hi = sim.p_all_range
    assert f"{lo:.1%}" in text and f"{hi:.1%}" in text and "P(all met)" in text
    assert "array(" not in repr(sim) and "<i>base" in repr(sim)
    html = sim._repr_html_()
    assert "&lt;i&gt;base" in html and "<i>base" not in html     # names are escaped
    frame = sim.to_frame()
    n, years, k = sim.values.shape
    assert len(frame) == n * years * k and list(frame.columns) == ["scenario", "path", "year", "indicator", "value"]
    one = frame[(frame["path"] == 3) & (frame["indicator"] == sim.ids[1])].sort_values("year")
    assert np.allclose(one["value"].to_numpy(), sim.values[3, :, 1])
    assert one["year"].tolist() == [int(y) for y in sim.years]


def test_comparison_report_carries_differences():
    cmp = _cmp()
    rep = cmp.report()
    assert "diff" in rep.tables[0] and set(rep.tables[0]["scenario"]) == set(cmp.names)
    assert cmp._repr_html_().startswith("<div>") and "more" in repr(cmp)


def test_fit_summary_lists_families_and_weights():
    cal = ts.fit(pd.Series([1.0, 1.2, 1.5, 1.7, 2.0], index=range(2016, 2021)))
    text = str(cal.summary())
    assert cal.chosen in text and "weight" in text and "<table" in cal._repr_html_()
