"""Formulas (rules, red lines, session requirements) to rows under an indicator binary.

Negations are pushed to the atoms first (negation normal form). A group's formula is then
compiled under ONE indicator column z: `z = 1` implies the formula holds. A conjunction
shares its parent's indicator; a disjunction gives each child its own indicator with
`sum(children) >= parent`; each atom is enforced under its indicator with the smallest
big-M that the column bounds allow (never an arbitrary constant). Where the indicator is
permanently 1 (`hard=True`: rules), atoms directly under it become plain rows.

One small function per atom kind, found through `ATOM_COMPILERS`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from zopa.expr.tree import And, Atom, BoolIs, ChoiceIn, Compare, Const, Formula, Not, Op, Or
from zopa.format.tolerances import STRICT_GAP
from zopa.model.ir import Origin, OriginKind
from zopa.model.variables import Layout, Sink

INF = math.inf

_NEGATED: Mapping[Op, Op] = {
    Op.LE: Op.GT,
    Op.LT: Op.GE,
    Op.GE: Op.LT,
    Op.GT: Op.LE,
    Op.EQ: Op.NE,
    Op.NE: Op.EQ,
}


def nnf(formula: Formula, options: Callable[[str], tuple[str, ...]]) -> Formula:
    """`formula` with negations pushed into the atoms, `!=` split into `<` or `>`, nested
    and/or flattened and constants folded. `options(issue)` lists a choice's options, for
    complementing `in` sets. The result has no `Not`, no NE, and no `Const` below the root."""
    return _simplify(_push(formula, False, options))


def _push(f: Formula, negate: bool, options: Callable[[str], tuple[str, ...]]) -> Formula:
    if isinstance(f, Not):
        return _push(f.arg, not negate, options)
    if isinstance(f, And | Or):
        args = tuple(_push(a, negate, options) for a in f.args)
        conj = isinstance(f, And) != negate
        return And(args) if conj else Or(args)
    if isinstance(f, Const):
        return Const(f.value != negate)
    if isinstance(f, BoolIs):
        return BoolIs(f.issue, f.value != negate, f.scope) if negate else f
    if isinstance(f, ChoiceIn):
        if not negate:
            return f
        kept = set(f.options)
        return ChoiceIn(f.issue, tuple(o for o in options(f.issue) if o not in kept), f.scope)
    if isinstance(f, Compare):
        op = _NEGATED[f.op] if negate else f.op
        if op is Op.NE:
            return Or((replace(f, op=Op.LT), replace(f, op=Op.GT)))
        return replace(f, op=op)
    raise TypeError(f"unknown formula node {f!r}")


def _simplify(f: Formula) -> Formula:
    if isinstance(f, And | Or):
        is_and = isinstance(f, And)
        flat: list[Formula] = []
        for arg in (_simplify(a) for a in f.args):
            if isinstance(arg, Const):
                if arg.value != is_and:  # False in an and, True in an or: decides it
                    return Const(not is_and)
                continue
            if isinstance(arg, And) == is_and and isinstance(arg, And | Or):
                flat.extend(arg.args)
            else:
                flat.append(arg)
        if not flat:
            return Const(is_and)
        if len(flat) == 1:
            return flat[0]
        return And(tuple(flat)) if is_and else Or(tuple(flat))
    if isinstance(f, Compare) and not f.expr.terms:
        return Const(_constant_holds(f.expr.constant, f.op, f.integral))
    return f


def _constant_holds(value: float, op: Op, integral: bool) -> bool:
    gap = 1.0 if integral else STRICT_GAP
    checks: Mapping[Op, bool] = {
        Op.LE: value <= 0,
        Op.LT: value <= -gap,
        Op.GE: value >= 0,
        Op.GT: value >= gap,
        Op.EQ: value == 0,
        Op.NE: value != 0,
    }
    return checks[op]


@dataclass(frozen=True, slots=True)
class Context:
    """What an atom compiler needs: where rows go, where issues live, whom they belong to."""

    sink: Sink
    layout: Layout
    origin: Origin


def _expr_range(ctx: Context, coefs: Mapping[int, float]) -> tuple[float, float]:
    lo = hi = 0.0
    for col, coef in coefs.items():
        col_lo, col_hi = ctx.sink.column_bounds(col)
        lo += coef * (col_lo if coef > 0 else col_hi)
        hi += coef * (col_hi if coef > 0 else col_lo)
    return lo, hi


def _never(ctx: Context, z: int) -> None:
    ctx.sink.add_row({z: 1.0}, -INF, 0.0, name="cannot hold", origin=ctx.origin)


def _at_most(ctx: Context, coefs: dict[int, float], rhs: float, z: int, hard: bool) -> None:
    """`coefs·x <= rhs` when z = 1: `coefs·x + M z <= rhs + M`, M = max(coefs·x) - rhs."""
    if not coefs:
        if not rhs >= 0.0:
            _never(ctx, z)
        return
    if hard:
        ctx.sink.add_row(coefs, -INF, rhs, name="", origin=ctx.origin)
        return
    big_m = _expr_range(ctx, coefs)[1] - rhs
    if big_m <= 0:
        return  # holds for every value the columns can take
    if not math.isfinite(big_m):
        raise ValueError(f"{ctx.origin.ref}: no finite big-M (a column is unbounded)")
    row = dict(coefs)
    row[z] = row.get(z, 0.0) + big_m
    ctx.sink.add_row(row, -INF, rhs + big_m, name="", origin=ctx.origin)


def _at_least(ctx: Context, coefs: dict[int, float], rhs: float, z: int, hard: bool) -> None:
    """`coefs·x >= rhs` when z = 1: `coefs·x + m z >= rhs + m`, m = min(coefs·x) - rhs."""
    if not coefs:
        if not rhs <= 0.0:
            _never(ctx, z)
        return
    if hard:
        ctx.sink.add_row(coefs, rhs, INF, name="", origin=ctx.origin)
        return
    small_m = _expr_range(ctx, coefs)[0] - rhs
    if small_m >= 0:
        return
    if not math.isfinite(small_m):
        raise ValueError(f"{ctx.origin.ref}: no finite big-M (a column is unbounded)")
    row = dict(coefs)
    row[z] = row.get(z, 0.0) + small_m
    ctx.sink.add_row(row, rhs + small_m, INF, name="", origin=ctx.origin)


def compile_compare(atom: Atom, z: int, hard: bool, ctx: Context) -> None:
    """`expr OP 0`; strict comparisons step by 1 when integral, else by STRICT_GAP."""
    if not isinstance(atom, Compare):
        raise TypeError(atom)
    coefs, constant = ctx.layout.linear_terms(atom.expr)
    gap = 1.0 if atom.integral else STRICT_GAP
    rhs = -constant
    largest = max((abs(c) for c in coefs.values()), default=1.0)
    if largest < 1.0:
        # Scaled up so no coefficient falls under HiGHS's smallest matrix value (1e-9) and
        # is dropped (`price / 1e10 <= 0.05`); scaling up only tightens the tolerance.
        coefs = {col: c / largest for col, c in coefs.items()}
        rhs, gap = rhs / largest, gap / largest
    if atom.op in (Op.LE, Op.EQ):
        _at_most(ctx, coefs, rhs, z, hard)
    if atom.op in (Op.GE, Op.EQ):
        _at_least(ctx, coefs, rhs, z, hard)
    if atom.op is Op.LT:
        _at_most(ctx, coefs, rhs - gap, z, hard)
    if atom.op is Op.GT:
        _at_least(ctx, coefs, rhs + gap, z, hard)
    if atom.op is Op.NE:
        raise ValueError("`!=` must be split by nnf() before compiling")


def compile_choice_in(atom: Atom, z: int, hard: bool, ctx: Context) -> None:
    """One of the allowed options is chosen: `sum(y[allowed]) >= z`."""
    if not isinstance(atom, ChoiceIn):
        raise TypeError(atom)
    if atom.scope is not None:
        raise ValueError("scoped choice conditions cannot be compiled into a model")
    cols = ctx.layout.option_cols(atom.issue, atom.options)
    if len(cols) == len(ctx.layout.options(atom.issue)):
        return
    if not cols:
        _never(ctx, z)
        return
    row = dict.fromkeys(cols, 1.0)
    if hard:
        ctx.sink.add_row(row, 1.0, INF, name="", origin=ctx.origin)
    else:
        row[z] = -1.0
        ctx.sink.add_row(row, 0.0, INF, name="", origin=ctx.origin)


def compile_bool_is(atom: Atom, z: int, hard: bool, ctx: Context) -> None:
    """`b >= z` for true, `b <= 1 - z` for false."""
    if not isinstance(atom, BoolIs):
        raise TypeError(atom)
    if atom.scope is not None:
        raise ValueError("scoped boolean conditions cannot be compiled into a model")
    b = ctx.layout.bool_col(atom.issue)
    if hard:
        lo, hi = (1.0, INF) if atom.value else (-INF, 0.0)
        ctx.sink.add_row({b: 1.0}, lo, hi, name="", origin=ctx.origin)
    elif atom.value:
        ctx.sink.add_row({b: 1.0, z: -1.0}, 0.0, INF, name="", origin=ctx.origin)
    else:
        ctx.sink.add_row({b: 1.0, z: 1.0}, -INF, 1.0, name="", origin=ctx.origin)


def compile_const(atom: Atom, z: int, hard: bool, ctx: Context) -> None:
    """True needs nothing; false means the indicator cannot be 1."""
    if not isinstance(atom, Const):
        raise TypeError(atom)
    if not atom.value:
        _never(ctx, z)


ATOM_COMPILERS: Mapping[type, Callable[[Atom, int, bool, Context], None]] = {
    Compare: compile_compare,
    ChoiceIn: compile_choice_in,
    BoolIs: compile_bool_is,
    Const: compile_const,
}
"""One function per atom kind of `zopa.expr.tree.Atom` (a test keeps it whole)."""


def compile_under(formula: Formula, z: int, *, hard: bool, ctx: Context) -> None:
    """Rows that make `formula` (already in NNF) hold whenever column `z` is 1.

    `hard` says z is permanently 1 (its atoms may be plain rows); a disjunction's children
    always get their own indicators, which are never hard.
    """
    if isinstance(formula, And):
        for arg in formula.args:
            compile_under(arg, z, hard=hard, ctx=ctx)
        return
    if isinstance(formula, Or):
        child_origin = Origin(
            OriginKind.INDICATOR, ctx.origin.ref, ctx.origin.actor, ctx.origin.path
        )
        children = [
            ctx.sink.add_column(
                0.0, 1.0, integer=True, name=f"{ctx.origin.ref}|or{i}", origin=child_origin
            )
            for i in range(len(formula.args))
        ]
        row = dict.fromkeys(children, 1.0)
        row[z] = row.get(z, 0.0) - 1.0
        ctx.sink.add_row(row, 0.0, INF, name="", origin=ctx.origin)
        child_ctx = replace(ctx, origin=child_origin)
        for child, arg in zip(children, formula.args, strict=True):
            compile_under(arg, child, hard=False, ctx=child_ctx)
        return
    if isinstance(formula, Not):
        raise ValueError("formula must be in negation normal form")
    compiler = ATOM_COMPILERS.get(type(formula))
    if compiler is None:
        raise TypeError(f"no compiler for atom {type(formula).__name__}")
    compiler(formula, z, hard, ctx)


def compile_formula(formula: Formula, z: int, *, hard: bool, ctx: Context) -> None:
    """`formula` (any shape) in NNF, compiled under indicator column `z`."""
    compile_under(nnf(formula, ctx.layout.options), z, hard=hard, ctx=ctx)
