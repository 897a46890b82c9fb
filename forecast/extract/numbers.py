"""Numbers as Chinese plans print them: 1,234.5 / 96万 / 一百二十 / ５％ / 3-5 / [96.4] / 翻一番.

:func:`normalize` maps full-width ASCII to half-width one character for one character, so an
offset in the normalized text is the same offset in the document (quotes stay exact).
:func:`find_mentions` returns every number with its unit, range and printed qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x2014: 0x2D, 0x2013: 0x2D,
                                                              0xFF5E: 0x7E, 0x2236: 0x3A}


def normalize(text: str) -> str:
    """Full-width digits, letters and signs to ASCII, one character for one (offsets are kept)."""
    return text.translate(_FULLWIDTH)


#: base units, longest first where one is a prefix of another
_BASE = ("个百分点", "百分点", "个工作日", "个月", "人年/万人", "人/千人", "人次", "平方公里", "平方米", "标准箱", "标箱", "千瓦时",
         "千瓦", "公里", "公顷", "公斤", "斤", "列", "对", "工作日", "小时", "%", "‰", "倍", "美元", "元", "人", "名", "位", "件", "家", "个", "所",
         "项", "套", "张", "场", "户", "座", "台", "辆", "条", "处", "亩", "吨", "床", "年", "岁", "天", "艘", "架",
         "门", "次", "篇", "部", "批", "支", "株", "只", "头", "棵", "本", "册", "册", "间", "栋", "幢", "片", "块")
_MULT = ("万亿", "亿", "万", "千")
UNIT_RE = "(?:" + "|".join(re.escape(m) for m in _MULT) + ")?(?:" + "|".join(re.escape(b) for b in _BASE) + ")" \
          + "|万亿|亿|万"
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千]*[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*(?:点[零〇一二三四五六七八九]+)?"
_RANGE_SEP = r"\s*(?:-|~|至|到|—|－)\s*"

MENTION = re.compile(
    rf"(?P<pre>≥|≤|>|<|不低于|不少于|不超过|不高于|低于|超过|高于|大于|小于|至少|约|近|超)?\s*"
    rf"(?P<open>\[)?(?P<a>{ARABIC}|{CHINESE})(?:(?P<unit_a>%|万|亿)?{_RANGE_SEP}(?P<b>{ARABIC}|{CHINESE}))?"
    rf"(?P<close>\])?\s*(?P<mid>多|余)?(?P<unit>{UNIT_RE})?(?P<post>以上|以下|以内|之内|左右|上下|多|余)?")
DOUBLING = re.compile(r"(?:翻了?(?P<n>[一两二三四])番|翻番)(?P<more>多|以上)?")
_NOT_NUMBER_BEFORE = re.compile(r"(第|前|后|十|统|唯|同|之|万|每|逐|进|合|划|星|级|型|号|G|g|C|c|\w\.)$")


@dataclass(frozen=True)
class Mention:
    """One number as printed: ``value`` (``value_high`` for a range), its unit and its qualifiers."""

    start: int
    end: int
    value: float
    value_high: float | None
    unit: str
    pre: str
    post: str
    bracketed: bool


def to_float(token: str) -> float | None:
    """``"1,234.5"`` → 1234.5; ``"一百二十"`` → 120 (cn2an); None when it is not a number."""
    token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        pass
    try:
        return float(cn2an.cn2an(token, "normal"))
    except (ValueError, KeyError, TypeError):
        return None


def split_lost_dash(token: str) -> tuple[float, float] | None:
    """``"510"`` → (5, 10), ``"1530"`` → (15, 30): a range whose dash the conversion dropped.

    Only used when the document shows lost dashes (:func:`has_lost_dashes`): two halves, the
    second larger but at most twice the first, neither with a leading zero.
    """
    if not token.isdigit() or len(token) not in (2, 3, 4):
        return None
    for cut in range(1, len(token)):
        a, b = token[:cut], token[cut:]
        if b.startswith("0") or a.startswith("0"):
            continue
        x, y = int(a), int(b)
        if 2 <= x < y <= 2 * x and len(b) - len(a) in (0, 1):
            return float(x), float(y)
    return None


def has_lost_dashes(text: str) -> bool:
    """A document that prints a duration of 100+ years (``510年内``) lost the dashes of its ranges."""
    return bool(re.search(r"(?<![\d.])(\d{3,4})年(?:内|的时间|时间|左右)", text)) and \
        any(split_lost_dash(m.group(1)) for m in re.finditer(r"(?<![\d.])(\d{3,4})年(?:内|的时间|时间)", text))


def find_mentions(norm: str, *, lost_dashes: bool = False, bare: bool = False) -> list[Mention]:
    """Every number with a unit (or a bracket, or a comparator sign) in normalized text.

    ``bare`` also keeps numbers without any of these (a table cell's unit is in its column).
    """
    out: list[Mention] = []
    for m in MENTION.finditer(norm):
        a, unit = m.group("a"), m.group("unit") or ""
        if not a or (not a[0].isdigit() and not unit):
            continue
        start = m.start("a")
        if start and (norm[start - 1].isdigit() or norm[start - 1] == "."):
            continue
        if _NOT_NUMBER_BEFORE.search(norm[max(0, start - 2):start]) and not a[0].isdigit():
            continue
        if a[0].isdigit() and start and norm[start - 1] in "第":
            continue
        if not bare and _is_year(a, unit, norm, m.end()):
            continue
        if not a[0].isdigit() and not _chinese_ok(a, unit):
            continue
        value = to_float(a)
        if value is None:
            continue
        high = to_float(m.group("b")) if m.group("b") else None
        if m.group("unit_a") and not unit:
            unit = m.group("unit_a")
        if high is None and lost_dashes and unit in ("名", "个", "位", "年", "所", "家", "人") and "," not in a:
            pair = split_lost_dash(a)
            if pair:
                value, high = pair
        if not unit and not m.group("open") and not m.group("pre") and not bare and not m.group("post"):
            continue
        pre = m.group("pre") or ""
        out.append(Mention(m.start("pre") if pre else start, m.end(), value, high, unit, pre,
                           m.group("post") or m.group("mid") or "", bool(m.group("open") and m.group("close"))))
    for m in DOUBLING.finditer(norm):
        n = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}.get(m.group("n") or "一", 1)
        out.append(Mention(m.start(), m.end(), float(2 ** n), None, "倍", "", m.group("more") or "", False))
    return sorted(out, key=lambda x: x.start)


def _is_year(a: str, unit: str, norm: str, end: int) -> bool:
    if unit == "年" and re.fullmatch(r"(19|20)\d\d", a):
        return True
    if not unit and re.fullmatch(r"(19|20)\d\d", a):
        return True
    nxt = norm[end:end + 1]
    return unit in ("年", "") and nxt != "" and nxt in "月日号时"


def _chinese_ok(a: str, unit: str) -> bool:
    """Chinese numerals count only before a unit that makes them a quantity, not in set phrases."""
    if unit in ("年", "天", "次", "批", "个", "项", "条", "部", "支", "只", "头", "本", "间", "片", "块", "门",
                "处", "场", "台", "座", "户", "张", "套", "篇", "件"):
        return a not in ("一", "两", "二", "三", "几") and len(a) > 1 and a not in ("一二", "十一")
    if unit.endswith("倍") or unit.endswith("百分点") or unit in ("%",):
        return True
    return len(a) > 1 or a in ("十",)


__all__ = ["Mention", "normalize", "to_float", "find_mentions", "split_lost_dash", "has_lost_dashes",
           "UNIT_RE", "ARABIC"]
