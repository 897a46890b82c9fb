"""Catalogue section: numbers that explain themselves (why panel, help texts, methods page) and the
planner's workflow (scenario library, undo, upload template). Prefixes ``why_``, ``help_``,
``methods_``, ``lib_``, ``undo_``, ``tpl_``."""

from __future__ import annotations

SECTION: dict[str, tuple[str, str]] = {
    # ==================== why this number (talentsim/app/views/why.py, talentsim/app/explain.py)
    "why_title": ("这个数字从何而来", "Why this number"),
    "why_history": ("所用历史：", "History used: "),
    "why_history_none": ("没有可用的历史观测值。", "no usable observation."),
    "why_history_text": ("{n} 个观测值（{first}–{last} 年），最近一个为 {value}。",
                         "{n} observations ({first}–{last}), the latest {value}."),
    "why_history_one": ("只有一个观测值：{year} 年 {value}。", "one observation only: {value} in {year}."),
    "why_reference": ("参考类：同类（{kind}）指标在各省面板中五年增长的分布（2010–2023 年，19 个序列族），"
                      "作为本指标增长率的先验。",
                      "Reference class: five-year growth of indicators of the same type ({kind}) in the provincial "
                      "panels (2010–2023, 19 families), used as the prior of this indicator's growth."),
    "why_calibration": ("校准：", "Calibration: "),
    "why_basis_own": ("{kind}类先验，按本指标自身 {n} 个观测值更新", "the {kind} prior updated with its own {n} points"),
    "why_basis_prior": ("仅用{kind}类先验（本指标只有一个可用年份）",
                        "the {kind} prior alone (one usable year of its own)"),
    "why_basis_borrowed": ("该类型没有自己的参考序列，借用相近类型的先验并放宽其不确定性",
                           "its type has no reference series of its own: a neighbouring type's prior, widened"),
    "why_basis_target": ("并按真实规划结果校准：规划目标越高，预测增长上调越多（目标本身也是趋势的信号，"
                         "但历史上目标常常高于实际），不确定性按回测放宽",
                         "then calibrated on real plan outcomes: the plan's own target raises the forecast growth "
                         "(a target is a signal of the trend, though plans have often aimed above what happened), "
                         "and the spread is widened to what the backtest found"),
    "why_basis_calibrated": ("并按真实规划结果校准（类型偏差与不确定性）",
                             "then calibrated on real plan outcomes (type bias and spread)"),
    "why_join": ("；", "; "),
    "why_need": ("达标所需年均增长 {need}；模型预测的年均增长（中位）为 {proj}。",
                 "Growth needed to meet the target: {need} a year; the model's median projection: {proj} a year."),
    "why_levers": ("在本地区作用于该指标的政策杠杆：{levers}。", "Levers acting on it here: {levers}."),
    "why_no_levers": ("在本地区没有政策杠杆作用于该指标：其概率只取决于增长模型。",
                      "No lever acts on it here: its probability rests on the growth model alone."),
    "why_range_help": ("模型区间：模型参数本身也不确定（参考类按省份重抽样得到 20 组参数），"
                       "逐组计算的达标概率的范围即为模型区间；区间越宽，数字越依赖模型假设。",
                       "Model range: the model's own parameters are uncertain (the reference class resampled by "
                       "province gives 20 parameter sets); the range of the probability over those sets is the model "
                       "range. The wider it is, the more the number rests on modelling choices."),
    "why_mc_help": ("± 为蒙特卡洛误差：只模拟了有限条路径带来的误差（路径越多越小），不包括模型本身的不确定性。",
                    "± is the Monte Carlo error: the error from simulating a finite number of paths (smaller with "
                    "more paths); it does not include the model's own uncertainty."),
    "why_what": ("项目", "What"),
    "why_words": ("说明", "In words"),
    "why_base": ("出发点", "Starting point"),
    "why_base_text": ("{year} 年 {value}", "{value} in {year}"),
    "why_growth": ("年增长率", "Yearly growth"),
    "why_growth_text": ("中位 {mid}；80% 的可能在 {lo} 至 {hi} 之间", "median {mid}; 80 % chance between {lo} and {hi}"),
    "why_rate": ("每年 {x}", "{x} a year"),
    "why_points": ("{x} 个百分点", "{x} points"),
    "why_tails": ("极端年份", "Extreme years"),
    "why_tails_normal": ("按正态分布：很少出现远离中位的增长率",
                         "normal: growth far from the median is rare"),
    "why_tails_heavy": ("厚尾（t 分布，自由度 {df}）：偶尔出现远离中位的增长率",
                        "heavy-tailed (Student t, {df} degrees of freedom): growth far from the median happens now "
                        "and then"),
    "why_shock": ("单年波动", "Year-to-year noise"),
    "why_shock_text": ("每年约 ±{x}（一个标准差）", "about ±{x} a year (one standard deviation)"),
    "why_basis": ("依据", "Rests on"),
    "why_contrib_toggle": ("计算各杠杆对达标概率的贡献（另需几次模拟）",
                           "Work out each lever's contribution to P (a few more runs)"),
    "why_contrib_part": ("组成部分", "Part"),
    "why_contrib_p": ("达标概率 / 贡献", "P / contribution"),
    "why_contrib_none": ("各杠杆均为本地区默认值时", "With every lever at the region's own value"),
    "why_contrib_together": ("杠杆共同作用（交互）", "Levers together (interaction)"),
    "why_contrib_now": ("当前情景", "This scenario"),
    "why_contrib_unmoved": ("当前情景没有移动作用于该指标的杠杆。", "This scenario moves none of the levers acting on it."),
    # ==================== links and saving (talentsim/app/links.py, talentsim/app/library.py)
    "link_why:upload_link": ("上传的数据只保存在上传它的会话中；链接中的杠杆值属于那份数据，已一并忽略。请重新上传后再调整。",
                             "uploaded data live only in the session that uploaded them; the link's lever values "
                             "belong to those data and are ignored too. Upload the files again to continue."),
    "saved_description": ("以“{base}”为起点{changes}。", "Starts from '{base}'{changes}."),
    "saved_changes": ("，改动：{levers}", ", changed: {levers}"),
    # ==================== help texts beside numbers
    "help_expected_met": ("各项指标达标概率之和：{m} 项有目标的指标中，平均预计有这么多项达标"
                          "（例如 10 项各 80% 即为 8 项）。",
                          "The sum of the indicators' probabilities of meeting their targets: of the {m} indicators "
                          "with a target, this many are expected to be met on average (ten at 80 % each make 8)."),
    "help_p_all": ("所有有目标的指标同时达标的概率；各指标并不独立（同一地区的增长相关），因此不等于各概率之积。",
                   "The probability that every target is met at once; the indicators are not independent (growth "
                   "in one region is correlated), so it is not the product of the probabilities."),
    # ==================== methods page (talentsim/app/views/methods.py)
    "view_methods": ("方法说明", "Methods"),
    "methods_intro": (
        "以下说明达标概率的来历。完整的技术说明（含回测表格）目前只有英文版，切换到英文即可阅读。",
        "How the probabilities are made and how well they score: the project's own note, docs/probabilities.md."),
    "methods_zh_body": (
        "1. **参考类**：各省统计面板（19 个序列族，2010–2023 年）的五年增长，按对数尺度（比例用 logit 尺度）计算；"
        "口径调整年份剔除。\n"
        "2. **类型先验**：按指标类型（人数、比例、比率、机构数……）汇总，得到增长率的均值、持续部分与逐年波动；"
        "按省份重抽样得到 20 组参数，用于模型区间。\n"
        "3. **短历史更新**：用本指标自己的观测值（最近不超过五年）对先验做共轭正态更新；只有一个观测值时即为先验。\n"
        "4. **按真实规划结果校准**：用各地历年规划目标与实际结果（数据目录中的结果表）校准类型偏差、"
        "目标雄心程度的作用与不确定性的宽度。\n"
        "5. **模拟**：每条路径抽取一个年增长率并叠加逐年冲击，同一地区各指标的冲击相关；"
        "政策杠杆按其作用渠道加到相应指标上。\n"
        "6. **报告**：达标概率 = 达标路径的比例；± 为蒙特卡洛误差；模型区间为 20 组参数下概率的范围。",
        "The steps are those of the note below."),
    "methods_doc_missing": ("找不到方法说明文档。", "The methods note (docs/probabilities.md) is not in this installation."),
    # ==================== scenario library (talentsim/app/views/library.py)
    "lib_title": ("情景库", "Scenario library"),
    "lib_empty": ("还没有保存的情景。在“保存与分享”中保存当前情景。",
                  "No saved scenario yet. Save the current one under 'Save and share'."),
    "lib_pick": ("已保存的情景", "Saved scenario"),
    "lib_new_name": ("新名称", "New name"),
    "lib_rename": ("重命名", "Rename"),
    "lib_duplicate": ("复制", "Duplicate"),
    "lib_delete": ("删除", "Delete"),
    "lib_delete_confirm": ("确认删除", "Confirm delete"),
    "lib_open": ("打开", "Open"),
    "lib_compare_a": ("比较：情景 A", "Compare: scenario A"),
    "lib_compare_b": ("与情景 B", "with scenario B"),
    "lib_compare": ("比较这两个", "Compare these two"),
    "lib_renamed": ("已重命名为 {name}。", "Renamed to {name}."),
    "lib_duplicated": ("已复制为 {name}。", "Duplicated as {name}."),
    "lib_deleted": ("已删除 {name}。", "Deleted {name}."),
    "lib_name_taken": ("名称 {name} 已被占用。", "The name {name} is taken."),
    "lib_copy_suffix": (" 副本", " copy"),
    # ==================== undo (talentsim/app/undo.py)
    "undo_button": ("撤销上一次杠杆调整", "Undo last lever move"),
    "undo_help": ("恢复上一次调整前的杠杆值（最多可连续撤销 {n} 步）。",
                  "Puts the levers back as they were before the last move (up to {n} steps)."),
    # ==================== upload template (talentsim/app/template.py)
    "tpl_title": ("上传模板", "Upload template"),
    "tpl_caption": ("先下载模板，按示例行填写后再上传；列名为程序读取用的名称，不可更改。",
                    "Download a template, fill it in after the example rows, then upload it; the column names are "
                    "the ones the loader reads and must stay as they are."),
    "tpl_csv_ind": ("指标表 CSV", "Indicators CSV"),
    "tpl_csv_obs": ("观测值表 CSV", "Observations CSV"),
    "tpl_xlsx": ("Excel 模板（两张表）", "Excel template (two sheets)"),
}
