"""Altair chart builders shared by the app and the exports (one look everywhere).

Every builder takes plain DataFrames and a language (``"zh"`` or ``"en"``) and returns an
Altair chart; nothing here imports Streamlit. Fonts are set to Noto Sans CJK so that
Chinese labels render in exported PNG/SVG (vl-convert) as they do in the browser.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

import altair as alt
import numpy as np
import pandas as pd

from talentsim.chartspec import FanMarks, ChartLayout
from talentsim.levertext import lever_name, lever_value
from talentsim.messages import OP_TEXT, fmt_prob, fmt_target, fmt_value, t, unit_text

if TYPE_CHECKING:
    from scenarios.discovery import Discovery

FONT = "Noto Sans CJK SC"
#: the documents' comparators (≥, ＞, ...), the same table the text formatting uses
OP_SYMBOL = OP_TEXT
BANDS = [(0.8, "#2e7d32"), (0.5, "#f9a825"), (0.0, "#c62828")]
#: Scenario colours, in order: blues, purple, greys and brown, none near the traffic lights
#: above (no green, amber/orange or red), distinguishable for up to six scenarios.
SCENARIO_COLOURS = ["#1f4e9c", "#7b3fa0", "#5b5b5b", "#4fa3e0", "#8c6d46", "#b39ddb"]

def label(key: str, lang: str) -> str:
    """Chart text ``key`` from the message catalogue's charts section (``chart_<key>``)."""
    return t(f"chart_{key}", lang)


def text_width(text: str) -> int:
    """Display width in half-width units: a CJK or full-width character counts 2."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def wrap(text: str, width: int = 70) -> list[str]:
    """``text`` as lines of at most ``width`` half-width units (Vega titles take a list of lines),
    broken after a space or a CJK punctuation mark where possible — never cut off."""
    lines, line = [], ""
    for ch in str(text):
        if text_width(line + ch) > width:
            cut = max(line.rfind(" "), *(line.rfind(p) for p in "，、；）)/"))
            head, rest = (line[:cut + 1], line[cut + 1:]) if cut > len(line) // 2 else (line, "")
            lines.append(head.rstrip())
            line = rest
        line += ch
    return lines + [line] if line else lines


#: an explanation in brackets (at least 4 characters: "（工业）" names the sector and stays)
_EXPLANATION = re.compile(r"\s*[（(][^（）()]{4,}[）)]")


def names_in(table: pd.DataFrame, lang: str) -> list[str]:
    """Each row's indicator name in ``lang``: the Chinese name where an English one is missing (an
    indicator typed or read from a Chinese document has none), never ``nan``."""
    zh = table["name_zh"].astype(str).tolist()
    if lang == "zh" or "name_en" not in table:
        return zh
    return [en if isinstance(en, str) and en.strip() else z for en, z in zip(table["name_en"], zh)]


def short_names(names: Iterable[str], width: int = 40) -> list[str]:
    """Names that fit a table column or an axis: a name wider than ``width`` half-width units
    (0: every name) loses its explanations in brackets ("各类人才资源总量（大专及以上学历…）" ->
    "各类人才资源总量"; the full name is in the indicator view); a name whose short form would
    collide with another's keeps its full form."""
    names = [str(n) for n in names]
    short = [(_EXPLANATION.sub("", n).strip(" ,，") or n) if text_width(n) > width else n for n in names]
    seen: dict[str, int] = {}
    for s in short:
        seen[s] = seen.get(s, 0) + 1
    return [s if seen[s] == 1 else n for s, n in zip(short, names)]


def _title(title: str, subtitle: str = "", width: int = 70):
    """A chart title wrapped to ``width`` (with its subtitle, wrapped too)."""
    if not subtitle:
        return alt.TitleParams(text=wrap(title, width)) if title else title
    return alt.TitleParams(text=wrap(title, width), subtitle=wrap(subtitle, int(width * 1.3)))


def band_colour(p: float) -> str:
    """Traffic-light colour of a probability: green >= 80 %, amber >= 50 %, red below."""
    for lo, colour in BANDS:
        if p >= lo:
            return colour
    return BANDS[-1][1]


def _configure(chart: alt.TopLevelMixin, width: int = 560, height: int = 320):
    return (chart.properties(width=width, height=height)
            .configure(font=FONT)
            .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13)
            .configure_legend(labelFont=FONT, titleFont=FONT)
            .configure_title(font=FONT, fontSize=16, anchor="start"))


