"""Columns for each issue, one small function per issue kind found through a registry:
number/integer one column, choice one-hot binaries, boolean one binary, sequence integer
positions plus pairwise order binaries (an all-different permutation).

Also `Layout`: which columns hold which issue, and how to read a deal back from values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from zopa.expr.tree import IssueRef, Linear, Ref, StepRef
from zopa.format.schema import (
    BooleanIssue,
    ChoiceIssue,
    FrozenModel,
    IntegerIssue,
    NumberIssue,
    SequenceIssue,
)
from zopa.format.values import Deal, Value
from zopa.model.ir import Origin, OriginKind


class Sink(Protocol):
    """Where compiled columns and rows go: the IR builder at compile time, a live session
    afterwards (`Session.require`). `column_bounds` is what big-M constants are taken from."""

    def add_column(
        self, lo: float, hi: float, *, integer: bool, name: str, origin: Origin
    ) -> int: ...

    def add_row(
        self, coefs: Mapping[int, float], lo: float, hi: float, *, name: str, origin: Origin
    ) -> int: ...

    def column_bounds(self, col: int) -> tuple[float, float]: ...


@dataclass(frozen=True, slots=True)
class IssueVars:
    """The columns of one issue. `cols`: number/integer/boolean `(col,)`; choice one-hot
    columns in option order; sequence position columns in step order. `labels` are the
    options or steps; `order_cols` the sequence's order binaries o[a,b] (a before b)."""

    issue: str
    kind: str
    cols: tuple[int, ...]
    labels: tuple[str, ...] = ()
    order_cols: tuple[int, ...] = ()


IssueCompiler = Callable[[str, FrozenModel, Sink], IssueVars]


def _origin(kind: OriginKind, ref: str, issue: str) -> Origin:
    return Origin(kind, ref, None, f"issues.{issue}")


def compile_number(issue: str, spec: FrozenModel, sink: Sink) -> IssueVars:
    if not isinstance(spec, NumberIssue):
        raise TypeError(f"issue {issue!r} is not a number")
    col = sink.add_column(
        float(spec.min),
        float(spec.max),
        integer=False,
        name=issue,
        origin=_origin(OriginKind.ISSUE, issue, issue),
    )
    return IssueVars(issue, "number", (col,))


def compile_integer(issue: str, spec: FrozenModel, sink: Sink) -> IssueVars:
    if not isinstance(spec, IntegerIssue):
        raise TypeError(f"issue {issue!r} is not an integer")
    col = sink.add_column(
        float(spec.min),
        float(spec.max),
        integer=True,
        name=issue,
        origin=_origin(OriginKind.ISSUE, issue, issue),
    )
    return IssueVars(issue, "integer", (col,))


def compile_choice(issue: str, spec: FrozenModel, sink: Sink) -> IssueVars:
    if not isinstance(spec, ChoiceIssue):
        raise TypeError(f"issue {issue!r} is not a choice")
    origin = _origin(OriginKind.CHOICE, issue, issue)
    cols = tuple(
        sink.add_column(0.0, 1.0, integer=True, name=f"{issue}=={option}", origin=origin)
        for option in spec.options
    )
    sink.add_row(dict.fromkeys(cols, 1.0), 1.0, 1.0, name=f"one option of {issue}", origin=origin)
    return IssueVars(issue, "choice", cols, tuple(spec.options))


def compile_boolean(issue: str, spec: FrozenModel, sink: Sink) -> IssueVars:
    if not isinstance(spec, BooleanIssue):
        raise TypeError(f"issue {issue!r} is not a boolean")
    col = sink.add_column(
        0.0, 1.0, integer=True, name=issue, origin=_origin(OriginKind.ISSUE, issue, issue)
    )
    return IssueVars(issue, "boolean", (col,))


def compile_sequence(issue: str, spec: FrozenModel, sink: Sink) -> IssueVars:
    """Positions p in 1..m and, for each pair a < b (declared order), o[a,b] = 1 iff a comes
    first: `p[b] >= p[a] + 1 - m(1 - o)` and `p[a] >= p[b] + 1 - m·o`. Together they make
    the positions all different, hence a permutation of 1..m."""
    if not isinstance(spec, SequenceIssue):
        raise TypeError(f"issue {issue!r} is not a sequence")
    steps = tuple(spec.steps)
    m = float(len(steps))
    positions = tuple(
        sink.add_column(
            1.0,
            m,
            integer=True,
            name=f"{issue}.{step}",
            origin=_origin(OriginKind.STEP, f"{issue}.{step}", issue),
        )
        for step in steps
    )
    orders: list[int] = []
    for i, a in enumerate(steps):
        for j in range(i + 1, len(steps)):
            b = steps[j]
            origin = _origin(OriginKind.ORDER, f"{issue}.{a}<{issue}.{b}", issue)
            o = sink.add_column(0.0, 1.0, integer=True, name=f"o[{a},{b}]", origin=origin)
            pa, pb = positions[i], positions[j]
            sink.add_row({pb: 1.0, pa: -1.0, o: -m}, 1.0 - m, math.inf, name="", origin=origin)
            sink.add_row({pa: 1.0, pb: -1.0, o: m}, 1.0, math.inf, name="", origin=origin)
            orders.append(o)
    if len(steps) > 1:
        # Redundant for integers, but it tightens the LP relaxation of the permutation.
        sink.add_row(
            dict.fromkeys(positions, 1.0),
            m * (m + 1) / 2,
            m * (m + 1) / 2,
            name=f"positions of {issue}",
            origin=_origin(OriginKind.STEP, issue, issue),
        )
    return IssueVars(issue, "sequence", positions, steps, tuple(orders))


