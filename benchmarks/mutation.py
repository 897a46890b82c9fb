"""Mutation testing of chosen modules of forecast/ and scenarios/ with mutmut 3.

Why mutmut (not cosmic-ray): mutmut 3 loads pytest once, records which test touches which
function, then forks one child per mutant and runs only the tests that reach the mutated
function; ``only_mutate`` limits it to one module and ``pytest_add_cli_args_test_selection``
to a few fast test files. cosmic-ray rewrites the file on disk and starts a fresh test
process (numpy, pandas, the data) for every mutant, which is seconds each on this machine.

Each module runs in its own scratch folder ``build/mutation/<module>/`` (``build/`` is git-
ignored): symlinks to the tree plus a ``pyproject.toml`` holding only the ``[tool.mutmut]``
table for that module, so mutmut's copy (``mutants/``) never lands in the checkout.

    python benchmarks/mutation.py                      # every module in MODULES
    python benchmarks/mutation.py forecast/targets.py  # chosen ones
    python benchmarks/mutation.py --workers 2

Prints killed / survived / timed out / other per module and lists each survivor; with
``--show`` also the diff of each survivor (``mutmut show``).

Results, 2026-12-06, mutmut 3.8.1, ``python benchmarks/mutation.py --workers 1`` (a module at a
time: ``python benchmarks/mutation.py scenarios/solve.py``). "Survivors" = mutants no chosen test
kills: ``survived`` (a test reaches the code, none fails) plus ``no tests`` (no chosen test reaches
it). BEFORE: the test files that existed (the MODULES lists without the files added since);
AFTER: with them.

    module                    mutants  BEFORE killed / survivors   AFTER killed / survivors (all equivalent?)
    forecast/targets.py           231       112 / 119 (83 no tests)      207 / 24  (24 equivalent)
    forecast/law.py               123        14 / 109 (75 no tests)      120 / 3   (3 equivalent)
    forecast/drift_update.py      290       102 / 188 (39 no tests)      278 / 12  (9 equivalent, 1 message, 2 left)
    scenarios/economics.py        370       229 / 141 (49 no tests)      341 / 29  (16 equivalent, 13 left)
    scenarios/compare.py          202       129 / 73  (15 no tests)      194 / 8   (7 equivalent, 1 message)
    scenarios/evaluate.py         135        87 / 48  (14 no tests)      123 / 12  (6 equivalent, 6 left)
    scenarios/solve.py            312       185 / 127                    238 / 74  (not yet classified)
    total                        1663       858 / 805                    1501 / 162

Equivalent (no behavioural change for any input the callers pass): ``dtype=float`` dropped or
``None`` where numpy/pandas default to float64 or the values are already float; ``kind="STABLE"``
(numpy reads the sort kind case-insensitively); sorting already-unique years without
``kind="stable"``; ``keep="first"`` dropped (the default); empty ``pd.Series([])`` vs
``pd.Series(None)``; every mutant of ``target_of``'s ``num`` that only swaps which path reaches
``float()`` (its ``try`` turns every such case into NaN); the ``hasattr(row, "get")`` guard
(callers pass Series or dicts); ``draw_index``'s ``k <= 1`` vs ``k < 1`` ((i // 2) % 1 is 0);
``update``'s ``T > WINDOW`` vs ``>=`` or ``or True`` (at T <= 5 the nearest point to t_n - 5 is
t_1 anyway) and ``pers >= 0`` (0 / (0 + noise) = 0); ``astype(None)`` on hits (float difference,
same mean); compare's own seed/paths defaulting (``simulate_many`` applies the same defaults);
``chunk`` dropped (same default); ``HitProbability``'s ``arrays=None`` (recomputed, speed only);
``at_efficiency``'s range test at 5/6 or ``<`` 150 (clipping an in-range cost is the identity and
m comes back unchanged); ``efficiency_quantiles``'s n, seed 8, (n, 3) draws (another Monte Carlo
sample of the same law). Message-only: an exception text padded with "XX" still matches.

Left (behaviour no fast test checks yet): evaluate's ``region_setup(region, horizon, data_dir)``
arguments (6; only reached without a prepared setup, i.e. from the shipped data);
drift_update's ``argsort`` stability (2; differs only for repeated years, which
``usable_history`` removes upstream); economics: the zero-history reference of 1 亿元 (an
undocumented convention), ``funding_active``'s ``atol``, ``funding_effect`` for a cumulative
funding indicator, a target year at or before the base year and a missing target year (7), and
``at_efficiency``'s ``places <= 0`` branch (4), which no caller reaches (solve passes the 10/90 %
places, always > 0) and which disagrees with its docstring: it keeps the median additionality
(20 places per 亿元 at cost 150) instead of moving it to 0. solve: 74 survivors, mostly the
``does_not_move`` branch and the ``Solution`` fields of the unreachable and funding answers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRATCH = ROOT / "build" / "mutation"

#: module -> the fast test files that cover it (mutmut runs, per mutant, only those of them
#: that reach the mutated function).
MODULES: dict[str, list[str]] = {
    "forecast/targets.py": ["tests/forecast/test_targets.py", "tests/forecast/test_targets_contract.py"],
    "forecast/law.py": ["tests/forecast/test_series_input.py", "tests/forecast/test_law.py"],
    "scenarios/economics.py": ["tests/scenarios/test_economics.py", "tests/scenarios/test_economics_closed_forms.py"],
    "scenarios/compare.py": ["tests/scenarios/test_engine.py", "tests/scenarios/test_met_at_base.py",
                             "tests/scenarios/test_compare_contract.py"],
    "scenarios/evaluate.py": ["tests/scenarios/test_met_at_base.py", "tests/scenarios/test_engine.py",
                              "tests/scenarios/test_evaluate_contract.py"],
    "scenarios/solve.py": ["tests/scenarios/test_inverse_and_sensitivity.py", "tests/scenarios/test_solve_contract.py"],
    "forecast/drift_update.py": ["tests/forecast/test_drift_update_gaps.py", "tests/forecast/test_drift_update_closed_forms.py"],
}

LINKS = ["forecast", "scenarios", "talentsim", "tests", "data"]
STATUS = {1: "killed", 3: "killed", 0: "survived", 36: "timeout", -24: "timeout", 24: "timeout",
          152: "timeout", 255: "timeout", 5: "no tests", 33: "no tests", None: "not checked"}


def _scratch(module: str, tests: list[str]) -> Path:
    """A fresh folder with symlinks to the tree and a mutmut config for *module* only."""
    where = SCRATCH / module.replace("/", "_").removesuffix(".py")
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    for name in LINKS:
        (where / name).symlink_to(ROOT / name)
    tests = [t for t in tests if (ROOT / t).exists()]
    conf = ["[tool.mutmut]", 'source_paths = ["forecast", "scenarios"]', f"only_mutate = {json.dumps([module])}",
            f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]',
            'also_copy = ["data", "talentsim"]', "use_git_change_detection = false", ""]
    (where / "pyproject.toml").write_text("\n".join(conf), "utf-8")
    # forecast.shipped is data/ (a symlink os.walk does not follow): give the copy the same link
    (where / "mutants" / "forecast").mkdir(parents=True)
    (where / "mutants" / "forecast" / "shipped").symlink_to("../data")
    return where


def _statuses(where: Path, module: str) -> dict[str, str]:
    meta = json.loads((where / "mutants" / (module + ".meta")).read_text("utf-8"))
    return {k: STATUS.get(v, "suspicious") for k, v in meta["exit_code_by_key"].items()}


def run_module(module: str, tests: list[str], workers: int, show: bool) -> dict[str, str]:
    """Run mutmut on *module* against *tests*; print and return the status of every mutant."""
    where = _scratch(module, tests)
    mutmut = [sys.executable, "-m", "mutmut"]
    t0 = time.time()
    env = dict(os.environ, PYTHONPATH=str(where / "mutants"))
    proc = subprocess.run(mutmut + ["run", "--max-children", str(workers)], cwd=where, env=env,
                          capture_output=True, text=True)
    took = time.time() - t0
    if proc.returncode != 0 or not (where / "mutants" / (module + ".meta")).exists():
        print(f"{module}: mutmut failed ({proc.returncode})\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        return {}
    status = _statuses(where, module)
    counts = {s: sum(1 for v in status.values() if v == s) for s in sorted(set(status.values()))}
    print(f"{module}: {len(status)} mutants in {took:.0f}s  " + "  ".join(f"{k}={v}" for k, v in counts.items()))
    by_fn: dict[tuple[str, str], list[int]] = {}
    for name, s in sorted(status.items(), key=lambda kv: _order(kv[0])):
        if s != "killed":
            fn, k = _order(name)
            by_fn.setdefault((s, fn), []).append(k)
    for (s, fn), ks in sorted(by_fn.items()):
        print(f"    {s:9s} {fn}: " + " ".join(map(str, ks)))
        if show and s in ("survived", "timeout"):
            for k in ks:
                diff = subprocess.run(mutmut + ["show", f"{fn}__mutmut_{k}"], cwd=where, env=env,
                                      capture_output=True, text=True)
                print(f"      #{k}")
                print("\n".join("        " + ln for ln in diff.stdout.splitlines()[1:] if ln[:1] in "+-"
                                 and ln[:3] not in ("+++", "---")))
    return status


def _order(name: str) -> tuple[str, int]:
    m = re.match(r"(.*)__mutmut_(\d+)$", name)
    return (m.group(1), int(m.group(2))) if m else (name, 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="*", help="modules to mutate (default: all in MODULES)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--show", action="store_true", help="print the diff of every survivor")
    ap.add_argument("--json", type=Path, help="write {module: {mutant: status}} here")
    args = ap.parse_args(argv)
    chosen = args.modules or list(MODULES)
    out = {}
    for module in chosen:
        out[module] = run_module(module, MODULES.get(module, []), args.workers, args.show)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, sort_keys=True), "utf-8")
    print("\nmodule                      mutants killed survived timeout other")
    for module, st in out.items():
        n = {k: sum(1 for v in st.values() if v == k) for k in ("killed", "survived", "timeout")}
        other = len(st) - sum(n.values())
        print(f"{module:27s} {len(st):7d} {n['killed']:6d} {n['survived']:8d} {n['timeout']:7d} {other:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
