"""``scenarios.evaluate.HitProbability`` gives ``simulate``'s numbers exactly (its docstring's
promise), for lever changes, seeds, path counts, antithetic or not, and overrides.

Written for the survivors of ``benchmarks/mutation.py scenarios/evaluate.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from scenarios.engine import mc_se
from scenarios.errors import ScenarioError
from scenarios.evaluate import HitProbability
from scenarios.simulate import simulate
from scenarios.spec import Scenario
from tests.scenarios.synthetic import make_setup

IND = "syn.high_level"


@pytest.fixture(scope="module")
def setup():
    return make_setup()


def _sim_p(sc, setup, **kw) -> float:
    sim = simulate(sc, setup=setup, **kw)
    return float(sim.p_hit[sim.setup.ids.index(IND)])


def test_lever_changes_give_simulates_probability(setup):
    sc = Scenario(name="s", region="syn", paths=600, seed=3)
    p = HitProbability(sc, IND, setup=setup)
    for changes in ({}, {"regional_correlation": 0.6}, {"funding_change_pct": 60.0},
                    {"funding_change_pct": 60.0, "regional_correlation": 0.6}, {}):
        assert p(**changes) == _sim_p(sc.with_levers(**changes), setup), changes
    assert p.se(funding_change_pct=60.0) == pytest.approx(float(mc_se(p.hits(funding_change_pct=60.0), True)))


def test_seed_paths_and_antithetic_are_simulates(setup):
    sc = Scenario(name="s", region="syn", paths=600, seed=3)
    p = HitProbability(sc, IND, setup=setup, seed=11, paths=300)
    assert p.paths == p.requested_paths == 300 and p.hits().shape == (300,)
    assert p.scenario.seed == 11
    assert p() == _sim_p(sc, setup, seed=11, paths=300)
    q = HitProbability(sc, IND, setup=setup, antithetic=False)
    assert q() == _sim_p(sc, setup, antithetic=False)
    assert q.se() == pytest.approx(float(mc_se(q.hits(), False)))


def test_overrides_give_simulates_probability_and_leave_the_original(setup):
    sc = Scenario(name="s", region="syn", paths=600, seed=3)
    p = HitProbability(sc, IND, setup=setup)
    before = p()
    sc_over = Scenario(name="s", region="syn", paths=600, seed=3, overrides={IND: {"growth_pct_per_year": 12.0}})
    q = p.with_overrides(sc_over.overrides)
    assert q() == _sim_p(sc_over, setup)
    assert q() > before and p() == before and p.scenario.overrides == {}


def test_unknown_indicators_and_missing_targets_are_named(setup):
    sc = Scenario(name="mine", region="syn", paths=200)
    with pytest.raises(ValueError, match=r"'syn.nope' is not simulated in region 'syn'; choose one of: syn.talent_total, "):
        HitProbability(sc, "syn.nope", setup=setup)
    with pytest.raises(ValueError, match="'syn.no_target' has no numeric target"):
        HitProbability(sc, "syn.no_target", setup=setup)
    bad = sc.model_copy(update={"overrides": {"syn.x": {"growth_pct_per_year": 1.0}}})
    with pytest.raises(ScenarioError, match="'mine'.*'syn'"):
        HitProbability(bad, IND, setup=setup)
