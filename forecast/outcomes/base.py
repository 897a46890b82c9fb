"""The outcome base: real plan targets with their base, target and outcome, in one frame.

Sources (all in the data folder): the sibling tables ``outcomes_*.csv`` (schema in
``data/README.md``: one row per target, ``row_id, region, level, plan_kind, indicator_key,
type, per_year, base_year, base_value, target_year, target_value, comparator, approx,
strive, outcome_year, outcome_value, met`` ...) and the older ``outcomes.csv`` (its own
schema, mapped here: ``plan_id`` -> ``row_id``, a key slugged from the English name, plan
kind from the horizon). Rows of the kept-out regions (``data/kept_out.csv``) are flagged
``kept_out`` and never fitted or scored on.

Derived per row: ``years`` (target_year - base_year), ``need`` (the growth per year the
target requires on the type's working scale: log for stocks, logit for shares, identity
for a growth rate), ``realised`` (the same for the outcome), and ``history``: the points of
the same region and indicator known AT the row's origin — the base and outcome values of
*other* rows dated no later than this row's base year (never later: no leakage).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from forecast.reference import to_working

#: Columns of the sibling tables (in order) that the loader needs.
COLUMNS: tuple[str, ...] = ("row_id", "region", "region_zh", "level", "plan_kind", "indicator", "indicator_key",
                            "type", "unit", "per_year", "base_year", "base_value", "target_year", "target_value",
                            "comparator", "approx", "strive", "outcome_year", "outcome_value", "met")
NUMERIC = ("base_year", "base_value", "target_year", "target_value", "outcome_year", "outcome_value")
FLAGS = ("per_year", "approx", "strive", "met")
#: Types of the outcome base -> the reference type whose prior they use (``growth`` has its own).
PRIOR_TYPE = {"total": "other", "count": "count"}
#: Printed R&D-intensity names (R&D spending over GDP), for mapping outcomes.csv rows to a key.
_RD = (("R&D", "研发", "研究与试验发展", "研究与开发"), ("GDP", "生产总值"))


def _data_dir(data_dir: Path | str | None) -> Path:
    from forecast.data import DATA_DIR

    return Path(data_dir) if data_dir is not None else Path(DATA_DIR)


def _flag(s: pd.Series) -> pd.Series:
    return s.astype(str).str.strip().str.lower().isin(("true", "1", "yes"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_") or "unknown"


def _legacy(path: Path) -> pd.DataFrame:
    """``outcomes.csv`` (older schema) mapped into the outcome-base columns."""
    d = pd.read_csv(path)
    key = d["indicator_en"].map(_slug)
    rd = d["indicator"].astype(str).map(lambda n: any(w in n for w in _RD[0])
                                        and any(w in n for w in _RD[1] + ("投入强度",)))
    key = key.where(~(rd & d["type"].eq("share")), "rd_intensity")
    years = pd.to_numeric(d["target_year"], errors="coerce") - pd.to_numeric(d["base_year"], errors="coerce")
    quote = d["quote_target"].fillna("").astype(str)
    return pd.DataFrame({
        "row_id": d["plan_id"] + "." + key, "region": d["region"], "region_zh": "", "level": d["level"],
        "plan_kind": np.where(years.fillna(5) <= 1, "yearly", "five_year"), "indicator": d["indicator"],
        "indicator_key": key, "type": d["type"], "unit": d["unit"], "per_year": False,
        **{c: d[c] for c in NUMERIC}, "comparator": d["comparator"], "approx": d["approx"],
        "strive": quote.str.contains("力争|争取"), "met": d["met"], "source_table": path.name})


def _sibling(path: Path) -> pd.DataFrame:
    d = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in d.columns]
    if missing:
        raise ValueError(f"{path.name}: missing columns {missing}")
    return d[list(COLUMNS)].assign(source_table=path.name)


def kept_out(data_dir: Path | str | None = None) -> pd.DataFrame:
    """``kept_out.csv``: regions (``what`` = all) and region-indicator pairs never fitted or scored on."""
    p = _data_dir(data_dir) / "kept_out.csv"
    if not p.exists():
        from forecast.data import DATA_DIR

        p = Path(DATA_DIR) / "kept_out.csv"
    return pd.read_csv(p) if p.exists() else pd.DataFrame(columns=["region", "what", "note"])


def _history(df: pd.DataFrame) -> list[tuple[tuple[int, float], ...]]:
    """Per row: (year, value) points of the same region+indicator_key from other rows, dated
    no later than the row's base year (base points and outcome points), plus its own base."""
    pts = pd.concat([df[["region", "indicator_key", "base_year", "base_value"]].set_axis(
                         ["region", "indicator_key", "year", "value"], axis=1),
                     df[["region", "indicator_key", "outcome_year", "outcome_value"]].set_axis(
                         ["region", "indicator_key", "year", "value"], axis=1)]).dropna()
    pts = pts.groupby(["region", "indicator_key", "year"], as_index=False)["value"].mean()
    groups = {k: g for k, g in pts.groupby(["region", "indicator_key"])}
    out = []
    for r in df.itertuples():
        g = groups.get((r.region, r.indicator_key))
        by = r.base_year
        if g is None or not np.isfinite(by):
            out.append(())
            continue
        h = g[(g["year"] < by)]
        own = ((int(by), float(r.base_value)),) if np.isfinite(r.base_value) else ()
        out.append(tuple((int(y), float(v)) for y, v in zip(h["year"], h["value"])) + own)
    return out


