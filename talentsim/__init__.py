"""talentsim: forecasts and what-if scenarios for regional five-year talent plans.

The economist's front door::

    import talentsim as ts
    ds = ts.load_dataset()                    # the shipped, validated dataset
    sc = ts.load_preset("plan")
    sim = ts.simulate(sc)                     # Simulation: p_hit, p_hit_se, summary()
    ts.simulate(sc, paths=50_000, seed=7)     # the run's settings as keywords, or
    ts.simulate(sc, options=ts.RunOptions(paths=50_000, seed=7))   # one record for every estimator
    ts.compare([sc, ts.load_preset("high-funding")])
    ts.targets("tianhe", "plan")              # targets met with 50/80/90 %, ambition of proposed ones
    ts.sweep("provinces", out="results.parquet")   # regions x scenarios x levers (scenarios/sweeps/)
    d = ts.discover(sc, "tianhe.high_level_talent")   # PRIM: which assumption ranges make the target fail
    d.table(); ts.discovery_chart(d, lang="en")
    ts.fan_chart(q, title=..., unit="人", marks=ts.FanMarks(ts.Target(">=", 1500, 2025), base_year=2020))
    ts.export_comparison(cmp, ts.ExportFiles(xlsx="out.xlsx", pptx="out.pptx"))

Names are loaded on first use (PEP 562), so ``talentsim --help`` does not pay for
numpy, pandas and scipy.
"""

from __future__ import annotations

from forecast.lazy import lazy_exports as _lazy_exports


__version__ = "0.2.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # data and models
    "load_dataset": "forecast.data",
    "Dataset": "forecast.data",
    "DataError": "forecast.data",
    "fit": "forecast",
    "growth_law": "forecast",
    "growth_laws": "forecast",
    "GrowthLaw": "forecast",
    "project": "forecast",
    "backtest": "forecast",
    "compare_with_statsmodels": "forecast.backtest",
    "FAMILIES": "forecast",
    "reference_fit": "forecast",
    "type_prior": "forecast",
    "update": "forecast",
    "regional_correlation": "forecast",
    "history": "forecast",
    "outcome_report": "forecast",
    # engine
    "LEVERS": "scenarios",
    "Scenario": "scenarios",
    "ScenarioError": "scenarios",
    "load_preset": "scenarios",
    "load_scenario": "scenarios",
    "preset_names": "scenarios",
    "simulate": "scenarios",
    "RunOptions": "scenarios",
    "Simulation": "scenarios",
    "compare": "scenarios",
    "Comparison": "scenarios",
    "solve": "scenarios",
    "solve_mix": "scenarios.mix",
    "lever_effects": "scenarios.drivers",
    "driver_edges": "scenarios.drivers",
    "tornado": "scenarios",
    "sobol": "scenarios",
    "discover": "scenarios.discovery",
    "Discovery": "scenarios.discovery",
    "region_setup": "scenarios.baseline",
    "targets": "scenarios.targets",
    "targets_table": "scenarios.targets",
    "target_for_probability": "scenarios.targets",
    "setup_from_dataset": "scenarios.baseline",
    "scorecard": "scenarios.scorecard",
    "as_of": "forecast.data.horizon",
    "target_years": "forecast.data.horizon",
    # product shell
    "sweep": "talentsim.sweep_run",
    "SweepResult": "talentsim.sweep_run",
    "Cluster": "talentsim.sweep_run",
    "load_grid": "talentsim.sweep_grid",
    # charts and exports (notebooks draw and export through the front door)
    "fan_chart": "talentsim.charts",
    "FanMarks": "talentsim.chartspec",
    "ChartLayout": "talentsim.chartspec",
    "Target": "forecast.targets",
    "tornado_chart": "talentsim.charts",
    "discovery_chart": "talentsim.charts",
    "comparison_chart": "talentsim.charts",
    "export_comparison": "talentsim.export.files",
    "ExportFiles": "talentsim.export.files",
}

__all__ = ["__version__", *_EXPORTS]


__getattr__, __dir__ = _lazy_exports(__name__, _EXPORTS, globals())
