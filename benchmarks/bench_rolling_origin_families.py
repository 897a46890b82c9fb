"""Measurement behind dropping the model families from the default path.

    .venv/bin/python benchmarks/bench_rolling_origin_families.py

60 provincial panel series with 14 clean years; at history lengths 5, 7, 9 the value five
years after the last point is forecast by (a) the type-prior update's median and (b) the
model family ``forecast.fit`` chooses; RMSE of the log (logit) error.  When written:
update 0.263 / 0.277 / 0.262, families 0.398 / 0.392 / 0.355.  A family that cannot be fitted
on a history counts as missing (NaN, reported in ``n_family``), never as the previous series'
choice.  Caveat: the series are part of the reference class the prior is fitted on (a mild
in-sample advantage).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from forecast.calibrate import fit
from forecast.drift_update import update
from forecast.reference import load_reference, to_working
from forecast.typeprior import reference_fit


def main() -> pd.DataFrame:
    warnings.filterwarnings("ignore")
    rf, panel = reference_fit(), load_reference()
    rng = np.random.default_rng(0)
    clean = panel.groupby("series_id").filter(lambda g: len(g) == 14 and (g.status == "observed").all())
    res = []
    for sid in rng.choice(clean["series_id"].unique(), 60, replace=False):
        g = panel[panel.series_id == sid].sort_values("year")
        kind, y, v = g.type.iloc[0], g.year.to_numpy(), g.value.to_numpy()
        for n in (5, 7, 9):
            hy, hv, zt = y[:n], v[:n], to_working(v[n - 1 + 5], kind)
            post = update(hy, hv, rf[kind])
            pu = to_working(hv[-1], kind) + 5 * post.loc
            try:
                cal = fit(pd.Series(hv, index=hy), prior=rf[kind].pooled(), share=kind == "share")
                pf, chosen = to_working(cal.predict([hy[-1] + 5])[0], kind), cal.chosen
            except (ValueError, np.linalg.LinAlgError, RuntimeError):
                pf, chosen = np.nan, "(none fitted)"
            res.append(dict(n=n, kind=kind, err_update=zt - pu, err_family=zt - pf, chosen=chosen))
    r = pd.DataFrame(res)
    rmse = lambda e: float(np.sqrt(np.nanmean(np.asarray(e) ** 2)))  # noqa: E731
    table = r.groupby("n").agg(rmse_update=("err_update", rmse), rmse_family=("err_family", rmse),
                               n_rows=("err_update", "size"), n_family=("err_family", "count"))
    print(table)
    print(r.chosen.value_counts())
    return table


if __name__ == "__main__":
    main()
