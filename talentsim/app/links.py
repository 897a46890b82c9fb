"""Lever values and view settings in a page link (``?funding_cny_100m_per_year=2.4``), both ways.

View settings: the comparison (``compare=preset:baseline/saved:mine``; "/" cannot occur in a
scenario's name), the solver's indicator, lever and probability, the presentation's slide.

Nothing here imports Streamlit; ``talentsim.app.state`` reads and writes the page's link.
A parameter that is ignored comes back as ``(key, value, code, fields)``; :func:`why_text`
words it in the page's language from the catalogue (``link_why:<code>``).
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

#: a parameter the page ignored: (key, value as given, code, fields of its wording)
Ignored = tuple[str, str, str, dict[str, Any]]

from scenarios.levers import LEVERS


def lever_query(levers: Mapping[str, float]) -> dict[str, str]:
    """Lever values that differ from the ``LEVERS`` defaults, as URL parameters."""
    out = {}
    for key, lv in LEVERS.items():
        v = levers.get(key, lv.default)
        if v is None or math.isclose(float(v), float(lv.default), rel_tol=0, abs_tol=1e-12):
            continue
        out[key] = str(lv.cast(v)) if lv.integer else f"{float(v):g}"
    return out


def levers_from_query(params: Mapping[str, Any]) -> tuple[dict[str, float], list[Ignored]]:
    """Lever values found in URL parameters, validated against ``LEVERS``.

    Returns the values (only levers present in ``params``) and a list of
    ``(key, value, code, fields)`` for parameters that were ignored.
    """
    values: dict[str, float] = {}
    bad: list[Ignored] = []
    for key, lv in LEVERS.items():
        if key not in params:
            continue
        raw = params[key]
        raw = raw[-1] if isinstance(raw, (list, tuple)) else raw
        try:
            x = float(str(raw).strip())
        except ValueError:
            bad.append((key, str(raw), "not_number", {}))
            continue
        if not math.isfinite(x) or not (lv.low <= x <= lv.high):
            bad.append((key, str(raw), "outside", {"lever": key, "low": lv.low, "high": lv.high}))
            continue
        values[key] = lv.snap(x)
    return values, bad


#: link parameters of the yearly budget ({year: 亿元}) and the sector inflows ({indicator id: 万人 a year}),
#: each written ``key:value,key:value``
SCHEDULES = ("budget", "sector_inflow")


def schedule_query(budget: Mapping[int, float], sector_inflow: Mapping[str, float]) -> dict[str, str]:
    """A scenario's yearly budget and sector inflows as URL parameters (none when empty)."""
    out = {}
    for key, items in zip(SCHEDULES, (budget, sector_inflow)):
        if items:
            out[key] = ",".join(f"{k}:{float(v):g}" for k, v in sorted(items.items()))
    return out


def schedules_from_query(params: Mapping[str, Any], indicators: Iterable[str]
                         ) -> tuple[dict[int, float] | None, dict[str, float] | None, list[Ignored]]:
    """The yearly budget and sector inflows in URL parameters (None where the link has none), each
    item checked: a year, or one of ``indicators``, and a number in the lever's range."""
    from scenarios.spec import MAX_YEAR, MIN_YEAR

    known, found, bad = set(indicators), [], []
    for key, lever in zip(SCHEDULES, ("funding_cny_100m_per_year", "inflow_10k_per_year")):
        if key not in params:
            found.append(None)
            continue
        lv, got = LEVERS[lever], {}
        for item in (x for x in str(params[key]).split(",") if x.strip()):
            name, _, raw = item.rpartition(":")
            try:
                x = float(raw.strip())
            except ValueError:
                bad.append((key, item, "not_number", {}))
                continue
            if key == "budget":
                ok_name = name.strip().isdigit() and MIN_YEAR <= int(name) <= MAX_YEAR
                name = int(name) if ok_name else name
            else:
                ok_name = name in known
            if not ok_name:
                bad.append((key, item, "unknown_year" if key == "budget" else "not_indicator", {}))
            elif not math.isfinite(x) or not lv.low <= x <= lv.high:
                bad.append((key, item, "outside", {"lever": lever, "low": lv.low, "high": lv.high}))
            else:
                got[name] = x
        found.append(got)
    return found[0], found[1], bad


#: separator of the compared scenarios in ``compare=``
SEP = "/"
#: the solver's probabilities (percent): its slider's range and step
SOLVE_PROBS = range(50, 96, 5)


def settings_query(state: Mapping[str, Any]) -> dict[str, str]:
    """The comparison and the solver's settings of ``state`` (session state) as URL parameters."""
    out = {}
    if state.get("compare_with") is not None:
        out["compare"] = SEP.join(state["compare_with"])
    for key in ("solve_indicator", "solve_lever", "solve_prob"):
        if state.get(key) is not None:
            out[key] = str(state[key])
    return out


