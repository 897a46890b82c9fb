"""Reference class, type priors and the short-history update: closed forms and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecast.data import DataError
from forecast.reference import check_reference, episodes, load_reference
from forecast.typeprior import fit_reference
from forecast.drift_update import update

HEAD = "series_id,family,type,region,region_zh,level,year,value,unit,status,source,quote,note\n"


def _row(sid="s.a", fam="f", typ="people", region="a", year=2010, value=100.0, status="observed",
         source="src", quote="q"):
    return f"{sid},{fam},{typ},{region},{region},province,{year},{value},人,{status},{source},{quote},\n"


def test_bad_reference_rows_are_named_by_file_line_and_column(tmp_path):
    f = tmp_path / "reference_growth.csv"
    f.write_text(HEAD + _row() + _row(year=2011, source="") + _row(year=2012, value=0)
                 + _row(year=2012, value=5) + _row(year=2013, typ="stuff") + _row(year=2010, value=101),
                 encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_reference(tmp_path)
    text = str(err.value)
    assert "reference_growth.csv:3: source: empty" in text
    assert "reference_growth.csv:4: value: 0" in text and "log scale" in text
    assert "reference_growth.csv:6: type: unknown type 'stuff'" in text
    assert "reference_growth.csv:7: year: duplicated episode" in text


def test_data_check_reports_bad_reference_rows(tmp_path):
    import shutil

    from forecast.data import DATA_DIR, check_report

    for f in DATA_DIR.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "reference_growth.csv").write_text(HEAD + _row() + _row(year=2011, value=-3), encoding="utf-8")
    text, ok = check_report(tmp_path)
    assert not ok and "reference_growth.csv:3: value" in text


def _panel(rng, n_regions=30, families=("f1", "f2", "f3"), mu=0.06, tau=0.02, shock=0.03, years=range(2005, 2021)):
    rows = []
    for f in families:
        for r in range(n_regions):
            g = mu + tau * rng.standard_normal()
            z = np.log(100.0) + np.cumsum(g + shock * rng.standard_normal(len(years)))
            for y, v in zip(years, np.exp(z)):
                rows.append({"series_id": f"{f}.{r}", "family": f, "type": "people", "region": f"r{r}",
                             "level": "province", "year": y, "value": v, "status": "observed"})
    return pd.DataFrame(rows)


def test_fit_recovers_known_growth_of_a_simulated_panel():
    """Series with drift ~ N(0.06, 0.02^2) and shocks sd 0.03: the prior's centre, shock sd
    and persistent sd come back (persistent because each series keeps its drift)."""
    rf = fit_reference(_panel(np.random.default_rng(1)), growth_facts=pd.DataFrame(
        columns=["id", "region", "from_year", "to_year", "growth_pct"]), k=8)
    p = rf["people"]
    assert p.basis == "reference class"
    assert p.loc == pytest.approx(0.06, abs=0.006)
    assert p.shock_sd == pytest.approx(0.03, rel=0.15)
    assert p.persistent_sd == pytest.approx(0.02, abs=0.008)
    assert rf["rate"].basis == "borrowed prior" and "borrowed prior" in rf["rate"].note


def test_episodes_never_straddle_a_break():
    rows = [{"series_id": "s", "family": "f", "type": "people", "region": "a", "level": "province",
             "year": y, "value": 100.0 * 1.05 ** (y - 2010) * (1.35 if y >= 2018 else 1.0),
             "status": "break" if y == 2018 else "observed"} for y in range(2010, 2024)]
    e = episodes(pd.DataFrame(rows))
    assert set(e["start"]) == {2010, 2011, 2012, 2018}
    assert np.allclose(e["g"], np.log(1.05))


def test_shipped_priors_are_type_aware():
    from forecast.typeprior import reference_fit

    rf = reference_fit()
    locs = {t: p.loc for t, p in rf.priors.items()}
    assert len(set(np.round(list(locs.values()), 6))) == len(locs)      # no two types share one law
    assert rf["share"].loc > 0                                           # shares get the drift the data show
    assert rf["people"].n_episodes >= 200 and rf["people"].basis == "reference class"
    assert rf["other"].basis == "borrowed prior" and rf["rate"].basis == "borrowed prior"


def test_update_one_point_is_the_prior_and_matches_the_conjugate_formula():
    from forecast.typeprior import reference_fit

    prior = reference_fit()["people"]
    one = update([2020], [100.0], prior)
    from forecast.drift_update import prior_draws

    # the draws are centred on the prior's own loc (editable priors, issue 25 item 5)
    assert np.allclose(one.locs, prior_draws(prior)[0]) and one.weight == 0.0
    assert np.mean(one.locs) == pytest.approx(prior.loc)
    two = update([2015, 2020], [100.0, 150.0], prior)
    g = np.log(1.5) / 5
    mu, P, U = prior_draws(prior)
    w = P / (P + U + prior.shock_sd ** 2 / 5)
    assert np.allclose(two.locs, mu + w * (g - mu))
    assert np.allclose(two.scales, np.sqrt(P * (1 - w) + U))
    long = update(np.arange(2011, 2021), 100 * 1.5 ** (np.arange(10) / 9), prior)
    assert long.weight > two.weight > 0


def test_long_history_pools_its_noise_but_keeps_the_posterior_share_of_the_breaks():
    """>= 4 points: s^2 replaces the noise part (nu0 pseudo-df), the break variance keeps its
    gamma-Poisson share k / (k + rate T) -- closed form on a series with known residuals."""
    from dataclasses import replace as dc_replace

    from forecast.drift_update import SHOCK_PSEUDO_DF
    from forecast.typeprior import reference_fit

    base = reference_fit()["people"]
    prior = dc_replace(base, shock_sd=0.10, break_sd=0.06, break_rate=0.02, break_k=0.5)
    yrs = np.arange(2011, 2021)
    dz = 0.05 + 0.02 * np.array([1, -1] * 4 + [0])             # residuals around the whole-span slope
    z = np.concatenate([[0.0], np.cumsum(dz)])
    post = update(yrs, 100 * np.exp(z), prior)
    g_all = (z[-1] - z[0]) / 9
    s2 = np.sum((dz - g_all) ** 2) / 8
    noise2 = (SHOCK_PSEUDO_DF * (0.10 ** 2 - 0.06 ** 2) + 8 * s2) / (SHOCK_PSEUDO_DF + 8)
    share = 0.5 / (0.5 + 0.02 * 9)
    assert post.shock_sd == pytest.approx(np.sqrt(noise2 + share * 0.06 ** 2), rel=1e-12)
    # no breaks in the type: the old whole-shock pooling; three points: the type's shock untouched
    flat = update(yrs, 100 * np.exp(z), dc_replace(prior, break_sd=0.0))
    assert flat.shock_sd == pytest.approx(np.sqrt((SHOCK_PSEUDO_DF * 0.01 + 8 * s2) / (SHOCK_PSEUDO_DF + 8)))
    assert update(yrs[:3], 100 * np.exp(z[:3]), prior).shock_sd == 0.10


def test_tianhe_acceptance():
    """Patents per 10k already met at base: P >= 0.8; different types never share a law."""
    from scenarios.simulate import simulate
    from scenarios.spec import load_preset

    sim = simulate(load_preset("baseline"), paths=20_000)
    s = sim.summary().set_index("id")
    assert s.loc["tianhe.patents_per_10k", "p_hit"] >= 0.8
    assert s.loc["tianhe.patents_per_10k", "p_hit_lo"] <= s.loc["tianhe.patents_per_10k", "p_hit"] \
        <= s.loc["tianhe.patents_per_10k", "p_hit_hi"]
    laws = {l.indicator_id: l for l in sim.setup.laws}
    by_law = {}
    for i, l in laws.items():
        by_law.setdefault((l.drift_loc, l.drift_scale, l.shock_sd), set()).add(l.kind)
    assert all(len(kinds) == 1 for kinds in by_law.values())
    assert any(str(b).startswith("borrowed prior") for b in s["basis"])
    lo, hi = sim.p_all_range
    assert lo <= sim.p_all[0] <= hi and sim.expected_met_range[0] <= sim.expected_met <= sim.expected_met_range[1]


def test_regional_correlation_default_is_the_panel_estimate():
    from forecast.typeprior import regional_correlation
    from scenarios.levers import LEVERS

    c = regional_correlation()
    lv = LEVERS["regional_correlation"]
    assert abs(lv.default - c.estimate) <= lv.step / 2 and "Estimated" in lv.source
    lo, hi = c.range()
    assert 0 <= lo <= c.estimate <= hi <= 0.95


def test_reference_fit_read_back_from_the_disk_cache_is_the_same(tmp_path, monkeypatch):
    from forecast.typeprior import cached_reference, reference_fit

    monkeypatch.setenv("TALENTSIM_CACHE_DIR", str(tmp_path))
    cached_reference.cache_clear()
    fresh = reference_fit()
    assert list(tmp_path.glob("reference-*.json"))
    cached_reference.cache_clear()
    again = reference_fit()                       # from JSON: no episodes until asked
    assert again._episodes is None
    for t, p in fresh.priors.items():
        q = again[t]
        assert (q.loc, q.shock_sd, q.df, q.basis) == (p.loc, p.shock_sd, p.df, p.basis)
        assert (q.break_sd, q.break_rate, q.break_k) == (p.break_sd, p.break_rate, p.break_k)
        np.testing.assert_array_equal(q.draws, p.draws)
    assert again.correlation.estimate == fresh.correlation.estimate
    assert len(again.episodes) == len(fresh.episodes)
    cached_reference.cache_clear()
