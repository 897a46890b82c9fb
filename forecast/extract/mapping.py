"""Candidates → a region folder in the data/ layout (indicators.csv, observations.csv) that
``talentsim data check`` validates: the unit mapped onto the closed list, a type, higher_is_better,
a measure and a confidence for each indicator. Rows that do not fit are listed with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from forecast.data.units import PEOPLE_UNITS as _PEOPLE_UNITS
from forecast.data.units import UNITS
from forecast.extract.candidate import Candidate
from forecast.extract.score import norm_name

#: printed unit → (unit in the closed list, factor)
UNIT_MAP: dict[str, tuple[str, float]] = {u: (u, 1.0) for u in UNITS} | {
    "万亿元": ("亿元", 1e4), "千亿元": ("亿元", 10.0), "元": ("万元", 1e-4), "万名": ("万人", 1.0),
    "万位": ("万人", 1.0), "万个": ("个", 1e4), "万家": ("家", 1e4), "万户": ("家", 1e4), "户": ("家", 1.0),
    "万项": ("项", 1e4), "万套": ("套", 1e4), "万张": ("张", 1e4), "万场": ("场", 1e4), "亿人次": ("万人次", 1e4),
    "平方米": ("万平方米", 1e-4), "亿件": ("万件", 1e4), "人年/万人": ("人年/万人", 1.0),
    "个工作日": ("工作日", 1.0)}
_GROWTH_NAME = re.compile(r"(增长|增加|提高|提升|上升|扩大|下降|降低|减少|缩小|净增|增速|增幅|涨幅)$")
_LOWER_BETTER = re.compile(r"失业率|能耗|能源消耗|排放|下降|降低|事故|死亡率|PM2\.?5|价格|消费价格|审核周期|时限|天数|"
                           r"办理时间|申办材料")
_ORGS = re.compile(r"(站|中心|机构|平台|基地|企业|公司|园区|园|学校|院校|高校|大学|学院|实验室|工作室|孵化器|空间|集团|驿站|医院|"
                   r"组织|协会|单位|工厂|景区|院)(（.*）)?$")


@dataclass
class Mapped:
    """The region folder's two tables and the candidates left out, with the reason for each."""

    indicators: pd.DataFrame
    observations: pd.DataFrame
    skipped: list[tuple[Candidate, str]] = field(default_factory=list)


def indicator_type(name: str, unit: str) -> str:
    """people / share / rate / organisations / money / count / other from the unit, then the name."""
    if unit in ("人年/万人", "人/千人") or name.startswith("每"):
        return "rate"
    if unit == "%":
        return "share"
    if unit in _PEOPLE_UNITS:
        return "people"
    if unit in ("家", "所") or (unit == "个" and _ORGS.search(name)):
        return "organisations"
    if unit in ("亿元", "万元"):
        return "money"
    if unit == "工作日":
        return "other"
    return "count"


def measure_of(cands: list[Candidate], name: str, unit: str) -> str:
    """five_year_total for [x], 累计 and 期间 figures; annual_flow for yearly quantities; else level."""
    if any(c.total for c in cands) or re.search(r"累计|五年", name):
        return "five_year_total"
    if re.search(r"年招|年度|每年|新增|招生|营业收入|收入|产值|增加值|总产值|交易额|销售", name) or unit in ("亿元", "万元") \
            and not re.search(r"余额|资产|规模", name):
        return "annual_flow"
    return "level"


def map_unit(c: Candidate) -> tuple[str, float] | None:
    """(closed-list unit, value factor), or None when the unit has no place in the list."""
    return UNIT_MAP.get(c.unit)


def skip_reason(c: Candidate) -> str:
    """Why a candidate does not become a row ("" when it does)."""
    if c.year is None:
        return "no year"
    if c.unit in ("倍", "个百分点", "百分点", "‰") or (c.unit == "%" and (_GROWTH_NAME.search(c.indicator_zh)
                                                                           or c.per_year)):
        return "a growth rate or change (the level schema holds levels and shares)"
    if map_unit(c) is None:
        return f"unit {c.unit or '(none)'} is not in the closed list"
    return ""


def _confidence(cands: list[Candidate], name: str, factor: float) -> float:
    conf = 0.9 if any(c.source == "table" for c in cands) else 0.7
    if factor != 1.0:
        conf -= 0.1
    if len(name) < 3 or len(name) > 25:
        conf -= 0.2
    if any(c.kind == "target" for c in cands):
        conf += 0.05
    return round(min(conf, 1.0), 2)


