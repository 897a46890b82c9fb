"""talentsim: the planners' page. Thin by design: widgets, layout, caching and calls
into ``scenarios`` / ``forecast``; every number comes from those packages.

Run: ``streamlit run app.py``. A link reproduces the view: ``?region=tianhe&preset=plan&lang=en``
plus any lever values, e.g. ``&funding_cny_100m_per_year=2.4``; ``?present=1`` presents.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

import scenarios
from scenarios import LEVERS, ScenarioError, compare, load_preset, parse_scenario, preset_names, save_scenario
from talentsim import charts
from talentsim.app import state as A
from talentsim.messages import LANGS, fmt_pct, fmt_prob, fmt_target, fmt_value, t

st.set_page_config(page_title="talentsim", page_icon="📈", layout="wide")

ss = st.session_state
SAVED_DIR = Path(os.environ.get("TALENTSIM_SAVED_DIR") or Path(__file__).resolve().parent / "scenarios" / "saved")
PATH_CHOICES = (2_000, 5_000, 20_000, 100_000)
DEFAULT_PATHS = 20_000
VIEWS_SIM = ("overview", "indicator", "compare", "solve", "data")
VIEWS_LIWAN = ("p555", "data")
LEVER_KEYS = {k: f"lever_{k}" for k in LEVERS}

try:  # exports are written by another engineer; the buttons appear once the package exists
    import talentsim.export as EXPORT  # type: ignore[import-not-found]
except ImportError:
    EXPORT = None


def L() -> str:
    return ss.get("lang", "zh") if ss.get("lang") in LANGS else "zh"


# --------------------------------------------------------------------------- cached computation
@st.cache_resource(show_spinner=False)
def shipped_dataset():
    from forecast.data import load_dataset

    return load_dataset(None)


@st.cache_resource(show_spinner=False)
def shipped_setup(region: str, horizon: int):
    from scenarios.baseline import region_setup

    return region_setup(region, horizon)


@st.cache_resource(show_spinner=False)
def uploaded_setup(token: str, region: str, horizon: int, _upload: A.UploadState):
    if horizon == 2025 and region in _upload.setups:
        return _upload.setups[region]
    from scenarios.baseline import setup_from_dataset

    return setup_from_dataset(_upload.dataset, region, horizon)


def _canonical(sc) -> str:
    """The scenario as YAML without its name/description: the cache key of its numbers."""
    return sc.model_copy(update={"name": "current", "description": ""}).to_yaml()


@st.cache_resource(show_spinner=False, max_entries=48)
def run_simulation(setup_key: tuple, yaml_text: str, _setup):
    return scenarios.simulate(parse_scenario(yaml_text), setup=_setup)


@st.cache_data(show_spinner=False, max_entries=48)
def sim_results(setup_key: tuple, yaml_text: str, _setup) -> dict:
    sim = run_simulation(setup_key, yaml_text, _setup)
    p_all, p_all_se = sim.p_all
    return {"summary": sim.summary(), "quantiles": sim.quantiles(), "p_all": p_all, "p_all_se": p_all_se,
            "expected_met": sim.expected_met, "n_targets": int(sim.has_target.sum()), "paths": sim.n_paths}


@st.cache_resource(show_spinner=False, max_entries=16)
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


# --------------------------------------------------------------------------- scenario sources
def saved_names() -> list[str]:
    if not SAVED_DIR.is_dir():
        return []
    return sorted(p.stem for p in SAVED_DIR.glob("*.yaml") if not p.name.startswith("."))


def source_options() -> list[str]:
    opts = [f"preset:{n}" for n in preset_names()] + [f"saved:{n}" for n in saved_names()]
    if ss.get("uploaded_scenario") is not None:
        opts.append(f"upload:{ss.uploaded_scenario.name}")
    return opts


def source_label(opt: str, lang: str) -> str:
    kind, _, name = opt.partition(":")
    prefix = {"preset": "preset_prefix", "saved": "saved_prefix", "upload": "uploaded_prefix"}[kind]
    return f"{t(prefix, lang)} · {name}"


def load_source(opt: str):
    kind, _, name = opt.partition(":")
    if kind == "preset":
        return load_preset(name)
    if kind == "saved":
        return scenarios.load_scenario(SAVED_DIR / f"{name}.yaml")
    if kind == "upload" and ss.get("uploaded_scenario") is not None:
        return ss.uploaded_scenario
    raise ScenarioError(f"unknown scenario source {opt!r}")


def apply_scenario(sc, *, levers: dict | None = None) -> None:
    """Make ``sc`` the starting scenario and put its lever values into the sliders."""
    ss.base_scenario = sc
    values = sc.levers.model_dump() if levers is None else levers
    for k, lv in LEVERS.items():
        v = values.get(k, lv.default)
        ss[LEVER_KEYS[k]] = int(v) if lv.integer else float(v)
    ss.scn_name = sc.name
    ss.scn_desc = sc.description
    ss.paths = sc.paths if sc.paths in PATH_CHOICES else DEFAULT_PATHS
    ss.pop("_save_refused", None)


def on_source_change() -> None:
    try:
        apply_scenario(load_source(ss.src))
        ss.pop("_source_error", None)
    except ScenarioError as exc:
        ss._source_error = str(exc)


def on_reset_levers() -> None:
    apply_scenario(ss.base_scenario)


def current_levers() -> dict:
    return {k: ss[LEVER_KEYS[k]] for k in LEVERS}


def scenario_region() -> str:
    return ss.upload_region if ss.region == A.UPLOAD else ss.region


def current_scenario():
    """The scenario on screen: the starting scenario with the sliders' lever values."""
    base = ss.base_scenario
    name = (ss.get("scn_name") or base.name).strip() or base.name
    try:
        sc = base.model_copy(update={"region": scenario_region(), "data_dir": None, "paths": int(ss.paths),
                                     "name": base.name, "description": ss.get("scn_desc", "")})
        sc = sc.with_levers(**current_levers())
        return scenarios.scenario_from_dict({**sc.to_dict(), "name": name}, source="scenario name")
    except ScenarioError:
        return sc.with_levers(**current_levers())


