"""`negotiate`: one negotiation game played out on one compiled model, plus the same game
with each actor proposing first (`by_first_proposer`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from zopa.dynamics.equilibrium import play_equilibrium
from zopa.dynamics.result import Negotiation, Play
from zopa.dynamics.settings import (
    NegotiationSettings,
    discounts_of,
    order_of,
    pairs,
    settings_for,
)
from zopa.dynamics.tactics import play_tactics
from zopa.errors import Problem, ScenarioError
from zopa.model.compile import CompiledModel, compile_scenario
from zopa.scenario.scenario import Scenario


def game_of(
    scenario: Scenario,
    *,
    first: str | None = None,
    order: Sequence[str] | None = None,
    discount: Mapping[str, float] | None = None,
    tactics: Mapping[str, str | float] | None = None,
    rounds: int | None = None,
    equilibrium: bool = False,
) -> NegotiationSettings:
    """The scenario's `negotiation:` block with the given overrides on top.

    Raises:
        ScenarioError: an override names an unknown actor or holds a bad value.
    """
    block = scenario.model.negotiation
    try:
        return settings_for(
            tuple(scenario.actors),
            block_order=None if block is None else block.order,
            block_discount=None if block is None else block.discount,
            block_tactics=None if block is None else block.tactics,
            block_rounds=None if block is None else block.rounds,
            first=first,
            order=order,
            discount=discount,
            tactics=tactics,
            rounds=rounds,
            equilibrium=equilibrium,
        )
    except ValueError as error:
        raise ScenarioError([Problem("<command line>", "", None, None, str(error))]) from None


def play(compiled: CompiledModel, game: NegotiationSettings) -> Play:
    """`game` played in equilibrium, or by tactics when it has them."""
    if game.tactics is None:
        return play_equilibrium(compiled, game)
    return play_tactics(compiled, game)


def negotiate(
    scenario: Scenario,
    *,
    first: str | None = None,
    order: Sequence[str] | None = None,
    discount: Mapping[str, float] | None = None,
    tactics: Mapping[str, str | float] | None = None,
    rounds: int | None = None,
    equilibrium: bool = False,
) -> Negotiation:
    """Play `scenario`'s negotiation (its `negotiation:` block, overridden by the arguments):
    in subgame-perfect equilibrium when no tactic is given, else by the tactics.

    Args:
        scenario: a validated scenario (`zopa.load`).
        first: the actor proposing in round 1 (the order rotated to it).
        order: proposers of rounds 1, 2, 3, ... cycling (default: actor order).
        discount: per-round discounts in (0, 1] by actor (default 1).
        tactics: boulware | linear | conceder | a number beta > 0, by actor.
        rounds: the horizon (default: long enough for equilibrium, 100 for tactics).
        equilibrium: play the equilibrium even when the block sets tactics.

    Raises:
        ScenarioError: a bad setting.
        SolverError: the solver failed, or an agreed deal does not certify.
    """
    game = game_of(
        scenario,
        first=first,
        order=order,
        discount=discount,
        tactics=tactics,
        rounds=rounds,
        equilibrium=equilibrium,
    )
    compiled = compile_scenario(scenario)
    main = play(compiled, game)
    by_first: dict[str, Play] = {}
    for actor in compiled.actors:
        variant = game.starting_with(actor)
        by_first[actor] = main if variant == game else play(compiled, variant)
    return Negotiation(
        title=scenario.title,
        discount=dict(game.discount),
        tactics=None if game.tactics is None else dict(game.tactics),
        reservations={a: compiled.reservation(a) for a in compiled.actors},
        play=main,
        by_first_proposer=by_first,
    )


def cli_negotiate(
    scenario: Scenario,
    *,
    first: str | None,
    order: str | None,
    discount: Sequence[str],
    tactic: Sequence[str],
    rounds: int | None,
    equilibrium: bool = False,
) -> Negotiation:
    """`negotiate` with the command line's texts (`--order A,B`, `--discount A=D`,
    `--tactic A=T`) read first.

    Raises:
        ScenarioError: an option text is malformed (named with `<command line>`).
    """
    try:
        order_ids = None if order is None else order_of(order)
        discounts = discounts_of(discount)
        tactics = pairs(tactic, "--tactic", "russia=boulware")
    except ValueError as error:
        raise ScenarioError([Problem("<command line>", "", None, None, str(error))]) from None
    return negotiate(
        scenario,
        first=first,
        order=order_ids,
        discount=discounts,
        tactics=tactics,
        rounds=rounds,
        equilibrium=equilibrium,
    )
