"""One proposer's offer in one round, as lexicographic solves on a persistent session of the
compiled model (`zopa.analysis.tiebreak.Stages`): the objectives, then the canonical deal,
then the real numbers settled; the deal is decoded and re-read by plain evaluation.

`Offers` serves both games: the equilibrium (maximise the proposer's utility subject to
responders' demands, then the others' sum) and the tactics (maximise the lowest responder
utility subject to the proposer's aspiration, then their sum).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from zopa.analysis.tiebreak import Stages
from zopa.errors import SolverError
from zopa.format.tolerances import OPTIMUM_TOL
from zopa.format.values import Deal
from zopa.model.compile import CompiledModel
from zopa.model.session import Outcome, Session

Rows = Callable[[Stages], None]
"""Adds a game's rows (demands, aspiration) to the stages; called again in phase two."""


def _fix(stages: Stages, objective: Mapping[int, float], outcome: Outcome, tol: float) -> None:
    best = float(outcome.objective or 0.0)
    stages.add_row(objective, best - tol * max(1.0, abs(best)), math.inf)


class Offers:
    """Offers on one session of `compiled`; `session` may be reconfigured between offers
    (groups enforced or dropped) by the caller."""

    def __init__(self, compiled: CompiledModel) -> None:
        self.compiled = compiled
        self.session: Session = compiled.session()

    def col(self, actor: str) -> int:
        return self.compiled.utility_col[actor]

    def sum_of(self, actors: Sequence[str]) -> dict[int, float]:
        return {self.col(a): 1.0 for a in actors}

    def best(
        self, rows: Rows, objectives: Sequence[Mapping[int, float]], *, what: str
    ) -> Deal | None:
        """The deal maximising `objectives` lexicographically under `rows` (and whatever the
        session enforces), canonical among ties; None when no deal meets the rows.

        Raises:
            SolverError: the solver failed.
        """
        stages = Stages(self.session, self.compiled, what=what)
        try:
            rows(stages)
            first = stages.optimize(objectives[0], maximize=True)
            if first is None:
                return None
            _fix(stages, objectives[0], first, OPTIMUM_TOL)
            for objective in objectives[1:]:
                stages.optimize_and_fix(objective, maximize=True)
            stages.canonical()

            def criteria(again: Stages, tol: float) -> Outcome | None:
                rows(again)
                outcome: Outcome | None = None
                for objective in objectives:
                    outcome = again.optimize_and_fix(objective, maximize=True, tol=tol)
                return outcome

            outcome = self.session.polish(stages.settle(criteria))
        finally:
            stages.release()
        if outcome.values is None:
            raise SolverError(f"{what}: the solver returned no values")
        return self.compiled.decode(outcome.values)
