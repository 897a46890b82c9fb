"""A target equal to its base value, in its base year, is met on every path (issue 21).

The engine keeps trajectories in float32 on a log/logit working scale; exp(float32(log 11))
is 10.999999, which read 11 >= 11 as a miss (0 %).  The base year is now data and targets are
compared at the values' precision."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast.law import GrowthLaw
from scenarios import Scenario, simulate
from scenarios.engine import Setup


def _setup(rows):
    ind = pd.DataFrame({
        "id": [r[0] for r in rows], "region": "syn", "name_zh": [r[0] for r in rows], "name_en": [r[0] for r in rows],
        "unit": [r[1] for r in rows], "category": "人才结构", "type": [r[2] for r in rows], "channel": "none",
        "measure": "level", "higher_is_better": True, "target_year": [float(r[5]) for r in rows],
        "target_value": [r[4] for r in rows], "target_op": [r[3] for r in rows],
    })
    laws = tuple(GrowthLaw(r[0], "logit" if r[1] == "%" else "log", 2020, r[4], 0.01, 0.02, np.inf, 0.02, "synthetic")
                 for r in rows)
    return Setup(ind, laws, np.arange(2020, 2026), 2025, None, "synthetic")


@pytest.mark.parametrize("op", [">=", "<="])
@pytest.mark.parametrize("unit,kind,value", [("人", "people", 11.0), ("%", "share", 33.4), ("件", "rate", 117.3),
                                              ("万人", "people", 0.1)])
def test_target_equal_to_base_in_its_base_year_is_certain(op, unit, kind, value):
    setup = _setup([("syn.x", unit, kind, op, value, 2020)])
    sim = simulate(Scenario(name="s", region="syn", paths=4096), setup=setup)
    assert sim.p_hit[0] == 1.0


def test_base_year_values_are_the_data_exactly():
    setup = _setup([("syn.a", "人", "people", ">=", 11.0, 2025), ("syn.b", "%", "share", ">=", 33.4, 2025)])
    sim = simulate(Scenario(name="s", region="syn", paths=4096), setup=setup)
    base = sim.values[:, 0, :]
    assert (base == np.float32([11.0, 33.4])).all()


def test_an_override_naming_an_unknown_indicator_is_an_error():
    """A mistyped id used to be ignored and the baseline came back as if it applied (issue 21)."""
    from scenarios.evaluate import HitProbability
    from scenarios.errors import ScenarioError
    from scenarios.prepared import prepare
    from tests.scenarios.synthetic import make_setup

    setup = make_setup()
    sc = Scenario(name="typo", region="syn", paths=512, overrides={"syn.talent_totl": {"growth_pct_per_year": 9.0}})
    for run in (lambda: simulate(sc, setup=setup), lambda: prepare(sc, setup=setup),
                lambda: HitProbability(sc, "syn.high_level", setup=setup)):
        with pytest.raises(ScenarioError, match="syn.talent_totl") as e:
            run()
        assert e.value.code == "unknown_override" and "syn.talent_total" in str(e.value)
    ok = Scenario(name="ok", region="syn", paths=512, overrides={"syn.talent_total": {"growth_pct_per_year": 9.0}})
    assert simulate(ok, setup=setup).p_hit[0] > simulate(Scenario(name="b", region="syn", paths=512), setup=setup).p_hit[0]
