"""The scenario library's file operations on the saved-scenario folder (``state.saved_dir``):
rename, duplicate, delete. Nothing here imports Streamlit; messages say names, never the folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

import os
from pathlib import Path

import scenarios
from scenarios import NameTakenError, ScenarioError, save_scenario

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd

    from scenarios.spec import Scenario


def saved_dir() -> Path:
    """Saved scenarios: ``$TALENTSIM_SAVED_DIR`` (read on every call), else ``scenarios/saved`` of the checkout."""
    return Path(os.environ.get("TALENTSIM_SAVED_DIR") or Path(__file__).resolve().parents[2] / "scenarios" / "saved")


def saved_names() -> list[str]:
    """Names of the saved scenarios (their files' stems), sorted."""
    if not saved_dir().is_dir():
        return []
    return sorted(p.stem for p in saved_dir().glob("*.yaml") if not p.name.startswith("."))


def _path(folder: Path, name: str) -> Path:
    return folder / f"{name}.yaml"


def _renamed(folder: Path, old: str, new: str):
    sc = scenarios.load_scenario(_path(folder, old), source=f"{old}.yaml")
    # the new name is the scenario's own: its old titles in either language would contradict it
    return scenarios.scenario_from_dict({**sc.to_dict(), "name": new, "name_zh": "", "name_en": ""}, source="name")


def duplicate(folder: Path, old: str, new: str) -> str:
    """Save a copy of ``old`` under ``new`` (refused when taken: ``NameTakenError``); the new name."""
    sc = _renamed(folder, old, new)
    if _path(folder, sc.name).exists():
        raise NameTakenError(sc.name)
    save_scenario(sc, _path(folder, sc.name))
    return sc.name


def rename(folder: Path, old: str, new: str) -> str:
    """Give ``old`` the name ``new`` (the file and the name inside it); the new name."""
    name = duplicate(folder, old, new)
    _path(folder, old).unlink(missing_ok=True)
    return name


def delete(folder: Path, name: str) -> None:
    """Remove a saved scenario (a name the folder lists, never a path)."""
    if name != Path(name).name or name.startswith("."):
        raise ScenarioError(f"not a saved scenario: {name!r}")
    _path(folder, name).unlink(missing_ok=True)


def copy_name(name: str, taken: list[str], suffix: str) -> str:
    """A free name for a copy of ``name``: 'plan copy', 'plan copy 2', ..."""
    from talentsim.app.display import unique_name

    return unique_name(f"{name}{suffix}".strip(), taken, "")


def fresh_descriptions(base: Scenario, levers_now: dict, default: Callable[[str], float],
                       desc: tuple[str, str], schedules_now: dict | None = None,
                       indicators: pd.DataFrame | None = None) -> dict[str, str]:
    """The descriptions to save (``description``, ``description_zh``): the typed ones, unless they are
    still the starting scenario's and the levers or schedules moved (a preset's stance would describe
    a different scenario); then a sentence naming the start, the changed levers and the yearly
    budget and sector inflows set (``schedules_now``: the scenario's ``budget`` and
    ``sector_inflow``; sectors named from ``indicators``), per language."""
    from talentsim.app.display import scenario_title
    from talentsim.levertext import lever_name, lever_value, schedule_parts
    from talentsim.messages import t

    en, zh = desc
    levers_base = {k: default(k) if v is None else v for k, v in base.levers.model_dump().items()}  # None: the region's
    changed = [k for k, v in levers_now.items() if v != levers_base.get(k)]
    now = {"budget": {}, "sector_inflow": {}, **(schedules_now or {})}
    moved = {int(y): float(v) for y, v in now["budget"].items()} != {int(y): float(v) for y, v in base.budget.items()} \
        or {k: float(v) for k, v in now["sector_inflow"].items() if v} != {k: v for k, v in base.sector_inflow.items() if v}
    if (en, zh) != (base.description, base.description_zh) or not (changed or moved):
        return {"description": en, "description_zh": zh}

    def text(lang: str) -> str:
        sep = "、" if lang == "zh" else ", "
        moves = [f"{lever_name(k, lang)} {lever_value(k, levers_now[k], lang)}" for k in changed]
        moves += schedule_parts(now["budget"], now["sector_inflow"], lang, indicators)
        return t("saved_description", lang, base=scenario_title(base, lang), changes=t("saved_changes", lang,
                                                                                        levers=sep.join(moves))
                 if moves else "")
    return {"description": text("en"), "description_zh": text("zh")}


__all__ = ["saved_dir", "saved_names", "duplicate", "rename", "delete", "copy_name", "fresh_descriptions"]
