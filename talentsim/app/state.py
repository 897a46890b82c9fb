"""Pure helpers behind the app's state: uploads, URL parameters, tables for display.

Nothing here imports Streamlit, so every function is tested directly. The app keeps
what these return in its session state.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

import numpy as np
import pandas as pd

from scenarios.levers import LEVERS
from talentsim.messages import fmt_prob, fmt_target, fmt_value, t

#: Largest upload accepted (all files together), in bytes.
UPLOAD_LIMIT = 2 * 1024 * 1024

#: Regions the app offers from the shipped data; ``liwan`` is the 555 programme.
REGIONS = ("tianhe", "guangdong", "liwan")
#: The region key used for a user's own uploaded data.
UPLOAD = "upload"

# --------------------------------------------------------------------------- uploads
@dataclass(frozen=True)
class UploadState:
    """A user's dataset that loaded, and the regions of it that can be simulated."""

    name: str                       # file name(s) as uploaded
    token: str                      # content hash: cache key
    dataset: Any                    # forecast.data.Dataset
    setups: dict = field(default_factory=dict)   # region -> scenarios.engine.Setup

    @property
    def regions(self) -> list[str]:
        return list(self.setups)


def _problem(file: str, message: str, line: Optional[int] = None, column: Optional[str] = None):
    from forecast.data import Problem

    return Problem(file, line, column, message)


def load_upload(files: Iterable[tuple[str, bytes]], previous: Optional[UploadState] = None, *,
                horizon: int = 2025, limit: int = UPLOAD_LIMIT
                ) -> tuple[Optional[UploadState], list]:
    """Read a user's region from uploaded files.

    Parameters
    ----------
    files : (file name, content) pairs: CSV files (UTF-8 or GBK) holding the
        ``indicators`` and ``observations`` tables (optionally ``programmes``,
        ``growth_facts``), or one ``.xlsx`` workbook with one sheet per table.
    previous : what was loaded before; returned unchanged when this upload fails.
    horizon : the target year the regions are set up for.
    limit : largest total size in bytes.
    Growth priors come from the shipped reference class (``forecast.typeprior``), so an
    upload needs no growth facts.

    Returns
    -------
    (state, problems)
        ``state`` is the new ``UploadState`` when there are no problems, else
        ``previous``; ``problems`` are ``forecast.data.Problem`` records (file, line,
        column, message), never exceptions.
    """
    from forecast.data import TABLES, DataError, dataset_from_tables, read_table
    from forecast.data.reader import headers, is_workbook, table_of

    files = [(str(n), bytes(b)) for n, b in files]
    if not files:
        return previous, [_problem("upload", "no file was uploaded")]
    total = sum(len(b) for _, b in files)
    if total > limit:
        return previous, [_problem(", ".join(n for n, _ in files),
                                   f"the upload is {total / 1024 / 1024:.1f} MB; the limit is "
                                   f"{limit / 1024 / 1024:.0f} MB. Remove unused rows or sheets and try again")]
    problems: list = []
    sources: dict[str, tuple[str, bytes]] = {}           # table -> (file name, bytes)
    xlsx = [(n, b) for n, b in files if is_workbook(b)]
    if xlsx and len(files) > 1:
        return previous, [_problem(", ".join(n for n, _ in files),
                                   "upload either one .xlsx workbook or CSV files, not both")]
    if xlsx:
        name, data = xlsx[0]
        sheets = headers(name, data)
        for key, tb in TABLES.items():
            present = any(set(tb.required) <= set(h) for h in sheets.values())
            if present or not tb.optional_file:
                sources[key] = (name, data)
    else:
        for name, data in files:
            key = table_of(name, data)
            if key is None:
                problems.append(_problem(name, "cannot tell which table this file holds; name it indicators.csv "
                                               "or observations.csv (or programmes.csv, growth_facts.csv), with "
                                               "the header row of the data/ layout"))
            elif key in sources:
                problems.append(_problem(name, f"a second file for the {key} table (first: {sources[key][0]})"))
            else:
                sources[key] = (name, data)
        if not problems:
            for key in ("indicators", "observations"):
                if key not in sources:
                    problems.append(_problem("upload", f"the {key} table is missing; expected a file with the "
                                                       f"columns {', '.join(TABLES[key].required)}"))
    frames: dict[str, pd.DataFrame] = {}
    for key, (name, data) in sources.items():
        try:
            frames[key] = read_table(data, key, name=name)
        except DataError as err:
            problems += err.problems
        except Exception as exc:  # noqa: BLE001 - a reader bug must still come back as a message
            problems.append(_problem(name, f"cannot read the {key} table: {exc.__class__.__name__}: {exc}"))
    if problems:
        return previous, problems
    # no growth facts in the upload: forecast falls back to the shipped documents' prior
    label = ", ".join(n for n, _ in files)
    try:
        ds = dataset_from_tables(frames, files={k: n for k, (n, _) in sources.items()}, source=label)
    except DataError as err:
        return previous, err.problems[:50]
    setups, region_problems = region_setups(ds, horizon, label)
    if not setups:
        return previous, region_problems or [_problem(label, "no region in the upload")]
    token = hashlib.sha256(b"".join(n.encode() + b"\0" + b for n, b in files)).hexdigest()[:16]
    return UploadState(label, token, ds, setups), []


