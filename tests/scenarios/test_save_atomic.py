"""Issue 15, saving: create-if-absent cannot race, bad names are refused, no server path leaks."""

from __future__ import annotations

import os
import threading

import pytest

from scenarios.spec import NameTakenError, Scenario, ScenarioError, load_scenario, save_scenario


def _race(tmp_path, n: int = 10):
    path = tmp_path / "shared.yaml"
    scenarios = [Scenario(name="shared").with_levers(funding_cny_100m_per_year=1.0 + i / 10) for i in range(n)]
    start, results = threading.Barrier(n), [None] * n

    def save(i: int) -> None:
        start.wait()
        try:
            save_scenario(scenarios[i], path)
            results[i] = "saved"
        except NameTakenError as exc:
            results[i] = exc

    threads = [threading.Thread(target=save, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return path, scenarios, results


@pytest.mark.parametrize("trial", range(20))
def test_ten_sessions_saving_under_one_new_name_exactly_one_is_told_saved(tmp_path, trial):
    path, scenarios, results = _race(tmp_path)
    winners = [i for i, r in enumerate(results) if r == "saved"]
    assert len(winners) == 1, results
    # nothing lost: the file holds the winner's scenario, every other session was told
    assert load_scenario(path) == scenarios[winners[0]]
    for i, r in enumerate(results):
        if i != winners[0]:
            assert isinstance(r, NameTakenError) and "already saved under this name" in str(r)
    assert sorted(os.listdir(tmp_path)) == ["shared.yaml"]  # no temporary files left behind


@pytest.mark.parametrize("name", [".", "..", ".hidden", "a\x07b", "x\uffff", "😀" * 80])
def test_saving_names_dot_dotdot_hidden_control_and_too_long_is_refused(tmp_path, name):
    with pytest.raises(ScenarioError) as err:
        save_scenario(Scenario(name="ok"), tmp_path / f"{name}.yaml")
    assert str(tmp_path) not in str(err.value)
    assert os.listdir(tmp_path) == []


def test_save_messages_never_show_the_server_path(tmp_path):
    a, b = Scenario(name="mine"), Scenario(name="mine").with_levers(funding_cny_100m_per_year=3.0)
    save_scenario(a, tmp_path / "mine.yaml")
    with pytest.raises(NameTakenError) as err:
        save_scenario(b, tmp_path / "mine.yaml")
    assert str(tmp_path) not in str(err.value) and "mine.yaml" in str(err.value)
    blocked = tmp_path / "file"
    blocked.write_text("x")
    with pytest.raises(ScenarioError) as err:
        save_scenario(a, blocked / "sub" / "mine.yaml")  # folder cannot be created
    assert str(tmp_path) not in str(err.value)
