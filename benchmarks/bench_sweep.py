"""Time a sweep of >= 1,000 cells at 20,000 paths: serially and on local Dask workers.

Run by hand (figures go in the issue note, not in tests):

    .venv/bin/python benchmarks/bench_sweep.py [--grid scenarios/sweeps/provinces.yaml] [--paths 20000] [--workers 2]

Prints, for the serial run and for a LocalCluster of ``--workers`` processes: cells, wall
time of the cell phase (after data loading and fitting, which is timed separately),
cells per second, the scaling efficiency (parallel rate / (workers x serial rate)), the
peak resident memory of each process that ran cells, and whether the two tables are
identical. Then the on-paper estimate for counties x scenarios x a 10 x 10 lever grid.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

import pandas as pd

from talentsim.sweep_run import SERIAL, Cluster, sweep

ROOT = Path(__file__).resolve().parents[1]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024      # Linux: KiB


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", default=str(ROOT / "scenarios" / "sweeps" / "provinces.yaml"))
    ap.add_argument("--paths", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--counties", type=int, default=2_844)
    ap.add_argument("--cluster-workers", type=int, default=64)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores (shared: other jobs may run at the same time)")

    t = time.perf_counter()
    ser = sweep(args.grid, cluster=SERIAL, paths=args.paths)
    cell_s = ser.seconds - ser.prepare_seconds
    rate1 = ser.computed / cell_s
    print(f"serial:    {ser.computed:,} cells x {args.paths:,} paths; prepare {ser.prepare_seconds:.1f} s, "
          f"cells {cell_s:.1f} s -> {rate1:.1f} cells/s; peak RSS {_peak_rss_mb():.0f} MB "
          f"(total {time.perf_counter() - t:.1f} s)")

    import distributed

    with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", memory_limit="2GiB") as cluster, \
            distributed.Client(cluster) as client:
        t = time.perf_counter()
        par = sweep(args.grid, cluster=Cluster(client=client), paths=args.paths)
        peaks = client.run(_peak_rss_mb)
    cell_p = par.seconds - par.prepare_seconds
    rate_n = par.computed / cell_p
    eff = rate_n / (args.workers * rate1)
    print(f"{args.workers} workers: prepare {par.prepare_seconds:.1f} s (on the workers), cells {cell_p:.1f} s -> "
          f"{rate_n:.1f} cells/s; scaling efficiency {eff:.0%}; end to end {ser.seconds / par.seconds:.2f}x; "
          f"peak RSS per worker {', '.join(f'{v:.0f}' for v in peaks.values())} MB (memory_limit 2 GiB)")
    same = par.table.equals(ser.table) and pd.util.hash_pandas_object(par.table).equals(
        pd.util.hash_pandas_object(ser.table))
    print(f"tables identical (serial vs {args.workers} workers): {same}")

    # On paper: counties x 10 scenarios x 10 x 10 lever grid on a cluster, at the measured serial rate
    # per core (cells of the same size: 2 indicators, 20,000 paths) and this run's efficiency.
    cells = args.counties * 10 * 100
    prep_per_region = ser.prepare_seconds / max(1, ser.table["region"].nunique())
    w = args.cluster_workers
    t_cells = cells / (rate1 * w * eff)
    t_prep = args.counties * prep_per_region / w
    print(f"estimate: {args.counties:,} counties x 10 scenarios x 10x10 levers = {cells:,} cells on {w} workers: "
          f"cells {t_cells / 60:.0f} min + fitting {t_prep / 60:.1f} min ~= {(t_cells + t_prep) / 60:.0f} min "
          f"(at {rate1:.1f} cells/s per worker x {eff:.0%} efficiency; {prep_per_region:.2f} s fitting per region)")


if __name__ == "__main__":
    main()
