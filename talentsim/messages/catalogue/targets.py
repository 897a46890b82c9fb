"""Catalogue section: target-setting (the "set targets" view, ``talentsim targets``, its export
and slide). ``key: (中文, English)``; keys start with ``tgt_`` (and ``view_targets``)."""

from __future__ import annotations

SECTION: dict[str, tuple[str, str]] = {
    "view_targets": ("设定目标", "Set targets"),
    # growth-rate indicators (measure growth_rate) in the indicator view's law table
    "law:identity": ("原值尺度（增长率，百分点）", "identity scale (a growth rate, percentage points)"),
    "law:growth-rate law": ("增长率规律（按本指标历年增速更新）", "growth-rate law (updated with its own yearly rates)"),
    "law_pp_hint": ("（≈ 每年 {pp} 个百分点）", " (≈ {pp} percentage points a year)"),
    "tgt_title": ("{region}：目标设定（情景：{scenario}）", "{region}: setting targets (scenario: {scenario})"),
    "tgt_intro": (
        "对每项指标：在所选情景下分别有 50%、80%、90% 把握达到的目标值（按单位的书写精度向稳妥方向取整）；"
        "在“拟定目标”一列填入数值，可看到它的达成概率，以及它所要求的年均增长在真实规划同类目标中的百分位"
        "和同等或更高目标的实际达成率。",
        "For each indicator: the target reached with 50 %, 80 % and 90 % probability under the chosen scenario "
        "(rounded to the unit's printed precision, the safe way). Type a value in 'Proposed target' to see its "
        "probability, the percentile of the growth a year it asks for among real plans' targets of the same type, "
        "and how often targets at least as ambitious were met.",
    ),
    "tgt_col_indicator": ("指标", "Indicator"),
    "tgt_col_unit": ("单位", "Unit"),
    "tgt_col_year": ("目标年", "Target year"),
    "tgt_col_base": ("基数", "Base"),
    "tgt_col_stated": ("现有目标", "Stated target"),
    "tgt_col_p_stated": ("现有目标达成概率", "P(stated target)"),
    "tgt_col_t": ("{p}% 把握的目标", "Target at {p} %"),
    "tgt_col_proposed": ("拟定目标", "Proposed target"),
    "tgt_col_p_proposed": ("拟定目标达成概率", "P(proposed target)"),
    "tgt_col_need": ("要求的年均变化", "Change a year asked for"),
    "tgt_col_ambition": ("雄心百分位", "Ambition percentile"),
    "tgt_col_hit_rate": ("同等或更高目标达成率", "Met, targets at least as ambitious"),
    "tgt_col_n": ("可比真实目标数", "Real targets compared"),
    "tgt_average": ("{start}–{end} 年均", "average {start}–{end}"),
    "tgt_hit_rate_value": ("{rate}（{met}/{n}）", "{rate} ({met} of {n})"),
    "tgt_no_peers": ("无同类目标", "no real targets of this type"),
    "tgt_ambition_note": (
        "雄心百分位：拟定目标所要求的年均变化（存量按对数、比例按对数几率、增速按百分点计）在真实规划同类目标中"
        "的位置，100 表示比所有已知目标都高。达成率：这些真实目标中，至少同样雄心的目标实际达成的比例。",
        "Ambition percentile: where the change a year the proposed target asks for (log for stocks, log-odds for "
        "shares, percentage points for growth rates) sits among real plans' targets of the same type; 100 means "
        "above every known target. Met: of those real targets at least as ambitious, the share that was reached.",
    ),
    "tgt_mc_note": ("概率的蒙特卡洛误差约 ±{se}。", "Monte Carlo error of the probabilities about ±{se}."),
    "tgt_edit_caption": ("在此填入拟定目标（留空则用现有目标）", "Type proposed targets here (empty: the stated target)"),
    "tgt_download_csv": ("下载 CSV", "Download CSV"),
    "tgt_download_xlsx": ("下载 Excel", "Download Excel"),
    "tgt_sheet": ("目标设定", "Set targets"),
    "tgt_cli_title": ("{region}：目标设定（情景：{scenario}，{paths} 条路径）",
                      "{region}: setting targets (scenario: {scenario}, {paths} paths)"),
    "tgt_cli_bad_prob": ("--prob 必须在 0 与 1 之间（不含端点），或为 1–99 的百分数；收到 {value}",
                         "--prob must lie strictly between 0 and 1, or be a percentage 1–99; got {value}"),
    "tgt_slide_title": ("目标设定：有多大把握", "Setting targets: how sure can we be"),
}
