"""talentsim forecasting layer: type-aware priors from a reference class, short-history updates, growth-model families, backtests.

Public API (notebooks import only from here)::

    from forecast import fit, growth_law, project, type_prior, update, backtest

Names are imported on first use (PEP 562), so ``import forecast.targets`` or a cached
start does not pay for SciPy, statsmodels or pandera until a fit or a load needs them.
"""

from __future__ import annotations

from forecast.lazy import lazy_exports


#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "FAMILIES": "forecast.models", "Family": "forecast.models", "Fitted": "forecast.models",
    "fit": "forecast.calibrate", "Calibration": "forecast.calibrate",
    "growth_law": "forecast.baseline", "growth_laws": "forecast.baseline", "GrowthLaws": "forecast.baseline",
    "project": "forecast.baseline", "simulate_law": "forecast.baseline", "history": "forecast.baseline",
    "GrowthLaw": "forecast.law",
    "PooledPrior": "forecast.prior",
    "TYPES": "forecast.reference", "load_reference": "forecast.reference",
    "reference_fit": "forecast.typeprior", "ReferenceFit": "forecast.typeprior", "type_prior": "forecast.typeprior",
    "TypePrior": "forecast.typeprior", "regional_correlation": "forecast.typeprior",
    "RegionalCorrelation": "forecast.typeprior",
    "update": "forecast.drift_update", "DriftPosterior": "forecast.drift_update",
    "outcome_report": "forecast.calibration.report", "OutcomeReport": "forecast.calibration.report",
    "load_outcome_base": "forecast.outcomes", "ambition_rank": "forecast.outcomes",
    "backtest": "forecast.backtest", "brier_score": "forecast.backtest", "crps_sample": "forecast.backtest",
    "crps_normal": "forecast.backtest",
    "target_met": "forecast.targets", "Target": "forecast.targets", "usable_history": "forecast.targets",
}

__all__ = list(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
