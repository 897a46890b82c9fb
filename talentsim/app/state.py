"""The page's session state: the scenario on screen, its region and data, the link, callbacks.

Streamlit keeps widget values in ``st.session_state`` (``ss``); these functions read and
change it so the views never touch its keys directly. Pure helpers live next door
(``links``, ``regions``, ``upload``, ``display``); cached numbers in ``compute``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

import scenarios
from scenarios import LEVERS, ScenarioError, load_preset, parse_scenario, preset_names, save_scenario
from scenarios import reach
from talentsim import levertext
from talentsim.app import compute, library, links, regions, schedules, upload
from talentsim.app import years
from talentsim.app.years import data_year, horizon, region_years, years_text  # noqa: F401 - the page's years
from talentsim.app.display import unique_name
from talentsim.app.library import saved_dir, saved_names  # noqa: F401 - the page's saved scenarios
from talentsim.app.regions import UPLOAD
from talentsim.messages import LANGS, t

if TYPE_CHECKING:
    from scenarios.spec import Scenario

ss = st.session_state
PATH_CHOICES = (2_000, 5_000, 20_000, 100_000)
DEFAULT_PATHS = 20_000
#: session-state key of each lever's slider
LEVER_KEYS = {k: f"lever_{k}" for k in LEVERS}
#: widget values that must survive runs in which their widget is not drawn
PERSIST = (*LEVER_KEYS.values(), "paths",
           "solve_prob", "scn_name", "scn_desc", "scn_desc_zh", "upload_region", "step", "plan_region")


def lang() -> str:
    """The page's language, ``"zh"`` or ``"en"``."""
    return ss.get("lang", "zh") if ss.get("lang") in LANGS else "zh"


def keep_widget_state() -> None:
    """Write back widgets not drawn last run (Streamlit forgets them); not levers the sidebar draws every run."""
    for key in PERSIST:
        if key in ss and not (key in LEVER_KEYS.values() and ss.get("_levers_drawn") and simulated()):
            ss[key] = ss[key]


# --------------------------------------------------------------------------- regions and data
def shipped_regions() -> list[str]:
    return list(compute.shipped_regions())


def region_choices() -> list[str]:
    """The regions of the shipped data, and the user's upload when there is one."""
    return shipped_regions() + ([UPLOAD] if ss.get("upload") else [])


def region_views() -> tuple[str, ...]:
    return years.upload_views() if ss.region == UPLOAD and ss.get("upload") else compute.region_views(ss.region)


def simulated() -> bool:
    """Whether the region on screen has indicators to simulate (else: programme and data only)."""
    return "overview" in region_views()


def region_name(lang: str) -> str:
    return regions.region_label(ss.region, lang, ss.upload.name if ss.get("upload") else "", compute.shipped_dataset())


def scenario_region() -> str:
    return ss.upload_region if ss.region == UPLOAD else ss.region


def setup_key() -> tuple:
    up = ss.region == UPLOAD
    return ("upload", ss.upload.token, ss.upload_region, horizon()) if up else ("shipped", ss.region, horizon())


def current_setup():
    if ss.region == UPLOAD:
        return compute.uploaded_setup(ss.upload.token, ss.upload_region, horizon(), ss.upload)
    return compute.shipped_setup(ss.region, horizon())   # horizon: the region's last target year


def current_dataset():
    return years._where()[0]


# --------------------------------------------------------------------------- scenario sources
def source_options() -> list[str]:
    opts = [f"preset:{n}" for n in preset_names()] + [f"saved:{n}" for n in saved_names()]
    if ss.get("uploaded_scenario") is not None:
        opts.append(f"upload:{ss.uploaded_scenario.name}")
    return opts


def source_label(opt: str, lang: str) -> str:
    """'预设 · 规划情景': the kind of source and the scenario's name in ``lang``."""
    kind, _, name = opt.partition(":")
    prefix = {"preset": "preset_prefix", "saved": "saved_prefix", "upload": "uploaded_prefix"}.get(kind)
    if prefix is None:
        return opt
    if kind == "preset":
        name = compute.preset_titles().get(name, {}).get(lang) or name
    return f"{t(prefix, lang)} · {name}"


