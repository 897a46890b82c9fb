"""The message catalogue: every user-facing string, in Chinese and English.

``CATALOGUE[key] = (中文, English)``; look strings up with ``talentsim.messages.t``. The
strings live in section modules of this package (``page``, ``exports``, ``deck``,
``language``, ``dataerrors``, ``scenarioerrors``, ``extract``, ``targets``, ``story``, ``drivers``), merged
here into the ONE dict the lookup uses; a key defined in two
sections is an error at import, so sections cannot silently override each other. Add a
new key to the section of the part of the product that shows it. Keys of a section share
a prefix where the section's strings would otherwise collide (``chart_``, ``head_``,
``report_``, ``html_``, ``pptx_``, ``sheet_``, ``cli_``, ``deck_``). ``{fields}`` must be
the same in both languages (tests/talentsim/test_messages.py checks it).
"""

from __future__ import annotations

from talentsim.messages.catalogue import (dataerrors, deck, drivers, exports, extract, language, page,
                                          scenarioerrors, schedules, story, targets, workflow)


def _merge(*sections: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for section in sections:
        twice = sorted(set(out) & set(section))
        if twice:
            raise KeyError(f"message keys defined twice in the catalogue: {', '.join(twice)}")
        out.update(section)
    return out


CATALOGUE: dict[str, tuple[str, str]] = _merge(page.SECTION, exports.SECTION, deck.SECTION, language.SECTION,
                                               dataerrors.SECTION, scenarioerrors.SECTION, extract.SECTION,
                                               targets.SECTION, story.SECTION, drivers.SECTION, workflow.SECTION,
                                               schedules.SECTION)

__all__ = ["CATALOGUE"]
