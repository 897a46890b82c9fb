"""talentsim forecasting layer: type-aware priors from a reference class, short-history updates, growth-model families, backtests.

Public API (notebooks import only from here)::

    from forecast import fit, growth_law, project, type_prior, update, backtest

``forecast.data`` (the data layer) is imported lazily inside the functions that need it,
so this package imports even where the data layer is absent.
"""

from forecast.backtest import backtest, brier_score, crps_normal, crps_sample
from forecast.baseline import GrowthLaws, growth_law, growth_laws, history, project, simulate_law
from forecast.calibrate import Calibration, fit
from forecast.law import GrowthLaw
from forecast.models import FAMILIES, Family, Fitted
from forecast.prior import PooledPrior
from forecast.reference import TYPES, load_reference
from forecast.targets import target_met, usable_history
from forecast.typeprior import ReferenceFit, RegionalCorrelation, TypePrior, reference_fit, regional_correlation, type_prior
from forecast.update import DriftPosterior, update
from forecast.validate_outcomes import OutcomeBacktest, backtest_outcomes

__all__ = [
    "FAMILIES", "Family", "Fitted",
    "fit", "Calibration",
    "growth_law", "growth_laws", "GrowthLaws", "GrowthLaw", "project", "simulate_law", "history",
    "PooledPrior", "TYPES", "load_reference", "reference_fit", "ReferenceFit", "type_prior", "TypePrior",
    "regional_correlation", "RegionalCorrelation", "update", "DriftPosterior", "backtest_outcomes", "OutcomeBacktest",
    "backtest", "brier_score", "crps_sample", "crps_normal", "target_met", "usable_history",
]
