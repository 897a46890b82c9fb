"""A self-contained HTML report of a comparison: tables plus charts as base64 PNG.

No external JS, CSS or fonts: the charts are PNG images (rendered with the CJK font, so
Chinese shows whatever fonts the reader has) and the style sheet is inline. Every text
that can come from a user (scenario names, descriptions, indicator names, quotes) passes
through ``html.escape``.
"""

from __future__ import annotations

import base64
import html
from datetime import date
from typing import Any, Iterable, Optional

import numpy as np

from scenarios.compare import Comparison
from talentsim.indicators import KEY_INDICATORS
from talentsim.export import images, tables
from talentsim.export.tables import header as H
from talentsim.messages import t

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1200px;color:#222;padding:0 1em}
h1{color:#1f3a5f}h2{color:#1f3a5f;border-bottom:1px solid #ccd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:14px}th,td{border:1px solid #ccd;padding:3px 8px;vertical-align:top}
th{background:#dde6f3;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.g{color:#2e7d32;font-weight:bold}.a{color:#b26a00;font-weight:bold}.r{color:#c62828;font-weight:bold}
.note{color:#555;font-size:13px}img{max-width:100%;height:auto}td.quote{max-width:640px}
"""
def _t(key: str, lang: str, **fields: object) -> str:
    """Report text: ``title`` and ``region`` are shared with the slides (``report_*``), the rest ``html_*``."""
    return t(f"report_{key}" if key in ("title", "region") else f"html_{key}", lang, **fields)


def esc(x: Any) -> str:
    """Escaped text of any cell value; NaN shows as an en dash."""
    if x is None or (isinstance(x, (float, np.floating)) and not np.isfinite(x)):
        return "–"
    if isinstance(x, (float, np.floating)):
        return f"{float(x):,.6g}"
    return html.escape(str(x), quote=True)


def _pct_cell(p: float) -> str:
    if not np.isfinite(p):
        return '<td class="num">–</td>'
    cls = "g" if p >= 0.8 else "a" if p >= 0.5 else "r"
    return f'<td class="num {cls}">{p:.1%}</td>'


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """``rows`` are already-rendered ``<td>`` strings; ``head`` is plain text (escaped here)."""
    out = ["<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(r) + "</tr>" for r in rows]
    out.append("</tbody></table>")
    return "\n".join(out)


def _td(x: Any, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>{esc(x)}</td>"


def _img(png: bytes, alt: str) -> str:
    return f'<p><img alt="{esc(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}"></p>'


def html_text(cmp: Comparison, *, lang: str = "zh", limit: Optional[int] = KEY_INDICATORS, dataset: Any = None,
              charts: bool = True) -> str:
    """The report as one HTML document (str). ``charts=False`` leaves out the images."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    names = cmp.names
    sim0 = cmp.sims[0]
    title = _t("title", lang)
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
             f"<title>{esc(title)} · {esc(' / '.join(names))}</title><style>{_CSS}</style></head><body>",
             f"<h1>{esc(title)}</h1>",
             f'<p class="note">{esc(sim0.scenario.region)} · {sim0.scenario.horizon} · {sim0.n_paths:,} '
             f"{esc(_t('note', lang, ref=names[0]))} seed {sim0.scenario.seed} · {date.today():%Y-%m-%d}</p>"]
    # scenarios and their changed levers
    facts = tables.scenario_facts(cmp)
    parts.append(f"<h2>{esc(_t('scenarios', lang))}</h2>")
    parts.append(_table([H("scenario", lang), H("description", lang), H("override", lang)],
                        [[_td(f["scenario"]), _td(f["description"]), _td(f["override"])] for f in facts.to_dict("records")]))
    ch = tables.changed_levers(cmp)
    nm = "name_zh" if lang == "zh" else "name_en"
    parts.append(_table([H("lever", lang), H("unit", lang)] + names,
                        [[_td(r[nm]), _td(r["unit"])] + [_td(r[n], "num") for n in names] for r in ch.to_dict("records")]))
    # overview
    t = tables.targeted(cmp)
    parts.append(f"<h2>{esc(_t('overview', lang))}</h2>")
    head = [H("id", lang), H("name", lang), H("unit", lang), H("target", lang)] + \
           [f"{H('p_hit', lang)} {n}" for n in names] + [f"Δ {n}" for n in names[1:]]
    rows = []
    for r in t.to_dict("records"):
        cells = [_td(r["id"]), _td(tables.name_of(r, lang)), _td(r["unit"]), _td(r["target"])]
        cells += [_pct_cell(r[f"p_hit[{n}]"]) for n in names]
        cells += [f'<td class="num">{r[f"diff[{n}]"] * 100:+.1f} ± {r[f"diff_se[{n}]"] * 100:.1f}</td>' for n in names[1:]]
        rows.append(cells)
    parts.append(_table(head, rows))
    parts.append(f"<h2>{esc(_t('region', lang))}</h2>")
    parts.append(_table([H("scenario", lang), H("targets", lang), H("expected_met", lang), H("p_all", lang)],
                        [[_td(f["scenario"]), _td(f["targets"], "num"), f'<td class="num">{f["expected_met"]:.2f}</td>',
                          f'<td class="num">{f["p_all"]:.1%} ± {f["p_all_se"]:.1%}</td>'] for f in facts.to_dict("records")]))
    obs = tables.load_observations(cmp, dataset)
    if charts:
        parts.append(f"<h2>{esc(_t('charts', lang))}</h2>")
        parts.append(_img(images.to_png(images.comparison_figure(cmp, lang=lang), scale=1.5), "comparison"))
        for ind in tables.key_indicators(cmp, limit):
            parts.append(_img(images.to_png(images.fan_figure(cmp, ind, lang=lang, obs=obs), scale=1.5), ind))
    a = tables.assumptions(cmp)
    parts.append(f"<h2>{esc(_t('assumptions', lang))}</h2>")
    parts.append(_table([H("key", lang), H("lever", lang), H("unit", lang), H("default", lang)] + names + [H("source", lang)],
                        [[_td(r["key"]), _td(r[nm]), _td(r["unit"]), _td(r["default"], "num")]
                         + [_td(r[n], "num") for n in names] + [_td(r["source"])] for r in a.to_dict("records")]))
    s = tables.sources(cmp, obs)
    parts.append(f"<h2>{esc(_t('sources', lang))}</h2><details open><summary>{len(s)}</summary>")
    parts.append(_table([H("id", lang), H("kind", lang), H("file", lang), H("quote", lang)],
                        [[_td(r["id"]), _td(r["kind"]), _td(r["file"]), _td(r["quote"], "quote")]
                         for r in s.to_dict("records")]))
    parts.append("</details></body></html>")
    return "\n".join(parts)


__all__ = ["html_text", "esc"]
