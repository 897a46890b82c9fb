"""Issue 15 through the page (AppTest): plain-text names, saving that cannot lose or leak,
a broken saved file, exports in the page's language with the region's data, CR-only uploads."""

from __future__ import annotations

import io

import openpyxl
import pytest

from scenarios import Scenario

from .conftest import to_csv, user_tables, wkey


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "error", "warning", "success", "info", "title")
            for e in at.get(kind)]


def test_markdown_image_in_a_scenario_description_is_shown_as_text(app, tmp_path):
    saved = tmp_path / "saved"
    saved.mkdir()
    evil = Scenario(name="evil", description="![p](http://127.0.0.1:9/track.png) **bold**")
    (saved / "evil.yaml").write_text(evil.to_yaml(), encoding="utf-8")
    at = app(saved="evil").run()
    _ok(at)
    shown = [s for s in _texts(at) if "track.png" in s]
    assert shown and all("![" not in s and "](" not in s for s in shown), shown
    assert any("\\!\\[p\\]\\(http" in s for s in shown)


def test_saved_link_to_a_broken_file_is_reported_and_the_session_keeps_working(app, tmp_path):
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "broken.yaml").write_text("name: broken\nlevers:\n  funding_cny_100m_per_year: 99\n", encoding="utf-8")
    at = app(saved="broken").run()
    _ok(at)
    assert at.session_state["src"].startswith("preset:")
    warn = " ".join(w.value for w in at.warning)
    assert "broken" in warn and str(tmp_path) not in warn
    assert "levers.funding_cny_100m_per_year：应不大于 10（实为 99）" in warn.replace("\\_", "_")   # in the page's language
    at.slider(key="lever_funding_cny_100m_per_year").set_value(2.0).run()  # a rerun still works
    _ok(at)


@pytest.mark.parametrize("typed", [".", "..", ".hidden", "😀" * 80])
def test_invalid_typed_name_is_refused_not_replaced_even_with_overwrite(app, tmp_path, typed):
    at = app().run()
    at.text_input(key="scn_name").set_value("mine").run()
    at.button(key="save_local").click().run()
    before = (tmp_path / "saved" / "mine.yaml").read_bytes()
    at.slider(key="lever_funding_cny_100m_per_year").set_value(4.0).run()
    at.text_input(key="scn_name").set_value(typed).run()
    if "overwrite" in [c.key for c in at.checkbox]:
        at.checkbox(key="overwrite").check().run()
    at.button(key="save_local").click().run()
    _ok(at)
    assert (tmp_path / "saved" / "mine.yaml").read_bytes() == before
    assert any("name" in e.value for e in at.error)
    assert sorted(p.name for p in (tmp_path / "saved").iterdir()) == ["mine.yaml"]


def test_save_messages_show_the_name_not_the_server_path(app, tmp_path):
    at = app().run()
    at.text_input(key="scn_name").set_value("shared-plan").run()
    at.button(key="save_local").click().run()
    _ok(at)
    assert any("shared-plan.yaml" in s.value for s in at.success)
    assert not any(str(tmp_path) in s for s in _texts(at))


def _upload(at, *files):
    at.file_uploader(key="data_upload").set_value(list(files))
    return at.run()


def test_csv_with_cr_only_line_endings_uploads(app):
    ind, obs = user_tables()
    at = app(view="data").run()
    _upload(at, ("indicators.csv", to_csv(ind).replace(b"\n", b"\r"), "text/csv"),
            ("observations.csv", to_csv(obs).replace(b"\n", b"\r"), "text/csv"))
    _ok(at)
    assert at.session_state["region"] == "upload"


def test_uploaded_region_export_carries_its_observations_and_the_page_language(app):
    pytest.importorskip("talentsim.export")
    ind, obs = user_tables()
    at = app(view="data", lang="en").run()
    _upload(at, ("indicators.csv", to_csv(ind), "text/csv"), ("observations.csv", to_csv(obs), "text/csv"))
    at.segmented_control(key=wkey(at, "view")).set_value("compare").run()
    _ok(at)
    wb = openpyxl.load_workbook(io.BytesIO(at.session_state["_export_build_xlsx"]()))
    text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "2020年人才资源总量25万人" in text          # the upload's observation quote is in the sources
    assert "Talent total" in text and "人才资源总量" not in wb.sheetnames[0]


def test_failed_export_says_so_on_the_page(app, monkeypatch):
    export = pytest.importorskip("talentsim.export")

    def broken(*args, **kwargs):
        raise RuntimeError("renderer unavailable")

    monkeypatch.setattr(export, "xlsx_bytes", broken)
    at = app(view="compare", lang="en").run()
    with pytest.raises(RuntimeError):          # the click's build fails: no file is downloaded
        at.session_state["_export_build_xlsx"]()
    at.run()
    _ok(at)
    assert any("xlsx export failed" in e.value.lower() and "renderer unavailable" in e.value for e in at.error)


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


@pytest.mark.parametrize("key, value, lang", [("region", "nosuch", "en"), ("view", "nosuchview", "en"),
                                              ("indicator", "tianhe.nosuch", "en"), ("lang", "xx", "zh")])
def test_a_bad_region_view_indicator_or_language_in_a_link_is_named(app, key, value, lang):
    """Ignored link values say so, as the README promises (they were dropped silently; issue 21)."""
    q = {"lang": lang, key: value} if key != "lang" else {key: value}
    at = app(**q).run()
    _ok(at)
    assert any(value in w for w in _warnings(at)), _warnings(at)


def test_a_bad_saved_link_is_reported_as_saved_not_preset(app):
    at = app(saved="no such scenario", lang="en").run()
    _ok(at)
    w = [x for x in _warnings(at) if "no such scenario" in x]
    assert w and all("saved" in x and "preset" not in x for x in w), w


def test_thousands_of_unknown_compared_scenarios_give_a_few_short_warnings(app):
    at = app(compare="/".join(f"preset:nosuch{i}" for i in range(5000)), lang="en",
             solve_indicator="x" * 400_000).run()
    _ok(at)
    w = _warnings(at)
    assert len(w) <= 6 and any("more values were ignored" in x for x in w)
    assert sum(len(x) for x in w) < 3_000


def test_quotes_and_sources_are_shown_as_text_not_markdown(app):
    """st.table and captions render Markdown: a quote holding an image link would make every
    planner who opens the region fetch an outside URL (issue 21). Every table cell and the target
    caption are escaped; the text reads the same."""
    ind, obs = user_tables()
    evil = "![p](http://127.0.0.1:9/track.png) **人才资源总量达到30万人**"
    ind[1][-1] = evil
    obs[1][-1] = evil
    at = app(view="data", lang="en").run()
    _upload(at, ("indicators.csv", to_csv(ind), "text/csv"), ("observations.csv", to_csv(obs), "text/csv"))
    _ok(at)
    cells = [str(v) for tb in at.table for v in [*tb.value.to_numpy().ravel(), *tb.value.index]]
    shown = [c for c in cells if "track.png" in c]
    assert shown and all("![" not in c and "](" not in c for c in shown), shown
    at.segmented_control(key=wkey(at, "view")).set_value("indicator").run()
    _ok(at)
    texts = [c.value for c in at.caption] + [str(v) for tb in at.table for v in tb.value.to_numpy().ravel()]
    assert all("![" not in x for x in texts if "track.png" in x)
