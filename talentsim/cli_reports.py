"""The commands that answer for a whole plan or write files: ``targets``, ``programme555``,
``scorecard``, ``export`` and ``sweep`` (registered on the app in :mod:`talentsim.cli`).

As there, only typer is imported at start-up; the packages are imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from talentsim.cli_common import (MAX_PATHS, MAX_PATHS_555, MAX_SEED, MAX_YEAR, MIN_YEAR, REGION_HELP, check_lang,
                                  clear_errors, scenario_arg)


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

    check_lang(lang)
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
    _targets_run(region, scenario_arg(scenario, seed), probs, proposed, paths, data_dir, outcomes_dir, lang, as_json)


def _targets_run(region, sc, probs, proposed, paths, data_dir, outcomes_dir, lang, as_json) -> None:
    import json

    from scenarios.targets import targets
    from talentsim.export.facts import scenario_name
    from talentsim.messages import CATALOGUE, t
    from talentsim.targets_report import targets_text

    with clear_errors():
        df = targets(region, sc, probs, proposed=proposed, paths=paths, data_dir=data_dir, outcomes_dir=outcomes_dir)
        unknown = sorted(set(proposed) - set(df["id"]))
        if unknown:
            raise ValueError(f"--propose: {', '.join(unknown)} not simulated in {region}; choose from {', '.join(df['id'])}")
    if as_json:
        typer.echo(json.dumps(json.loads(df.to_json(orient="records", force_ascii=False)), ensure_ascii=False, indent=2))
        return
    label = t(f"region_{region}", lang) if f"region_{region}" in CATALOGUE else region
    typer.echo(targets_text(df, lang, region=label, scenario=scenario_name(sc, lang), paths=paths or sc.paths))


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
    with clear_errors({"growth_pct_per_year": "--growth", "cost_per_talent_cny_10k": "--cost",
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
    with clear_errors():
        card = scorecard(region, data_dir=str(data_dir) if data_dir else None, now=now, paths=paths)
        if region is not None and card.empty:
            from forecast.data import load_dataset

            if region not in set(load_dataset(data_dir).indicators["region"]):
                raise ValueError(f"region {region!r} is not in the data")
    typer.echo(scorecard_json(card, now) if as_json else scorecard_text(card, now))


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
    region: Optional[str] = typer.Option(None, "--region", help=REGION_HELP),
) -> None:
    """Export a comparison of scenarios as spreadsheet, slides, HTML and chart images."""
    from scenarios.compare import compare
    from talentsim.export import ExportFiles, MissingFontError, export_comparison

    check_lang(lang)
    if not any((xlsx, pptx, html, png_dir)):
        typer.echo("error: nothing to export; give at least one of --xlsx, --pptx, --html, --png-dir", err=True)
        raise typer.Exit(2)
    inputs = [p.resolve() for p in scenarios if p.exists()]
    for option, target in (("--xlsx", xlsx), ("--pptx", pptx), ("--html", html), ("--png-dir", png_dir)):
        if target is not None and target.resolve() in inputs:
            typer.echo(f"error: {option} {target} is one of the input scenarios; it is never overwritten", err=True)
            raise typer.Exit(2)
    scs = [scenario_arg(p, region=region) for p in scenarios]
    data_files = {Path(sc.data_dir).resolve() for sc in scs if sc.data_dir}
    for option, target in (("--xlsx", xlsx), ("--pptx", pptx), ("--html", html)):
        if target is not None and target.resolve() in data_files:
            typer.echo(f"error: {option} {target} is the scenarios' data file; it is never overwritten", err=True)
            raise typer.Exit(2)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from talentsim.messages import t

    try:
        with clear_errors(), Progress(TextColumn("{task.description}"), BarColumn(),
                                       TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                                       transient=True) as bar:
            task = bar.add_task(t("cli_export_simulate", lang), total=None)
            cmp = compare(scs, paths=paths, seed=seed)

            def step(name: str, done: int, total: int) -> None:
                bar.update(task, description=t("cli_export_step", lang, step=name), completed=done, total=total)

            bar.update(task, description=t("cli_export_render", lang))
            written = export_comparison(cmp, ExportFiles(xlsx=xlsx, pptx=pptx, html=html, png_dir=png_dir),
                                        lang=lang, overwrite=force, progress=step)
    except MissingFontError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    for p in written:
        typer.echo(str(p))


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
    from talentsim.sweep_run import Cluster, SweepError, sweep
    from talentsim.sweep_grid import GridError

    if workers and scheduler:
        typer.echo("error: give --workers or --scheduler, not both", err=True)
        raise typer.Exit(2)
    try:
        res = sweep(grid, out=out, cluster=Cluster(workers=workers, scheduler=scheduler, memory_limit=memory_limit,
                                                   timeout=timeout), paths=paths, seed=seed, progress=True,
                    other_rows=other_rows)
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


__all__ = ["targets_cmd", "programme555_cmd", "scorecard_cmd", "export_cmd", "sweep_cmd"]