def settings_from_query(params: Mapping[str, Any], sources: Iterable[str], indicators: Iterable[str],
                        levers: Iterable[str], paths: Iterable[int] = ()) -> tuple[dict[str, Any], list[Ignored]]:
    """Session-state values for the settings in ``params``, each checked against what exists
    (scenario sources, the region's indicators, the solver's levers and probabilities, the
    path counts offered).

    Returns the values and ``(key, value, code, fields)`` for parameters (or compared scenarios) ignored.
    """
    sources, indicators, levers, paths = list(sources), set(indicators), list(levers), tuple(paths)
    out: dict[str, Any] = {"step": 0}
    bad: list[Ignored] = []
    if "compare" in params:
        items = [x for x in str(params["compare"]).split(SEP) if x]
        out["compare_with"] = [x for x in items if x in sources]
        bad += [("compare", x, "unknown_scenario", {}) for x in items if x not in sources]
    if "solve_indicator" in params:
        if params["solve_indicator"] in indicators:
            out["solve_indicator"] = params["solve_indicator"]
        else:
            bad.append(("solve_indicator", str(params["solve_indicator"]), "not_indicator", {}))
    if "solve_lever" in params:
        if params["solve_lever"] in levers:
            out["solve_lever"] = params["solve_lever"]
        else:
            bad.append(("solve_lever", str(params["solve_lever"]), "choose_lever", {"levers": tuple(levers)}))
    probs = f"{SOLVE_PROBS.start}, {SOLVE_PROBS.start + SOLVE_PROBS.step}, …, {SOLVE_PROBS[-1]}"
    for key, allowed, code, fields in (("solve_prob", SOLVE_PROBS, "choose_prob", {"choices": probs}),
                                       ("step", range(0, 10_000), "not_slide", {}),
                                       ("paths", paths, "choose_paths", {"choices": paths})):
        if key in params:
            try:
                value = int(str(params[key]).strip())
            except ValueError:
                value = None
            if value in allowed:
                out[key] = value
            else:
                bad.append((key, str(params[key]), code, fields))
    return out, bad


#: ignored link parameters shown at most (the rest are counted in one more line), and the
#: characters of a value echoed (a 400 kB value is named, not printed)
MOST_IGNORED, VALUE_CHARS = 5, 60


def place_ignored(params: Mapping[str, Any], langs: Iterable[str], regions: Iterable[str], views: Iterable[str],
                  indicators: Iterable[str]) -> list[Ignored]:
    """Warnings for a language, region, view or indicator in the link that does not exist (the page
    then opens on its default, and says so)."""
    checks = (("lang", langs, "unknown_lang"), ("region", regions, "unknown_region"),
              ("view", views, "unknown_view"), ("indicator", indicators, "not_indicator"))
    return [(k, str(params[k]), code, {}) for k, allowed, code in checks
            if k in params and params[k] not in set(allowed)]


def upload_link(params: Mapping[str, Any], upload: str) -> tuple[dict[str, Any], list[Ignored]]:
    """A shared link to an uploaded region (``region=upload``): the upload lives only in the session
    that made it, so the link's region and lever values are dropped (they belong to the upload's
    indicators, not to the region the page opens on) and the page says why."""
    if params.get("region") != upload:
        return dict(params), []
    keep = {k: v for k, v in params.items() if k != "region" and k not in LEVERS and k not in SCHEDULES}
    return keep, [("region", upload, "upload_link", {})]


def cap_ignored(bad: list[Ignored]) -> list[Ignored]:
    """At most MOST_IGNORED warnings, values clipped to VALUE_CHARS characters; one more line counts the rest."""
    clip = lambda v: v if len(v) <= VALUE_CHARS else v[:VALUE_CHARS] + f"… ({len(v):,})"  # noqa: E731
    out = [(k, clip(str(v)), code, f) for k, v, code, f in bad[:MOST_IGNORED]]
    if len(bad) > MOST_IGNORED:
        out.append(("…", "", "more_ignored", {"n": len(bad) - MOST_IGNORED}))
    return out


def why_text(code: str, fields: Mapping[str, Any], lang: str) -> str:
    """Why a link parameter was ignored, in ``lang``: lever ranges with their units, lever names,
    path counts as the page writes them; a saved scenario that no longer validates by its error."""
    from talentsim import levertext
    from talentsim.app import upload
    from talentsim.messages import t

    f = dict(fields)
    if code == "outside":
        f = {"low": levertext.lever_value(f["lever"], f["low"], lang),
             "high": levertext.lever_value(f["lever"], f["high"], lang)}
    elif code == "choose_lever":
        f = {"levers": "、".join(levertext.lever_name(k, lang) for k in f["levers"]) if lang == "zh"
             else ", ".join(levertext.lever_name(k, lang) for k in f["levers"])}
    elif code == "choose_paths":
        f = {"choices": ("、" if lang == "zh" else ", ").join(f"{int(p):,}" for p in f["choices"])}
    elif code == "saved_invalid":
        f = {"detail": upload.scenario_error_text(f["error"], lang)[:300]}
    return t(f"link_why:{code}", lang, **f)


__all__ = ["schedule_query", "schedules_from_query", "SCHEDULES",
           "upload_link", "lever_query", "levers_from_query", "settings_query", "settings_from_query", "why_text", "Ignored", "SEP", "cap_ignored", "place_ignored",
           "SOLVE_PROBS"]
