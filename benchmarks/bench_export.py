"""Time a full five-scenario export (xlsx, pptx, html, PNG+SVG charts) of the shipped presets.

    python benchmarks/bench_export.py [--paths 20000] [--lang zh] [--out build/bench_export]

Prints wall and CPU seconds for the simulation and for the export; the issue's budget is
20 s for the whole export on the project machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

PRESETS = ("baseline", "plan", "high-funding", "low-inflow", "shock")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paths", type=int, default=20_000)
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--out", default="build/bench_export")
    a = ap.parse_args()
    from scenarios import compare, load_preset
    from talentsim.export import ExportFiles, export_comparison

    out = Path(a.out)
    w0, c0 = time.perf_counter(), time.process_time()
    cmp = compare([load_preset(n) for n in PRESETS], paths=a.paths)
    w1, c1 = time.perf_counter(), time.process_time()
    export_comparison(cmp, ExportFiles(xlsx=out / "five.xlsx", pptx=out / "five.pptx", html=out / "five.html",
                                       png_dir=out / "charts"), lang=a.lang)
    w2, c2 = time.perf_counter(), time.process_time()
    print(f"simulate 5 x {a.paths:,} paths: {w1 - w0:.1f} s wall, {c1 - c0:.1f} s CPU")
    print(f"export xlsx+pptx+html+png/svg: {w2 - w1:.1f} s wall, {c2 - c1:.1f} s CPU")
    print(f"total: {w2 - w0:.1f} s wall, {c2 - c0:.1f} s CPU")


if __name__ == "__main__":
    main()
