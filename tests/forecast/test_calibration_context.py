"""The calibration's per-indicator terms and context features (issue 25): each uses only what was
known at the target's origin, and each reaches the engine the way the fit read it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast.calibration import context, model
from forecast.calibration.apply import calibrate_posterior
from forecast.calibration.rows import _bootstrap_moments, _changes, _growth_moments, _region_sums
from forecast.outcomes import outcome_key


def _rows(**cols) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    d = {"region": ["a"] * n, "indicator_key": ["k"] * n, "type": ["growth"] * n, "kept_out": [False] * n,
         "history": [()] * n, "met": [True] * n}
    d.update(cols)
    return pd.DataFrame(d)


def test_record_reads_only_outcomes_settled_by_the_origin():
    d = _rows(base_year=[2017, 2018, 2019, 2020], target_year=[2018, 2019, 2020, 2021],
              outcome_year=[2018, 2019, 2020, 2021], met=[True, False, True, False],
              base_value=[1.0] * 4, need=[0.0] * 4)
    out = context.add_context(d, d)
    # origin 2017: nothing settled; 2018: the 2018 outcome (met); 2019: 2019's miss; 2020: 2020's hit
    assert out["prev"].tolist() == [0.0, 1.0, -1.0, 1.0]


def test_peers_exclude_the_region_itself_and_kept_out_regions():
    d = _rows(region=["a", "b", "c", "x"], base_year=[2020] * 4, target_year=[2021] * 4,
              outcome_year=[2021] * 4, base_value=[5.0, 6.0, 7.0, 99.0], need=[1.0, 2.0, 3.0, 50.0],
              kept_out=[False, False, False, True])
    out = context.add_context(d[~d["kept_out"]], d)
    assert out["peer_need"].tolist() == pytest.approx([1 - 2.5, 2 - 2.0, 3 - 1.5])
    assert out["peer_base"].tolist() == pytest.approx([5 - 6.5, 6 - 6.0, 7 - 5.5])
    alone = context.add_context(d.iloc[:2], d.iloc[:2])       # one peer is not a comparison
    assert (alone["peer_need"] == 0).all()


def test_reversion_uses_earlier_points_of_growth_rows_only():
    hist = ((2017, 8.0), (2018, 7.0), (2019, 6.0), (2020, 2.0))
    d = _rows(type=["growth", "share"], base_year=[2020, 2020], base_value=[2.0, 2.0], target_year=[2021, 2021],
              outcome_year=[2021, 2021], need=[0.0, 0.0], history=[hist, hist])
    out = context.add_context(d, d)
    assert out["rev"].tolist() == pytest.approx([7.0 - 2.0, 0.0])


def test_vectorised_bootstrap_equals_the_concatenated_sample():
    from forecast.outcomes import load_outcome_base

    base = load_outcome_base()
    ch = _changes(base[(base["type"] == "growth") & ~base["kept_out"]])
    regions, per = _region_sums(ch)
    rng = np.random.default_rng(3)
    pick = rng.choice(len(regions), size=len(regions))
    counts = np.bincount(pick, minlength=len(regions)).astype(float)[None, :]
    loc, drift = _bootstrap_moments(per, counts)[0]
    sample = pd.concat([ch[ch["region"] == regions[i]] for i in pick])
    ref_loc, ref_drift, _ = _growth_moments(sample)
    assert loc == pytest.approx(ref_loc, rel=1e-9) and drift == pytest.approx(ref_drift, rel=1e-9)


def _X(comparator: str, key: str = "") -> pd.DataFrame:
    df = pd.DataFrame({"type": ["rate"], "indicator_key": [key], "need": [0.5], "m": [0.0], "s": [1.0],
                       "comparator": [comparator], "plan_kind": ["five_year"], "approx": [False],
                       "strive": [False], "years": [5.0]})
    return model.features(df)


def test_biases_point_to_the_targets_side():
    """A positive bias says outcomes land on the target's side: up for a floor, down for a ceiling."""
    cal = model.Calibration(("ambition", "type"), {"alpha_type:rate": 1.0})
    floor, _ = cal.predict(_X(">="), np.zeros(1))
    ceiling, _ = cal.predict(_X("<="), np.zeros(1))
    assert floor[0] == pytest.approx(1.0) and ceiling[0] == pytest.approx(-1.0)


def test_key_terms_need_rows_from_several_regions():
    X = pd.DataFrame({"key": ["g"] * 8 + ["h"] * 9 + ["i"] * 3,
                      "region": list("abcabcab") + ["a"] * 9 + list("abc")})
    assert model.eligible_keys(X) == ("g",)


def test_an_indicator_without_terms_of_its_own_gets_the_wider_spread():
    cal = model.Calibration(("ambition", "type", "key"), {"alpha_key:gdp_growth": 0.5, "kappa_key:gdp_growth": 0.0,
                                                          "d_nokey": 0.4})
    mu_k, sig_k = cal.predict(_X(">=", "gdp_growth"), np.zeros(1))
    mu_n, sig_n = cal.predict(_X(">=", "talent_total"), np.zeros(1))
    assert mu_k[0] == pytest.approx(0.5) and mu_n[0] == 0.0
    assert sig_n[0] == pytest.approx(sig_k[0] * np.exp(0.4))


def test_engine_indicators_find_their_key_by_name_and_type():
    assert outcome_key("地区生产总值增长（%）", "growth") == "gdp_growth"
    assert outcome_key("地区生产总值增长", "share") == ""           # same name, another scale: no key
    assert outcome_key("各类人才资源总量", "people") == ""


def test_the_engine_applies_the_key_terms():
    from forecast.baseline import posterior

    raw, *_ = posterior("tianhe.talent_total", calibration=None)
    cal = model.Calibration(("ambition", "type", "key"), {"alpha_key:gdp_growth": 2.0})
    with_key, _ = calibrate_posterior(raw, cal, kind="people", years=5, key="gdp_growth")
    without, _ = calibrate_posterior(raw, cal, kind="people", years=5, key="")
    assert with_key.loc > without.loc and without.loc == pytest.approx(raw.loc)
