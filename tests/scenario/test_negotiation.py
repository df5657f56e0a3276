"""The `negotiation:` block: valid blocks load, and every bad entry is reported at its own
file:line:col with what to do."""

from __future__ import annotations

import pytest

import zopa
from zopa.errors import ScenarioError

BASE = """\
zopa: 1
issues:
  share: {type: number, min: 0, max: 1}
actors:
  us:
    preferences:
      share: {weight: 1, curve: [[0, 0], [1, 1]]}
  russia:
    preferences:
      share: {weight: 1, curve: [[0, 1], [1, 0]]}
"""


def _problems(block: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        zopa.loads(BASE + block, name="n.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_full_block_loads() -> None:
    scenario = zopa.loads(
        BASE
        + "negotiation:\n  order: [us, russia]\n  discount: {us: 0.9, russia: 1}\n"
        + "  tactics: {russia: boulware, us: 2.5}\n  rounds: 12\n",
        name="n.yaml",
    )
    block = scenario.model.negotiation
    assert block is not None
    assert block.order == ("us", "russia")
    assert block.discount == {"us": 0.9, "russia": 1}
    assert block.tactics == {"russia": "boulware", "us": 2.5}
    assert block.rounds == 12


def test_no_block_is_none() -> None:
    assert zopa.loads(BASE, name="n.yaml").model.negotiation is None


def test_unknown_actor_in_order() -> None:
    assert _problems("negotiation:\n  order: [us, rusia]\n") == [
        "n.yaml:12:15: negotiation.order[1]: no actor 'rusia' (did you mean 'russia'?); "
        "the actors are: us, russia"
    ]


def test_unknown_actor_in_discount_and_tactics() -> None:
    problems = _problems("negotiation:\n  discount: {uk: 0.9}\n  tactics: {eu: linear}\n")
    assert len(problems) == 2
    assert problems[0].startswith("n.yaml:12:")
    assert "no actor 'uk'" in problems[0] and "the actors are: us, russia" in problems[0]
    assert problems[1].startswith("n.yaml:13:") and "no actor 'eu'" in problems[1]


@pytest.mark.parametrize("value", ["0", "1.5", "-0.2"])
def test_discount_outside_the_unit_interval(value: str) -> None:
    (problem,) = _problems(f"negotiation:\n  discount: {{us: {value}}}\n")
    assert problem.startswith("n.yaml:12:") and "negotiation.discount.us" in problem


@pytest.mark.parametrize("value", ["slow", "0", "-1", "nan"])
def test_bad_tactic(value: str) -> None:
    (problem,) = _problems(f"negotiation:\n  tactics: {{us: {value}}}\n")
    assert problem.startswith("n.yaml:12:") and "negotiation.tactics.us" in problem
    assert "boulware (beta 0.25), linear (1), conceder (4) or a number beta > 0" in problem


def test_rounds_below_one() -> None:
    (problem,) = _problems("negotiation:\n  rounds: 0\n")
    assert problem.startswith("n.yaml:12:11: negotiation.rounds:") and "at least 1" in problem


def test_empty_order() -> None:
    (problem,) = _problems("negotiation:\n  order: []\n")
    assert problem.startswith("n.yaml:12:") and "negotiation.order" in problem
