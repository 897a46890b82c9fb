"""The ``talentsim`` command line: one thin command per job, logic lives in the packages.

Only typer is imported at start-up; numpy, pandas, ``forecast`` and ``scenarios`` are
imported inside the commands, so ``talentsim --help`` and ``--version`` answer at once.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

# Bounds of the options, as literals so ``--help`` stays fast; tests check they equal
# scenarios.spec.MAX_PATHS / MIN_YEAR / MAX_YEAR and scenarios.programme555.MAX_PATHS_555.
MAX_PATHS = 5_000_000
MAX_PATHS_555 = 1_000_000
MIN_YEAR, MAX_YEAR = 2000, 2060
MAX_SEED = 2**63 - 1

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


@contextmanager
def _clear_errors(option: dict[str, str] | None = None) -> Iterator[None]:
    """Bad input anywhere below becomes ``error: ...`` on stderr and exit code 2, never a traceback.

    ``option`` maps a field name in a message to the option that set it (``--growth``).
    """
    try:
        yield
    except (ValueError, KeyError, OSError) as exc:  # ScenarioError and DataError are ValueErrors
        msg = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        if isinstance(exc, OSError) and exc.filename is not None:
            msg = f"{exc.filename}: {exc.strerror}"
        for field, opt in (option or {}).items():
            if msg.startswith(field):
                msg = f"{opt}: {msg}"
        typer.echo(f"error: {msg}", err=True)
        raise typer.Exit(2) from None


@data_app.command("check")
def data_check(
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="Folder in the data/ layout (default: shipped data)."),
) -> None:
    """Validate a dataset and print per-region counts; exit 1 on any violation."""
    from forecast.data import check_report

    text, ok = check_report(data_dir)
    typer.echo(text)
    raise typer.Exit(0 if ok else 1)


@app.command("fit")
def fit_cmd(
    indicator_id: Optional[str] = typer.Argument(None, help="Indicator id, e.g. tianhe.high_level_talent"),
    to_year: int = typer.Option(2025, "--to-year", min=MIN_YEAR, max=MAX_YEAR),
    explain: bool = typer.Option(False, "--explain", help="Print the type priors (reference class, episodes, borrowed priors); with an id, what fed this indicator."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir"),
) -> None:
    """Fit the growth families to one indicator and print the projection."""
    if indicator_id is None and not explain:
        from talentsim.messages import t

        typer.echo(t("cli_fit_usage", "en"), err=True)
        raise typer.Exit(2)
    from forecast.report import fit_report

    with _clear_errors():
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

    rep = outcome_report(data_dir)
    if as_json:
        typer.echo(json.dumps({"scores": json.loads(rep.table.to_json(orient="records")), "n": len(rep.rows),
                               "regions": int(rep.rows["region"].nunique()), "features": list(rep.groups),
                               "reliability": rep.reliability.to_dict("records"),
                               "rows": json.loads(rep.rows.drop(columns=["history"]).to_json(
                                   orient="records", force_ascii=False))}, ensure_ascii=False, indent=2))
    else:
        typer.echo(rep.text())


def _scenario(path: Path, seed: Optional[int] = None):
    from scenarios.spec import ScenarioError, load_preset, load_scenario

    try:
        sc = load_scenario(path) if path.suffix in (".yaml", ".yml") or path.exists() else load_preset(str(path))
    except ScenarioError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    return sc if seed is None else sc.model_validate(sc.model_dump() | {"seed": seed})


@app.command("simulate")
def simulate_cmd(
    scenario: Path = typer.Argument(..., help="Scenario YAML file, or a preset name (baseline, plan, ...)."),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS, help="Monte Carlo paths (default: the scenario's)."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, max=MAX_SEED, help="Override the scenario's seed."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Probability of meeting each target, with quantiles and the region's joint attainment."""
    from talentsim.report import simulation_json, simulation_text
    from scenarios.simulate import simulate

    sc = _scenario(scenario, seed)
    with _clear_errors():
        sim = simulate(sc, paths=paths)
    typer.echo(simulation_json(sim) if as_json else simulation_text(sim))