def region_setups(ds: Any, horizon: int, label: str) -> tuple[dict, list]:
    """Calibrate every region of a dataset; regions that cannot be projected become problems."""
    from scenarios.baseline import setup_from_dataset

    setups, problems = {}, []
    for region in sorted(ds.indicators["region"].unique()):
        try:
            setups[region] = setup_from_dataset(ds, region, horizon)
        except Exception as exc:  # noqa: BLE001 - calibration failures are shown, never raised
            problems.append(_problem(label, f"region '{region}' cannot be simulated: {exc}"))
    return setups, problems


def problems_frame(problems: Iterable, lang: str = "zh") -> pd.DataFrame:
    """Problems as a table (file, line, column, message) for display."""
    rows = [{t("col_file", lang): p.file, t("col_line", lang): "" if p.line is None else str(p.line),
             t("col_column", lang): p.column or "", t("col_message", lang): p.message} for p in problems]
    return pd.DataFrame(rows, columns=[t(k, lang) for k in ("col_file", "col_line", "col_column", "col_message")])


# --------------------------------------------------------------------------- history for charts
def history_points(observations: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Usable observations of one indicator (year, value, status, source, quote, note).

    Redacted rows and empty values are dropped; where two rows share a year the
    ``preferred`` one is kept. Derived values (e.g. 2015 from a stated growth rate) stay,
    marked ``status == "derived"``.
    """
    from forecast.targets import usable_history

    cols = ["year", "value", "status", "source", "quote", "note"]
    return usable_history(observations, indicator_id).reindex(columns=cols)


# --------------------------------------------------------------------------- URL parameters
def lever_query(levers: Mapping[str, float]) -> dict[str, str]:
    """Lever values that differ from the ``LEVERS`` defaults, as URL parameters."""
    out = {}
    for key, lv in LEVERS.items():
        v = levers.get(key, lv.default)
        if v is None or math.isclose(float(v), float(lv.default), rel_tol=0, abs_tol=1e-12):
            continue
        out[key] = str(int(v)) if lv.integer else f"{float(v):g}"
    return out


def levers_from_query(params: Mapping[str, Any]) -> tuple[dict[str, float], list[tuple[str, str, str]]]:
    """Lever values found in URL parameters, validated against ``LEVERS``.

    Returns the values (only levers present in ``params``) and a list of
    ``(key, value, why)`` for parameters that were ignored.
    """
    values: dict[str, float] = {}
    bad: list[tuple[str, str, str]] = []
    for key, lv in LEVERS.items():
        if key not in params:
            continue
        raw = params[key]
        raw = raw[-1] if isinstance(raw, (list, tuple)) else raw
        try:
            x = float(str(raw).strip())
        except ValueError:
            bad.append((key, str(raw), "not a number"))
            continue
        if not math.isfinite(x) or not (lv.low <= x <= lv.high):
            bad.append((key, str(raw), f"outside [{lv.low:g}, {lv.high:g}] {lv.unit}"))
            continue
        values[key] = int(round(x)) if lv.integer else snap(x, lv)
    return values, bad


def snap(x: float, lv) -> float:
    """A value rounded to the lever's slider step (keeps slider and scenario in step)."""
    if lv.integer:
        return int(round(x))
    steps = round((x - lv.low) / lv.step)
    v = lv.low + steps * lv.step
    decimals = max(0, -int(math.floor(math.log10(lv.step)))) if lv.step < 1 else 0
    return float(min(max(round(v, decimals + 2), lv.low), lv.high))


# --------------------------------------------------------------------------- display tables
def key_indicators(summary: pd.DataFrame, indicators: pd.DataFrame, limit: int = 8) -> list[str]:
    """Indicators for the presentation: those with a target in the plan's first category
    (the plan's headline table lists them first), topped up with other targeted ones."""
    with_target = summary[summary["target_value"].notna()]["id"].tolist()
    if not with_target:
        return summary["id"].tolist()[:limit]
    cat = indicators.set_index("id")["category"] if "category" in indicators else pd.Series(dtype=object)
    first = cat.get(with_target[0])
    head = [i for i in with_target if cat.get(i) == first]
    rest = [i for i in with_target if i not in head]
    return (head + rest)[:limit] if len(head) < 3 else head[:limit]


def overview_frame(summary: pd.DataFrame, lang: str, target_year: int) -> pd.DataFrame:
    """Per-indicator rows for the overview table, numbers formatted as the documents write them."""
    name = "name_zh" if lang == "zh" else "name_en"
    rows = []
    for _, r in summary.iterrows():
        unit = str(r["unit"])
        has = bool(np.isfinite(r["target_value"])) if r["target_value"] is not None else False
        flag = t("flag_met_at_base", lang) if r.get("met_at_base") else ""
        rows.append({
            t("col_indicator", lang): str(r[name] if isinstance(r[name], str) and r[name] else r["name_zh"]),
            t("col_p", lang): fmt_prob(r["p_hit"], r["p_hit_se"]) if has else "–",
            t("col_target", lang, year=target_year): fmt_target(str(r["target_op"]), r["target_value"] if has else None,
                                                                unit, lang),
            t("col_median", lang): fmt_value(r["p50"], unit, lang),
            t("col_interval", lang): f"{fmt_value(r['p10'], unit, lang)} – {fmt_value(r['p90'], unit, lang)}",
            t("col_base", lang): f"{fmt_value(r['base_value'], unit, lang)} ({int(r['base_year'])})",
            t("col_flag", lang): flag,
            t("col_id", lang): str(r["id"]),
            t("col_p_num", lang): float(r["p_hit"]) if has else float("nan"),
        })
    return pd.DataFrame(rows)


def law_frame(law, lang: str) -> pd.DataFrame:
    """The growth law of one indicator as (field, value) rows."""
    def pct(x: float) -> str:
        v = float(np.expm1(x) * 100) if law.scale == "log" else float(x * 100)
        return t("law_pct_hint", lang, pct=f"{v:.2f} %" if law.scale == "log" else f"{v:.2f} logit-%")

    df = law.drift_df
    rows = [
        (t("law_model", lang), str(law.model)),
        (t("law_scale", lang), str(law.scale)),
        (t("law_base", lang), f"{law.base_year}: {law.base_value:g}"),
        (t("law_drift_loc", lang), f"{law.drift_loc:.4f}{pct(law.drift_loc)}"),
        (t("law_drift_scale", lang), f"{law.drift_scale:.4f}"),
        (t("law_drift_df", lang), "∞ (normal)" if not np.isfinite(df) else f"{df:g}"),
        (t("law_shock_sd", lang), f"{law.shock_sd:.4f}"),
        (t("law_note", lang), str(law.note or "")),
    ]
    return pd.DataFrame(rows, columns=[t("model_field", lang), t("model_value", lang)])


def unique_name(name: str, taken: Iterable[str], suffix: str) -> str:
    """``name``, or ``name + suffix`` (then numbered) when it collides with ``taken``."""
    taken = set(taken)
    if name not in taken:
        return name
    cand = f"{name}{suffix}"
    k = 2
    while cand in taken:
        cand = f"{name}{suffix} {k}"
        k += 1
    return cand


__all__ = ["UPLOAD_LIMIT", "REGIONS", "UPLOAD", "UploadState", "load_upload", "region_setups", "problems_frame",
           "history_points", "lever_query", "levers_from_query", "snap", "key_indicators", "overview_frame",
           "law_frame", "unique_name"]
