"""Re-check a deal against the scenario itself, by plain evaluation and independently of the
solver: domains, rules, red lines, reservations. A deal that fails is a bug report
(`SolverError`), never an answer.

Comparisons get the benefit of the tolerance in the direction the formula needs
(`zopa.expr.evaluate.evaluate` pushes negations down to them first), because the solver
enforces the negation-normal form with that same slack.

Also `certified_solution`: solver values to a certified `Solution` (decode, then certify),
the one way analyses turn solver output into something they may report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from zopa.analysis.result import Solution
from zopa.errors import SolverError
from zopa.format.refs import reservation_text
from zopa.format.tolerances import CERTIFY_TOL
from zopa.format.values import Deal, Value
from zopa.scenario.evaluate import actor_utility, constraint_holds, in_domain, reservation_holds
from zopa.scenario.scenario import Scenario

if TYPE_CHECKING:
    from zopa.model.compile import CompiledModel


def _show(deal: Mapping[str, Value]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in deal.items())


def certify(scenario: Scenario, deal: Deal, *, tol: float = CERTIFY_TOL) -> dict[str, float]:
    """Every actor's utility of `deal` (actor order), after checking that the deal is in the
    ZOPA: every issue has a value of its domain, every rule and red line holds, every actor
    gets at least its reservation (all within `tol`).

    Raises:
        SolverError: naming each violated domain, rule, red line or reservation.
    """
    issues = scenario.model.issues
    problems = in_domain(issues, deal, tol=tol)
    if not problems:
        problems = [c.ref for c in scenario.constraints if not constraint_holds(c, deal, tol=tol)]
        problems.extend(
            reservation_text(name)
            for name, actor in scenario.actors.items()
            if not reservation_holds(actor, issues, deal, tol=tol, terms=scenario.terms_of(name))
        )
    if problems:
        raise SolverError(
            "internal error: the solver returned a deal outside the ZOPA "
            f"(violates {', '.join(problems)}): {_show(deal)}"
        )
    return {name: actor_utility(scenario, name, deal) for name in scenario.actors}


def certified_solution(
    compiled: CompiledModel, values: tuple[float, ...] | list[float]
) -> Solution:
    """Solver `values` decoded (integers and binaries rounded, numbers clamped into their
    bounds) and certified; the utilities are the plain-evaluation ones.

    Raises:
        SolverError: the decoded deal is not in the ZOPA.
    """
    deal = compiled.decode(values)
    return Solution(deal, certify(compiled.scenario, deal))
