"""The checker's intermediate values (a linear sum, a choice, a boolean, an option, a condition,
a list, each with its offsets in the text) and the small rules that fold and simplify them:
what `zopa.expr.check` builds formulas from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zopa.expr.syntax import (
    ListLit,
)
from zopa.expr.tree import (
    And,
    BoolIs,
    Const,
    Formula,
    Not,
    Or,
    Ref,
)
from zopa.format.schema import (
    ChoiceIssue,
)
from zopa.format.tolerances import ZERO_COEF

LIST_SHOWN = 20
"""At most this many known names are listed in an error message."""
# --- intermediate values --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lin:
    """A linear number: `sum(coef * ref) + constant`, zero coefficients allowed."""

    terms: tuple[tuple[Ref, float], ...]
    constant: float
    start: int
    end: int

    @property
    def is_constant(self) -> bool:
        return all(abs(coef) < ZERO_COEF for _, coef in self.terms)


@dataclass(frozen=True, slots=True)
class ChoiceVal:
    issue: str
    scope: str | None
    model: ChoiceIssue
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BoolRefVal:
    issue: str
    scope: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BoolConstVal:
    value: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class OptionVal:
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CondVal:
    formula: Formula
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ListVal:
    node: ListLit
    start: int
    end: int


Val = Lin | ChoiceVal | BoolRefVal | BoolConstVal | OptionVal | CondVal | ListVal

# --- helpers --------------------------------------------------------------------------------


def listing(names: Sequence[str], *, quote: bool = False) -> str:
    shown = [f'"{n}"' if quote else n for n in names[:LIST_SHOWN]]
    more = f", … ({len(names) - LIST_SHOWN} more)" if len(names) > LIST_SHOWN else ""
    return ", ".join(shown) + more


def is_whole(value: float) -> bool:
    return float(value).is_integer()


def add(a: Lin, b: Lin, sign: float, start: int, end: int) -> Lin:
    terms: dict[Ref, float] = dict(a.terms)
    for ref, coef in b.terms:
        terms[ref] = terms.get(ref, 0.0) + sign * coef
    return Lin(tuple(terms.items()), a.constant + sign * b.constant, start, end)


def scale(a: Lin, factor: float, start: int, end: int) -> Lin:
    terms = tuple((ref, coef * factor) for ref, coef in a.terms)
    return Lin(terms, a.constant * factor, start, end)


def simplify_and(args: Sequence[Formula]) -> Formula:
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


def simplify_or(args: Sequence[Formula]) -> Formula:
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


def negate(formula: Formula) -> Formula:
    if isinstance(formula, Const):
        return Const(not formula.value)
    if isinstance(formula, BoolIs):
        return BoolIs(formula.issue, not formula.value, formula.scope)
    return Not(formula)


def iff(a: Formula, b: Formula) -> Formula:
    if isinstance(a, Const):
        return b if a.value else negate(b)
    if isinstance(b, Const):
        return a if b.value else negate(a)
    return simplify_or([simplify_and([a, b]), simplify_and([negate(a), negate(b)])])


def is_boolish(val: Val) -> bool:
    return isinstance(val, BoolRefVal | BoolConstVal | CondVal)
