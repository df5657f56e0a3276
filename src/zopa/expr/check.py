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
(`zopa.expr.tree.STRICT_GAP`, 1e-5), and `>` likewise: a deal must clear the bound by that
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

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zopa.expr.errors import ExprError
from zopa.expr.evaluate import evaluate
from zopa.expr.parse import (
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
    parse,
)
from zopa.expr.tree import (
    And,
    BoolIs,
    ChoiceIn,
    Compare,
    Const,
    Formula,
    IssueRef,
    Linear,
    Not,
    Op,
    Or,
    Ref,
    StepRef,
)
from zopa.format.schema import (
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    Issue,
    NumberIssue,
    SequenceIssue,
)
from zopa.format.tolerances import FOLD_TOL, ZERO_COEF

_LIST_SHOWN = 20
"""At most this many known names are listed in an error message."""

_OPS: dict[str, Op] = {op.value: op for op in Op}
_FLIPPED: dict[str, str] = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


# --- intermediate values --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lin:
    """A linear number: `sum(coef * ref) + constant`, zero coefficients allowed."""

    terms: tuple[tuple[Ref, float], ...]
    constant: float
    start: int
    end: int

    @property
    def is_constant(self) -> bool:
        return all(abs(coef) < ZERO_COEF for _, coef in self.terms)


@dataclass(frozen=True, slots=True)
class _Choice:
    issue: str
    scope: str | None
    model: ChoiceIssue
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _BoolRef:
    issue: str
    scope: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _BoolConst:
    value: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Opt:
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Cond:
    formula: Formula
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _List:
    node: ListLit
    start: int
    end: int


_Val = _Lin | _Choice | _BoolRef | _BoolConst | _Opt | _Cond | _List


# --- public entry point ---------------------------------------------------------------------


def check_expression(
    text: str, issues: Mapping[str, Issue], *, scopes: tuple[str, ...] = ()
) -> Formula:
    """Parse `text` and check it against `issues` (id → issue model, declared order).

    Args:
        text: the expression as the user wrote it.
        issues: the scenario's issues.
        scopes: solution names (`nash`, …) that every name must start with; empty outside
            `expect:` blocks.

    Returns:
        The checked formula.

    Raises:
        ExprError: with the 0-based offset of the offending token and what would be valid.
    """
    node = parse(text)
    return _Checker(text, issues, scopes).condition(node)


# --- helpers --------------------------------------------------------------------------------


