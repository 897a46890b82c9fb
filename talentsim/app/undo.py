"""Undo of the last lever moves: a short stack of lever values in the session.

Each rerun :func:`record` compares the sliders with the values it saw last; a change pushes
the old values (a move, a reset, a solved value applied). A new region or starting scenario
starts a new history: its levers are not a move of the planner's. :func:`on_undo` (a button's
callback, run before the sliders are drawn) puts the last values back.
"""

from __future__ import annotations

from talentsim.app import schedules
from talentsim.app.state import LEVER_KEYS, ss

#: how many moves can be undone
DEPTH = 20


def context() -> tuple:
    """Where lever values belong: the region (or uploaded region) and the starting scenario."""
    return (ss.get("region"), ss.get("upload_region"), ss.get("src"))


def _now() -> dict:
    """The sliders' values, and the yearly budget and sector inflows applied (``schedules``)."""
    return {**{k: ss.get(name) for k, name in LEVER_KEYS.items()},
            **{k: dict(ss.get(k) or {}) for k in (schedules.BUDGET, schedules.SECTOR)}}


def record() -> None:
    """Push the previous lever values when the sliders or the schedules changed since the last run."""
    now = _now()
    last, where = ss.get("_undo_last"), ss.get("_undo_where")
    if where != context():
        ss._undo_stack = []
    elif last is not None and last != now:
        ss._undo_stack = [*ss.get("_undo_stack", []), last][-DEPTH:]
    ss._undo_last, ss._undo_where = now, context()


def can_undo() -> bool:
    return bool(ss.get("_undo_stack"))


def on_undo() -> None:
    """Restore the lever values before the last move (a callback: the sliders are not drawn yet)."""
    stack = list(ss.get("_undo_stack", []))
    if not stack:
        return
    values = stack.pop()
    for k, name in LEVER_KEYS.items():
        if values.get(k) is not None:
            ss[name] = values[k]
    for key in (schedules.BUDGET, schedules.SECTOR):
        if key in values:
            ss[key] = values[key]
    schedules.renew()
    ss._undo_stack = stack
    ss._undo_last = _now()


__all__ = ["DEPTH", "record", "can_undo", "on_undo"]
