"""The next lever step simulated ahead (``talentsim.app.prefetch``, issue 22, speed): which step is
simulated, that a move onto it simulates nothing, and that its numbers are the cold run's."""

from __future__ import annotations

import pytest
import streamlit as st

import scenarios
from talentsim.app import prefetch
from talentsim.app.state import LEVER_KEYS

from .conftest import FUNDING, HL


@pytest.mark.parametrize("key, value, direction, want", [
    ("funding_cny_100m_per_year", 2.4, 1, 2.5),       # 2.4 + 0.1 = 2.5000000000000004: the browser sends 2.5
    ("funding_cny_100m_per_year", 0.7, -1, 0.6),
    ("inflow_10k_per_year", 0.2, 1, 0.3),             # 0.30000000000000004 unrounded
    ("funding_growth_pct_per_year", 5.0, -1, 4.5),    # a step of 0.5
])
def test_next_value_is_one_step_rounded_as_the_slider_rounds(key, value, direction, want):
    from scenarios import LEVERS

    lv = LEVERS[key]
    assert prefetch.next_value(key, value, direction) == want        # exactly: the cache key is its text
    assert prefetch.next_value(key, lv.high, 1) is None and prefetch.next_value(key, lv.low, -1) is None


def _spy(monkeypatch) -> list:
    calls: list = []
    real = scenarios.simulate

    def counting(*a, **kw):
        calls.append(a[0])
        return real(*a, **kw)

    monkeypatch.setattr(scenarios, "simulate", counting)
    return calls


def _move(at, by: float):
    s = at.slider(key=FUNDING)
    return s.set_value(round(s.value + by, 1)).run()


def test_a_move_onto_the_prefetched_step_simulates_nothing_and_shows_the_cold_numbers(app, monkeypatch):
    st.cache_data.clear()
    st.cache_resource.clear()
    at = app(region="tianhe", preset="plan", lang="en", view="indicator", indicator=HL).run()
    calls = _spy(monkeypatch)
    _move(at, 0.1)                      # a move: simulated, then the next step (+0.1) ahead
    assert not at.exception and not at.error
    assert len(calls) == 2 and at.session_state["_prefetch_move"] == ("funding_cny_100m_per_year", 1)
    ahead = calls[1].levers.funding_cny_100m_per_year
    assert ahead == pytest.approx(at.slider(key=FUNDING).value + 0.1)
    del calls[:]
    _move(at, 0.1)                      # onto the step simulated ahead: answered from the cache ...
    assert not at.exception and not at.error
    assert [c.levers.funding_cny_100m_per_year for c in calls] == [pytest.approx(ahead + 0.1)]   # ... only the next one runs
    shown = [m.value for m in at.metric]
    st.cache_data.clear()
    st.cache_resource.clear()
    at.run()                            # the same value cold
    assert [m.value for m in at.metric] == shown


def test_other_moves_and_the_switch(app, monkeypatch):
    """Two levers moved at once or another region: nothing ahead; ``TALENTSIM_PREFETCH=0``: never."""
    at = app(region="tianhe", preset="plan", lang="en", view="indicator", indicator=HL).run()
    _move(at, -0.1)
    assert at.session_state["_prefetch_move"] == ("funding_cny_100m_per_year", -1)
    at.session_state[LEVER_KEYS["funding_growth_pct_per_year"]] = 7.0
    _move(at, 0.2)
    assert at.session_state["_prefetch_move"] is None
    monkeypatch.setenv("TALENTSIM_PREFETCH", "0")
    calls = _spy(monkeypatch)
    _move(at, 0.3)
    assert not at.exception and len(calls) == 1


def test_a_failing_prefetch_never_reaches_the_page(app, monkeypatch, caplog):
    """Speculation only: an error while simulating ahead is logged on the server, the page shows no error."""
    at = app(region="tianhe", preset="plan", lang="en", view="indicator", indicator=HL).run()

    def broken(*a, **kw):
        raise ValueError("cannot simulate ahead")

    monkeypatch.setattr(prefetch, "neighbour", broken)
    with caplog.at_level("WARNING", logger="talentsim.app.prefetch"):
        _move(at, 0.1)
    assert not at.exception and not at.error and at.metric[0].value.endswith("%")
    assert "prefetch of the next lever step failed" in caplog.text
