"""Catalogue section: the driver tree in the indicator view (talentsim/app/views/drivers.py). Keys ``drv_``."""

from __future__ import annotations

SECTION: dict[str, tuple[str, str]] = {
    "drv_title": ("驱动关系：哪些措施影响本指标、影响多大", "Drivers: which levers reach this indicator, and by how much"),
    "drv_caption": ("箭头表示措施（方框）增加的人员如何沿指标之间的关系传到本指标；份额与弹性见 data/relations.csv，"
                    "假设均给出区间。下表为当前设置下各措施到目标年的影响（中位数；区间：关系系数取其区间两端）。",
                    "Arrows show how the people a lever (box) adds travel along the relations between indicators to "
                    "this one; shares and elasticities are in data/relations.csv, every assumption with its range. "
                    "The table gives each lever's effect by the target year at the current setting (median; range: "
                    "the relations' coefficients at the ends of their ranges)."),
    "drv_none": ("没有措施影响本指标（它不在任何措施的作用链上）。",
                 "No lever reaches this indicator (it is on no lever's chain)."),
    "drv_idle": ("影响本指标的措施目前都处于中性值：移动左侧的措施即可看到影响大小。",
                 "The levers that reach this indicator are all at their neutral value now: move one to see its effect."),
    "drv_col_lever": ("措施", "Lever"),
    "drv_col_effect": ("当前影响", "Effect now"),
    "drv_col_range": ("区间", "Range"),
    "drv_col_relative": ("相对基线", "vs baseline"),
    "drv_kind_direct": ("直接作用", "acts directly"),
    "drv_kind_part_of": ("计入总量 ×{coef}（{low}–{high}）", "counts in the whole ×{coef} ({low}–{high})"),
    "drv_kind_sector_of": ("行业份额 ×{coef}（{low}–{high}）", "sector share ×{coef} ({low}–{high})"),
    "drv_kind_numerator_of": ("比率分子，弹性 {coef}（{low}–{high}）", "ratio numerator, elasticity {coef} ({low}–{high})"),
    "drv_kind_denominator_of": ("比率分母，弹性 {coef}（{low}–{high}）",
                                "ratio denominator, elasticity {coef} ({low}–{high})"),
    "drv_basis_definition": ("按定义", "by definition"),
    "drv_basis_base_values": ("按基期数值", "from base values"),
    "drv_basis_stated": ("文件数字", "stated"),
    "drv_basis_assumption": ("假设", "assumption"),
    "drv_group_programme_places": ("人才项目新增名额", "Programme places"),
    # what it takes, for the levers together (talentsim/app/views/mix.py)
    "mix_title": ("措施组合：最省钱的做法", "A mix of levers: the cheapest way"),
    "mix_button": ("计算最省钱的资金与项目名额组合", "Find the cheapest mix of funding and programme places"),
    "mix_hint": ("人才资金与人才项目名额都能增加入选人才；按“计算”求出达到所选概率最省钱的组合（约需数秒）。",
                 "Funding and programme places both add selected talents; press the button for the cheapest mix "
                 "that reaches the chosen probability (a few seconds)."),
    "mix_funding": ("人才资金每年 {value} 亿元 + ", "talent funding {value} × 100M yuan a year + "),
    "mix_answer": ("要有 {prob} 的把握：{funding}每年新增 {places} 个项目名额（按“{programme}”每人 {cost_per_place} 万元），"
                   "{years} 年共需 {cost} 亿元（成本区间 {low}–{high} 亿元），达标概率 {p}。",
                   "To be {prob} sure: {funding}{places} extra programme places a year (priced as “{programme}”, "
                   "{cost_per_place} × 10k yuan each), {cost} × 100M yuan over {years} years (cost range {low}–{high}), "
                   "giving {p}."),
    "mix_beyond": ("（悲观假设下无法达到）", "(unreachable under the pessimistic assumptions)"),
    "mix_unreachable": ("在资金与项目名额的范围内，无法达到 {prob} 的把握。",
                        "No mix within the funding and programme-place ranges reaches {prob}."),
    "mix_caption": ("成本 = 超出本地区历史水平的资金 + 名额 × 年数 × 项目每人成本（data/programmes.csv）；区间为人均资助成本与额外性取其 "
                    "10–90 % 两端时的最便宜组合成本。",
                    "Cost = funding above the region's own level + places × years × the programme's cost per person "
                    "(data/programmes.csv); the range is the cheapest mix's cost with the cost per funded talent and the "
                    "additionality at their 10–90 % ends."),
    # the new-plan table's driver columns (talentsim/app/views/newplan.py)
    "plan_col:total": ("人才总量", "Talent total"),
    "plan_total_help": ("勾选：该指标是本地区的人才总量，“净人才流入”计入此项，并按关系传到它的组成部分与比率。",
                        "Tick for the region's talent total: the net-inflow lever arrives here, and travels on to "
                        "the parts and ratios related to it."),
    "plan_col:part_of": ("属于", "Part of"),
    "plan_part_of_help": ("填写该指标所属总量那一行的编号（例如高层次人才属于 talent_total）：措施给它增加的人也计入该总量。",
                          "The key of the row of the total this indicator belongs to (e.g. high-level talent is part "
                          "of talent_total): people the levers add to it count in that total too."),
}
