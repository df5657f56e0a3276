"""Faratin tactics: every round's aspirations follow the formula, the offers on a split
follow from it by hand, and the agreement is the first round both aspirations allow."""

from __future__ import annotations

import pytest

import zopa
from zopa.dynamics.run import negotiate
from zopa.dynamics.tactics import alpha
from zopa.errors import ScenarioError
from zopa.scenario.scenario import Scenario

from .conftest import SPLIT

BETA = {"boulware": 0.25, "linear": 1.0, "conceder": 4.0}


def _aspiration(t: int, horizon: int, beta: float, top: float = 1.0, r: float = 0.0) -> float:
    # Faratin et al. (1998), polynomial, kappa = 0, written out independently.
    a = 1.0 if horizon == 1 else ((t - 1) / (horizon - 1)) ** (1 / beta)
    return top - a * (top - r)


@pytest.mark.parametrize(
    ("ta", "tb", "horizon"),
    [("boulware", "conceder", 10), ("linear", "linear", 7), ("conceder", "boulware", 12)],
)
def test_trace_follows_the_aspiration_formula(
    split: Scenario, ta: str, tb: str, horizon: int
) -> None:
    result = negotiate(split, tactics={"a": ta, "b": tb}, rounds=horizon)
    play = result.play
    assert play.method == "tactics"
    expected_end = None
    for t in range(1, horizon + 1):
        asp_a, asp_b = _aspiration(t, horizon, BETA[ta]), _aspiration(t, horizon, BETA[tb])
        proposer = "a" if t % 2 == 1 else "b"
        # On a split the proposer keeps exactly its aspiration (the rest maximises the
        # responder's utility); the responder accepts when that reaches its own aspiration.
        offered = 1 - asp_a if proposer == "a" else 1 - asp_b
        wanted = asp_b if proposer == "a" else asp_a
        if offered >= wanted - 1e-6:
            expected_end = t
            break
    assert len(play.rounds) == (expected_end or horizon)
    for played in play.rounds:
        t = played.round
        assert played.aspirations is not None
        assert played.aspirations["a"] == pytest.approx(_aspiration(t, horizon, BETA[ta]))
        assert played.aspirations["b"] == pytest.approx(_aspiration(t, horizon, BETA[tb]))
        assert played.utilities is not None
        own = played.aspirations[played.proposer]
        assert played.utilities[played.proposer] == pytest.approx(own, abs=1e-6)
        assert played.agreed == (played.round == expected_end)
    if expected_end is None:
        assert play.agreement is None
    else:
        assert play.agreement is not None and play.agreement.round == expected_end


def test_alpha_ends_at_the_reservation() -> None:
    assert alpha(1, 10, 0.25) == 0.0
    assert alpha(10, 10, 0.25) == 1.0
    assert alpha(1, 1, 4.0) == 1.0
    assert alpha(5, 9, 1.0) == pytest.approx(0.5)
    assert alpha(5, 9, 4.0) == pytest.approx(0.5**0.25)


def test_a_numeric_beta_and_a_reservation() -> None:
    text = SPLIT.replace("    reservation: 0\n  b:", "    reservation: 0.2\n  b:")
    scenario = zopa.loads(text, name="r.yaml")
    result = negotiate(scenario, tactics={"a": 2.0, "b": "linear"}, rounds=5)
    first = result.play.rounds[0]
    assert first.aspirations is not None
    assert first.aspirations["a"] == pytest.approx(1.0)
    last = _aspiration(3, 5, 2.0, 1.0, 0.2)
    third = result.play.rounds[2] if len(result.play.rounds) > 2 else None
    if third is not None:
        assert third.aspirations is not None
        assert third.aspirations["a"] == pytest.approx(last)
    agreement = result.play.agreement
    assert agreement is not None and agreement.utilities["a"] >= 0.2 - 1e-9


def test_worth_discounts_a_late_agreement(split: Scenario) -> None:
    result = negotiate(
        split, tactics={"a": "boulware", "b": "boulware"}, discount={"a": 0.9}, rounds=6
    )
    agreement = result.play.agreement
    assert agreement is not None and agreement.round > 1
    u = agreement.utilities["a"]
    assert agreement.worth["a"] == pytest.approx(0.9 ** (agreement.round - 1) * u)
    assert agreement.worth["b"] == pytest.approx(agreement.utilities["b"])


def test_a_red_line_makes_responders_reject() -> None:
    text = SPLIT.replace(
        "  b:\n", "  b:\n    red_lines:\n      - id: cap\n        require: share <= 0.3\n"
    )
    scenario = zopa.loads(text, name="cap.yaml")
    result = negotiate(scenario, tactics={"a": "linear", "b": "linear"}, rounds=5)
    broken = 0
    for played in result.play.rounds:
        offer = played.offer
        if played.proposer == "a" and offer is not None and float(offer["share"]) > 0.3 + 1e-6:  # type: ignore[arg-type]
            broken += 1
            assert played.answers["b"] is False
    assert broken >= 1  # a's early offers take more than b's cap allows
    agreement = result.play.agreement
    assert agreement is not None
    assert float(agreement.deal["share"]) <= 0.3 + 1e-6  # type: ignore[arg-type]


def test_an_actor_without_any_deal_cannot_play() -> None:
    text = SPLIT.replace(
        "  b:\n", "  b:\n    red_lines:\n      - id: never\n        require: share >= 2\n"
    )
    scenario = zopa.loads(text, name="never.yaml")
    with pytest.raises(ScenarioError, match="b has no deal"):
        negotiate(scenario, tactics={"a": "linear"}, rounds=3)
