"""Tables the app shows, built from simulation results and formatted as the documents write.

Nothing here imports Streamlit, so every function is tested directly.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from talentsim.messages import fmt_pct, fmt_prob, fmt_target, fmt_value, t


def name_of(row, lang: str) -> str:
    """An indicator's name in ``lang``; the Chinese name when there is no English one."""
    en = row.get("name_en") if hasattr(row, "get") else None
    if lang == "en" and isinstance(en, str) and en:
        return en
    return str(row["name_zh"])


def history_points(observations: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Usable observations of one indicator (year, value, status, source, quote, note).

    Redacted rows and empty values are dropped; where two rows share a year the
    ``preferred`` one is kept. Derived values (e.g. 2015 from a stated growth rate) stay,
    marked ``status == "derived"``.
    """
    from forecast.targets import usable_history

    cols = ["year", "value", "status", "source", "quote", "note"]
    return usable_history(observations, indicator_id).reindex(columns=cols)


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


def compare_frame(cmp, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Targeted indicators with P(hit) per scenario and each difference from the first ± SE."""
    tab = cmp.table()
    names = cmp.names
    ref = names[0]
    rows = []
    for _, r in tab.iterrows():
        if not np.isfinite(r["target_value"]):
            continue
        row = {t("col_indicator", lang): name_of(r, lang),
               t("target_metric", lang): fmt_target(str(r["target_op"]), float(r["target_value"]), str(r["unit"]), lang)}
        for n in names:
            row[n] = float(r[f"p_hit[{n}]"])
        for n in names[1:]:
            row[t("col_diff", lang, ref=ref, name=n)] = (
                f"{fmt_pct(100 * r[f'diff[{n}]'], signed=True)} ± {fmt_pct(100 * r[f'diff_se[{n}]'])}")
        rows.append(row)
    return pd.DataFrame(rows), names


__all__ = ["name_of", "history_points", "overview_frame", "law_frame", "unique_name", "compare_frame"]