#: the fan chart's bands: (low, high quantile column, colour, catalogue key of its legend label)
FAN_BANDS = (("q05", "q95", "#d6e4f5", "chart_band90"), ("q10", "q90", "#a9c6ea", "chart_band80"),
             ("q25", "q75", "#6f9fdc", "chart_band50"))


def _fan_scale(unit: str, lang: str) -> tuple[float, str]:
    """(factor, axis unit). English has no 万 or 亿: a 万-unit axis is drawn in the unit itself
    ('1.3M' as the headline's '1.32 million'), a 亿-unit one in billions (the tables' '4,000
    billion yuan'). ``unit`` is the documents' unit, never a translated one."""
    if lang != "zh" and unit.startswith("万") and len(unit) > 1:
        return 1e4, unit_text(unit[1:], lang)
    if lang != "zh" and unit.startswith("亿") and len(unit) > 1:
        return 0.1, label("billion", lang).format(unit=unit_text(unit[1:], lang))
    return 1.0, unit_text(unit, lang)


def _fan_factor(unit: str, lang: str) -> float:
    """The factor the fan chart multiplies values by (:func:`_fan_scale`)."""
    return _fan_scale(unit, lang)[0]


def fan_layers(quantiles: pd.DataFrame, *, unit: str, lang: str = "zh") -> list[pd.DataFrame]:
    """The data of the fan chart's first layers, in its order: each band present (year, lo, hi,
    band) then the median (year, q50, band). With the subtitle, all a lever move changes in
    :func:`fan_chart` (the page swaps them into a chart built once, ``talentsim.app.compute``)."""
    q = quantiles.dropna(subset=["q50"]).copy()
    bands = [b for b in FAN_BANDS if b[0] in q and b[1] in q]
    f = _fan_factor(unit, lang)
    if f != 1.0:
        q[[c for c in q.columns if c.startswith("q") and c[1:].isdigit()]] *= f
    names = [label(key[6:], lang) for _, _, _, key in bands] + [label("median", lang)]
    out = [q[["year", lo, hi]].rename(columns={lo: "lo", hi: "hi"}).assign(band=name)
           for (lo, hi, _, _), name in zip(bands, names)]
    return [*out, q[["year", "q50"]].assign(band=names[-1])]


def fan_title(title: str, subtitle: str = "") -> Any:
    """The fan chart's title (wrapped, with its subtitle), as :func:`fan_chart` sets it."""
    return _title(title, subtitle)


