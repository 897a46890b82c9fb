"""Which year a number refers to: 到2025年, 十四五 (2025), 十五五 (2030), 今年, 去年, 过去五年.

A document has a reference year (the last year with outcomes: the year before a work report,
the base year of a plan); a number later than it is a target, not later an outcome.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PERIODS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_PERIOD = "|".join(PERIODS)
MARKER = re.compile(
    rf"(?P<cmp>比|较|与|同|由|从|自|相比|是)?(?:到|至|截至|在)?(?P<y>(?:19|20)\d\d)\s*年(?:底|末|前)?(?P<since>以来|起|开始|的)?"
    rf"|(?P<cmp2>比|较|与|同|相比|是)?“?(?P<p>{_PERIOD})”?(?P<ptail>末|期末|期间|时期|时|规划|以来)?"
    rf"|(?P<rel>今年|明年|去年|上年|过去一年|一年来|过去五年|五年来|本届政府)"
    r"|用?(?P<dur>\d{1,4}|[一二三四五六七八九十]{1,2})年(?:左右)?(?:内|的时间|时间)")


@dataclass(frozen=True)
class YearMark:
    """A year printed at ``pos``; ``since`` marks 以来/起 (a start), ``compare`` 比/较 (a base)."""

    pos: int
    end: int
    year: int
    compare: bool
    since: bool


def marks(norm: str, doc_year: int | None, since: int | None = None) -> list[YearMark]:
    """Every year marker in a sentence or paragraph of normalized text.

    A duration (510年内 = 5-10 years, 用5年左右的时间) ends its late end after ``since`` (the
    last 从2012年起 seen), or after ``doc_year``.
    """
    out = []
    for m in MARKER.finditer(norm):
        if m.group("dur"):
            start = since or doc_year
            n = _duration(m.group("dur"))
            if start and n:
                out.append(YearMark(m.start(), m.end(), start + n, False, False))
        elif m.group("y"):
            year = int(m.group("y"))
            is_start = bool(m.group("since") in ("以来", "起", "开始"))
            cmp = m.group("cmp") if m.group("cmp") != "是" or m.group("since") == "的" else None   # 是2015年的3.5倍
            out.append(YearMark(m.start(), m.end(), year, cmp is not None and not is_start, is_start))
        elif m.group("p"):
            tail = m.group("ptail") or ""
            out.append(YearMark(m.start(), m.end(), PERIODS[m.group("p")], m.group("cmp2") is not None,
                                tail == "以来"))
        elif doc_year:
            rel = m.group("rel")
            year = doc_year if rel in ("今年",) else doc_year + 1 if rel == "明年" else doc_year - 1
            out.append(YearMark(m.start(), m.end(), year, False, False))
    return out


def _duration(token: str) -> int | None:
    from forecast.extract.numbers import split_lost_dash, to_float

    pair = split_lost_dash(token) if len(token) > 1 and token.isdigit() else None
    n = pair[1] if pair else to_float(token)
    return int(n) if n and 0 < n <= 50 else None


def guess_doc_year(text: str, hint: str = "") -> int | None:
    """The year a document was issued: from a name like ``2021.md`` or its most cited recent year."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", hint)
    if m:
        return int(m.group(1))
    head = text[:3000]
    m = re.search(r"〔((?:19|20)\d\d)〕", head)
    if m:
        return int(m.group(1))
    m = re.search(r"((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", head)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)\s*年", text))
    return max(years, key=lambda y: (years[y], y)) if years else None


def is_report(text: str, hint: str = "") -> bool:
    """A government work report (工作报告): it reviews last year and sets this year's targets."""
    return "工作报告" in hint or "工作报告" in text[:600]


def reference_year(text: str, doc_year: int | None, hint: str = "") -> int | None:
    """The last year of outcomes: a 十X五 plan's base year, the year before a work report, else
    the year of the document (a reply's 目前 is its own year)."""
    if is_report(text, hint):
        return doc_year - 1 if doc_year else None
    cited = [PERIODS[name] for name in PERIODS if text.count(name) >= 3]
    if cited and "规划" in text[:5000]:
        return max(cited) - 5
    return doc_year


__all__ = ["PERIODS", "YearMark", "marks", "guess_doc_year", "reference_year", "is_report"]
