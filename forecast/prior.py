"""Pooled prior for the annual growth of an indicator with too little history of its own.

The plan documents give a handful of five-year growth figures (Guangdong skilled talent
+32 %, high-skill +56 %, professional-technical +43 %, high-level +19 %, 2015->2020;
Tianhe high-level roster +63.3 %; Tianhe GDP +54.8 %; Tianhe software revenue
"增长2.7倍").  Each is turned into an annual log-growth ``ln(1 + g) / years``.  The
prior for the *next* indicator's annual log-growth is the Student-t predictive of a
normal sample with unknown mean and variance (Gelman et al., *Bayesian Data Analysis*,
3rd ed., §3.2): location = sample mean, scale = sample sd × sqrt(1 + 1/n), n - 1 degrees
of freedom.  With five numbers that is t(4): wide tails on purpose.

Default exclusions (shown in the table with the reason, overridable with ``include=``):

* **GDP** — economic output grows with prices and productivity, not head-count; it is
  not a talent stock.
* **figures over fewer than five years** (e.g. R&D spending +1.0 % year on year) — not
  comparable with five-year averages, and spending is not a talent stock.
* **software revenue "增长2.7倍"** — ambiguous (×2.7, i.e. +170 %, or +270 %, i.e. ×3.7,
  differ by 0.064 a year in log-growth, about two prior sds) and a revenue, not a stock.

Ratios get their own priors, centred on zero drift (no evidence of direction):

* shares in % (logit scale): the one share movement the documents imply — Guangdong's
  high-skill share of skilled talent, 2020 share 33.4 % and +56 % vs +32 % growth, so
  2015 share = 33.4 × 1.32 / 1.56 = 28.3 %: logit change 0.239 over five years = 0.048 a
  year — is taken as one scale unit;
* rates per 10k (log scale): scale = root-mean-square annual log-growth of the included
  talent stocks (a rate = stock / population can move as fast as a talent stock does,
  in either direction).

Both share the stock prior's degrees of freedom (they rest on as few numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
from scipy import stats

#: Default year-to-year shock sd on the log scale when a history has < 3 points:
#: 2 % a year, roughly the residual scatter of a smooth provincial head-count series.
DEFAULT_SHOCK_SD_LOG = 0.02
#: Default shock sd on the logit scale (shares): 0.05, i.e. ~1 percentage point at a 30 % share.
DEFAULT_SHOCK_SD_LOGIT = 0.05
#: Pseudo-observations behind the shock-sd default when it is combined with residuals.
DEFAULT_SHOCK_DF = 2.0

# Inputs of the share-prior derivation (growth facts and the 2020 share from the documents).
SKILLED_GROWTH_PCT = 32.0
HIGH_SKILL_GROWTH_PCT = 56.0
HIGH_SKILL_SHARE_2020_PCT = 33.4


@dataclass(frozen=True)
class PooledPrior:
    """Student-t prior for annual growth on a working scale.

    Parameters
    ----------
    loc, scale, df : location, scale and degrees of freedom of the annual drift
        (log-growth per year for stocks/rates, logit change per year for shares).
    shock_sd : year-to-year shock sd used when a history cannot estimate one.
    shock_df : pseudo-observations behind ``shock_sd`` when combined with residuals.
    window_years : span of the growth facts behind ``scale`` (their averaging window).
    kind : "stock", "share" or "rate".
    table : the facts behind the numbers, with an ``included`` flag and ``reason``.
    note : one sentence on where the numbers came from.
    """

    loc: float
    scale: float
    df: float
    shock_sd: float = DEFAULT_SHOCK_SD_LOG
    shock_df: float = DEFAULT_SHOCK_DF
    window_years: float = 5.0
    kind: str = "stock"
    table: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    note: str = ""

    def __post_init__(self) -> None:
        if not (np.isfinite(self.loc) and self.scale > 0 and self.df > 0 and self.shock_sd >= 0):
            raise ValueError(f"PooledPrior needs finite loc, scale > 0, df > 0; got "
                             f"loc={self.loc}, scale={self.scale}, df={self.df}")

    @property
    def dist(self):
        """The frozen ``scipy.stats.t`` predictive of the annual drift."""
        return stats.t(self.df, loc=self.loc, scale=self.scale)

    def interval(self, level: float) -> tuple[float, float]:
        """Central predictive interval of the annual drift at ``level`` (e.g. 0.8)."""
        lo, hi = self.dist.interval(level)
        return float(lo), float(hi)

    def sample(self, n: int, *, rng: np.random.Generator) -> np.ndarray:
        """Draws of the annual drift; shape ``(n,)``."""
        return self.loc + self.scale * rng.standard_t(self.df, size=n)

    @classmethod
    def from_rates(
        cls,
        growth_pct: Iterable[float],
        years: Iterable[float] | float = 5.0,
        *,
        names: Iterable[str] | None = None,
        **kw,
    ) -> "PooledPrior":
        """Build a stock prior from a custom list of growth figures (``growth_pct`` = 32 for +32 %)."""
        g = np.asarray(list(growth_pct), dtype=float)
        yrs = np.broadcast_to(np.asarray(years, dtype=float), g.shape)
        names = list(names) if names is not None else [f"fact{i + 1}" for i in range(g.size)]
        table = pd.DataFrame({"id": names, "from_year": np.nan, "to_year": np.nan,
                              "years": yrs, "growth_pct": g, "source": "user-supplied"})
        return _from_table(table, exclude_auto=False, include=(), **kw)

    def __str__(self) -> str:
        lo80, hi80 = self.interval(0.8)
        lo95, hi95 = self.interval(0.95)
        pct = lambda x: f"{100 * np.expm1(x):+.1f} %/yr" if self.kind != "share" else f"{x:+.3f} logit/yr"
        lines = [
            f"Pooled prior ({self.kind}): annual drift ~ {self.loc:.4f} + {self.scale:.4f} × t({self.df:g})",
            f"  centre {pct(self.loc)}; 80 % [{pct(lo80)}, {pct(hi80)}]; 95 % [{pct(lo95)}, {pct(hi95)}]",
            f"  year-to-year shock sd when history is short: {self.shock_sd:g}",
        ]
        if self.note:
            lines.append(f"  {self.note}")
        if self.table is not None and len(self.table):
            lines.append("  Facts:")
            for _, r in self.table.iterrows():
                flag = "used    " if r.get("included", True) else "EXCLUDED"
                g = r.get("annual_log_growth", np.nan)
                span = ""
                if pd.notna(r.get("from_year")) and pd.notna(r.get("to_year")):
                    span = f" {int(r['from_year'])}->{int(r['to_year'])}"
                lines.append(f"   {flag} {r['id']}{span}: {r['growth_pct']:+.1f} % "
                             f"-> {g:.4f}/yr" + (f"  [{r['reason']}]" if r.get("reason") else "")
                             + (f"  source: {r['source']}" if r.get("source") else ""))
        return "\n".join(lines)


def _exclusion_reason(row: pd.Series) -> str:
    """Why a growth fact is left out of the default stock prior ('' when it is used)."""
    text = " ".join(str(row.get(c, "")) for c in ("id", "name_en")).lower()
    zh = " ".join(str(row.get(c, "")) for c in ("name_zh", "quote", "note"))
    if not np.isfinite(row.get("growth_pct", np.nan)):
        return "no numeric growth figure"
    span = float(row.get("to_year", np.nan)) - float(row.get("from_year", np.nan))
    if np.isfinite(span) and span < 5:
        return f"a {span:g}-year figure, not a five-year talent-stock growth"
    if "gdp" in text or "生产总值" in zh:
        return "GDP is economic output (prices x productivity), not a talent stock"
    if "software" in text or "软件" in zh or "倍" in zh:
        return "'增长2.7倍' is ambiguous (x2.7 or x3.7) and a revenue, not a talent stock"
    if "spending" in text or "revenue" in text:
        return "a money flow, not a talent stock"
    return ""


def _from_table(table: pd.DataFrame, *, exclude_auto: bool, include: Iterable[str], **kw) -> PooledPrior:
    t = table.copy()
    if "years" not in t:
        t["years"] = t["to_year"].astype(float) - t["from_year"].astype(float)
    if (t["years"] <= 0).any():
        raise ValueError("growth facts: to_year must be after from_year")
    t["annual_log_growth"] = np.log1p(t["growth_pct"].astype(float) / 100.0) / t["years"]
    include = set(include)
    reasons = [("" if (r["id"] in include or not exclude_auto) else _exclusion_reason(r))
               for _, r in t.iterrows()]
    t["reason"] = reasons
    t["included"] = t["reason"] == ""
    g = t.loc[t["included"], "annual_log_growth"].to_numpy()
    n = g.size
    if n < 2:
        raise ValueError(f"pooled prior needs at least 2 usable growth facts, got {n}")
    sd = float(np.std(g, ddof=1))
    note = (f"Student-t predictive from {n} five-year growth facts: mean {g.mean():.4f}, "
            f"sd {sd:.4f}, scale = sd*sqrt(1+1/{n}), df = {n - 1}")
    kw.setdefault("window_years", float(t.loc[t["included"], "years"].mean()))
    return PooledPrior(loc=float(g.mean()), scale=sd * np.sqrt(1 + 1 / n), df=float(n - 1),
                       table=t, note=note, **kw)


def pooled_prior(
    growth_facts: pd.DataFrame | None = None,
    *,
    include: Iterable[str] = (),
    data_dir: Path | str | None = None,
) -> PooledPrior:
    """Pooled Student-t prior of annual talent-stock log-growth from the documents' growth facts.

    Parameters
    ----------
    growth_facts : DataFrame with ``id, from_year, to_year, growth_pct`` (+ optional
        ``name_zh, name_en, source, quote``), ``growth_pct`` = 32 for +32 %.  Default:
        ``forecast.data.load_growth_facts(data_dir)``.
    include : ids to use even if the default rule excludes them (GDP, software "2.7倍").

    Returns
    -------
    PooledPrior with ``loc`` = mean annual log-growth, ``scale`` = sd × sqrt(1 + 1/n),
    ``df`` = n - 1 and ``table`` listing every fact, its annual rate and why it is (not) used.
    """
    if growth_facts is None:
        from forecast.data import load_growth_facts  # lazy: data layer may be absent

        growth_facts = load_growth_facts(data_dir)
    return _from_table(growth_facts, exclude_auto=True, include=include)


def share_prior(stock: PooledPrior) -> PooledPrior:
    """Prior of the annual logit change of a share in %: centred on 0, scale 0.048/yr (see module doc)."""
    s20 = HIGH_SKILL_SHARE_2020_PCT / 100
    s15 = s20 * (1 + SKILLED_GROWTH_PCT / 100) / (1 + HIGH_SKILL_GROWTH_PCT / 100)
    logit = lambda p: np.log(p / (1 - p))
    scale = float((logit(s20) - logit(s15)) / 5)
    note = (f"share prior: centred 0; scale {scale:.4f} logit/yr = Guangdong high-skill share "
            f"{100 * s15:.1f} % -> {100 * s20:.1f} % (2015->2020, from +{SKILLED_GROWTH_PCT:g} % skilled, "
            f"+{HIGH_SKILL_GROWTH_PCT:g} % high-skill) over 5 years; df from the stock prior")
    return PooledPrior(loc=0.0, scale=scale, df=stock.df, shock_sd=DEFAULT_SHOCK_SD_LOGIT,
                       shock_df=stock.shock_df, window_years=5.0, kind="share", note=note)


def rate_prior(stock: PooledPrior) -> PooledPrior:
    """Prior of the annual log change of a per-10k rate: centred on 0, scale = RMS stock growth."""
    if stock.table is not None and "included" in stock.table:
        g = stock.table.loc[stock.table["included"], "annual_log_growth"].to_numpy()
        rms = float(np.sqrt(np.mean(g ** 2)))
    else:
        rms = float(np.hypot(stock.loc, stock.scale))
    note = (f"rate prior: centred 0; scale {rms:.4f}/yr = root-mean-square annual log-growth of "
            "the talent-stock facts (a rate can move as fast as a stock, either way)")
    return PooledPrior(loc=0.0, scale=rms, df=stock.df, shock_sd=stock.shock_sd,
                       shock_df=stock.shock_df, window_years=stock.window_years, kind="rate", note=note)


def prior_for(unit: str, kind: str, stock: PooledPrior) -> PooledPrior:
    """Pick the prior for an indicator: shares (unit '%') -> logit prior, other ratios -> rate prior."""
    if str(unit).strip() == "%":
        return share_prior(stock)
    if str(kind) == "ratio":
        return rate_prior(stock)
    return stock


def leave_one_out(prior: PooledPrior, levels: tuple[float, ...] = (0.8, 0.95)) -> pd.DataFrame:
    """Leave-one-out check of the prior: refit on n-1 included facts, test the held-out one.

    Returns one row per included fact with its PIT value and whether it falls inside each
    central interval in ``levels`` (columns ``in_80``, ``in_95``).  With 4-6 facts this is a
    sanity check of the advertised coverage, not a test of it.
    """
    if prior.table is None:
        raise ValueError("leave_one_out needs a prior built from a table of facts")
    t = prior.table[prior.table["included"]]
    g = t["annual_log_growth"].to_numpy()
    rows = []
    for i in range(g.size):
        rest = np.delete(g, i)
        n = rest.size
        d = stats.t(n - 1, loc=rest.mean(), scale=np.std(rest, ddof=1) * np.sqrt(1 + 1 / n))
        pit = float(d.cdf(g[i]))
        row = {"id": t["id"].iloc[i], "annual_log_growth": g[i], "pit": pit}
        for lv in levels:
            row[f"in_{round(100 * lv)}"] = bool(abs(pit - 0.5) <= lv / 2)
        rows.append(row)
    return pd.DataFrame(rows)
