"""``forecast.drift_update.update`` against the closed forms of its module docstring.

The normal-normal update per prior draw (w = P / (P + U + sigma^2 / T), loc = mu + w (g_hat - mu),
scale^2 = P (1 - w) + U), the latest-window slope, the pooled shock sd and the edges (one
year, unsorted input, values off the working scale), each recomputed here from the formulas.
Written for the survivors of ``benchmarks/mutation.py forecast/drift_update.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from forecast.drift_update import SHOCK_PSEUDO_DF, prior_draws, update
from forecast.typeprior import TypePrior

DRAWS = np.array([[0.02, 0.03, 0.01], [0.05, 0.0, 0.02], [-0.01, 0.06, 0.015]])   # (mu, persistent_sd, window_sd)


def _prior(kind="people", shock=0.05, basis="reference class", **kw) -> TypePrior:
    return TypePrior(kind=kind, loc=0.02, persistent_sd=0.03, window_sd=0.01, shock_sd=shock, df=6.0, draws=DRAWS,
                     basis=basis, **kw)


def _centred():
    """The draws as the update uses them: centred on the prior's loc, scaled to its spreads
    (``prior_draws``: editing a TypePrior changes the result)."""
    mu, P, U = prior_draws(_prior())
    assert mu.mean() == pytest.approx(0.02) and np.mean(P) == pytest.approx(0.03 ** 2)
    assert np.mean(U) == pytest.approx(0.01 ** 2)
    return mu, P, U


def _conjugate(g_hat: float, sigma: float, T_last: float):
    mu, P, U = _centred()
    w = np.where(P > 0, P / (P + U + sigma ** 2 / T_last), 0.0)
    return mu + w * (g_hat - mu), np.sqrt(P * (1 - w) + U), w


def test_two_points_give_the_conjugate_update_per_draw():
    post = update([2015, 2018], [100.0, 100.0 * np.exp(0.3)], _prior())
    locs, scales, w = _conjugate(0.1, 0.05, 3.0)
    assert post.g_hat == pytest.approx(0.1) and post.span_years == 3.0 and post.n_points == 2
    assert post.locs == pytest.approx(locs) and post.scales == pytest.approx(scales)
    assert post.weight == pytest.approx(w.mean()) and w[1] == 0.0          # no persistent part: prior only
    assert post.shock_sd == 0.05 and post.df == 6.0 and post.basis == "own history (2 points)"
    assert post.kind == "people"


def test_the_slope_is_over_the_latest_window_of_about_five_years():
    years = [2003, 2010, 2015, 2017, 2020]          # not the point before last, nor the one nearest it - 5
    z = np.array([0.0, 0.1, 0.3, 0.5, 1.1])
    post = update(years, 50.0 * np.exp(z), _prior(shock=0.0))
    assert post.g_hat == pytest.approx((1.1 - 0.3) / 5)                    # 2015 is nearest 2020 - 5
    assert post.span_years == 17.0
    # the conjugate update uses the window's 5 years (sigma: the pooled noise, checked below)
    locs, _, _ = _conjugate((1.1 - 0.3) / 5, post.shock_sd, 5.0)
    assert post.locs == pytest.approx(locs)


def test_one_year_apart_is_already_a_history():
    post = update([2019, 2020], [10.0, 11.0], _prior())
    assert post.weight > 0 and post.basis == "own history (2 points)" and post.g_hat == pytest.approx(np.log(1.1))


def test_a_last_year_given_twice_never_empties_the_window():
    post = update([2000, 2020, 2020], [10.0, 20.0, 40.0], _prior())
    assert np.isfinite(post.g_hat) and post.g_hat == pytest.approx(np.log(4.0) / 20)


def test_four_or_more_points_pool_the_noise_but_not_the_breaks():
    years = np.array([2016, 2017, 2018, 2019, 2021])
    z = np.array([0.0, 0.05, 0.16, 0.18, 0.35])
    prior = _prior(shock=0.05, break_sd=0.02, break_rate=0.03, break_k=2.0)
    post = update(years, 7.0 * np.exp(z), prior)
    T = 5.0
    dt, dz = np.diff(years).astype(float), np.diff(z)
    g_all = (z[-1] - z[0]) / T
    m = dt.size
    s2 = np.sum((dz - g_all * dt) ** 2 / dt) / (m - 1)
    share = 2.0 / (2.0 + 0.03 * T)
    sigma2 = (SHOCK_PSEUDO_DF * (0.05 ** 2 - 0.02 ** 2) + (m - 1) * s2) / (SHOCK_PSEUDO_DF + m - 1) + share * 0.02 ** 2
    assert post.shock_sd == pytest.approx(np.sqrt(sigma2))
    locs, scales, _ = _conjugate((z[-1] - z[0]) / 5.0, np.sqrt(sigma2), 5.0)
    assert post.locs == pytest.approx(locs) and post.scales == pytest.approx(scales)


def test_four_points_already_pool_and_a_repeated_year_is_skipped_in_the_noise():
    prior = _prior(shock=0.05)
    four = update([2017, 2018, 2019, 2020], [1.0, 1.3, 1.2, 1.6], prior)
    assert four.shock_sd != 0.05
    twice = update([2016, 2017, 2018, 2018, 2020], [1.0, 1.3, 1.2, 1.25, 1.6], prior)
    assert np.isfinite(twice.shock_sd) and np.all(np.isfinite(twice.locs))


def test_three_points_keep_the_types_shock():
    post = update([2016, 2018, 2020], [1.0, 2.0, 3.0], _prior(shock=0.05, break_sd=0.02, break_rate=0.03))
    assert post.shock_sd == 0.05


@pytest.mark.parametrize("basis, expect", [("reference class", "type prior only"), ("borrowed prior", "borrowed prior")])
def test_one_year_is_the_type_prior_itself(basis, expect):
    post = update([2020, 2020], [5.0, 6.0], _prior(basis=basis))
    mu, P, U = _centred()
    assert post.locs == pytest.approx(mu)
    assert post.scales == pytest.approx(np.sqrt(P + U))
    assert post.weight == 0.0 and np.isnan(post.g_hat) and post.span_years == 0.0 and post.n_points == 2
    assert post.basis == expect and post.shock_sd == 0.05 and post.df == 6.0 and post.kind == "people"


def test_order_of_the_points_does_not_matter_and_shares_use_the_logit():
    a = update([2015, 2020], [20.0, 25.0], _prior(kind="share"))
    b = update([2020, 2015], [25.0, 20.0], _prior(kind="share"))
    logit = lambda p: np.log(p / (100.0 - p))                                # noqa: E731
    assert a.g_hat == pytest.approx((logit(25.0) - logit(20.0)) / 5) and b.g_hat == a.g_hat
    assert np.array_equal(a.locs, b.locs)


@pytest.mark.parametrize("kind, values, says", [("people", [0.0, 3.0], "positive"), ("people", [np.nan, 3.0], "positive"),
                                                ("share", [50.0, 100.0], "strictly between 0 and 100 %"),
                                                ("share", [0.0, 10.0], "strictly between 0 and 100 %")])
def test_values_off_the_working_scale_are_refused_by_name(kind, values, says):
    scale = "logit" if kind == "share" else "log"
    with pytest.raises(ValueError, match=f"on the {scale} scale: a {kind} value must be {says}$"):
        update([2019, 2020], values, _prior(kind=kind))


def test_empty_or_mismatched_histories_are_refused():
    for years, values in (([], []), ([2019, 2020], [1.0])):
        with pytest.raises(ValueError, match="matching, non-empty"):
            update(years, values, _prior())


def test_the_law_carries_the_draws_and_their_moment_matched_summary():
    post = update([2015, 2018], [10.0, 13.0], _prior(kind="share"))
    law = post.law("syn.x", 2018, 30.0, note="n")
    assert law.indicator_id == "syn.x" and law.scale == "logit" and law.base_year == 2018 and law.base_value == 30.0
    assert law.drift_loc == pytest.approx(post.locs.mean())
    assert law.drift_scale == pytest.approx(np.sqrt(np.mean(post.scales ** 2) + np.var(post.locs)))
    assert law.drift_df == 6.0 and law.shock_sd == post.shock_sd and law.model == "type-prior update"
    assert law.note == "n" and law.kind == "share" and law.basis == post.basis
    assert law.draws == tuple(zip(post.locs.tolist(), post.scales.tolist()))
    assert post.law("syn.x", 2018, 30.0).note == ""