@app.command("compare")
def compare_cmd(
    scenarios: list[Path] = typer.Argument(..., help="Two or more scenario files or preset names."),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, max=MAX_SEED),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Compare scenarios on common random numbers: probabilities and differences with SEs."""
    from scenarios.compare import compare
    from talentsim.report import comparison_json, comparison_text

    with _clear_errors():
        cmp = compare([_scenario(p) for p in scenarios], paths=paths, seed=seed)
    typer.echo(comparison_json(cmp) if as_json else comparison_text(cmp))


@app.command("solve")
def solve_cmd(
    scenario: Path = typer.Argument(...),
    indicator: str = typer.Option(..., "--indicator", help="Indicator id, e.g. tianhe.high_level_talent"),
    lever: str = typer.Option("funding_cny_100m_per_year", "--lever"),
    prob: float = typer.Option(0.8, "--prob", min=0.0, max=1.0),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Smallest lever value that reaches the chosen probability for one indicator."""
    import dataclasses
    import json

    from scenarios.solve import solve

    with _clear_errors():
        sol = solve(_scenario(scenario), indicator, lever, prob, paths=paths)
    typer.echo(json.dumps(dataclasses.asdict(sol), ensure_ascii=False, indent=2) if as_json else sol.message)


@app.command("sensitivity")
def sensitivity_cmd(
    scenario: Path = typer.Argument(...),
    indicator: str = typer.Option(..., "--indicator"),
    paths: int = typer.Option(20_000, "--paths", min=100, max=MAX_PATHS),
    sobol_n: int = typer.Option(128, "--sobol-n", help="Sobol base samples (power of two); 0 skips Sobol."),
) -> None:
    """One-at-a-time tornado and Sobol indices of the probability of hitting."""
    from talentsim.report import table_text
    from scenarios.sensitivity import sobol, tornado

    sc = _scenario(scenario)
    with _clear_errors():
        typer.echo("Tornado (one lever at a time, others at the scenario's values):")
        typer.echo(table_text(tornado(sc, indicator, paths=paths)[["lever", "unit", "low", "high", "p_low", "p_high", "swing"]]))
        if sobol_n:
            typer.echo(f"\nSobol indices (n={sobol_n}, uniform over each range; < 0.02 is noise):")
            typer.echo(table_text(sobol(sc, indicator, n=sobol_n)))


