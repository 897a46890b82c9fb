"""Time and memory to refuse an inflating workbook (issue 15).

Builds, in memory, an .xlsx of about 1 MB whose sheet XML inflates to 400 MB (the issue's
example: 1.1 MB -> 392 MB, more than 300 s and 2.2 GB on the server), hands it to the
reader the app's upload and the CLI use, and prints the wall time and the growth of the
process's peak resident memory until the DataError. Goal: under 2 s and under 200 MB.
Also times a CSV with 100,000 extra columns and one with 20,000 duplicate rows.

    .venv/bin/python benchmarks/bench_upload_bounds.py [--mb 400]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forecast.data import DataError, read_table  # noqa: E402
from tests.data.hostile_files import inflating  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def refuse(label: str, data: bytes, table: str, name: str) -> None:
    """Refuse ``data`` in a fresh child process, so building the file does not hide its peak."""
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix, delete=False) as fh:
        fh.write(data)
    out = subprocess.run([sys.executable, __file__, "--child", fh.name, table, name], capture_output=True, text=True)
    os.unlink(fh.name)
    print(f"{label}: {len(data) / 1e6:.2f} MB file, {out.stdout.strip() or out.stderr[-300:]}")


def child(path: str, table: str, name: str) -> None:
    data = Path(path).read_bytes()
    before, t0 = peak_mb(), time.perf_counter()
    try:
        read_table(data, table, name=name)
        outcome = "ACCEPTED (not refused)"
    except DataError as exc:
        outcome = f"refused: {str(exc).splitlines()[1].strip()[:110]}"
    dt = time.perf_counter() - t0
    print(f"{dt:.2f} s, peak RSS +{peak_mb() - before:.0f} MB (process peak {peak_mb():.0f} MB)\n    {outcome}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        return child(*sys.argv[2:5])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=400, help="uncompressed size of the sheet XML")
    args = ap.parse_args()
    header = ["id", "year", "value", "status", "source", "quote"]
    bomb = inflating(header, args.mb)
    refuse(f"xlsx inflating to {args.mb} MB", bomb, "observations", "bomb.xlsx")
    wide = (",".join(header + [f"x{i}" for i in range(100_000)]) + "\n" + "a,2020,1,observed,s,q\n").encode()
    refuse("CSV with 100,000 extra columns", wide, "observations", "wide.csv")
    dup = ("\n".join([",".join(header)] + ["tianhe.x,2020,1,observed,s,q"] * 20_000) + "\n").encode()
    refuse("CSV with 20,000 duplicate (id, year) rows", dup, "observations", "dup.csv")


if __name__ == "__main__":
    main()
