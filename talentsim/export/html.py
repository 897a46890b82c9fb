"""A self-contained HTML report of a comparison: tables plus charts as base64 PNG.

No external JS, CSS or fonts: the charts are PNG images (rendered with the CJK font, so
Chinese shows whatever fonts the reader has) and the style sheet is inline. Every text
that can come from a user (scenario names, descriptions, indicator names, quotes) passes
through ``html.escape``.
"""

from __future__ import annotations

import base64
import html
import re
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Optional

import numpy as np

from scenarios.compare import Comparison
from talentsim.indicators import KEY_INDICATORS
from talentsim.export import facts, story, tables
from talentsim.export.tables import header as H
from talentsim.messages import fmt_expected, fmt_pp, fmt_prob, t

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset
    from talentsim.export.images import Renders

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1200px;color:#222;padding:0 1em}
h1{color:#1f3a5f}h2{color:#1f3a5f;border-bottom:1px solid #ccd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:14px}th,td{border:1px solid #ccd;padding:3px 8px;vertical-align:top}
th{background:#dde6f3;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.g{color:#2e7d32;font-weight:bold}.a{color:#b26a00;font-weight:bold}.r{color:#c62828;font-weight:bold}
.note{color:#555;font-size:13px}.nw{white-space:nowrap}td.name{min-width:9em}
td.basis{font-size:12px;color:#444}img{max-width:100%;height:auto}nav.toc{font-size:14px}td.quote{max-width:640px}
"""
def _t(key: str, lang: str, **fields: object) -> str:
    """Report text: ``title`` and ``region`` are shared with the slides (``report_*``), the rest ``html_*``."""
    return t(f"report_{key}" if key in ("title", "region") else f"html_{key}", lang, **fields)


def esc(x: object) -> str:
    """Escaped text of any cell value; NaN shows as an en dash."""
    if x is None or (isinstance(x, (float, np.floating)) and not np.isfinite(x)):
        return "–"
    if isinstance(x, (float, np.floating)):
        return f"{float(x):,.6g}"
    return html.escape(str(x), quote=True)


def _pct_cell(r: Any, j: int, lang: str) -> str:
    """Scenario ``j``'s probability in a facts row with its model range (``facts.p_cell``), coloured."""
    p = r[f"p{j}"]
    if not np.isfinite(p):
        return '<td class="num">–</td>'
    cls = "g" if p >= 0.8 else "a" if p >= 0.5 else "r"
    # "78 % (74–82)": a line may break before the range, never inside the number or the range
    value, _, rng = facts.p_cell(r, j, lang).partition(" (")
    return _td_parts([value, f"({rng}"] if rng else [value], f"num {cls}", sep=" ")


def _pm(text: str) -> list[str]:
    """``+3.3 ± 0.3`` as the parts a line may break between: ``+3.3`` and ``± 0.3``."""
    value, _, se = text.partition(" ± ")
    return [value, f"± {se}"] if se else [value]


def _keep_head(text: str) -> str:
    """``≥ 1.05 million people`` with no-break spaces after the comparator and the number, so a
    narrow column breaks it only inside the unit's words (a target broke apart as "≥ 105" over "万人")."""
    return re.sub(r"^(\S+) (\S+) ", "\\1\u00a0\\2\u00a0", re.sub(r"^(\S+) (\S+)$", "\\1\u00a0\\2", str(text)))


def _td_parts(parts: Iterable[Any], cls: str = "", sep: str = " / ") -> str:
    """A cell of several values: a line may break between them, never inside one ("+6.3 %")."""
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>" + esc(sep).join(f'<span class="nw">{esc(x)}</span>' for x in parts) + "</td>"


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """``rows`` are already-rendered ``<td>`` strings; ``head`` is plain text (escaped here)."""
    out = ["<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(r) + "</tr>" for r in rows]
    out.append("</tbody></table>")
    return "\n".join(out)


def _td(x: Any, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>{esc(x)}</td>"


def _img(png: bytes, alt: str, scale: float = 2) -> str:
    """An embedded PNG at its drawn size (rendered at ``scale``), so every chart panel is as wide
    on the page as in the chart: a one-panel fan does not stretch, a three-panel one does not shrink."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        width = int(im.size[0] / scale)
    return (f'<p><img alt="{esc(alt)}" width="{width}" '
            f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}"></p>')


def _lever(v: Any) -> str:
    ok = isinstance(v, (int, float, np.integer, np.floating)) and np.isfinite(float(v))
    return f"{float(v):g}" if ok else "–"


def html_text(cmp: Comparison, *, lang: str = "zh", limit: Optional[int] = KEY_INDICATORS,
              dataset: Dataset | None = None,
              charts: bool = True, renders: Renders | None = None) -> str:
    """The report as one HTML document (str). ``charts=False`` leaves out the images."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    import talentsim

    scen = facts.names(cmp, lang)
    k = len(scen)
    sim0 = cmp.sims[0]
    sc = sim0.scenario
    obs = renders.obs if renders is not None else tables.load_observations(cmp, dataset)
    f = facts.indicator_facts(cmp, obs, lang)
    title = _t("title", lang)
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
             '<meta name="viewport" content="width=device-width, initial-scale=1">'
             f"<title>{esc(title)} · {esc(' / '.join(scen))}</title><style>{_CSS}</style></head><body>",
             f"<h1>{esc(title)}</h1>",
             f'<p class="note">{esc(facts.region_name(sc.region, lang, sc.data_dir))} · {esc(facts.horizon_text(sim0, lang))} · '
             f'{esc(t("deck_paths_seed", lang, paths=f"{sim0.n_paths:,}", seed=sc.seed, version=talentsim.__version__))} · '
             f"{date.today():%Y-%m-%d}</p>"]
    arg = story.for_export(cmp, lang) if dataset is None else story.argument(cmp, f, lang)
    parts.append(f"<h2>{esc(t('story_title', lang))}</h2>")
    # per scenario, as on the headline slide: its name, what it changes, what that does
    colon = "：" if lang == "zh" else ": "
    sep = "；" if lang == "zh" else "; "
    for j, name in enumerate(arg.scenarios):
        items = [f"{t('story_changes', lang)}{colon}{sep.join(arg.changes[j])}"]
        if j:
            items.append(f"{t('story_does', lang)}{colon}{sep.join(arg.effects[j]) or t('story_no_effect', lang)}")
        parts.append(f"<h3>{esc(name)}</h3><ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>")
    current = None
    for kind, text in story.lines(arg, lang):
        if kind in ("story_changes", "story_does"):
            continue
        if kind != current:
            parts.append(("</ul>" if current else "") + f"<h3>{esc(t(kind, lang))}</h3><ul>")
            current = kind
        parts.append(f"<li>{esc(text)}</li>")
    parts.append("</ul>")
    parts.append(f"<h2>{esc(_t('scenarios', lang))}</h2>")
    parts.append(_table([H("scenario", lang), H("description", lang)],
                        [[_td(n), _td(facts.description_here(s, lang))] for n, s in zip(scen, cmp.sims)]))
    ch = tables.changed_levers(cmp)
    eff = facts.lever_effects(cmp)
    nm = "name_zh" if lang == "zh" else "name_en"
    parts.append(_table([H("lever", lang), H("unit", lang)] + scen + [t("deck_effect", lang)],
                        [[_td(r[nm]), _td(facts.unit_text(r["unit"], lang))]
                         + [f'<td class="num">{_lever(r[n])}</td>' for n in cmp.names]
                         + [_td(t(eff[r["key"]], lang) if eff.get(r["key"]) else t("deck_acts", lang))]
                         for r in ch.to_dict("records")]))
    diffs = cmp.table().set_index("id")
    parts.append(f"<h2>{esc(_t('overview', lang))}</h2><p class=\"note\">{esc(t('deck_legend', lang))}</p>")
    head = [H("name", lang), H("target", lang)] + [f"{H('p_hit', lang)} {n}" for n in scen] + \
           [f"Δ {n} ({t('deck_pp', lang)})" for n in scen[1:]] + [t("deck_required", lang), t("deck_projected", lang),
                                                                 t("deck_rests_on", lang)]
    rows = []
    for r in f.to_dict("records"):
        d = diffs.loc[r["id"]]
        # values never break inside ("≥ 105\n万人", "0.0 ±\n0.0", "+0.3 百分\n点"): nowrap cells, and
        # the projected growths of several scenarios break only between them
        # a Chinese target is short and its unit's characters would part ("万" / "人"): kept whole;
        # an English one may wrap inside its unit's words only
        cells = [_td(r["name"], "name"), _td(_keep_head(r["target"]), "nw" if lang == "zh" else "")]
        cells += [_pct_cell(r, j, lang) for j in range(k)]
        cells += [_td_parts(_pm(fmt_pp(d[f"diff[{n}]"] * 100, d[f"diff_se[{n}]"] * 100, lang, unit=False)), "num",
                            sep=" ") for n in cmp.names[1:]]
        cells += [_td(facts.growth_of(r, "required", lang), "num nw"),
                  _td_parts([facts.growth_of(r, f"proj{j}", lang) for j in range(k)], "num"),
                  _td(r["basis"], "basis")]
        rows.append(cells)
    parts.append(_table(head, rows))
    reg = cmp.region_table()
    parts.append(f"<h2>{esc(_t('region', lang))}</h2>")
    parts.append(_table([H("scenario", lang), H("targets", lang), H("expected_met", lang), H("p_all", lang)],
                        [[_td(n), _td(int(r["targets"]), "num"),
                          _td(f"{fmt_expected(r['expected_met'])} ({'–'.join(map(fmt_expected, s.expected_met_range))})",
                              "num"),
                          _td(f"{fmt_prob(r['p_all'], r['p_all_se'])} "
                              f"({'–'.join(fmt_prob(x, digits=0) for x in s.p_all_range)})", "num")]
                         for n, (_, r), s in zip(scen, reg.iterrows(), cmp.sims)]))
    if charts:
        from talentsim.export import images

        rr = renders or images.Renders(cmp, lang=lang, limit=limit, obs=obs)
        names_by_id = f.set_index("id")["name"]
        parts.append(f"<h2>{esc(_t('charts', lang))}</h2>")
        parts.append(_img(rr.png("comparison"), t("pptx_comparison", lang)))
        for ind in rr.key_ids:
            parts.append(f"<h3>{esc(names_by_id.get(ind, ind))}</h3>")
            parts.append(_img(rr.png(ind), t("deck_fan_alt", lang, name=names_by_id.get(ind, ind),
                                             panels=" / ".join(scen), target=f.set_index("id").loc[ind, "target"])))
        # the indicators without a fan chart are named with the reason, never dropped silently
        ranked = tables.key_indicators(cmp, None)
        by_rule = tables.key_indicators(cmp, len(ranked))
        sep = "、" if lang == "zh" else "; "
        for key, ids, fields in (("html_fans_limit", [i for i in by_rule if i not in rr.key_ids], {"limit": limit}),
                                 ("html_fans_not_moved", [i for i in ranked if i not in by_rule],
                                  {"moved": f"{tables.MOVED * 100:g}", "risk": f"{tables.AT_RISK * 100:g}"})):
            if ids:
                parts.append(f'<p class="note">{esc(t(key, lang, names=sep.join(names_by_id.get(i, i) for i in ids), **fields))}</p>')
    a = tables.assumptions(cmp)
    parts.append(f"<h2>{esc(_t('assumptions', lang))}</h2>")
    parts.append(_table([H("lever", lang), H("unit", lang), H("default", lang)] + scen + [t("deck_effect", lang)],
                        [[_td(r[nm]), _td(facts.unit_text(r["unit"], lang)), f'<td class="num">{_lever(r["default"])}</td>']
                         + [f'<td class="num">{_lever(r[n])}</td>' for n in cmp.names]
                         + [_td(t(eff[r["key"]], lang) if eff.get(r["key"]) else t("deck_acts", lang))]
                         for r in a.to_dict("records")]))
    parts.append(f"<h2>{esc(t('deck_method', lang))}</h2><ul>" + "".join(
        f"<li>{esc(x)}</li>" for x in t("deck_method_lines", lang, paths=f"{sim0.n_paths:,}", seed=sc.seed,
                                        version=talentsim.__version__, hash=facts.data_hash(cmp, dataset),
                                        region=facts.region_name(sc.region, lang),
                                        basis="; ".join(sorted(set(f["basis"])))).split("|")) + "</ul>")
    s = tables.sources(cmp, obs, lang)
    parts.append(f"<h2>{esc(_t('sources', lang))}</h2><details open><summary>{len(s)}</summary>")
    parts.append(_table([H("id", lang), H("kind", lang), t("xlsx_document", lang), H("file", lang), H("quote", lang)],
                        [[_td(r["id"]), _td(r["kind"]), _td(r["document"]), _td(r["file"]), _td(r["quote"], "quote")]
                         for r in s.to_dict("records")]))
    parts.append("</details></body></html>")
    return _with_contents(parts, lang)


def _with_contents(parts: list[str], lang: str) -> str:
    """The report with a table of contents after its first note: every ``<h2>`` gets an anchor."""
    heads, out = [], []
    for part in parts:
        if part.startswith("<h2>"):
            n = len(heads)
            heads.append(part[4:part.index("</h2>")])
            part = f'<h2 id="s{n}">' + part[4:]
        out.append(part)
    toc = ('<nav class="toc"><b>' + esc(t("html_contents", lang)) + "</b><ol>"
           + "".join(f'<li><a href="#s{n}">{h}</a></li>' for n, h in enumerate(heads)) + "</ol></nav>")
    out.insert(3, toc)
    return "\n".join(out)


__all__ = ["html_text", "esc"]