def setup_key() -> tuple:
    sc = ss.base_scenario
    if ss.region == A.UPLOAD:
        return ("upload", ss.upload.token, ss.upload_region, sc.horizon)
    return ("shipped", ss.region, sc.horizon)


def current_setup():
    sc = ss.base_scenario
    if ss.region == A.UPLOAD:
        return uploaded_setup(ss.upload.token, ss.upload_region, sc.horizon, ss.upload)
    return shipped_setup(ss.region, sc.horizon)


def current_dataset():
    return ss.upload.dataset if ss.region == A.UPLOAD else shipped_dataset()


# --------------------------------------------------------------------------- uploads (callbacks)
def on_data_upload() -> None:
    files = ss.get("data_upload") or []
    if not files:
        return
    pairs = [(f.name, f.getvalue()) for f in files]
    new, problems = A.load_upload(pairs, ss.get("upload"))
    ss.upload_problems = problems
    if not problems and new is not None:
        ss.upload = new
        ss.upload_region = new.regions[0]
        ss.region = A.UPLOAD


def on_clear_upload() -> None:
    ss.upload = None
    ss.upload_problems = []
    if ss.region == A.UPLOAD:
        ss.region = "tianhe"


def on_yaml_upload() -> None:
    f = ss.get("yaml_upload")
    if f is None:
        return
    try:
        sc = parse_scenario(f.getvalue(), source=f.name)
    except ScenarioError as exc:
        ss._yaml_error = str(exc)
        return
    ss.pop("_yaml_error", None)
    ss.uploaded_scenario = sc
    ss.src = f"upload:{sc.name}"
    apply_scenario(sc)
    available = list(A.REGIONS) + ([A.UPLOAD] if ss.get("upload") else [])
    if sc.region in available:
        ss.region = sc.region
    elif ss.get("upload") and sc.region in ss.upload.regions:
        ss.region, ss.upload_region = A.UPLOAD, sc.region
    else:
        ss._yaml_note = t("load_region_missing", L(), region=sc.region)
    ss._yaml_ok = t("load_ok", L(), name=sc.name)


def on_save_local() -> None:
    sc = current_scenario()
    ss.pop("_save_ok", None)
    try:
        path = save_scenario(sc, SAVED_DIR / f"{sc.name}.yaml", overwrite=bool(ss.get("overwrite", False)))
    except ScenarioError:
        ss._save_refused = True
        return
    except OSError as exc:
        ss._save_error = str(exc)
        return
    ss.pop("_save_refused", None)
    ss.overwrite = False
    ss._save_ok = t("saved_ok", L(), path=str(path))
    ss.base_scenario = sc
    ss.src = f"saved:{sc.name}"


# --------------------------------------------------------------------------- first run: the URL
def init_state() -> None:
    if ss.get("_init"):
        return
    ss._init = True
    qp = st.query_params.to_dict()
    warnings = []
    ss.lang = qp.get("lang") if qp.get("lang") in LANGS else "zh"
    ss.region = qp.get("region") if qp.get("region") in A.REGIONS else "tianhe"
    ss.upload = None
    ss.upload_problems = []
    src = "preset:plan" if "plan" in preset_names() else f"preset:{preset_names()[0]}"
    if qp.get("preset") in preset_names():
        src = f"preset:{qp['preset']}"
    elif qp.get("saved") in saved_names():
        src = f"saved:{qp['saved']}"
    elif "preset" in qp or "saved" in qp:
        warnings.append(("preset", qp.get("preset") or qp.get("saved"), "unknown scenario"))
    ss.src = src
    base = load_source(src)
    values, bad = A.levers_from_query(qp)
    warnings += bad
    # with lever values in the link, the link is the whole truth (unlisted = default)
    levers = ({k: values.get(k, lv.default) for k, lv in LEVERS.items()} if values else None)
    apply_scenario(base, levers=levers)
    if "paths" in qp:
        try:
            n = int(qp["paths"])
            if n in PATH_CHOICES:
                ss.paths = n
            else:
                warnings.append(("paths", qp["paths"], f"choose one of {PATH_CHOICES}"))
        except ValueError:
            warnings.append(("paths", qp["paths"], "not a number"))
    ss.view = qp.get("view") if qp.get("view") in VIEWS_SIM + VIEWS_LIWAN else None
    ss.present = qp.get("present") in ("1", "true", "yes")
    try:
        ss.step = max(0, int(qp.get("step", 0)))
    except ValueError:
        ss.step = 0
    if qp.get("indicator"):
        ss._want_indicator = qp["indicator"]
    ss._qp_warnings = warnings


