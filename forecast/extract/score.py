"""Score candidates against labelled rows: one-to-one matching on (name, value, year, comparator).

Names match when, with spaces, brackets and punctuation removed, one contains the other and the
shorter is at least 40 % of the longer, or their character bigrams overlap (Dice) at least 0.5.
Values match to 0.1 % (both ends of a range); an empty labelled year matches any year.
Also :func:`naive_pattern`, the baseline the extractor is compared with.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from forecast.extract.candidate import Candidate
from forecast.extract.numbers import find_mentions, normalize
from forecast.extract.sentences import split_sentences

_STRIP = re.compile(r"[\s（）()“”\"'*、，,。：:；;《》\[\]【】]")


def norm_name(name: str) -> str:
    """The name compared: no spaces, brackets or punctuation, half-width."""
    return _STRIP.sub("", normalize(str(name)))


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def names_match(a: str, b: str) -> bool:
    """True when two printed names are the same indicator (see the module docstring)."""
    x, y = norm_name(a), norm_name(b)
    if not x or not y:
        return False
    short, long_ = sorted((x, y), key=len)
    if short in long_ and len(short) >= 0.4 * len(long_):
        return True
    bx, by = _bigrams(x), _bigrams(y)
    return 2 * len(bx & by) / (len(bx) + len(by)) >= 0.5


def _num(v) -> float | None:
    if v is None or v == "":
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _same(a, b) -> bool:
    x, y = _num(a), _num(b)
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= 1e-3 * max(abs(x), abs(y), 1e-9)


def rows_match(label: Mapping, cand: Mapping) -> bool:
    """Value, range end, year (empty label year: any) and comparator agree, and the names match."""
    if not _same(label["value"], cand["value"]) or not _same(label.get("value_high"), cand.get("value_high")):
        return False
    ly = _num(label.get("year"))
    if ly is not None and _num(cand.get("year")) != ly:
        return False
    return str(label["comparator"]) == str(cand["comparator"]) and names_match(label["indicator_zh"],
                                                                                  cand["indicator_zh"])


@dataclass(frozen=True)
class Score:
    """Counts and rates of one comparison."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(labels: list[Mapping], cands: Iterable[Mapping]) -> Score:
    """One-to-one matching, each label taken by the first unused candidate that matches it."""
    cands = list(cands)
    used = [False] * len(cands)
    tp = 0
    for lab in labels:
        for j, c in enumerate(cands):
            if not used[j] and rows_match(lab, c):
                used[j] = True
                tp += 1
                break
    return Score(tp, len(cands) - tp, len(labels) - tp)


_NAIVE = re.compile(r"([\u4e00-\u9fffA-Za-z&]{2,20}?)(?:达到|提高到|增长)(?=\d)")


def naive_pattern(text: str, ref_year: int | None = None) -> list[Candidate]:
    """The baseline: a noun, then 达到/提高到/增长, then a number with its unit; the year is the
    last 20XX年 before it in the sentence (else ``ref_year``); 以上 → >=, 左右 → about."""
    out = []
    for no, line in enumerate(text.split("\n"), start=1):
        norm = normalize(line)
        for s0, s1 in split_sentences(norm):
            sent = norm[s0:s1]
            for m in _NAIVE.finditer(sent):
                ms = [x for x in find_mentions(sent[m.end():]) if x.start == 0 and x.unit]
                if not ms:
                    continue
                mn = ms[0]
                years = re.findall(r"((?:19|20)\d\d)年", sent[:m.start()])
                comp = "about" if mn.post == "左右" else ">=" if mn.post == "以上" else "<=" \
                    if mn.post in ("以下", "以内") else "="
                out.append(Candidate(m.group(1), mn.unit, mn.value, comp, int(years[-1]) if years else ref_year,
                                     "target", False, line[s0:s1].strip(), no))
    return out


__all__ = ["Score", "score", "rows_match", "names_match", "norm_name", "naive_pattern"]
