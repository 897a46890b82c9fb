"""The ``talentsim`` command line: one thin command per job, logic lives in the packages.

Only typer is imported at start-up; numpy, pandas, ``forecast`` and ``scenarios`` are
imported inside the commands, so ``talentsim --help`` and ``--version`` answer at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from talentsim import cli_reports
# the option bounds stay importable from here (tests compare them with the packages' own)
from talentsim.cli_common import (MAX_PATHS, MAX_PATHS_555, MAX_SEED, MAX_YEAR, MIN_YEAR, REGION_HELP,  # noqa: F401
                                  clear_errors, scenario_arg)


app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="talentsim: forecasts and what-if scenarios for regional talent plans.")
data_app = typer.Typer(no_args_is_help=True, help="Inspect and validate plan datasets.")
app.add_typer(data_app, name="data")


def _print_version(value: bool) -> None:
    if value:
        from talentsim import __version__

        typer.echo(f"talentsim {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the version and exit."),
) -> None:
    """talentsim: forecasts and what-if scenarios for regional talent plans."""


@data_app.command("check")
def data_check(
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="Folder in the data/ layout (default: shipped data)."),
) -> None:
    """Validate a dataset and print per-region counts; exit 1 on any violation."""
    from forecast.data import check_report

    with clear_errors():
        text, ok = check_report(data_dir)
    typer.echo(text)
    raise typer.Exit(0 if ok else 1)


@app.command("extract")
def extract_cmd(
    file: Path = typer.Argument(..., help="Plan document: .txt, .md, .docx, or .pdf with a text layer."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write a region folder (indicators.csv, observations.csv) here."),
    candidates: Optional[Path] = typer.Option(None, "--candidates", help="Write every candidate row to this CSV, before any mapping."),
    region: Optional[str] = typer.Option(None, "--region", help="Region slug of the ids (default: from the file name)."),
    year: Optional[int] = typer.Option(None, "--year", min=1990, max=2100, help="Year the document was issued (default: read from it)."),
    force: bool = typer.Option(False, "--force", help="Replace files that already exist."),
) -> None:
    """Read a plan document into candidate indicator rows and a region folder that `data check` validates."""
    from forecast.extract.run import run_extract

    with clear_errors():
        result, mapped, text = run_extract(file, out=out, candidates=candidates, region=region, doc_year=year,
                                           force=force)
    typer.echo(text)
    if mapped is None:
        raise typer.Exit(1)


@app.command("fit")
def fit_cmd(
    indicator_id: Optional[str] = typer.Argument(None, help="Indicator id, e.g. tianhe.high_level_talent"),
    to_year: Optional[int] = typer.Option(None, "--to-year", min=MIN_YEAR, max=MAX_YEAR,
                                          help="Year of the projection (default: the indicator's target year)."),
    explain: bool = typer.Option(False, "--explain", help="Print the type priors (reference class, episodes, borrowed priors); with an id, what fed this indicator."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir"),
) -> None:
    """Fit the growth families to one indicator and print the projection."""
    if indicator_id is None and not explain:
        from talentsim.messages import t

        typer.echo(t("cli_fit_usage", "en"), err=True)
        raise typer.Exit(2)
    from forecast.report import fit_report

    with clear_errors():
        typer.echo(fit_report(indicator_id, to_year=to_year, explain=explain, data_dir=data_dir))


@app.command("backtest")
def backtest_cmd(
    outcomes: bool = typer.Option(False, "--outcomes", help="Score the calibrated probabilities on the outcome base (data/outcomes*.csv)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir"),
) -> None:
    """Score the calibrated probabilities on real plan outcomes, leave-one-region-out."""
    import json

    if not outcomes:
        typer.echo("error: say what to score: --outcomes (real plan base -> target -> outcome triples)", err=True)
        raise typer.Exit(2)
    from forecast.calibration.report import outcome_report

    with clear_errors():                 # a --data-dir without an outcome base is named, not a traceback
        rep = outcome_report(data_dir)
    if as_json:
        typer.echo(json.dumps({"scores": json.loads(rep.table.to_json(orient="records")), "n": len(rep.rows),
                               "regions": int(rep.rows["region"].nunique()), "features": list(rep.groups),
                               "reliability": rep.reliability.to_dict("records"),
                               "rows": json.loads(rep.rows.drop(columns=["history"]).to_json(
                                   orient="records", force_ascii=False))}, ensure_ascii=False, indent=2))
    else:
        typer.echo(rep.text())


@app.command("simulate")
def simulate_cmd(
    scenario: Path = typer.Argument(..., help="Scenario YAML file, or a preset name (baseline, plan, ...)."),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS, help="Monte Carlo paths (default: the scenario's)."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, max=MAX_SEED, help="Override the scenario's seed."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    region: Optional[str] = typer.Option(None, "--region", help=REGION_HELP),
) -> None:
    """Probability of meeting each target, with quantiles and the region's joint attainment."""
    from talentsim.report import simulation_json, simulation_text
    from scenarios.simulate import simulate

    sc = scenario_arg(scenario, seed, region)
    with clear_errors():
        sim = simulate(sc, paths=paths)
    typer.echo(simulation_json(sim) if as_json else simulation_text(sim))


