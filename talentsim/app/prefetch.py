"""The next lever step, simulated ahead: after a run has drawn the page, the value one step further
along the lever the planner just moved is simulated into the results cache, so that the next
press of an arrow key (or click on the slider's next notch) answers from the cache.

Why: a lever move costs a simulation and its summary before the first probability can be sent
(about 60 ms on an idle 2-core machine, twice that beside a browser), most of the time a move
takes in the browser (``benchmarks/bench_page.py``). Planners step a lever notch by notch. The
numbers are the very ones a cold run computes (the same cached functions, the same key); only
when they are computed changes. A move elsewhere (a drag, another lever, back) costs what it did.

Set ``TALENTSIM_PREFETCH=0`` to turn it off (a busy shared server: each run then simulates once,
not twice; ``bench_page.py --no-prefetch`` measures the cold moves).
"""

from __future__ import annotations

import logging
import math
import os
from typing import TYPE_CHECKING, Optional

from scenarios import LEVERS
from talentsim.app import compute, state, undo
from talentsim.app.state import LEVER_KEYS, ss

if TYPE_CHECKING:
    from scenarios.spec import Scenario

log = logging.getLogger(__name__)


def enabled() -> bool:
    """Prefetching is on unless ``TALENTSIM_PREFETCH`` is ``0``/``false``/``no``/``off``."""
    return os.environ.get("TALENTSIM_PREFETCH", "1").strip().lower() not in ("0", "false", "no", "off")


def next_value(key: str, value: float, direction: int) -> Optional[float]:
    """The slider's value one step from ``value`` towards ``direction`` (+1/-1), rounded to the step's
    decimals as the browser's slider rounds it; None past the slider's end."""
    lv = LEVERS[key]
    low, high = state.lever_bounds(key) if lv.integer else (lv.low, lv.high)
    step = float(lv.step)
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    nxt = round(float(value) + direction * step, decimals)
    if not low <= nxt <= high:
        return None
    return int(nxt) if lv.integer else nxt


def note_move() -> Optional[tuple[str, int]]:
    """(lever, direction) of the planner's last single-lever move, kept across runs that move none;
    forgotten when a run changes several levers or another region or starting scenario is chosen
    (its levers are not a move of the planner's). Call once a run."""
    now, where = {k: ss.get(name) for k, name in LEVER_KEYS.items()}, undo.context()
    last = ss.get("_prefetch_last")
    if last is None or last[0] != where:
        ss._prefetch_move = None
    elif last[1] != now:
        moved = [k for k in now if now[k] != last[1].get(k)]
        old = last[1].get(moved[0]) if len(moved) == 1 else None
        ss._prefetch_move = ((moved[0], 1 if now[moved[0]] > old else -1)
                             if isinstance(old, (int, float)) and isinstance(now[moved[0]], (int, float)) else None)
    ss._prefetch_last = (where, now)
    return ss.get("_prefetch_move")


def neighbour(sc: Scenario, move: Optional[tuple[str, int]]) -> Optional[Scenario]:
    """``sc`` with the lever of ``move`` one step further in its direction; None where there is none."""
    if move is None:
        return None
    key, direction = move
    value = getattr(sc.levers, key, None)
    if not isinstance(value, (int, float)):
        return None
    nxt = next_value(key, value, direction)
    return None if nxt is None else sc.with_levers(**{key: nxt})


def run(wanted: bool = True) -> None:
    """Once a run, after the page is drawn: note the last move (:func:`note_move`) and, if ``wanted``
    (the view shows simulated results) and on, simulate the next step of the scenario on screen into
    the results cache (:func:`compute.sim_results`; a value already cached costs a lookup). Never
    fails: a region that cannot be set up has said so already, and the next run computes anew."""
    move = note_move()
    if not (wanted and move is not None and enabled()):
        return
    try:
        nxt = neighbour(state.current_scenario(), move)
        if nxt is not None:
            compute.sim_results(state.setup_key(), compute.canonical(nxt), state.current_setup())
    except Exception:  # noqa: BLE001 - speculation: the page is drawn; the next run computes what it needs
        log.warning("prefetch of the next lever step failed", exc_info=True)


__all__ = ["enabled", "next_value", "note_move", "neighbour", "run"]
