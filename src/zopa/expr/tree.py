"""The typed tree of a checked expression: what `expr.check` produces and the model compiles.

A checked formula has no names left to resolve and no types left to infer. Every comparison
of numbers is already linear and normalised to `terms + constant OP 0`; every condition on a
choice is a set of allowed options; every boolean issue used as a condition is a `BoolIs`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Op(enum.Enum):
    """A comparison of a linear expression with zero."""

    LE = "<="
    LT = "<"
    GE = ">="
    GT = ">"
    EQ = "=="
    NE = "!="


@dataclass(frozen=True, slots=True)
class IssueRef:
    """The value of a number or integer issue (of solution `scope` in `expect:` blocks)."""

    issue: str
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class StepRef:
    """The 1-based position of `step` in sequence `issue`."""

    issue: str
    step: str
    scope: str | None = None


Ref = IssueRef | StepRef


@dataclass(frozen=True, slots=True)
class Linear:
    """`sum(coef * ref) + constant`, terms in first-use order with no repeated ref and no
    zero coefficient."""

    terms: tuple[tuple[Ref, float], ...]
    constant: float


@dataclass(frozen=True, slots=True)
class Compare:
    """`expr OP 0`. `integral` is true when every ref is integral and every coefficient and
    the constant are whole numbers, so strict comparisons can step by 1."""

    expr: Linear
    op: Op
    integral: bool


@dataclass(frozen=True, slots=True)
class ChoiceIn:
    """Choice `issue` takes one of `options` (a subset, in declared order; may be empty)."""

    issue: str
    options: tuple[str, ...]
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class BoolIs:
    """Boolean `issue` equals `value`."""

    issue: str
    value: bool
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class Const:
    """A constant condition (`true`, `false`, or a comparison of constants)."""

    value: bool


@dataclass(frozen=True, slots=True)
class Not:
    arg: Formula


@dataclass(frozen=True, slots=True)
class And:
    args: tuple[Formula, ...]


@dataclass(frozen=True, slots=True)
class Or:
    args: tuple[Formula, ...]


Atom = Compare | ChoiceIn | BoolIs | Const
Formula = Compare | ChoiceIn | BoolIs | Const | Not | And | Or
