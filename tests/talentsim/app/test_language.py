"""One language at a time: every view, rendered in each language, shows no text of the other.

Allowed: the plan documents' own sentences (quotes, cited sources), ids and proper names
(``langcheck.ZH_ALLOW`` / ``EN_ALLOW``). Everything else a planner reads — labels, notes,
units, table headers, statuses, chart titles — must come in the page's language.
"""

from __future__ import annotations

import pytest

from tests.talentsim.app.langcheck import leaks, quoted_sources, texts

VIEWS = [("tianhe", v) for v in ("overview", "indicator", "compare", "solve", "targets", "data",
                                                 "newplan", "methods")] + [("liwan", "p555")]


@pytest.fixture(scope="module")
def quotes():
    return {lang: quoted_sources(lang) for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("region, view", VIEWS)
def test_view_speaks_one_language(app, quotes, region, view, lang):
    at = app(region=region, lang=lang, view=view)
    at.run()
    assert not at.exception
    shown = texts(at)
    assert len(shown) > 10, shown  # the collector sees the page
    bad = leaks(shown, lang, quotes[lang])
    assert bad == [], f"{region}/{view} in {lang}: {sorted(set(bad))[:30]}"


def test_the_check_catches_a_leak():
    assert leaks(["Median projection 105 万人"], "en") == ["万人"]
    assert leaks(["中位预测 base value"], "zh") == ["base", "value"]
    assert leaks(["“人才资源总量达到105万人”"], "en") == []
