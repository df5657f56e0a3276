"""The equilibrium engine against closed forms: Rubinstein's split, the three-actor
unanimity split, a red line capping a share, and the horizon rule."""

from __future__ import annotations

import pytest

import zopa
from zopa.dynamics.equilibrium import plan
from zopa.dynamics.run import negotiate
from zopa.dynamics.settings import settings_for
from zopa.model.compile import compile_scenario
from zopa.scenario.scenario import Scenario

from .conftest import SPLIT


@pytest.mark.parametrize(
    ("d1", "d2", "share"),
    [(0.9, 0.9, 10 / 19), (0.9, 0.8, 5 / 7), (0.5, 0.5, 2 / 3)],
)
def test_rubinstein_share_of_the_first_proposer(
    split: Scenario, d1: float, d2: float, share: float
) -> None:
    # Rubinstein (1982): the first proposer gets (1 - d2) / (1 - d1 d2), at once.
    assert share == pytest.approx((1 - d2) / (1 - d1 * d2))
    result = negotiate(split, discount={"a": d1, "b": d2})
    agreement = result.play.agreement
    assert agreement is not None
    assert agreement.round == 1 and agreement.proposer == "a"
    assert agreement.utilities["a"] == pytest.approx(share, abs=1.2e-6)
    assert agreement.utilities["b"] == pytest.approx(1 - share, abs=1.2e-6)
    assert result.play.auto_horizon and result.play.horizon % 2 == 0
    assert [r.round for r in result.play.rounds] == [1]
    # Moving second: b gets (1 - d1) / (1 - d1 d2).
    second = result.by_first_proposer["b"].agreement
    assert second is not None and second.proposer == "b"
    assert second.utilities["b"] == pytest.approx((1 - d1) / (1 - d1 * d2), abs=1.2e-6)


def test_three_actors_with_equal_discount(three: Scenario) -> None:
    d = 0.8
    result = negotiate(three, discount=dict.fromkeys("abc", d))
    agreement = result.play.agreement
    assert agreement is not None and agreement.round == 1
    first = 1 / (1 + d + d * d)
    assert agreement.utilities["a"] == pytest.approx(first, abs=2e-6)
    # b proposes next and is offered its discounted share of being first, d / (1 + d + d^2);
    # c proposes after b and gets d^2 / (1 + d + d^2).
    assert agreement.utilities["b"] == pytest.approx(d * first, abs=2e-6)
    assert agreement.utilities["c"] == pytest.approx(d * d * first, abs=2e-6)
    assert sum(agreement.utilities.values()) == pytest.approx(1.0, abs=1e-6)
    for actor in "abc":
        play = result.by_first_proposer[actor]
        assert play.agreement is not None
        assert play.agreement.utilities[actor] == pytest.approx(first, abs=2e-6)


def test_a_red_line_caps_the_share() -> None:
    text = SPLIT.replace(
        "  b:\n",
        "  b:\n    red_lines:\n      - id: cap\n        require: share <= 0.3\n",
    )
    capped = zopa.loads(text, name="capped.yaml")
    result = negotiate(capped, discount={"a": 0.9, "b": 0.9})
    agreement = result.play.agreement
    assert agreement is not None
    # Rubinstein would give a 10/19 > 0.3; the cap binds.
    assert agreement.deal["share"] == pytest.approx(0.3, abs=1e-6)
    # b first offers a exactly its discounted cap: 0.9 * 0.3.
    second = result.by_first_proposer["b"].agreement
    assert second is not None
    assert second.utilities["a"] == pytest.approx(0.27, abs=1e-6)


def test_last_round_proposer_takes_everything(split: Scenario) -> None:
    result = negotiate(split, discount={"a": 0.9, "b": 0.9}, rounds=1)
    agreement = result.play.agreement
    assert agreement is not None and agreement.utilities == {"a": 1.0, "b": 0.0}
    assert not result.play.auto_horizon and result.play.horizon == 1


def test_two_rounds_by_hand(split: Scenario) -> None:
    # Round 2 (b proposes) gives b everything; in round 1 b accepts d_b * 1 = 0.8.
    result = negotiate(split, discount={"a": 0.9, "b": 0.8}, rounds=2)
    agreement = result.play.agreement
    assert agreement is not None and agreement.round == 1
    assert agreement.utilities["b"] == pytest.approx(0.8, abs=1e-7)


def test_no_discount_gives_the_last_proposer_everything(split: Scenario) -> None:
    result = negotiate(split)
    agreement = result.play.agreement
    assert agreement is not None
    # With d = 1 the automatic horizon ends with b (the last of the order), who takes all.
    assert agreement.utilities["b"] == pytest.approx(1.0, abs=1e-9)


def test_no_zopa_means_no_agreement_and_reservations() -> None:
    text = SPLIT.replace("    reservation: 0\n  b:", "    reservation: 0.7\n  b:").replace(
        "    reservation: 0\n", "    reservation: 0.5\n"
    )
    scenario = zopa.loads(text, name="apart.yaml")
    compiled = compile_scenario(scenario)
    game = settings_for(compiled.actors, discount={"a": 0.5, "b": 0.5}, rounds=3)
    steps, auto = plan(compiled, game)
    assert not auto and [s.offer for s in steps] == [None, None, None]
    result = negotiate(scenario, discount={"a": 0.5, "b": 0.5}, rounds=3)
    assert result.play.agreement is None
    assert [r.round for r in result.play.rounds] == [1, 2, 3]
    assert [r.proposer for r in result.play.rounds] == ["a", "b", "a"]
    assert result.play.worth("a", 0.7) == 0.7


def test_the_same_input_gives_the_same_answer(split: Scenario) -> None:
    one = negotiate(split, discount={"a": 0.9, "b": 0.7}).to_dict()
    two = negotiate(split, discount={"a": 0.9, "b": 0.7}).to_dict()
    assert one == two
