"""The calibrated predictive distribution of plan targets, fitted on the outcome base.

``model`` (the law of realised growth given the uncalibrated drift, the target's ambition and
features), ``rows`` (the uncalibrated predictive of each outcome row), ``cv`` (leave-one-
region-out predictions), ``report`` (the backtest table), ``store`` (``data/calibration.json``),
``apply`` (the engine's hand-off), ``build`` (``python -m forecast.calibration.build``).
Imports ``forecast.outcomes``, never the reverse.
"""
