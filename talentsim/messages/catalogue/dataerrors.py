"""Catalogue section: problems in a user's data (uploads and the new-plan table), one per code.

``forecast.data`` gives every problem a code and its fields (``forecast.data.errors``), with
the English wording there, for the command line and ``data check``; this table holds the
Chinese wording of each code (the English comes from ``forecast.data.errors.MESSAGES``, so
it exists once). Codes raised by the app's own upload checks (``talentsim.app.upload``) are
written here in both languages. Keys: ``dataerr:<code>``.
"""

from __future__ import annotations

from forecast.data.errors import MESSAGES

_NOT_DATA = "；应为 CSV 文件或 .xlsx 工作簿"
#: code -> Chinese wording (same {fields} as the English)
ZH: dict[str, str] = {
    "zip_not_xlsx": "这是一个 zip 压缩包，但不是 Excel .xlsx 工作簿" + _NOT_DATA,
    "file_png": "这是 PNG 图片，不是数据" + _NOT_DATA,
    "file_pdf": "这是 PDF 文档，不是数据" + _NOT_DATA,
    "file_jpeg": "这是 JPEG 图片，不是数据" + _NOT_DATA,
    "file_gif": "这是 GIF 图片，不是数据" + _NOT_DATA,
    "file_xls": "这是旧版二进制 Excel/Office 文件（.xls/.doc），请另存为 .xlsx 或 CSV" + _NOT_DATA,
    "file_gzip": "这是 gzip 压缩包，不是数据" + _NOT_DATA,
    "file_7z": "这是 7z 压缩包，不是数据" + _NOT_DATA,
    "file_rar": "这是 RAR 压缩包，不是数据" + _NOT_DATA,
    "nul_bytes": "文件含有 NUL 字节：它是二进制（或 UTF-16）文件，不是 CSV；应为 UTF-8 或 GBK 编码的 CSV 文件，或 .xlsx 工作簿",
    "bad_encoding": "无法按 UTF-8 或 GB18030/GBK 解码该文件；请另存为 UTF-8 编码的 CSV（或 .xlsx）",
    "not_text": "文件不是文本（控制字符过多）" + _NOT_DATA,
    "csv_unreadable": "无法按 CSV 读取（{detail}）",
    "too_many_cells": "一行有 {n} 个单元格（最多 {max} 个）；请删去多余的列",
    "too_many_rows": "超过 {max} 行；请拆分文件，或删去不是数据的行",
    "xlsx_unreadable": "无法读取该 Excel 工作簿（{kind}：{detail}）；应为有效的 .xlsx 文件",
    "xlsx_bad_zip": "不是可读取的 .xlsx 工作簿（{kind}）",
    "xlsx_parts": "工作簿未读取即被拒绝：包含 {n} 个部件（最多 {max} 个）",
    "xlsx_size": "工作簿未读取即被拒绝：解压后为 {mb} MB（最多 {max} MB）；规划数据远小于此，请删去无用的工作表、行或格式",
    "xlsx_sheets": "工作簿未读取即被拒绝：有 {n} 个工作表（最多 {max} 个）",
    "sheets_ambiguous": "有多个工作表像是 {table} 表（{sheets}）；请只保留一个",
    "no_sheets": "工作簿中没有工作表",
    "swallowed_one": "此处一个引号（\"）开始的单元格一直延续到第 {to_line} 行：{n} 行被并入同一个单元格；请删去多余的引号或把它闭合",
    "swallowed_many": "此处一个引号（\"）开始的单元格一直延续到第 {to_line} 行：{n} 行被并入同一个单元格；请删去多余的引号或把它闭合",
    "formula_external": "单元格 {cell} 的值取自另一个工作簿（外部链接 {formula}）；请直接填写数值",
    "formula_unsaved": "单元格 {cell} 是没有保存结果的公式（{formula}）；请在 Excel 中打开并保存，或直接填写数值",
    "cannot_read": "无法读取该文件：{detail}",
    "single_file_xlsx": "单个文件的数据集必须是 .xlsx 工作簿（每张表一个工作表）；CSV 请使用文件夹",
    "no_sheet_for": "没有工作表包含 {table} 表；应有一个含以下列的工作表：{columns}",
    "file_not_found": "在 {folder} 中找不到该文件；文件夹中需要 {indicators} 和 {observations}",
    "no_such_path": "没有这个文件夹或 .xlsx 文件",
    "table_missing": "缺少 {table} 表；应有包含以下列的表：{columns}",
    "empty_file": "文件为空（没有表头行）；应有 {table} 表的列：{columns}",
    "duplicate_column": "列“{column}”在表头中出现了不止一次",
    "missing_column": "缺少必需的列“{column}”；{table} 表需要以下列：{columns}",
    "missing_column_kind": "缺少必需的列“{column}”；{table} 表需要以下列：{columns}（旧的 kind 列 stock/ratio 已改为 type："
                           "people、share、rate、organisations、money、count 或 other；见 data/README.md）",
    "missing_column_plain": "缺少必需的列“{column}”",
    "not_year": "“{value}”不是年份；应为四位数年份，例如 2025",
    "too_large": "{value} 超出范围；按文件所用单位，数值的绝对值应不超过 {max}（人才数、亿元金额或比例都不会更大）",
    "too_long": "{column} 长 {n} 个字符；最多 {max} 个（名称会出现在每张图和每页幻灯片上）",
    "not_number": "“{value}”不是数字；应为纯数字，例如 96 或 8.89",
    "not_number_unit": "“{value}”不是数字；应为纯数字，例如 96 或 8.89（单位请写在指标的 unit 列，区间写在 *_low/*_high 列）",
    "bool_empty": "单元格为空；应为 true 或 false",
    "not_bool": "“{value}”不是 true/false；应为 true 或 false",
    "bad_comparator": "比较符“{value}”不可用；应为以下之一：{allowed}",
    "bad_comparator_ge": "比较符“{value}”不可用；应为以下之一：{allowed}（是否想写“>=”？）",
    "bad_comparator_le": "比较符“{value}”不可用；应为以下之一：{allowed}（是否想写“<=”？）",
    "bad_unit": "未知单位“{value}”；应为以下之一：{allowed}（请沿用文件原文的单位）",
    "not_allowed": "“{value}”不是 {column} 列允许的值；应为以下之一：{allowed}",
    "bad_region": "“{value}”不是地区编号；应形如 tianhe（小写字母、数字、下划线）",
    "bad_id": "“{value}”不是指标编号；应形如 region.slug（小写字母、数字、下划线，一个点）",
    "year_range": "年份 {value} 不在 {low}–{high} 之间",
    "empty_cell": "{column} 为空；此处必须填写",
    "empty_quote": "{column} 为空；此处必须填写（每一行都需要它所依据的原文句子）",
    "wrong_type": "该列类型不对（{check}）；应为 {expected}",
    "check_failed": "检查 {check} 未通过：{value}",
    "duplicate_id": "编号“{value}”重复；{table_file} 中的编号必须唯一",
    "duplicate_region": "地区“{value}”有多行；每个地区一行",
    "duplicate_region_name": "名称“{value}”用于多个地区（{others}）；每个地区应有自己的名称（地区选择框按名称搜索）",
    "region_not_listed": "地区“{value}”在 {table_file} 中没有对应行（name_zh、name_en、level、plan）",
    "region_mismatch": "地区“{region}”与编号“{id}”的前缀不一致",
    "stated_no_value": "target_status 为 stated，但没有 target_value（或 target_low/target_high）；应填写文件中的目标数值",
    "stated_no_op": "target_status 为 stated，但 target_op 为空；应为以下之一：{allowed}",
    "target_not_empty": "target_status 为 {status}，却填了目标值；未公开或没有的目标必须留空（不能填 0）",
    "band": "target_band_pct {value} 需要 target_op 为“=”（“左右”类目标），且数值在 0..50 之间（上下各百分之几）",
    "target_low_high": "target_low {low} 大于 target_high {high}",
    "target_year_low": "target_year_low {low} 晚于 target_year {year}",
    "redacted_value": "status 为 redacted，但数值为 {value}；未公开的数值必须留空（不能填 0）",
    "empty_value": "status 为 {status}，但数值为空；应填写数字（未公开的数值请用 status redacted）",
    "derived_note": "推算值需要在 note 列写明算法",
    "only_row_preferred": "（{id}，{year}）只有这一行，preferred 必须为 true",
    "duplicate_year": "（{id}，{year}）重复（第 {lines} 行）且没有说明；同一年份保留两个数值时，每一行都要在 note 中说明哪个数字不一致",
    "preferred_count": "（{id}，{year}）有 {n} 行（第 {lines} 行），其中 {n_pref} 行标为 preferred；应恰好一行 preferred=true",
    "amount_unit": "金额需要填写 amount_unit（万元或亿元）",
    "low_above_high": "{low_col} {low} 大于 {high_col} {high}",
    "to_year": "to_year {to} 不晚于 from_year {from_}",
    "control_chars": "含有控制字符或不可见字符（{chars}）；应为纯文本",
    "range_share": "{value} 超出比例的可能范围（0–100 %）",
    "range_nonneg": "{value} 超出 {type} 类数值的可能范围（不能为负）",
    "range_amount": "{value} 超出金额的可能范围（大于 0 且小于 10^9）",
    "range_period": "{value} 超出年限的可能范围（大于 0）",
    "range_persons": "{value} 超出人数的可能范围（大于 0）",
    "range_growth": "{value} 超出增长率的可能范围（高于 -100 %）",
    "growth_rate_unit": "growth_rate 指标的数值是以 % 表示的增长率；单位 {value} 不是 %",
    "relation_self": "关系把“{id}”与其自身相连；child 与 parent 必须不同",
    "relation_share": "{value} 超出 part_of / sector_of 比例的可能范围（0–1）",
    "relation_elasticity": "{value} 超出 numerator_of / denominator_of 弹性的可接受范围（0–5）",
    "relation_coef_range": "coef {value} 不在其区间 coef_low {low} – coef_high {high} 之内",
    "relation_sector_sum": "“{parent}”各分项的 {column} 合计为 {total}（第 {lines} 行）；同一上级的分项比例合计不得超过 1",
    "relation_cycle": "经由 part_of / sector_of 关系，“{id}”成了自身的一部分",
    "relation_twice": "“{child}”与“{parent}”以同一角色第二次相关；每对指标每种角色只能有一条关系"
                      "（part_of 或 sector_of、numerator_of、denominator_of），否则其人数被计算两次",
    "relation_types": "{kind} 要求上级（parent）为{want}、下级（child）为人数存量；“{child}”为 {child_type}，"
                      "“{parent}”为 {parent_type}",
    "unknown_obs_id": "观测值的编号“{value}”不在 {table_file} 中",
    "unknown_ref": "{column}“{value}”不在 {table_file} 中",
    "more_problems": "……另有 {n} 处问题（请先改正以上问题，再重新检查）",
}

