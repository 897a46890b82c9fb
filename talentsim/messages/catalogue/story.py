"""Catalogue section: the argument that heads every export (talentsim/export/story.py) and the
workbook's labels. ``key: (中文, English)``; see the package docstring."""

from __future__ import annotations

SECTION: dict[str, tuple[str, str]] = {
    # ==================== story: what each scenario changes and does (talentsim/export/story.py)
    "story_title": ("结论：各情景改变什么、带来什么、哪些目标有风险", "What each scenario changes, what it does, what is at risk"),
    "story_funding": ("人才资金 {level}（本地区历史水平 {hist}{change}），{growth}",
                      "Talent funding {level} (the region's own historic level {hist}{change}), {growth}"),
    "story_change": ("，{pct}%", ", {pct} %"),
    "story_growth": ("此后每年 {pct}%", "then {pct} % a year"),
    "story_flat": ("此后不变", "then flat"),
    "story_funding_off": ("本地区文件未给出历史人才资金：资金杠杆在此不起作用",
                          "The region's documents give no historic talent funding: the funding levers do nothing here"),
    "story_shock": ("{year} 年人才存量一次性变动 {pct}%", "one-off change of talent stocks in {year}: {pct} %"),
    "story_risk_title": ("存在风险的目标、需要什么、数字依据何在", "Targets at risk, what it would take, what the numbers rest on"),
    "story_changes": ("改变", "Changes"),
    "story_does": ("作用（与参照相比，括号内为模型区间）", "Does (vs the reference; model range in brackets)"),
    "story_no_effect": ("各目标的达标概率与参照相同", "the same probability for every target as the reference"),
    "story_at_risk": ("存在风险（参照情景达标概率 < 80%，括号内为模型区间）",
                      "At risk (P < 80 % in the reference; model range in brackets)"),
    "story_takes": ("需要什么", "What it would take"),
    "story_takes_funding": ("{name}：达标概率 {p} 需人才资金至少 {value}（随人均成本与额外性：{range}）",
                            "{name}: {p} sure needs funding of at least {value} ({range} over cost and additionality)"),
    "story_takes_unreachable": ("{name}：人才资金在允许范围内无法使达标概率达到 {p}",
                                "{name}: no funding within the lever's range makes it {p} sure"),
    "story_joint_head": ("整体", "The plan as a whole"),
    "story_joint": ("{scen}：预期达标 {e}/{m} 项（{e_lo}–{e_hi}），全部达标概率 {p}（{p_lo}–{p_hi}%）",
                    "{scen}: {e} of {m} targets expected ({e_lo}–{e_hi}); P(all) {p} ({p_lo}–{p_hi} %)"),
    "story_rests_on": ("依据", "What the numbers rest on"),
    "story_history": ("{n} 项指标的历史数据点：中位数 {median} 个，最多 {most} 个；{one} 项只有 1 个或没有",
                      "History of the {n} indicators: median {median} points, at most {most}; {one} rest on one point or none"),
    "story_ranges": ("括号内为模型区间：先验超参数与区域相关性各抽样下达标概率的 10–90%（不含蒙特卡洛误差）",
                     "Brackets give the model range: 10–90 % of the probability over the prior's hyperparameter "
                     "and regional-correlation draws (Monte Carlo error excluded)"),
    "story_left_out_head": ("未模拟", "Not simulated"),
    "story_left_out": ("{name}：{why}", "{name}: {why}"),
    "story_skip_withheld": ("目标未公开（[略]），无可对照", "target withheld by the publisher ([略]); nothing to hit"),
    "story_skip_late": ("目标年份 {year} 晚于模拟终点 {horizon}", "target year {year} is after the horizon {horizon}"),
    "story_skip_before": ("目标年份 {year} 早于基期 {base}", "target year {year} is before its base year {base}"),
    "story_skip_base_late": ("基期不早于模拟终点", "base year not before the horizon"),
    "story_skip_no_base": ("无可用基期值", "no base value to project from"),
    "story_skip_other": ("无法建立增长模型", "no growth model could be fitted"),
    "story_chart_part": ("（第 {i}/{n} 部分）", " (part {i} of {n})"),
    "story_fans_moved": ("扇形图：情景改变最多的指标", "Fan charts: the indicators the scenarios move most"),
    "story_pp_per_year": ("百分点/年", "pp/yr"),
}
