"""Why an indicator is not simulated, in the reader's language: one table for the app and the exports.

The engine words its reasons in English (``Setup.skipped``, ``GrowthLaws.skipped``); each row
here matches one of them and names the catalogue key that words it, with the fields it captures
(years, the horizon). A reason no row knows is shown as the engine wrote it in English and as
a generic phrase in Chinese.
"""

from __future__ import annotations

import re

from talentsim.messages import t

#: (pattern on the engine's reason, catalogue key, names of the captured fields); first match wins
SKIPS: tuple[tuple[re.Pattern, str, tuple[str, ...]], ...] = (
    (re.compile(r"target withheld"), "skip_withheld", ()),
    (re.compile(r"target year (\d+) is after the horizon (\d+)"), "skip_late", ("year", "horizon")),
    (re.compile(r"target year (\d+) is before its base year (\d+)"), "skip_before", ("year", "base")),
    (re.compile(r"base year not before the horizon"), "skip_base_late", ()),
    (re.compile(r"its (\d+) outcome is already in the data"), "skip_outcome", ("year",)),
    (re.compile(r"no usable base observation"), "skip_no_usable_base", ()),
    (re.compile(r"no base value"), "skip_no_base", ()),
    (re.compile(r"shares are modelled on the logit scale"), "skip_logit", ()),
)


def skip_reason(why: str, lang: str) -> str:
    """Why an indicator is not simulated, in ``lang`` (the engine gives it in English)."""
    text = str(why)
    for pattern, key, names in SKIPS:
        m = pattern.search(text)
        if m:
            return t(key, lang, **dict(zip(names, m.groups())))
    head, sep, rest = text.partition(": ")
    if sep and "." in head:          # "region.indicator: reason": the id is shown beside it already
        text = rest
    return text if lang == "en" else t("skip_other", lang)


__all__ = ["skip_reason", "SKIPS"]
