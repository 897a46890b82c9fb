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

    with _clear_errors():
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

    with _clear_errors():
        typer.echo(fit_report(indicator_id, to_year=to_year, explain=explain, data_dir=data_dir))


@app.command("backtest")
def backtest_cmd(
    outcomes: bool = typer.Option(False, "--outcomes", help="Score baseline probabilities on data/outcomes.csv."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir"),
) -> None:
    """Score the baseline probabilities on real plan outcomes, leave-one-plan-out."""
    import json

    if not outcomes:
        typer.echo("error: say what to score: --outcomes (real plan base -> target -> outcome triples)", err=True)
        raise typer.Exit(2)
    from forecast.validate_outcomes import backtest_outcomes

    bt = backtest_outcomes(data_dir)
    if as_json:
        typer.echo(json.dumps({"scores": bt.table.to_dict("records"), "pit_counts": bt.pit_counts.tolist(),
                               "pit_pvalue": bt.pit_pvalue, "n": len(bt.rows),
                               "plans": int(bt.rows["plan_id"].nunique()),
                               "reliability": {k: v.to_dict("records") for k, v in bt.reliability.items()},
                               "rows": json.loads(bt.rows.to_json(orient="records", force_ascii=False))},
                              ensure_ascii=False, indent=2))
    else:
        typer.echo(bt.text())


_REGION_HELP = "Region to simulate (e.g. guangdong), replacing the scenarios' own region."


def _scenario(path: Path, seed: Optional[int] = None, region: Optional[str] = None):
    """Load a scenario file or preset; ``seed`` and ``region`` replace its own when given."""
    from scenarios.spec import ScenarioError, load_preset, load_scenario

    try:
        sc = load_scenario(path) if path.suffix in (".yaml", ".yml") or path.exists() else load_preset(str(path))
        change = {k: v for k, v in (("seed", seed), ("region", region)) if v is not None}
        return sc.model_validate(sc.model_dump() | change) if change else sc
    except ScenarioError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    except ValueError as exc:   # pydantic's ValidationError of a bad --region
        typer.echo(f"error: --region: {str(exc).splitlines()[-1].strip()}", err=True)
        raise typer.Exit(2)


@app.command("simulate")
def simulate_cmd(
    scenario: Path = typer.Argument(..., help="Scenario YAML file, or a preset name (baseline, plan, ...)."),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS, help="Monte Carlo paths (default: the scenario's)."),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, max=MAX_SEED, help="Override the scenario's seed."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    region: Optional[str] = typer.Option(None, "--region", help=_REGION_HELP),
) -> None:
    """Probability of meeting each target, with quantiles and the region's joint attainment."""
    from talentsim.report import simulation_json, simulation_text
    from scenarios.simulate import simulate

    sc = _scenario(scenario, seed, region)
    with _clear_errors():
        sim = simulate(sc, paths=paths)
    typer.echo(simulation_json(sim) if as_json else simulation_text(sim))


@app.command("compare")
def compare_cmd(
    scenarios: list[Path] = typer.Argument(..., help="Two or more scenario files or preset names."),
    paths: Optional[int] = typer.Option(None, "--paths", min=1, max=MAX_PATHS),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, max=MAX_SEED),
    as_json: bool = typer.Option(False, "--json"),
    region: Optional[str] = typer.Option(None, "--region", help=_REGION_HELP),
) -> None:
    """Compare scenarios on common random numbers: probabilities and differences with SEs."""
    from scenarios.compare import compare
    from talentsim.report import comparison_json, comparison_text

    with _clear_errors():
        cmp = compare([_scenario(p, region=region) for p in scenarios], paths=paths, seed=seed)
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
    region: Optional[str] = typer.Option(None, "--region", help=_REGION_HELP),
) -> None:
    """Smallest lever value (or, with --mix, the cheapest lever mix) reaching the chosen probability."""
    import dataclasses
    import json

    from scenarios.baseline import region_setup
    from scenarios.mix import solve_mix
    from scenarios.solve import acting_lever, solve

    sc = _scenario(scenario, region=region)
    with _clear_errors():
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

    sc = _scenario(scenario)
    with _clear_errors():
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

    sc = _scenario(scenario)
    with _clear_errors():
        typer.echo("Tornado (one lever at a time, others at the scenario's values):")
        typer.echo(table_text(tornado(sc, indicator, paths=paths)[["lever", "unit", "low", "high", "p_low", "p_high", "swing"]]))
        if sobol_n:
            typer.echo(f"\nSobol indices (n={sobol_n}, uniform over each range; < 0.02 is noise):")
            typer.echo(table_text(sobol(sc, indicator, n=sobol_n)))


