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

# the units table (data/units.csv): units counted one by one (whole numbers, thousands
# separators; also the exported sheets' whole-number formats), the larger unit the documents
# switch to (factor, threshold), and the base unit a 万/亿 unit counts (105 万人 = 1.05 million people)
from forecast.data.units import BASE_UNIT as _EN_BASE
from forecast.data.units import COUNT_UNITS
from forecast.data.units import SCALE_UP as _SCALE_UP


def fmt_number(x: float, sig: int = 3) -> str:
    """A number to ``sig`` significant digits, with a thousands separator, no trailing zeros
    and no signed zero: 1500 -> '1,500', 136.21 -> '136', 27890 -> '27,900'."""
    if x is None or not math.isfinite(x):
        return "–"
    if x == 0:
        return "0"
    digits = int(math.floor(math.log10(abs(x)))) + 1        # digits before the point
    decimals = max(0, sig - digits)
    if digits > sig:
        x = round(x, sig - digits)
    s = f"{x:,.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def unit_text(unit: str, lang: str = "zh") -> str:
    """A unit as ``lang`` writes it: '万人' -> '10k people', '亿元/年' -> '100M yuan/yr' in English."""
    from talentsim.messages.catalogue import CATALOGUE

    unit = unit or ""
    if unit.endswith("/年") and len(unit) > 2:
        inner = unit_text(unit[:-2], lang)
        return CATALOGUE["unit_per_year"][lang != "zh"].format(unit=inner)
    pair = CATALOGUE.get(f"unit:{unit}")
    return unit if pair is None else pair[lang != "zh"]


def _en_big(v: float, unit: str, sig: int) -> str:
    base, factor = _EN_BASE[unit]
    x, words = v * factor, unit_text(base, "en")      # the base unit's English from the catalogue
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(x) >= size:
            return f"{fmt_number(x / size, sig)} {word} {words}"
    return f"{fmt_number(x, sig)} {words}"


def fmt_value(value: Optional[float], unit: str, lang: str = "zh", *, sig: int = 3) -> str:
    """A value with its unit as the plan documents write it (one rule for every view).

    Counts of people and organisations are whole numbers; other values get ``sig``
    significant digits (3 for projections; 4 keeps a document's own figure such as 19.79).
    Chinese keeps the documents' units; English writes 万/亿 out (1.05 million people).

    >>> fmt_value(105, "万人"), fmt_value(450, "亿元"), fmt_value(1500, "人"), fmt_value(33.6, "%")
    ('105 万人', '450 亿元', '1,500 人', '33.6 %')
    >>> fmt_value(1_050_000, "人"), fmt_value(45_000, "万元"), fmt_value(17.01, "家")
    ('105 万人', '4.5 亿元', '17 家')
    >>> fmt_value(105, "万人", "en"), fmt_value(1.2, "亿元/年", "en"), fmt_value(17.01, "家", "en")
    ('1.05 million people', '120 million yuan/yr', '17 organisations')
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
    if unit.endswith("/年") and len(unit) > 2:
        from talentsim.messages.catalogue import CATALOGUE

        inner = fmt_value(v, unit[:-2], lang, sig=sig)
        return CATALOGUE["unit_per_year"][lang != "zh"].format(unit=inner)
    if lang != "zh" and unit in _EN_BASE:
        return _en_big(v, unit, sig)
    if unit in _SCALE_UP:
        big, factor, threshold = _SCALE_UP[unit]
        if abs(v) >= threshold:
            v, unit = v / factor, big
            if lang != "zh" and unit in _EN_BASE:
                return _en_big(v, unit, sig)
    if unit in COUNT_UNITS:
        num = f"{round(v):,}"
        num = "0" if num == "-0" else num
    else:
        num = fmt_number(v, sig)
    return f"{num} {unit_text(unit, lang)}".strip()


def fmt_doc_value(value: Optional[float], unit: str, lang: str = "zh") -> str:
    """A figure quoted from a document (base, target): as written, up to 4 significant digits."""
    return fmt_value(value, unit, lang, sig=4)


def _signed(x: float, digits: int) -> str:
    s = f"{x:+.{digits}f}"
    return s[1:] if float(s) == 0 else s          # no '+0.0' / '-0.0'


def fmt_prob(p: Optional[float], se: Optional[float] = None, *, digits: int = 1) -> str:
    """A probability as '80.0 %' or '80.0 % ± 0.3 %'."""
    if p is None or not math.isfinite(p):
        return "–"
    s = f"{p * 100:.{digits}f} %"
    if se is not None and math.isfinite(se):
        s += f" ± {_spread(se * 100, digits)} %"
    return s


def _spread(x: float, digits: int) -> str:
    """A non-negative error at ``digits`` decimals; one too small to show is '< 0.1', not a false '0.0'."""
    step = 10.0 ** -digits
    return f"< {step:.{digits}f}" if 0 < x < step / 2 else f"{x:.{digits}f}"


def fmt_pct(x: Optional[float], *, digits: int = 1, signed: bool = False) -> str:
    """A percentage figure (already in %) as '7.2 %' (or '+7.2 %' when ``signed``; never '-0.0 %')."""
    if x is None or not math.isfinite(x):
        return "–"
    s = _signed(x, digits) if signed else f"{x:.{digits}f}"
    return f"{'0.0' if s in ('-0.0', '-0') else s} %"


def fmt_pp(x: Optional[float], se: Optional[float] = None, lang: str = "zh", *, digits: int = 1,
           unit: bool = True) -> str:
    """A difference of probabilities (given in points) in 百分点 / pp: '+3.2 个百分点 ± 0.4'
    (``unit=False``: '+3.2 ± 0.4', for a table whose header names the unit)."""
    from talentsim.messages.catalogue import CATALOGUE

    if x is None or not math.isfinite(x):
        return "–"
    s = f"{_signed(x, digits)} {CATALOGUE['pp'][lang != 'zh']}" if unit else _signed(x, digits)
    if se is not None and math.isfinite(se):
        s += f" ± {_spread(se, digits)}"
    return s


def fmt_share(x: Optional[float], *, digits: int = 0) -> str:
    """A share given as a fraction, as a percentage: 0.3 -> '30 %'."""
    if x is None or not math.isfinite(x):
        return "–"
    return f"{x * 100:.{digits}f} %"


def fmt_expected(x: Optional[float]) -> str:
    """An expected count (targets met): one decimal on every view."""
    if x is None or not math.isfinite(x):
        return "–"
    return f"{x:.1f}"


OP_TEXT = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "≈"}


def fmt_target(op: str, value: Optional[float], unit: str, lang: str = "zh") -> str:
    """Target with the document's comparator: '≥ 1,500 人', '＞ 110 件'."""
    if value is None or not (isinstance(value, (int, float)) and math.isfinite(value)):
        from talentsim.messages import t

        return t("no_target", lang)
    sign = OP_TEXT.get(op, op)
    if lang != "zh":  # the full-width ＞/＜ are Chinese typography
        sign = {"＞": ">", "＜": "<"}.get(sign, sign)
    return f"{sign} {fmt_doc_value(value, unit, lang)}"


__all__ = ["COUNT_UNITS", "fmt_value", "fmt_doc_value", "fmt_number", "fmt_prob", "fmt_pct", "fmt_pp", "fmt_share",
           "fmt_expected", "fmt_target", "unit_text", "OP_TEXT"]
