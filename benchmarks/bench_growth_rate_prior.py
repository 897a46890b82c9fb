"""How the default growth-rate law (data/growth_rate_prior.csv) scores on real yearly growth targets.

For every yearly row of type ``growth`` in an outcome base (``outcomes_yearly.csv``: the report's
target for its own year, base = the previous year's realised rate), the default law with no own
history gives P(met) = P(r_base + g + e >= target) (``<=`` for a ceiling), g ~ drift prior, e ~
N(0, shock_sd^2). Prints the hit rate, the mean P, and the Brier score against the constant
base rate. Not a test: a figure for the data README and the calibration work.

    python benchmarks/bench_growth_rate_prior.py [DATA_DIR] [--key gdp_growth]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from forecast.growth_rate import load_prior


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", default=str(Path(__file__).resolve().parents[1] / "data"))
    ap.add_argument("--key", default=None, help="indicator_key to keep (default: every growth row)")
    a = ap.parse_args()
    p = load_prior()
    d = pd.read_csv(Path(a.data_dir) / "outcomes_yearly.csv")
    g = d[(d["type"] == "growth") & (d["plan_kind"] == "yearly") & d["base_value"].notna()
          & (d["target_year"] - d["base_year"] == 1)]
    if a.key:
        g = g[g["indicator_key"] == a.key]
    met = g["met"].astype(str).str.lower().eq("true").to_numpy()
    sd = np.hypot(p.shock_sd, p.drift_scale)
    z = (g["target_value"] - g["base_value"] - p.drift_loc).to_numpy() / sd
    ceiling = g["comparator"].astype(str).str.startswith("<").to_numpy()
    prob = np.where(ceiling, stats.t.cdf(z, p.drift_df), stats.t.sf(z, p.drift_df))
    brier, base = np.mean((prob - met) ** 2), np.mean((met.mean() - met) ** 2)
    print(f"{len(g)} yearly growth targets{' (' + a.key + ')' if a.key else ''}: hit rate {met.mean():.3f}, "
          f"mean P {prob.mean():.3f}, Brier {brier:.4f} vs base rate {base:.4f}")


if __name__ == "__main__":
    main()
