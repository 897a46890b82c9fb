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


def _unit_literals() -> list[str]:
    """Places in code that spell out three or more units of the table in one literal (a second table)."""
    import ast

    from forecast.data.units import TABLE

    # the extractor's lists are the written forms it meets in text (万名, 户, 亩 ...): another fact
    skip = ("forecast/data/units.py", "forecast/extract/", "talentsim/messages/catalogue/")
    out = []
    for p in CODE:
        rel = str(p.relative_to(ROOT))
        if rel.startswith(skip):
            continue
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            elts = n.keys if isinstance(n, ast.Dict) else n.elts if isinstance(n, (ast.Set, ast.Tuple, ast.List)) else []
            units = {e.value for e in elts if isinstance(e, ast.Constant) and e.value in TABLE}
            if len(units) >= 3:
                out.append(f"{rel}:{n.lineno} {sorted(units)}")
    return out


def test_the_units_table_is_data_written_once():
    assert _unit_literals() == []
