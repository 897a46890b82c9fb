"""Issue 25's acceptance thresholds, leave-one-region-out on the whole outcome base (``slow``:
the LORO loop refits the calibration once per region, minutes on a shared machine).

Measured on the merged outcome base (``python -m forecast.calibration.build``; 1,734 rows, 161
regions, 706 misses; five-year 175 rows, 77 misses), features ambition, type, key, context:

| subset | skill vs base rate | AUC | slope | cover 50/80/95 |
|---|---|---|---|---|
| all | 0.242 | 0.781 | 1.052 | 0.514 / 0.769 / 0.915 |
| five-year | 0.307 | 0.779 | 1.000 | 0.577 / 0.794 / 0.914 |

(The previous law, ambition + type: 0.168 / 0.698 / 1.26 and 0.139 / 0.697 / 0.59.) Every bound
the data reach is asserted; the two not reached (five-year AUC 0.779 against 0.78, five-year 50 %
coverage 0.577) are a strict xfail, so reaching them turns the suite red until it is removed.
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
    assert 0.85 <= h["cal_slope"] <= 1.15, h
    assert abs(h["cover80"] - 0.80) <= 0.05 and abs(h["cover95"] - 0.95) <= 0.05, h


def test_issue_25_bounds_on_all_rows(rep):
    h = rep.headline("all")
    assert h["skill"] >= 0.20 and h["auc"] >= 0.78 and 0.8 <= h["cal_slope"] <= 1.2, h
    for level in (50, 80, 95):
        assert abs(h[f"cover{level}"] - level / 100) <= 0.05, h


def test_issue_25_bounds_reached_on_five_year_rows(rep):
    h = rep.headline("five_year")
    assert h["skill"] >= 0.20 and 0.8 <= h["cal_slope"] <= 1.2, h
    for level in (80, 95):
        assert abs(h[f"cover{level}"] - level / 100) <= 0.05, h


@pytest.mark.xfail(strict=True, reason="not reached: five-year AUC 0.779 (bound 0.78), 50 % coverage 0.577")
def test_issue_25_bounds_not_reached_on_five_year_rows(rep):
    h = rep.headline("five_year")
    assert h["auc"] >= 0.78 and abs(h["cover50"] - 0.50) <= 0.05, h