def _fill_base(df: pd.DataFrame) -> pd.DataFrame:
    """A row without a printed base takes it from another row's outcome of the same region and
    indicator one period earlier (the year before a yearly target; five years before a
    five-year one) — a value known at the origin. ``base_from`` says which."""
    period = np.where(df["plan_kind"].eq("yearly"), 1, 5)
    by = df["base_year"].where(df["base_year"].notna(), df["target_year"] - period)
    known = df.dropna(subset=["outcome_value"]).groupby(["region", "indicator_key", "outcome_year"])["outcome_value"]
    lookup = known.mean().to_dict()
    fill = [lookup.get((r, k, y), np.nan) for r, k, y in zip(df["region"], df["indicator_key"], by)]
    miss = df["base_value"].isna().to_numpy()
    df["base_from"] = np.where(miss & np.isfinite(fill), "previous outcome", np.where(miss, "", "printed"))
    df["base_value"] = np.where(miss, fill, df["base_value"])
    df["base_year"] = np.where(miss & np.isfinite(fill), by, df["base_year"])
    return df


def _derive(df: pd.DataFrame) -> pd.DataFrame:
    df = _fill_base(df)
    df["years"] = df["target_year"] - df["base_year"]
    kind = df["type"].map(lambda t: PRIOR_TYPE.get(t, t))
    with np.errstate(divide="ignore", invalid="ignore"):
        z0 = np.array([float(to_working(v, k)) if np.isfinite(v) else np.nan for v, k in zip(df["base_value"], kind)])
        zt = np.array([float(to_working(v, k)) for v, k in zip(df["target_value"], kind)])
        zo = np.array([float(to_working(v, k)) for v, k in zip(df["outcome_value"], kind)])
        df["need"] = (zt - z0) / df["years"]
        df["realised"] = (zo - z0) / (df["outcome_year"] - df["base_year"])
    df["history"] = _history(df)
    return df


def load_outcome_base(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Every outcome row (``outcomes.csv`` mapped + ``outcomes_*.csv``), typed, with ``years``,
    ``need``, ``realised``, ``history`` (points known at the origin), ``kept_out`` and
    ``scoreable`` (base, target and outcome present, target after base, value on the scale)."""
    root = _data_dir(data_dir)
    parts = [_legacy(root / "outcomes.csv")] if (root / "outcomes.csv").exists() else []
    parts += [_sibling(p) for p in sorted(root.glob("outcomes_*.csv"))]
    if not parts:
        raise FileNotFoundError(f"no outcomes.csv or outcomes_*.csv in {root}")
    df = pd.concat(parts, ignore_index=True)
    for c in NUMERIC:
        df[c] = pd.to_numeric(df[c], errors="coerce")
    for c in FLAGS:
        df[c] = _flag(df[c])
    for c in ("region", "level", "plan_kind", "type", "comparator", "indicator_key"):
        df[c] = df[c].astype(str).str.strip()
    ko = kept_out(root)
    whole = set(ko.loc[ko["what"] == "all", "region"])
    pairs = set(zip(ko.loc[ko["what"] != "all", "region"], ko.loc[ko["what"] != "all", "what"]))
    df["kept_out"] = df["region"].isin(whole).to_numpy() | np.array([(r, k) in pairs for r, k in zip(df["region"], df["indicator_key"])], dtype=bool)
    df = _derive(df)
    ok = df[["base_value", "need", "realised"]].apply(np.isfinite).all(axis=1) & (df["years"] > 0) \
        & (df["outcome_year"] > df["base_year"]) & df["comparator"].isin([">=", ">", "<=", "<", "="])
    df["scoreable"] = ok.to_numpy()
    return df


__all__ = ["load_outcome_base", "kept_out", "COLUMNS", "PRIOR_TYPE"]
