"""`--set`, `--drop`, `--without` on the raw tree: what they change, what they refuse, and
how paths of the changed tree relate to the file."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from zopa.errors import ScenarioError
from zopa.scenario.changes import (
    apply_changes,
    drop_option,
    set_option,
    set_value,
    without_option,
)

RAW: dict[str, Any] = {
    "zopa": 1,
    "issues": {
        "territory": {"type": "number", "min": 0, "max": 0.3},
        "nato": {"type": "choice", "options": ["member", "neutral"]},
    },
    "actors": {
        "russia": {
            "red_lines": [
                {"id": "a", "require": "territory >= 0.1"},
                {"id": "b", "require": 'nato == "neutral"'},
                {"id": "c", "require": "territory >= 0.2"},
            ],
            "preferences": {"moves.first": {"weight": 1, "curve": [[1, 1]]}},
            "reservation": 0.4,
        },
        "ukraine": {"red_lines": [{"id": "x", "require": "territory <= 0.2"}]},
    },
    "expect": [
        {"zopa": "exists"},
        {"binding": "russia/b"},
        {"conflict": ["russia/a", "ukraine/x"]},
    ],
}


def _error(*changes: Any) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        apply_changes(RAW, changes, name="s.yaml")
    for problem in info.value.problems:
        assert problem.file == "s.yaml" and problem.line is None
    return [str(p) for p in info.value.problems]


def test_set_existing_value_and_input_is_untouched() -> None:
    before = copy.deepcopy(RAW)
    applied = apply_changes(RAW, [set_option("actors.russia.reservation=0.3")], name="s")
    assert applied.data["actors"]["russia"]["reservation"] == 0.3
    assert before == RAW
    assert applied.overrides == {"actors.russia.reservation": "--set actors.russia.reservation=0.3"}


def test_set_list_item_and_absent_last_key() -> None:
    applied = apply_changes(
        RAW,
        [
            set_option("actors.russia.red_lines.1.firmness=2"),
            set_option("issues.territory.status_quo=0.2"),
            set_option("issues.nato.options=[member, neutral, no]"),
        ],
        name="s",
    )
    assert applied.data["actors"]["russia"]["red_lines"][1]["firmness"] == 2
    assert applied.data["issues"]["territory"]["status_quo"] == 0.2
    assert applied.data["issues"]["nato"]["options"] == ["member", "neutral", "no"]


def test_set_values_are_yaml_1_2() -> None:
    applied = apply_changes(RAW, [set_option("title=no"), set_option("zopa=017")], name="s")
    assert applied.data["title"] == "no" and applied.data["zopa"] == 17


def test_set_into_a_dotted_preference_key() -> None:
    applied = apply_changes(
        RAW, [set_option("actors.russia.preferences.moves.first.weight=3")], name="s"
    )
    assert applied.data["actors"]["russia"]["preferences"]["moves.first"]["weight"] == 3


def test_new_dotted_preference_key() -> None:
    applied = apply_changes(RAW, [set_value("actors.ukraine.preferences", {})], name="s")
    applied = apply_changes(
        applied.data,
        [set_option("actors.ukraine.preferences.moves.first={weight: 1, curve: [[1, 0]]}")],
        name="s",
    )
    assert applied.data["actors"]["ukraine"]["preferences"]["moves.first"]["weight"] == 1


def test_set_python_value_is_copied() -> None:
    options = ["member", "neutral"]
    applied = apply_changes(RAW, [set_value("issues.nato.options", options)], name="s")
    options.append("x")
    assert applied.data["issues"]["nato"]["options"] == ["member", "neutral"]


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (
            "actors.rusia.reservation=0.3",
            "s.yaml: --set actors.rusia.reservation=0.3: no actor 'rusia' (did you mean "
            "'russia'?); actors: russia, ukraine",
        ),
        (
            "issues.teritory.max=1",
            "s.yaml: --set issues.teritory.max=1: no issue 'teritory' (did you mean "
            "'territory'?); issues: territory, nato",
        ),
        (
            "actors.russia.red_lines.3.firmness=2",
            "s.yaml: --set actors.russia.red_lines.3.firmness=2: actors.russia.red_lines has "
            "3 item(s), numbered 0 to 2; there is no item 3",
        ),
        (
            "actors.russia.red_lines.first.firmness=2",
            "s.yaml: --set actors.russia.red_lines.first.firmness=2: actors.russia.red_lines "
            "is a list; the next step must be an index, not 'first'",
        ),
        (
            "actors.russia.reservation.x=2",
            "s.yaml: --set actors.russia.reservation.x=2: actors.russia.reservation is a "
            "single value, not a mapping; it has no 'x'",
        ),
        (
            "actors.russia.prefs.nato.weight=2",
            "s.yaml: --set actors.russia.prefs.nato.weight=2: actors.russia has no key 'prefs' "
            "(did you mean 'preferences'?); it has: red_lines, preferences, reservation "
            "(only the last key of PATH may be new)",
        ),
        (
            "actors.russia.reservation",
            "s.yaml: --set actors.russia.reservation: write --set PATH=VALUE",
        ),
        ("=1", "s.yaml: --set =1: write --set PATH=VALUE"),
        (
            "a..b=1",
            "s.yaml: --set a..b=1: PATH has an empty part; write keys separated by single dots",
        ),
    ],
)
def test_bad_set_paths(option: str, expected: str) -> None:
    assert _error(set_option(option)) == [expected]


@pytest.mark.parametrize("value", ["[", "*a", "!!python/object/apply:os.system [x]", ".nan"])
def test_bad_set_values(value: str) -> None:
    (message,) = _error(set_option(f"actors.russia.reservation={value}"))
    assert message.startswith(
        f"s.yaml: --set actors.russia.reservation={value}: VALUE is not valid YAML: "
    )
    assert "invalid YAML: " not in message


def test_drop_red_line_moves_later_ones_up() -> None:
    applied = apply_changes(RAW, [drop_option("russia/a")], name="s")
    ids = [line["id"] for line in applied.data["actors"]["russia"]["red_lines"]]
    assert ids == ["b", "c"]
    assert applied.origins == {
        "actors.russia.red_lines.0": "actors.russia.red_lines.1",
        "actors.russia.red_lines.1": "actors.russia.red_lines.2",
    }
    assert applied.removed == ("actors.russia.red_lines.0", "expect.2")
    assert [e for e in applied.data["expect"]] == [{"zopa": "exists"}, {"binding": "russia/b"}]


def test_set_then_drop_keeps_the_override_on_the_moved_item() -> None:
    applied = apply_changes(
        RAW,
        [drop_option("russia/a"), set_option("actors.russia.red_lines.2.firmness=3")],
        name="s",
    )
    assert applied.data["actors"]["russia"]["red_lines"][1] == {
        "id": "c",
        "require": "territory >= 0.2",
        "firmness": 3,
    }
    assert applied.overrides == {
        "actors.russia.red_lines.1.firmness": "--set actors.russia.red_lines.2.firmness=3"
    }


def test_drop_two_red_lines_of_one_actor() -> None:
    applied = apply_changes(RAW, [drop_option("russia/c"), drop_option("russia/a")], name="s")
    assert [x["id"] for x in applied.data["actors"]["russia"]["red_lines"]] == ["b"]
    assert applied.origins["actors.russia.red_lines.0"] == "actors.russia.red_lines.1"
    assert sorted(applied.removed)[:2] == ["actors.russia.red_lines.0", "actors.russia.red_lines.2"]


def test_drop_reservation_removes_the_key() -> None:
    applied = apply_changes(RAW, [drop_option("russia/reservation")], name="s")
    assert "reservation" not in applied.data["actors"]["russia"]
    assert RAW["actors"]["russia"]["reservation"] == 0.4


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (
            "rusia/a",
            "s.yaml: --drop rusia/a: no actor 'rusia' (did you mean 'russia'?); "
            "actors: russia, ukraine",
        ),
        (
            "russia/d",
            "s.yaml: --drop russia/d: actor 'russia' has no red line 'd'; it has: a, b, c, "
            "reservation",
        ),
        ("russia", "s.yaml: --drop russia: write --drop ACTOR/ID, e.g. --drop russia/no-nato"),
        (
            "russia/a/b",
            "s.yaml: --drop russia/a/b: write --drop ACTOR/ID, e.g. --drop russia/no-nato",
        ),
    ],
)
def test_bad_drops(ref: str, expected: str) -> None:
    assert _error(drop_option(ref)) == [expected]


def test_without_removes_the_actor_and_expectations_naming_it() -> None:
    applied = apply_changes(RAW, [without_option("ukraine")], name="s")
    assert list(applied.data["actors"]) == ["russia"]
    assert applied.data["expect"] == [{"zopa": "exists"}, {"binding": "russia/b"}]
    assert "actors.ukraine" in applied.removed


def test_without_every_actor_is_an_error() -> None:
    messages = _error(without_option("ukraine"), without_option("russia"))
    assert messages == [
        "s.yaml: --without russia: removing 'russia' would leave no actor; a scenario needs one"
    ]


def test_without_unknown_actor() -> None:
    assert _error(without_option("ukrain")) == [
        "s.yaml: --without ukrain: no actor 'ukrain' (did you mean 'ukraine'?); "
        "actors: russia, ukraine"
    ]


def test_every_bad_option_is_reported() -> None:
    messages = _error(
        set_option("actors.rusia.reservation=0.3"),
        drop_option("russia/zz"),
        without_option("nobody"),
    )
    assert len(messages) == 3


def test_set_value_turns_tuples_into_lists() -> None:
    applied = apply_changes(
        RAW, [set_value("actors.ukraine.red_lines", ({"id": "q", "require": "x"},))], name="s"
    )
    assert applied.data["actors"]["ukraine"]["red_lines"] == [{"id": "q", "require": "x"}]
