"""Concession tactics (Faratin, Sierra & Jennings 1998, polynomial family, kappa = 0).

Actor a's aspiration in round t of T is `u_max - alpha(t) (u_max - r)` with
`alpha(t) = ((t - 1) / (T - 1)) ** (1 / beta)` (alpha = 1 when T = 1: a one-round game is
its own deadline), `u_max` its best utility over deals meeting the rules and its red lines,
`r` its reservation. In round t the proposer offers, among deals meeting the rules, its red
lines, its reservation and its aspiration, the deal with the highest lowest responder
utility, then the highest sum of the responders' utilities, then the canonical deal. A
responder accepts when the offer meets its red lines and gives it at least its reservation
and its own aspiration of that round (all by plain evaluation).
"""

from __future__ import annotations

from zopa.analysis.tiebreak import Stages
from zopa.dynamics.equilibrium import agreement_of
from zopa.dynamics.offers import Offers, Rows
from zopa.dynamics.result import Agreement, Play, Round
from zopa.dynamics.settings import NegotiationSettings
from zopa.errors import Problem, ScenarioError
from zopa.format.tolerances import ACCEPT_TOL, OPTIMUM_TOL
from zopa.format.values import Deal
from zopa.model.compile import CompiledModel, GroupKind
from zopa.scenario.evaluate import constraint_holds, utility


def alpha(t: int, horizon: int, beta: float) -> float:
    """How far (0 to 1) an actor with `beta` has conceded towards its reservation in round
    `t` of `horizon`."""
    if horizon == 1:
        return 1.0
    return float(((t - 1) / (horizon - 1)) ** (1.0 / beta))


def aspiration(u_max: float, reservation: float, t: int, horizon: int, beta: float) -> float:
    return u_max - alpha(t, horizon, beta) * (u_max - reservation)


class _Table:
    """The offers of one tactics game on one session."""

    def __init__(self, compiled: CompiledModel) -> None:
        self.compiled = compiled
        self.offers = Offers(compiled)
        self.session = self.offers.session
        self.floor = self.session.add_column(-float("inf"), float("inf"), name="lowest")

    def allow(self, actor: str, *, reservation: bool) -> None:
        """Enforce only `actor`'s red lines (and its reservation when asked)."""
        for group in self.compiled.groups:
            own = group.actor == actor
            if group.kind is GroupKind.RESERVATION:
                own = own and reservation
            self.session.enforce(group.ref, own)

    def best_for(self, actor: str) -> float | None:
        """u_max: `actor`'s best utility over the rules and its red lines (None: no deal)."""
        self.allow(actor, reservation=False)
        deal = self.offers.best(
            lambda stages: None, [self.offers.sum_of([actor])], what=f"the best of {actor}"
        )
        if deal is None:
            return None
        scenario = self.compiled.scenario
        return float(utility(scenario.actors[actor], scenario.model.issues, deal))

    def offer(self, proposer: str, level: float) -> Deal | None:
        responders = [a for a in self.compiled.actors if a != proposer]
        self.allow(proposer, reservation=True)

        def rows_with(slack: float) -> Rows:
            def rows(stages: Stages) -> None:
                col = self.offers.col(proposer)
                stages.add_row({col: 1.0}, level - slack, float("inf"))
                for actor in responders:
                    coefs = {self.floor: 1.0, self.offers.col(actor): -1.0}
                    stages.add_row(coefs, -float("inf"), 0.0)

            return rows

        objectives = [{self.floor: 1.0}, self.offers.sum_of(responders)]
        if not responders:
            objectives = [self.offers.sum_of([proposer])]
        what = f"the offer of {proposer}"
        deal = self.offers.best(rows_with(0.0), objectives, what=what)
        if deal is None:
            # The aspiration may sit at u_max itself, which the solver reads within 1e-7.
            slack = OPTIMUM_TOL * max(1.0, abs(level))
            deal = self.offers.best(rows_with(slack), objectives, what=what)
        return deal


def _accepts(compiled: CompiledModel, actor: str, deal: Deal, u: float, level: float) -> bool:
    scenario = compiled.scenario
    for line in scenario.red_lines:
        if line.actor == actor and not constraint_holds(line, deal, tol=ACCEPT_TOL):
            return False
    return u >= max(level, compiled.reservation(actor)) - ACCEPT_TOL


def play_tactics(compiled: CompiledModel, game: NegotiationSettings) -> Play:
    """`game` played with every actor's tactic, round by round, to the first agreement
    (certified by plain evaluation) or the last round.

    Raises:
        ScenarioError: an actor has no deal meeting the rules and its red lines.
        SolverError: the solver failed, or an agreed deal does not certify.
    """
    if game.tactics is None or game.rounds is None:
        raise ValueError("a tactics game needs every actor's tactic and a horizon")
    horizon, betas = game.rounds, game.tactics
    table = _Table(compiled)
    scenario = compiled.scenario
    found = {a: table.best_for(a) for a in compiled.actors}
    best: dict[str, float] = {}
    for actor, top in found.items():
        if top is None:
            message = (
                f"{actor} has no deal meeting the rules and its own red lines: it has "
                "nothing to aim for, so it cannot play a tactic; play the equilibrium instead"
            )
            problem = Problem(scenario.name, "negotiation.tactics", None, None, message)
            raise ScenarioError([problem])
        best[actor] = top
    rounds: list[Round] = []
    agreement: Agreement | None = None
    for t in range(1, horizon + 1):
        proposer = game.proposer(t)
        levels = {
            a: aspiration(best[a], compiled.reservation(a), t, horizon, betas[a])
            for a in compiled.actors
        }
        deal = table.offer(proposer, levels[proposer])
        responders = [a for a in compiled.actors if a != proposer]
        if deal is None:
            rounds.append(Round(t, proposer, None, None, dict.fromkeys(responders, False), levels))
            continue
        u = {a: float(utility(scenario.actors[a], scenario.model.issues, deal)) for a in levels}
        answers = {a: _accepts(compiled, a, deal, u[a], levels[a]) for a in responders}
        rounds.append(Round(t, proposer, deal, u, answers, levels))
        if all(answers.values()):
            agreement = agreement_of(compiled, game, t, proposer, deal)
            break
    return Play("tactics", horizon, False, game.order, agreement, tuple(rounds))
