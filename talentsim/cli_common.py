"""What the ``talentsim`` commands share: the bounds of their options, the scenario argument and
the rule that bad input is ``error: ...`` with exit code 2, never a traceback.

Only typer is imported here (see :mod:`talentsim.cli`: ``--help`` answers at once).
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
LANGS = ("zh", "en")


@contextmanager
def clear_errors(option: dict[str, str] | None = None) -> Iterator[None]:
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


def check_lang(lang: str) -> None:
    """``--lang`` is zh or en (exit code 2 otherwise)."""
    if lang not in LANGS:
        typer.echo(f"error: --lang must be zh or en, got {lang!r}", err=True)
        raise typer.Exit(2)


REGION_HELP = "Region to simulate (e.g. guangdong), replacing the scenarios' own region."


def scenario_arg(path: Path, seed: Optional[int] = None, region: Optional[str] = None):
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


__all__ = ["MAX_PATHS", "MAX_PATHS_555", "MIN_YEAR", "MAX_YEAR", "MAX_SEED", "LANGS", "REGION_HELP", "clear_errors",
           "check_lang", "scenario_arg"]