@app.command("compare")
def compare_cmd(
    scenarios: list[Path] = typer.Argument(..., help="Two or more scenario files or preset names."),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, max=MAX_SEED),
    as_json: bool = typer.Option(False, "--json"),
    region: Optional[str] = typer.Option(None, "--region", help=REGION_HELP),
) -> None:
    """Compare scenarios on common random numbers: probabilities and differences with SEs."""
    from scenarios.compare import compare
    from talentsim.report import comparison_json, comparison_text

    with clear_errors():
        cmp = compare([scenario_arg(p, region=region) for p in scenarios], paths=paths, seed=seed)
    typer.echo(comparison_json(cmp) if as_json else comparison_text(cmp))


@app.command("solve")
def solve_cmd(
    scenario: Path = typer.Argument(...),
    indicator: str = typer.Option(..., "--indicator", help="Indicator id, e.g. tianhe.high_level_talent"),
    lever: Optional[str] = typer.Option(None, "--lever", help="Default: the first lever that moves the indicator."),
    prob: float = typer.Option(0.8, "--prob", min=0.0, max=1.0),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS),
    mix: bool = typer.Option(False, "--mix", help="The cheapest mix of funding and programme places, with its cost range."),
    programme: Optional[str] = typer.Option(None, "--programme", help="Price places with this programme (programmes.csv)."),
    as_json: bool = typer.Option(False, "--json"),
    region: Optional[str] = typer.Option(None, "--region", help=REGION_HELP),
) -> None:
    """Smallest lever value (or, with --mix, the cheapest lever mix) reaching the chosen probability."""
    import dataclasses
    import json

    from scenarios.baseline import region_setup
    from scenarios.mix import solve_mix
    from scenarios.solve import acting_lever, solve

    sc = scenario_arg(scenario, region=region)
    with clear_errors():
        if mix:
            sol = solve_mix(sc, indicator, prob, programme=programme, paths=paths)
        else:
            lever = lever or acting_lever(region_setup(sc.region, sc.horizon, sc.data_dir), indicator) or "funding_cny_100m_per_year"
            sol = solve(sc, indicator, lever, prob, paths=paths)
    typer.echo(json.dumps(dataclasses.asdict(sol), ensure_ascii=False, indent=2) if as_json else sol.message)


@app.command("drivers")
def drivers_cmd(
    scenario: Path = typer.Argument(..., help="Scenario YAML file, or a preset name."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The driver tree (which lever reaches which indicator, by which relation) and each acting lever's effect."""
    import json

    from scenarios.baseline import region_setup
    from scenarios.drivers import driver_edges, lever_effects
    from talentsim.report import table_text

    sc = scenario_arg(scenario)
    with clear_errors():
        edges, effects = driver_edges(region_setup(sc.region, sc.horizon, sc.data_dir)), lever_effects(sc)
    if as_json:
        typer.echo(json.dumps({"edges": edges.to_dict("records"), "effects": effects.to_dict("records")},
                              ensure_ascii=False, indent=2))
        return
    typer.echo("Driver tree (data/relations.csv):")
    typer.echo(table_text(edges))
    typer.echo("\nEffects of the acting levers by the target year (median; low/high: relations at their range ends):")
    typer.echo(table_text(effects.round(4)) if len(effects) else "(no lever is set away from its neutral value)")


@app.command("sensitivity")
def sensitivity_cmd(
    scenario: Path = typer.Argument(...),
    indicator: str = typer.Option(..., "--indicator"),
    paths: int = typer.Option(20_000, "--paths", min=100, max=MAX_PATHS),
    sobol_n: int = typer.Option(128, "--sobol-n", min=0, max=4096,
                                help="Sobol base samples (a power of two up to 4096); 0 skips Sobol."),
) -> None:
    """One-at-a-time tornado and Sobol indices of the probability of hitting."""
    from talentsim.report import table_text
    from scenarios.sensitivity import sobol, tornado

    sc = scenario_arg(scenario)
    with clear_errors():
        typer.echo("Tornado (one lever at a time, others at the scenario's values):")
        typer.echo(table_text(tornado(sc, indicator, paths=paths)[["lever", "unit", "low", "high", "p_low", "p_high", "swing"]]))
        if sobol_n:
            typer.echo(f"\nSobol indices (n={sobol_n}, uniform over each range; < 0.02 is noise):")
            typer.echo(table_text(sobol(sc, indicator, n=sobol_n)))


for _name, _cmd in (("targets", cli_reports.targets_cmd), ("programme555", cli_reports.programme555_cmd),
                     ("scorecard", cli_reports.scorecard_cmd), ("export", cli_reports.export_cmd)):
    app.command(_name)(_cmd)


@app.command("app", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def app_cmd(ctx: typer.Context) -> None:
    """Start the planners' page (needs the [app] extra); extra options go to `streamlit run`."""
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("streamlit") is None:
        typer.echo("error: the page needs Streamlit: pip install 'talentsim[app]'", err=True)
        raise typer.Exit(2)
    entry = Path(__file__).resolve().parent / "app" / "entry.py"
    # the checkout's .streamlit/config.toml, as options (an installed package has no such file)
    opts = ["--server.headless", "true", "--server.maxUploadSize", "5", "--server.runOnSave", "false",
            "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
            "--client.showErrorDetails", "none", "--theme.base", "light"]
    raise typer.Exit(subprocess.call([sys.executable, "-m", "streamlit", "run", str(entry), *opts, *ctx.args]))

app.command("sweep")(cli_reports.sweep_cmd)


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":
    main()