def fan_chart(quantiles: pd.DataFrame, *, title: str, unit: str, lang: str = "zh",
              history: Optional[pd.DataFrame] = None, marks: FanMarks = FanMarks(), subtitle: str = "",
              layout: ChartLayout = ChartLayout()) -> alt.TopLevelMixin:
    """Fan chart: 50/80/90 % bands (with a legend), median, history points, the target, the
    plan's own path (a straight line from the base value to the target) and the base year.

    ``quantiles`` has columns year, q50 and the band columns it has (q05/q95, q10/q90,
    q25/q75: only the bands present are drawn and named in the legend) for one indicator;
    ``history`` (year, value, optional status) the observed points; ``marks`` the target and
    the base (:class:`FanMarks`); ``subtitle`` carries e.g. P(hit) with its range; ``layout``
    the size (:class:`ChartLayout`). A long title is wrapped, never cut.
    """
    tg = marks.target
    target_year = tg.year if tg is not None else None
    target_value = tg.value if tg is not None and np.isfinite(tg.value) else None
    target_op = tg.op if tg is not None and tg.op else ">="
    base_year, base_value = marks.base_year, marks.base_value
    width, height = layout.width, layout.height
    q = quantiles.dropna(subset=["q50"]).copy()
    bands = [b for b in FAN_BANDS if b[0] in q and b[1] in q]
    data = fan_layers(quantiles, unit=unit, lang=lang)           # the bands' and the median's layers
    f, axis_unit = _fan_scale(unit, lang)
    if f != 1.0:
        history = history.assign(value=history["value"] * f) if history is not None else None
        target_value = None if target_value is None else target_value * f
        base_value = None if base_value is None else base_value * f
    y_title = f"{label('value', lang)} ({axis_unit})"
    y_axis = alt.Axis(format="~s") if f > 1.0 else alt.Axis()
    # every year on a short axis; on a long one every 2nd (5th) year counted back from the last, so the
    # target year keeps its label and the flush end labels never run into a neighbour ("20162017")
    years = [int(y) for y in pd.concat([q["year"], history["year"] if history is not None and "year" in history
                                        else pd.Series(dtype=float)]).dropna()]
    ticks = alt.Undefined
    if years:
        first, last = min(years), max(years)
        step = 1 if last - first <= 10 else 2 if last - first <= 20 else 5
        ticks = list(range(last, first - 1, -step))[::-1]
    x = alt.X("year:Q", title=label("year", lang),
              axis=alt.Axis(format="d", values=ticks, tickMinStep=1, labelOverlap="greedy"))
    path_shown = bool(target_value is not None and np.isfinite(target_value) and base_year is not None
                  and base_value is not None and np.isfinite(base_value))
    names = [label(key[6:], lang) for _, _, _, key in bands] + [label("median", lang)]
    colours = [c for _, _, c, _ in bands] + ["#0d47a1"]
    colour = alt.Scale(domain=names + [label("plan_path", lang)] * path_shown, range=colours + ["#c62828"] * path_shown)
    # a narrow panel (one of several) stacks its legend in two columns, so "Median" is never clipped
    legend = alt.Legend(title=None, orient="top-left", direction="horizontal", labelFont=FONT,
                        columns=2 if width < 400 else len(bands) + 1 + path_shown)
    layers = []
    for band in data[:-1]:
        layers.append(alt.Chart(band).mark_area().encode(
            x=x, y=alt.Y("lo:Q", title=y_title, scale=alt.Scale(zero=False), axis=y_axis), y2="hi:Q",
            color=alt.Color("band:N", scale=colour, legend=legend),
            tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("band:N"), alt.Tooltip("lo:Q", format=",.4g"),
                     alt.Tooltip("hi:Q", format=",.4g")]))
    layers.append(alt.Chart(data[-1]).mark_line(strokeWidth=2.5).encode(
        x=x, y="q50:Q", color=alt.Color("band:N", scale=colour, legend=legend),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("q50:Q", format=",.4g", title=label("median", lang))]))
    if history is not None and not history.empty:
        h = history.dropna(subset=["value"]).copy()
        h["kind"] = [label("derived" if s == "derived" else "observed", lang) for s in h.get("status", "observed")]
        layers.append(alt.Chart(h).mark_point(filled=True, size=70, color="black").encode(
            x=x, y="value:Q", shape=alt.Shape("kind:N", title=None, legend=alt.Legend(orient="bottom-right")),
            tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("value:Q", format=",.4g"), "kind:N"]))
    if target_value is not None and np.isfinite(target_value):
        ty = target_year if target_year else q["year"].max()
        text = f"{label('target', lang)} {fmt_target(target_op, float(target_value) / f, unit, lang)}"
        # the label sits at the left end of the target line: the median ends at the right
        t = pd.DataFrame({"value": [target_value], "text": [text], "year": [q["year"].min()]})
        layers.append(alt.Chart(t).mark_rule(color="#c62828", strokeDash=[6, 4], strokeWidth=2).encode(y="value:Q"))
        layers.append(alt.Chart(t).mark_text(color="#c62828", align="left", dy=-8, fontSize=13, font=FONT).encode(
            x="year:Q", y="value:Q", text="text:N"))
        if path_shown:   # the plan's own path, named in the legend with the bands (issue 22)
            path = pd.DataFrame({"year": [base_year, ty], "value": [base_value, target_value],
                                 "band": [label("plan_path", lang)] * 2})
            layers.append(alt.Chart(path).mark_line(strokeWidth=1.5, opacity=0.8).encode(
                x="year:Q", y="value:Q", color=alt.Color("band:N", scale=colour, legend=legend), tooltip=["band:N"]))
    if base_year is not None:
        b = pd.DataFrame({"year": [base_year], "text": [label("base", lang)]})
        layers.append(alt.Chart(b).mark_rule(color="gray", strokeDash=[2, 2]).encode(x="year:Q"))
    chart = alt.layer(*layers).properties(title=fan_title(title, subtitle))
    return _configure(chart, width, height) if layout.configure else chart.properties(width=width, height=height)


