"""Histories with long gaps update without dividing by zero (issue 21)."""

from __future__ import annotations

import numpy as np
import pytest

from forecast.drift_update import update
from forecast.typeprior import reference_fit


@pytest.mark.parametrize("years", [[2000, 2012], [1998, 2000, 2020], [2001, 2002, 2003, 2004, 2019]])
def test_a_last_point_long_after_the_previous_one_gives_a_finite_update(years):
    prior = reference_fit()["people"]
    values = 100 * 1.05 ** (np.asarray(years) - years[0])
    post = update(years, values, prior)
    assert np.isfinite(post.locs).all() and np.isfinite(post.scales).all() and (post.scales > 0).all()
    # the window is the last gap: its slope is the history's own drift estimate
    assert post.g_hat == pytest.approx(np.log(1.05), rel=1e-9)
