"""User-facing text in Chinese and English: one catalogue, one lookup, number formatting.

``t(key, lang, **fields)`` looks a string up in :data:`CATALOGUE`
(the package ``talentsim/messages/catalogue/``, the one place to add strings) and fills ``{fields}``;
``lang`` is ``"zh"`` or ``"en"``. An unknown key raises ``KeyError`` so a typo fails in
tests, not in front of a planner. The ``fmt_*`` helpers write numbers as the plan
documents do (``talentsim/messages/numbers.py``). Nothing here imports Streamlit.
"""

from __future__ import annotations

import re

from talentsim.messages.catalogue import CATALOGUE
from talentsim.messages.numbers import (OP_TEXT, fmt_doc_value, fmt_expected, fmt_number, fmt_pct, fmt_pp, fmt_prob,
                                        fmt_share, fmt_target, fmt_value, unit_text)

LANGS = ("zh", "en")
#: The catalogue under its former name (key -> (中文, English)).
STRINGS = CATALOGUE


#: "3 indicator(s)", "1 history point(s)": a count, at most one word, then a noun marked "(s)"
_PLURAL = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?) ((?:[A-Za-z-]+ )?)([A-Za-z-]+)\(s\)")


def _plural(text: str) -> str:
    """English catalogue strings mark a counted noun "word(s)"; once the count is filled in it is
    "1 indicator" or "3 indicators", never "1 indicators" or "3 indicator(s)"."""
    return _PLURAL.sub(lambda m: f"{m[1]} {m[2]}{m[3]}{'' if m[1] == '1' else 's'}", text)


def t(key: str, lang: str = "zh", **fields: object) -> str:
    """String ``key`` in ``lang`` (``"zh"`` or ``"en"``), with ``{fields}`` filled in."""
    zh, en = CATALOGUE[key]
    text = zh if lang == "zh" else en
    text = text.format(**fields) if fields else text
    return _plural(text) if lang != "zh" and "(s)" in text else text


__all__ = ["t", "CATALOGUE", "STRINGS", "LANGS", "fmt_value", "fmt_doc_value", "fmt_number", "fmt_prob", "fmt_pct",
           "fmt_pp", "fmt_share", "fmt_expected", "fmt_target", "unit_text", "OP_TEXT"]