@app.command("targets")
def targets_cmd(
    region: str = typer.Argument(..., help="Region slug, e.g. tianhe."),
    scenario: Path = typer.Option(Path("plan"), "--scenario", help="Scenario YAML file or preset name (default: plan)."),
    prob: Optional[list[float]] = typer.Option(None, "--prob", help="Probability of a target column (0-1 or 1-99 %); repeat for several (default 0.5 0.8 0.9)."),
    propose: Optional[list[str]] = typer.Option(None, "--propose", help="ID=VALUE: a proposed target to rate; repeat for several."),
    paths: Optional[int] = typer.Option(None, "--paths", min=100, max=MAX_PATHS),
    seed: Optional[int] = typer.Option(None, "--seed", min=0, max=MAX_SEED),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="Folder in the data/ layout (default: shipped data)."),
    outcomes_dir: Optional[Path] = typer.Option(None, "--outcomes-dir", help="Folder of the outcome base (default: shipped data)."),
    lang: str = typer.Option("zh", "--lang", help="Labels: zh or en."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (one record per indicator) instead of a table."),
) -> None:
    """Targets reached with 50/80/90 % probability, and the ambition of proposed targets."""
    from talentsim.messages import t

    if lang not in ("zh", "en"):
        typer.echo(f"error: --lang must be zh or en, got {lang!r}", err=True)
        raise typer.Exit(2)
    probs = [p / 100 if p >= 1 else p for p in (prob or [0.5, 0.8, 0.9])]
    bad = [p for p in probs if not 0 < p < 1]
    if bad:
        typer.echo("error: " + t("tgt_cli_bad_prob", lang, value=bad[0]), err=True)
        raise typer.Exit(2)
    proposed = {}
    for item in propose or []:
        key, _, value = item.partition("=")
        try:
            proposed[key.strip()] = float(value)
        except ValueError:
            typer.echo(f"error: --propose expects ID=VALUE, got {item!r}", err=True)
            raise typer.Exit(2)
    _targets_run(region, _scenario(scenario, seed), probs, proposed, paths, data_dir, outcomes_dir, lang, as_json)


def _targets_run(region, sc, probs, proposed, paths, data_dir, outcomes_dir, lang, as_json) -> None:
    import json

    from scenarios.targets import targets
    from talentsim.export.facts import scenario_name
    from talentsim.messages import CATALOGUE, t
    from talentsim.targets_report import targets_text

    with _clear_errors():
        df = targets(region, sc, probs, proposed=proposed, paths=paths, data_dir=data_dir, outcomes_dir=outcomes_dir)
        unknown = sorted(set(proposed) - set(df["id"]))
        if unknown:
            raise ValueError(f"--propose: {', '.join(unknown)} not simulated in {region}; choose from {', '.join(df['id'])}")
    if as_json:
        typer.echo(json.dumps(json.loads(df.to_json(orient="records", force_ascii=False)), ensure_ascii=False, indent=2))
        return
    label = t(f"region_{region}", lang) if f"region_{region}" in CATALOGUE else region
    typer.echo(targets_text(df, lang, region=label, scenario=scenario_name(sc, lang), paths=paths or sc.paths))


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


@app.command("scorecard")
def scorecard_cmd(
    region: Optional[str] = typer.Option(None, "--region", help="One region (default: every region)."),
    now: Optional[int] = typer.Option(None, "--now", min=MIN_YEAR, max=MAX_YEAR,
                                      help="Targets before this year have passed (default: this year)."),
    paths: int = typer.Option(20_000, "--paths", min=100, max=MAX_PATHS),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir"),
) -> None:
    """Targets whose year has passed: outcome, met or missed, and the probability talentsim gave."""
    from scenarios.scorecard import current_year, scorecard
    from talentsim.report import scorecard_json, scorecard_text

    now = current_year() if now is None else now
    with _clear_errors():
        card = scorecard(region, data_dir=str(data_dir) if data_dir else None, now=now, paths=paths)
        if region is not None and card.empty:
            from forecast.data import load_dataset

            if region not in set(load_dataset(data_dir).indicators["region"]):
                raise ValueError(f"region {region!r} is not in the data")
    typer.echo(scorecard_json(card, now) if as_json else scorecard_text(card, now))


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
    region: Optional[str] = typer.Option(None, "--region", help=_REGION_HELP),
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
    scs = [_scenario(p, region=region) for p in scenarios]
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
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Seconds to wait for the scheduler."),
    memory_limit: str = typer.Option("auto", "--memory-limit",
                                     help="Per local worker, e.g. 2GiB (auto: the machine's memory / workers)."),
    other_rows: str = typer.Option("refuse", "--other-rows",
                                   help="Rows of another sweep (seed, paths, levers) already in --out: refuse "
                                        "(default, nothing is lost), keep (one table of both) or drop."),
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
                    timeout=timeout, memory_limit=memory_limit, other_rows=other_rows)
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