def to_region(cands: list[Candidate], region: str, source: str) -> Mapped:
    """Group candidates by name and unit into indicators with a target and observations."""
    groups: dict[tuple[str, str], list[Candidate]] = {}
    skipped = []
    for c in cands:
        why = skip_reason(c)
        if why:
            skipped.append((c, why))
            continue
        groups.setdefault((norm_name(c.indicator_zh), map_unit(c)[0]), []).append(c)
    ind, obs = [], []
    for n, ((_, unit), cs) in enumerate(groups.items(), start=1):
        iid = f"{region}.i{n:03d}"
        ind.append(_indicator(iid, region, source, unit, cs))
        obs.extend(_observations(iid, source, cs))
    obs_df = pd.DataFrame(obs, columns=["id", "year", "value", "status", "preferred", "qualifier", "source", "quote",
                                        "note"])
    if len(obs_df):
        dup = obs_df.duplicated(["id", "year"], keep=False)
        first = ~obs_df.duplicated(["id", "year"], keep="first")
        obs_df["preferred"] = first
        obs_df.loc[dup, "note"] = obs_df.loc[dup, "note"].where(obs_df.loc[dup, "note"] != "",
                                                                "printed more than once; the first is preferred")
    return Mapped(pd.DataFrame(ind), obs_df, skipped)


def _indicator(iid: str, region: str, source: str, unit: str, cs: list[Candidate]) -> dict:
    name = max((c.indicator_zh for c in cs), key=len)
    factor = map_unit(cs[0])[1]
    targets = sorted((c for c in cs if c.kind == "target"), key=lambda c: (c.year or 0, c.source == "table"))
    t = targets[-1] if targets else None
    op = {">=": ">=", "<=": "<=", "about": "=", "=": "="}[t.comparator] if t else ""
    ranged = t is not None and t.value_high is not None
    lower_better = bool(_LOWER_BETTER.search(name)) or (t is not None and t.comparator == "<=")
    row = {"id": iid, "region": region, "name_zh": name, "name_en": "", "unit": unit, "category": "",
           "type": indicator_type(name, unit), "measure": measure_of(cs, name, unit),
           "higher_is_better": "false" if lower_better else "true",
           "target_year": t.year if t else "", "target_value": "" if not t or ranged else t.value * factor,
           "target_op": op, "target_low": t.value * factor if ranged else "",
           "target_high": t.value_high * factor if ranged else "",
           "target_band_pct": 5 if t and t.comparator == "about" and not ranged else "",
           "target_status": "stated" if t else "none", "source": source,
           "quote": (t or cs[0]).quote, "line": (t or cs[0]).line, "confidence": _confidence(cs, name, factor),
           "note": f"extracted from line {(t or cs[0]).line}" + (f"; unit {cs[0].unit} converted" if factor != 1 else "")}
    if row["type"] == "share" and t and not 0 <= t.value <= 100:
        row.update(target_value="", target_op="", target_band_pct="", target_status="none")
    return row


def _observations(iid: str, source: str, cs: list[Candidate]) -> list[dict]:
    """Bases and outcomes; a table's figure comes first (preferred) when the text repeats it."""
    out = []
    for c in sorted(cs, key=lambda c: c.source != "table"):
        if c.kind == "target" or c.value_high is not None:
            continue
        qual = {"about": "approx", ">=": "at_least", "<=": "at_most"}.get(c.comparator, "")
        out.append({"id": iid, "year": c.year, "value": c.value * map_unit(c)[1], "status": "observed",
                    "preferred": True, "qualifier": qual, "source": source, "quote": c.quote,
                    "note": f"{c.kind}, line {c.line}"})
    return out


def write_region(mapped: Mapped, out_dir: str | Path) -> list[Path]:
    """Write indicators.csv and observations.csv into ``out_dir`` (created)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "indicators.csv", out / "observations.csv"]
    mapped.indicators.to_csv(paths[0], index=False)
    mapped.observations.assign(preferred=mapped.observations["preferred"].map({True: "true", False: "false"})) \
        .to_csv(paths[1], index=False)
    return paths


__all__ = ["Mapped", "UNIT_MAP", "indicator_type", "measure_of", "map_unit", "skip_reason", "to_region",
           "write_region"]
