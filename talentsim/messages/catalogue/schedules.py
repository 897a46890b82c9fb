"""Catalogue section: the lever panel's yearly budget and sector inflow tables
(talentsim/app/views/schedules.py). Keys ``sch_``."""

from __future__ import annotations

SECTION: dict[str, tuple[str, str]] = {
    "sch_budget_title": ("按年度预算", "Yearly budget"),
    "sch_budget_help": ("亿元/年。留空的年份按资金水平和增速滑块（“按滑块”列）；填写的数额取代该年滑块的数额。",
                        "100M yuan a year. An empty year follows the funding level and growth sliders (the "
                        "“Sliders” column); a value replaces that year's amount."),
    "sch_budget_cell": ("该年预算；清空即恢复按滑块。资金按参数“资金到人才计入的滞后”生效：滞后 1 年时，"
                        "目标年当年的预算不影响目标年的指标。",
                        "That year's budget; clear it to follow the sliders. Money acts after the parameter “Lag "
                        "from money to counted talents”: with a one-year lag, the target year's own budget does "
                        "not reach that year's indicators."),
    "sch_col_year": ("年份", "Year"),
    "sch_col_sliders": ("按滑块", "Sliders"),
    "sch_col_budget": ("预算", "Budget"),
    "sch_sector_title": ("分行业引才", "Inflow by sector"),
    "sch_sector_help": ("万人/年。重点行业的额外净流入：计入该行业，并按驱动关系（data/relations.csv）计入人才总量。"
                        "留空即为 0。",
                        "10k people a year. An extra net inflow into a key sector: it counts in the sector and, "
                        "along the driver relations (data/relations.csv), in the talent total. Empty = 0."),
    "sch_sector_cell": ("该行业每年额外净流入（万人）；清空即为 0。",
                        "Extra net inflow into that sector a year (10k people); clear it for 0."),
    "sch_col_sector": ("行业", "Sector"),
    "sch_col_inflow": ("万人/年", "10k/yr"),
    "sch_bad_budget": ("{row} 年预算“{value}”无效：{why}。", "Budget for {row}, “{value}”, is not valid: {why}."),
    "sch_bad_sector": ("“{row}”的净流入“{value}”无效：{why}。",
                       "Inflow for “{row}”, “{value}”, is not valid: {why}."),
    "sch_nothing_applied": ("本次修改均未应用。", "None of these edits was applied."),
    "sch_why_not_number": ("不是数字", "not a number"),
    "sch_why_negative": ("不能为负数", "it must not be negative"),
    "sch_why_above": ("超过上限 {high}", "above the upper limit {high}"),
    "link_why:unknown_year": ("不是年份", "not a year"),
    "sch_saved": ("年度预算和分行业引才随情景保存（保存情景），也写入页面链接。",
                  "The yearly budget and the sector inflows are saved with the scenario (Save scenario) and "
                  "written into the page link."),
    # a scenario's schedules in words (talentsim/levertext.py): descriptions, exports, compare
    "sch_text_run": ("{first}–{last} 年 {values} {unit}", "{values} ({unit}) in {first}–{last}"),
    "sch_text_year_value": ("{year} 年 {value}", "{value} in {year}"),
    "sch_text_items": ("{items} {unit}", "{items} ({unit})"),
    "sch_text_labelled": ("{label}：{what}", "{label}: {what}"),
    # the workbook's assumptions sheet: a row per budget year and per sector inflow
    "xlsx_budget_year": ("年度预算（{year} 年）", "Yearly budget ({year})"),
    "xlsx_sector_inflow": ("分行业引才：{name}", "Inflow by sector: {name}"),
}
