"""A statsmodels-style summary: a header of facts and tables, as text or HTML.

``str(s)`` / ``s.as_text()`` for a terminal, ``s.as_html()`` (and ``_repr_html_``, so a
notebook shows it as a table) for Jupyter; ``s.tables`` keeps the DataFrames. Every value
is escaped in HTML: names and notes may come from a user's data.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Summary:
    """Title, (label, value) facts, DataFrames, and free text (e.g. ``talentsim fit --explain``)."""

    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[pd.DataFrame] = field(default_factory=list)
    text: str = ""

    def as_text(self) -> str:
        width = max([len(k) for k, _ in self.facts] + [0])
        out = [self.title, "=" * max(len(self.title), 20)]
        out += [f"{k:<{width}}  {v}" for k, v in self.facts]
        for t in self.tables:
            out += ["", t.to_string(index=False)]
        if self.text:
            out += ["", self.text]
        return "\n".join(out)

    def as_html(self) -> str:
        e = html.escape
        out = [f"<div><b>{e(self.title)}</b>"]
        if self.facts:
            out.append("<table>" + "".join(f"<tr><th style='text-align:left'>{e(k)}</th><td>{e(v)}</td></tr>"
                                            for k, v in self.facts) + "</table>")
        for t in self.tables:
            out.append(t.to_html(index=False, escape=True, na_rep="–", float_format=lambda x: f"{x:.4g}"))
        if self.text:
            out.append(f"<pre>{e(self.text)}</pre>")
        return "".join(out) + "</div>"

    def __str__(self) -> str:
        return self.as_text()

    def __repr__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        return self.as_html()


def law_summary(law) -> Summary:
    """A growth law's facts: scale, base, drift with its spread, shock, basis. (With the text of
    ``talentsim fit ID --explain``: :func:`forecast.report.law_report`, which fits the indicator.)"""
    import numpy as np

    pct = (lambda x: f"{np.expm1(x) * 100:+.2f} %/yr") if law.scale == "log" else (lambda x: f"{x:+.4f} logit/yr")
    facts = [("Indicator", law.indicator_id), ("Kind", law.kind or "–"), ("Working scale", law.scale),
             ("Base", f"{law.base_value:g} ({law.base_year})"),
             ("Drift", f"{pct(law.drift_loc)} ± {law.drift_scale:.4f} × t({law.drift_df:g}) ({law.scale} scale)"),
             ("Shock sd", f"{law.shock_sd:.4g} ({law.scale} scale)"), ("Basis", law.basis or law.model),
             ("Hyperparameter draws", str(len(law.draws)))]
    return Summary(f"Growth law: {law.indicator_id}", facts, [], "")


def calibration_summary(cal) -> Summary:
    """The families tried on one history: scores and weights, the skipped ones, the choice."""
    facts = [("History", f"{len(cal.years)} points, {int(cal.years[0])}–{int(cal.years[-1])}" if len(cal.years) else "none"),
             ("Transform", cal.transform), ("Chosen", f"{cal.chosen} ({cal.method})")]
    facts += [(f"Skipped {k}", v) for k, v in cal.skipped.items()]
    return Summary("Calibration", facts, [cal.scores.reset_index()])


__all__ = ["Summary", "law_summary", "calibration_summary"]
