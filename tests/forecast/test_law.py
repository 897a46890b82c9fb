"""``forecast.law``: the draw assignment and per-path drift, against their docstrings.

Written for the survivors of ``benchmarks/mutation.py forecast/law.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from forecast.law import DRAW_BLOCK, GrowthLaw, draw_index, path_drift


def _law(**kw) -> GrowthLaw:
    base = dict(indicator_id="x", scale="log", base_year=2020, base_value=10.0, drift_loc=0.03,
                drift_scale=0.01, drift_df=5.0, shock_sd=0.02, model="m")
    return GrowthLaw(**{**base, **kw})


def test_draw_index_pairs_share_a_draw_and_cycle_through_k():
    # (i // 2) mod k: paths 0,1 -> 0; 2,3 -> 1; 4,5 -> 2; 6,7 -> 0 (k = 3); the default is paired
    assert draw_index(8, 3).tolist() == [0, 0, 1, 1, 2, 2, 0, 0]
    assert draw_index(8, 3, paired=True).tolist() == [0, 0, 1, 1, 2, 2, 0, 0]
    assert draw_index(7, 3, paired=False).tolist() == [0, 1, 2, 0, 1, 2, 0]
    assert draw_index(5, 2).dtype.kind == "i"


@pytest.mark.parametrize("k", [0, 1])
def test_one_or_no_draw_gives_zeros(k):
    j = draw_index(5, k)
    assert j.tolist() == [0] * 5 and j.dtype.kind == "i"


def test_two_draws_alternate_by_pair():
    assert draw_index(6, 2).tolist() == [0, 0, 1, 1, 0, 0]


def test_assignment_restarts_every_block():
    n = DRAW_BLOCK + 6
    for paired in (True, False):
        j = draw_index(n, 5, paired)
        assert j.size == n
        assert j[DRAW_BLOCK:].tolist() == draw_index(6, 5, paired).tolist()
        # inside the block, the closed form
        i = np.arange(DRAW_BLOCK)
        assert np.array_equal(j[:DRAW_BLOCK], ((i // 2) if paired else i) % 5)


def test_path_drift_without_draws_repeats_the_summary():
    loc, scale = path_drift(_law(), 4)
    assert loc.tolist() == [0.03] * 4 and scale.tolist() == [0.01] * 4


def test_path_drift_gives_each_path_its_draw():
    law = _law(draws=((0.1, 1.0), (0.2, 2.0), (0.3, 3.0)))
    loc, scale = path_drift(law, 7)
    assert loc.tolist() == [0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.1]
    assert scale.tolist() == [1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 1.0]
    loc, scale = path_drift(law, 4, paired=False)
    assert loc.tolist() == [0.1, 0.2, 0.3, 0.1] and scale.tolist() == [1.0, 2.0, 3.0, 1.0]
    # draws given as integers come back as floats
    loc, _ = path_drift(_law(draws=((1, 2), (3, 4))), 3)
    assert loc.dtype.kind == "f" and loc.tolist() == [1.0, 1.0, 3.0]


def test_growth_law_checks_its_scale_and_base_and_names_the_indicator():
    bad = [dict(scale="sqrt"), dict(base_value=0.0), dict(base_value=-1.0),          # log needs a positive base
           dict(scale="logit", base_value=0.0), dict(scale="logit", base_value=100.0),
           dict(drift_df=0.0), dict(drift_scale=-0.1), dict(shock_sd=-0.1), dict(base_value=float("nan"))]
    for kw in bad:
        with pytest.raises(ValueError, match="gdp.x"):
            _law(indicator_id="gdp.x", **kw)
    # the edges that are allowed: any positive base, any share strictly inside 0-100, any df > 0
    assert _law(base_value=0.5).base_value == 0.5
    assert _law(scale="logit", base_value=0.5).base_value == 0.5
    assert _law(drift_df=0.5).drift_df == 0.5
    assert _law(drift_scale=0.0, shock_sd=0.0, drift_df=float("inf")).drift_df == float("inf")


def test_draws_are_stored_as_a_tuple_of_float_pairs():
    law = _law(draws=[[1, 2], (3, 4)])
    assert isinstance(law.draws, tuple) and all(isinstance(d, tuple) for d in law.draws)
    assert all(type(x) is float for d in law.draws for x in d) and law.draws == ((1.0, 2.0), (3.0, 4.0))


def test_working_values_are_floats_on_every_scale():
    for scale in ("log", "logit", "identity"):
        law = _law(scale=scale, base_value=20.0)
        assert law.to_working([1, 2]).dtype.kind == "f"
        assert law.from_working(np.array([1, 2])).dtype.kind == "f"


@pytest.mark.parametrize("scale, value, z", [("log", np.e, 1.0), ("logit", 50.0, 0.0),
                                             ("logit", 100 / (1 + np.exp(-2.0)), 2.0), ("identity", -3.0, -3.0)])
def test_working_scale_closed_forms(scale, value, z):
    law = _law(scale=scale, base_value=20.0)
    assert law.to_working(value) == pytest.approx(z)
    assert law.from_working(np.array(z)) == pytest.approx(value)


def test_the_law_summary_states_its_facts_and_the_report_adds_the_fit():
    """``law.summary()`` needs nothing above ``forecast.law`` (no fit, no data); the fit report of
    the indicator comes with ``forecast.report.law_report`` (the one place that fits it)."""
    from forecast import growth_law
    from forecast.report import law_report

    s = _law(drift_loc=0.05).summary()
    facts = dict(s.facts)
    assert facts["Indicator"] == "x" and facts["Drift"].startswith("+5.13 %/yr") and s.text == ""
    assert "<table" in _law()._repr_html_()
    rep = law_report(growth_law("tianhe.talent_total"))
    assert "Families tried:" in rep.text and dict(rep.facts)["Indicator"] == "tianhe.talent_total"
    assert law_report(_law()).text.startswith("(no fit report:")
