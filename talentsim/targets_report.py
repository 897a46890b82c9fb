"""Target-setting tables for people: the CLI's text, the page's table and the CSV/Excel export,
in one language at a time (``talentsim.messages``). The numbers come from
``scenarios.targets.targets_table``; nothing here computes."""

from __future__ import annotations

import io
import math
from typing import Sequence

import pandas as pd

from talentsim.messages import fmt_prob, fmt_target, fmt_value, t, unit_text

PROB_COLUMNS = ("t50", "t80", "t90")


def _probs(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if c.startswith("t") and c[1:].isdigit()]


def name_of(r: pd.Series, lang: str) -> str:
    """The indicator's name in ``lang``, with '(average 2026–2030)' for a 年均 target."""
    name = str(r["name_en"]) if lang == "en" and isinstance(r.get("name_en"), str) and r["name_en"] else str(r["name_zh"])
    if bool(r.get("average")) and math.isfinite(float(r.get("period_start", float("nan")))):
        avg = t("tgt_average", lang, start=int(r["period_start"]), end=int(r["target_year"]))
        name += f"（{avg}）" if lang == "zh" else f" ({avg})"
    return name


def _hit_rate(r: pd.Series, lang: str) -> str:
    if not r["n_similar"]:
        return t("tgt_no_peers", lang)
    if not r["n_at_least"]:
        return "–"
    met = int(round(r["hit_rate_at_least"] * r["n_at_least"]))
    return t("tgt_hit_rate_value", lang, rate=fmt_prob(r["hit_rate_at_least"], digits=0), met=met, n=int(r["n_at_least"]))


def _headers(df: pd.DataFrame, lang: str) -> dict[str, str]:
    h = {"name": t("tgt_col_indicator", lang), "unit": t("tgt_col_unit", lang), "target_year": t("tgt_col_year", lang),
         "base_value": t("tgt_col_base", lang), "stated_target": t("tgt_col_stated", lang),
         "p_stated": t("tgt_col_p_stated", lang), "proposed": t("tgt_col_proposed", lang),
         "p_proposed": t("tgt_col_p_proposed", lang), "ambition_pct": t("tgt_col_ambition", lang),
         "hit_rate_at_least": t("tgt_col_hit_rate", lang), "n_similar": t("tgt_col_n", lang)}
    return h | {c: t("tgt_col_t", lang, p=c[1:]) for c in _probs(df)}


def display_frame(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Text cells as the page and the CLI show them, headers in ``lang``."""
    rows = []
    for _, r in df.iterrows():
        unit, op = str(r["unit"]), str(r["target_op"])
        stated = fmt_target(op, r["stated_target"], unit, lang)
        if math.isfinite(r.get("range_low", math.nan)):      # a range: stated as printed, rated on its edge
            stated = fmt_value(r["range_low"], unit, lang, sig=4).split(" ")[0] + "–" + fmt_value(
                r["range_high"], unit, lang, sig=4)
            op = ">=" if r["direction"] == "floor" else "<="
        rows.append({
            "name": name_of(r, lang), "target_year": str(int(r["target_year"])),
            "base_value": fmt_value(r["base_value"], unit, lang, sig=4) + f" ({int(r['base_year'])})",
            "stated_target": stated, "p_stated": fmt_prob(r["p_stated"]),
            **{c: fmt_target(op, r[c], unit, lang) if math.isfinite(r[c]) else "–" for c in _probs(df)},
            "proposed": fmt_target(op, r["proposed"], unit, lang), "p_proposed": fmt_prob(r["p_proposed"]),
            "ambition_pct": "–" if not math.isfinite(r["ambition_pct"]) else f"{r['ambition_pct']:.0f}",
            "hit_rate_at_least": _hit_rate(r, lang),
        })
    out = pd.DataFrame(rows)
    return out.rename(columns=_headers(df, lang))


def export_frame(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Numbers (not text) with headers in ``lang``: what the CSV and Excel downloads hold."""
    out = df.assign(name=[name_of(r, lang) for _, r in df.iterrows()], unit=[unit_text(str(u), lang) for u in df["unit"]])
    cols = ["name", "unit", "target_year", "base_value", "stated_target", "p_stated", *_probs(df), "proposed",
            "p_proposed", "ambition_pct", "hit_rate_at_least", "n_similar"]
    return out[cols].rename(columns=_headers(df, lang))


def targets_csv(df: pd.DataFrame, lang: str) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel opens Chinese text right)."""
    return export_frame(df, lang).to_csv(index=False).encode("utf-8-sig")


def targets_xlsx(df: pd.DataFrame, lang: str) -> bytes:
    """One-sheet workbook of :func:`export_frame`."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        export_frame(df, lang).to_excel(xw, sheet_name=t("tgt_sheet", lang)[:31], index=False)
    return buf.getvalue()


def targets_text(df: pd.DataFrame, lang: str, *, region: str, scenario: str, paths: int,
                 columns: Sequence[str] | None = None) -> str:
    """The CLI's table: a title line and the display frame."""
    shown = display_frame(df, lang)
    if columns is not None:
        shown = shown[list(columns)]
    title = t("tgt_cli_title", lang, region=region, scenario=scenario, paths=f"{paths:,}")
    return title + "\n" + shown.to_string(index=False)


__all__ = ["display_frame", "export_frame", "targets_csv", "targets_xlsx", "targets_text", "name_of"]
