"""The 14th plan's scorecard and rolling forward, on a small made-up fixture (tests/fixtures/horizon)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecast.data import load_dataset
from forecast.data.horizon import as_of, data_year, plan_base_year, region_horizon, target_years
from scenarios.scorecard import hit_rate, scorecard

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "horizon"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(FIXTURE)


def _with_target(ds, indicator: str, value: float):
    ind = ds.indicators.copy()
    ind.loc[ind["id"] == indicator, "target_value"] = value
    return replace(ds, indicators=ind)


def test_a_published_outcome_is_met_or_missed_and_the_rest_not_published(ds):
    card = scorecard(dataset=ds, now=2026, paths=2000).set_index("id")
    assert set(card["region"]) == {"oldtown"}          # 2027/2030 targets have not passed in 2026
    row = card.loc["oldtown.talent_total"]              # target >= 30 in 2025; outcome 31 (2025)
    assert (row["status"], row["outcome_year"], row["outcome_value"]) == ("met", 2025, 31.0)
    assert row["as_of"] == 2020 and row["base_year"] == 2020 and row["base_value"] == 25.0
    assert 0 < row["p_hit"] < 1                         # the probability given from the 2020 data
    assert card.loc["oldtown.high_level_talent", "status"] == "not_published"
    missed = scorecard(dataset=_with_target(ds, "oldtown.talent_total", 32.0), now=2026, paths=2000)
    assert missed.set_index("id").loc["oldtown.talent_total", "status"] == "missed"
    assert hit_rate(card)["judged"] == 1 and hit_rate(card)["met"] == 1


def test_the_probability_is_from_the_base_year_data_not_from_the_outcome(ds):
    with_outcome = scorecard(dataset=ds, now=2026, paths=2000).set_index("id")
    obs = ds.observations[~((ds.observations["id"] == "oldtown.talent_total") & (ds.observations["year"] == 2025))]
    without = scorecard(dataset=replace(ds, observations=obs), now=2026, paths=2000).set_index("id")
    assert without.loc["oldtown.talent_total", "status"] == "not_published"
    assert with_outcome.loc["oldtown.talent_total", "p_hit"] == without.loc["oldtown.talent_total", "p_hit"]


def test_an_earlier_value_after_the_base_is_shown_as_latest_not_judged(ds):
    extra = pd.DataFrame([{"id": "oldtown.high_level_talent", "year": 2023, "value": 700.0, "status": "observed",
                           "source": "made_up.txt", "quote": "高层次人才700人"}])
    ds2 = replace(ds, observations=pd.concat([ds.observations, extra], ignore_index=True))
    row = scorecard(dataset=ds2, now=2026, paths=2000).set_index("id").loc["oldtown.high_level_talent"]
    assert (row["status"], row["outcome_year"]) == ("latest", 2023)


def test_years_come_from_the_data(ds):
    assert target_years(ds, "twoyear") == [2027, 2030] and region_horizon(ds, "twoyear") == 2030
    assert region_horizon(ds, "newtown") == 2030 and region_horizon(ds, "oldtown") == 2025
    assert plan_base_year(ds, "oldtown.talent_total", 2025) == 2020
    assert data_year(ds, "newtown") == 2025 and data_year(as_of(ds, 2020), "newtown") == 2020


def test_rolling_forward_a_new_observation_moves_the_probability(ds):
    from scenarios.baseline import setup_from_dataset
    from scenarios.simulate import simulate
    from scenarios.spec import load_preset

    def p(d):
        sc = load_preset("baseline").model_copy(update={"region": "newtown", "paths": 2000})
        sm = simulate(sc, setup=setup_from_dataset(d, "newtown")).summary().set_index("id")
        return float(sm.loc["newtown.talent_total", "p_hit"]), int(sm.loc["newtown.talent_total", "base_year"])

    before = p(ds)
    new = pd.DataFrame([{"id": "newtown.talent_total", "year": 2026, "value": 56.0, "status": "observed",
                         "source": "made_up.txt", "quote": "2026年人才资源总量56万人"}])
    rolled = replace(ds, observations=pd.concat([ds.observations, new], ignore_index=True))
    after = p(rolled)
    assert before[1] == 2025 and after[1] == 2026           # the base moves to the new data year
    # a strong 2026 value raises P(60 by 2030); the calibrated law reads growth mostly from the target's
    # ambition (its slope b is 0.94 on the outcome base), so the rise is small but must be there
    assert after[0] > before[0]
    assert p(as_of(rolled, 2025)) == before                  # "as of 2025" gives back the old number
    assert data_year(rolled, "newtown") == 2026


def test_shipped_scorecard_runs_for_every_seed_region_with_a_passed_target():
    card = scorecard(now=2026, paths=1000)
    assert {"tianhe", "guangdong"} <= set(card["region"])
    assert set(card["status"]) <= {"met", "missed", "latest", "not_published"}
    p = card["p_hit"].dropna()
    assert ((p >= 0) & (p <= 1)).all()
    assert (card.loc[card["p_hit"].isna(), "why_no_p"] != "").all()
    assert np.isfinite(card.loc[card["region"] == "tianhe", "p_hit"]).any()


def test_growth_laws_as_of_a_year_use_only_the_data_published_by_then(ds):
    import forecast

    now = forecast.growth_laws(["newtown.talent_total"], dataset=ds)["newtown.talent_total"]
    then = forecast.growth_laws(["newtown.talent_total"], dataset=ds, as_of=2020)["newtown.talent_total"]
    assert (now.base_year, now.base_value) == (2025, 50.0)
    assert (then.base_year, then.base_value) == (2020, 44.0)
    from forecast.baseline import history

    assert list(history("newtown.talent_total", ds, as_of=2020).index) == [2016, 2020]


def test_a_region_whose_outcomes_are_all_in_is_settled_not_simulated(ds):
    from forecast.data.horizon import why_not_simulable
    from talentsim.app import regions

    assert why_not_simulable(ds, "oldtown") is None          # high-level talent still has its 2025 to come
    extra = pd.DataFrame([{"id": "oldtown.high_level_talent", "year": 2025, "value": 750.0, "status": "observed",
                           "source": "made_up.txt", "quote": "高层次人才750人"}])
    done = replace(ds, observations=pd.concat([ds.observations, extra], ignore_index=True))
    assert why_not_simulable(done, "oldtown") == ("settled", {"region": "oldtown", "year": 2025})
    assert regions.region_views("oldtown", done, now=2026) == ("scorecard", "data", "newplan", "methods")
    assert "see the Scorecard" in regions.why_text(done, "oldtown", "en")
    card = scorecard(dataset=done, now=2026, paths=1000).set_index("id")
    assert card.loc["oldtown.high_level_talent", "status"] == "missed"          # 750 < 800
    assert np.isfinite(card.loc["oldtown.high_level_talent", "p_hit"])         # given from the 2020 data
