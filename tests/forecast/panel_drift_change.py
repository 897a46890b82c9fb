"""Does a change of growth inside a long history say anything about the next five years? (run
from the repo root: ``python -m tests.forecast.panel_drift_change``).

Panel series complete and break-free 2010-2023: growth of the earlier window (2010-13), of the
latest (2013-18) and of the next five years (2018-23), each centred by its family's mean.
(1) Regress the next window on the latest and on the change (latest - earlier), errors
clustered by province: a carried-over acceleration or deceleration has a positive change
coefficient.  (2) Spearman correlations with the squared error of the next window: of the
squared change as the history shows it (``raw``) and centred by family, of the history's own
noise (variance of its annual changes 2010-18, which the update already pools), and the
centred change's partial correlation given that noise.  A series whose growth visibly changed
would have larger errors *beyond* its noise if instability were a series trait.  Both checks
are the evidence behind *not* letting a history's drift change move the location or the
spread of the update (docs/probabilities.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecast.reference import load_reference, to_working

YEARS = (2010, 2013, 2018, 2023)


def windows() -> pd.DataFrame:
    """One row per series: type, family, region and the three window growths (centred)."""
    rows = []
    for sid, g in load_reference().groupby("series_id"):
        g = g.set_index("year").sort_index()
        span = range(YEARS[0], YEARS[-1] + 1)
        if not all(y in g.index for y in span) or (g.loc[YEARS[0] + 1:, "status"] == "break").any():
            continue
        z = to_working(g.loc[list(YEARS), "value"].to_numpy(float), g["type"].iloc[0])
        hist = to_working(g.loc[YEARS[0]:YEARS[2], "value"].to_numpy(float), g["type"].iloc[0])
        rows.append({"type": g["type"].iloc[0], "family": g["family"].iloc[0], "region": g["region"].iloc[0],
                     "early": (z[1] - z[0]) / 3, "latest": (z[2] - z[1]) / 5, "next": (z[3] - z[2]) / 5,
                     "noise": float(np.var(np.diff(hist), ddof=1))})
    d = pd.DataFrame(rows)
    d["raw_change"] = d["latest"] - d["early"]
    for c in ("early", "latest", "next"):
        d[c] -= d.groupby("family")[c].transform("mean")
    return d.assign(change=d["latest"] - d["early"])


def _partial_spearman(x: np.ndarray, y: np.ndarray, given: np.ndarray) -> float:
    """Rank correlation of x and y after a linear fit of each rank on the rank of ``given``."""
    from scipy import stats

    rx, ry, rg = (stats.rankdata(a) for a in (x, y, given))
    ex = rx - np.polyval(np.polyfit(rg, rx, 1), rg)
    ey = ry - np.polyval(np.polyfit(rg, ry, 1), rg)
    return float(np.corrcoef(ex, ey)[0, 1])


def summary() -> pd.DataFrame:
    """Per type and overall: n, change coefficient and its clustered se, the Spearman rhos."""
    import statsmodels.formula.api as smf
    from scipy import stats

    d, out = windows(), []
    for kind, g in [("all", d), *d.groupby("type")]:
        if len(g) < 30:
            continue
        m = smf.ols("next ~ latest + change", g).fit(cov_type="cluster",
                                                     cov_kwds={"groups": pd.factorize(g["region"])[0]})
        err = g["next"] - m.params["latest"] * g["latest"]
        rho = lambda a: float(stats.spearmanr(a, err ** 2).statistic)   # noqa: E731
        out.append({"type": kind, "n": len(g), "change_coef": m.params["change"], "se": m.bse["change"],
                    "rho_raw_change": rho(g["raw_change"] ** 2), "rho_centred_change": rho(g["change"] ** 2),
                    "rho_noise": rho(g["noise"]),
                    "rho_centred_given_noise": _partial_spearman(g["change"] ** 2, err ** 2, g["noise"])})
    return pd.DataFrame(out)


if __name__ == "__main__":
    print(summary().to_string(index=False, float_format=lambda x: f"{x:.3f}"))
