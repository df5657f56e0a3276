"""Plain scenario evaluation: utilities computed by hand (curve interpolation, flat ends,
unlisted options, step positions), domain problems, and every kind of violation."""

from __future__ import annotations

import pytest

import zopa
from zopa.format.schema import Actor, ScenarioModel
from zopa.scenario.evaluate import (
    constraint_holds,
    curve_value,
    in_domain,
    preference_value,
    reservation_holds,
    utility,
    violations,
)
from zopa.scenario.scenario import Scenario

SCENARIO = """
zopa: 1
issues:
  territory: {type: number, min: 0, max: 0.27}
  troops: {type: integer, min: 0, max: 4}
  nato: {type: choice, options: [member, deferred, neutral]}
  form: {type: choice, options: [truce, armistice, treaty], ordered: true}
  dialogue_restored: {type: boolean}
  moves: {type: sequence, steps: [us_outreach, russia_response, ceasefire, sanctions_relief]}
rules:
  - id: one-status
    require: not (nato == "member" and form == "truce")
actors:
  russia:
    red_lines:
      - id: lasting-deal
        require: form == "treaty"
      - id: us-moves-first
        require: moves.us_outreach == 1
      - id: guarantees-if-no-nato
        when: nato != "member"
        require: territory >= 0.18
    preferences:
      territory: {weight: 5, curve: [[0, 0], [0.2, 0.7], [0.27, 1]]}
      nato: {weight: 3, values: {member: 0, deferred: 0.6, neutral: 1}}
      form: {weight: 2, values: {truce: 0, armistice: 0.4, treaty: 1}}
      moves.us_outreach: {weight: 1, curve: [[1, 1], [4, 0]]}
    reservation: 0.45
  ukraine:
    red_lines:
      - id: some-land
        require: territory <= 0.2
    preferences:
      territory: {weight: 1, curve: [[0.05, 1], [0.25, 0]]}
      dialogue_restored: {weight: 1, values: {true: 0.5}}
    reservation: 0.3
  observer: {}
"""


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return zopa.loads(SCENARIO, name="t.yaml")


def deal(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "territory": 0.2,
        "troops": 2,
        "nato": "neutral",
        "form": "treaty",
        "dialogue_restored": True,
        "moves": ("us_outreach", "russia_response", "ceasefire", "sanctions_relief"),
    }
    base.update(changes)
    return base


# --- curves ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y"),
    [(-1.0, 0.0), (0.0, 0.0), (0.1, 0.35), (0.2, 0.7), (0.235, 0.85), (0.27, 1.0), (5.0, 1.0)],
)
def test_curve_is_linear_between_points_and_flat_beyond(x: float, y: float) -> None:
    assert curve_value(((0, 0), (0.2, 0.7), (0.27, 1)), x) == pytest.approx(y)


def test_single_point_curve_is_constant() -> None:
    assert curve_value(((3, 0.4),), -10) == 0.4
    assert curve_value(((3, 0.4),), 10) == 0.4


def test_decreasing_curve() -> None:
    assert curve_value(((1, 1), (4, 0)), 2) == pytest.approx(2 / 3)


# --- utilities ------------------------------------------------------------------------------


def test_russia_utility_by_hand(scenario: Scenario) -> None:
    issues = scenario.model.issues
    russia = scenario.actors["russia"]
    # territory 0.1 -> 0.35; nato deferred -> 0.6; form armistice -> 0.4; us_outreach at 2 -> 2/3
    d = deal(
        territory=0.1,
        nato="deferred",
        form="armistice",
        moves=("ceasefire", "us_outreach", "russia_response", "sanctions_relief"),
    )
    expected = (5 * 0.35 + 3 * 0.6 + 2 * 0.4 + 1 * (2 / 3)) / 11
    assert utility(russia, issues, d) == pytest.approx(expected)


def test_best_and_worst_deals_for_russia(scenario: Scenario) -> None:
    issues, russia = scenario.model.issues, scenario.actors["russia"]
    assert utility(russia, issues, deal(territory=0.27)) == pytest.approx(1.0)
    worst = deal(
        territory=0.0,
        nato="member",
        form="truce",
        moves=("ceasefire", "russia_response", "sanctions_relief", "us_outreach"),
    )
    assert utility(russia, issues, worst) == pytest.approx(0.0)


def test_unlisted_options_count_zero(scenario: Scenario) -> None:
    issues, ukraine = scenario.model.issues, scenario.actors["ukraine"]
    # territory 0.15 -> 0.5 on [[0.05, 1], [0.25, 0]]; dialogue false is not listed -> 0
    assert utility(ukraine, issues, deal(territory=0.15, dialogue_restored=False)) == pytest.approx(
        0.25
    )
    assert utility(ukraine, issues, deal(territory=0.15)) == pytest.approx(0.5)
    # flat beyond the curve's ends
    assert utility(ukraine, issues, deal(territory=0.0)) == pytest.approx(0.75)
    assert utility(ukraine, issues, deal(territory=0.27, dialogue_restored=False)) == 0.0


def test_no_preferences_means_utility_zero(scenario: Scenario) -> None:
    assert utility(scenario.actors["observer"], scenario.model.issues, deal()) == 0.0


def test_unlisted_choice_option_and_string_boolean_keys() -> None:
    model = ScenarioModel.model_validate(
        {
            "zopa": 1,
            "issues": {"c": {"type": "choice", "options": ["a", "b"]}, "f": {"type": "boolean"}},
            "actors": {
                "x": {
                    "preferences": {
                        "c": {"weight": 1, "values": {"a": 1}},
                        "f": {"weight": 3, "values": {"false": 1}},
                    }
                }
            },
        }
    )
    actor = model.actors["x"]
    assert utility(actor, model.issues, {"c": "b", "f": False}) == pytest.approx(0.75)
    assert utility(actor, model.issues, {"c": "a", "f": True}) == pytest.approx(0.25)


