"""Numbers written the way the plan documents write them, in either language.

``fmt_value(value, unit, lang)`` keeps the documents' own units (万人, 亿元, 人, %) and
switches to a larger unit only where the documents would (1,500 人 stays in 人;
1,050,000 人 becomes 105 万人; 45,000 万元 becomes 4.5 亿元).

Why not Babel: the switch to 万/亿 is a rule about *units* (人 -> 万人 from 100,000,
万元 -> 亿元 from 10,000), not about the locale; both languages write "1,500" with the
same grouping; and Babel's compact formats ("1万") would drop the unit the documents use.
So these few functions stay plain Python and cost no import time.
"""

from __future__ import annotations

import math
from typing import Optional

#: Units whose values are counted one by one (written with thousands separators).
_COUNT_UNITS = {"人", "名", "位", "家", "件", "个", "所", "套", "张", "场", "人次", "项", "工作日"}
#: A unit and the larger unit the documents switch to, with the factor and the threshold.
#: Public name of the count units (whole numbers in exported sheets).
COUNT_UNITS = _COUNT_UNITS
_SCALE_UP = {
    "人": ("万人", 1e4, 1e5), "人次": ("万人次", 1e4, 1e5), "件": ("万件", 1e4, 1e5),
    "万元": ("亿元", 1e4, 1e4), "万人": ("亿人", 1e4, 1e4), "元": ("亿元", 1e8, 1e8),
}


def fmt_number(x: float, sig: int = 4) -> str:
    """A number to ``sig`` significant digits (never fewer than the integer part), with a
    thousands separator and no trailing zeros: 1500 -> '1,500', 136.21 -> '136.2'."""
    if x is None or not math.isfinite(x):
        return "–"
    if x == 0:
        return "0"
    digits = int(math.floor(math.log10(abs(x)))) + 1        # digits before the point
    decimals = max(0, sig - digits)
    s = f"{x:,.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fmt_value(value: Optional[float], unit: str, lang: str = "zh") -> str:
    """A value with its unit as the plan documents write it.

    >>> fmt_value(105, "万人"), fmt_value(450, "亿元"), fmt_value(1500, "人"), fmt_value(33.6, "%")
    ('105 万人', '450 亿元', '1,500 人', '33.6 %')
    >>> fmt_value(1_050_000, "人"), fmt_value(45_000, "万元")
    ('105 万人', '4.5 亿元')
    """
    if value is None:
        return "–"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return "–"
    unit = unit or ""
    if unit in _SCALE_UP:
        big, factor, threshold = _SCALE_UP[unit]
        if abs(v) >= threshold:
            v, unit = v / factor, big
    if unit in _COUNT_UNITS and abs(v) >= 100:
        num = f"{round(v):,}"
    else:
        num = fmt_number(v)
    return f"{num} {unit}".strip()


def fmt_prob(p: Optional[float], se: Optional[float] = None, *, digits: int = 1) -> str:
    """A probability as '80.0 %' or '80.0 % ± 0.3 %'."""
    if p is None or not math.isfinite(p):
        return "–"
    s = f"{p * 100:.{digits}f} %"
    if se is not None and math.isfinite(se):
        s += f" ± {se * 100:.{digits}f} %"
    return s


def fmt_pct(x: Optional[float], *, digits: int = 1, signed: bool = False) -> str:
    """A percentage figure (already in %) as '7.2 %' (or '+7.2 %' when ``signed``)."""
    if x is None or not math.isfinite(x):
        return "–"
    return f"{x:+.{digits}f} %" if signed else f"{x:.{digits}f} %"


OP_TEXT = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "≈"}


def fmt_target(op: str, value: Optional[float], unit: str, lang: str = "zh") -> str:
    """Target with the document's comparator: '≥ 1,500 人', '＞ 110 件'."""
    if value is None or not (isinstance(value, (int, float)) and math.isfinite(value)):
        from talentsim.messages import t

        return t("no_target", lang)
    return f"{OP_TEXT.get(op, op)} {fmt_value(value, unit, lang)}"


__all__ = ["COUNT_UNITS", "fmt_value", "fmt_number", "fmt_prob", "fmt_pct", "fmt_target", "OP_TEXT"]
