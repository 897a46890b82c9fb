"""``RunOptions``: one validated record of a run's settings, the same numbers as its keywords
(issue 23 item 5); and the small records that replaced long signatures (``Target``,
``Peeling``, ``ExportFiles``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scenarios.engine import BLOCK, CHUNK
from scenarios.errors import ScenarioError
from scenarios.options import RunOptions, run_options
from scenarios.simulate import simulate, simulate_many
from scenarios.spec import Scenario
from tests.scenarios.synthetic import make_setup

IND = "syn.high_level"


def test_defaults_are_todays() -> None:
    o = RunOptions()
    assert (o.paths, o.seed, o.antithetic, o.chunk, o.threads) == (None, None, True, CHUNK, None)
    sc = Scenario(name="d", seed=5, paths=3_000)
    assert (o.n_paths(sc), o.seed_for(sc)) == (3_000, 5)
    assert o.n_paths(sc, default=700) == 700                       # an estimator's own default
    assert RunOptions(paths=9, seed=1).n_paths(sc, default=700) == 9 and RunOptions(seed=1).seed_for(sc) == 1


@pytest.mark.parametrize("bad, error", [({"chunk": BLOCK + 1}, ValueError), ({"chunk": 0}, ValueError),
                                        ({"chunk": True}, ValueError), ({"threads": 0}, ValueError),
                                        ({"threads": True}, ValueError), ({"threads": 1.5}, ValueError),
                                        ({"paths": 0}, ScenarioError),
                                        ({"paths": 2.5}, ScenarioError), ({"seed": True}, TypeError),
                                        ({"seed": "7"}, TypeError)])
def test_bad_settings_fail_on_construction(bad, error) -> None:
    with pytest.raises(error):
        RunOptions(**bad)


def test_keywords_override_the_record_and_unknown_ones_are_named() -> None:
    base = RunOptions(paths=1_000, seed=3)
    assert run_options(base, {"seed": 4}) == RunOptions(paths=1_000, seed=4)
    assert run_options(None, {}) == RunOptions() and run_options(base, None) is base
    with pytest.raises(TypeError, match="path"):
        run_options(base, {"path": 5})                              # a typo is not silently ignored
    with pytest.raises(TypeError, match="RunOptions"):
        run_options({"paths": 5})                                    # type: ignore[arg-type]


def test_the_record_and_its_keywords_give_the_same_numbers() -> None:
    setup = make_setup()
    sc = Scenario(name="o", seed=2).with_levers(funding_cny_100m_per_year=2.0)
    by_kw = simulate(sc, paths=5_000, seed=9, antithetic=False, chunk=BLOCK, setup=setup)
    by_rec = simulate(sc, options=RunOptions(paths=5_000, seed=9, antithetic=False, chunk=BLOCK), setup=setup)
    np.testing.assert_array_equal(by_kw.hits, by_rec.hits)
    assert by_rec.n_paths == 5_000 and by_rec.scenario.seed == 9 and by_rec.antithetic is False
    mixed = simulate(sc, options=RunOptions(paths=5_000, seed=1, antithetic=False, chunk=BLOCK), seed=9, setup=setup)
    np.testing.assert_array_equal(mixed.hits, by_rec.hits)         # the keyword wins over the record's field
    paired = simulate(sc, options=RunOptions(paths=5_000, seed=9), setup=setup)
    assert not np.array_equal(paired.hits, by_rec.hits)             # antithetic reaches the draws


def test_every_estimator_reads_the_record() -> None:
    from scenarios.compare import compare
    from scenarios.evaluate import HitProbability
    from scenarios.prepared import prepare
    from scenarios.sensitivity import TORNADO_PATHS, tornado

    setup = make_setup()
    sc = Scenario(name="e", seed=4, paths=2_000)
    opts = RunOptions(paths=3_000, seed=8)
    sim = simulate(sc, options=opts, setup=setup)
    hp = HitProbability(sc, IND, options=opts, setup=setup)
    assert hp.paths == 3_000 and hp() == sim.p_hit[sim.ids.index(IND)]
    cmp = compare([sc, sc.model_copy(update={"name": "f"})], options=opts, setup=setup)
    assert cmp.sims[0].n_paths == 3_000 and cmp.sims[0].scenario.seed == 8
    many = simulate_many([sc], options=opts, setup=setup)
    np.testing.assert_array_equal(many[0].hits, sim.hits)
    pre = prepare(sc, options=opts, setup=setup)
    assert (pre.paths, pre.seed) == (3_000, 8)
    np.testing.assert_array_equal(simulate(sc, options=opts, setup=setup, prepared=pre).hits, sim.hits)
    with pytest.raises(ValueError, match="seed"):
        simulate(sc, options=RunOptions(paths=3_000, seed=9), setup=setup, prepared=pre)
    t = tornado(sc, IND, setup=setup)                               # its own default, not the scenario's
    assert HitProbability(sc, IND, paths=TORNADO_PATHS, setup=setup)() == pytest.approx(t["p_base"].iloc[0])


def test_a_sweep_refuses_unpaired_paths(tmp_path) -> None:
    from talentsim.sweep_run import SERIAL, sweep

    with pytest.raises(ValueError, match="antithetic"):
        sweep(tmp_path / "none.yaml", cluster=SERIAL, antithetic=False)


def test_target_of_a_row_meets_as_target_met_does() -> None:
    from forecast.targets import Target, target_met, target_of

    row = pd.Series({"id": "x.a", "target_op": "=", "target_value": 500.0, "target_low": 450.0, "target_high": 550.0,
                     "target_year": 2025.0, "higher_is_better": "true"})
    tg = Target.of(row)
    assert (tg.indicator, tg.year, tg.op, tg.low, tg.high, tg.more_is_better) == ("x.a", 2025, "=", 450.0, 550.0, True)
    v = np.array([440.0, 451.0, 600.0])
    np.testing.assert_array_equal(tg.met(v), target_met(v, **target_of(row)))
    assert tg.met(v).tolist() == [False, True, True] and tg.stated
    bare = Target.of({"target_op": ">=", "target_value": "", "target_year": float("nan")})
    assert bare.year is None and not bare.stated


def test_peeling_and_export_files_check_themselves() -> None:
    from scenarios.discovery import Peeling
    from talentsim.export.files import ExportFiles

    with pytest.raises(ValueError, match="min_coverage"):
        Peeling(min_coverage=1.5)
    with pytest.raises(ValueError, match="pdf"):
        ExportFiles(png_dir="x", formats=("png", "pdf"))
    assert ExportFiles().empty and not ExportFiles(xlsx="a.xlsx").empty
