"""Generated datasets through the user's door (files -> loader -> setup -> simulate): values across
float ranges, targets equal to their base, gaps in the years, single indicators (issue 21).

Every dataset either loads and simulates with every probability a finite number in [0, 1], or is
refused with a clear error (DataError from the loader, ValueError naming the region and the reason).
A target met at base (>= a target at or below the base) is at least as likely as the indicator not
falling below its base on the same paths."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from forecast.data import DataError, load_dataset
from scenarios import Scenario, simulate
from scenarios.baseline import setup_from_dataset
from scenarios.errors import ScenarioError

KINDS = {"people": "万人", "share": "%", "rate": "件", "organisations": "家", "money": "亿元"}


@st.composite
def indicator(draw, k: int):
    kind = draw(st.sampled_from(sorted(KINDS)))
    hi = 99.999 if kind == "share" else 1e12
    base = draw(st.one_of(st.floats(1e-6, hi), st.sampled_from([0.0, 1.0, 11.0, 33.4, 100.0, hi])))
    years = sorted(draw(st.sets(st.integers(1995, 2024), min_size=1, max_size=4)))
    values = [base] + [draw(st.floats(1e-6, hi)) for _ in years[1:]]
    equal = draw(st.booleans())
    target = base if equal else draw(st.floats(1e-6, hi))
    tyear = years[-1] if equal and draw(st.booleans()) else draw(st.integers(years[-1], 2030))
    op = draw(st.sampled_from([">=", "<="]))
    return kind, values[::-1], years, target, tyear, op, k


def _write(folder, inds) -> None:
    ind = ["id,region,name_zh,unit,type,measure,higher_is_better,target_year,target_value,target_op,"
           "target_status,source,quote"]
    obs = ["id,year,value,status,source,quote"]
    for kind, values, years, target, tyear, op, k in inds:
        ind.append(f"g.i{k},g,指标{k},{KINDS[kind]},{kind},level,true,{tyear},{target!r},{op},stated,p.txt,目标")
        obs += [f"g.i{k},{y},{v!r},observed,p.txt,数值" for y, v in zip(years, values)]
    (folder / "indicators.csv").write_text("\n".join(ind) + "\n", encoding="utf-8")
    (folder / "observations.csv").write_text("\n".join(obs) + "\n", encoding="utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(*[indicator(k) for k in range(n)])))
def test_generated_datasets_simulate_or_are_refused_clearly(tmp_path_factory, inds):
    folder = tmp_path_factory.mktemp("gen")
    _write(folder, inds)
    try:
        ds = load_dataset(folder)
        setup = setup_from_dataset(ds, "g", 2030)
    except DataError as exc:
        event("refused by the loader")
        assert "indicators.csv" in str(exc) or "observations.csv" in str(exc), str(exc)
        return
    except (ValueError, ScenarioError) as exc:
        event("region cannot run")
        assert "'g'" in str(exc), str(exc)
        return
    event("simulated")
    sim = simulate(Scenario(name="gen", region="g", horizon=2030, paths=2048), setup=setup)
    p = np.asarray(sim.p_hit, dtype=float)
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all(), p
    for j, law in enumerate(setup.laws):
        row = setup.indicators.iloc[j]
        if row["target_op"] == ">=" and row["target_value"] <= law.base_value:
            ty = int(np.searchsorted(setup.years, row["target_year"]))
            no_fall = float(np.mean(sim.values[:, ty, j] >= np.float32(law.base_value)))
            assert p[j] >= no_fall - 1e-12, (p[j], no_fall)
