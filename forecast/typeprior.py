"""Type-aware priors of annual growth, fitted hierarchically on the reference class.

For each indicator type (people, share, rate, organisations, money, count, other) the
five-year episodes of :mod:`forecast.reference` are read as

    g = mu_type + a_family + p_series + u_window + (mean of five yearly shocks)

* ``mu_type`` — mean of the family means (each family counts once, however many
  provinces it has);
* ``a_family`` — between-family spread, method of moments: var(family means) minus
  their sampling variance, floored at 0 (a type with one family borrows the spread of
  the types that have several);
* ``p_series`` — the part of a series' drift that persists from one five-year window
  to the next: covariance of the residuals of *disjoint* consecutive windows;
* ``u_window`` — what is left of the drift spread: window-to-window change;
* shocks — year-to-year noise, sd from the annual changes inside the windows; its
  share (``shock_sd^2 / 5``) is removed from the episode spread because the growth law
  adds the shocks itself.  The law's shock also carries the variance of the re-basing
  breaks the panel flags (rate x mean squared jump): episodes skip them, reported
  figures do not.

A new indicator (new family, new district) thus gets drift ~ mu + scale * t(df) with
``scale^2 = a^2 + p^2 + u^2``; ``df`` is fitted on the standardised residuals of
disjoint windows (clamped to 3-30).  Hyperparameter uncertainty: ``draws`` holds K
replicates of (mu, persistent sd, window sd) from a block bootstrap that resamples whole
provinces (overlapping windows of one province stay together), with mu also moved by
its family-sampling error ``a / sqrt(#families)``.  The same resample gives a draw of
the regional correlation (:func:`regional_correlation`).

Types with fewer than ``MIN_EPISODES`` episodes borrow from donor types (``DONORS``):
location = mean of the donors' locations; spread^2 = mean donor spread^2 + variance of
the donors' locations (with one donor: + the variance of all type means), i.e. the
spread of a mixture over "which type is this like".  They are labelled "borrowed prior".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from forecast import store
from forecast.episode_moments import MIN_EPISODES, all_moments, correlation, fit_df, resample_regions
from forecast.reference import TYPES, break_rates, document_episodes, episodes, load_reference, reference_path

#: Where a type without enough data borrows from, and why (shown by ``fit --explain``).
DONORS: dict[str, tuple[tuple[str, ...], str]] = {
    "rate": (("people", "count", "share"),
             "a per-10k/1000 rate is a stock (people, patents) over a slowly moving population; "
             "R&D intensity is the other ratio the panel observes"),
    "organisations": (("count", "people"), "organisation counts grow like other counts and head-counts"),
    "money": (("people", "count"), "money flows grow like the stocks they pay for"),
    "count": (("people", "organisations"), "counts grow like head-counts and organisations"),
    "other": (("people", "money", "count", "organisations"), "no reference class: a mixture of all stocks"),
    "people": (("count", "money"), "head-counts grow like other stocks"),
    "share": (("people",), "a share moves like a small stock on the logit scale"),
}
#: Number of hyperparameter draws carried by every prior (the model range uses them).
K_DRAWS = 20
BOOT_SEED = 20240909


@dataclass(frozen=True)
class TypePrior:
    """Predictive law of a new indicator's annual drift for one type (working scale).

    ``persistent_sd`` is the part of the drift an indicator's own history can learn
    (it persists across windows), ``window_sd`` the part it cannot; ``shock_sd`` the
    yearly noise, of which ``break_sd`` is the re-basing breaks' share (``shock_sd^2 =
    noise^2 + break_sd^2``; ``break_rate`` breaks a year, dispersed across series with
    gamma shape ``break_k``, see :meth:`break_share`).
    ``draws`` (K, 3): bootstrap replicates of (loc, persistent_sd,
    window_sd).  ``basis`` is "reference class" or "borrowed prior".
    """

    kind: str
    loc: float
    persistent_sd: float
    window_sd: float
    shock_sd: float
    df: float
    draws: np.ndarray = field(repr=False)
    n_episodes: int = 0
    n_series: int = 0
    n_regions: int = 0
    families: tuple[str, ...] = ()
    basis: str = "reference class"
    note: str = ""
    break_sd: float = 0.0
    break_rate: float = 0.0
    break_k: float = 1e6

    def break_share(self, clean_years: float) -> float:
        """Share of the panel's break variance still expected after ``clean_years`` years with no
        break: the gamma-Poisson posterior mean of a series' break rate over the panel's,
        k / (k + rate * years) (breaks cluster in some series, so a clean record counts)."""
        return float(self.break_k / (self.break_k + self.break_rate * max(clean_years, 0.0)))

    @property
    def scale(self) -> float:
        """Sd-like scale of the drift of a new indicator (shocks excluded)."""
        return float(np.hypot(self.persistent_sd, self.window_sd))

    @property
    def scale_with_draws(self) -> float:
        """Scale including hyperparameter uncertainty: sqrt(mean scale_k^2 + var loc_k)."""
        d = self.draws
        return float(np.sqrt(np.mean(d[:, 1] ** 2 + d[:, 2] ** 2) + np.var(d[:, 0])))

    def interval(self, level: float) -> tuple[float, float]:
        """Central interval of the drift of a new indicator (t with the draws' scale)."""
        from scipy import stats   # here, not at import: a cached start needs no SciPy

        lo, hi = stats.t.interval(level, self.df, loc=self.loc, scale=self.scale_with_draws)
        return float(lo), float(hi)

    def pooled(self):
        """The same prior as a :class:`forecast.prior.PooledPrior` (for the model families)."""
        from forecast.prior import PooledPrior

        return PooledPrior(loc=self.loc, scale=self.scale_with_draws, df=self.df, shock_sd=self.shock_sd,
                           kind=self.kind, note=self.note)

    def describe(self) -> str:
        """One paragraph: reference class, episodes, drift, shocks, hyperparameter range."""
        pct = (lambda x: f"{x:+.3f} logit/yr") if self.kind == "share" else (lambda x: f"{100 * np.expm1(x):+.1f} %/yr")
        lo, hi = self.interval(0.8)
        q = np.quantile(self.draws[:, 0], [0.1, 0.9])
        src = (f"{self.n_episodes} five-year episodes from {self.n_series} series in {self.n_regions} regions "
               f"({', '.join(self.families)})" if self.basis == "reference class" else self.note)
        return "\n".join([
            f"Type prior '{self.kind}' ({self.basis}): {src}",
            f"  drift of a new indicator: centre {pct(self.loc)}, 80 % [{pct(lo)}, {pct(hi)}] (t, df {self.df:.0f})",
            f"  persistent sd {self.persistent_sd:.4f} (learnable from own history), window sd "
            f"{self.window_sd:.4f}, yearly shock sd {self.shock_sd:.4f}",
            f"  centre across {len(self.draws)} bootstrap draws (provinces resampled): 10-90 % [{pct(q[0])}, {pct(q[1])}]",
        ] + ([f"  {self.note}"] if self.note and self.basis == "reference class" else []))


def _borrow(kind: str, own: dict[str, dict]) -> dict | None:
    donors = [d for d in DONORS.get(kind, ((), ""))[0] if d in own]
    if not donors:
        donors = sorted(own)
    if not donors:
        return None
    locs = np.array([own[d]["loc"] for d in donors])
    extra = float(np.var(locs)) if len(donors) > 1 else float(np.var([m["loc"] for m in own.values()]))
    pers = float(np.mean([own[d]["pers2"] for d in donors])) + extra
    win = float(np.mean([own[d]["win2"] for d in donors]))
    widest = max(donors, key=lambda d: own[d]["shock_sd"] if np.isfinite(own[d]["shock_sd"]) else -1.0)
    return {"loc": float(locs.mean()), "pers2": pers, "win2": win, "tau_f2": np.nan,
            "shock_sd": float(own[widest]["shock_sd"]), "break_sd": float(own[widest].get("break_sd", 0.0)),
            "break_rate": float(own[widest].get("break_rate", 0.0)),
            "donors": tuple(donors), "extra_sd": float(np.sqrt(extra))}


@dataclass(frozen=True)
class ReferenceFit:
    """Every type's prior, the episodes behind them and the regional correlation.

    A fit read back from the disk cache carries no episodes; ``episodes`` then rebuilds
    them from ``source`` (the reference file) on first use.
    """

    priors: dict[str, TypePrior]
    _episodes: pd.DataFrame | None = field(repr=False, default=None)
    correlation: "RegionalCorrelation | None" = None
    source: str = ""

    @property
    def episodes(self) -> pd.DataFrame:
        if self._episodes is None:
            E = pd.concat([episodes(load_reference(Path(self.source).parent)), document_episodes()],
                          ignore_index=True)
            object.__setattr__(self, "_episodes", E)
        return self._episodes

    def __getitem__(self, kind: str) -> TypePrior:
        if kind not in self.priors:
            raise ValueError(f"unknown indicator type {kind!r}; expected one of {TYPES}")
        return self.priors[kind]


@dataclass(frozen=True)
class RegionalCorrelation:
    """Correlation of growth across indicator families within one province-window.

    ``estimate``: mean over family pairs of the correlation of their five-year episode
    residuals (growth minus the family mean) over shared (province, start) cells;
    ``draws``: the same on each province-bootstrap replicate.
    """

    estimate: float
    draws: np.ndarray = field(repr=False)
    n_pairs: int = 0
    n_cells: int = 0

    def range(self, lo: float = 0.1, hi: float = 0.9) -> tuple[float, float]:
        q = np.quantile(self.draws, [lo, hi])
        return float(q[0]), float(q[1])


def fit_reference(panel: pd.DataFrame, growth_facts: pd.DataFrame | None = None, *, k: int = K_DRAWS,
                  seed: int = BOOT_SEED) -> ReferenceFit:
    """Fit every type's prior (own data, else borrowed) with ``k`` bootstrap draws."""
    parts = [e for e in (episodes(panel), document_episodes(growth_facts)) if len(e)]
    E = pd.concat(parts, ignore_index=True) if parts else episodes(panel)
    E = E.astype({"g": float, "shock_sd": float, "start": int})
    if E.empty:
        raise ValueError("reference class: no five-year episode in the panel")
    base = all_moments(E)
    breaks, disp = break_rates(panel)
    for t, m in base.items():   # the law's yearly shock: within-window noise + re-basing breaks
        rate, ms = breaks.get(t, (0.0, 0.0))
        m["break_sd"], m["break_rate"] = float(np.sqrt(rate * ms)), rate
        m["shock_sd"] = float(np.hypot(m["shock_sd"], m["break_sd"]))
    rng = np.random.default_rng(seed)
    boot, rho_draws = [], []
    for _ in range(k):
        Eb = resample_regions(E, rng)
        mb = all_moments(Eb)
        for t, m in mb.items():
            nf = max(m["n_fam"], 1)
            tau = np.sqrt(m["tau_f2"] if np.isfinite(m["tau_f2"]) else 0.0)
            m["loc"] += float(rng.normal(0.0, tau / np.sqrt(nf))) if tau > 0 else 0.0
        boot.append(mb)
        rho_draws.append(correlation(Eb)[0])
    rho, npairs, ncells = correlation(E)
    df_by_type = {t: fit_df(g) for t, g in E.groupby("type") if t in base}
    priors = {}
    for t in TYPES:
        if t in base:
            m, basis = base[t], "reference class"
            draws = np.array([[b[t]["loc"], np.sqrt(b[t]["pers2"]), np.sqrt(b[t]["win2"])] if t in b
                              else [m["loc"], np.sqrt(m["pers2"]), np.sqrt(m["win2"])] for b in boot])
            g = E[E["type"] == t]
            note = ("between-family spread borrowed from the types with several families (one family here); "
                    if m["n_fam"] < 2 else "") + (f"yearly shock includes re-basing breaks (sd {m['break_sd']:.3f}: "
                                                   f"{100 * breaks[t][0]:.1f} % of years, rms jump "
                                                   f"{np.sqrt(breaks[t][1]):.2f})")
            priors[t] = TypePrior(t, m["loc"], float(np.sqrt(m["pers2"])), float(np.sqrt(m["win2"])),
                                  m["shock_sd"], df_by_type[t], draws, len(g), g["series_id"].nunique(),
                                  g["region"].nunique(), tuple(sorted(g["family"].unique())), basis, note,
                                  m["break_sd"], m["break_rate"], disp)
        else:
            m = _borrow(t, base)
            if m is None:
                continue
            rows = []
            for b in boot:
                mb = _borrow(t, {d: b.get(d, base[d]) for d in base}) or m
                rows.append([mb["loc"], np.sqrt(mb["pers2"]), np.sqrt(mb["win2"])])
            why = DONORS.get(t, ((), ""))[1]
            note = (f"borrowed prior: no or too few ({len(E[E['type'] == t])} < {MIN_EPISODES}) episodes of this "
                    f"type; mean of {', '.join(m['donors'])} ({why}); spread widened by {m['extra_sd']:.3f}/yr "
                    "(sd of the donors' centres) for not knowing which it resembles")
            priors[t] = TypePrior(t, m["loc"], float(np.sqrt(m["pers2"])), float(np.sqrt(m["win2"])),
                                  m["shock_sd"], min(df_by_type[d] for d in m["donors"]), np.array(rows),
                                  0, 0, 0, m["donors"], "borrowed prior", note, m["break_sd"], m["break_rate"], disp)
    return ReferenceFit(priors, E, RegionalCorrelation(rho, np.array(rho_draws), npairs, ncells))


def _ref_to_json(rf: ReferenceFit) -> dict:
    """The priors and the correlation as JSON (the episodes are rebuilt from the file on first use)."""
    pri = {t: {**{f: getattr(p, f) for f in ("kind", "loc", "persistent_sd", "window_sd", "shock_sd", "df",
                                             "n_episodes", "n_series", "n_regions", "basis", "note",
                                             "break_sd", "break_rate", "break_k")},
               "families": list(p.families), "draws": p.draws.tolist()} for t, p in rf.priors.items()}
    c = rf.correlation
    return {"priors": pri, "rho": {"estimate": c.estimate, "draws": c.draws.tolist(), "n_pairs": c.n_pairs,
                                   "n_cells": c.n_cells}}


def _ref_from_json(j: dict, source: str) -> ReferenceFit:
    """The fit :func:`_ref_to_json` stored."""
    pri = {t: TypePrior(**{**d, "families": tuple(d["families"]), "draws": np.asarray(d["draws"], dtype=float)})
           for t, d in j["priors"].items()}
    r = j["rho"]
    return ReferenceFit(pri, None, RegionalCorrelation(r["estimate"], np.asarray(r["draws"], float), r["n_pairs"],
                                                       r["n_cells"]), source)


@lru_cache(maxsize=4)
def cached_reference(path: str, key: str) -> ReferenceFit:
    """:func:`fit_reference` of the reference file at ``path``, fitted once per content ``key``
    (see :func:`reference_fit`) and kept in :mod:`forecast.store` as JSON: the priors and the
    correlation, not the episodes (rebuilt on first use)."""
    name = f"reference-{key}.json"
    j = store.read(name)
    if isinstance(j, dict) and j.get("key") == key:
        try:
            return _ref_from_json(j, path)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    rf = fit_reference(load_reference(Path(path).parent))
    rf = ReferenceFit(rf.priors, rf._episodes, rf.correlation, path)
    store.write(name, {"key": key, **_ref_to_json(rf)})
    return rf


def reference_fit(data_dir: Path | str | None = None) -> ReferenceFit:
    """The fitted reference class for ``data_dir`` (shipped file if it has none); cached in
    memory and on disk, keyed by the reference file's and growth facts' bytes and the code."""
    from forecast.data import DATA_DIR

    p = reference_path(data_dir)
    h = hashlib.sha256(f"{store.code_hash()} K{K_DRAWS} seed{BOOT_SEED}".encode())
    for f in (p, Path(DATA_DIR) / "growth_facts.csv"):
        h.update(f.read_bytes() if f.exists() else b"missing")
    return cached_reference(str(p), h.hexdigest()[:32])


def type_prior(kind: str, data_dir: Path | str | None = None) -> TypePrior:
    """The prior of one indicator type (``ValueError`` for an unknown type)."""
    return reference_fit(data_dir)[kind]


def regional_correlation(data_dir: Path | str | None = None) -> RegionalCorrelation:
    """The regional correlation estimated from the panel, with its bootstrap draws."""
    return reference_fit(data_dir).correlation


__all__ = ["TypePrior", "ReferenceFit", "RegionalCorrelation", "fit_reference", "reference_fit", "type_prior",
           "regional_correlation", "DONORS", "MIN_EPISODES", "K_DRAWS", "replace"]
