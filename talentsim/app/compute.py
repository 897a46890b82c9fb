"""The app's cached computations: datasets, region setups, simulations, comparisons, solver.

Every function is cached by Streamlit on its arguments; a scenario enters as its YAML text
without name and description (:func:`canonical`), so renaming a scenario reruns nothing.
Arguments starting with ``_`` are not hashed: their key is passed alongside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import streamlit as st

import scenarios
from scenarios import compare, parse_scenario

if TYPE_CHECKING:
    import pandas as pd

    from scenarios.spec import Scenario

try:  # Streamlit's own conversion (Arrow datasets, its theme): the spec st.altair_chart would send
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as _vega_lite_spec
except ImportError:  # pragma: no cover - a Streamlit without it: Altair's public conversion
    def _vega_lite_spec(chart: Any) -> dict:
        return chart.to_dict()

try:  # the transformer that conversion stores each layer's data with (Arrow bytes under a content hash)
    from streamlit.elements.vega_charts import _to_arrow_dataset
except ImportError:  # pragma: no cover - without it the page builds every chart afresh
    _to_arrow_dataset = None


def with_layer_data(spec: dict, data: list, title: object = None) -> dict | None:
    """``spec`` (a :func:`chart_spec`) with the data of its first ``len(data)`` layers replaced by
    ``data`` (frames) and its title by ``title`` (an Altair title or a dict), written as Streamlit's
    own conversion writes them: the spec the chart built from that data would give. None where the
    spec is not a layered chart of at least that many layers (the caller builds the chart then).

    A lever move changes only a fan chart's bands, median and subtitle; building and converting
    the Altair chart again costs 0.3-0.5 s on a loaded 2-core machine, swapping its data a few ms."""
    layers = spec.get("layer") if isinstance(spec, dict) else None
    if _to_arrow_dataset is None or not isinstance(layers, list) or len(layers) < len(data):
        return None
    fresh: dict[str, Any] = {}
    layers = [{**layer, "data": _to_arrow_dataset(frame, fresh)} for layer, frame in zip(layers, data)] + layers[len(data):]
    used = {(layer.get("data") or {}).get("name") for layer in layers}
    datasets = {k: v for k, v in (spec.get("datasets") or {}).items() if k in used} | fresh
    out = {**spec, "layer": layers, "datasets": datasets}
    if title is not None:
        out["title"] = title.to_dict() if hasattr(title, "to_dict") else title
    return out


def with_data(spec: dict, frame: pd.DataFrame) -> dict | None:
    """``spec`` (a :func:`chart_spec` whose layers share one top-level dataset) with that dataset
    replaced by ``frame``, as Streamlit's own conversion writes it; None where it has no top-level
    named data (the caller builds the chart then). Keeps a chart's spec the same on a lever move, so
    the browser swaps its data in place instead of compiling and drawing it afresh."""
    data = spec.get("data") if isinstance(spec, dict) else None
    if _to_arrow_dataset is None or not isinstance(data, dict) or "name" not in data:
        return None
    fresh: dict[str, Any] = {}
    new = _to_arrow_dataset(frame, fresh)
    datasets = {k: v for k, v in (spec.get("datasets") or {}).items() if k != data["name"]} | fresh
    return {**spec, "data": new, "datasets": datasets}


def canonical(sc: Scenario) -> str:
    """The scenario as YAML without its name/description: the cache key of its numbers."""
    return sc.model_copy(update={"name": "current", "description": "", "name_zh": "", "name_en": "",
                                 "description_zh": ""}).to_yaml()


@st.cache_resource(show_spinner=False)
def preset_titles() -> dict[str, dict[str, str]]:
    """Preset id -> {"zh": title, "en": title} (read once per server; names as ``facts.scenario_name``)."""
    from scenarios import load_preset, preset_names
    from talentsim.export.facts import scenario_name

    return {n: {lang: scenario_name(load_preset(n), lang) for lang in ("zh", "en")} for n in preset_names()}


@st.cache_data(show_spinner=False, max_entries=8)
def region_option_labels(lang: str, regions_: tuple[str, ...], upload_name: str = "") -> dict[str, str]:
    """The region picker's labels (``regions.option_label``) of the shipped data, made once per
    language and list: each is a look-up in regions.csv, and a rerun (a lever move) asked for all
    34 again (about 0.1 s on a loaded 2-core machine)."""
    from talentsim.app.regions import option_label

    ds = shipped_dataset()
    return {k: option_label(k, lang, ds, upload_name) for k in regions_}


@st.cache_data(show_spinner=False, max_entries=256)
def shipped_why_text(region: str, lang: str) -> str | None:
    """Why a shipped region cannot be simulated (``regions.why_text``), worked out once per region."""
    from talentsim.app.regions import why_text

    return why_text(shipped_dataset(), region, lang)


@st.cache_data(show_spinner=False, max_entries=256)
def shipped_target_years(region: str) -> list[int]:
    """A shipped region's target years (``forecast.data.horizon.target_years``), read once per region."""
    from forecast.data.horizon import target_years

    return target_years(shipped_dataset(), region)


