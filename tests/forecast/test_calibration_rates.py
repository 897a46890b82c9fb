"""A growth-rate indicator (the 15th plans' 年均 GDP growth to 2030) is simulated under the
calibrated law of its target, not only under the NBS growth-rate prior.

The outcome base's five-year growth-rate targets were met 25 % of the time (64 rows, mostly GDP
growth); the engine's law is moved so the mean and spread of the simulated quantity the target is
judged on (the mean rate over the plan period, against the base rate) are the calibration's.
Checked against the closed form of that quantity under the engine's law and by simulation.
"""

from __future__ import annotations

import numpy as np
import pytest

from forecast.baseline import growth_law, history, indicator_row, simulate_law
from forecast.calibration.apply import RatePeriod, calibrate_rate_law
from forecast.calibration.store import load as load_calibration
from forecast.data import load_dataset
from forecast.drift_update import update
from forecast.growth_rate import growth_rate_law, load_prior

ID = "guangdong_2030.gdp_growth"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _period_mean(law, period: RatePeriod, n: int = 200_000) -> np.ndarray:
    years = [law.base_year + o for o in period.offsets]
    x = simulate_law(law, years, n, rng=np.random.default_rng(3))
    return x.mean(axis=1)


def test_the_engine_law_has_the_calibrated_mean_and_spread(ds):
    cal, growth, _ = load_calibration()
    row, h = indicator_row(ID, ds), history(ID, ds)
    raw = growth_rate_law(ID, h, load_prior())
    period = RatePeriod.of(raw.base_year, int(row["target_year"]), row["period_start"])
    assert period.offsets == (1, 2, 3, 4, 5) and period.years == 5
    need = (float(row["target_value"]) - raw.base_value) / period.years
    law, shift = calibrate_rate_law(raw, update(h.index.to_numpy(), h.to_numpy(), growth), cal, period,
                                    need=need, comparator="=", approx=True)
    post = update(h.index.to_numpy(), h.to_numpy(), growth)
    s = float(np.sqrt(post.scale ** 2 + post.shock_sd ** 2 / period.years))
    q = (_period_mean(law, period) - raw.base_value) / period.years
    assert np.mean(q) == pytest.approx(shift.mu, abs=4 * np.std(q) / np.sqrt(len(q)))
    assert np.std(q) == pytest.approx(shift.k * s, rel=0.03)
    # the shipped engine reads this law, and the uncalibrated one would not have it
    shipped = growth_law(ID, dataset=ds)
    assert shipped.drift_loc == pytest.approx(law.drift_loc) and "calibrated" in shipped.basis
    assert abs(raw.drift_loc - law.drift_loc) > 0.05


def test_a_harder_rate_target_is_less_likely(ds):
    cal, growth, _ = load_calibration()
    h = history(ID, ds)
    raw = growth_rate_law(ID, h, load_prior())
    post = update(h.index.to_numpy(), h.to_numpy(), growth)
    period = RatePeriod.of(raw.base_year, 2030, 2026)
    p = []
    for target in (3.0, 4.0, 5.0, 6.0, 7.0):
        law, _ = calibrate_rate_law(raw, post, cal, period, need=(target - raw.base_value) / period.years)
        p.append(float(np.mean(_period_mean(law, period, 40_000) >= target)))
    assert all(a > b for a, b in zip(p, p[1:])), p


def test_the_outcome_base_says_most_five_year_growth_targets_are_missed(ds):
    """The calibrated P of the shipped 2030 GDP-growth targets stays near the hit rate the
    outcome base measured for five-year growth-rate targets (25 %, 64 rows), not at the NBS
    prior's 6-73 %."""
    from scenarios.simulate import simulate
    from scenarios.spec import Scenario

    ids = [i for i in ds.indicators["id"] if str(i).endswith(".gdp_growth")]
    p = []
    for region in sorted({i.split(".")[0] for i in ids})[:6]:
        sim = simulate(Scenario(name="b", region=region, horizon=2030, paths=4_000))
        j = sim.ids.index(f"{region}.gdp_growth")
        p.append(float(sim.p_hit[j]))
    assert 0.1 < np.mean(p) < 0.55, p


def test_without_a_target_year_the_law_is_the_prior_update(ds):
    from forecast.baseline import _calibrated_rate_law

    h = history(ID, ds)
    raw = growth_rate_law(ID, h, load_prior())
    row = indicator_row(ID, ds).copy()
    row["target_year"] = np.nan
    assert _calibrated_rate_law(raw, row, h, ds, use_target=True, calibration="shipped") == raw


def test_fit_explain_of_a_rate_reads_the_rate_as_the_engine_does(ds):
    """``talentsim fit ID --explain`` of a growth rate: no level families, P on the period's mean
    rate with an "about" target's planner reading (its lower edge), equal to the engine's P."""
    import re

    from forecast.report import fit_report
    from scenarios.simulate import simulate
    from scenarios.spec import Scenario

    text = fit_report(ID, explain=True)
    assert "Families tried" not in text and "mean rate from 2026" in text
    p = float(re.search(r"\) = ([0-9.]+) \(Monte Carlo se", text).group(1))
    amb = re.search(r"ambition moved it ([+-][0-9.]+)", text)
    assert amb is not None
    sim = simulate(Scenario(name="b", region="guangdong_2030", horizon=2030, paths=40_000))
    j = sim.ids.index(ID)
    assert abs(p - sim.p_hit[j]) < 4 * (sim.p_hit_se[j] + 0.0035), (p, sim.p_hit[j])