def test_mismatched_preference_kinds_raise() -> None:
    model = ScenarioModel.model_validate(
        {
            "zopa": 1,
            "issues": {
                "c": {"type": "choice", "options": ["a"]},
                "n": {"type": "number", "min": 0, "max": 1},
            },
            "actors": {"x": {}},
        }
    )
    pref_curve = Actor.model_validate({"preferences": {"c": {"weight": 1, "curve": [[0, 1]]}}})
    with pytest.raises(ValueError, match="needs `values`"):
        preference_value("c", pref_curve.preferences["c"], model.issues, {"c": "a"})
    pref_values = Actor.model_validate({"preferences": {"n": {"weight": 1, "values": {"a": 1}}}})
    with pytest.raises(ValueError, match="needs a curve"):
        preference_value("n", pref_values.preferences["n"], model.issues, {"n": 0.5})


# --- domains --------------------------------------------------------------------------------


def test_a_good_deal_has_no_domain_problems(scenario: Scenario) -> None:
    assert in_domain(scenario.model.issues, deal()) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"territory": 0.3}, "territory: 0.3 is above its max 0.27"),
        ({"territory": -0.01}, "territory: -0.01 is below its min 0"),
        ({"territory": "high"}, "territory: 'high' is not a number"),
        ({"territory": True}, "territory: True is not a number"),
        ({"troops": 2.5}, "troops: 2.5 is not a whole number"),
        ({"troops": 5}, "troops: 5 is above its max 4"),
        ({"nato": "ally"}, "nato: 'ally' is not one of its options"),
        ({"dialogue_restored": 1}, "dialogue_restored: 1 is not true or false"),
        ({"moves": ("us_outreach", "ceasefire")}, "moves: ('us_outreach', 'ceasefire') is not"),
        ({"extra": 1}, "extra: not an issue"),
    ],
)
def test_domain_problems(scenario: Scenario, changes: dict[str, object], problem: str) -> None:
    problems = in_domain(scenario.model.issues, deal(**changes))
    assert len(problems) == 1
    assert problems[0].startswith(problem)


def test_domain_tolerance(scenario: Scenario) -> None:
    issues = scenario.model.issues
    assert in_domain(issues, deal(territory=0.27 + 5e-7)) == []
    assert in_domain(issues, deal(territory=0.27 + 5e-7), tol=1e-9) != []
    assert in_domain(issues, deal(troops=2.0000001)) == []


def test_missing_issue(scenario: Scenario) -> None:
    d = deal()
    del d["form"]
    assert in_domain(scenario.model.issues, d) == ["form: no value"]
    assert violations(scenario, d) == ["form: no value"]


# --- violations -----------------------------------------------------------------------------


def test_a_deal_in_the_zopa_has_no_violations(scenario: Scenario) -> None:
    assert violations(scenario, deal()) == []


def test_every_kind_of_violation_in_order(scenario: Scenario) -> None:
    d = deal(
        territory=0.28,
        nato="member",
        form="truce",
        moves=("ceasefire", "us_outreach", "russia_response", "sanctions_relief"),
        dialogue_restored=False,
    )
    # russia: territory 0.28 -> 1 (flat), member 0, truce 0, us_outreach at 2 -> 2/3:
    # (5 + 2/3) / 11 = 0.515 >= 0.45; ukraine: 0 + 0 < 0.3
    assert violations(scenario, d) == [
        "territory: 0.28 is above its max 0.27",
        "rules/one-status",
        "russia/lasting-deal",
        "russia/us-moves-first",
        "ukraine/some-land",
        "ukraine/reservation",
    ]


def test_when_guards_require(scenario: Scenario) -> None:
    line = scenario.constraint("russia/guarantees-if-no-nato")
    assert constraint_holds(line, deal(nato="member", territory=0.0))
    assert not constraint_holds(line, deal(nato="neutral", territory=0.1))
    assert constraint_holds(line, deal(nato="neutral", territory=0.18))
    assert violations(scenario, deal(territory=0.1)) == ["russia/guarantees-if-no-nato"]


def test_reservation_with_tolerance() -> None:
    model = ScenarioModel.model_validate(
        {
            "zopa": 1,
            "issues": {"x": {"type": "number", "min": 0, "max": 1}},
            "actors": {
                "a": {
                    "preferences": {"x": {"weight": 2, "curve": [[0, 0], [1, 1]]}},
                    "reservation": 0.5,
                }
            },
        }
    )
    actor = model.actors["a"]
    assert reservation_holds(actor, model.issues, {"x": 0.5})
    assert reservation_holds(actor, model.issues, {"x": 0.5 - 5e-7})
    assert not reservation_holds(actor, model.issues, {"x": 0.5 - 5e-7}, tol=1e-9)
    assert not reservation_holds(actor, model.issues, {"x": 0.49})


def test_ukraine_reservation_broken_without_dialogue(scenario: Scenario) -> None:
    # ukraine at territory 0.2: curve 0.25; dialogue false counts 0 -> 0.125 < 0.3
    assert violations(scenario, deal(dialogue_restored=False)) == ["ukraine/reservation"]
    u = utility(scenario.actors["ukraine"], scenario.model.issues, deal())
    assert u == pytest.approx((0.25 + 0.5) / 2)
