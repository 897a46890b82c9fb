"""Small, typed public signatures (issue 23 item 5), measured by ``tests/signatures.py``.

Run settings travel as one ``RunOptions``, chart marks as ``FanMarks``, export paths as
``ExportFiles``, a sweep's placement as ``Cluster``. These limits keep it so: a public
function or method of ``forecast``, ``scenarios`` or ``talentsim`` takes at most
``MAX_PARAMETERS`` parameters (record constructors and command-line commands aside), and
no more parameters are typed ``Any`` than today. Lower the figures as signatures shrink;
``python -m tests.signatures`` lists the longest signatures and every parameter typed Any.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from tests import signatures

#: the longest public signatures today (discover, sobol, targets, direct_persons,
#: calibrate_posterior, pptx.table); 14 (fan_chart), 13 (sweep) and 10 (export_comparison)
#: before issue 23
MAX_PARAMETERS = 10
#: parameters typed Any (or unannotated) today: forwarded ``**kw`` (Streamlit, the model
#: families' options), and the report helpers whose types would close an import circle
#: (forecast.summary, scenarios.display); 292 before issue 23
MAX_TYPED_ANY = 17


@pytest.fixture(scope="module")
def measured() -> tuple[list[tuple[str, str]], list[tuple[str, int]]]:
    return signatures.measure()


def test_no_public_function_takes_more_than_the_limit(measured) -> None:
    _, counts = measured
    long = sorted((n, q) for q, n in counts if n > MAX_PARAMETERS)
    assert not long, (f"public signatures over {MAX_PARAMETERS} parameters (group related ones in a record, "
                      "like RunOptions or FanMarks):\n" + "\n".join(f"{n}  {q}" for n, q in long))


def test_parameters_typed_any_do_not_rise(measured) -> None:
    untyped, _ = measured
    assert len(untyped) <= MAX_TYPED_ANY, ("public parameters typed Any or left unannotated:\n"
                                           + "\n".join(f"{q}: {p}" for q, p in untyped))


def test_the_measure_sees_the_names_it_is_about(measured) -> None:
    """The walk reaches all three packages and the functions issue 23 shrank."""
    _, counts = measured
    seen = dict(counts)
    assert {"scenarios.simulate.simulate", "talentsim.charts.fan_chart", "talentsim.sweep_run.sweep",
            "talentsim.export.files.export_comparison", "forecast.targets.target_met"} <= set(seen)
    assert seen["talentsim.charts.fan_chart"] <= 8 and seen["talentsim.sweep_run.sweep"] <= 8
    assert seen["talentsim.export.files.export_comparison"] <= 6


def _eleven(a, b: int, c: Any, d: Any | None = None, *, e=1, f: int = 2, g: str = "", h: float = 0.0,
            i: bool = False, j: bytes = b"", k: object = None) -> None:
    """A signature the limits must catch: 11 parameters, three of them typed Any."""


def test_the_measure_counts_parameters_and_any_as_it_says() -> None:
    ps = signatures.parameters(_eleven)
    assert len(ps) == 11 > MAX_PARAMETERS
    assert [p.name for p in ps if signatures.typed_any(p)] == ["a", "c", "d", "e"]

    class C:
        def m(self, x: int, **kw: Any) -> None:
            """``self`` is not a parameter; ``**kw: Any`` is typed Any."""

    assert [(p.name, signatures.typed_any(p)) for p in signatures.parameters(C.m)] == [("x", False), ("kw", True)]


def test_records_and_commands_are_told_apart() -> None:
    from forecast.law import GrowthLaw
    from scenarios.options import RunOptions
    from talentsim.cli import solve_cmd
    from talentsim.sweep_run import sweep

    assert signatures.is_record("forecast.law.GrowthLaw.__init__", GrowthLaw.__init__)
    assert signatures.is_record("scenarios.options.RunOptions.__init__", RunOptions.__init__)
    assert not signatures.is_record("talentsim.sweep_run.sweep", sweep)
    assert signatures.is_command(solve_cmd) and not signatures.is_command(sweep)
    assert not inspect.isclass(sweep)
