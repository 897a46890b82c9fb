"""The one message catalogue: both languages present, same placeholders, loud on typos."""

from __future__ import annotations

import string

import pytest

from talentsim.messages import CATALOGUE, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_fields(key):
    zh, en = CATALOGUE[key]
    assert zh.strip() and en.strip(), f"{key}: a language is empty"
    assert _fields(zh) == _fields(en), f"{key}: zh has {_fields(zh)}, en has {_fields(en)}"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_formats_in_both_languages(key):
    fields = {name: "x" for name in _fields(CATALOGUE[key][1])}
    for lang in ("zh", "en"):
        assert t(key, lang, **fields)


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        t("no_such_key", "en")


def test_the_old_tables_are_gone():
    """Charts, export headers, slides, report and sheets read the catalogue, not tables of their own."""
    import talentsim.charts as charts
    from talentsim.export import html, pptx, tables, xlsx

    for mod, name in ((charts, "_T"), (tables, "_H"), (html, "_T"), (pptx, "_T"), (xlsx, "SHEETS")):
        assert not hasattr(mod, name), f"{mod.__name__}.{name} is back: add strings to talentsim/messages"
    assert charts.label("p_hit", "en") == t("chart_p_hit", "en") == "P(meet target)"
    assert tables.header("p_hit", "zh") == "达标概率" and xlsx.sheet_name("summary", "en") == "Summary"