ISSUE_COMPILERS: Mapping[type[FrozenModel], IssueCompiler] = {
    NumberIssue: compile_number,
    IntegerIssue: compile_integer,
    ChoiceIssue: compile_choice,
    BooleanIssue: compile_boolean,
    SequenceIssue: compile_sequence,
}
"""One function per issue kind of `zopa.format.schema.ISSUE_KINDS` (a test keeps it whole)."""


def compile_issue(issue: str, spec: FrozenModel, sink: Sink) -> IssueVars:
    compiler = ISSUE_COMPILERS.get(type(spec))
    if compiler is None:
        raise TypeError(f"no compiler for issue kind {type(spec).__name__}")
    return compiler(issue, spec, sink)


@dataclass(frozen=True, slots=True)
class Layout:
    """Every issue's columns, in YAML order, and the mapping from expression refs to columns."""

    issues: Mapping[str, IssueVars]
    bounds: Mapping[str, tuple[float, float]]

    def ref_col(self, ref: Ref) -> int:
        """The column of a number/integer issue or of a step's position."""
        if ref.scope is not None:
            raise ValueError(f"scoped reference {ref.scope}.… cannot be compiled into a model")
        if isinstance(ref, IssueRef):
            vars_ = self.issues[ref.issue]
            if vars_.kind not in ("number", "integer"):
                raise ValueError(f"issue {ref.issue!r} is a {vars_.kind}, not a number")
            return vars_.cols[0]
        if isinstance(ref, StepRef):
            vars_ = self.issues[ref.issue]
            return vars_.cols[vars_.labels.index(ref.step)]
        raise TypeError(f"unknown reference {ref!r}")

    def linear_terms(self, linear: Linear) -> tuple[dict[int, float], float]:
        """`linear` as {column: coef} (no zeros) and its constant."""
        coefs: dict[int, float] = {}
        for ref, coef in linear.terms:
            col = self.ref_col(ref)
            coefs[col] = coefs.get(col, 0.0) + float(coef)
        return {c: v for c, v in coefs.items() if v != 0.0}, float(linear.constant)

    def option_cols(self, issue: str, options: tuple[str, ...]) -> tuple[int, ...]:
        vars_ = self.issues[issue]
        if vars_.kind != "choice":
            raise ValueError(f"issue {issue!r} is a {vars_.kind}, not a choice")
        wanted = set(options)
        return tuple(c for c, o in zip(vars_.cols, vars_.labels, strict=True) if o in wanted)

    def options(self, issue: str) -> tuple[str, ...]:
        return self.issues[issue].labels

    def bool_col(self, issue: str) -> int:
        vars_ = self.issues[issue]
        if vars_.kind != "boolean":
            raise ValueError(f"issue {issue!r} is a {vars_.kind}, not a boolean")
        return vars_.cols[0]

    def decode(self, values: tuple[float, ...] | list[float]) -> Deal:
        """Column values to a deal in YAML issue order: integers and binaries rounded,
        numbers clamped into their bounds, the likeliest option of each choice, steps
        ordered by position."""
        deal: dict[str, Value] = {}
        for issue, vars_ in self.issues.items():
            deal[issue] = _DECODERS[vars_.kind](vars_, values, self.bounds.get(issue))
        return deal


def _decode_number(
    vars_: IssueVars, values: tuple[float, ...] | list[float], bounds: tuple[float, float] | None
) -> Value:
    value = float(values[vars_.cols[0]])
    if bounds is not None:
        value = min(max(value, bounds[0]), bounds[1])
    return value


def _decode_integer(
    vars_: IssueVars, values: tuple[float, ...] | list[float], bounds: tuple[float, float] | None
) -> Value:
    value = round(float(values[vars_.cols[0]]))
    if bounds is not None:
        value = min(max(value, round(bounds[0])), round(bounds[1]))
    return int(value)


def _decode_choice(
    vars_: IssueVars, values: tuple[float, ...] | list[float], bounds: tuple[float, float] | None
) -> Value:
    best = max(range(len(vars_.cols)), key=lambda i: (values[vars_.cols[i]], -i))
    return vars_.labels[best]


def _decode_boolean(
    vars_: IssueVars, values: tuple[float, ...] | list[float], bounds: tuple[float, float] | None
) -> Value:
    return bool(values[vars_.cols[0]] > 0.5)


def _decode_sequence(
    vars_: IssueVars, values: tuple[float, ...] | list[float], bounds: tuple[float, float] | None
) -> Value:
    order = sorted(range(len(vars_.cols)), key=lambda i: (values[vars_.cols[i]], i))
    return tuple(vars_.labels[i] for i in order)


_DECODERS: Mapping[
    str,
    Callable[[IssueVars, tuple[float, ...] | list[float], tuple[float, float] | None], Value],
] = {
    "number": _decode_number,
    "integer": _decode_integer,
    "choice": _decode_choice,
    "boolean": _decode_boolean,
    "sequence": _decode_sequence,
}
