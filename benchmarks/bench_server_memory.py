"""Server memory after many distinct uploads and many distinct links (issue 21).

Drives the real page with Streamlit's AppTest in this process (the process *is* the server:
its caches live here): first one page view (the start), then N distinct uploads (a small
region whose values differ each time, through the data view's uploader), then N distinct
links (each with another lever value and a hostile compare= list), and prints the resident
set size (VmRSS). Goal: the end within 300 MB of the start (the uploaded-setup cache once grew
about 2.5 MB per distinct upload with no bound).

    .venv/bin/python benchmarks/bench_server_memory.py [--uploads 100] [--links 100]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tables(i: int) -> tuple[bytes, bytes]:
    from tests.talentsim.app.conftest import to_csv, user_tables

    ind, obs = user_tables()
    obs[1][2] = str(20 + i * 0.01)              # a distinct dataset each time
    return to_csv(ind), to_csv(obs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uploads", type=int, default=100)
    ap.add_argument("--links", type=int, default=100)
    args = ap.parse_args()
    from streamlit.testing.v1 import AppTest

    os.environ["TALENTSIM_SAVED_DIR"] = tempfile.mkdtemp(prefix="bench-saved-")
    at = AppTest.from_file(APP, default_timeout=600)
    at.query_params["view"] = "data"
    at.run()
    start = rss_mb()
    print(f"start (one page view): RSS {start:.0f} MB")
    t0 = time.perf_counter()
    for i in range(args.uploads):
        ind, obs = tables(i)
        at.file_uploader(key="data_upload").set_value([("indicators.csv", ind, "text/csv"),
                                                      ("observations.csv", obs, "text/csv")]).run()
        assert not at.exception, at.exception
        if (i + 1) % 20 == 0:
            print(f"after {i + 1:3d} uploads: RSS {rss_mb():.0f} MB ({time.perf_counter() - t0:.0f} s)")
    for i in range(args.links):
        link = AppTest.from_file(APP, default_timeout=600)
        link.query_params.update({"funding_cny_100m_per_year": f"{0.5 + i * 0.05:.2f}", "lang": "en",
                                  "compare": "/".join(f"preset:nosuch{j}" for j in range(500))})
        link.run()
        assert not link.exception, link.exception
        if (i + 1) % 20 == 0:
            print(f"after {i + 1:3d} links: RSS {rss_mb():.0f} MB ({time.perf_counter() - t0:.0f} s)")
    end = rss_mb()
    print(f"end RSS {end:.0f} MB: {end - start:+.0f} MB over the start (goal within 300 MB)")


if __name__ == "__main__":
    main()
