"""Lever records cast and snap values in one place (solver, sensitivity, app, links)."""

from __future__ import annotations

import pytest

from scenarios.levers import LEVERS


def test_cast_rounds_integer_levers_and_keeps_floats():
    assert LEVERS["shock_year"].cast(2023.6) == 2024 and isinstance(LEVERS["shock_year"].cast(2023.6), int)
    v = LEVERS["funding_cny_100m_per_year"].cast(2)
    assert v == 2.0 and isinstance(v, float)


@pytest.mark.parametrize("key, x, expected", [
    ("cost_log_sd", 0.43, 0.45), ("cost_log_sd", 0.42, 0.40), ("funding_cny_100m_per_year", 2.44, 2.4),
    ("funding_cny_100m_per_year", 11.0, 10.0), ("funding_cny_100m_per_year", -1.0, 0.0), ("shock_year", 2024.4, 2024),
])
def test_snap_lands_on_the_slider_grid_inside_the_range(key, x, expected):
    assert LEVERS[key].snap(x) == pytest.approx(expected)
