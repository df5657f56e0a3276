"""Numeric moves: the smallest change of one number that opens a ZOPA instead of dropping a
group (DESIGN "Conflicts and relaxations").

A group is *movable* when it has exactly one number to move:
- a red line whose `require` is a single inequality of numbers (`territory >= 0.2`,
  `2 * x + y < 3`, `moves.ceasefire <= 2`), with or without a `when`; the number is the
  inequality's constant, written on the right. `==` and `!=` are not moved: a new number
  there replaces the demand instead of weakening it (`roof_rack == 1 -> roof_rack == 0`);
- an actor's reservation above 0.

A move only ever weakens its group (a lower floor, a higher cap, a lower reservation), so
every deal the group allowed stays allowed.

For a relaxation D and a movable member g, the move is measured with the other members of
D dropped and every other group enforced: an elastic program adds one slack column `t >= 0`
to g's row, on the side that weakens it, and minimises it. Because D is a minimal correction
set, no deal satisfies all groups but D \\ {g}; every deal of the elastic program therefore
satisfies g's `when`, which is required outright in place of the implication. For a relaxation
of one group this is the plain question "how far must this number move for a ZOPA to
exist?"; for larger ones it reads "drop the others, and move this one instead of dropping it".
A move to the value found opens a ZOPA: the optimal deal is the witness.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from zopa.analysis.result import NumericMove
from zopa.errors import SolverError
from zopa.expr.tree import Compare, IssueRef, Op, StepRef
from zopa.format.numbers import number_text, round_float
from zopa.format.tolerances import NEGLIGIBLE_MOVE, STRICT_GAP
from zopa.model.compile import CompiledModel, Group, GroupKind
from zopa.model.session import Session, SolveStatus

INF = math.inf

_FLIPPED = {Op.LE: Op.GE, Op.LT: Op.GT, Op.GE: Op.LE, Op.GT: Op.LT}
"""The inequalities (the movable comparisons), each to its mirror image."""


def movable_compare(compiled: CompiledModel, group: Group) -> Compare | None:
    """The single comparison of a red line whose threshold can move, else None."""
    if group.kind is not GroupKind.RED_LINE:
        return None
    require = compiled.scenario.constraint(group.ref).require
    if isinstance(require, Compare) and require.op in _FLIPPED and require.expr.terms:
        return require
    return None


def is_movable(compiled: CompiledModel, group: Group) -> bool:
    """Whether `group` has one number that a move could change."""
    if group.kind is GroupKind.RESERVATION:
        return compiled.reservation(group.actor) > 0
    return movable_compare(compiled, group) is not None


@dataclass(frozen=True, slots=True)
class _Threshold:
    """A comparison written as `lhs OP value` with the constant on the right and the first
    coefficient made positive, so `0.2 <= territory` reads `territory >= 0.2`."""

    lhs: str
    op: Op
    sign: float
    """+1 or -1: `value = -constant * sign` for any constant the comparison is moved to."""

    def value(self, constant: float) -> float:
        return -constant * self.sign

    def text(self, constant: float) -> str:
        return self.text_at(self.value(constant))

    def text_at(self, value: float) -> str:
        return f"{self.lhs} {self.op.value} {number_text(value)}"

    @property
    def is_floor(self) -> bool:
        return self.op in (Op.GE, Op.GT)


def round_outward(x: float, *, down: bool) -> float:
    """`x` to 9 significant digits, rounded in the direction that still opens the ZOPA:
    a printed `price < 18830` must not fall short of the exact `18830.00001`."""
    r = round_float(x)
    if (down and r > x) or (not down and r < x):
        exponent = math.floor(math.log10(abs(r))) if r != 0 else math.floor(math.log10(abs(x)))
        unit = 10.0 ** (exponent - 8)
        r = round_float(r - unit if down else r + unit)
    return r


def _ref_name(ref: IssueRef | StepRef) -> str:
    return ref.issue if isinstance(ref, IssueRef) else f"{ref.issue}.{ref.step}"


def _threshold(compare: Compare) -> _Threshold:
    terms = compare.expr.terms
    sign = 1.0 if terms[0][1] > 0 else -1.0
    parts: list[str] = []
    for i, (ref, coef) in enumerate(terms):
        c = coef * sign
        factor = "" if abs(c) == 1 else f"{number_text(abs(c))} * "
        if i == 0:
            parts.append(f"{factor}{_ref_name(ref)}")
        else:
            parts.append(f"{'-' if c < 0 else '+'} {factor}{_ref_name(ref)}")
    return _Threshold(" ".join(parts), compare.op if sign > 0 else _FLIPPED[compare.op], sign)


class MoveFinder:
    """Elastic programs on one session of `compiled`, cleaned up after every question."""

    def __init__(self, compiled: CompiledModel) -> None:
        self._compiled = compiled
        self._session: Session = compiled.session()

    def move(self, group: Group, also_dropped: Iterable[str]) -> NumericMove | None:
        """The smallest move of `group`'s number that opens a ZOPA with `also_dropped`
        dropped, or None when the group is not movable or no move can open one."""
        if not is_movable(self._compiled, group):
            return None
        dropped = [group.ref, *also_dropped]
        for ref in dropped:
            self._session.enforce(ref, False)
        try:
            if group.kind is GroupKind.RESERVATION:
                return self._reservation_move(group)
            return self._threshold_move(group)
        finally:
            for ref in dropped:
                self._session.enforce(ref, True)

    def _least(self, slacks: Iterable[int]) -> tuple[float, ...] | None:
        """Column values of a deal minimising the sum of `slacks`, or None if there is none."""
        session = self._session
        session.set_objective(dict.fromkeys(slacks, 1.0), maximize=False)
        outcome = session.solve()
        session.set_objective({}, maximize=False)
        if outcome.status is SolveStatus.INFEASIBLE:
            return None
        if outcome.status is not SolveStatus.OPTIMAL or outcome.values is None:
            raise SolverError(f"elastic program: solver status {outcome.status.value}")
        return outcome.values

    def _vacuous(self, coefs: dict[int, float], constant: float, op: Op, gap: float) -> bool:
        """Whether `terms + constant OP 0` holds for every value the issues can take."""
        lo, hi = _box(self._compiled, coefs)
        row_lo, row_hi = _row_bounds(op, constant, gap)
        return lo >= row_lo - NEGLIGIBLE_MOVE and hi <= row_hi + NEGLIGIBLE_MOVE

    def _reservation_move(self, group: Group) -> NumericMove | None:
        session = self._session
        before = self._compiled.reservation(group.actor)
        u = self._compiled.utility_col[group.actor]
        t = session.add_column(0.0, before)
        row = session.add_row({u: 1.0, t: 1.0}, before, INF, name=f"elastic {group.ref}")
        try:
            values = self._least([t])
        finally:
            session.remove_rows([row])
            session.set_bounds(t, 0.0, 0.0)
        if values is None:
            return None
        if values[t] <= NEGLIGIBLE_MOVE:
            return None
        after = max(0.0, round_outward(before - values[t], down=True))
        if after <= 0.0:
            return None  # a reservation of 0 is no constraint: that is a drop, not a move
        text = f"{group.ref}: {number_text(before)} → {number_text(after)}"
        return NumericMove(group.ref, group.path, before, after, text)

    def _threshold_move(self, group: Group) -> NumericMove | None:
        compare = movable_compare(self._compiled, group)
        if compare is None:
            return None
        session = self._session
        constraint = self._compiled.scenario.constraint(group.ref)
        coefs, constant = self._compiled.linear_terms(compare.expr)
        gap = 1.0 if compare.integral else STRICT_GAP
        lo, hi = _row_bounds(compare.op, constant, gap)
        # `t` raises the left side of a floor (>=, >) and lowers that of a cap (<=, <)
        direction = 1.0 if compare.op in (Op.GE, Op.GT) else -1.0
        t = session.add_column(0.0, INF, integer=compare.integral)
        row = session.add_row({**coefs, t: direction}, lo, hi, name=f"elastic {group.ref}")
        when_col = None if constraint.when is None else session.require(constraint.when)
        try:
            values = self._least([t])
        finally:
            session.remove_rows([row])
            session.set_bounds(t, 0.0, 0.0)
            if when_col is not None:
                session.set_bounds(when_col, 0.0, 0.0)
        if values is None:
            return None
        shift = direction * values[t]
        if compare.integral:
            shift = float(round(shift))
        if abs(shift) <= NEGLIGIBLE_MOVE * max(1.0, abs(constant)):
            return None
        if self._vacuous(coefs, constant + shift, compare.op, gap):
            return None  # the moved threshold admits every value: that is a drop, not a move
        threshold = _threshold(compare)
        before = threshold.value(constant)
        after = round_outward(threshold.value(constant + shift), down=threshold.is_floor)
        text = f"{group.ref}: {threshold.text(constant)} → {threshold.text_at(after)}"
        return NumericMove(group.ref, f"{constraint.path}.require", before, after, text)


def _box(compiled: CompiledModel, coefs: dict[int, float]) -> tuple[float, float]:
    """Lowest and highest value of `sum(coef * column)` over the columns' bounds."""
    columns = compiled.ir.columns
    lo = sum(min(c * columns[col].lo, c * columns[col].hi) for col, c in coefs.items())
    hi = sum(max(c * columns[col].lo, c * columns[col].hi) for col, c in coefs.items())
    return lo, hi


def _row_bounds(op: Op, constant: float, gap: float) -> tuple[float, float]:
    """Bounds on `terms` that say `terms + constant OP 0`."""
    rhs = -constant
    table = {
        Op.GE: (rhs, INF),
        Op.GT: (rhs + gap, INF),
        Op.LE: (-INF, rhs),
        Op.LT: (-INF, rhs - gap),
    }
    return table[op]
