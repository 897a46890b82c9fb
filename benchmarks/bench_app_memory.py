"""Server memory of the app after many distinct lever values at 100,000 paths (issue 15).

Drives the real page with Streamlit's AppTest in this process (the process *is* the
server: caches live here), moves the funding slider through distinct values on the
overview and then on the compare view, and prints the resident set size (VmRSS) as it
goes. Goal: under 1 GB after 50 values (it was 405 MB -> 2.3 GB before the caches held
summaries instead of whole simulations).

    .venv/bin/python benchmarks/bench_app_memory.py [--values 50] [--paths 100000] [--views overview,compare]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

APP = str(Path(__file__).resolve().parents[1] / "app.py")
FUNDING = "lever_funding_cny_100m_per_year"


def rss_mb() -> float:
    """Resident set size of this process, MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--values", type=int, default=50)
    ap.add_argument("--paths", type=int, default=100_000)
    ap.add_argument("--views", default="overview,compare")
    args = ap.parse_args()

    from streamlit.testing.v1 import AppTest

    os.environ["TALENTSIM_SAVED_DIR"] = tempfile.mkdtemp(prefix="bench-saved-")
    print(f"paths={args.paths:,}  values={args.values}  start RSS {rss_mb():.0f} MB")
    for view in args.views.split(","):
        at = AppTest.from_file(APP, default_timeout=600)
        at.query_params["paths"] = str(args.paths)
        at.query_params["view"] = view
        at.run()
        assert not at.exception, at.exception
        print(f"[{view}] first page: RSS {rss_mb():.0f} MB")
        t0 = time.perf_counter()
        for i in range(args.values):
            value = round(0.1 + i * 9.8 / max(args.values - 1, 1), 2)  # distinct values across the range
            at.slider(key=FUNDING).set_value(value).run()
            assert not at.exception, at.exception
            if (i + 1) % 10 == 0 or i + 1 == args.values:
                print(f"[{view}] after {i + 1:3d} values: RSS {rss_mb():.0f} MB  ({time.perf_counter() - t0:.0f} s)")
    print(f"final RSS {rss_mb():.0f} MB (goal < 1024 MB)")


if __name__ == "__main__":
    main()