def _did_you_mean(word: str, candidates: Sequence[str]) -> str:
    lowered = {c.lower(): c for c in candidates}
    if word.lower() in lowered:
        return f" (did you mean {lowered[word.lower()]!r}?)"
    close = difflib.get_close_matches(word, list(candidates), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _listing(names: Sequence[str], *, quote: bool = False) -> str:
    shown = [f'"{n}"' if quote else n for n in names[:_LIST_SHOWN]]
    more = f", … ({len(names) - _LIST_SHOWN} more)" if len(names) > _LIST_SHOWN else ""
    return ", ".join(shown) + more


def _is_whole(value: float) -> bool:
    return float(value).is_integer()


def _add(a: _Lin, b: _Lin, sign: float, start: int, end: int) -> _Lin:
    terms: dict[Ref, float] = dict(a.terms)
    for ref, coef in b.terms:
        terms[ref] = terms.get(ref, 0.0) + sign * coef
    return _Lin(tuple(terms.items()), a.constant + sign * b.constant, start, end)


def _scale(a: _Lin, factor: float, start: int, end: int) -> _Lin:
    terms = tuple((ref, coef * factor) for ref, coef in a.terms)
    return _Lin(terms, a.constant * factor, start, end)


def _simplify_and(args: Sequence[Formula]) -> Formula:
    flat: list[Formula] = []
    for arg in args:
        if isinstance(arg, Const):
            if not arg.value:
                return Const(False)
            continue
        flat.extend(arg.args if isinstance(arg, And) else (arg,))
    if not flat:
        return Const(True)
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def _simplify_or(args: Sequence[Formula]) -> Formula:
    flat: list[Formula] = []
    for arg in args:
        if isinstance(arg, Const):
            if arg.value:
                return Const(True)
            continue
        flat.extend(arg.args if isinstance(arg, Or) else (arg,))
    if not flat:
        return Const(False)
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def _negate(formula: Formula) -> Formula:
    if isinstance(formula, Const):
        return Const(not formula.value)
    if isinstance(formula, BoolIs):
        return BoolIs(formula.issue, not formula.value, formula.scope)
    return Not(formula)


def _iff(a: Formula, b: Formula) -> Formula:
    if isinstance(a, Const):
        return b if a.value else _negate(b)
    if isinstance(b, Const):
        return a if b.value else _negate(a)
    return _simplify_or([_simplify_and([a, b]), _simplify_and([_negate(a), _negate(b)])])


# --- the checker ----------------------------------------------------------------------------


class _Checker:
    """Walks one syntax tree; every method either returns a typed value or raises."""

    def __init__(self, text: str, issues: Mapping[str, Issue], scopes: tuple[str, ...]) -> None:
        self.text = text
        self.issues = issues
        self.scopes = scopes

    def _src(self, start: int, end: int) -> str:
        return self.text[start:end].strip()

    # conditions -----------------------------------------------------------------------------

    def condition(self, node: Node) -> Formula:
        """`node` as a condition: a comparison, `and`/`or`/`not`, a boolean, true/false."""
        return self._as_condition(self.value(node))

    def _as_condition(self, val: _Val) -> Formula:
        if isinstance(val, _Cond):
            return val.formula
        if isinstance(val, _BoolRef):
            return BoolIs(val.issue, True, val.scope)
        if isinstance(val, _BoolConst):
            return Const(val.value)
        src = self._src(val.start, val.end)
        if isinstance(val, _Lin):
            raise ExprError(
                f"{src!r} is a number, not a condition; compare it, e.g. {src} <= 0.2",
                val.start,
            )
        if isinstance(val, _Choice):
            first = val.model.options[0]
            raise ExprError(
                f"{src!r} is a choice, not a condition; compare it with an option, "
                f'e.g. {src} == "{first}"',
                val.start,
            )
        if isinstance(val, _Opt):
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

    def value(self, node: Node) -> _Val:
        if isinstance(node, Num):
            return _Lin((), node.value, node.start, node.end)
        if isinstance(node, Str):
            return _Opt(node.value, node.start, node.end)
        if isinstance(node, BoolLit):
            return _BoolConst(node.value, node.start, node.end)
        if isinstance(node, Name):
            return self._name(node)
        if isinstance(node, ListLit):
            return _List(node, node.start, node.end)
        if isinstance(node, Neg):
            arg = self._number(self.value(node.arg))
            return _scale(arg, -1.0, node.start, node.end)
        if isinstance(node, Sum):
            return self._sum(node)
        if isinstance(node, Product):
            return self._product(node)
        if isinstance(node, Comparison):
            return _Cond(self._comparison(node), node.start, node.end)
        if isinstance(node, NotExpr):
            return _Cond(_negate(self.condition(node.arg)), node.start, node.end)
        return self._logic(node)

    def _logic(self, node: Logic) -> _Cond:
        conds = [self.condition(arg) for arg in node.operands]
        formula = _simplify_and(conds) if node.op == "and" else _simplify_or(conds)
        return _Cond(formula, node.start, node.end)

    # names ----------------------------------------------------------------------------------

    def _name(self, node: Name) -> _Val:
        parts, offsets = node.parts, node.offsets
        scope: str | None = None
        if self.scopes:
            scope = self._scope(node)
            parts, offsets = parts[1:], offsets[1:]
        elif len(parts) > 2:
            raise ExprError(
                f"{node.text!r} has too many parts; a name is an issue or SEQUENCE.STEP",
                offsets[2] - 1,
            )
        issue_id = parts[0]
        issue = self.issues.get(issue_id)
        if issue is None:
            raise self._unknown_issue(issue_id, offsets[0])
        if len(parts) == 2:
            return self._step(issue_id, issue, parts[1], offsets[1], scope, node)
        return self._issue_value(issue_id, issue, scope, node)

    def _scope(self, node: Name) -> str:
        head = node.parts[0]
        if head in self.scopes and len(node.parts) > 1:
            return head
        solutions = ", ".join(self.scopes)
        if head in self.scopes:
            raise ExprError(
                f"{head!r} is a solution; name one of its issues, e.g. {head}.territory",
                node.start,
            )
        if head in self.issues:
            raise ExprError(
                f"name a solution before the issue, e.g. {self.scopes[0]}.{node.text}; "
                f"solutions: {solutions}",
                node.start,
            )
        raise ExprError(
            f"unknown solution {head!r}{_did_you_mean(head, self.scopes)}; solutions: {solutions}",
            node.start,
        )

    def _unknown_issue(self, name: str, offset: int) -> ExprError:
        known = list(self.issues)
        if name in ("True", "False"):
            return ExprError(f"{name!r} is written in lowercase here: {name.lower()}", offset)
        return ExprError(
            f"unknown issue {name!r}{_did_you_mean(name, known)}; known issues: {_listing(known)}",
            offset,
        )

    def _step(
        self,
        issue_id: str,
        issue: Issue,
        step: str,
        offset: int,
        scope: str | None,
        node: Name,
    ) -> _Val:
        if not isinstance(issue, SequenceIssue):
            raise ExprError(
                f"{issue_id!r} is a {issue.type} issue and has no steps; only a sequence "
                "has steps (SEQUENCE.STEP)",
                offset - 1,
            )
        if step not in issue.steps:
            steps = list(issue.steps)
            raise ExprError(
                f"unknown step {step!r} of sequence {issue_id!r}{_did_you_mean(step, steps)}; "
                f"steps: {_listing(steps)}",
                offset,
            )
        ref = StepRef(issue_id, step, scope)
        return _Lin(((ref, 1.0),), 0.0, node.start, node.end)

    def _issue_value(self, issue_id: str, issue: Issue, scope: str | None, node: Name) -> _Val:
        if isinstance(issue, NumberIssue | IntegerIssue):
            return _Lin(((IssueRef(issue_id, scope), 1.0),), 0.0, node.start, node.end)
        if isinstance(issue, ChoiceIssue):
            return _Choice(issue_id, scope, issue, node.start, node.end)
        if isinstance(issue, BooleanIssue):
            return _BoolRef(issue_id, scope, node.start, node.end)
        first = issue.steps[0]
        raise ExprError(
            f"{node.text!r} is a sequence, not a value; use {node.text}.STEP for a step's "
            f"position, e.g. {node.text}.{first} == 1",
            node.start,
        )

    # arithmetic -----------------------------------------------------------------------------

    def _number(self, val: _Val) -> _Lin:
        """`val` where arithmetic needs a number; anything else is an error at `val`."""
        if isinstance(val, _Lin):
            return val
        src = self._src(val.start, val.end)
        if isinstance(val, _Choice):
            message = (
                f"{src!r} is a choice, not a number; compare it with an option, "
                f'e.g. {src} == "{val.model.options[0]}"'
            )
        elif isinstance(val, _Opt):
            message = f'the option "{val.value}" is not a number'
        elif isinstance(val, _BoolConst):
            message = f"{src} is a condition, not a number; true/false cannot be used as numbers"
        elif isinstance(val, _BoolRef):
            message = (
                f"{src!r} is a boolean, not a number: booleans cannot be used in arithmetic; "
                f"use it as a condition ({src}, not {src})"
            )
        elif isinstance(val, _Cond):
            message = "a condition is not a number and cannot be used in arithmetic"
        else:
            message = "a list is not a number; use it after in"
        raise ExprError(message, val.start)

    def _sum(self, node: Sum) -> _Lin:
        total = self._number(self.value(node.operands[0]))
        for op, operand in zip(node.ops, node.operands[1:], strict=True):
            right = self._number(self.value(operand))
            sign = 1.0 if op.text == "+" else -1.0
            total = _add(total, right, sign, node.start, right.end)
        return total

    def _product(self, node: Product) -> _Lin:
        result = self._number(self.value(node.operands[0]))
        for op, operand in zip(node.ops, node.operands[1:], strict=True):
            right = self._number(self.value(operand))
            result = self._multiply(result, op, right)
        return result

    def _multiply(self, left: _Lin, op: OpToken, right: _Lin) -> _Lin:
        left_src = self._src(left.start, left.end)
        right_src = self._src(right.start, right.end)
        if op.text == "*":
            if left.is_constant:
                return _scale(right, left.constant, left.start, right.end)
            if right.is_constant:
                return _scale(left, right.constant, left.start, right.end)
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
        return _scale(left, 1.0 / right.constant, left.start, right.end)

    # comparisons ----------------------------------------------------------------------------

    def _comparison(self, node: Comparison) -> Formula:
        vals = [self.value(operand) for operand in node.operands]
        pairs = [self._pair(vals[i], op, vals[i + 1]) for i, op in enumerate(node.ops)]
        return _simplify_and(pairs)

    def _pair(self, left: _Val, op: OpToken, right: _Val) -> Formula:
        if op.text in ("in", "not in"):
            return self._membership(left, op, right)
        for side in (left, right):
            if isinstance(side, _List):
                raise ExprError(
                    "a list [...] goes only on the right of in / not in, "
                    'e.g. nato in ["deferred", "neutral"]',
                    side.start,
                )
        if isinstance(left, _Lin) and isinstance(right, _Lin):
            return self._compare_numbers(left, op, right)
        if isinstance(left, _Choice) and isinstance(right, _Opt):
            return self._compare_choice(left, op.text, right, op)
        if isinstance(left, _Opt) and isinstance(right, _Choice):
            return self._compare_choice(right, _FLIPPED[op.text], left, op)
        if _is_boolish(left) and _is_boolish(right):
            return self._compare_booleans(left, op, right)
        raise self._mismatch(left, op, right)

    def _compare_numbers(self, left: _Lin, op: OpToken, right: _Lin) -> Formula:
        diff = _add(left, right, -1.0, left.start, right.end)
        terms = tuple((ref, coef) for ref, coef in diff.terms if abs(coef) >= ZERO_COEF)
        constant = diff.constant + 0.0 if diff.constant != 0 else 0.0
        if not all(math.isfinite(v) for v in (constant, *(coef for _, coef in terms))):
            raise ExprError(
                "the numbers in this comparison are too large to compute with; rescale them",
                op.offset,
            )
        integral = _is_whole(constant) and all(
            _is_whole(coef) and self._integral_ref(ref) for ref, coef in terms
        )
        compare = Compare(Linear(terms, constant), _OPS[op.text], integral)
        if not terms:
            return Const(evaluate(compare, {}, tol=FOLD_TOL))
        return compare

    def _integral_ref(self, ref: Ref) -> bool:
        if isinstance(ref, StepRef):
            return True
        return isinstance(self.issues.get(ref.issue), IntegerIssue)

    def _option(self, choice: _Choice, opt: _Opt) -> str:
        options = list(choice.model.options)
        if opt.value not in options:
            raise ExprError(
                f'"{opt.value}" is not an option of {choice.issue!r}'
                f"{_did_you_mean(opt.value, options)}; options: {_listing(options, quote=True)}",
                opt.start,
            )
        return opt.value

    def _compare_choice(self, choice: _Choice, op_text: str, opt: _Opt, op: OpToken) -> Formula:
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

    def _compare_booleans(self, left: _Val, op: OpToken, right: _Val) -> Formula:
        if op.text not in ("==", "!="):
            raise ExprError(
                f"booleans and conditions compare only with == or !=, not {op.text}",
                op.offset,
            )
        same = _iff(self._as_condition(left), self._as_condition(right))
        return same if op.text == "==" else _negate(same)

    def _membership(self, left: _Val, op: OpToken, right: _Val) -> Formula:
        if not isinstance(right, _List):
            raise ExprError(
                f'{op.text} takes a list, e.g. nato {op.text} ["deferred", "neutral"]',
                right.start,
            )
        if isinstance(left, _Choice):
            chosen = {
                self._option(left, self._list_option(left, item)) for item in right.node.items
            }
            inside = op.text == "in"
            allowed = tuple(o for o in left.model.options if (o in chosen) == inside)
            return ChoiceIn(left.issue, allowed, left.scope)
        if isinstance(left, _Lin):
            return self._number_membership(left, op, right)
        raise ExprError(
            f"{op.text} [...] applies to a choice (or a number); "
            f"{self._src(left.start, left.end)!r} is neither",
            left.start,
        )

    def _list_option(self, choice: _Choice, item: Node) -> _Opt:
        if isinstance(item, Str):
            return _Opt(item.value, item.start, item.end)
        raise ExprError(
            f"the list must hold options of {choice.issue!r} as strings, "
            f'e.g. "{choice.model.options[0]}"',
            item.start,
        )

    def _number_membership(self, left: _Lin, op: OpToken, right: _List) -> Formula:
        eq = OpToken("==", op.offset)
        pairs: list[Formula] = []
        for item in right.node.items:
            val = self._number(self.value(item))
            if not val.is_constant:
                raise ExprError("a list after in must hold constants", val.start)
            pairs.append(self._compare_numbers(left, eq, val))
        if op.text == "in":
            return _simplify_or(pairs)
        return _simplify_and([_negate(p) for p in pairs])

    def _mismatch(self, left: _Val, op: OpToken, right: _Val) -> ExprError:
        for a, b in ((left, right), (right, left)):
            if isinstance(a, _Choice) and isinstance(b, _Choice):
                return ExprError(
                    "a comparison of two choices is not supported; compare each with an "
                    'option, e.g. nato == "neutral"',
                    op.offset,
                )
            if isinstance(a, _Lin) and isinstance(b, _Opt):
                return ExprError(
                    f"{self._src(a.start, a.end)!r} is a number and cannot be compared with "
                    f'the option "{b.value}"; options belong to choice issues',
                    b.start,
                )
            if isinstance(a, _Choice) and not isinstance(b, _Opt):
                return ExprError(
                    f"{a.issue!r} is a choice and compares only with its options: "
                    f"{_listing(list(a.model.options), quote=True)}",
                    b.start,
                )
            if isinstance(a, _Lin) and _is_boolish(b):
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


def _is_boolish(val: _Val) -> bool:
    return isinstance(val, _BoolRef | _BoolConst | _Cond)
