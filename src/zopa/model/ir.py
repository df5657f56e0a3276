"""Frozen MILP data: the columns and linear rows one scenario compiles to, each with the
`Origin` that points back to the YAML it came from (diagnosis and errors speak YAML).

The IR knows nothing of HiGHS; `model.solver` turns it into solver arrays. Columns and rows
are kept in the order they were added, which the compiler makes follow YAML order.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass


class OriginKind(enum.Enum):
    """What part of the scenario a column or row encodes."""

    ISSUE = "issue"
    STEP = "step"
    ORDER = "order"
    CHOICE = "choice"
    INDICATOR = "indicator"
    UTILITY = "utility"
    CURVE = "curve"
    RULE = "rule"
    RED_LINE = "red_line"
    RESERVATION = "reservation"
    ADDED = "added"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a column or row comes from: `ref` names the construct (`russia/lasting-deal`,
    `territory`, `moves.ceasefire`), `actor` its actor if any, `path` its dotted YAML path."""

    kind: OriginKind
    ref: str
    actor: str | None = None
    path: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    """One variable: bounds (finite for everything the compiler makes), integrality."""

    name: str
    lo: float
    hi: float
    integer: bool
    origin: Origin


@dataclass(frozen=True, slots=True)
class Row:
    """`lo <= sum(coef * column) <= hi`; `coefs` in increasing column order, no zeros."""

    coefs: tuple[tuple[int, float], ...]
    lo: float
    hi: float
    origin: Origin
    name: str = ""


@dataclass(frozen=True, slots=True)
class MilpIR:
    """A whole model without objective: the compiler's output, the solver's input."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def num_columns(self) -> int:
        return len(self.columns)

    @property
    def num_rows(self) -> int:
        return len(self.rows)


def normalise_coefs(coefs: Mapping[int, float]) -> tuple[tuple[int, float], ...]:
    """`coefs` as sorted (column, coef) pairs with zero coefficients dropped."""
    return tuple((col, float(c)) for col, c in sorted(coefs.items()) if c != 0.0)


class IRBuilder:
    """Accumulates columns and rows during one compilation; `freeze()` returns the IR.

    Mutable on purpose and private to one `compile_scenario` call: nothing outside the
    compiler holds a builder.
    """

    def __init__(self) -> None:
        self._columns: list[Column] = []
        self._rows: list[Row] = []

    def add_column(self, lo: float, hi: float, *, integer: bool, name: str, origin: Origin) -> int:
        if math.isnan(lo) or math.isnan(hi) or lo > hi:
            raise ValueError(f"column {name!r}: bounds [{lo}, {hi}] are empty")
        self._columns.append(Column(name, float(lo), float(hi), integer, origin))
        return len(self._columns) - 1

    def add_row(
        self, coefs: Mapping[int, float], lo: float, hi: float, *, name: str, origin: Origin
    ) -> int:
        self._rows.append(Row(normalise_coefs(coefs), float(lo), float(hi), origin, name))
        return len(self._rows) - 1

    def column_bounds(self, col: int) -> tuple[float, float]:
        column = self._columns[col]
        return column.lo, column.hi

    def freeze(self) -> MilpIR:
        return MilpIR(tuple(self._columns), tuple(self._rows))