def write_query_params(sc) -> None:
    qp = {"region": ss.region if ss.region != A.UPLOAD else "upload", "lang": L()}
    kind, _, name = ss.src.partition(":")
    if kind in ("preset", "saved"):
        qp[kind] = name
    qp.update(A.lever_query(sc.levers.model_dump()))
    if int(ss.paths) != DEFAULT_PATHS:
        qp["paths"] = str(int(ss.paths))
    if ss.get("view"):
        qp["view"] = ss.view
    if ss.get("indicator"):
        qp["indicator"] = ss.indicator
    if ss.get("present"):
        qp["present"], qp["step"] = "1", str(ss.get("step", 0))
    if st.query_params.to_dict() != qp:
        st.query_params.from_dict(qp)


# --------------------------------------------------------------------------- small display helpers
def guard(fn, *args, **kw):
    """Run a view; an unexpected error becomes a message on the page, never a traceback."""
    try:
        return fn(*args, **kw)
    except Exception as exc:  # noqa: BLE001 - shown to the user; st.stop/rerun are BaseExceptions
        st.error(t("error_unexpected", L(), msg=f"{exc.__class__.__name__}: {exc}"))
        return None


def name_of(row, lang: str) -> str:
    en = row.get("name_en") if hasattr(row, "get") else None
    if lang == "en" and isinstance(en, str) and en:
        return en
    return str(row["name_zh"])


def region_label(key: str, lang: str, upload_name: str | None = None) -> str:
    if key == A.UPLOAD:
        if upload_name is None:
            upload_name = ss.upload.name if ss.get("upload") else ""
        return t("region_upload", lang, name=upload_name)
    return t(f"region_{key}", lang)


def colour_p(v) -> str:
    if v is None or not isinstance(v, (int, float)) or not np.isfinite(v):
        return ""
    return f"background-color: {charts.band_colour(float(v))}; color: white; font-weight: 600"


def styled_overview(frame: pd.DataFrame, lang: str):
    pcol, pnum = t("col_p", lang), t("col_p_num", lang)
    nums = frame[pnum].tolist()
    shown = frame.drop(columns=[pnum])

    def style_col(col: pd.Series):
        return [colour_p(v) for v in nums] if col.name == pcol else [""] * len(col)

    return shown.style.apply(style_col, axis=0)


def chart(c, **kw) -> None:
    # the charts carry their own look (CJK fonts, traffic-light colours); Streamlit's theme would override it
    st.altair_chart(c, width="stretch", theme=None, **kw)


def present_css() -> None:
    st.markdown("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {max-width: 1400px; padding-top: 1.2rem;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.45rem;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {font-size: 3.4rem !important; line-height: 1.2;
  font-weight: 600;}
