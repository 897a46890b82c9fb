"""The held-out spread factor (:mod:`forecast.calibration.spread`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast.calibration import model, spread


def test_the_factor_is_the_ml_scale_of_t_residuals():
    z = 1.5 * np.random.default_rng(0).standard_t(model.DF, 20_000)
    assert np.exp(spread._log_scale(z)) == pytest.approx(1.5, rel=0.03)


def test_the_factor_never_narrows_the_law():
    z = 0.5 * np.random.default_rng(1).standard_t(model.DF, 5_000)
    assert spread._log_scale(z) == pytest.approx(0.0, abs=1e-4)
    assert spread._log_scale(np.array([])) == 0.0


def _rows(n_regions: int, per: int, region_sd: float, seed: int) -> pd.DataFrame:
    """Synthetic rows r = m + region effect + noise (sd 1 = s): a fit sees the noise, a held-out
    region also its region's effect."""
    rng = np.random.default_rng(seed)
    reg = np.repeat([f"r{i}" for i in range(n_regions)], per)
    eff = np.repeat(rng.normal(0, region_sd, n_regions), per)
    n = len(reg)
    m = np.zeros(n)
    r = m + eff + rng.standard_normal(n)
    need = m + rng.normal(0.0, 1.5, n)
    return pd.DataFrame({"region": reg, "type": "growth", "comparator": ">=", "need": need, "m": m, "s": 1.0,
                         "realised": r, "met": r >= need, "plan_kind": np.where(np.arange(n) % 2, "yearly", "five_year"),
                         "level": "province", "approx": False, "strive": False, "years": 5.0})


def test_out_of_fold_residuals_come_from_fits_without_their_fold():
    """Each row's residual is predicted by a fit on the other folds' regions only."""
    rows = _rows(10, 12, 0.5, seed=3)
    groups = ("ambition", "type")
    z = spread.out_of_fold_z(rows, groups, ("growth",))
    regions = sorted(rows["region"].unique())
    held = [r for i, r in enumerate(regions) if i % spread.FOLDS == 0]
    te = rows["region"].isin(held).to_numpy()
    tr = rows[~te]
    cal = model.fit(model.features(tr), tr["m"].to_numpy(), tr["realised"].to_numpy(), groups, types=("growth",),
                    met=tr["met"].to_numpy())
    mu, sig = cal.predict(model.features(rows[te]), rows.loc[te, "m"].to_numpy())
    np.testing.assert_allclose(z[te], (rows.loc[te, "realised"].to_numpy() - mu) / sig, rtol=1e-4, atol=1e-4)


def test_the_factor_reaches_the_law_of_its_plan_kind_only():
    """No structure beyond the fit's: the factor stays near 1; it multiplies sigma of its plan kind."""
    rows = _rows(40, 20, 0.0, seed=2)
    groups = ("ambition", "type")
    cal = model.fit(model.features(rows), rows["m"].to_numpy(), rows["realised"].to_numpy(), groups,
                    met=rows["met"].to_numpy())
    wide = spread.widen(cal, rows)
    f = {k: np.exp(wide.params[v]) for k, v in spread.PARAMS.items()}
    assert all(1.0 <= x <= 1.1 for x in f.values()), f
    X = model.features(rows)
    _, s0 = cal.predict(X, rows["m"].to_numpy())
    _, s1 = wide.predict(X, rows["m"].to_numpy())
    yearly = (rows["plan_kind"] == "yearly").to_numpy()
    np.testing.assert_allclose(s1[yearly] / s0[yearly], f["yearly"])
    np.testing.assert_allclose(s1[~yearly] / s0[~yearly], f["plan"])
