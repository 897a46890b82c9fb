"""English counts agree with their noun ("1 indicators" and "3 indicator(s)" were both on slides)."""

from __future__ import annotations

import string

import pytest

from talentsim.messages import CATALOGUE, t

MARKED = sorted(k for k, (_, en) in CATALOGUE.items() if "(s)" in en)


def test_there_are_marked_strings():
    assert "deck_unchanged" in MARKED and "deck_basis_count" in MARKED


@pytest.mark.parametrize("key", MARKED)
@pytest.mark.parametrize("n,ending", [(1, ""), (2, "s"), (1500, "s")])
def test_counted_nouns_agree(key, n, ending):
    fields = {f for _, f, _, _ in string.Formatter().parse(CATALOGUE[key][1]) if f}
    text = t(key, "en", **{f: n for f in fields})
    assert "(s)" not in text, text
    zh = t(key, "zh", **{f: n for f in fields})
    assert "(s)" not in zh and zh == CATALOGUE[key][0].format(**{f: n for f in fields})


def test_singular_and_plural():
    assert t("deck_unchanged", "en", n=1).startswith("1 indicator with")
    assert t("deck_unchanged", "en", n=14).startswith("14 indicators with")
    assert t("deck_basis_count", "en", n=1, what="x") == "1 indicator: x"
    assert "median 2 points, at most 10" in t("story_history", "en", n=3, median=2, most=10, one=0)
    assert "median 1 point, at most 1" in t("story_history", "en", n=3, median=1, most=1, one=3)
