"""OUT-OF-MODEL coverage of the whole pipeline the engine uses (type prior + short-history
update + growth law + simulation draws), on series from processes other than the fitted
random walk (see ``tests/forecast/out_of_model.py``), history lengths 1, 2, 5 and 10,
horizon 5 years.

Acceptance (issue 9): on the mixture, at every history length, 80 % intervals cover
72-88 % and 95 % intervals 90-98 %.  With R = 800 series the binomial sd of an 80 %
coverage is 1.4 points and of a 95 % coverage 0.8 points.  Seeds are fixed.  The 10-point
row is the tight one: 80 % coverage 0.730 at this seed (17), 0.765-0.796 at seeds 1-4
(docs/probabilities.md); it passed only once the update stopped shrinking the re-basing
break variance toward a clean history's own sd (forecast.drift_update).
"""

from __future__ import annotations

import numpy as np
import pytest

from .out_of_model import LENGTHS, PROCESSES, pits

R = 800


@pytest.mark.slow
@pytest.mark.parametrize("n_points", LENGTHS)
def test_mixture_coverage_at_every_history_length(n_points):
    p = pits("mixture", n_points, R, seed=7 + n_points)
    c80, c95 = np.mean(np.abs(p - 0.5) <= 0.4), np.mean(np.abs(p - 0.5) <= 0.475)
    assert 0.72 <= c80 <= 0.88, (n_points, c80)
    assert 0.90 <= c95 <= 0.98, (n_points, c95)
    assert 0.3 <= p.mean() <= 0.7


@pytest.mark.parametrize("kind", PROCESSES)
def test_each_process_is_not_wildly_off(kind):
    """A cheaper per-process guard (200 series, 2 points): 95 % intervals cover 85-99 % and 80 %
    intervals 62-92 % (0.69-0.835 at this seed; binomial sd about 3 points).  Both sides: an
    over-wide forecast (the failure the held-out outcomes showed) is as wrong as a narrow one."""
    p = pits(kind, 2, 200, seed=11)
    c80, c95 = np.mean(np.abs(p - 0.5) <= 0.4), np.mean(np.abs(p - 0.5) <= 0.475)
    assert 0.85 <= c95 <= 0.99, c95
    assert 0.62 <= c80 <= 0.92, c80
