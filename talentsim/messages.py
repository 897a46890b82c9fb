"""User-interface strings in Chinese and English, and numbers written the way the plans write them.

``t(key, lang, **fields)`` looks a string up (``lang`` is ``"zh"`` or ``"en"``) and fills
``{fields}``; an unknown key raises ``KeyError`` so a typo fails in tests, not in front
of a planner. ``fmt_value(value, unit, lang)`` keeps the documents' own units (万人, 亿元,
人, %) and switches to a larger unit only where the documents would (1,500 人 stays in
人; 1,050,000 人 becomes 105 万人; 45,000 万元 becomes 4.5 亿元). Nothing here imports
Streamlit.
"""

from __future__ import annotations

import math
from typing import Optional

LANGS = ("zh", "en")

#: key -> (中文, English)
STRINGS: dict[str, tuple[str, str]] = {
    # chrome
    "app_title": ("人才发展规划情景模拟", "Talent-plan scenario simulator"),
    "app_caption": ("按“十四五”人才规划指标，模拟各项目标在 {year} 年达成的概率；每个数字都可追溯到规划原文。",
                    "Probability that each indicator of the five-year talent plan reaches its {year} target; "
                    "every number traces back to a sentence of the plan documents."),
    "language": ("语言", "Language"),
    "region": ("地区", "Region"),
    "region_tianhe": ("天河区", "Tianhe District"),
    "region_guangdong": ("广东省", "Guangdong Province"),
    "region_liwan": ("荔湾区（“555”人才工程）", "Liwan District ('555' programme)"),
    "region_upload": ("我上传的数据：{name}", "My uploaded data: {name}"),
    "upload_region": ("上传数据中的地区", "Region in the uploaded data"),
    "start_from": ("起始情景", "Start from"),
    "preset_prefix": ("预设", "preset"),
    "saved_prefix": ("已保存", "saved"),
    "uploaded_prefix": ("已上传", "uploaded"),
    "levers": ("政策杠杆", "Levers"),
    "parameters": ("假设参数", "Assumptions"),
    "parameters_help": ("无人能直接控制、但必须假设的参数。", "What nobody controls but we must assume."),
    "paths": ("模拟路径数", "Monte Carlo paths"),
    "paths_help": ("路径越多，概率的蒙特卡洛标准误越小（20 000 条时不超过 0.35 个百分点）。",
                   "More paths, smaller Monte Carlo error (at 20,000 paths one SE ≤ 0.35 points)."),
    "reset_levers": ("恢复起始情景的杠杆值", "Reset levers to the starting scenario"),
    "funding_no_effect": ("该地区的规划文件没有给出历史人才资金数额，资金杠杆在此不起作用。",
                          "The documents give no historic funding figure for this region: the funding levers "
                          "have no effect here."),
    "funding_source": ("基线已包含历史资金水平 {value}/年；资金杠杆只按与此水平之差起作用。",
                       "The baseline already reflects historic funding of {value} a year; the funding "
                       "lever acts only on the difference from it."),
    "present_mode": ("演示模式", "Presentation mode"),
    "present_help": ("每屏一个指标或一个比较，大字号，隐藏侧边栏。", "One indicator or comparison per screen, "
                                                                "large type, no sidebar."),
    "view": ("视图", "View"),
    "view_overview": ("总览", "Overview"),
    "view_indicator": ("单项指标", "Indicator"),
    "view_compare": ("情景比较", "Compare"),
    "view_solve": ("需要投入多少", "What it takes"),
    "view_p555": ("荔湾“555”", "Liwan 555"),
    "view_data": ("数据与来源", "Data & sources"),
    "units_legend": ("", "万 = 10,000; 亿 = 100 million; 亿元 = 100 million yuan."),
    "error_unexpected": ("出现意外错误，页面其余部分仍可使用：{msg}", "Something went wrong; the rest of the page "
                                                          "still works: {msg}"),
    # overview
    "overview_title": ("{region}：{year} 年目标达成概率", "{region}: probability of meeting the {year} targets"),
    "scenario_line": ("情景：{name}（{paths} 条路径，随机种子 {seed}）", "Scenario: {name} ({paths} paths, seed {seed})"),
    "expected_met": ("预计达标指标数", "Expected targets met"),
    "expected_met_of": ("共 {m} 项有目标的指标", "of {m} indicators with a target"),
    "p_all": ("全部达标的概率", "P(all targets met)"),
    "n_simulated": ("模拟指标数", "Indicators simulated"),
    "n_skipped": ("未模拟 {n} 项", "{n} not simulated"),
    "col_indicator": ("指标", "Indicator"),
    "col_unit": ("单位", "Unit"),
    "col_base": ("基数", "Base"),
    "col_target": ("{year} 年目标", "{year} target"),
    "col_median": ("中位预测", "Median projection"),
    "col_interval": ("80% 区间（p10–p90）", "80% interval (p10–p90)"),
    "col_p": ("达标概率 ± 标准误", "P(meet) ± SE"),
    "col_p_num": ("达标概率", "P(meet)"),
    "col_flag": ("备注", "Note"),
    "col_id": ("编号", "ID"),
    "flag_met_at_base": ("基年已达标", "already met at base"),
    "no_target": ("无数值目标", "no numeric target"),
    "bands_legend": ("颜色：绿色 ≥ 80%，黄色 50–80%，红色 < 50%。概率后的 ± 为蒙特卡洛标准误。",
                     "Colours: green ≥ 80 %, amber 50–80 %, red < 50 %. ± is the Monte Carlo standard error."),
    "met_at_base_note": ("基年已达标的指标：概率表示不回落到目标以下的可能性。",
                         "Targets already met at base: the probability is the chance of not falling back."),
    "skipped_title": ("未模拟的指标及原因", "Indicators not simulated, and why"),
    "col_reason": ("原因", "Reason"),
    "prob_bars_title": ("各指标达标概率", "Probability of meeting each target"),
    "not_simulable": ("该地区没有可以预测的指标（没有目标年之前的基数）。请查看“555”工程视图或数据视图。",
                      "No indicator of this region can be projected (no base value before the target year). "
                      "See the '555' programme or the data view."),
    # indicator
    "choose_indicator": ("选择指标", "Indicator"),
    "p_meet_metric": ("{year} 年达标概率", "P(meet {year} target)"),
    "median_metric": ("{year} 年中位预测", "Median {year}"),
    "target_metric": ("目标", "Target"),
    "growth_needed": ("所需年均增长 {need}，预测年均增长 {proj}", "Growth needed {need} a year, projected {proj}"),
    "model_title": ("增长模型", "Growth model"),
    "model_field": ("项目", "Field"),
    "model_value": ("数值", "Value"),
    "law_model": ("模型", "model"),
    "law_scale": ("尺度", "scale"),
    "law_base": ("基年与基数", "base year and value"),
    "law_drift_loc": ("年增长率（位置）", "drift_loc (growth, location)"),
    "law_drift_scale": ("年增长率的不确定性（尺度）", "drift_scale"),
    "law_drift_df": ("t 分布自由度", "drift_df (Student-t df)"),
    "law_shock_sd": ("年度冲击标准差", "shock_sd (yearly shock)"),
    "law_note": ("说明", "note"),
    "law_pct_hint": ("（≈ 每年 {pct}）", " (≈ {pct} a year)"),
    "history_sources": ("历史数据来源", "Sources of the history"),
    # compare
    "compare_with": ("与以下情景比较", "Compare with"),
    "compare_need_two": ("请至少选择一个其他情景进行比较。", "Choose at least one other scenario to compare with."),
    "compare_crn": ("所有情景使用相同的随机数（共同随机数），差异完全来自杠杆；差异后的 ± 为配对标准误。",
                    "All scenarios run on common random numbers: a difference is the levers'; ± is the paired SE."),
    "compare_region_table": ("地区汇总", "Region summary"),
    "col_scenario": ("情景", "Scenario"),
    "col_targets": ("有目标指标数", "Targets"),
    "col_diff": ("与 {ref} 之差：{name}", "{name} − {ref}"),
    "current_suffix": ("（当前）", " (current)"),
    "exports": ("导出", "Export"),
    "export_xlsx": ("下载 Excel", "Download Excel"),
    "export_pptx": ("下载幻灯片", "Download slides"),
    "export_html": ("下载 HTML 报告", "Download HTML report"),
    "export_failed": ("导出失败：{msg}", "Export failed: {msg}"),
    "comparison_chart_title": ("各情景达标概率", "P(meet target) by scenario"),
    # solve
    "solve_indicator": ("目标指标", "Target indicator"),
    "solve_lever": ("调整的杠杆", "Lever to adjust"),
    "solve_prob": ("把握程度", "Confidence wanted"),
    "solve_answer": ("要有 {prob} 的把握在 {year} 年实现“{name}”{op}{target}：{lever}{word} {value}（此时概率 {p}）。",
                     "To be {prob} sure of {target} {name} by {year}: {lever} {word} {value} (gives {p})."),
    "solve_at_least": ("至少", "at least"),
    "solve_at_most": ("至多", "at most"),
    "solve_unreachable": ("在“{lever}”的取值范围 [{low}, {high}] 内无法达到 {prob} 的把握：最高 {best}。",
                          "Not reachable within {lever}'s range [{low}, {high}]: at most {best}."),
    "solve_no_target": ("没有带数值目标的指标。", "No indicator with a numeric target."),
    "tornado_title": ("敏感性：各杠杆取范围两端时的达标概率", "Sensitivity: probability at each end of every lever's range"),
    "tornado_caption": ("其他杠杆保持当前值；“基线增长率”为该指标增长模型 ±1 个尺度。",
                        "Other levers at their current values; 'baseline growth' is the indicator's law ±1 scale."),
    # 555
    "p555_title": ("荔湾区“555”人才工程", "Liwan '555' talent programme"),
    "p555_intro": ("2012 年起 5–10 年内：人才资金总额 {total}，每年递增不少于 {growth}；目标支持高层次人才约 {target}。"
                   "每条路径抽取资金使用年限（5–10 年）与人均成本。",
                   "From 2012, over 5–10 years: a fund of {total} growing at least {growth} a year; target about "
                   "{target} supported high-level talents. Each path draws the spending horizon (5–10 years) "
                   "and the cost per talent."),
    "p555_within5": ("5 年内达到 {target} 的概率", "P({target} within 5 years)"),
    "p555_within10": ("10 年内达到 {target} 的概率", "P({target} within 10 years)"),
    "p555_person_share": ("资金中用于人才个人资助的比例（假设）", "Share of the fund paying people (assumption)"),
    "p555_chart": ("累计支持人才数（中位数与 90% 区间）", "Cumulative supported talents (median and 90 % band)"),
    "p555_assumptions": ("人均成本中位数 {cost}（对数标准差 {sd}），取自侧边栏的假设参数。",
                         "Median cost per talent {cost} (log sd {sd}), from the assumptions in the sidebar."),
    "p555_missing": ("数据中缺少荔湾“555”工程的资金或目标：{msg}", "The data lack Liwan's 555 fund or target: {msg}"),
    "sources": ("来源", "Sources"),
    # data
    "data_indicators": ("指标（目标及其原文）", "Indicators (targets and the sentence they come from)"),
    "data_observations": ("观测值（含推算值）", "Observations (incl. derived values)"),
    "data_programmes": ("资金项目", "Programmes"),
    "data_upload_title": ("上传自己的地区数据", "Upload your own region"),
    "data_upload_help": ("与 data/ 目录相同的格式：indicators 与 observations 两张表（CSV，UTF-8 或 GBK），"
                         "或一个 .xlsx 工作簿（每张表一个工作表，按列名识别）。programmes、growth_facts 可选。"
                         "总大小不超过 {limit}。",
                         "Same layout as the data/ folder: the indicators and observations tables (CSV, UTF-8 or "
                         "GBK), or one .xlsx workbook (one sheet per table, found by its columns). programmes and "
                         "growth_facts are optional. At most {limit} in total."),
    "data_upload_files": ("数据文件", "Data files"),
    "data_upload_ok": ("已载入 {name}：{n_ind} 项指标，{n_obs} 条观测，地区 {regions}。",
                       "Loaded {name}: {n_ind} indicators, {n_obs} observations, regions {regions}."),
    "data_upload_failed": ("上传的数据未能载入（{n} 个问题），仍使用之前的数据：",
                           "The upload did not load ({n} problems); the previous data are kept:"),
    "data_upload_clear": ("移除上传的数据", "Remove the uploaded data"),
    "data_source_of": ("当前数据：{source}", "Current data: {source}"),
    "data_shipped": ("随软件提供的规划文件数据", "the plan documents shipped with talentsim"),
    "col_file": ("文件", "File"),
    "col_line": ("行", "Line"),
    "col_column": ("列", "Column"),
    "col_message": ("问题", "Problem"),
    # save & share
    "save_title": ("保存与分享", "Save and share"),
    "scenario_name": ("情景名称", "Scenario name"),
    "scenario_description": ("说明", "Description"),
    "download_yaml": ("下载情景（YAML）", "Download scenario (YAML)"),
    "save_local": ("保存到本地文件夹", "Save to local folder"),
    "saved_ok": ("已保存：{path}", "Saved: {path}"),
    "saved_refused": ("未保存：同名下已保存了另一个情景。请换一个名称，或勾选“覆盖”后再保存。",
                      "Not saved: a different scenario is saved under this name. Choose another name, or tick "
                      "'overwrite' and save again."),
    "overwrite": ("覆盖同名情景", "Overwrite the saved scenario"),
    "load_yaml": ("载入情景文件（YAML）", "Load a scenario file (YAML)"),
    "load_ok": ("已载入情景“{name}”。", "Loaded scenario '{name}'."),
    "load_region_missing": ("情景的地区“{region}”不可用，已改用当前地区。", "The scenario's region '{region}' is "
                                                                  "not available; the current region is used."),
    "share_link": ("本页地址栏中的链接可复现当前视图（地区、情景、语言、杠杆值）。",
                   "The link in the address bar reproduces this view (region, scenario, language, lever values)."),
    "query_bad": ("链接参数“{param}={value}”无效，已忽略：{why}", "Link parameter '{param}={value}' ignored: {why}"),
    # presentation
    "present_prev": ("◀ 上一页", "◀ Previous"),
    "present_next": ("下一页 ▶", "Next ▶"),
    "present_exit": ("退出演示", "Exit presentation"),
    "present_step": ("第 {i} / {n} 页", "Slide {i} of {n}"),
    "present_summary": ("{region}：目标达成总览", "{region}: the targets at a glance"),
    "present_compare": ("情景比较：{names}", "Scenarios compared: {names}"),
}