@st.cache_resource(show_spinner=False)
def shipped_dataset():
    from forecast.data import load_dataset

    return load_dataset(None)


@st.cache_resource(show_spinner=False)
def shipped_regions() -> tuple[str, ...]:
    """Regions the page offers from the shipped data (``regions.offered_regions``: all, grouped)."""
    from talentsim.app import regions

    return tuple(regions.offered_regions(shipped_dataset()))


@st.cache_resource(show_spinner=False)
def default_region() -> str:
    """The region the page opens on: the first one of the data that can be simulated."""
    from talentsim.app import regions

    ok = regions.simulable_regions(shipped_dataset())
    return ok[0] if ok else shipped_regions()[0]


@st.cache_resource(show_spinner=False)
def region_views(region: str) -> tuple[str, ...]:
    """A region's views (``regions.region_views``; the shipped data decides, an upload is simulated)."""
    from talentsim.app import regions

    return regions.region_views(region, shipped_dataset(), now=now_year())


@st.cache_data(show_spinner=False, max_entries=16)
def upload_scorecard_due(token: str, region: str, now: int, _ds) -> bool:
    """Whether an uploaded region has a target whose year is before ``now`` (its scorecard view)."""
    from talentsim.app import regions

    return regions.has_passed_targets(_ds, region, now)


@st.cache_resource(show_spinner=False)
def shipped_setup(region: str, horizon: int | None):
    from scenarios.baseline import region_setup

    return region_setup(region, horizon)


@st.cache_resource(show_spinner=False, max_entries=8)   # ~2.5 MB each: distinct uploads must not grow the server
def uploaded_setup(token: str, region: str, horizon: int | None, _upload: Any):
    if _upload.setups.get(region) is not None and _upload.setups[region].horizon == horizon:
        return _upload.setups[region]
    from scenarios.baseline import setup_from_dataset

    return setup_from_dataset(_upload.dataset, region, horizon)


@st.cache_resource(show_spinner=False, max_entries=3)
def prepared_run(setup_key: tuple, setup_id: int, paths: int, seed: int, baseline: tuple, _sc: Any, _setup):
    """The draws and baseline of a run, shared by every lever value (``scenarios.prepared``):
    a lever move then costs only the levers, with the same numbers. About 8 MB at 20,000
    paths and 38 MB at 100,000 for Tianhe; keyed by what they depend on, not the levers
    (``setup_id``: the very setup object, which the preparation keeps alive)."""
    from scenarios.prepared import prepare

    return prepare(_sc, setup=_setup)


@st.cache_resource(show_spinner=False, max_entries=2)
def simulation(setup_key: tuple, yaml_text: str, _setup):
    """The scenario's ``Simulation`` on its region's prepared run. Only the last two are kept (one
    holds every kept path: about 8 MB at 20,000 paths, 38 MB at 100,000): the one on screen and
    the next lever step's (``talentsim.app.prefetch``), so that the results
    (:func:`sim_results`) and the fan chart's quantiles (:func:`fan_quantiles`) of one lever
    value simulate once, not twice; the small results are cached, in :func:`sim_results`."""
    from scenarios.prepared import baseline_key

    sc = parse_scenario(yaml_text)
    pre = prepared_run(setup_key, id(_setup), sc.paths, sc.seed, baseline_key(sc), sc, _setup)
    return scenarios.simulate(sc, setup=_setup, prepared=pre)


@st.cache_data(show_spinner=False, max_entries=48)
def sim_results(setup_key: tuple, yaml_text: str, _setup) -> dict:
    """A simulation's summary and joint attainment: a few hundred KB. The fan charts'
    quantiles come from :func:`fan_quantiles`, for the indicators on screen only.

    The ``Simulation`` itself (about 38 MB at 100,000 paths) is not cached: 50 lever
    values once held 1.8 GB on a shared server.
    """
    sim = simulation(setup_key, yaml_text, _setup)
    p_all, p_all_se = sim.p_all
    return {"summary": sim.summary(), "p_all": p_all, "p_all_se": p_all_se, "key": (setup_key, yaml_text),
            "expected_met": sim.expected_met, "n_targets": int(sim.has_target.sum()), "paths": sim.n_paths}


@st.cache_data(show_spinner=False, max_entries=64)
def fan_quantiles(setup_key: tuple, yaml_text: str, ids: tuple[str, ...], _setup):
    """Per-year quantiles (``Simulation.quantiles``) of some indicators of a scenario."""
    return simulation(setup_key, yaml_text, _setup).quantiles(ids=list(ids))


