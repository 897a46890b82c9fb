"""The ``talentsim`` command line: one thin command per job, logic lives in the packages."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="talentsim: forecasts and what-if scenarios for regional talent plans.")
data_app = typer.Typer(no_args_is_help=True, help="Inspect and validate plan datasets.")
app.add_typer(data_app, name="data")


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
    to_year: int = typer.Option(2025, "--to-year"),
    explain: bool = typer.Option(False, "--explain", help="Print the pooled prior, its numbers and sources."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir"),
) -> None:
    """Fit the growth families to one indicator and print the projection."""
    from forecast.report import fit_report

    typer.echo(fit_report(indicator_id, to_year=to_year, explain=explain, data_dir=data_dir))


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":
    main()
