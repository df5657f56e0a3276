"""Decide a checked `Formula` on one concrete deal, in plain Python (no solver, no numpy).

Used by `certify` (every deal zopa reports is re-checked here) and by the brute-force oracle.

A deal maps each issue id to its value: a number for `number`/`integer` issues, an option
string for a `choice`, a `bool` for a `boolean`, and for a `sequence` the tuple of its steps in
order (a step's position is its index + 1).

Comparisons `expr OP 0` are decided with tolerance `tol`, the same way the compiled model
enforces them:

    LE  expr <= tol                  GE  expr >= -tol
    EQ  |expr| <= tol                NE  LT or GT
    LT  expr <= -gap + tol           GT  expr >= gap - tol

where `gap` is 1 for an integral comparison (`Compare.integral`) and `tree.STRICT_GAP`
otherwise: `a < b` on reals means `a <= b - STRICT_GAP` (see `zopa.expr.check`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from zopa.expr.tree import (
    And,
    BoolIs,
    ChoiceIn,
    Compare,
    Const,
    Formula,
    Linear,
    Not,
    Op,
    Or,
    Ref,
    StepRef,
)
from zopa.format.tolerances import DEFAULT_TOL, STRICT_GAP
from zopa.format.values import Value


def _deal_for(
    scope: str | None,
    deal: Mapping[str, Value],
    scope_deals: Mapping[str, Mapping[str, Value]] | None,
) -> Mapping[str, Value]:
    if scope is None:
        return deal
    if scope_deals is None or scope not in scope_deals:
        raise KeyError(f"no deal given for solution {scope!r}")
    return scope_deals[scope]


def _issue_value(
    issue: str,
    scope: str | None,
    deal: Mapping[str, Value],
    scope_deals: Mapping[str, Mapping[str, Value]] | None,
) -> Value:
    source = _deal_for(scope, deal, scope_deals)
    if issue not in source:
        where = "the deal" if scope is None else f"the {scope} deal"
        raise KeyError(f"issue {issue!r} has no value in {where}")
    return source[issue]


def ref_value(
    ref: Ref,
    deal: Mapping[str, Value],
    *,
    scope_deals: Mapping[str, Mapping[str, Value]] | None = None,
) -> float:
    """The number `ref` stands for in `deal`: an issue's value or a step's 1-based position.

    Raises:
        KeyError: the issue (or the scope's deal) is missing.
        ValueError: the value is not a number, or the step is not in the sequence.
    """
    value = _issue_value(ref.issue, ref.scope, deal, scope_deals)
    if isinstance(ref, StepRef):
        if not isinstance(value, tuple | list) or ref.step not in value:
            raise ValueError(f"sequence {ref.issue!r} has no step {ref.step!r} in {value!r}")
        return float(list(value).index(ref.step) + 1)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"issue {ref.issue!r} is not a number in the deal: {value!r}")
    return float(value)


def linear_value(
    linear: Linear,
    deal: Mapping[str, Value],
    *,
    scope_deals: Mapping[str, Mapping[str, Value]] | None = None,
) -> float:
    """`sum(coef * ref) + constant` on `deal`."""
    total = linear.constant
    for ref, coef in linear.terms:
        total += coef * ref_value(ref, deal, scope_deals=scope_deals)
    return total


def compare_holds(compare: Compare, value: float, *, tol: float = DEFAULT_TOL) -> bool:
    """Whether `value OP 0` holds for `compare.op`, with tolerance `tol` (module docstring)."""
    gap = 1.0 if compare.integral else STRICT_GAP
    op = compare.op
    if op is Op.LE:
        return value <= tol
    if op is Op.GE:
        return value >= -tol
    if op is Op.EQ:
        return abs(value) <= tol
    if op is Op.NE:  # as the model has it: `<` or `>`
        return value <= -gap + tol or value >= gap - tol
    if op is Op.LT:
        return value <= -gap + tol
    return value >= gap - tol


def evaluate(
    formula: Formula,
    deal: Mapping[str, Value],
    *,
    tol: float = DEFAULT_TOL,
    scope_deals: Mapping[str, Mapping[str, Value]] | None = None,
    negate: bool = False,
) -> bool:
    """Whether `formula` (or, with `negate`, its negation) holds on `deal`.

    Negations are pushed down to the comparisons before the tolerance applies, as the
    compiled model has them: `not (x < a)` is decided as `x >= a` with `tol` of slack, not
    as the negation of a tolerant `x < a` — which would reject the solver's exact boundary
    points (`not (0.5 * p < 0.5)` at `p = 1`).

    Args:
        formula: a checked formula (`zopa.expr.check.check_expression`).
        deal: issue id → value (module docstring).
        tol: feasibility tolerance for comparisons of numbers.
        scope_deals: for formulas of `expect:` blocks, solution name → its deal.
        negate: decide the formula's negation instead.

    Raises:
        KeyError: an issue the formula uses has no value (or a scope has no deal).
        ValueError: a value has the wrong kind for its use.
    """
    if isinstance(formula, Not):
        return evaluate(formula.arg, deal, tol=tol, scope_deals=scope_deals, negate=not negate)
    if isinstance(formula, And | Or):
        results = (
            evaluate(a, deal, tol=tol, scope_deals=scope_deals, negate=negate) for a in formula.args
        )
        return all(results) if isinstance(formula, And) != negate else any(results)
    if isinstance(formula, Compare):
        value = linear_value(formula.expr, deal, scope_deals=scope_deals)
        op = _NEGATED[formula.op] if negate else formula.op
        return compare_holds(replace(formula, op=op), value, tol=tol)
    return _atom_holds(formula, deal, scope_deals) != negate


_NEGATED = {Op.LE: Op.GT, Op.LT: Op.GE, Op.GE: Op.LT, Op.GT: Op.LE, Op.EQ: Op.NE, Op.NE: Op.EQ}


def _atom_holds(
    formula: Formula,
    deal: Mapping[str, Value],
    scope_deals: Mapping[str, Mapping[str, Value]] | None,
) -> bool:
    if isinstance(formula, ChoiceIn):
        return _issue_value(formula.issue, formula.scope, deal, scope_deals) in formula.options
    if isinstance(formula, BoolIs):
        flag = _issue_value(formula.issue, formula.scope, deal, scope_deals)
        if not isinstance(flag, bool):
            raise ValueError(f"issue {formula.issue!r} is not a boolean in the deal: {flag!r}")
        return flag is formula.value
    if isinstance(formula, Const):
        return formula.value
    raise TypeError(f"not a formula: {formula!r}")
