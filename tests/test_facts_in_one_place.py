"""Facts about the world are written once (issue 23, "facts as data"): the years a simulation
may run to, and the units table. Each check fails when a second copy appears."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = [p for pkg in ("forecast", "scenarios", "talentsim") for p in (ROOT / pkg).rglob("*.py")
        if "shipped" not in p.relative_to(ROOT).parts]


def test_the_horizon_years_have_one_definition():
    from forecast.data.schema import HORIZON_MAX, HORIZON_MIN
    from scenarios.levers import LEVERS
    from scenarios.spec import MAX_YEAR, MIN_YEAR
    from talentsim import cli
    from talentsim.app import newplan
    from talentsim.sweep_grid import Grid

    bounds = (HORIZON_MIN, HORIZON_MAX)
    assert (MIN_YEAR, MAX_YEAR) == bounds == (newplan.MIN_YEAR, newplan.MAX_YEAR) == (cli.MIN_YEAR, cli.MAX_YEAR)
    assert (LEVERS["shock_year"].low, LEVERS["shock_year"].high) == bounds
    meta = {type(m).__name__: m for m in Grid.model_fields["horizon"].metadata}
    assert (meta["Ge"].ge, meta["Le"].le) == bounds
    # the literal is written in two places only: the definition and the command line's fast copy
    # (which tests/talentsim/test_cli_hostile.py holds equal to it)
    hits = sorted(str(p.relative_to(ROOT)) for p in CODE
                  if re.search(rf"\b{HORIZON_MAX}\b", p.read_text(encoding="utf-8")))
    assert hits == ["forecast/data/schema.py", "talentsim/cli_common.py"], hits
