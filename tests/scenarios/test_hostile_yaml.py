"""Issue 15: a hostile or careless scenario file gets a short ScenarioError, nothing else.

Each test is named after an item of the issue's "Why" list and goes through the door a
user uses: ``load_scenario`` on a file (what the CLI and the app's saved list call) or
``parse_scenario`` on uploaded text (what the app's upload calls).
"""

from __future__ import annotations

import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenarios.spec import ScenarioError, load_scenario, parse_scenario

MAX_MESSAGE = 3000  # characters: a message a person can read, whatever the file holds


def _refused(tmp_path, text: str, name: str = "bad.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    msg = str(err.value)
    assert str(path) in msg and len(msg) < MAX_MESSAGE, msg[:500]
    return msg


def test_billion_laughs_aliases_under_an_unknown_key_give_a_short_message(tmp_path):
    levels = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        levels.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "name: x\n" + "\n".join(levels) + "\nunknown: *i\n"
    assert len(text) < 400
    tracemalloc.start()
    t0 = time.perf_counter()
    msg = _refused(tmp_path, text)
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "aliases" in msg and "line 2" in msg
    assert elapsed < 1.0 and peak < 5_000_000


@pytest.mark.parametrize("value, needle", [
    ("!!int abc", "not a valid int"),
    ("!!float x", "not a valid float"),
    ("!!timestamp", "not a valid timestamp"),
    ("!!timestamp 2020-99-99", "not a valid timestamp"),
    ("!!int", "not a valid int"),
    ("!!float ''", "not a valid float"),
    ("9" * 4301, "not a valid int"),
])
def test_yaml_bad_tags_and_4300_digit_integers_are_scenario_errors(tmp_path, value, needle):
    msg = _refused(tmp_path, f"name: a\nseed: {value}\n")
    assert needle in msg and "line 2" in msg


@pytest.mark.parametrize("text", [
    "name: a\nx: " + "[" * 1200 + "]" * 1200 + "\n",
    "name: a\nx: " + "{a: " * 1200 + "1" + "}" * 1200 + "\n",
    "name: a\n" + "".join(" " * i + f"k{i}:\n" for i in range(600)),
], ids=["flow-lists", "flow-maps", "block-maps"])
def test_yaml_nesting_beyond_1000_levels_is_a_scenario_error(tmp_path, text):
    assert "nested more than" in _refused(tmp_path, text)


def test_a_huge_value_is_never_repeated_whole_in_the_message(tmp_path):
    msg = _refused(tmp_path, "name: a\nseed: '" + "x" * 200_000 + "'\n")
    assert "seed" in msg


@pytest.mark.parametrize("field, value", [
    ("name", "bell\\x07"), ("name", "vt\\x0b"), ("name", "us\\x1f"), ("name", "nonchar\\uffff"),
    ("name", "line\\u2028break"), ("name", "rtl\\u202eoverride"), ("description", "vt\\x0b"),
    ("description", "esc\\x1b[31m"), ("region", "tian\\x00he"),
])
def test_control_or_non_xml_character_in_scenario_name_or_description_is_refused(tmp_path, field, value):
    base = {"name": "ok", field: None}
    lines = "".join(f'{k}: "{value if k == field else v}"\n' for k, v in base.items())
    msg = _refused(tmp_path, lines)
    assert f"{field}:" in msg and "control or invisible characters" in msg


def test_multiline_description_with_newlines_and_tabs_is_fine(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text('name: ok\ndescription: "line one\\n\\tline two"\n', encoding="utf-8")
    assert load_scenario(path).description == "line one\n\tline two"


@pytest.mark.parametrize("name, needle", [
    (".", "start with '.'"), ("..", "start with '.'"), (".hidden", "start with '.'"),
    ("😀" * 80, "too long"),
])
def test_names_dot_dotdot_hidden_and_80_emoji_are_refused_as_names(tmp_path, name, needle):
    msg = _refused(tmp_path, f'name: "{name}"\n')
    assert "name:" in msg and needle in msg


def test_oversized_scenario_upload_is_refused_before_parsing():
    with pytest.raises(ScenarioError, match="larger than"):
        parse_scenario(b"name: a\n" + b"#" * 2_000_000, source="upload.yaml")


# -- fuzz: generated YAML texts, including tags, anchors and deep nesting ------------------

_TAGS = ["!!int", "!!float", "!!str", "!!bool", "!!null", "!!timestamp", "!!binary", "!!set", "!!omap",
         "!!pairs", "!!seq", "!!map", "!!merge", "!!value", "!!python/name:os.system",
         "!!python/object/apply:os.system", "!custom", "!<tag:yaml.org,2002:int>"]
_KEYS = ["name", "description", "seed", "region", "horizon", "paths", "data_dir", "levers", "overrides",
         "funding_cny_100m_per_year", "growth_pct_per_year", "<<", "?", "unknown", "1", "~", "''"]
_SCALARS = st.one_of(
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "~", "null", "true", "no", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000", "1:20:30",
                     "2020-13-45", "2001-12-14t21:59:43.10-05:00", "'x'", '"\\x07"', '"\\uffff"', "'a''b'",
                     "|\n  block", ">\n  folded", "9" * 4400, "*undefined", "&a x", "%YAML 1.1", "---", "..."]),
    st.text(max_size=20),
)


def _tagged(s):
    return st.tuples(st.sampled_from(_TAGS), s).map(lambda t: f"{t[0]} {t[1]}")


_VALUES = st.recursive(
    st.one_of(_SCALARS, _tagged(_SCALARS)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(_KEYS), inner), max_size=4).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
        st.tuples(st.sampled_from(["a", "b"]), inner).map(lambda t: f"&{t[0]} {t[1]}"),
        st.sampled_from(["*a", "*b"]),
        _tagged(inner),
        st.integers(min_value=1, max_value=1500).map(lambda n: "[" * n + "]" * n),
    ),
    max_leaves=12,
)
_LINES = st.lists(st.one_of(
    st.tuples(st.sampled_from(_KEYS), _VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(st.integers(0, 6), st.sampled_from(_KEYS), _VALUES).map(lambda t: " " * t[0] + f"{t[1]}: {t[2]}"),
    st.tuples(st.integers(0, 4), _VALUES).map(lambda t: " " * t[0] + f"- {t[1]}"),
    st.text(max_size=30),
), min_size=0, max_size=8)
_TEXTS = st.one_of(_LINES.map("\n".join), _LINES.map(lambda ls: "name: fuzz\n" + "\n".join(ls)), st.text())


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_TEXTS)
def test_fuzzed_yaml_texts_raise_only_scenario_errors(text):
    try:
        parse_scenario(text, source="fuzz.yaml")
    except ScenarioError as exc:
        assert str(exc).startswith("fuzz.yaml") and len(str(exc)) < MAX_MESSAGE