def lever_default(key: str) -> float:
    """A lever's starting value here: the region's own funding figure for the funding lever
    (``scenarios.reach.lever_defaults``), the registry's default otherwise."""
    lv = LEVERS[key]
    value = lv.default
    if ss.get("region") is not None and simulated():   # during start-up no region is chosen yet
        try:
            value = reach.lever_defaults(current_setup()).get(key, lv.default)
        except Exception:  # noqa: BLE001 - a region that cannot be set up keeps the registry default
            value = lv.default
    value = lv.default if value is None else min(max(float(value), lv.low), lv.high)
    if lv.integer:
        low, high = lever_bounds(key)
        value = min(max(value, low), high)
    return lv.cast(value)


def lever_bounds(key: str) -> tuple[int, int]:
    """An integer lever's slider range here (``years.lever_bounds``: the shock year within the region's years)."""
    try:
        setup = current_setup() if key == "shock_year" and ss.get("region") is not None and simulated() else None
    except Exception:  # noqa: BLE001 - a region that cannot be set up keeps the registry range
        setup = None
    return years.lever_bounds(key, setup)


def refresh_region_defaults() -> None:
    """When the region changes, levers the starting scenario leaves to the region (``None``,
    e.g. funding = the region's own figure) move to the new region's value. Call before the
    sliders are drawn."""
    here = (ss.get("region"), ss.get("upload_region"), getattr(ss.get("upload"), "token", None))
    before = ss.get("_defaults_for")
    ss._defaults_for = here
    if before is None or before == here:   # first run: the sliders already hold the scenario's (or link's) values
        return
    base = ss.get("base_scenario")
    if base is None:
        return
    values = base.levers.model_dump()
    for k in LEVERS:
        if values.get(k) is None:
            ss[LEVER_KEYS[k]] = lever_default(k)


def disabled_levers() -> dict[str, str]:
    """Lever -> catalogue key of the reason it does nothing in the region on screen."""
    if ss.get("region") is None or not simulated():
        return {}
    try:
        return reach.disabled_levers(current_setup())
    except Exception:  # noqa: BLE001 - the page reports setup errors elsewhere
        return {}


def modified() -> bool:
    """Whether the levers on screen differ from the starting scenario's (an edited scenario)."""
    base = ss.get("base_scenario")
    if base is None:
        return False
    values = base.levers.model_dump()
    return any(ss.get(LEVER_KEYS[k]) != (lever_default(k) if values.get(k) is None else lv.cast(values[k]))
               for k, lv in LEVERS.items()) or schedules.applied() != (base.budget, base.sector_inflow)


def load_source(opt: str):
    kind, _, name = opt.partition(":")
    if kind == "preset":
        return load_preset(name)
    if kind == "saved":
        return scenarios.load_scenario(saved_dir() / f"{name}.yaml", source=f"{name}.yaml")  # no server path
    if kind == "upload" and ss.get("uploaded_scenario") is not None:
        return ss.uploaded_scenario
    raise ScenarioError(f"unknown scenario source {opt!r}")


def apply_scenario(sc: Scenario, *, levers: dict | None = None) -> None:
    """Make ``sc`` the starting scenario and put its lever values into the sliders."""
    ss.base_scenario = sc
    values = sc.levers.model_dump() if levers is None else levers
    for k, lv in LEVERS.items():
        v = values.get(k)  # None = the region's own figure (scenarios.reach.lever_defaults)
        ss[LEVER_KEYS[k]] = lever_default(k) if v is None else lv.cast(v)
    ss.scn_name = sc.name
    ss.scn_desc = sc.description
    ss.scn_desc_zh = sc.description_zh
    ss.paths = sc.paths if sc.paths in PATH_CHOICES else DEFAULT_PATHS
    schedules.load(sc)   # its yearly budget and sector inflow
    ss.pop("_save_refused", None)


def current_levers() -> dict:
    return {k: ss[LEVER_KEYS[k]] for k in LEVERS}


def current_scenario():
    """The scenario on screen: the starting scenario with the sliders' lever values."""
    base = ss.base_scenario
    name = (ss.get("scn_name") or base.name).strip() or base.name
    try:
        sc = base.model_copy(update={"region": scenario_region(), "horizon": horizon(), "data_dir": None,
                                     "paths": int(ss.paths),
                                     "name": base.name, "description": ss.get("scn_desc", ""),
                                     "description_zh": ss.get("scn_desc_zh", ""), **schedules.here(current_setup)})
        sc = sc.with_levers(**current_levers())
        titles = {} if name == base.name else {"name_zh": "", "name_en": ""}  # a renamed scenario: its own name
        return scenarios.scenario_from_dict({**sc.to_dict(), "name": name, **titles}, source="scenario name")
    except ScenarioError:
        return sc.with_levers(**current_levers())