@st.cache_data(show_spinner=False, max_entries=32)
def chart_spec(key: tuple, _build: Callable[[], Any]) -> dict:
    """The Vega-Lite spec of the Altair chart ``_build()`` makes, cached under ``key`` (everything
    the chart shows): building and converting a fan chart costs about 0.15 s of pure Python,
    the bulk of a reload. Each call returns a fresh copy (``st.vega_lite_chart`` consumes it)."""
    return _vega_lite_spec(_build())


@st.cache_data(show_spinner=False, max_entries=256)
def history(setup_key: tuple, indicator: str, _observations) -> Any:
    """``display.history_points`` of an indicator of the region ``setup_key`` names (its dataset's
    observations): the same on every lever value, and a few ms of pandas each of the two times a
    rerun of the indicator view asked for it."""
    from talentsim.app.display import history_points

    return history_points(_observations, indicator)


@st.cache_data(show_spinner=False, max_entries=128)
def static_piece(key: tuple, _build: Callable[[], Any]) -> Any:
    """``_build()`` cached under ``key`` (everything it depends on): a piece of a view that does not
    change with the lever values (an indicator's driver tree, a table of its history), so a lever
    move or a reload does not redo its pandas work."""
    return _build()


@st.cache_resource(show_spinner=False, max_entries=2)  # whole simulations (charts, exports): keep few
def run_compare(setup_key: tuple, yaml_texts: tuple[str, ...], _setup):
    return compare([parse_scenario(y) for y in yaml_texts], setup=_setup)


@st.cache_data(show_spinner=False, max_entries=64)
def run_solve(setup_key: tuple, yaml_text: str, indicator: str, lever: str, prob: float, _setup):
    return scenarios.solve(parse_scenario(yaml_text), indicator, lever, prob, setup=_setup)


@st.cache_data(show_spinner=False, max_entries=32)
def run_tornado(setup_key: tuple, yaml_text: str, indicator: str, _setup):
    sc = parse_scenario(yaml_text)
    return scenarios.tornado(sc, indicator, paths=sc.paths, setup=_setup)


@st.cache_data(show_spinner=False, max_entries=16)
def run_555(cost: float, cost_sd: float, paths: int, _ds, data_key: str):
    from scenarios.programme555 import from_data, simulate_555

    inputs = from_data(_ds.programmes, _ds.indicators, cost_per_talent_cny_10k=cost, cost_log_sd=cost_sd)
    return simulate_555(inputs, paths=paths)


def now_year() -> int:
    """"Now" for the scorecard (``scenarios.scorecard.current_year``; ``$TALENTSIM_NOW`` in tests)."""
    from scenarios.scorecard import current_year

    return current_year()


@st.cache_data(show_spinner=False, max_entries=16)
def run_scorecard(key: tuple, region: str, _ds):
    """The region's scorecard (``scenarios.scorecard``), cached on its data's key and "now"."""
    from scenarios.scorecard import scorecard

    return scorecard(region, dataset=_ds, now=now_year(), paths=20_000)


@st.cache_data(show_spinner=False, max_entries=8)
def run_555_table(cost_sd: float, _ds, data_key: str):
    """P(about 500) over share of the fund paying people × cost per talent (scenarios.programme555)."""
    from scenarios.programme555 import from_data, table_555

    return table_555(from_data(_ds.programmes, _ds.indicators, cost_log_sd=cost_sd))


@st.cache_data(show_spinner=False, max_entries=32)
def run_drivers(setup_key: tuple, yaml_text: str, _setup):
    """The driver tree's edges and each acting lever's effect now (``scenarios.drivers``; 1,024 paths:
    the effects of people are near-exact, funding's medians within a few per cent)."""
    from scenarios.drivers import lever_effects

    sc = parse_scenario(yaml_text)
    return driver_tree(setup_key, tuple(sorted(sc.sector_inflow)), _setup), lever_effects(sc, _setup, paths=1024)


@st.cache_data(show_spinner=False, max_entries=16)
def driver_tree(setup_key: tuple, sectors: tuple[str, ...], _setup):
    """The driver tree's edges (``scenarios.drivers.driver_edges``): they depend on the region and on
    which sectors take an inflow, not on the lever values, so a lever move does not redo their
    pandas work (20 ms a run on a loaded machine)."""
    from scenarios.drivers import driver_edges

    return driver_edges(_setup, dict.fromkeys(sectors, 1.0))


@st.cache_data(show_spinner=False, max_entries=16)
def run_mix(setup_key: tuple, yaml_text: str, indicator: str, prob: float, _setup):
    """The cheapest funding + programme-places mix (``scenarios.mix.solve_mix``)."""
    from scenarios.mix import solve_mix

    return solve_mix(parse_scenario(yaml_text), indicator, prob, setup=_setup)


@st.cache_data(show_spinner=False, max_entries=256)
def acting_levers(setup_key: tuple, indicator: str, levers: tuple[str, ...], _setup) -> list[str]:
    """``explain.acting_levers`` once per region and indicator (a few ms of channel masks each run)."""
    from talentsim.app.explain import acting_levers as acting

    return acting(_setup, indicator, levers)
