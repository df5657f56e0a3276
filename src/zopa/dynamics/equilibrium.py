"""Subgame-perfect alternating offers by backward induction (issue 14).

Gains are utilities over reservations. Let V_a(t) be actor a's gain from the game that
starts in round t, counted in round-t terms (V(T + 1) = 0: no agreement). In round t the
proposer p offers the deal that maximises its own utility among deals of the ZOPA that give
every responder j a gain of at least d_j V_j(t + 1) (responders accept when indifferent);
ties go to the highest sum of the others' utilities, then to the canonical deal. If that
deal gives p at least d_p V_p(t + 1) it is agreed and V(t) is its gains; otherwise (or when
no deal meets the demands) p makes no acceptable offer and V(t) = d V(t + 1).

With no horizon given, the game is solved backwards from a last round whose proposer is
the last of the order, so that every multiple of the order's length is a horizon whose
round 1 belongs to the first proposer: the horizon grows a cycle at a time until round 1's
gains change so little that, extrapolating the geometric shrinking of the changes, they
are within `HORIZON_TOL` of the infinite-horizon limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from zopa.analysis.certify import certify
from zopa.analysis.tiebreak import Stages
from zopa.dynamics.offers import Offers
from zopa.dynamics.result import Agreement, Play, Round
from zopa.dynamics.settings import NegotiationSettings
from zopa.errors import SolverError
from zopa.format.tolerances import ACCEPT_TOL, HORIZON_TOL
from zopa.format.values import Deal
from zopa.model.compile import CompiledModel
from zopa.scenario.evaluate import utility

MAX_AUTO_HORIZON = 5000
"""The longest horizon tried when none is given; past it `SolverError` asks for one."""


@dataclass(frozen=True, slots=True)
class Step:
    """The plan of one round: its proposer, the acceptable offer it makes (None: none),
    every actor's utility of it, and the gains V of the game from this round on."""

    proposer: str
    offer: Deal | None
    utilities: Mapping[str, float] | None
    gains: Mapping[str, float]


class _Planner:
    """Plans rounds backwards on one session; equal questions are answered once."""

    def __init__(self, compiled: CompiledModel, discount: Mapping[str, float]) -> None:
        self.offers = Offers(compiled)
        self.compiled = compiled
        self.discount = discount
        self.reservation = {a: compiled.reservation(a) for a in compiled.actors}
        self._cache: dict[tuple[str, tuple[float, ...]], Deal | None] = {}

    def _offer(self, proposer: str, demands: Mapping[str, float]) -> Deal | None:
        key = (proposer, tuple(round(demands[a], 12) for a in demands))
        if key in self._cache:
            return self._cache[key]
        others = [a for a in self.compiled.actors if a != proposer]

        def rows(stages: Stages) -> None:
            for actor, gain in demands.items():
                lo = self.reservation[actor] + gain
                stages.add_row({self.offers.col(actor): 1.0}, lo, float("inf"))

        objectives = [self.offers.sum_of([proposer])]
        if others:
            objectives.append(self.offers.sum_of(others))
        deal = self.offers.best(rows, objectives, what=f"the offer of {proposer}")
        self._cache[key] = deal
        return deal

    def step(self, proposer: str, later: Mapping[str, float]) -> Step:
        """The plan of a round proposed by `proposer` when the game after it gives `later`."""
        delayed = {a: self.discount[a] * later[a] for a in self.compiled.actors}
        demands = {a: g for a, g in delayed.items() if a != proposer}
        deal = self._offer(proposer, demands)
        if deal is None:
            return Step(proposer, None, None, delayed)
        issues = self.compiled.scenario.model.issues
        actors = self.compiled.scenario.actors
        utilities = {a: float(utility(actors[a], issues, deal)) for a in actors}
        gains = {a: utilities[a] - self.reservation[a] for a in actors}
        if any(gains[a] < demands[a] - ACCEPT_TOL for a in demands):
            raise SolverError(f"internal error: the offer of {proposer} misses a demand")
        if gains[proposer] < delayed[proposer] - ACCEPT_TOL:
            return Step(proposer, None, None, delayed)
        return Step(proposer, deal, utilities, gains)


def _changes(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    return max(abs(a[k] - b[k]) for k in a)


def _settled(changes: list[float]) -> bool:
    """Whether the last change of round 1's gains (one cycle apart) shows convergence."""
    last = changes[-1]
    if last <= 1e-12:
        return True
    if len(changes) < 2 or changes[-2] <= 0.0 or last > HORIZON_TOL:
        return False
    ratio = last / changes[-2]
    # Half the tolerance: the rest is left for the solver's own error.
    return ratio < 1.0 and last * ratio / (1.0 - ratio) <= HORIZON_TOL / 2


def plan(compiled: CompiledModel, game: NegotiationSettings) -> tuple[list[Step], bool]:
    """Every round's plan, last round first (`steps[k - 1]`: k rounds from the end), and
    whether the horizon was chosen automatically (then it is `len(steps)`).

    Raises:
        SolverError: the solver failed, or no horizon up to `MAX_AUTO_HORIZON` settled.
    """
    planner = _Planner(compiled, game.discount)
    cycle = len(game.order)
    offset = game.rounds if game.rounds is not None else 0
    later = dict.fromkeys(compiled.actors, 0.0)
    steps: list[Step] = []
    changes: list[float] = []
    limit = game.rounds if game.rounds is not None else MAX_AUTO_HORIZON
    for k in range(1, limit + 1):
        step = planner.step(game.order[(offset - k) % cycle], later)
        steps.append(step)
        later = dict(step.gains)
        if game.rounds is None and k % cycle == 0 and k >= 2 * cycle:
            changes.append(_changes(step.gains, steps[k - cycle - 1].gains))
            if _settled(changes):
                return steps, True
    if game.rounds is None:
        raise SolverError(
            f"the equilibrium did not settle within {MAX_AUTO_HORIZON} rounds: "
            "give a horizon (--rounds)"
        )
    return steps, False


def play_equilibrium(compiled: CompiledModel, game: NegotiationSettings) -> Play:
    """The equilibrium path of `game`: the rounds played until the agreement (certified by
    plain evaluation) or the end.

    Raises:
        SolverError: as `plan`, or an agreed deal does not certify.
    """
    steps, auto = plan(compiled, game)
    horizon = len(steps)
    rounds: list[Round] = []
    agreement: Agreement | None = None
    for t in range(1, horizon + 1):
        step = steps[horizon - t]
        responders = [a for a in compiled.actors if a != step.proposer]
        agreed = step.offer is not None
        rounds.append(
            Round(t, step.proposer, step.offer, step.utilities, dict.fromkeys(responders, agreed))
        )
        if step.offer is not None:
            agreement = agreement_of(compiled, game, t, step.proposer, step.offer)
            break
    return Play("equilibrium", horizon, auto, game.order, agreement, tuple(rounds))


def agreement_of(
    compiled: CompiledModel, game: NegotiationSettings, t: int, proposer: str, deal: Deal
) -> Agreement:
    """The agreement on `deal` in round `t`, certified, with its discounted worth."""
    utilities = certify(compiled.scenario, deal)
    worth = {}
    for actor, u in utilities.items():
        r = compiled.reservation(actor)
        worth[actor] = r + game.discount[actor] ** (t - 1) * (u - r)
    return Agreement(t, proposer, deal, utilities, worth)
