"""Rolling-origin check of the growth-rate law on real yearly rates (not a test).

The realised yearly rates of each region in an outcome base (``outcomes_yearly.csv``: the
``outcome_value`` of every yearly row, by region and indicator_key) form histories. At every
origin T with at least 3 rates up to T, the law (``forecast.growth_rate``) is built from those
rates (``own-slope``) or from the last one only (``prior-only``), and predicts each realised rate
of T+1..T+5. Prints the coverage of the central 80 % interval, the bias (realised - median),
the mean absolute error and the tail shares of the PIT. Rows of kept-out regions
(``kept_out.csv`` in DATA_DIR, else the list of issue 25) are left out.

    python benchmarks/bench_growth_rate_law.py DATA_DIR [KEY ...]     # default KEY gdp_growth
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from forecast.baseline import simulate_law
from forecast.growth_rate import growth_rate_law, load_prior

#: issue 25's kept-out regions, used when DATA_DIR has no kept_out.csv
KEPT_OUT = {"zhejiang", "jiangsu", "shanghai", "yunnan", "hebei", "henan", "qinghai", "ningbo", "hangzhou",
            "dalian", "yinchuan", "nanchang", "yantai", "changsha", "dongguan", "xiamen", "zhengzhou", "xian"}


def rows(data_dir: Path, keys: list[str], seed: int = 1) -> pd.DataFrame:
    d = pd.read_csv(data_dir / "outcomes_yearly.csv")
    ko = data_dir / "kept_out.csv"
    kept = set(pd.read_csv(ko).query("what == 'all'")["region"]) if ko.exists() else KEPT_OUT
    d = d[d["indicator_key"].isin(keys) & ~d["region"].isin(kept) & d["outcome_value"].notna()]
    prior, rng, out = load_prior(), np.random.default_rng(seed), []
    for (region, key), g in d.groupby(["region", "indicator_key"]):
        s = g.groupby("outcome_year")["outcome_value"].mean().sort_index()
        for origin in s.index:
            hist, fut = s[s.index <= origin], [y for y in s.index if origin < y <= origin + 5]
            if len(hist) < 3 or not fut:
                continue
            for variant, h in (("own-slope", hist), ("prior-only", hist.iloc[-1:])):
                sims = simulate_law(growth_rate_law("x", h, prior), np.array(fut), 4000, rng=rng)
                for j, y in enumerate(fut):
                    out.append((variant, region, key, y - origin, s[y], float(np.median(sims[:, j])),
                                float((sims[:, j] < s[y]).mean())))
    return pd.DataFrame(out, columns=["variant", "region", "key", "h", "real", "median", "pit"])


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data"
    keys = sys.argv[2:] or ["gdp_growth"]
    a = rows(data_dir, keys)
    for v, g in a.groupby("variant"):
        cov = ((g["pit"] > 0.1) & (g["pit"] < 0.9)).mean()
        err = g["real"] - g["median"]
        print(f"{v:10s} {'+'.join(keys)}: {len(g)} predictions, {g['region'].nunique()} regions; 80 % interval "
              f"covers {cov:.2f}; bias {err.mean():+.2f} pp; MAE {err.abs().mean():.2f} pp; PIT < 0.1: "
              f"{(g['pit'] < 0.1).mean():.2f}, > 0.9: {(g['pit'] > 0.9).mean():.2f}")


if __name__ == "__main__":
    main()