def probability_bars_data(summary: pd.DataFrame, *, lang: str = "zh", label_chars: int = 80) -> pd.DataFrame:
    """The data of :func:`probability_bars` (all its layers share it): the indicators with a
    probability, their short names, colours and ±2 SE whiskers. All a lever move changes in the
    chart (the page swaps it into a chart built once, ``talentsim.app.compute``)."""
    s = summary.dropna(subset=["p_hit"]).copy()
    s["name"] = [n[:label_chars] for n in short_names(names_in(s, lang))]
    s["colour"] = [band_colour(p) for p in s["p_hit"]]
    s["lo"] = (s["p_hit"] - 2 * s["p_hit_se"]).clip(0, 1)
    s["hi"] = (s["p_hit"] + 2 * s["p_hit_se"]).clip(0, 1)
    return s


def probability_bars(summary: pd.DataFrame, *, lang: str = "zh", title: str = "", width: int = 560,
                     configure: bool = True, label_chars: int = 80):
    """Horizontal bars of P(meet target) per indicator with ±2 SE whiskers, traffic-light coloured
    (long names without their bracketed explanation, :func:`short_names`; at most ``label_chars``)."""
    s = probability_bars_data(summary, lang=lang, label_chars=label_chars)
    y = alt.Y("name:N", sort=list(s["name"]), title=None, axis=alt.Axis(labelLimit=420))
    bars = alt.Chart(s).mark_bar().encode(
        x=alt.X("p_hit:Q", title=label("p_hit", lang), scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        y=y, color=alt.Color("colour:N", scale=None),
        tooltip=["id:N", "name:N", alt.Tooltip("p_hit:Q", format=".1%"), alt.Tooltip("p_hit_se:Q", format=".1%")])
    whisk = alt.Chart(s).mark_rule(color="black").encode(x="lo:Q", x2="hi:Q", y=y)
    text = alt.Chart(s).mark_text(align="left", dx=4, font=FONT).encode(
        x="hi:Q", y=y, text=alt.Text("p_hit:Q", format=".0%"))
    chart = alt.layer(bars, whisk, text).properties(title=title)
    h = max(120, 24 * len(s))
    return _configure(chart, width, h) if configure else chart.properties(width=width, height=h)


def comparison_chart(table: pd.DataFrame, names: list[str], *, lang: str = "zh", title: str = "",
                     width: int = 560, configure: bool = True, label_limit: int = 420, label_width: int = 0):
    """Dot plot: P(meet target) per indicator, one colour and row offset per scenario (legend in
    the given order). Indicators by their short names (:func:`short_names`), wrapped at
    ``label_width`` half-width units (0: one line) and cut at ``label_limit`` pixels a line."""
    rows = []
    short = short_names(names_in(table, lang))
    for (_, r), name in zip(table.iterrows(), short):
        name = "\n".join(wrap(name, label_width)) if label_width else name
        for n in names:
            p = r[f"p_hit[{n}]"]
            if np.isfinite(p):
                rows.append({"name": name, "scenario": n, "p_hit": p})
    d = pd.DataFrame(rows)
    y = alt.Y("name:N", title=None, sort=None,
              axis=alt.Axis(labelLimit=label_limit, labelExpr="split(datum.value, '\\n')"))
    # scenarios side by side within each indicator's row, so equal probabilities never hide each other
    off = alt.YOffset("scenario:N", sort=names, scale=alt.Scale(paddingInner=0.2))
    line = alt.Chart(d).mark_line(color="lightgray").encode(x="p_hit:Q", y=y, detail="name:N")
    dots = alt.Chart(d).mark_circle(size=110, opacity=0.9).encode(
        x=alt.X("p_hit:Q", title=label("p_hit", lang), scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        y=y, yOffset=off, color=alt.Color("scenario:N", title=label("scenario", lang), sort=names,
                                          scale=alt.Scale(domain=list(names),
                                                          range=SCENARIO_COLOURS[:len(names)] or SCENARIO_COLOURS)),
        tooltip=["name:N", "scenario:N", alt.Tooltip("p_hit:Q", format=".1%")])
    chart = alt.layer(line, dots).properties(title=title)
    lines = max((n.count("\n") + 1 for n in d["name"]), default=1)
    h = max(120, (26 + 12 * (lines - 1)) * d["name"].nunique())
    return _configure(chart, width, h) if configure else chart.properties(width=width, height=h)


def tornado_chart(tornado: pd.DataFrame, *, lang: str = "zh", title: str = "", width: int = 560,
                  configure: bool = True, value_text: Optional[Callable[[str, float, str], str]] = None):
    """Tornado: for each lever, the probability at the low and high end of its range, the lever's
    value written at each end; levers that move the probability by less than 0.5 points are left out.

    ``value_text(lever, value, unit)`` writes a lever's value (the app passes
    ``talentsim.levertext.lever_value``); by default ``fmt_value`` with the row's unit."""
    text = value_text or (lambda _lever, v, u: fmt_value(v, u, lang))
    t = tornado[(tornado["p_high"] - tornado["p_low"]).abs() >= 0.005].copy()
    if t.empty:
        t = tornado.head(1).copy()
    t["name"] = names_in(t, lang)
    if "baseline_growth" in set(t.get("lever", [])):
        t.loc[t["lever"] == "baseline_growth", "name"] = label("baseline_growth", lang)
    unit = t["unit"] if "unit" in t else pd.Series("", index=t.index)
    lever = t["lever"] if "lever" in t else pd.Series("", index=t.index)
    t["v_low"] = [text(k, v, u) for k, v, u in zip(lever, t["low"], unit)] if "low" in t else ""
    t["v_high"] = [text(k, v, u) for k, v, u in zip(lever, t["high"], unit)] if "high" in t else ""
    long = pd.concat([
        t.assign(end=label("low", lang), p=t["p_low"], value=t["v_low"]),
        t.assign(end=label("high", lang), p=t["p_high"], value=t["v_high"])])
    # the lever's value beside each end: inside a long bar (outside it would run into the names),
    # outside a short one (inside, the two values would overlap)
    long["left"] = long["p"] <= long.groupby("name")["p"].transform("max") - 1e-9
    short = (long.groupby("name")["p"].transform("max") - long.groupby("name")["p"].transform("min")) < 0.25
    long["side"] = [("in" if not s else "out") + ("_left" if lft else "_right") for s, lft in zip(short, long["left"])]
    y = alt.Y("name:N", sort=list(t["name"]), title=None, axis=alt.Axis(labelLimit=260))
    base = alt.Chart(t).mark_rule(color="gray", strokeWidth=6, opacity=0.4).encode(x="p_low:Q", x2="p_high:Q", y=y)
    dots = alt.Chart(long).mark_point(filled=True, size=90).encode(
        x=alt.X("p:Q", title=label("p_hit", lang), scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        y=y, color=alt.Color("end:N", title=None, legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=["name:N", "end:N", alt.Tooltip("p:Q", format=".1%")])   # legend below: clear of the end values
    p0 = alt.Chart(pd.DataFrame({"p": [float(t["p_base"].iloc[0])]})).mark_rule(strokeDash=[4, 3]).encode(x="p:Q")
    ends = [alt.Chart(long[long["side"] == side]).mark_text(align=al, dx=dx, dy=-9, fontSize=11, font=FONT,
                                                             color="#444").encode(x="p:Q", y=y, text="value:N")
            for side, al, dx in (("in_left", "left", 8), ("in_right", "right", -8), ("out_left", "right", -4),
                                 ("out_right", "left", 4))]
    chart = alt.layer(base, dots, p0, *ends).properties(title=_title(title))
    h = max(120, 26 * len(t))
    return _configure(chart, width, h) if configure else chart.properties(width=width, height=h)


def discovery_chart(discovery: Discovery, *, lang: str = "zh", title: Optional[str] = None,
                    subtitle: Optional[str] = None,
                    width: int = 300):
    """Scenario discovery (``scenarios.discovery.discover``'s result): left, PRIM's peeling
    trajectory (coverage against density, one point per box, coloured by how many assumptions
    it narrows, the chosen box ringed); right, each assumption's sampled range (grey) and the
    chosen box (red where it narrows the range, pale where its quasi-p-value is 0.05 or more) on a
    common 0-1 scale, with the box's bounds
    written in the assumption's unit. Title and subtitle default to the indicator and the box's
    coverage and density."""
    table, trajectory, chosen = discovery.table(), discovery.trajectory, discovery.chosen
    if title is None:
        title = t("chart_discovery_title", lang, indicator=discovery.indicator_name(lang))
    if subtitle is None:
        box = discovery.box
        subtitle = t("chart_discovery_sub", lang, samples=f"{len(discovery.samples):,}", paths=f"{discovery.paths:,}",
                     coverage=fmt_prob(float(box["coverage"]), digits=0), density=fmt_prob(float(box["density"]), digits=0),
                     overall=fmt_prob(discovery.failure_rate, digits=0))
    tr = trajectory[["step", "coverage", "density", "mass", "restricted"]].copy()
    tr["chosen"] = tr["step"] == chosen
    x = alt.X("coverage:Q", title=label("coverage", lang), scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"))
    y = alt.Y("density:Q", title=label("density", lang), scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"))
    line = alt.Chart(tr).mark_line(color="#bbbbbb").encode(x=x, y=y, order="step:Q")
    pts = alt.Chart(tr).mark_point(filled=True, size=40).encode(
        x=x, y=y, color=alt.Color("restricted:O", title=label("restricted", lang),
                                  scale=alt.Scale(scheme="viridis"),
                                  legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=["step:Q", alt.Tooltip("coverage:Q", format=".0%"), alt.Tooltip("density:Q", format=".0%"),
                 alt.Tooltip("mass:Q", format=".0%"), "restricted:Q"])
    ring = alt.Chart(tr[tr["chosen"]]).mark_point(size=260, color="#c62828", strokeWidth=2.5).encode(x=x, y=y)
    ring_text = alt.Chart(tr[tr["chosen"]].assign(text=label("chosen_box", lang))).mark_text(
        align="right", dx=-12, dy=-12, font=FONT, fontSize=12, color="#c62828").encode(x=x, y=y, text="text:N")
    left = alt.layer(line, pts, ring, ring_text).properties(title=label("peeling", lang), width=width, height=width)
    b = table.copy()
    span = (b["range_high"] - b["range_low"]).where(lambda s: s > 0, 1.0)
    b["name"] = [lever_name(k, lang) for k in b["assumption"]]
    b["lo"], b["hi"] = (b["box_low"] - b["range_low"]) / span, (b["box_high"] - b["range_low"]) / span
    b["box_text"] = [f"{lever_value(k, lo, lang)} – {lever_value(k, hi, lang)}"
                     for k, lo, hi in zip(b["assumption"], b["box_low"], b["box_high"])]
    b["range_text"] = [f"{lever_value(k, lo, lang)} – {lever_value(k, hi, lang)}"
                       for k, lo, hi in zip(b["assumption"], b["range_low"], b["range_high"])]
    # red: a restriction that earns its place (quasi-p < 0.05); pale red: one that may be noise
    b["colour"] = np.where(~b["restricted"], "#9e9e9e", np.where(b["quasi_p"] < 0.05, "#c62828", "#ef9a9a"))
    names = list(b["name"])
    yb = alt.Y("name:N", sort=names, title=None, axis=alt.Axis(labelLimit=220))
    xb = alt.X("lo:Q", title=label("share_of_range", lang), scale=alt.Scale(domain=[0, 1]),
               axis=alt.Axis(format="%"))
    full = alt.Chart(b.assign(zero=0.0, one=1.0)).mark_bar(color="#e0e0e0", height=16).encode(
        x=alt.X("zero:Q", title=label("share_of_range", lang), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")), x2="one:Q", y=yb,
        tooltip=[alt.Tooltip("name:N", title=label("lever", lang)),
                 alt.Tooltip("range_text:N", title=label("full_range", lang))])
    box = alt.Chart(b).mark_bar(height=8).encode(
        x=xb, x2="hi:Q", y=yb, color=alt.Color("colour:N", scale=None),
        tooltip=[alt.Tooltip("name:N", title=label("lever", lang)),
                 alt.Tooltip("box_text:N", title=label("box_range", lang)),
                 alt.Tooltip("range_text:N", title=label("full_range", lang))])
    text = alt.Chart(b).mark_text(dy=-16, fontSize=11, font=FONT, color="#444").encode(
        x=alt.value(width / 2), y=yb, text="box_text:N")
    right = alt.layer(full, box, text).properties(title=label("box_range", lang), width=width,
                                                  height=max(120, 46 * len(b)))
    chart = alt.hconcat(left, right, spacing=40).properties(title=_title(title, subtitle))
    return (chart.configure(font=FONT).configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13)
            .configure_legend(labelFont=FONT, titleFont=FONT).configure_title(font=FONT, fontSize=16, anchor="start"))


__all__ = ["SCENARIO_COLOURS", "wrap", "short_names", "text_width", "fan_chart", "fan_layers", "fan_title", "probability_bars", "comparison_chart", "tornado_chart", "discovery_chart", "band_colour", "label",
           "OP_SYMBOL", "FONT"]
