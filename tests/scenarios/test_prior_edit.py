"""The documented way to change a prior (docs/probabilities.md, "Changing a prior") changes the
simulated probabilities, in the direction the edit points: notebook 01 shows it before/after."""

from __future__ import annotations

from dataclasses import replace

import pytest

import talentsim as ts

IND = "tianhe.high_level_talent"      # a people stock with one data point: its drift is the prior's


@pytest.fixture(scope="module")
def parts():
    ds = ts.load_dataset()
    rf = ts.reference_fit()
    ids = list(ds.indicators.loc[ds.indicators["region"] == "tianhe", "id"])
    return ds, rf, ids


def _p(parts, reference, use_target=True) -> float:
    ds, _, ids = parts
    laws = {}
    for i in ids:
        try:
            laws[i] = ts.growth_law(i, dataset=ds, reference=reference, use_target=use_target)
        except ValueError:
            pass
    setup = ts.setup_from_dataset(ds, "tianhe", laws=laws)
    sim = ts.simulate(ts.load_preset("baseline"), paths=8_000, setup=setup)
    return float(sim.p_hit[sim.ids.index(IND)])


@pytest.mark.parametrize("use_target", [True, False], ids=["calibrated", "trend_only"])
def test_a_lower_prior_centre_lowers_p(parts, use_target) -> None:
    _, rf, _ = parts
    lower = replace(rf, priors={**rf.priors, "people": replace(rf["people"], loc=rf["people"].loc - 0.05)})
    higher = replace(rf, priors={**rf.priors, "people": replace(rf["people"], loc=rf["people"].loc + 0.05)})
    p_lo, p0, p_hi = _p(parts, lower, use_target), _p(parts, rf, use_target), _p(parts, higher, use_target)
    # same random numbers throughout: any difference is the prior's
    assert p_lo < p0 < p_hi
    if not use_target:            # without the target's signal the prior carries the drift
        assert p_hi - p_lo > 0.2


def test_editing_another_type_leaves_people_alone(parts) -> None:
    _, rf, _ = parts
    other = replace(rf, priors={**rf.priors, "money": replace(rf["money"], loc=rf["money"].loc - 0.05)})
    assert _p(parts, other) == _p(parts, rf)
