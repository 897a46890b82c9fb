"""talentsim forecasting layer: growth-model families, pooled prior, calibration, backtests.

Public API (notebooks import only from here)::

    from forecast import fit, growth_law, project, pooled_prior, backtest

``forecast.data`` (the data layer) is imported lazily inside the functions that need it,
so this package imports even where the data layer is absent.
"""

from forecast.backtest import backtest, brier_score, crps_normal, crps_sample
from forecast.baseline import GrowthLaws, growth_law, growth_laws, history, project, simulate_law
from forecast.calibrate import Calibration, fit
from forecast.law import GrowthLaw
from forecast.models import FAMILIES, Family, Fitted
from forecast.prior import PooledPrior, leave_one_out, pooled_prior, prior_for, rate_prior, share_prior
from forecast.targets import target_met, usable_history

__all__ = [
    "FAMILIES", "Family", "Fitted",
    "fit", "Calibration",
    "growth_law", "growth_laws", "GrowthLaws", "GrowthLaw", "project", "simulate_law", "history",
    "pooled_prior", "PooledPrior", "share_prior", "rate_prior", "prior_for", "leave_one_out",
    "backtest", "brier_score", "crps_sample", "crps_normal", "target_met", "usable_history",
]