def scenarios_to_compare(chosen: list[str]) -> tuple[list[Any], list[str]]:
    """The current scenario first, then the ``chosen`` sources on its region, horizon, paths
    and seed (common random numbers); also the messages of sources that failed to load."""
    cur = current_scenario()
    scs, names, errors = [cur], [cur.name], []
    for o in chosen:
        try:
            s = load_source(o)
        except ScenarioError as exc:
            errors.append(upload.scenario_error_text(exc, lang()))
            continue
        nm = unique_name(s.name, names, " (2)")
        scs.append(s.model_copy(update={"region": cur.region, "horizon": cur.horizon, "data_dir": None,
                                        "paths": cur.paths, "seed": cur.seed, "name": nm}))
        names.append(nm)
    return scs, errors


def default_comparison() -> list[str]:
    """What the current scenario is compared with until the user chooses: the baseline preset."""
    opts = [o for o in source_options() if o != ss.src]
    return ["preset:baseline"] if "preset:baseline" in opts else opts[:1]


def run_comparison(chosen: list[str]) -> tuple[Any, list[str]]:
    """The comparison of the current scenario with ``chosen`` (None with fewer than two)."""
    opts = [o for o in source_options() if o != ss.src]
    scs, errors = scenarios_to_compare([o for o in chosen if o in opts])
    if len(scs) < 2:
        return None, errors
    return compute.run_compare(setup_key(), tuple(s.to_yaml() for s in scs), current_setup()), errors


# --------------------------------------------------------------------------- callbacks
def on_source_change() -> None:
    try:
        apply_scenario(load_source(ss.src))
        ss.pop("_source_error", None)
    except ScenarioError as exc:
        ss._source_error = upload.scenario_error_text(exc, lang())


def on_reset_levers() -> None:
    apply_scenario(ss.base_scenario)


def on_data_upload() -> None:
    files = ss.get("data_upload") or []
    if not files:
        return
    new, problems = upload.load_upload([(f.name, f.getvalue()) for f in files], ss.get("upload"))
    ss.upload_problems = problems
    if not problems and new is not None:
        ss.upload = new
        ss.upload_region = new.regions[0]
        ss.region = UPLOAD


def on_clear_upload() -> None:
    ss.upload = None
    ss.upload_problems = []
    if ss.region == UPLOAD:
        ss.region = compute.default_region()


def on_yaml_upload() -> None:
    f = ss.get("yaml_upload")
    if f is None:
        return
    try:
        sc = parse_scenario(f.getvalue(), source=f.name)
    except ScenarioError as exc:
        ss._yaml_error = upload.scenario_error_text(exc, lang())
        return
    ss.pop("_yaml_error", None)
    ss.uploaded_scenario = sc
    ss.src = f"upload:{sc.name}"
    apply_scenario(sc)
    if sc.region in region_choices():
        ss.region = sc.region
    elif ss.get("upload") and sc.region in ss.upload.regions:
        ss.region, ss.upload_region = UPLOAD, sc.region
    else:
        ss._yaml_note = t("load_region_missing", lang(), region=sc.region)
    ss._yaml_ok = t("load_ok", lang(), name=sc.name)


