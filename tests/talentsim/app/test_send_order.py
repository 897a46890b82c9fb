"""The order in which a lever move's page reaches the browser (issue 22, speed).

The browser handles a run's messages one by one (a few ms each on a loaded machine) and paints
when they pause, so the headline numbers are sent before the unchanged title, captions, view
switch and indicator picker that sit above them on the page (drawn later into containers made
first): these tests read the messages a rerun sends, in order."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

from .conftest import FUNDING, HL


def _sent(at, monkeypatch, rerun) -> list[str]:
    """Kinds of what ``rerun(at)`` sends, in order: elements by their type (``metric``,
    ``heading``, ...), containers as ``add_block``."""
    kinds: list[str] = []
    real = ScriptRunContext.enqueue

    def enqueue(self, msg):
        if msg.HasField("delta"):
            d = msg.delta
            kind = d.WhichOneof("type")
            kinds.append(d.new_element.WhichOneof("type") if kind == "new_element" else kind)
        return real(self, msg)

    monkeypatch.setattr(ScriptRunContext, "enqueue", enqueue)
    rerun(at)
    monkeypatch.setattr(ScriptRunContext, "enqueue", real)
    assert not at.exception
    return kinds


def _move(at) -> None:
    """One step of the funding lever."""
    s = at.slider(key=FUNDING)
    s.set_value(round(s.value + 0.1, 1)).run()


def _assert_numbers_first(kinds: list[str], view: str) -> None:
    """The metrics come before the title, the view switch and (indicator) the picker; ahead of them
    only containers, the metrics' style and (overview) its subheading."""
    first = kinds.index("metric")
    assert "heading" in kinds[first:]                                          # the title
    assert "button_group" in kinds and kinds.index("button_group") > first     # the view switch
    if view == "indicator":
        assert kinds.index("selectbox") > first                                # the indicator picker
    assert set(kinds[:first]) <= {"add_block", "html", "heading"}, kinds[:first]
    assert kinds[:first].count("heading") == (1 if view == "overview" else 0), kinds[:first]


@pytest.mark.parametrize("view", ["indicator", "overview"])
def test_headline_numbers_are_sent_before_the_header(app, monkeypatch, view):
    at = app(region="tianhe", preset="plan", lang="en", view=view, indicator=HL).run()
    _assert_numbers_first(_sent(at, monkeypatch, _move), view)


def test_the_page_still_reads_top_down(app):
    """Drawn out of order, the page keeps its order: title, view switch, picker, then the numbers."""
    at = app(region="tianhe", preset="plan", lang="en", view="indicator", indicator=HL).run()
    assert not at.exception
    order = [type(e).__name__ for e in at.main]
    top = [n for n in order if n in ("Title", "ButtonGroup", "Selectbox", "Metric")]
    assert top[:4] == ["Title", "ButtonGroup", "Selectbox", "Metric"], top
    assert at.selectbox[0].value == HL and at.title[0].value


def test_a_page_new_to_the_browser_pauses_longer_after_its_numbers(app, monkeypatch):
    """``let_paint``: the longer pause on a session's first run and on another view or language,
    the short one on a lever move (what is paused is the rest of the page, not the numbers)."""
    from talentsim.app.views import common

    pauses: list[float] = []
    monkeypatch.setattr(common, "time", SimpleNamespace(sleep=pauses.append))   # this module's sleep only
    at = app(region="tianhe", preset="plan", lang="en", view="indicator", indicator=HL).run()
    _move(at)
    at.session_state["view"] = "overview"
    at.run()
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception
    assert pauses == [common.NEW_PAGE_PAUSE, common.PAINT_PAUSE, common.NEW_PAGE_PAUSE, common.NEW_PAGE_PAUSE]
    assert common.NEW_PAGE_PAUSE > common.PAINT_PAUSE > 0


@pytest.mark.parametrize("view", ["indicator", "overview"])
def test_a_new_page_is_sent_top_down(app, monkeypatch, view):
    """A page new to the browser (here: another view) is drawn in reading order, so nothing is
    put in above the numbers it already shows; the next lever move sends the numbers first again."""
    other = "overview" if view == "indicator" else "indicator"
    at = app(region="tianhe", preset="plan", lang="en", view=other, indicator=HL).run()

    def switch(a) -> None:
        a.session_state["view"] = view
        a.run()

    kinds = _sent(at, monkeypatch, switch)
    first = kinds.index("metric")
    assert kinds.index("heading") < kinds.index("button_group") < first
    if view == "indicator":
        assert kinds.index("selectbox") < first
    _assert_numbers_first(_sent(at, monkeypatch, _move), view)
