"""Why an indicator is not simulated, in the reader's language: the engine words its reasons in
English (``Setup.skipped``); exports match them here and word them from the catalogue."""

from __future__ import annotations

import re

from talentsim.messages import t

#: (pattern on the engine's reason, catalogue key, names of the captured fields)
_SKIPS = ((re.compile(r"target withheld"), "story_skip_withheld", ()),
          (re.compile(r"target year (\d+) is after the horizon (\d+)"), "story_skip_late", ("year", "horizon")),
          (re.compile(r"target year (\d+) is before its base year (\d+)"), "story_skip_before", ("year", "base")),
          (re.compile(r"base year not before the horizon"), "story_skip_base_late", ()),
          (re.compile(r"no base value|no usable base observation"), "story_skip_no_base", ()))


def skip_reason(why: str, lang: str) -> str:
    """Why an indicator is not simulated, in ``lang`` (the engine gives it in English)."""
    for pattern, key, names in _SKIPS:
        m = pattern.search(str(why))
        if m:
            return t(key, lang, **dict(zip(names, m.groups())))
    return t("story_skip_other", lang) if lang == "zh" else str(why)


__all__ = ["skip_reason"]
