"""Reference class of real growth: growth episodes formed from ``data/reference_growth.csv``.

The file (read and checked by :mod:`forecast.data.reference`) is long format, one row per (series, year): ``series_id, family, type, region,
region_zh, level, year, value, unit, status, source, quote, note``.  ``status`` is
``observed`` or ``break`` — a ``break`` year's change from the previous year is a
change of definition or survey coverage (Guangdong's R&D FTE 2017 -> 2018), not growth,
so no episode may straddle it.

Growth is measured on the working scale the engine uses: log for every type except
``share`` (a value in % -> logit).  A *five-year episode* of a series is
``g = (z[t+5] - z[t]) / 5`` (mean annual growth) together with the five annual changes
inside it.  Overlapping windows (2010->15, 2011->16, ...) share four of their five years
and are not independent: the spread is computed on all windows (each is a real
five-year outcome), but every uncertainty statement built on them resamples whole
provinces (block bootstrap, :mod:`forecast.typeprior`), and the persistence of growth is
measured on *disjoint* consecutive windows (t->t+5 vs t+5->t+10).

The five documents' growth facts (``data/growth_facts.csv``) join as episodes of the
``people`` type (family ``plan_documents``), except the ones that are not talent stocks
(GDP, revenue, spending, figures over fewer than five years).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

# the file itself (where it is, its check) is the data layer's; kept importable from here
from forecast.data.reference import FILE, check_reference, load_reference, reference_path  # noqa: F401
from forecast.data.schema import TYPES   # the indicator types, one list for indicators.csv and this file

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

#: Episode length in years (a five-year plan).
WINDOW = 5


def working_scale(kind: str) -> str:
    """'logit' for shares in %, 'identity' for ``growth`` (the value is itself a growth rate
    in %), 'log' for every other type."""
    return "logit" if kind == "share" else "identity" if kind == "growth" else "log"


def to_working(values: ArrayLike, kind: str) -> np.ndarray:
    """Document unit -> working scale (log, logit of a % share, identity for a growth rate)."""
    v = np.asarray(values, dtype=float)
    if kind == "growth":
        return v
    if kind == "share":
        p = v / 100.0
        return np.log(p / (1.0 - p))
    return np.log(v)


def _series_episodes(g: pd.DataFrame) -> list[dict]:
    g = g.sort_values("year")
    yrs = g["year"].to_numpy()
    z = to_working(g["value"].to_numpy(), g["type"].iloc[0])
    brk = g["status"].to_numpy() == "break"
    pos = {int(y): i for i, y in enumerate(yrs)}
    out = []
    for i, y in enumerate(yrs):
        j = pos.get(int(y) + WINDOW)
        if j is None or j - i != WINDOW or brk[i + 1:j + 1].any():
            continue   # a gap year or a definition break inside the window
        ann = np.diff(z[i:j + 1])
        out.append({"start": int(y), "g": float((z[j] - z[i]) / WINDOW),
                    "shock_sd": float(np.std(ann, ddof=1))})
    return out


def episodes(panel: pd.DataFrame) -> pd.DataFrame:
    """All five-year episodes of a panel: one row per (series, start year).

    Columns: series_id, family, type, region, level, start, g (mean annual growth on the
    working scale), shock_sd (sd of the five annual changes inside the window: the
    year-to-year noise around the window's trend).
    """
    rows = []
    for sid, g in panel.groupby("series_id", sort=True):
        meta = g.iloc[0]
        for e in _series_episodes(g):
            rows.append({"series_id": sid, "family": meta["family"], "type": meta["type"],
                         "region": meta["region"], "level": meta.get("level", ""), **e})
    return pd.DataFrame(rows, columns=["series_id", "family", "type", "region", "level", "start", "g", "shock_sd"])


def _not_a_talent_stock(row: pd.Series) -> str:
    """Why a document growth fact is not a people episode ('' when it is one)."""
    text = " ".join(str(row.get(c, "")) for c in ("id", "name_en", "name_zh", "quote"))
    span = float(row["to_year"]) - float(row["from_year"])
    if span < WINDOW:
        return f"a {span:g}-year figure, not a five-year growth"
    for word, why in (("gdp", "GDP is output, not people"), ("生产总值", "GDP is output, not people"),
                      ("revenue", "a money flow"), ("spending", "a money flow"), ("倍", "ambiguous '倍' revenue figure")):
        if word in text.lower():
            return why
    return ""


def document_episodes(growth_facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The documents' talent-stock growth facts as ``people`` episodes (family plan_documents)."""
    if growth_facts is None:
        from forecast.data import load_growth_facts

        growth_facts = load_growth_facts()
    rows = []
    for _, r in growth_facts.iterrows():
        if not np.isfinite(r.get("growth_pct", np.nan)) or _not_a_talent_stock(r):
            continue
        span = float(r["to_year"]) - float(r["from_year"])
        region = str(r.get("region", ""))
        rows.append({"series_id": f"doc.{r['id']}", "family": "plan_documents", "type": "people",
                     "region": region, "level": "district" if region not in ("guangdong",) else "province",
                     "start": int(r["from_year"]), "g": float(np.log1p(r["growth_pct"] / 100.0) / span),
                     "shock_sd": np.nan})
    return pd.DataFrame(rows, columns=["series_id", "family", "type", "region", "level", "start", "g", "shock_sd"])


def annual_changes(panel: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year changes on the working scale: series_id, family, type, region, year, d.

    A change into a ``break`` year, or across a gap, is left out.
    """
    rows = []
    for sid, g in panel.groupby("series_id", sort=True):
        g = g.sort_values("year")
        z = to_working(g["value"].to_numpy(), g["type"].iloc[0])
        y = g["year"].to_numpy()
        ok = (np.diff(y) == 1) & (g["status"].to_numpy()[1:] != "break")
        meta = g.iloc[0]
        for yr, d in zip(y[1:][ok], np.diff(z)[ok]):
            rows.append({"series_id": sid, "family": meta["family"], "type": meta["type"],
                         "region": meta["region"], "year": int(yr), "d": float(d)})
    return pd.DataFrame(rows, columns=["series_id", "family", "type", "region", "year", "d"])


def break_rates(panel: pd.DataFrame) -> tuple[dict[str, tuple[float, float]], float]:
    """Re-basing breaks: per type (yearly rate, mean squared jump on the working scale), and
    their dispersion across series ``k``.

    Episodes leave breaks out, but reported figures do get re-based (survey coverage,
    definitions), so the growth law's yearly shock carries their variance: rate x E[jump^2].
    Breaks cluster in some series: counts per series are over-dispersed relative to Poisson,
    Var N = m + m^2 / k with m = rate x years observed (gamma-Poisson; k by the method of
    moments over all series, 1e6 when there is no over-dispersion).
    """
    out, counts = {}, []
    for kind, g in panel.groupby("type"):
        g = g.sort_values(["series_id", "year"])
        z = to_working(g["value"].to_numpy(), kind)
        sid = g["series_id"].to_numpy()
        same = (sid[1:] == sid[:-1]) & (np.diff(g["year"].to_numpy()) == 1)
        brk = (g["status"].to_numpy()[1:] == "break") & same
        d = np.diff(z)
        rate = float(brk.sum() / max(same.sum(), 1))
        out[kind] = (rate, float(np.mean(d[brk] ** 2)) if brk.any() else 0.0)
        per = pd.DataFrame({"s": sid[1:], "years": same, "n": brk}).groupby("s")[["years", "n"]].sum()
        counts.append(pd.DataFrame({"m": rate * per["years"], "n": per["n"]}))
    c = pd.concat(counts) if counts else pd.DataFrame({"m": [], "n": []})
    excess = float(((c["n"] - c["m"]) ** 2).sum() - c["m"].sum())
    k = float((c["m"] ** 2).sum() / excess) if excess > 0 else 1e6
    return out, float(min(k, 1e6))


__all__ = ["TYPES", "WINDOW", "working_scale", "to_working", "reference_path", "check_reference",
           "load_reference", "episodes", "document_episodes", "annual_changes", "break_rates"]