[data-testid="stMetricLabel"] p {font-size: 1.4rem !important;}
h1 {font-size: 2.7rem !important;} h2 {font-size: 2.1rem !important;}
</style>""", unsafe_allow_html=True)


# --------------------------------------------------------------------------- sidebar
def sidebar() -> None:
    lang = L()
    with st.sidebar:
        st.radio(t("language", lang), LANGS, key="lang", horizontal=True,
                 format_func=lambda x: {"zh": "中文", "en": "English"}[x])
        lang = L()
        regions = list(A.REGIONS) + ([A.UPLOAD] if ss.get("upload") else [])
        if ss.region not in regions:
            ss.region = "tianhe"
        up_name = ss.upload.name if ss.get("upload") else ""
        st.selectbox(t("region", lang), regions, key="region",
                     format_func=lambda k, lang=lang, up=up_name: region_label(k, lang, up))
        if ss.region == A.UPLOAD and len(ss.upload.regions) > 1:
            st.selectbox(t("upload_region", lang), ss.upload.regions, key="upload_region")
        opts = source_options()
        if ss.src not in opts:
            opts.append(ss.src)
        st.selectbox(t("start_from", lang), opts, key="src", on_change=on_source_change,
                     format_func=lambda o, lang=lang: source_label(o, lang))
        if ss.get("_source_error"):
            st.error(ss._source_error)
        if ss.get("base_scenario") is not None and ss.base_scenario.description:
            st.caption(ss.base_scenario.description)
        if ss.region != "liwan":
            st.subheader(t("levers", lang))
            for key, lv in LEVERS.items():
                if lv.group == "lever":
                    lever_slider(key, lv, lang)
            with st.expander(t("parameters", lang)):
                st.caption(t("parameters_help", lang))
                for key, lv in LEVERS.items():
                    if lv.group == "parameter":
                        lever_slider(key, lv, lang)
                st.selectbox(t("paths", lang), PATH_CHOICES, key="paths", help=t("paths_help", lang),
                             format_func=lambda n: f"{n:,}")
            st.button(t("reset_levers", lang), on_click=on_reset_levers, width="stretch")
        else:
            with st.expander(t("parameters", lang), expanded=True):
                for key in ("cost_per_talent_cny_10k", "cost_log_sd"):
                    lever_slider(key, LEVERS[key], lang)
        st.divider()
        st.toggle(t("present_mode", lang), key="present", help=t("present_help", lang))
        save_panel(lang)


def lever_slider(key: str, lv, lang: str) -> None:
    name = lv.name_zh if lang == "zh" else lv.name_en
    helptext = (lv.help_zh if lang == "zh" else lv.help_en) + f"\n\n[{lv.low:g} – {lv.high:g} {lv.unit}] {lv.source}"
    unit = "" if lv.unit in ("share", "log") else f"（{lv.unit}）" if lang == "zh" else f" ({lv.unit})"
    if lv.integer:
        st.slider(f"{name}{unit}", int(lv.low), int(lv.high), step=int(lv.step), key=LEVER_KEYS[key], help=helptext)
    else:
        st.slider(f"{name}{unit}", float(lv.low), float(lv.high), step=float(lv.step), key=LEVER_KEYS[key],
                  help=helptext)


def save_panel(lang: str) -> None:
    with st.expander(t("save_title", lang), expanded=bool(ss.get("_save_refused") or ss.get("_yaml_error"))):
        st.text_input(t("scenario_name", lang), key="scn_name", max_chars=80)
        st.text_area(t("scenario_description", lang), key="scn_desc", height=68)
        sc = current_scenario()
        st.download_button(t("download_yaml", lang), sc.to_yaml().encode("utf-8"), file_name=f"{sc.name}.yaml",
                           mime="application/x-yaml", width="stretch", key="download_yaml")
        if ss.get("_save_refused"):
            st.warning(t("saved_refused", lang))
            st.checkbox(t("overwrite", lang), key="overwrite")
        st.button(t("save_local", lang), on_click=on_save_local, width="stretch", key="save_local")
        if ss.get("_save_ok"):
            st.success(ss._save_ok)
        if ss.get("_save_error"):
            st.error(ss.pop("_save_error"))
        st.file_uploader(t("load_yaml", lang), type=["yaml", "yml"], key="yaml_upload", on_change=on_yaml_upload)
        if ss.get("_yaml_error"):
            st.error(ss._yaml_error)
        elif ss.get("_yaml_ok"):
            st.success(ss._yaml_ok)
        if ss.get("_yaml_note"):
            st.info(ss._yaml_note)
        st.caption(t("share_link", lang))


# --------------------------------------------------------------------------- views
def view_overview(res: dict, setup, lang: str) -> None:
    sm = res["summary"]
    year = int(ss.base_scenario.horizon)
    st.subheader(t("overview_title", lang, region=region_label(ss.region, lang), year=year))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("expected_met", lang), f"{res['expected_met']:.1f}",
              help=t("expected_met_of", lang, m=res["n_targets"]))
    c1.caption(t("expected_met_of", lang, m=res["n_targets"]))
    c2.metric(t("p_all", lang), fmt_prob(res["p_all"], res["p_all_se"]))
    c3.metric(t("n_simulated", lang), f"{len(sm)}")
    if setup.skipped:
        c3.caption(t("n_skipped", lang, n=len(setup.skipped)))
    frame = A.overview_frame(sm, lang, year)
    st.dataframe(styled_overview(frame, lang), hide_index=True, key="overview_table",
                 height=min(38 + 35 * len(frame), 760),
                 column_config={t("col_indicator", lang): st.column_config.TextColumn(width=360),
                                t("col_id", lang): st.column_config.TextColumn(width="small")})
    st.caption(t("bands_legend", lang) + " " + t("units_legend", lang))
    if sm["met_at_base"].any():
        with st.expander(f"{t('flag_met_at_base', lang)} ({int(sm['met_at_base'].sum())})"):
            st.caption(t("met_at_base_note", lang))
            for _, r in sm[sm["met_at_base"]].iterrows():
                st.markdown(f"- **{name_of(r, lang)}**: {r['note']}")
    if setup.skipped:
        with st.expander(f"{t('skipped_title', lang)} ({len(setup.skipped)})"):
            ind = current_dataset().indicators.set_index("id")
            rows = [{t("col_indicator", lang): (name_of(ind.loc[i], lang) if i in ind.index else i),
                     t("col_id", lang): i, t("col_reason", lang): why} for i, why in setup.skipped.items()]
            st.dataframe(pd.DataFrame(rows), hide_index=True)
    chart(charts.probability_bars(sm, lang=lang, title=t("prob_bars_title", lang)))


def fan_for(res: dict, setup, ind_id: str, lang: str, height: int = 340, title: str | None = None):
    sm = res["summary"].set_index("id")
    r = sm.loc[ind_id]
    q = res["quantiles"]
    q = q[q["id"] == ind_id]
    hist = A.history_points(current_dataset().observations, ind_id)
    has = bool(np.isfinite(r["target_value"]))
    return charts.fan_chart(q, title=name_of(r, lang)[:60] if title is None else title, unit=str(r["unit"]), lang=lang, history=hist,
                            target_year=r["target_year"] if has else None,
                            target_value=float(r["target_value"]) if has else None,
                            target_op=str(r["target_op"] or ">="), base_year=int(r["base_year"]), height=height)


def indicator_metrics(res: dict, ind_id: str, lang: str) -> None:
    r = res["summary"].set_index("id").loc[ind_id]
    year = int(ss.base_scenario.horizon)
    unit = str(r["unit"])
    has = bool(np.isfinite(r["target_value"]))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("p_meet_metric", lang, year=year), fmt_prob(r["p_hit"], r["p_hit_se"]) if has else "–")
    c2.metric(t("median_metric", lang, year=year), fmt_value(r["p50"], unit, lang),
              help=f"{t('col_interval', lang)}: {fmt_value(r['p10'], unit, lang)} – {fmt_value(r['p90'], unit, lang)}")
    c3.metric(t("target_metric", lang), fmt_target(str(r["target_op"]), r["target_value"] if has else None, unit, lang))
    if has and np.isfinite(r["required_cagr_pct"]):
        st.caption(t("growth_needed", lang, need=fmt_pct(r["required_cagr_pct"]), proj=fmt_pct(r["projected_cagr_pct"])))
    if r["met_at_base"]:
        st.info(r["note"])


def indicator_picker(ids: list[str], sm: pd.DataFrame, lang: str, key: str = "indicator") -> str:
    names = {row["id"]: name_of(row, lang) for _, row in sm.iterrows()}
    want = ss.pop("_want_indicator", None)
    if want in ids:
        ss[key] = want
    if ss.get(key) not in ids:
        ss[key] = ids[0]
    return st.selectbox(t("choose_indicator", lang), ids, key=key, format_func=lambda i: f"{names.get(i, i)}")


def view_indicator(res: dict, setup, lang: str) -> None:
    sm = res["summary"]
    ind_id = indicator_picker(list(sm["id"]), sm, lang)
    indicator_metrics(res, ind_id, lang)
    chart(fan_for(res, setup, ind_id, lang))
    left, right = st.columns([1, 1])
    with left:
        st.markdown(f"**{t('model_title', lang)}**")
        law = setup.laws[setup.ids.index(ind_id)]
        st.dataframe(A.law_frame(law, lang), hide_index=True)
    with right:
        st.markdown(f"**{t('history_sources', lang)}**")
        ds = current_dataset()
        hist = A.history_points(ds.observations, ind_id)
        st.dataframe(hist, hide_index=True)
        row = ds.indicators.set_index("id").loc[ind_id]
        st.caption(f"{t('target_metric', lang)} — {row['source']}: “{row['quote']}”")


def compare_scenarios(lang: str):
    """The current scenario first, then the chosen ones, run on common random numbers."""
    cur = current_scenario()
    opts = [o for o in source_options() if o != ss.src]
    if "compare_with" not in ss:
        ss.compare_with = ["preset:baseline"] if "preset:baseline" in opts else opts[:1]
    ss.compare_with = [o for o in ss.compare_with if o in opts]
    chosen = st.multiselect(t("compare_with", lang), opts, key="compare_with",
                            format_func=lambda o, lang=lang: source_label(o, lang))
    if not chosen:
        st.info(t("compare_need_two", lang))
        return None
    scs, names = [cur], [cur.name]
    for o in chosen:
        try:
            s = load_source(o)
        except ScenarioError as exc:
            st.error(str(exc))
            continue
        nm = A.unique_name(s.name, names, " (2)")
        s = s.model_copy(update={"region": cur.region, "horizon": cur.horizon, "data_dir": None,
                                 "paths": cur.paths, "seed": cur.seed, "name": nm})
        scs.append(s)
        names.append(nm)
    if len(scs) < 2:
        return None
    return run_compare(setup_key(), tuple(s.to_yaml() for s in scs), current_setup())


def compare_frame(cmp, lang: str) -> tuple[pd.DataFrame, list[str]]:
    tab = cmp.table()
    names = cmp.names
    ref = names[0]
    rows = []
    for _, r in tab.iterrows():
        if not np.isfinite(r["target_value"]):
            continue
        row = {t("col_indicator", lang): name_of(r, lang),
               t("target_metric", lang): fmt_target(str(r["target_op"]), float(r["target_value"]), str(r["unit"]), lang)}
        for n in names:
            row[n] = float(r[f"p_hit[{n}]"])
        for n in names[1:]:
            row[t("col_diff", lang, ref=ref, name=n)] = (
                f"{fmt_pct(100 * r[f'diff[{n}]'], signed=True)} ± {fmt_pct(100 * r[f'diff_se[{n}]'])}")
        rows.append(row)
    return pd.DataFrame(rows), names


def view_compare(lang: str) -> None:
    cmp = compare_scenarios(lang)
    if cmp is None:
        return
    st.caption(t("compare_crn", lang))
    frame, names = compare_frame(cmp, lang)
    styler = frame.style.map(colour_p, subset=names).format({n: lambda p: fmt_prob(p) for n in names})
    st.dataframe(styler, hide_index=True, key="compare_table", height=min(38 + 35 * len(frame), 700))
    reg = cmp.region_table()
    st.markdown(f"**{t('compare_region_table', lang)}**")
    st.dataframe(pd.DataFrame({
        t("col_scenario", lang): reg["scenario"], t("col_targets", lang): reg["targets"],
        t("expected_met", lang): [f"{x:.2f}" for x in reg["expected_met"]],
        t("p_all", lang): [fmt_prob(p, s) for p, s in zip(reg["p_all"], reg["p_all_se"])]}), hide_index=True)
    chart(charts.comparison_chart(cmp.table(), names, lang=lang, title=t("comparison_chart_title", lang)))
    export_buttons(cmp, lang)


def export_buttons(cmp, lang: str) -> None:
    if EXPORT is None:
        return
    st.markdown(f"**{t('exports', lang)}**")
    cols = st.columns(3)
    specs = [("xlsx_bytes", "export_xlsx", "xlsx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
             ("pptx_bytes", "export_pptx", "pptx",
              "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
             ("html_text", "export_html", "html", "text/html")]
    for col, (fn, label, ext, mime) in zip(cols, specs):
        func = getattr(EXPORT, fn, None)
        if func is None:
            continue
        with col:
            # built only when clicked (a slide deck renders charts: seconds, not for every lever move)
            st.download_button(t(label, lang), data=lambda f=func, c=cmp: _export_bytes(f, c, lang),
                               file_name=f"talentsim-comparison.{ext}", mime=mime, key=f"export_{ext}",
                               width="stretch", on_click="ignore")


def _export_bytes(func, cmp, lang: str) -> bytes:
    try:
        data = func(cmp)
    except Exception as exc:  # noqa: BLE001 - a deferred download cannot show st.error; say why in the file
        return t("export_failed", lang, msg=f"{exc.__class__.__name__}: {exc}").encode("utf-8")
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def view_solve(res: dict, lang: str) -> None:
    sm = res["summary"]
    targeted = sm[sm["target_value"].notna()]
    if targeted.empty:
        st.info(t("solve_no_target", lang))
        return
    ids = list(targeted["id"])
    names = {row["id"]: name_of(row, lang) for _, row in targeted.iterrows()}
    if ss.get("solve_indicator") not in ids:
        ss.solve_indicator = ("tianhe.high_level_talent" if "tianhe.high_level_talent" in ids else ids[0])
    levers = [k for k, lv in LEVERS.items() if lv.group == "lever" and not lv.integer]
    if ss.get("solve_lever") not in levers:
        ss.solve_lever = levers[0]
    c1, c2, c3 = st.columns([3, 2, 2])
    ind = c1.selectbox(t("solve_indicator", lang), ids, key="solve_indicator", format_func=lambda i: names[i])
    lever = c2.selectbox(t("solve_lever", lang), levers, key="solve_lever",
                         format_func=lambda k: LEVERS[k].name_zh if lang == "zh" else LEVERS[k].name_en)
    if "solve_prob" not in ss:
        ss.solve_prob = 80
    prob = c3.slider(t("solve_prob", lang), 50, 95, step=5, key="solve_prob", format="%d%%") / 100
    sc = current_scenario()
    key, setup = setup_key(), current_setup()
    sol = run_solve(key, _canonical(sc), ind, lever, prob, setup)
    r = targeted.set_index("id").loc[ind]
    lv = LEVERS[lever]
    lname = lv.name_zh if lang == "zh" else lv.name_en
    if sol.reachable:
        word = t("solve_at_least" if sol.p_high >= sol.p_low else "solve_at_most", lang)
        text = t("solve_answer", lang, prob=f"{prob:.0%}", year=int(r["target_year"]), name=names[ind],
                 op=fmt_target(str(r["target_op"]), float(r["target_value"]), str(r["unit"]), lang).split(" ")[0],
                 target=fmt_value(float(r["target_value"]), str(r["unit"]), lang), lever=lname, word=word,
                 value=fmt_value(sol.value, lv.unit.split("/")[0], lang) + ("/年" if lang == "zh" and "/年" in lv.unit
                                                                          else " a year" if "/年" in lv.unit else ""),
                 p=fmt_prob(sol.p_at_value, sol.p_at_value_se))
        st.success(text)
    else:
        st.warning(t("solve_unreachable", lang, lever=lname, low=f"{lv.low:g}", high=f"{lv.high:g} {lv.unit}",
                     prob=f"{prob:.0%}", best=fmt_prob(sol.p_at_value)))
    ss.last_solution = {"indicator": ind, "lever": lever, "prob": prob, "value": sol.value, "message": sol.message}
    st.markdown(f"**{t('tornado_title', lang)}**")
    tor = run_tornado(key, _canonical(sc), ind, setup)
    chart(charts.tornado_chart(tor, lang=lang, title=names[ind][:60]))
    st.caption(t("tornado_caption", lang))


def view_555(lang: str) -> None:
    st.subheader(t("p555_title", lang))
    ds = shipped_dataset()
    cost = float(ss[LEVER_KEYS["cost_per_talent_cny_10k"]])
    sd = float(ss[LEVER_KEYS["cost_log_sd"]])
    try:
        res = run_555(cost, sd, 100_000, ds, ds.source)
    except ValueError as exc:
        st.error(t("p555_missing", lang, msg=str(exc)))
        return
    i = res.inputs
    target = fmt_value(i.target_persons, "人", lang)
    st.markdown(t("p555_intro", lang, total=fmt_value(i.total_cny_100m, "亿元", lang),
                  growth=f"{i.growth_pct_per_year:g} %", target=target))
    c1, c2 = st.columns(2)
    c1.metric(t("p555_within5", lang, target=target), fmt_prob(res.p_within_5, res.se(res.p_within_5)))
    c2.metric(t("p555_within10", lang, target=target), fmt_prob(res.p_within_10, res.se(res.p_within_10)))
    ss.last_555 = {"p5": res.p_within_5, "p10": res.p_within_10}
    cum = res.cumulative.copy()
    cum["q10"], cum["q90"], cum["q25"], cum["q75"] = cum["q05"], cum["q95"], cum["q50"], cum["q50"]
    chart(charts.fan_chart(cum, title=t("p555_chart", lang), unit="人", lang=lang, target_year=int(cum["year"].max()),
                           target_value=i.target_persons, target_op=">=", base_year=i.start_year))
    st.caption(t("p555_assumptions", lang, cost=fmt_value(cost, "万元", lang), sd=f"{sd:g}") + " "
               + f"{t('p555_person_share', lang)}: {i.person_share:.0%}.")
    with st.expander(t("sources", lang), expanded=True):
        for s in i.sources:
            st.markdown(f"- {s}")


def view_data(lang: str) -> None:
    ds = current_dataset()
    region = scenario_region()
    src = ds.source if ss.region == A.UPLOAD else t("data_shipped", lang)
    st.caption(t("data_source_of", lang, source=src))
    ind = ds.indicators[ds.indicators["region"] == region]
    st.markdown(f"**{t('data_indicators', lang)}**")
    name = "name_zh" if lang == "zh" else "name_en"
    cols = [c for c in ("id", name, "unit", "target_year", "target_op", "target_value", "target_status", "source",
                        "quote", "note") if c in ind]
    st.dataframe(ind[cols], hide_index=True, key="data_indicators")
    obs = ds.observations[ds.observations["id"].isin(ind["id"])]
    st.markdown(f"**{t('data_observations', lang)}**")
    st.dataframe(obs[[c for c in ("id", "year", "value", "status", "qualifier", "source", "quote", "note", "preferred")
                      if c in obs]], hide_index=True, key="data_observations")
    prg = ds.programmes[ds.programmes["region"] == region] if not ds.programmes.empty else ds.programmes
    if not prg.empty:
        st.markdown(f"**{t('data_programmes', lang)}**")
        st.dataframe(prg, hide_index=True)
    st.divider()
    upload_panel(lang)


def upload_panel(lang: str) -> None:
    st.markdown(f"**{t('data_upload_title', lang)}**")
    limit = f"{A.UPLOAD_LIMIT / 1024 / 1024:.0f} MB"
    st.caption(t("data_upload_help", lang, limit=limit))
    st.file_uploader(t("data_upload_files", lang), type=["csv", "xlsx"], accept_multiple_files=True,
                     key="data_upload", on_change=on_data_upload)
    show_upload_status(lang)


def show_upload_status(lang: str) -> None:
    problems = ss.get("upload_problems") or []
    if problems:
        lines = "\n".join(f"- {p}" for p in problems)
        st.error(t("data_upload_failed", lang, n=len(problems)) + "\n\n" + lines)
        st.dataframe(A.problems_frame(problems, lang), hide_index=True, key="upload_problems_table")
    up = ss.get("upload")
    if up is not None:
        st.success(t("data_upload_ok", lang, name=up.name, n_ind=len(up.dataset.indicators),
                     n_obs=len(up.dataset.observations), regions=", ".join(up.regions)))
        st.button(t("data_upload_clear", lang), on_click=on_clear_upload, key="clear_upload")


# --------------------------------------------------------------------------- presentation
def present(res, setup, lang: str) -> None:
    present_css()
    if ss.region == "liwan":
        slides = ["p555"]
    else:
        keys = A.key_indicators(res["summary"], setup.indicators)
        slides = ["summary", *keys, "compare"]
    n = len(slides)
    ss.step = min(max(int(ss.get("step", 0)), 0), n - 1)
    nav = st.columns([1, 1, 4, 1])
    nav[0].button(t("present_prev", lang), key="prev", disabled=ss.step == 0, width="stretch",
                  on_click=lambda: ss.update(step=max(0, ss.step - 1)))
    nav[1].button(t("present_next", lang), key="next", disabled=ss.step >= n - 1, width="stretch",
                  on_click=lambda: ss.update(step=min(n - 1, ss.step + 1)))
    nav[2].markdown(f"<div style='text-align:center;padding-top:.4rem;color:gray'>"
                    f"{t('present_step', lang, i=ss.step + 1, n=n)}</div>", unsafe_allow_html=True)
    nav[3].button(t("present_exit", lang), key="exit_present", width="stretch",
                  on_click=lambda: ss.update(present=False))
    slide = slides[ss.step]
    if slide == "p555":
        view_555(lang)
    elif slide == "summary":
        st.title(t("present_summary", lang, region=region_label(ss.region, lang)))
        c1, c2 = st.columns(2)
        c1.metric(t("expected_met", lang), f"{res['expected_met']:.1f} / {res['n_targets']}")
        c2.metric(t("p_all", lang), fmt_prob(res["p_all"], res["p_all_se"]))
        sm = res["summary"]
        shown = sm[sm["id"].isin(slides[1:-1])]
        chart(charts.probability_bars(shown, lang=lang, width=900).properties(height=56 * len(shown))
              .configure_axisY(labelLimit=460, labelFontSize=17).configure_text(fontSize=16))
    elif slide == "compare":
        cmp = None
        if "compare_with" in ss and ss.compare_with:
            cmp = guard(lambda: run_compare_quiet(lang))
        if cmp is None:
            cmp = run_compare_quiet(lang, default=True)
        if cmp is not None:
            st.title(t("present_compare", lang, names=" · ".join(cmp.names)))
            tab = cmp.table()
            tab = tab[tab["id"].isin(slides[1:-1])]
            chart(charts.comparison_chart(tab, cmp.names, lang=lang, width=900))
            reg = cmp.region_table()
            cols = st.columns(len(reg))
            for c, (_, r) in zip(cols, reg.iterrows()):
                c.metric(f"{t('p_all', lang)} · {r['scenario']}", fmt_prob(r["p_all"], r["p_all_se"]))
    else:
        r = res["summary"].set_index("id").loc[slide]
        st.title(name_of(r, lang))
        indicator_metrics(res, slide, lang)
        chart(fan_for(res, setup, slide, lang, height=430, title="").configure_axis(
            labelFont=charts.FONT, titleFont=charts.FONT, labelFontSize=16, titleFontSize=17))


def run_compare_quiet(lang: str, default: bool = False):
    cur = current_scenario()
    opts = [o for o in source_options() if o != ss.src]
    chosen = list(ss.get("compare_with") or []) if not default else (
        ["preset:baseline"] if "preset:baseline" in opts else opts[:1])
    scs, names = [cur], [cur.name]
    for o in chosen:
        if o not in opts:
            continue
        s = load_source(o)
        nm = A.unique_name(s.name, names, " (2)")
        scs.append(s.model_copy(update={"region": cur.region, "horizon": cur.horizon, "data_dir": None,
                                        "paths": cur.paths, "seed": cur.seed, "name": nm}))
        names.append(nm)
    if len(scs) < 2:
        return None
    return run_compare(setup_key(), tuple(s.to_yaml() for s in scs), current_setup())


# --------------------------------------------------------------------------- page
#: widget values that must survive runs in which their widget is not drawn
PERSIST = (*LEVER_KEYS.values(), "view", "paths", "indicator", "compare_with", "solve_indicator", "solve_lever",
           "solve_prob", "scn_name", "scn_desc", "upload_region", "step")


def main() -> None:
    init_state()
    for key in PERSIST:  # Streamlit forgets the state of widgets that were not drawn last run
        if key in ss:
            ss[key] = ss[key]
    if ss.get("base_scenario") is None:
        on_source_change()
    sidebar()
    lang = L()
    sc = current_scenario()
    write_query_params(sc)
    for key, value, why in ss.get("_qp_warnings", []):
        st.warning(t("query_bad", lang, param=key, value=value, why=why))
    res = setup = None
    if ss.region != "liwan":
        try:
            setup = current_setup()
            res = sim_results(setup_key(), _canonical(sc), setup)
        except ValueError as exc:  # e.g. a region without projectable indicators
            st.error(str(exc))
        if res is not None:
            ss.p_hit = dict(zip(res["summary"]["id"], res["summary"]["p_hit"].astype(float)))
            ss.p_all = (res["p_all"], res["p_all_se"])
    if ss.get("present"):
        guard(present, res, setup, lang)
        return
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang, year=int(ss.base_scenario.horizon)) + "  \n"
               + t("scenario_line", lang, name=sc.name, paths=f"{sc.paths:,}", seed=sc.seed))
    if setup is not None and setup.historic_funding is None and ss.region != "liwan":
        st.caption("ℹ️ " + t("funding_no_effect", lang))
    elif setup is not None and setup.historic_funding is not None:
        st.caption("ℹ️ " + t("funding_source", lang, value=fmt_value(setup.historic_funding, "亿元", lang)),
                   help=setup.funding_source)
    views = VIEWS_LIWAN if ss.region == "liwan" else VIEWS_SIM
    if ss.get("view") not in views:
        ss.view = views[0]
    view = st.segmented_control(t("view", lang), views, key="view", required=True,
                                format_func=lambda v: t(f"view_{v}", lang), label_visibility="collapsed")
    if view in ("overview", "indicator", "solve") and res is None:
        st.info(t("not_simulable", lang))
    elif view == "overview":
        guard(view_overview, res, setup, lang)
    elif view == "indicator":
        guard(view_indicator, res, setup, lang)
    elif view == "compare":
        guard(view_compare, lang)
    elif view == "solve":
        guard(view_solve, res, lang)
    elif view == "p555":
        guard(view_555, lang)
    elif view == "data":
        guard(view_data, lang)
    if view != "data" and (ss.get("upload_problems")):
        show_upload_status(lang)


guard(main)