def t(key: str, lang: str = "zh", **fields) -> str:
    """UI string ``key`` in ``lang`` (``"zh"`` or ``"en"``), with ``{fields}`` filled in."""
    zh, en = STRINGS[key]
    text = zh if lang == "zh" else en
    if lang == "zh" and not zh:
        text = ""
    return text.format(**fields) if fields else text


# --------------------------------------------------------------------------- numbers
#: Units whose values are counted one by one (written with thousands separators).
_COUNT_UNITS = {"人", "名", "位", "家", "件", "个", "所", "套", "张", "场", "人次", "项", "工作日"}
#: A unit and the larger unit the documents switch to, with the factor and the threshold.
_SCALE_UP = {
    "人": ("万人", 1e4, 1e5), "人次": ("万人次", 1e4, 1e5), "件": ("万件", 1e4, 1e5),
    "万元": ("亿元", 1e4, 1e4), "万人": ("亿人", 1e4, 1e4), "元": ("亿元", 1e8, 1e8),
}


def fmt_number(x: float, sig: int = 4) -> str:
    """A number to ``sig`` significant digits (never fewer than the integer part), with a
    thousands separator and no trailing zeros: 1500 -> '1,500', 136.21 -> '136.2'."""
    if x is None or not math.isfinite(x):
        return "–"
    if x == 0:
        return "0"
    digits = int(math.floor(math.log10(abs(x)))) + 1        # digits before the point
    decimals = max(0, sig - digits)
    s = f"{x:,.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fmt_value(value: Optional[float], unit: str, lang: str = "zh") -> str:
    """A value with its unit as the plan documents write it.

    >>> fmt_value(105, "万人"), fmt_value(450, "亿元"), fmt_value(1500, "人"), fmt_value(33.6, "%")
    ('105 万人', '450 亿元', '1,500 人', '33.6 %')
    >>> fmt_value(1_050_000, "人"), fmt_value(45_000, "万元")
    ('105 万人', '4.5 亿元')
    """
    if value is None:
        return "–"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return "–"
    unit = unit or ""
    if unit in _SCALE_UP:
        big, factor, threshold = _SCALE_UP[unit]
        if abs(v) >= threshold:
            v, unit = v / factor, big
    if unit in _COUNT_UNITS and abs(v) >= 100:
        num = f"{round(v):,}"
    else:
        num = fmt_number(v)
    return f"{num} {unit}".strip()