def on_save_local() -> None:
    """Save under the typed name, create-if-absent. An invalid typed name or description is
    refused (never replaced by the loaded scenario's name); messages show no server path."""
    ss.pop("_save_ok", None)
    typed = (ss.get("scn_name") or "").strip()
    try:
        desc = library.fresh_descriptions(ss.base_scenario, current_levers(), lever_default,
                                          (ss.get("scn_desc", ""), ss.get("scn_desc_zh", "")),
                                          schedules.here(current_setup), current_setup().indicators)
        sc = scenarios.scenario_from_dict({**current_scenario().to_dict(), "name": typed, **desc}, source="scenario")
        path = save_scenario(sc, saved_dir() / f"{sc.name}.yaml", overwrite=bool(ss.get("overwrite", False)))
    except scenarios.NameTakenError:
        ss._save_refused = True
        return
    except ScenarioError as exc:
        ss.pop("_save_refused", None)
        why = upload.scenario_error_text(exc, lang())        # the fields only, without 'scenario: invalid scenario'
        ss._save_error = t("guard_save_bad_input", lang(), why=why.split("\n", 1)[1] if exc.items else why)
        return
    ss.pop("_save_refused", None)
    ss.overwrite = False
    ss._save_ok = t("saved_ok", lang(), path=path.name)
    ss.base_scenario, ss.scn_desc, ss.scn_desc_zh = sc, sc.description, sc.description_zh
    ss.src = f"saved:{sc.name}"


# --------------------------------------------------------------------------- the link
def init_state() -> None:
    """First run of a session: language, scenario, levers, region and view from the link."""
    if ss.get("_init"):
        return
    ss._init = True
    qp, warnings = links.upload_link(st.query_params.to_dict(), UPLOAD)   # an upload is not in the link's session
    ss.lang = qp.get("lang") if qp.get("lang") in LANGS else "zh"
    ss.upload = None
    ss.upload_problems = []
    src = "preset:plan" if "plan" in preset_names() else f"preset:{preset_names()[0]}"
    if qp.get("preset") in preset_names():
        src = f"preset:{qp['preset']}"
    elif qp.get("saved") in saved_names():
        src = f"saved:{qp['saved']}"
    elif "preset" in qp or "saved" in qp:
        key = "preset" if "preset" in qp else "saved"
        warnings.append((key, qp[key], "unknown_scenario", {}))
    ss.src = src
    values, bad = links.levers_from_query(qp)
    warnings += bad
    # with lever values in the link, the link is the whole truth (unlisted = default)
    levers = ({k: values.get(k, lv.default) for k, lv in LEVERS.items()} if values else None)
    try:
        first = load_source(src)
    except ScenarioError as exc:  # a shared link to a saved file that no longer validates
        warnings.append(("saved", src.partition(":")[2], "saved_invalid", {"error": exc}))
        src = ss.src = "preset:plan" if "plan" in preset_names() else f"preset:{preset_names()[0]}"
        first = load_source(src)
    apply_scenario(first, levers=levers)
    offered = shipped_regions()
    ss.region = qp.get("region") if qp.get("region") in offered else compute.default_region()
    ss.view = qp.get("view") if qp.get("view") in regions.ALL_VIEWS else None
    ss.present = qp.get("present") in ("1", "true", "yes")
    ids = compute.shipped_dataset().indicators.query("region == @ss.region")["id"]  # paths, comparison, solver, slide
    found, bad = links.settings_from_query(qp, source_options(), ids, levertext.SOLVABLE, PATH_CHOICES)
    ss.update(found)
    warnings += bad
    *sched, bad = links.schedules_from_query(qp, ids)   # with levers in the link, its schedules are the whole truth
    if values or sched != [None, None]:
        ss[schedules.BUDGET], ss[schedules.SECTOR] = (x or {} for x in sched)
    warnings += bad
    if qp.get("indicator") in set(ids):
        ss._want_indicator = qp["indicator"]
    warnings += links.place_ignored(qp, LANGS, offered, regions.ALL_VIEWS, ids)
    ss._qp_warnings = links.cap_ignored(warnings)


def write_query_params(sc: Scenario) -> None:
    """Put the page's state into its link, so the link reproduces the view."""
    qp = {"region": ss.region, "lang": lang()}
    kind, _, name = ss.src.partition(":")
    if kind in ("preset", "saved"):
        qp[kind] = name
    qp.update(links.lever_query(sc.levers.model_dump()) | links.schedule_query(sc.budget, sc.sector_inflow))
    if int(ss.paths) != DEFAULT_PATHS:
        qp["paths"] = str(int(ss.paths))
    if ss.get("view"):
        qp["view"] = ss.view
    if ss.get("indicator"):
        qp["indicator"] = ss.indicator
    if ss.get("present"):
        qp["present"], qp["step"] = "1", str(ss.get("step", 0))
    qp.update(links.settings_query(ss))
    if st.query_params.to_dict() != qp:
        st.query_params.from_dict(qp)
