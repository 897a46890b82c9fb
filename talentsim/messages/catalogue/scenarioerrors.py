"""Catalogue section: why a scenario file (YAML) or a scenario value is refused, one per code.

``scenarios.errors`` gives every refusal a code and its fields, with the English wording there
for the command line; this table holds the Chinese wording of each code (the English comes
from ``scenarios.errors.MESSAGES``, so it exists once). The fields that did not validate are
worded per pydantic error type (``scnerr_field:<type>``), in both languages here; a type not
listed keeps pydantic's English words inside a Chinese frame. Keys: ``scnerr:<code>``.
"""

from __future__ import annotations

from scenarios.errors import MESSAGES

#: code -> Chinese wording (same {fields} as the English)
ZH: dict[str, str] = {
    "paths_range": "路径数应在 1 到 {max} 之间；实为 {got}",
    "too_large": "{source}：文件超过 {kb} KB；情景文件通常只有几百字节",
    "not_utf8": "{source}：不是 UTF-8 文本；请将 YAML 文件另存为 UTF-8 编码",
    "empty": "{source}：文件为空；应为至少包含“name”的 YAML 映射",
    "yaml": "{source}：不是有效的安全 YAML：{where}{detail}",
    "yaml_aliases": "{source}：不是有效的安全 YAML：{where}情景文件中不允许使用锚点和别名（&name、*name），请逐项写出各值",
    "yaml_depth": "{source}：不是有效的安全 YAML：{where}嵌套超过 {max} 层",
    "not_mapping": "{source}：应为情景字段的映射（键: 值），实为 {type}",
    "invalid": "{source}：情景无效",
    "invalid_detail": "{source}：情景无效：{detail}",
    "cannot_read": "{source}：无法读取：{detail}",
    "unknown_preset": "没有预设“{name}”；可选：{available}",
    "unknown_override": "情景“{name}”的 overrides 指向 {unknown}，但地区“{region}”没有这些指标；它的指标为：{available}",
    "bad_file_name": "文件名 {name} 无效：{detail}",
    "cannot_save": "{name}：无法保存：{detail}",
    "name_taken": "{name}：已有另一个情景以此名称保存；请换一个名称，或明确选择覆盖",
}

#: pydantic error type -> (中文, English) wording of one field's problem
FIELD: dict[str, tuple[str, str]] = {
    "missing": ("缺少此项", "Field required"),
    "extra_forbidden": ("未知的键 {name}；可用的键：{allowed}", "unknown key {name}; allowed: {allowed}"),
    "greater_than_equal": ("应不小于 {ge}", "Input should be greater than or equal to {ge}"),
    "less_than_equal": ("应不大于 {le}", "Input should be less than or equal to {le}"),
    "greater_than": ("应大于 {gt}", "Input should be greater than {gt}"),
    "less_than": ("应小于 {lt}", "Input should be less than {lt}"),
    "float_parsing": ("应为数字", "Input should be a valid number"),
    "float_type": ("应为数字", "Input should be a valid number"),
    "finite_number": ("应为有限的数字", "Input should be a finite number"),
    "int_parsing": ("应为整数", "Input should be a valid integer"),
    "int_type": ("应为整数", "Input should be a valid integer"),
    "int_from_float": ("应为整数（不带小数）", "Input should be a valid integer, got a number with a fractional part"),
    "bool_parsing": ("应为 true 或 false", "Input should be a valid boolean"),
    "bool_type": ("应为 true 或 false", "Input should be a valid boolean"),
    "string_type": ("应为文本", "Input should be a valid string"),
    "string_too_short": ("至少应有 {min_length} 个字符", "String should have at least {min_length} characters"),
    "string_too_long": ("最多 {max_length} 个字符", "String should have at most {max_length} characters"),
    "dict_type": ("应为映射（键: 值）", "Input should be a valid dictionary"),
    "model_type": ("应为映射（键: 值）", "Input should be a valid dictionary or instance"),
    "too_long": ("最多 {max_length} 项", "Input should have at most {max_length} items"),
}

SECTION: dict[str, tuple[str, str]] = {
    # ==================== scenarioerrors: a scenario file's problems by code (scenarios.errors)
    **{f"scnerr:{code}": (ZH[code], MESSAGES[code]) for code in MESSAGES},
    **{f"scnerr_field:{kind}": pair for kind, pair in FIELD.items()},
    "scnerr_where": ("第 {line} 行第 {column} 列：", "line {line}, column {column}: "),
    "scnerr_item": ("{loc}：{text}", "{loc}: {text}"),
    "scnerr_got": ("（实为 {got}）", " (got {got})"),
    "scnerr_other": ("取值无效（{message}）", "{message}"),
    "scnerr_more": ("……另有 {n} 处问题", "... and {n} more problems"),
}
