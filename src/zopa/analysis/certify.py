"""Re-check a deal against the scenario itself, by plain evaluation and independently of the
solver: domains, rules, red lines, reservations. A deal that fails is a bug report
(`SolverError`), never an answer.

Comparisons get the benefit of the tolerance in the direction the formula needs: negations
are pushed down to the comparisons first (`not (x < a)` is checked as `x >= a - tol`, not as
`not (x < a + tol)`), because the solver enforces the negation-normal form with that same
slack. Evaluating `not` on a tolerant answer would reject the solver's exact boundary points
(`not (0.5 * p < 0.5)` at `p = 1`).

Also `certified_solution`: solver values to a certified `Solution` (decode, then certify),
the one way analyses turn solver output into something they may report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from zopa.analysis.result import Deal, Solution, Value
from zopa.errors import SolverError
from zopa.expr.evaluate import compare_holds, linear_value
from zopa.expr.tree import And, BoolIs, ChoiceIn, Compare, Const, Formula, Not, Op, Or
from zopa.scenario.evaluate import in_domain, reservation_holds, utility
from zopa.scenario.scenario import CheckedConstraint, Scenario

if TYPE_CHECKING:
    from zopa.model.compile import CompiledModel

CERTIFY_TOL = 1e-6
"""Feasibility tolerance of certification: ten times HiGHS's own (1e-7), and the default of
plain evaluation (`zopa.expr.evaluate.DEFAULT_TOL`)."""

_NEGATED = {Op.LE: Op.GT, Op.LT: Op.GE, Op.GE: Op.LT, Op.GT: Op.LE, Op.EQ: Op.NE, Op.NE: Op.EQ}


def holds(formula: Formula, deal: Mapping[str, Value], *, tol: float, negate: bool = False) -> bool:
    """Whether `formula` (or its negation, with `negate`) holds on `deal`, each comparison
    allowed `tol` of slack after negations are pushed down to it."""
    if isinstance(formula, Not):
        return holds(formula.arg, deal, tol=tol, negate=not negate)
    if isinstance(formula, And | Or):
        results = (holds(a, deal, tol=tol, negate=negate) for a in formula.args)
        return all(results) if isinstance(formula, And) != negate else any(results)
    if isinstance(formula, Const):
        return formula.value != negate
    if isinstance(formula, BoolIs):
        return (deal[formula.issue] is formula.value) != negate
    if isinstance(formula, ChoiceIn):
        return (deal[formula.issue] in formula.options) != negate
    if isinstance(formula, Compare):
        op = _NEGATED[formula.op] if negate else formula.op
        value = linear_value(formula.expr, deal)
        if op is Op.NE:  # as the model has it: `<` or `>`
            return any(
                compare_holds(replace(formula, op=side), value, tol=tol) for side in (Op.LT, Op.GT)
            )
        return compare_holds(replace(formula, op=op), value, tol=tol)
    raise TypeError(f"not a formula: {formula!r}")


def constraint_holds(constraint: CheckedConstraint, deal: Deal, *, tol: float) -> bool:
    """`when -> require` on `deal` (see `holds`)."""
    if constraint.when is not None and holds(constraint.when, deal, tol=tol, negate=True):
        return True
    return holds(constraint.require, deal, tol=tol)


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
            f"{name}/reservation"
            for name, actor in scenario.actors.items()
            if not reservation_holds(actor, issues, deal, tol=tol)
        )
    if problems:
        raise SolverError(
            "internal error: the solver returned a deal outside the ZOPA "
            f"(violates {', '.join(problems)}): {_show(deal)}"
        )
    return {name: float(utility(actor, issues, deal)) for name, actor in scenario.actors.items()}


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
