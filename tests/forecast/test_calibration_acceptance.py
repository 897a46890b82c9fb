"""Issue 25's acceptance thresholds, leave-one-region-out on the whole outcome base (``slow``:
the LORO loop refits the calibration once per region, minutes on a shared machine).

Measured on the merged outcome base (``python -m forecast.calibration.build``; 1,734 rows, 161
regions, 706 misses; five-year 175 rows, 77 misses), features ambition, type, key, context:

| subset | skill vs base rate | AUC | slope | cover 50/80/95 |
|---|---|---|---|---|
| all | 0.247 | 0.784 | 1.065 | 0.514 / 0.764 / 0.916 |
| five-year | 0.325 | 0.795 | 1.080 | 0.583 / 0.777 / 0.920 |

(The previous law, ambition + type: 0.168 / 0.698 / 1.26 and 0.139 / 0.697 / 0.59.) Every bound
the data reach is asserted; the one not reached (the five-year 50 % interval covers 0.583 of
the outcomes: plan-length central intervals are a little wide) is a strict xfail, so reaching
it turns the suite red until the marker is removed.
The guards hold the measured levels minus a small margin.
"""

from __future__ import annotations

import pytest

from forecast.calibration.report import outcome_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rep():
    return outcome_report()


@pytest.mark.parametrize("subset", ["all", "five_year"])
def test_loro_scores_do_not_regress(rep, subset):
    h = rep.headline(subset)
    assert h["skill"] >= 0.22 and h["auc"] >= 0.76, h
    assert 0.85 <= h["cal_slope"] <= 1.2, h
    assert abs(h["cover80"] - 0.80) <= 0.05 and abs(h["cover95"] - 0.95) <= 0.05, h


def test_issue_25_bounds_on_all_rows(rep):
    h = rep.headline("all")
    assert h["skill"] >= 0.20 and h["auc"] >= 0.78 and 0.8 <= h["cal_slope"] <= 1.2, h
    for level in (50, 80, 95):
        assert abs(h[f"cover{level}"] - level / 100) <= 0.05, h


def test_issue_25_bounds_reached_on_five_year_rows(rep):
    h = rep.headline("five_year")
    assert h["skill"] >= 0.20 and h["auc"] >= 0.78 and 0.8 <= h["cal_slope"] <= 1.2, h
    for level in (80, 95):
        assert abs(h[f"cover{level}"] - level / 100) <= 0.05, h


@pytest.mark.xfail(strict=True, reason="not reached: the five-year 50 % interval covers 0.583")
def test_issue_25_bound_not_reached_on_five_year_rows(rep):
    h = rep.headline("five_year")
    assert abs(h["cover50"] - 0.50) <= 0.05, h
