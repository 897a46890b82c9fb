"""``talentsim.messages.skips``: the one wording of why an indicator is not simulated (app and exports)."""

from __future__ import annotations

import pytest

from talentsim.messages import t
from talentsim.messages.skips import skip_reason

#: reasons as the engine writes them (scenarios/baseline.py, forecast/baseline.py, forecast/calibrate.py)
ENGINE = {
    "target withheld by the publisher ([略]); nothing to hit": "目标值未公开",
    "target year 2030 is after the horizon 2025; raise the horizon to simulate it": "目标年份 2030 晚于模拟终点 2025",
    "target year 2020 is before its base year 2023: nothing left to simulate": "目标年份 2020 早于基期 2023",
    "base year not before the horizon": "基期不早于模拟终点",
    "its 2025 outcome is already in the data: see the scorecard (talentsim scorecard)": "2025 年的实际值已在数据中",
    "no usable base observation (missing or redacted); cannot build a growth law": "缺少可用的基期数据",
    "no base value to project from": "没有可外推的基期数值",
    "logistic: shares are modelled on the logit scale (odds); a logistic curve": "比例指标按 logit 尺度建模",
}


@pytest.mark.parametrize("why, zh", ENGINE.items())
def test_every_engine_reason_has_its_own_words(why, zh):
    assert skip_reason(why, "zh").startswith(zh)
    assert skip_reason(why, "en") not in ("", t("skip_other", "en"))


def test_a_late_target_is_not_called_one_before_its_base():
    # the app's old prefix table read every "target year ..." as "before its base year"
    assert "2025" in skip_reason("target year 2030 is after the horizon 2025", "en")
    assert "before" not in skip_reason("target year 2030 is after the horizon 2025", "en")


def test_an_unknown_reason_is_the_engines_text_in_english_and_generic_in_chinese():
    assert skip_reason("syn.x: something new", "en") == "something new"
    assert skip_reason("something new", "en") == "something new"
    assert skip_reason("syn.x: something new", "zh") == t("skip_other", "zh")