def fmt_prob(p: Optional[float], se: Optional[float] = None, *, digits: int = 1) -> str:
    """A probability as '80.0 %' or '80.0 % ± 0.3 %'."""
    if p is None or not math.isfinite(p):
        return "–"
    s = f"{p * 100:.{digits}f} %"
    if se is not None and math.isfinite(se):
        s += f" ± {se * 100:.{digits}f} %"
    return s


def fmt_pct(x: Optional[float], *, digits: int = 1, signed: bool = False) -> str:
    """A percentage figure (already in %) as '7.2 %' (or '+7.2 %' when ``signed``)."""
    if x is None or not math.isfinite(x):
        return "–"
    return f"{x:+.{digits}f} %" if signed else f"{x:.{digits}f} %"


OP_TEXT = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "≈"}


def fmt_target(op: str, value: Optional[float], unit: str, lang: str = "zh") -> str:
    """Target with the document's comparator: '≥ 1,500 人', '＞ 110 件'."""
    if value is None or not (isinstance(value, (int, float)) and math.isfinite(value)):
        return t("no_target", lang)
    return f"{OP_TEXT.get(op, op)} {fmt_value(value, unit, lang)}"


__all__ = ["t", "STRINGS", "LANGS", "fmt_value", "fmt_number", "fmt_prob", "fmt_pct", "fmt_target", "OP_TEXT"]
