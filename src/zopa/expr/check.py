"""Resolve an expression's names against the issues, check its types and linearity, and
produce the typed `Formula` (zopa.expr.tree) that the model compiles and `evaluate` decides.

Types. `number`/`integer` issues and step positions (`SEQUENCE.STEP`, 1-based) are numbers;
numbers combine with `+ - *` and `/`, but a product needs a constant factor and a divisor must
be a non-zero constant, so every comparison of numbers is linear and becomes
`Compare(terms + constant OP 0)` (left side minus right side). A `choice` compares with its
options by `==`, `!=`, `in [...]`, `not in [...]`, and, only when the issue is
`ordered: true`, by `< <= > >=` against an option (either side), which becomes the prefix or
suffix of the declared options; every such condition is a `ChoiceIn`. A `boolean` issue is a
condition on its own (`BoolIs`), and may be compared with `true`/`false` or another
condition by `==`/`!=`. A bare sequence name is not a value. A comparison chain
`a < b <= c` means `a < b and b <= c`. `number in [1, 2]` is allowed too (an `or` of `==`).

Strict comparisons. `a < b` on real numbers means `a <= b - STRICT_GAP`
(`zopa.format.tolerances.STRICT_GAP`, 1e-5), and `>` likewise: a deal must clear the bound by that
much. When every issue in the comparison is an integer or a step position and every
coefficient and the constant are whole numbers (`Compare.integral`), `a < b` means
`a <= b - 1`, which is exact. `==` and `!=` on numbers stay `Compare` with `EQ`/`NE`; they are
decided with the feasibility tolerance (see `zopa.expr.evaluate`).

Constant folding. A comparison with no issue in it (`1 < 2`) becomes `Const`, decided with the
same semantics and a tolerance of `FOLD_TOL`; `and`/`or`/`not` over constants fold too.
Coefficients whose magnitude is below `ZERO_COEF` (left over by floating-point cancellation,
`0.1*x + 0.2*x - 0.3*x`) are dropped.

Scopes. In `expect:` blocks every name starts with a solution (`nash.territory`,
`nash.moves.us_outreach`); pass those solution names as `scopes` and every ref carries its
scope.

Every error is an `ExprError` whose `offset` points into the expression text and whose message
says what would be valid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from zopa.expr.errors import ExprError
from zopa.expr.evaluate import evaluate
from zopa.expr.names import NameResolver
from zopa.expr.parse import parse
from zopa.expr.syntax import (
    BoolLit,
    Comparison,
    ListLit,
    Logic,
    Name,
    Neg,
    Node,
    NotExpr,
    Num,
    OpToken,
    Product,
    Str,
    Sum,
)
from zopa.expr.tree import (
    BoolIs,
    ChoiceIn,
    Compare,
    Const,
    Formula,
    Linear,
    Op,
    Ref,
    StepRef,
)
from zopa.expr.values import (
    BoolConstVal,
    BoolRefVal,
    ChoiceVal,
    CondVal,
    Lin,
    ListVal,
    OptionVal,
    Val,
    add,
    iff,
    is_boolish,
    is_whole,
    listing,
    negate,
    scale,
    simplify_and,
    simplify_or,
)
from zopa.format.schema import (
    IntegerIssue,
    Issue,
)
from zopa.format.suggest import did_you_mean
from zopa.format.tolerances import FOLD_TOL, ZERO_COEF

_OPS: dict[str, Op] = {op.value: op for op in Op}
_FLIPPED: dict[str, str] = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


# --- public entry point ---------------------------------------------------------------------


def check_expression(
    text: str,
    issues: Mapping[str, Issue],
    *,
    scopes: tuple[str, ...] = (),
    parameters: Mapping[str, float] | None = None,
) -> Formula:
    """Parse `text` and check it against `issues` (id → issue model, declared order).

    Args:
        text: the expression as the user wrote it.
        issues: the scenario's issues.
        scopes: solution names (`nash`, …) that every name must start with; empty outside
            `expect:` blocks.
        parameters: named numbers (the scenario's `parameters:`), constants in the formula.

    Returns:
        The checked formula.

    Raises:
        ExprError: with the 0-based offset of the offending token and what would be valid.
    """
    node = parse(text)
    return _Checker(text, issues, scopes, parameters or {}).condition(node)


# --- the checker ----------------------------------------------------------------------------


class _Checker(NameResolver):
    """Walks one syntax tree; every method either returns a typed value or raises."""

    def __init__(
        self,
        text: str,
        issues: Mapping[str, Issue],
        scopes: tuple[str, ...],
        parameters: Mapping[str, float],
    ) -> None:
        self.text = text
        self.issues = issues
        self.scopes = scopes
        self.parameters = parameters

    def _src(self, start: int, end: int) -> str:
        return self.text[start:end].strip()

    # conditions -----------------------------------------------------------------------------

    def condition(self, node: Node) -> Formula:
        """`node` as a condition: a comparison, `and`/`or`/`not`, a boolean, true/false."""
        return self._as_condition(self.value(node))

    def _as_condition(self, val: Val) -> Formula:
        if isinstance(val, CondVal):
            return val.formula
        if isinstance(val, BoolRefVal):
            return BoolIs(val.issue, True, val.scope)
        if isinstance(val, BoolConstVal):
            return Const(val.value)
        src = self._src(val.start, val.end)
        if isinstance(val, Lin):
            raise ExprError(
                f"{src!r} is a number, not a condition; compare it, e.g. {src} <= 0.2",
                val.start,
            )
        if isinstance(val, ChoiceVal):
            first = val.model.options[0]
            raise ExprError(
                f"{src!r} is a choice, not a condition; compare it with an option, "
                f'e.g. {src} == "{first}"',
                val.start,
            )
        if isinstance(val, OptionVal):
            raise ExprError(
                f'the string "{val.value}" is not a condition; compare a choice with it, '
                f'e.g. nato == "{val.value}"',
                val.start,
            )
        raise ExprError(
            'a list is not a condition; use it after in, e.g. nato in ["deferred", "neutral"]',
            val.start,
        )

    # values ---------------------------------------------------------------------------------

    def value(self, node: Node) -> Val:
        if isinstance(node, Num):
            return Lin((), node.value, node.start, node.end)
        if isinstance(node, Str):
            return OptionVal(node.value, node.start, node.end)
        if isinstance(node, BoolLit):
            return BoolConstVal(node.value, node.start, node.end)
        if isinstance(node, Name):
            return self._name(node)
        if isinstance(node, ListLit):
            return ListVal(node, node.start, node.end)
        if isinstance(node, Neg):
            arg = self._number(self.value(node.arg))
            return scale(arg, -1.0, node.start, node.end)
        if isinstance(node, Sum):
            return self._sum(node)
        if isinstance(node, Product):
            return self._product(node)
        if isinstance(node, Comparison):
            return CondVal(self._comparison(node), node.start, node.end)
        if isinstance(node, NotExpr):
            return CondVal(negate(self.condition(node.arg)), node.start, node.end)
        return self._logic(node)

    def _logic(self, node: Logic) -> CondVal:
        conds = [self.condition(arg) for arg in node.operands]
        formula = simplify_and(conds) if node.op == "and" else simplify_or(conds)
        return CondVal(formula, node.start, node.end)

    # arithmetic -----------------------------------------------------------------------------

    def _number(self, val: Val) -> Lin:
        """`val` where arithmetic needs a number; anything else is an error at `val`."""
        if isinstance(val, Lin):
            return val
        src = self._src(val.start, val.end)
        if isinstance(val, ChoiceVal):
            message = (
                f"{src!r} is a choice, not a number; compare it with an option, "
                f'e.g. {src} == "{val.model.options[0]}"'
            )
        elif isinstance(val, OptionVal):
            message = f'the option "{val.value}" is not a number'
        elif isinstance(val, BoolConstVal):
            message = f"{src} is a condition, not a number; true/false cannot be used as numbers"
        elif isinstance(val, BoolRefVal):
            message = (
                f"{src!r} is a boolean, not a number: booleans cannot be used in arithmetic; "
                f"use it as a condition ({src}, not {src})"
            )
        elif isinstance(val, CondVal):
            message = "a condition is not a number and cannot be used in arithmetic"
        else:
            message = "a list is not a number; use it after in"
        raise ExprError(message, val.start)

    def _sum(self, node: Sum) -> Lin:
        total = self._number(self.value(node.operands[0]))
        for op, operand in zip(node.ops, node.operands[1:], strict=True):
            right = self._number(self.value(operand))
            sign = 1.0 if op.text == "+" else -1.0
            total = add(total, right, sign, node.start, right.end)
        return total

    def _product(self, node: Product) -> Lin:
        result = self._number(self.value(node.operands[0]))
        for op, operand in zip(node.ops, node.operands[1:], strict=True):
            right = self._number(self.value(operand))
            result = self._multiply(result, op, right)
        return result

    def _multiply(self, left: Lin, op: OpToken, right: Lin) -> Lin:
        left_src = self._src(left.start, left.end)
        right_src = self._src(right.start, right.end)
        if op.text == "*":
            if left.is_constant:
                return scale(right, left.constant, left.start, right.end)
            if right.is_constant:
                return scale(left, right.constant, left.start, right.end)
            raise ExprError(
                f"non-linear: {left_src} * {right_src} multiplies two issues; "
                "multiply by constants only",
                op.offset,
            )
        if not right.is_constant:
            raise ExprError(
                f"non-linear: division by {right_src}, which depends on an issue; "
                "divide by constants only",
                op.offset,
            )
        if right.constant == 0:
            raise ExprError(f"division by zero ({right_src} is 0)", op.offset)
        return scale(left, 1.0 / right.constant, left.start, right.end)

    # comparisons ----------------------------------------------------------------------------

    def _comparison(self, node: Comparison) -> Formula:
        vals = [self.value(operand) for operand in node.operands]
        pairs = [self._pair(vals[i], op, vals[i + 1]) for i, op in enumerate(node.ops)]
        return simplify_and(pairs)

    def _pair(self, left: Val, op: OpToken, right: Val) -> Formula:
        if op.text in ("in", "not in"):
            return self._membership(left, op, right)
        for side in (left, right):
            if isinstance(side, ListVal):
                raise ExprError(
                    "a list [...] goes only on the right of in / not in, "
                    'e.g. nato in ["deferred", "neutral"]',
                    side.start,
                )
        if isinstance(left, Lin) and isinstance(right, Lin):
            return self._compare_numbers(left, op, right)
        if isinstance(left, ChoiceVal) and isinstance(right, OptionVal):
            return self._compare_choice(left, op.text, right, op)
        if isinstance(left, OptionVal) and isinstance(right, ChoiceVal):
            return self._compare_choice(right, _FLIPPED[op.text], left, op)
        if is_boolish(left) and is_boolish(right):
            return self._compare_booleans(left, op, right)
        raise self._mismatch(left, op, right)

    def _compare_numbers(self, left: Lin, op: OpToken, right: Lin) -> Formula:
        diff = add(left, right, -1.0, left.start, right.end)
        terms = tuple((ref, coef) for ref, coef in diff.terms if abs(coef) >= ZERO_COEF)
        constant = diff.constant + 0.0 if diff.constant != 0 else 0.0
        if not all(math.isfinite(v) for v in (constant, *(coef for _, coef in terms))):
            raise ExprError(
                "the numbers in this comparison are too large to compute with; rescale them",
                op.offset,
            )
        integral = is_whole(constant) and all(
            is_whole(coef) and self._integral_ref(ref) for ref, coef in terms
        )
        compare = Compare(Linear(terms, constant), _OPS[op.text], integral)
        if not terms:
            return Const(evaluate(compare, {}, tol=FOLD_TOL))
        return compare

    def _integral_ref(self, ref: Ref) -> bool:
        if isinstance(ref, StepRef):
            return True
        return isinstance(self.issues.get(ref.issue), IntegerIssue)

    def _option(self, choice: ChoiceVal, opt: OptionVal) -> str:
        options = list(choice.model.options)
        if opt.value not in options:
            raise ExprError(
                f'"{opt.value}" is not an option of {choice.issue!r}'
                f"{did_you_mean(opt.value, options)}; options: {listing(options, quote=True)}",
                opt.start,
            )
        return opt.value

    def _compare_choice(
        self, choice: ChoiceVal, op_text: str, opt: OptionVal, op: OpToken
    ) -> Formula:
        value = self._option(choice, opt)
        options = choice.model.options
        index = options.index(value)
        if op_text == "==":
            allowed: tuple[str, ...] = (value,)
        elif op_text == "!=":
            allowed = tuple(o for o in options if o != value)
        elif not choice.model.ordered:
            raise ExprError(
                f"{choice.issue!r} is not ordered, so {op.text} does not apply; add "
                "`ordered: true` to the issue, or use in [...]",
                op.offset,
            )
        else:
            allowed = {
                "<": options[:index],
                "<=": options[: index + 1],
                ">": options[index + 1 :],
                ">=": options[index:],
            }[op_text]
        return ChoiceIn(choice.issue, allowed, choice.scope)

    def _compare_booleans(self, left: Val, op: OpToken, right: Val) -> Formula:
        if op.text not in ("==", "!="):
            raise ExprError(
                f"booleans and conditions compare only with == or !=, not {op.text}",
                op.offset,
            )
        same = iff(self._as_condition(left), self._as_condition(right))
        return same if op.text == "==" else negate(same)

    def _membership(self, left: Val, op: OpToken, right: Val) -> Formula:
        if not isinstance(right, ListVal):
            raise ExprError(
                f'{op.text} takes a list, e.g. nato {op.text} ["deferred", "neutral"]',
                right.start,
            )
        if isinstance(left, ChoiceVal):
            chosen = {
                self._option(left, self._list_option(left, item)) for item in right.node.items
            }
            inside = op.text == "in"
            allowed = tuple(o for o in left.model.options if (o in chosen) == inside)
            return ChoiceIn(left.issue, allowed, left.scope)
        if isinstance(left, Lin):
            return self._number_membership(left, op, right)
        raise ExprError(
            f"{op.text} [...] applies to a choice (or a number); "
            f"{self._src(left.start, left.end)!r} is neither",
            left.start,
        )

    def _list_option(self, choice: ChoiceVal, item: Node) -> OptionVal:
        if isinstance(item, Str):
            return OptionVal(item.value, item.start, item.end)
        raise ExprError(
            f"the list must hold options of {choice.issue!r} as strings, "
            f'e.g. "{choice.model.options[0]}"',
            item.start,
        )

    def _number_membership(self, left: Lin, op: OpToken, right: ListVal) -> Formula:
        eq = OpToken("==", op.offset)
        pairs: list[Formula] = []
        for item in right.node.items:
            val = self._number(self.value(item))
            if not val.is_constant:
                raise ExprError("a list after in must hold constants", val.start)
            pairs.append(self._compare_numbers(left, eq, val))
        if op.text == "in":
            return simplify_or(pairs)
        return simplify_and([negate(p) for p in pairs])

    def _mismatch(self, left: Val, op: OpToken, right: Val) -> ExprError:
        for a, b in ((left, right), (right, left)):
            if isinstance(a, ChoiceVal) and isinstance(b, ChoiceVal):
                return ExprError(
                    "a comparison of two choices is not supported; compare each with an "
                    'option, e.g. nato == "neutral"',
                    op.offset,
                )
            if isinstance(a, Lin) and isinstance(b, OptionVal):
                return ExprError(
                    f"{self._src(a.start, a.end)!r} is a number and cannot be compared with "
                    f'the option "{b.value}"; options belong to choice issues',
                    b.start,
                )
            if isinstance(a, ChoiceVal) and not isinstance(b, OptionVal):
                return ExprError(
                    f"{a.issue!r} is a choice and compares only with its options: "
                    f"{listing(list(a.model.options), quote=True)}",
                    b.start,
                )
            if isinstance(a, Lin) and is_boolish(b):
                return ExprError(
                    f"{self._src(b.start, b.end)!r} is a condition, not a number; "
                    "true/false and booleans cannot be compared with numbers",
                    b.start,
                )
        return ExprError(
            f"cannot compare {self._src(left.start, left.end)!r} with "
            f"{self._src(right.start, right.end)!r}; compare a choice with an option, "
            "or numbers with numbers",
            op.offset,
        )