#: codes of the app's own upload checks (talentsim.app.upload): (中文, English)
UPLOAD: dict[str, tuple[str, str]] = {
    "no_file": ("没有上传文件", "no file was uploaded"),
    "too_big": ("上传的文件共 {mb} MB，上限为 {limit} MB；请删去无用的行或工作表后重试",
                "the upload is {mb} MB; the limit is {limit} MB. Remove unused rows or sheets and try again"),
    "mixed": ("请只上传一个 .xlsx 工作簿，或只上传 CSV 文件，不要混合", "upload either one .xlsx workbook or CSV files, not both"),
    "which_table": ("无法判断该文件是哪张表；请命名为 indicators.csv 或 observations.csv（或 programmes.csv、growth_facts.csv），"
                    "并使用 data/ 目录格式的表头行",
                    "cannot tell which table this file holds; name it indicators.csv or observations.csv (or "
                    "programmes.csv, growth_facts.csv), with the header row of the data/ layout"),
    "second_file": ("{table} 表有第二个文件（第一个：{first}）", "a second file for the {table} table (first: {first})"),
    "upload_missing": ("缺少 {table} 表；应上传包含以下列的文件：{columns}",
                       "the {table} table is missing; expected a file with the columns {columns}"),
    "read_failed": ("无法读取 {table} 表：{detail}", "cannot read the {table} table: {detail}"),
    "no_region": ("上传的数据中没有地区", "no region in the upload"),
    "region_failed": ("地区“{region}”无法模拟：{detail}", "region '{region}' cannot be simulated: {detail}"),
    # the new-plan table (talentsim.app.newplan)
    "plan_key": ("编号只能用小写字母、数字和下划线（例如 talent_total）", "use lower-case letters, digits and _ (e.g. talent_total)"),
    "plan_key_twice": ("编号“{value}”已被前面的行使用", "'{value}' is used by an earlier row"),
    "plan_year_max": ("目标年份最晚为 {max} 年", "target years run to {max}"),
    "plan_earlier": ("“{value}”：请写成 年份:数值，例如 2020:96; 2022:99", "'{value}': write year:value, e.g. 2020:96; 2022:99"),
    "plan_region": ("地区编号：小写字母、数字和下划线（例如 my_district）",
                    "the region id: lower-case letters, digits and _ (e.g. my_district)"),
    "plan_funding_year": ("“{value}”不是 {min}–{max} 之间的年份", "'{value}' is not a year from {min} to {max}"),
    "plan_lines": ("一个单元格里有多行：“{value}”；每个单元格只填一个值（多行请粘贴到该列的多个单元格）",
                   "several lines in one cell: '{value}'; one value per cell (paste several values into several cells)"),
    "plan_empty": ("表格为空：请至少填写一项指标", "the table is empty: type at least one indicator"),
    "plan_part_of": ("“{value}”不是本表中任何一行的编号；“属于”一栏填写它所属总量那一行的编号",
                     "'{value}' is the key of no row here; 'part of' takes the key of the row of the total it belongs to"),
}

SECTION: dict[str, tuple[str, str]] = {
    # ==================== dataerrors: a user's data problems by code (forecast.data.errors, talentsim.app.upload)
    **{f"dataerr:{code}": (ZH[code], MESSAGES[code]) for code in MESSAGES},
    **{f"dataerr:{code}": pair for code, pair in UPLOAD.items()},
    "dataerr_where_line": ("{file} 第 {line} 行", "{file}, line {line}"),
    "dataerr_where_column": ("“{column}”列", "column '{column}'"),
}
