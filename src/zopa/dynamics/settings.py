"""The rules of one negotiation game: who proposes in which round, how each actor discounts
delay, which concession tactic each plays (if any), and how many rounds there are.

`NegotiationSettings` is what the engines read; `settings_for` merges a scenario's
`negotiation:` block with command-line / API overrides and checks the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zopa.format.tactics import TACTIC_BETAS, tactic_beta

DEFAULT_TACTIC_ROUNDS = 100
"""The number of rounds of a tactics game when none is given (the aspiration formula needs
a deadline)."""


@dataclass(frozen=True, slots=True)
class NegotiationSettings:
    """`order`: proposers of rounds 1, 2, 3, ... cycling; `discount`: every actor's per-round
    discount in (0, 1]; `tactics`: every actor's beta, or None for the equilibrium game;
    `rounds`: the horizon, or None for "long enough" (equilibrium only)."""

    order: tuple[str, ...]
    discount: Mapping[str, float]
    tactics: Mapping[str, float] | None
    rounds: int | None

    def proposer(self, round_: int) -> str:
        """The proposer of round `round_` (1-based)."""
        return self.order[(round_ - 1) % len(self.order)]

    def starting_with(self, actor: str) -> NegotiationSettings:
        """The same game with `actor` proposing first: the order rotated to its first
        occurrence, or `actor` put in front when it is not in the order."""
        if actor in self.order:
            i = self.order.index(actor)
            order = self.order[i:] + self.order[:i]
        else:
            order = (actor, *self.order)
        return NegotiationSettings(order, self.discount, self.tactics, self.rounds)


def check_discount(actor: str, value: float) -> float:
    """`value` as a discount of `actor`.

    Raises:
        ValueError: not a number in (0, 1].
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"discount of {actor!r} must be a number in (0, 1], not {value!r}")
    if not 0.0 < float(value) <= 1.0:
        raise ValueError(f"discount of {actor!r} must be in (0, 1] (1: no impatience), not {value}")
    return float(value)


def settings_for(
    actors: Sequence[str],
    *,
    block_order: Sequence[str] | None = None,
    block_discount: Mapping[str, float] | None = None,
    block_tactics: Mapping[str, str | float] | None = None,
    block_rounds: int | None = None,
    first: str | None = None,
    order: Sequence[str] | None = None,
    discount: Mapping[str, float] | None = None,
    tactics: Mapping[str, str | float] | None = None,
    rounds: int | None = None,
    equilibrium: bool = False,
) -> NegotiationSettings:
    """The game: the scenario's block (`block_*`) with every given override applied on top
    (`discount` and `tactics` overrides replace single actors' entries). Unlisted actors
    discount by 1; when any tactic is given, unlisted actors play linear. `equilibrium`
    ignores the block's tactics (the equilibrium game of a file that sets tactics).

    Raises:
        ValueError: an unknown actor, a discount outside (0, 1], a bad tactic, rounds < 1
            or an empty order; the message says which.
    """
    known = tuple(actors)

    def check_actor(name: str, where: str) -> str:
        if name not in known:
            raise ValueError(f"{where}: unknown actor {name!r}; actors are: {', '.join(known)}")
        return name

    chosen = tuple(order) if order is not None else tuple(block_order or known)
    if not chosen:
        raise ValueError("order: list at least one proposer")
    for name in chosen:
        check_actor(name, "order")
    disc = dict.fromkeys(known, 1.0)
    for source in (block_discount or {}, discount or {}):
        for name, value in source.items():
            disc[check_actor(name, "discount")] = check_discount(name, value)
    if equilibrium and tactics:
        raise ValueError("give either tactics or the equilibrium, not both")
    if equilibrium:
        block_tactics = None
    betas: dict[str, float] | None = None
    if block_tactics or tactics:
        betas = dict.fromkeys(known, TACTIC_BETAS["linear"])
        for given in (block_tactics or {}, tactics or {}):
            for name, tactic in given.items():
                betas[check_actor(name, "tactics")] = tactic_beta(tactic)
    horizon = rounds if rounds is not None else block_rounds
    if horizon is not None and (isinstance(horizon, bool) or horizon < 1):
        raise ValueError(f"rounds must be a whole number >= 1, not {horizon!r}")
    if betas is not None and horizon is None:
        horizon = DEFAULT_TACTIC_ROUNDS
    game = NegotiationSettings(chosen, disc, betas, horizon)
    if first is not None:
        game = game.starting_with(check_actor(first, "first"))
    return game


def pairs(texts: Sequence[str], option: str, example: str) -> dict[str, str]:
    """`ACTOR=VALUE` texts (a command line's repeated option) as {actor: value}.

    Raises:
        ValueError: a text without `=`, or an actor given twice.
    """
    found: dict[str, str] = {}
    for text in texts:
        actor, sep, value = text.partition("=")
        actor, value = actor.strip(), value.strip()
        if not sep or not actor or not value:
            raise ValueError(f"{option} {text!r}: write ACTOR=VALUE, e.g. {option} {example}")
        if actor in found:
            raise ValueError(f"{option}: {actor!r} is given twice; give each actor once")
        found[actor] = value
    return found


def discounts_of(texts: Sequence[str]) -> dict[str, float]:
    """`--discount ACTOR=D` texts as {actor: discount}.

    Raises:
        ValueError: not ACTOR=NUMBER, or the number is outside (0, 1].
    """
    found: dict[str, float] = {}
    for actor, value in pairs(texts, "--discount", "us=0.9").items():
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"--discount {actor}={value}: the discount must be a number") from None
        found[actor] = check_discount(actor, number)
    return found


def order_of(text: str) -> tuple[str, ...]:
    """`--order A,B,...` as a tuple of actor ids.

    Raises:
        ValueError: an empty name in the list.
    """
    names = tuple(name.strip() for name in text.split(","))
    if not all(names):
        raise ValueError(f"--order {text!r}: list actor ids separated by commas, e.g. us,russia")
    return names
