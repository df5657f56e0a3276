"""`ukraine-negotiation.yaml` is `ukraine-deferred.yaml` plus a `negotiation:` block (and its
own title and description), and the block says what the seed says: Washington moves first."""

from __future__ import annotations

from pathlib import Path

import zopa

from .test_variants import _leaves


def test_only_the_title_description_and_block_differ(root: Path) -> None:
    deferred = zopa.load(root / "scenarios" / "ukraine-deferred.yaml").raw
    played = zopa.load(root / "scenarios" / "ukraine-negotiation.yaml").raw
    base = dict(_leaves(deferred))
    mine = dict(_leaves({k: v for k, v in played.items() if k != "negotiation"}))
    assert base.keys() == mine.keys()
    assert {p for p in base if base[p] != mine[p]} == {"title", "description"}


def test_washington_moves_first_and_the_us_is_least_patient(root: Path) -> None:
    scenario = zopa.load(root / "scenarios" / "ukraine-negotiation.yaml")
    block = scenario.model.negotiation
    assert block is not None and block.order is not None
    assert block.order[0] == "us"
    assert min(block.discount, key=lambda a: block.discount[a]) == "us"
    assert block.tactics["russia"] == "boulware"


def test_the_equilibrium_agrees_at_once_on_a_deal_of_the_zopa(root: Path) -> None:
    scenario = zopa.load(root / "scenarios" / "ukraine-negotiation.yaml")
    result = zopa.negotiate(scenario, equilibrium=True, rounds=6)
    agreement = result.play.agreement
    assert agreement is not None and agreement.round == 1 and agreement.proposer == "us"
    assert agreement.deal["nato"] == "deferred"
    for actor, u in agreement.utilities.items():
        assert u >= result.reservations[actor] - 1e-6
