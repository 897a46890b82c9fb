"""The new-plan view's "from a document" panel, without Streamlit: a document's bytes or pasted
text → a proposed table (one row per indicator, with its source sentence) → the ticked rows as
rows of the plan editor (``talentsim.app.newplan.COLUMNS``). Nothing reaches the plan unless the
planner ticks it.
"""

from __future__ import annotations

import pandas as pd

from forecast.extract import extract_text
from forecast.extract.mapping import to_region
from forecast.extract.read import MAX_TEXT_CHARS, ExtractError, read_bytes
from talentsim.app import newplan
from talentsim.app.upload import UPLOAD_LIMIT
from talentsim.messages import t

PROPOSAL_COLUMNS = ("use", "name_zh", "unit", "type", "base_year", "base_value", "target_year", "target_op",
                    "target_value", "confidence", "quote", "line")
MIN_TICKED = 0.75   #: rows with a target and at least this confidence start ticked


def document_text(data: bytes | None, pasted: str, name: str) -> str:
    """The text to read: the uploaded file's (within the page's upload limit), else the pasted text."""
    if data is not None:
        if len(data) > UPLOAD_LIMIT:
            raise ExtractError("doc_too_big", f"{name}: too big", mb=round(len(data) / 2**20, 1),
                               max=round(UPLOAD_LIMIT / 2**20))
        return read_bytes(data, name)
    text = (pasted or "").replace("\r\n", "\n")
    if not text.strip():
        raise ExtractError("doc_empty", f"{name}: empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractError("doc_too_long", f"{name}: too long", n=f"{len(text):,}", max=f"{MAX_TEXT_CHARS:,}")
    return text


def error_text(exc: ExtractError, name: str, lang: str) -> str:
    """The error in the page's language."""
    return t(f"extract_err:{exc.code}", lang, name=name, **exc.fields)


def propose(text: str, name: str = "document") -> tuple[pd.DataFrame, str]:
    """(proposed rows, reason when there are none). Base = the latest observed value, target = the
    latest target; rows whose target year the plan editor cannot take start unticked."""
    res = extract_text(text, name=name)
    if not res.candidates:
        return pd.DataFrame(columns=list(PROPOSAL_COLUMNS)), res.reason
    mapped = to_region(res.candidates, "doc", name)
    obs = mapped.observations
    rows = []
    for r in mapped.indicators.itertuples():
        mine = obs[(obs["id"] == r.id) & obs["preferred"]].sort_values("year") if len(obs) else obs
        base = mine.iloc[-1] if len(mine) else None
        has_target = r.target_status == "stated" and r.target_value != ""
        fits = has_target and newplan.MIN_YEAR < int(r.target_year) <= newplan.MAX_YEAR
        rows.append({"use": bool(fits and base is not None and r.confidence >= MIN_TICKED), "name_zh": r.name_zh,
                     "unit": r.unit,
                     "type": r.type, "base_year": int(base["year"]) if base is not None else None,
                     "base_value": _num(base["value"]) if base is not None else "",
                     "target_year": int(r.target_year) if has_target else None,
                     "target_op": r.target_op if has_target else ">=",
                     "target_value": _num(r.target_value) if has_target else "", "confidence": r.confidence,
                     "quote": r.quote, "line": int(r.line)})
    df = pd.DataFrame(rows, columns=list(PROPOSAL_COLUMNS))
    # one ticked row per (unit, base, target): a table row and the sentence repeating it are one indicator
    order = df.sort_values("confidence", ascending=False, kind="stable")
    again = order[order["use"]].duplicated(["unit", "base_value", "target_year", "target_value"])
    df.loc[again[again].index, "use"] = False
    if df.empty:
        return df, res.reason or "no row fits the indicator table (units, years)"
    return df.astype({"base_year": "Int64", "target_year": "Int64"}), ""


def _num(v) -> str:
    f = float(v)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def accept(plan: pd.DataFrame, proposal: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The plan with the ticked proposal rows added after the rows already used (spare rows dropped)."""
    ticked = proposal[proposal["use"].astype(bool)]
    used = newplan._filled(plan) if len(plan) else plan
    taken = set(used["key"].astype(str)) if len(used) else set()
    new, n = [], len(used)
    for r in ticked.itertuples():
        n += 1
        key = f"indicator_{n}"
        while key in taken:
            n += 1
            key = f"indicator_{n}"
        taken.add(key)
        new.append({"key": key, "name_zh": r.name_zh, "name_en": "", "unit": r.unit, "type": r.type,
                    "base_year": r.base_year, "base_value": r.base_value, "earlier": "",
                    "target_year": r.target_year, "target_op": r.target_op, "target_value": r.target_value,
                    "funded": False, "quote": r.quote})
    cols = list(newplan.COLUMNS)
    out = pd.concat([used.reindex(columns=cols), pd.DataFrame(new, columns=cols)], ignore_index=True)
    out = out.astype({c: object for c in out.columns if c not in ("base_year", "target_year", "funded")})
    out["base_year"] = pd.to_numeric(out["base_year"], errors="coerce").astype("Int64")
    out["target_year"] = pd.to_numeric(out["target_year"], errors="coerce").astype("Int64")
    return out.fillna({c: "" for c in cols if c not in ("base_year", "target_year", "funded")}), len(new)


__all__ = ["PROPOSAL_COLUMNS", "document_text", "error_text", "propose", "accept"]
