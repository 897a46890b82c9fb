"""Time the scenario engine, 2020 -> 2025, against the floor of drawing normals alone.

Run by hand (figures go in the issue note, not in tests):

    .venv/bin/python benchmarks/bench_engine.py [--region tianhe] [--repeats 5]

Prints, per path count (antithetic pairs, the engine's default): median wall time, path·indicator·years per second, peak traced
memory (tracemalloc: numpy's allocations), the time numpy needs to draw as many
standard normals as the engine consumes, and the ratio of the two; then the path count
and time at which every probability's standard error is at most 0.005, with plain
Monte Carlo and with antithetic pairs; and a lever move on a prepared run (the page's path).
Simulations use the default threads (``RunOptions.threads``: the machine's cores, at most 4);
``--cli-paths`` times what ``talentsim simulate --paths N`` computes (simulate, then the
summary table it prints) in one thread and with the default threads, against the same floor.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import numpy as np

from scenarios.baseline import region_setup
from scenarios.threads import run_threads
from scenarios.simulate import simulate
from scenarios.spec import load_preset


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--region", default="tianhe")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--paths", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--cli-paths", type=int, default=200_000, help="paths of the CLI line (0: skip it)")
    args = ap.parse_args()

    sc = load_preset("plan").model_copy(update={"region": args.region})
    t0 = time.perf_counter()
    setup = region_setup(sc.region, sc.horizon, sc.data_dir)
    print(f"calibration (once, cached): {time.perf_counter() - t0:.2f} s; "
          f"{len(setup.ids)} indicators x {len(setup.years) - 1} simulated years")
    k, T = len(setup.ids), len(setup.years)
    normals_per_path = k + 1 + T * (k + 1) + 1  # growth, regional growth, shocks, cost
    print(f"{'paths':>10} {'median s':>9} {'Mpath·ind·yr/s':>15} {'peak MB':>8} {'floor s':>8} {'ratio':>6}")
    for n in args.paths:
        reps = args.repeats if n < 1_000_000 else max(3, args.repeats // 2)
        simulate(sc, paths=min(n, 10_000), setup=setup)  # warm-up
        t = _median_time(lambda: simulate(sc, paths=n, setup=setup), reps)
        tracemalloc.start()
        simulate(sc, paths=n, setup=setup)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rng = np.random.default_rng(0)
        floor = _median_time(lambda: rng.standard_normal(n * normals_per_path), reps)
        print(f"{n:>10,} {t:>9.3f} {n * k * (T - 1) / t / 1e6:>15.1f} {peak:>8.0f} {floor:>8.3f} {t / floor:>6.2f}")

    if args.cli_paths:
        n = args.cli_paths
        rng = np.random.default_rng(0)
        floor = _median_time(lambda: rng.standard_normal(n * normals_per_path), args.repeats)
        for threads in (1, None):
            t = _median_time(lambda: simulate(sc, paths=n, setup=setup, threads=threads).summary(), args.repeats)
            print(f"CLI simulate --paths {n:,} (simulate + summary), threads={threads or run_threads()}: "
                  f"{t:.3f} s = {t / floor:.2f}x the floor ({floor:.3f} s)")

    # a lever move in the page: the draws and baseline prepared once (scenarios.prepared), then
    # only the levers applied; the same numbers as a full simulate()
    from scenarios.prepared import prepare

    for n in (20_000, 100_000):
        moved = sc.with_levers(funding_cny_100m_per_year=3.0)
        t_prep = _median_time(lambda: prepare(sc, paths=n, setup=setup), args.repeats)
        pre = prepare(sc, paths=n, setup=setup)
        t_full = _median_time(lambda: simulate(moved, paths=n, setup=setup), args.repeats)
        t_move = _median_time(lambda: simulate(moved, paths=n, setup=setup, prepared=pre), args.repeats)
        print(f"{n:>10,} paths: full simulate {t_full:.3f} s; prepare once {t_prep:.3f} s; lever move on it {t_move:.3f} s")

    # accuracy per second: paths (and time) until every probability's SE <= 0.005,
    # plain Monte Carlo against antithetic pairs (the default)
    for anti in (False, True):
        pilot = simulate(sc, paths=20_000, setup=setup, antithetic=anti)
        need = int(np.ceil(20_000 * (np.nanmax(pilot.p_hit_se) / 0.005) ** 2))
        need += need % 2
        t = _median_time(lambda: simulate(sc, paths=need, setup=setup, antithetic=anti), args.repeats)
        sim = simulate(sc, paths=need, setup=setup, antithetic=anti)
        label = "antithetic" if anti else "plain     "
        print(f"{label}: every SE <= 0.005 with {need:,} paths (max SE {np.nanmax(sim.p_hit_se):.4f}) "
              f"in {t:.3f} s (median)")


if __name__ == "__main__":
    main()