@app.command("programme555")
def programme555_cmd(
    paths: int = typer.Option(100_000, "--paths", min=100, max=MAX_PATHS_555),
    seed: int = typer.Option(20130412, "--seed", min=0, max=MAX_SEED),
    growth: Optional[float] = typer.Option(None, "--growth", help="Fund growth % a year (document: at least 5)."),
    cost: Optional[float] = typer.Option(None, "--cost", help="Median cost per supported talent, 万元."),
    person_share: Optional[float] = typer.Option(None, "--person-share", min=0.0, max=1.0),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir"),
    table: bool = typer.Option(False, "--table", help="P over share of the fund paying people × cost per talent."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (with --table: the table's cells)."),
) -> None:
    """Liwan's "555" programme: probability of about 500 talents within 5 and within 10 years."""
    import dataclasses
    import json

    from forecast.data import load_dataset
    from scenarios.programme555 import from_data, simulate_555, table_555, table_text

    over = {k: v for k, v in {"growth_pct_per_year": growth, "cost_per_talent_cny_10k": cost,
                              "person_share": person_share}.items() if v is not None}
    with _clear_errors({"growth_pct_per_year": "--growth", "cost_per_talent_cny_10k": "--cost",
                        "person_share": "--person-share", "paths": "--paths"}):
        ds = load_dataset(data_dir)
        inputs = from_data(ds.programmes, ds.indicators, **over)
        if table:
            tb = table_555(inputs, paths=min(paths, 20_000), seed=seed)
        else:
            res = simulate_555(inputs, paths=paths, seed=seed)
    if table:
        typer.echo(json.dumps({"inputs": dataclasses.asdict(inputs), "cells": tb.to_dict("records")},
                              ensure_ascii=False, indent=2) if as_json else table_text(tb, inputs))
        return
    if as_json:
        typer.echo(json.dumps({"inputs": dataclasses.asdict(inputs), "paths": res.paths, "p_within_5": res.p_within_5,
                               "p_within_10": res.p_within_10}, ensure_ascii=False, indent=2))
        return
    typer.echo(res.text())


@app.command("export")
def export_cmd(
    scenarios: list[Path] = typer.Argument(..., help="Scenario files or preset names; the first is the reference."),
    xlsx: Optional[Path] = typer.Option(None, "--xlsx", help="Write an Excel workbook here."),
    pptx: Optional[Path] = typer.Option(None, "--pptx", help="Write a PowerPoint deck here."),
    html: Optional[Path] = typer.Option(None, "--html", help="Write a self-contained HTML report here."),
    png_dir: Optional[Path] = typer.Option(None, "--png-dir", help="Write PNG and SVG charts into this folder."),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS, help="Monte Carlo paths (default: the first scenario's)."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, max=MAX_SEED),
    lang: str = typer.Option("zh", "--lang", help="Labels: zh or en."),
    force: bool = typer.Option(False, "--force", help="Replace output files that already exist."),
) -> None:
    """Export a comparison of scenarios as spreadsheet, slides, HTML and chart images."""
    from scenarios.compare import compare
    from talentsim.export import MissingFontError, export_comparison

    if lang not in ("zh", "en"):
        typer.echo(f"error: --lang must be zh or en, got {lang!r}", err=True)
        raise typer.Exit(2)
    if not any((xlsx, pptx, html, png_dir)):
        typer.echo("error: nothing to export; give at least one of --xlsx, --pptx, --html, --png-dir", err=True)
        raise typer.Exit(2)
    inputs = [p.resolve() for p in scenarios if p.exists()]
    for option, target in (("--xlsx", xlsx), ("--pptx", pptx), ("--html", html), ("--png-dir", png_dir)):
        if target is not None and target.resolve() in inputs:
            typer.echo(f"error: {option} {target} is one of the input scenarios; it is never overwritten", err=True)
            raise typer.Exit(2)
    scs = [_scenario(p) for p in scenarios]
    data_files = {Path(sc.data_dir).resolve() for sc in scs if sc.data_dir}
    for option, target in (("--xlsx", xlsx), ("--pptx", pptx), ("--html", html)):
        if target is not None and target.resolve() in data_files:
            typer.echo(f"error: {option} {target} is the scenarios' data file; it is never overwritten", err=True)
            raise typer.Exit(2)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from talentsim.messages import t

    try:
        with _clear_errors(), Progress(TextColumn("{task.description}"), BarColumn(),
                                       TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                                       transient=True) as bar:
            task = bar.add_task(t("cli_export_simulate", lang), total=None)
            cmp = compare(scs, paths=paths, seed=seed)

            def step(name: str, done: int, total: int) -> None:
                bar.update(task, description=t("cli_export_step", lang, step=name), completed=done, total=total)

            bar.update(task, description=t("cli_export_render", lang))
            written = export_comparison(cmp, xlsx=xlsx, pptx=pptx, html=html, png_dir=png_dir, lang=lang,
                                        overwrite=force, progress=step)
    except MissingFontError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    for p in written:
        typer.echo(str(p))


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


@app.command("sweep")
def sweep_cmd(
    grid: Path = typer.Argument(..., help="Grid file (YAML): regions, scenarios and lever values."),
    out: Path = typer.Option(..., "--out", help="Parquet file for the results; cells already in it are skipped."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                          help="Local worker processes (default: one per core; small grids run in-process)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Use an existing Dask cluster, tcp://HOST:PORT."),
    paths: Optional[int] = typer.Option(None, "--paths", min=100, help="Paths per cell (default: the grid's)."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, help="Seed of every cell (default: the grid's)."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds to wait for the scheduler."),
    memory_limit: str = typer.Option("auto", "--memory-limit",
                                     help="Per local worker, e.g. 2GiB (auto: the machine's memory / workers)."),
) -> None:
    """Sweep regions x scenarios x lever values into one tidy Parquet table."""
    from scenarios.spec import ScenarioError
    from talentsim.sweep_run import SweepError, sweep
    from talentsim.sweep_grid import GridError

    if workers and scheduler:
        typer.echo("error: give --workers or --scheduler, not both", err=True)
        raise typer.Exit(2)
    try:
        res = sweep(grid, out=out, workers=workers, scheduler=scheduler, paths=paths, seed=seed, progress=True,
                    timeout=timeout, memory_limit=memory_limit)
    except (GridError, ScenarioError, SweepError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    for region, why in res.skipped_regions.items():
        typer.echo(f"skipped region {region}: {why}", err=True)
    run = res.seconds - res.prepare_seconds
    rate = res.computed / run if run > 0 else 0.0
    typer.echo(f"{out}: {len(res.table):,} rows; {res.computed:,} cells computed on {res.workers} worker(s), "
               f"{res.reused:,} reused; {res.prepare_seconds:.1f} s setting up (data, growth laws, workers), "
               f"{run:.1f} s simulating ({rate:.1f} cells/s)")


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":
    main()
