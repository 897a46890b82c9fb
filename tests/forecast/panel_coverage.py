"""Coverage of the whole pipeline on the real panel (run from the repo root:
``python -m tests.forecast.panel_coverage``).

Every panel series with annual points for the history and the outcome: ``n`` points ending at
the origin (9 points 2010-2018, 5 points ending 2016-2018), the value five years later scored
by its PIT under ``update`` + ``simulate_law`` -- the same pipeline as the out-of-model table,
on real series instead of generated ones.  Caveats: the prior is fitted on this panel
(in-sample), and all outcomes fall in 2021-2023, one shared period, so the cross-sectional
coverage says little about the common (period) part of the drift variance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecast.baseline import simulate_law
from forecast.drift_update import update
from forecast.reference import load_reference
from forecast.typeprior import reference_fit

CASES = ((9, 2018), (5, 2018), (5, 2017), (5, 2016))
HORIZON = 5


def pits(draws: int = 1000, seed: int = 5) -> pd.DataFrame:
    """One row per (series, history length, origin): type and PIT of the outcome."""
    panel, rf, rng = load_reference(), reference_fit(), np.random.default_rng(seed)
    rows = []
    for sid, g in panel.groupby("series_id"):
        g = g.set_index("year").sort_index()
        kind = g["type"].iloc[0]
        for n, origin in CASES:
            years = list(range(origin - n + 1, origin + 1))
            if not all(y in g.index for y in years + [origin + HORIZON]):
                continue
            hist = g.loc[years, "value"].to_numpy(float)
            law = update(years, hist, rf[kind]).law(sid, origin, float(hist[-1]))
            x = simulate_law(law, [origin + HORIZON], draws, rng=rng)[:, 0]
            rows.append({"points": n, "type": kind, "pit": float(np.mean(x < g.loc[origin + HORIZON, "value"]))})
    return pd.DataFrame(rows)


def table(by: tuple[str, ...] = ("points",)) -> pd.DataFrame:
    """80/95 % coverage and mean PIT grouped by ``by``."""
    p = pits()
    return p.groupby(list(by))["pit"].agg(
        n="size", cover80=lambda s: float(np.mean(np.abs(s - 0.5) <= 0.4)),
        cover95=lambda s: float(np.mean(np.abs(s - 0.5) <= 0.475)), mean_pit="mean")


if __name__ == "__main__":
    fmt = lambda x: f"{x:.3f}"   # noqa: E731
    print(table().to_string(float_format=fmt))
    print(table(("points", "type")).to_string(float_format=fmt))
