"""The slides of the deck, one builder each (layout helpers in :mod:`talentsim.export.pptx`).

Each builder takes the facts of :mod:`talentsim.export.facts` so every number on a slide
is the number in the sheet and the HTML report. Layouts hold for 1 to 6 scenarios: font
sizes and columns shrink with the scenario count, scenarios with identical results share
a panel or a cell.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

import talentsim
from scenarios.compare import Comparison
from scenarios.economics import funding_level
from talentsim.charts import SCENARIO_COLOURS, band_colour
from talentsim.export import facts, slides_story, story, tables, target_slide
from talentsim.export.fonts import FONT_FAMILY
from talentsim.export.pptx import GREY, HEAD, HT, MARGIN, ROWS_PER_SLIDE, W, fill, new_slide, picture, table, textbox
from talentsim.export.tables import header as H
from talentsim.messages import fmt_expected, fmt_pp, fmt_prob, t
from talentsim.messages.skips import skip_reason

if TYPE_CHECKING:
    from forecast.data.dataset import Dataset
    from pptx.presentation import Presentation

_GREEN, _RED = RGBColor(0x2E, 0x7D, 0x32), RGBColor(0xC6, 0x28, 0x28)


def band_rgb(p: float) -> RGBColor:
    """Traffic-light text colour (a darker amber than the chart's, for legibility)."""
    hex_colour = band_colour(p) if np.isfinite(p) else "#555555"
    return RGBColor.from_string({"#f9a825": "#b26a00"}.get(hex_colour, hex_colour).lstrip("#").upper())


def _lever(v: Any) -> str:
    """A lever value; "–" where the region has no figure (e.g. no historic funding)."""
    try:
        return f"{float(v):g}" if np.isfinite(float(v)) else "–"
    except (TypeError, ValueError):
        return "–"


def _legend(slide: Any, lang: str, extra: str = "") -> None:
    lines = [(t("deck_legend", lang), {"colour": GREY})] + ([(extra, {"colour": GREY})] if extra else [])
    textbox(slide, MARGIN, HT - Inches(0.62), W - 2 * MARGIN, Inches(0.5), lines, size=11)


def _title(prs: Any, cmp: Comparison, scen: list[str], lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    sc, sim = cmp.sims[0].scenario, cmp.sims[0]
    title, sub = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = MARGIN, Inches(1.6), W - 2 * MARGIN, Inches(1.4)
    sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(3.2), W - 2 * MARGIN, Inches(2.8)
    fill(title.text_frame, t("report_title", lang), size=40, bold=True, colour=HEAD)
    fill(sub.text_frame, [" · ".join(scen),
                          (f"{facts.region_name(sc.region, lang, sc.data_dir)} · {facts.horizon_text(sim, lang)}",
                           {"colour": GREY, "size": 18, "space": 12}),
                          (t("deck_paths_seed", lang, paths=f"{sim.n_paths:,}", seed=sc.seed,
                             version=talentsim.__version__), {"colour": GREY, "size": 16}),
                          (f"{t('pptx_date', lang)}: {date.today():%Y-%m-%d}", {"colour": GREY, "size": 16})], size=24)
    slide.notes_slide.notes_text_frame.text = t("deck_notes_title", lang, k=len(scen), names="、".join(scen)
                                                if lang == "zh" else ", ".join(scen))


def _assumptions(prs: Any, cmp: Comparison, scen: list[str], lang: str) -> None:
    slide = new_slide(prs, t("pptx_assumptions", lang), t("deck_notes_assumptions", lang))
    a = tables.changed_levers(cmp)
    eff = facts.lever_effects(cmp)
    nm = "name_zh" if lang == "zh" else "name_en"
    k = len(scen)
    rows = [[H("lever", lang), H("unit", lang)] + scen + [t("deck_effect", lang)]]
    for r in a.to_dict("records"):
        why = eff.get(r["key"])
        vals = [_lever(r[n]) for n in cmp.names]
        if r["key"] == "funding_cny_100m_per_year":        # what is spent: the level times the change
            vals = [_lever(funding_level(s.scenario.levers, s.setup.historic_funding)) for s in cmp.sims]
        rows.append([r[nm], facts.unit_text(r["unit"], lang)] + vals
                    + [t(why, lang) if why else t("deck_acts", lang)])
    size, row_h = (14, 0.45) if k <= 3 else (11, 0.45)
    widths = [3.4, 1.3] + [1.1] * k + [4.2]
    table(slide, rows, top=Inches(1.2), widths=widths, size=size, row_h=row_h)
    top = Inches(1.2) + slides_story.table_height(rows, widths, size, row_h) + Inches(0.25)
    # a scenario's own description, or (none in this language) what it sets, from its effective values
    desc = [f"{s}：{d}" if lang == "zh" else f"{s}: {d}"
            for s, d in zip(scen, (facts.description_here(x, lang)
                                   or ("；" if lang == "zh" else "; ").join(story.changes(x, lang)) for x in cmp.sims))]
    desc.append(t("pptx_lever_note", lang))
    d_size = 13 if k <= 3 else 11
    if top + slides_story.text_height(desc, W - 2 * MARGIN, d_size) > HT - Inches(0.3):
        slide = new_slide(prs, t("pptx_assumptions", lang) + t("pptx_cont", lang), t("deck_notes_assumptions", lang))
        top = Inches(1.2)
    textbox(slide, MARGIN, top, W - 2 * MARGIN, HT - top - Inches(0.3), desc, size=d_size, colour=GREY)


def _overview(prs: Any, cmp: Comparison, f: pd.DataFrame, scen: list[str], lang: str) -> None:
    k = len(scen)
    diffs = cmp.table().set_index("id")
    changed, same = f[~f["same"]], f[f["same"]]
    note = t("pptx_diff_note", lang, ref=scen[0])
    size = 12 if k <= 3 else 10
    head = [H("name", lang), H("target", lang)] + scen + [f"Δ {s}" for s in scen[1:]]
    widths, top = [3.6, 1.7] + [1.35] * k + [1.3] * (k - 1), Inches(1.15)
    body, tints = [], []
    for r in changed.to_dict("records"):
        d = diffs.loc[r["id"]]
        body.append([r["name"], r["target"]] + [facts.p_cell(r, j, lang) for j in range(k)]
                    + [fmt_pp(d[f"diff[{n}]"] * 100, d[f"diff_se[{n}]"] * 100, lang, unit=False)
                       for n in cmp.names[1:]])
        tints.append([None, None] + [band_rgb(r[f"p{j}"]) for j in range(k)] + [None] * (k - 1))
    # as many rows as fit above the legend (ranges and English names wrap), balanced across slides
    start = 0
    for c, chunk in enumerate(slides_story.table_pages(head, body, widths, size, 0.36, 0.55,
                                                       HT - Inches(0.67) - top, most=ROWS_PER_SLIDE)):
        slide = new_slide(prs, t("pptx_overview", lang) + (t("pptx_cont", lang) if c else ""),
                          t("deck_notes_overview", lang))
        table(slide, [head] + chunk, top=top, widths=widths, size=size,
              colours=[[None] * len(head)] + tints[start:start + len(chunk)], row_h=0.36, head_h=0.55)
        start += len(chunk)
        _legend(slide, lang, note)
    per = 2 * ROWS_PER_SLIDE
    for c in range(0, len(same), per):
        chunk = same.iloc[c:c + per].to_dict("records")
        title = t("deck_unchanged", lang, n=len(same)) + (t("pptx_cont", lang) if c else "")
        slide = new_slide(prs, title, t("deck_notes_overview", lang), size=24)
        half = -(-len(chunk) // 2)
        head = [H("name", lang), H("target", lang), H("p_hit", lang)]
        for j, part in enumerate((chunk[:half], chunk[half:])):
            if not part:
                continue
            rows = [head] + [[r["name"], r["target"], facts.p_cell(r, 0, lang)] for r in part]
            colours = [[None] * 3] + [[None, None, band_rgb(r["p0"])] for r in part]
            w = (W - 2 * MARGIN - Inches(0.3)) / 2
            table(slide, rows, top=Inches(1.15), widths=[3.0, 1.5, 1.3], size=11, colours=colours, row_h=0.36,
                  head_h=0.45, left=MARGIN + j * (w + Inches(0.3)), width=w)
        _legend(slide, lang)


def _fan(prs: Any, cmp: Comparison, f: pd.DataFrame, scen: list[str], ind: str, renders: Any, lang: str) -> None:
    r = f.set_index("id").loc[ind]
    groups = facts.groups(cmp, ind)
    label = [" = ".join(scen[j] for j in g) for g in groups]
    need, basis = facts.growth_of(r, "required", lang), r["basis"]
    notes = t("deck_notes_fan", lang, name=r["name"], target=r["target"], year=r["target_year"], need=need,
              proj=" / ".join(f"{lb} {facts.growth_of(r, f'proj{g[0]}', lang)}" for lb, g in zip(label, groups)), basis=basis)
    slide = new_slide(prs, r["name"], notes, size=24 if len(r["name"]) < 40 else 20)
    alt = t("deck_fan_alt", lang, name=r["name"], target=r["target"], panels="; ".join(
        t("deck_panel_alt", lang, scen=lb, median=r[f"median{g[0]}"], p=facts.pct(r[f"p{g[0]}"], lang))
        for lb, g in zip(label, groups)))
    picture(slide, renders.png(ind, titled=False), alt, left=MARGIN, top=Inches(1.1), max_w=Inches(8.5),
            max_h=Inches(5.6))
    small = len(groups) > 3
    lines: list = [(f"{t('deck_target', lang)} {r['target']}（{r['target_year']}）" if lang == "zh"
                    else f"{t('deck_target', lang)} {r['target']} ({r['target_year']})", {"bold": True}),
                   (f"{t('deck_base', lang, year=r['base_year'])}: {r['base']}", {"colour": GREY}),
                   (t("deck_p_hit", lang), {"bold": True, "space": 8})]
    lines += [(f"{lb}: {facts.p_range(r, g[0], lang)}", {"colour": band_rgb(r[f"p{g[0]}"]), "bold": True}) for lb, g in
              zip(label, groups)]
    lines += [(f"{t('deck_required', lang)}: {need}", {"bold": True, "space": 8}),
              (t("deck_projected", lang), {"bold": True})]
    lines += [f"{lb}: {facts.growth_of(r, f'proj{g[0]}', lang)}" for lb, g in zip(label, groups)]
    lines += [(t("deck_rests_on", lang), {"bold": True, "space": 8}), (basis, {"colour": GREY})]
    textbox(slide, Inches(9.15), Inches(1.1), Inches(3.7), Inches(5.6), lines, size=11 if small else 13)
    _legend(slide, lang, t("pptx_fan_note", lang))


def _with_range(value: str, lo: str, hi: str) -> str:
    """'11.5 (11.0–11.9)': a value with its model range."""
    return f"{value} ({lo}–{hi})".replace(" %–", "–")


def _chart_font(chart: Any, size: float) -> None:
    chart.font.size = Pt(size)
    chart.font.name = FONT_FAMILY


def _alt(frame: Any, text: str) -> None:
    frame._element.nvGraphicFramePr.cNvPr.set("descr", text)


def _region(prs: Any, cmp: Comparison, scen: list[str], lang: str) -> None:
    slide = new_slide(prs, t("report_region", lang), t("deck_notes_region", lang))
    reg = cmp.region_table()
    rows = [[H("scenario", lang), H("targets", lang), H("expected_met", lang), H("p_all", lang)]]
    rows += [[s, str(int(r["targets"])), _with_range(fmt_expected(r["expected_met"]), *map(fmt_expected, sim.expected_met_range)),
              _with_range(fmt_prob(r["p_all"], digits=0), *(fmt_prob(x, digits=0) for x in sim.p_all_range))]
             for s, (_, r), sim in zip(scen, reg.iterrows(), cmp.sims)]
    size = 16 if len(scen) <= 3 else 13
    table(slide, rows, top=Inches(1.2), widths=[4.0, 2.0, 3.0, 3.0], size=size, row_h=0.45)
    data = CategoryChartData(number_format="0.0")
    data.categories = scen
    data.add_series(H("expected_met", lang), [float(x) for x in reg["expected_met"]])
    top = Inches(1.5 + 0.45 * len(rows))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, top, W - 2 * MARGIN,
                                   HT - top - Inches(0.4), data)
    _alt(frame, f"{H('expected_met', lang)}: " + ", ".join(f"{s} {v:.1f}" for s, v in zip(scen, reg["expected_met"])))
    chart = frame.chart
    _chart_font(chart, 12)
    chart.has_legend = False
    va = chart.value_axis
    m = max(1, int(reg["targets"].max()))
    va.major_unit = next((u for u in (1, 2, 3, 4, 5, 10) if m % u == 0 and m / u <= 10), 5 if m > 20 else 2)
    va.minimum_scale, va.maximum_scale = 0.0, float(-(-m // va.major_unit) * va.major_unit)   # the axis reaches m
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0.0", False
    for j, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(SCENARIO_COLOURS[j % len(SCENARIO_COLOURS)][1:].upper())


def _method(prs: Any, cmp: Comparison, f: pd.DataFrame, lang: str, dataset: Any) -> None:
    slide = new_slide(prs, t("deck_method", lang), t("deck_notes_method", lang))
    sim, sc = cmp.sims[0], cmp.sims[0].scenario
    counts = f["basis"].value_counts()
    basis = "；".join(t("deck_basis_count", lang, n=n, what=b) for b, n in counts.items()) if lang == "zh" else \
        "; ".join(t("deck_basis_count", lang, n=n, what=b) for b, n in counts.items())
    lines = t("deck_method_lines", lang, paths=f"{sim.n_paths:,}", seed=sc.seed, version=talentsim.__version__,
              hash=facts.data_hash(cmp, dataset), region=facts.region_name(sc.region, lang), basis=basis).split("|")
    prior = facts.prior_text(cmp, lang)
    if prior:
        lines.insert(5, prior)
    if sim.setup.skipped:
        lines.append(t("deck_skipped", lang, n=len(sim.setup.skipped)))
    lines.append(t("deck_legend", lang))
    textbox(slide, MARGIN, Inches(1.2), W - 2 * MARGIN, HT - Inches(1.6), [(x, {"space": 8}) for x in lines], size=15)


def _scorecard(prs: Any, cmp: Comparison, lang: str, dataset: Any) -> None:
    """The plan's scorecard (targets whose year has passed): outcome, result, probability given
    from the base-year data; no slide when no target year has passed."""
    from scenarios.scorecard import current_year, scorecard
    from talentsim.report import scorecard_frame

    sc = cmp.sims[0].scenario
    try:
        card = scorecard(sc.region, data_dir=sc.data_dir, dataset=dataset, now=current_year(), paths=5_000)
    except (ValueError, OSError):   # data that do not load: the rest of the deck stands
        return
    if card.empty:
        return
    fr = scorecard_frame(card, lang)
    head, body = list(fr.columns), [[str(v) for v in row] for row in fr.itertuples(index=False)]
    widths, top, width = [4.2, 2.2, 1.8, 1.6, 1.8], Inches(1.15), W - 2 * MARGIN
    # "none (see why below)": the reasons go under the table, room kept for all of them on every slide
    why = [skip_reason(w, lang) if not np.isfinite(p) else None for w, p in zip(card["why_no_p"], card["p_hit"])]
    room = HT - Inches(0.3) - top - Inches(0.15) - (
        slides_story.text_height(_why_lines(body, why, lang), width, 11) if any(why) else 0)
    start = 0
    for c, chunk in enumerate(slides_story.table_pages(head, body, widths, 11, 0.36, 0.55, room,
                                                       most=ROWS_PER_SLIDE)):
        slide = new_slide(prs, t("sc_title", lang, region=facts.region_name(sc.region, lang, sc.data_dir))
                          + (t("pptx_cont", lang) if c else ""), t("sc_caption", lang, now=current_year()), size=24)
        table(slide, [head] + chunk, top=top, widths=widths, size=11, row_h=0.36, head_h=0.55)
        lines = _why_lines(chunk, why[start:start + len(chunk)], lang)
        if lines:
            below = top + slides_story.table_height([head] + chunk, widths, 11, 0.36, 0.55) + Inches(0.15)
            textbox(slide, MARGIN, below, width, HT - below - Inches(0.2),
                    [(x, {"colour": GREY, "bold": k == 0}) for k, x in enumerate(lines)], size=11)
        start += len(chunk)


def _why_lines(rows: list[list[str]], why: list[Optional[str]], lang: str) -> list[str]:
    """Under a scorecard table: why its rows without a probability have none (one line per reason,
    naming the rows when several reasons share the table)."""
    by: dict[str, list[str]] = {}
    for row, w in zip(rows, why):
        if w:
            by.setdefault(w, []).append(row[0])
    if not by:
        return []
    head = t("sc_why_no_p", lang, n=sum(map(len, by.values())))
    if len(by) == 1:
        return [head, next(iter(by))]
    sep, colon = ("、", "：") if lang == "zh" else ("; ", ": ")
    return [head] + [f"{w}{colon}{sep.join(names)}" for w, names in by.items()]


def build(prs: Presentation, cmp: Comparison, *, lang: str, limit: Optional[int], dataset: Dataset,
          renders: Renders) -> None:
    """Add every slide of the deck to ``prs``."""
    from talentsim.export.images import Renders

    r = renders or Renders(cmp, lang=lang, limit=limit, dataset=dataset)
    f = facts.indicator_facts(cmp, r.obs, lang)
    scen = facts.names(cmp, lang)
    _title(prs, cmp, scen, lang)
    arg = story.for_export(cmp, lang) if dataset is None else story.argument(cmp, f, lang)
    slides_story.scenarios_slide(prs, arg, lang)
    slides_story.risk_slide(prs, arg, lang)
    _assumptions(prs, cmp, scen, lang)
    _overview(prs, cmp, f, scen, lang)
    for ind in r.key_ids:
        _fan(prs, cmp, f, scen, ind, r, lang)
    slides_story.comparison_slides(prs, cmp, f, scen, lang)
    _region(prs, cmp, scen, lang)
    _scorecard(prs, cmp, lang, dataset)
    target_slide.add(prs, cmp, lang, f)
    _method(prs, cmp, f, lang, dataset)


__all__ = ["build", "band_rgb"]
