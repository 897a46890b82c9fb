"""Numbers that explain themselves: an indicator's growth law and its probability in words.

Reads what the model hands over (``forecast.law.GrowthLaw``: ``basis``, ``note``, the drift
and shock on the working scale) and says it in the page's language with sensible rounding;
it never refits the model. Nothing here imports Streamlit, so every function is tested directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import pandas as pd

from talentsim.messages import fmt_doc_value, t

if TYPE_CHECKING:
    from forecast.law import GrowthLaw
    from scenarios.setup import Setup

#: two-sided 80 % interval of a standard normal
_Z80 = 1.2815515655446004


def _q80(df: float) -> float:
    """The 90th percentile of the drift's standardised law (normal, or Student t with ``df``)."""
    if not np.isfinite(df):
        return _Z80
    from scipy.stats import t as student

    return float(student.ppf(0.9, df))


def _pct_year(law: Any, g: float) -> float:
    """A drift ``g`` on the working scale as growth in % a year (log), in points a year near the
    base value (logit), or in the value's own unit a year (identity)."""
    if law.scale == "log":
        return float(np.expm1(g) * 100)
    if law.scale == "logit":
        p = min(max(float(law.base_value) / 100, 1e-6), 1 - 1e-6)
        return float(100 * p * (1 - p) * g)
    return float(g)


def _amount(law: Any, x: float, lang: str, signed: bool = True) -> str:
    """'+6.5 %' / '+0.8 个百分点': a change rounded to what the model can tell."""
    digits = 1 if abs(x) < 100 else 0
    num = f"{x:+.{digits}f}" if signed else f"{abs(x):.{digits}f}"
    return f"{num} %" if law.scale == "log" else t("why_points", lang, x=num)


def _rate(law: Any, x: float, lang: str) -> str:
    """'每年 +6.5 %' / '+0.8 points a year': a yearly change."""
    return t("why_rate", lang, x=_amount(law, x, lang))


def law_rows(law: GrowthLaw, unit: str, lang: str) -> pd.DataFrame:
    """The growth law as (what, in words) rows: no field names, no eight-digit numbers."""
    k = _q80(law.drift_df)
    mid = _pct_year(law, law.drift_loc)
    lo, hi = _pct_year(law, law.drift_loc - k * law.drift_scale), _pct_year(law, law.drift_loc + k * law.drift_scale)
    shock = _pct_year(law, law.shock_sd) if law.scale != "log" else float(np.expm1(law.shock_sd) * 100)
    rows = [
        (t("why_base", lang), t("why_base_text", lang, year=law.base_year,
                                value=fmt_doc_value(law.base_value, unit, lang))),
        (t("why_growth", lang), t("why_growth_text", lang, mid=_rate(law, mid, lang), lo=_amount(law, lo, lang),
                                  hi=_amount(law, hi, lang))),
        (t("why_tails", lang), t("why_tails_normal", lang) if not np.isfinite(law.drift_df) or law.drift_df >= 20
         else t("why_tails_heavy", lang, df=f"{law.drift_df:.0f}")),
        (t("why_shock", lang), t("why_shock_text", lang, x=_amount(law, shock, lang, signed=False))),
        (t("why_basis", lang), basis_text(law, lang)),
    ]
    return pd.DataFrame(rows, columns=[t("why_what", lang), t("why_words", lang)])


def basis_parts(law: GrowthLaw) -> dict[str, Any]:
    """What the law rests on, read from its ``basis`` and ``note`` (the model's own words):
    own points used (0 = the type's prior alone), a borrowed prior, the target's ambition read
    as a signal, a calibration on real plan outcomes."""
    basis, note = str(law.basis or ""), str(law.note or "")
    text = f"{basis} {note}".lower()
    n = 0
    for words in (basis, note):
        for tok in ("history (", "updated with "):
            if tok in words:
                try:
                    n = int(words.split(tok, 1)[1].split()[0].strip("()"))
                except (ValueError, IndexError):
                    pass
    return {"points": n, "borrowed": "borrowed" in text, "target": "target" in text,
            "calibrated": "calibrat" in text or "outcome" in text}


def basis_text(law: GrowthLaw, lang: str) -> str:
    """What the growth rate rests on, in one sentence of ``lang``."""
    b = basis_parts(law)
    kind = t(f"type:{law.kind}", lang) if law.kind else t("type:other", lang)
    parts = [t("why_basis_own", lang, n=b["points"], kind=kind) if b["points"] > 1
             else t("why_basis_prior", lang, kind=kind)]
    if b["borrowed"]:
        parts.append(t("why_basis_borrowed", lang))
    if b["target"] or b["calibrated"]:
        parts.append(t("why_basis_target", lang) if b["target"] else t("why_basis_calibrated", lang))
    return t("why_join", lang).join(parts)


def history_text(hist: pd.DataFrame, unit: str, lang: str) -> str:
    """'2 个观测值（2015–2020）：… ' — the history the law used, in words."""
    if hist.empty:
        return t("why_history_none", lang)
    years = hist["year"].astype(int)
    last = hist.iloc[-1]
    if len(hist) == 1:
        return t("why_history_one", lang, year=int(years.iloc[0]), value=fmt_doc_value(float(last["value"]), unit, lang))
    return t("why_history_text", lang, n=len(hist), first=int(years.min()), last=int(years.max()),
             value=fmt_doc_value(float(last["value"]), unit, lang))


def contributions(p_now: float, p_without: float, alone: Mapping[str, float]) -> list[tuple[str, float]]:
    """Each lever's contribution to P: P with that lever alone (others at the region's own
    values) minus P without any; then the joint remainder ('together'), so the parts add up to
    ``p_now - p_without``. Keys of ``alone`` are lever keys; the remainder is ``"_together"``."""
    out = [(k, float(p) - p_without) for k, p in alone.items()]
    rest = (p_now - p_without) - sum(v for _, v in out)
    if out and abs(rest) >= 0.0005:
        out.append(("_together", rest))
    return out


def acting_levers(setup: Setup, indicator: str, levers: Sequence[str]) -> list[str]:
    """Of ``levers``, those that move ``indicator`` in this region (``scenarios.reach.moves``)."""
    from scenarios.reach import disabled_levers, lever_reach, moves

    off, reach = disabled_levers(setup), lever_reach(setup)   # the reach once, not once per lever
    return [k for k in levers if k not in off and (indicator in reach[k] if k in reach else moves(setup, k, indicator))]


__all__ = ["law_rows", "basis_parts", "basis_text", "history_text", "contributions", "acting_levers"]
