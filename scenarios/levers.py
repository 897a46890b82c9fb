"""Lever and parameter definitions: written once, used by validation, sampler and sliders.

Levers are what a planner chooses (funding, inflow, ...); parameters are what nobody
controls but we must assume (cost per funded talent, additionality, correlation).
Every record carries its unit, allowed range, default and a sentence in both languages,
so the scenario schema, the engine and the app's sliders cannot drift apart.

Where a default comes from the documents it says so in ``source``; where the documents
give no figure the default is an assumption and ``source`` says that too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from forecast.data.schema import HORIZON_MAX, HORIZON_MIN


@dataclass(frozen=True)
class Lever:
    """One adjustable input of a scenario.

    ``key`` carries the unit (``funding_cny_100m_per_year`` = 亿元 a year); ``low`` and
    ``high`` bound what validation accepts and what the app's slider offers.
    """

    key: str
    group: Literal["lever", "parameter"]
    unit: str
    low: float
    high: float
    default: float
    step: float
    name_zh: str
    name_en: str
    help_zh: str
    help_en: str
    source: str
    integer: bool = False
    region_default: bool = False   #: the scenario default is the region's own figure (None in the schema)

    def check(self, value: float) -> float:
        """Return ``value`` if inside [low, high], else raise ValueError naming the lever."""
        if not (self.low <= value <= self.high):
            raise ValueError(f"{self.key}={value} is outside [{self.low}, {self.high}] {self.unit}")
        return value

    def cast(self, x: float) -> int | float:
        """``x`` in the lever's type: rounded to an ``int`` for integer levers, else ``float``.

        The one place a lever value changes type (solver, sensitivity, app, URL)."""
        return int(round(x)) if self.integer else float(x)

    def snap(self, x: float) -> int | float:
        """``x`` on the lever's slider grid (``low + k * step``), clipped to [low, high] and cast,
        so a value from a link or a solver lands where the slider can show it."""
        if self.integer:
            return self.cast(x)
        v = self.low + round((x - self.low) / self.step) * self.step
        decimals = max(0, -int(math.floor(math.log10(self.step)))) if self.step < 1 else 0
        return float(min(max(round(v, decimals + 2), self.low), self.high))


_L = Lever
LEVERS: dict[str, Lever] = {
    lv.key: lv
    for lv in [
        _L("funding_cny_100m_per_year", "lever", "亿元/年", 0.0, 10.0, 1.2, 0.1,
           "人才专项资金（每年）", "Talent funding per year",
           "每年安排的人才专项资金；默认等于本地区历史水平；高于历史的部分按人均成本折算为新增资助名额。",
           "Annual talent funding; defaults to the region's own historic level; spending above it buys "
           "extra funded places at the cost per talent.",
           "Default = the region's own figure in programmes.csv (Tianhe 13th-FYP: 区财政累计安排人才专项资金"
           "超过6亿元 over 5 years → 1.2 亿元/年, 000); 1.2 is only the slider's fallback.",
           region_default=True),
        _L("funding_change_pct", "lever", "%", -100.0, 300.0, 0.0, 5.0,
           "资金相对本地区历史水平的变化", "Funding change vs the region's own level",
           "在本地区（或所设）资金水平上的增减百分比，例如 +50 表示增加一半。",
           "Change of the funding relative to the region's own (or the set) level, e.g. +50 = half as much again.",
           "Default 0 = the region's own level; presets state changes relative to the region."),
        _L("funding_growth_pct_per_year", "lever", "%/年", -20.0, 30.0, 0.0, 0.5,
           "资金年增长率", "Funding growth per year",
           "人才资金每年的增长率（荔湾“555”：每年不少于递增5%）。",
           "Yearly growth of the funding (Liwan '555': at least 5 % a year).",
           "Default 0 (history continues); Liwan plans ≥ 5 %/yr (004)."),
        _L("inflow_10k_per_year", "lever", "万人/年", -5.0, 10.0, 0.0, 0.1,
           "净人才流入（相对基线）", "Net talent inflow (vs baseline)",
           "在基线之外每年额外净流入的人才（万人），计入人才总量类指标。",
           "Extra net inflow of talents per year on top of the baseline, added to talent-stock indicators.",
           "Default 0 = inflows as in history (assumption; the documents give no inflow figure)."),
        _L("programme_places_per_year", "lever", "人/年", 0.0, 1000.0, 0.0, 10.0,
           "人才项目新增名额（每年）", "Extra programme places per year",
           "本地区人才项目每年额外资助的名额，计入入选者类指标（按滞后、资助期、留存率与额外性计）；"
           "每个名额的成本取自所选项目（data/programmes.csv）。",
           "Extra places a year in the region's own talent programmes, counted in selectee indicators "
           "(lag, subsidy period, retention and additionality as for funding); each place is priced by "
           "the chosen programme's cost per talent (data/programmes.csv).",
           "Default 0. Priced by a programme's cost per person in programmes.csv when the solver prices a "
           "mix (scenarios.mix): Haizhu 82 名 for 1100多万元 → 13.41 万元 (001, a lower bound); Tianjin "
           "15 万元 × 3 年 = 45 万元 (003); Tianjin 最高60万元 (003, an upper bound)."),
        _L("attrition_pct_per_year", "lever", "%/年", -5.0, 10.0, 0.0, 0.1,
           "额外流失率", "Extra attrition",
           "在基线之外每年额外流失的人才比例（负值表示留才改善）。",
           "Extra share of talents lost each year beyond the baseline (negative = better retention).",
           "Default 0 = attrition as in history (assumption)."),
        _L("shock_year", "lever", "年", HORIZON_MIN, HORIZON_MAX, 2022, 1,
           "冲击年份", "Shock year", "一次性冲击发生的年份。", "Year of a one-off shock.",
           "Free choice; no document figure. Default: two years after the region's base year (its data say "
           "which); 2022 is only the slider's fallback.", integer=True, region_default=True),
        _L("shock_pct", "lever", "%", -30.0, 30.0, 0.0, 1.0,
           "冲击幅度", "Shock size",
           "冲击年份人才存量类指标的一次性变动（负值为损失），此后保持。",
           "One-off change of talent stocks in the shock year (negative = loss), persisting afterwards.",
           "Default 0 (no shock)."),
        _L("cost_per_talent_cny_10k", "parameter", "万元/人", 5.0, 150.0, 28.0, 1.0,
           "人均资助成本（中位数）", "Cost per funded talent (median)",
           "资助一名人才的平均花费；在各路径中按对数正态分布抽样。",
           "Average spend per funded talent; drawn per path from a log-normal around this median.",
           "Median 28 = geometric midpoint of the documents' per-person figures: Haizhu 首批评定创新创业人才"
           " 82 名，兑现扶持资金 1100 多万元 → 13.4 万元 (001) and Tianjin 给予最高60万元专项资金支持 → 60 万元 "
           "(003); Tianhe's 超过6亿元 / 超过1500名 = 40 万元 (000) is indicative only (two lower bounds, the "
           "fund also paid for platforms)."),
        _L("cost_log_sd", "parameter", "log", 0.0, 1.5, 0.46, 0.01,
           "人均成本不确定性", "Cost uncertainty (log sd)",
           "人均成本对数的标准差。", "Standard deviation of log cost per talent across paths.",
           "Default 0.46 = ln(60/13.4)/(2×1.645): the documents' 13.4–60 万元 span a 90 % range."),
        _L("additionality_share", "parameter", "share", 0.0, 1.0, 0.3, 0.05,
           "额外性（中位数）", "Additionality (median)",
           "资助名额中真正新增的比例（若无资助就不会入选或到来）；各路径按 logit 正态抽样。",
           "Share of funded places that are new (the talent would not otherwise be selected or come); "
           "drawn per path from a logit-normal around this median.",
           "ASSUMPTION: the documents give no additionality figure; median 0.3."),
        _L("additionality_logit_sd", "parameter", "logit", 0.0, 3.0, 1.0, 0.05,
           "额外性不确定性", "Additionality uncertainty (logit sd)",
           "额外性 logit 的标准差；默认值使 90 % 区间约为 0.08–0.69。",
           "Standard deviation of the additionality's log-odds; the default gives a 90 % range of about 0.08–0.69.",
           "ASSUMPTION: wide on purpose, for want of a sourced estimate."),
        _L("returns_exponent", "parameter", "θ", 0.2, 1.0, 0.7, 0.05,
           "边际收益递减指数", "Diminishing-returns exponent",
           "名额随资金按 资金^θ 增长（θ<1：越往后每元买到的人才越少）；θ=1 为线性。",
           "Places grow as spend^θ (θ < 1: each extra yuan buys fewer talents); θ = 1 is linear.",
           "ASSUMPTION 0.7: a programme first funds its strongest candidates; no document figure."),
        _L("lag_years", "parameter", "年", 0, 3, 1, 1,
           "资金到人才计入的滞后", "Lag from money to counted talents",
           "资金投入后多少年新增人才才计入指标（评审、引进、到岗）。",
           "Years between the money and the talents counted (selection, recruitment, arrival).",
           "ASSUMPTION 1 year: selection rounds are yearly (Tianjin 每年选拔100名, 003).", integer=True),
        _L("subsidy_years", "parameter", "年", 1, 10, 3, 1,
           "资助期", "Subsidy period",
           "每名受资助人才获得资助的年数；期满后按留存率流失。",
           "Years a funded talent is paid for; afterwards the talent stays at the retention rate.",
           "Default 3: Tianjin 给予入选者连续3年、每年每人15万元资助 (003); Liwan's programme runs 5–10 years (004).",
           integer=True),
        _L("retention_after_subsidy", "parameter", "share/年", 0.5, 1.0, 0.85, 0.01,
           "资助期满后年留存率", "Yearly retention after the subsidy",
           "资助期满后每年仍留在本地区（仍被计入）的比例。",
           "Share of funded talents still in the region (still counted) each year after the subsidy ends.",
           "ASSUMPTION 0.85: the documents give no retention figure."),
        _L("regional_correlation", "parameter", "share", 0.0, 0.95, 0.3, 0.05,
           "区域共同因子强度", "Regional correlation",
           "同一地区指标增长率与年度冲击的共同因子占比。",
           "Share of growth-rate and shock variance that the indicators of a region share.",
           "Estimated 0.30 (bootstrap 10-90 % 0.24-0.33): mean correlation of five-year growth deviations "
           "across 19 indicator families within a province-window, techme provincial panels 2010-2023 "
           "(data/reference_growth.csv; forecast.regional_correlation()). Each path's value moves with its "
           "bootstrap draw, so the model range includes this uncertainty; 0 = independent indicators."),
    ]
}

#: The funding levers: disabled together where a region has no funding history.
FUNDING_LEVERS = ("funding_cny_100m_per_year", "funding_change_pct", "funding_growth_pct_per_year")
#: The funding economics: uncertain parameters that turn money into counted talents.
ECONOMICS = ("cost_per_talent_cny_10k", "cost_log_sd", "additionality_share", "additionality_logit_sd",
             "returns_exponent", "lag_years", "subsidy_years", "retention_after_subsidy")

__all__ = ["Lever", "LEVERS", "FUNDING_LEVERS", "ECONOMICS"]
