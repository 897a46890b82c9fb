"""Pooled prior: numbers, exclusions, overrides, ratio priors and a leave-one-out check."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from forecast import PooledPrior, leave_one_out, pooled_prior, prior_for, rate_prior, share_prior

FACTS = pd.DataFrame({
    "id": ["gd.skilled", "gd.high_skill", "gd.prof_tech", "gd.high_level", "th.roster", "th.gdp", "th.software",
           "th.rd_spending"],
    "name_zh": ["", "", "", "", "", "地区生产总值增长", "规模以上软件业营业收入比2015年增长", ""],
    "name_en": ["Skilled", "High-skill", "Prof-tech", "High-level", "Roster", "Tianhe GDP growth",
                "Software revenue growth", "R&D spending growth"],
    "from_year": [2015] * 7 + [2019], "to_year": [2020] * 8,
    "growth_pct": [32, 56, 43, 19, 63.3, 54.77, 270, 1.0],
    "source": ["doc"] * 8, "quote": [""] * 6 + ["增长2.7倍", ""],
})


def test_prior_numbers_from_five_talent_facts():
    p = pooled_prior(FACTS)
    g = np.log1p(np.array([32, 56, 43, 19, 63.3]) / 100) / 5
    assert p.loc == pytest.approx(g.mean())
    assert p.scale == pytest.approx(g.std(ddof=1) * np.sqrt(1 + 1 / 5))
    assert p.df == 4
    t = p.table.set_index("id")
    assert not t.loc[["th.gdp", "th.software", "th.rd_spending"], "included"].any()
    assert "GDP" in t.loc["th.gdp", "reason"] and "ambiguous" in t.loc["th.software", "reason"]
    text = str(p)
    assert "EXCLUDED" in text and "th.roster" in text and "t(4)" in text


def test_include_overrides_exclusion():
    p = pooled_prior(FACTS, include=["th.gdp"])
    assert p.df == 5


def test_custom_prior_and_from_rates():
    p = PooledPrior(loc=0.05, scale=0.02, df=3)
    assert p.interval(0.8)[0] < 0.05 < p.interval(0.8)[1]
    q = PooledPrior.from_rates([32, 56, 43], years=5)
    assert q.df == 2 and q.loc == pytest.approx(np.mean(np.log1p([0.32, 0.56, 0.43]) / 5))
    with pytest.raises(ValueError):
        PooledPrior(loc=0.0, scale=-1.0, df=3)


def test_share_prior_from_guangdong_high_skill_share():
    s = share_prior(pooled_prior(FACTS))
    s15 = 0.334 * 1.32 / 1.56
    expected = (np.log(0.334 / 0.666) - np.log(s15 / (1 - s15))) / 5
    assert s15 == pytest.approx(0.283, abs=5e-4)
    assert s.loc == 0 and s.scale == pytest.approx(expected) and s.scale == pytest.approx(0.048, abs=1e-3)


def test_rate_prior_and_dispatch():
    stock = pooled_prior(FACTS)
    r = rate_prior(stock)
    g = stock.table.loc[stock.table["included"], "annual_log_growth"]
    assert r.loc == 0 and r.scale == pytest.approx(np.sqrt(np.mean(g ** 2)))
    assert prior_for("%", "ratio", stock).kind == "share"
    assert prior_for("人年/万人", "ratio", stock).kind == "rate"
    assert prior_for("万人", "stock", stock) is stock


def test_leave_one_out_sanity():
    """Five facts: a sanity check, not a band test (reported: 4/5 in 80 %, 5/5 in 95 %)."""
    loo = leave_one_out(pooled_prior(FACTS))
    assert len(loo) == 5
    assert loo["in_95"].sum() >= 4
    assert loo["in_80"].sum() >= 3


def test_student_t_predictive_is_calibrated_for_normal_samples():
    """The t(n-1) predictive of a normal sample is exactly calibrated (vectorised check)."""
    rng = np.random.default_rng(5)
    n, R = 5, 20_000
    x = rng.normal(0.07, 0.03, size=(R, n + 1))
    m, s = x[:, :n].mean(1), x[:, :n].std(1, ddof=1) * np.sqrt(1 + 1 / n)
    pit = stats.t.cdf((x[:, n] - m) / s, n - 1)
    assert abs(np.mean(np.abs(pit - 0.5) <= 0.4) - 0.8) < 0.01
