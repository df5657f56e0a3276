"""A persistent solver model of one compiled scenario that an algorithm mutates freely:
groups enforced or dropped, rows and columns added, objectives and bounds changed, solved
again and again without rebuilding.

Row indices stay valid for the session's life: `remove_rows` frees rows (bounds set to
±inf) instead of deleting them, so no index ever shifts.

Big-M constants of rows added later (`require`) are taken from each column's widest bounds
seen so far in this session (its IR bounds widened by every `set_bounds`), so temporarily
fixing a column never makes a later big-M too small once the column is released again —
provided bounds are not widened beyond the IR's afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from zopa.expr.tree import Formula
from zopa.model.constraints import Context, compile_formula
from zopa.model.ir import MilpIR, Origin, OriginKind
from zopa.model.solver import LinearModel, Outcome, SolveStatus
from zopa.model.variables import Layout

__all__ = ["Compiled", "Outcome", "Session", "SolveStatus"]


class _Indicated(Protocol):
    @property
    def ref(self) -> str: ...
    @property
    def indicator(self) -> int: ...


class Compiled(Protocol):
    """What a session reads of a compiled model: `zopa.model.compile.CompiledModel` is
    one. (A protocol, so that this module need not import `compile`, which opens sessions:
    the two would otherwise depend on each other.)"""

    @property
    def ir(self) -> MilpIR: ...
    @property
    def groups(self) -> Sequence[_Indicated]: ...
    @property
    def layout(self) -> Layout: ...


class Session:
    """A live HiGHS model loaded with `compiled.ir`; every group starts enforced."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self._model = LinearModel(compiled.ir)
        self._wide = [(c.lo, c.hi) for c in compiled.ir.columns]
        self._indicators = {g.ref: g.indicator for g in compiled.groups}
        self.solves = 0
        """Solver calls made through `solve` so far: a deterministic measure of work."""

    @property
    def num_columns(self) -> int:
        return self._model.num_columns

    @property
    def num_rows(self) -> int:
        return self._model.num_rows

    def enforce(self, ref: str, on: bool = True) -> None:
        """Group `ref` must hold (`on`), or may be violated (its indicator free in {0, 1})."""
        col = self._indicators.get(ref)
        if col is None:
            known = ", ".join(self._indicators)
            raise KeyError(f"no group {ref!r}; groups are: {known}")
        self._model.set_bounds(col, 1.0 if on else 0.0, 1.0)

    def add_column(self, lo: float, hi: float, *, integer: bool = False, name: str = "") -> int:
        col = self._model.add_column(lo, hi, integer=integer)
        self._wide.append((lo, hi))
        return col

    def add_row(self, coefs: Mapping[int, float], lo: float, hi: float, *, name: str = "") -> int:
        return self._model.add_row(coefs, lo, hi)

    def set_row_bounds(self, row: int, lo: float, hi: float) -> None:
        """Move a row's bounds (e.g. a reservation row re-solved at many values)."""
        self._model.set_row_bounds(row, lo, hi)

    def remove_rows(self, rows: Iterable[int]) -> None:
        for row in rows:
            self._model.free_row(row)

    def require(self, formula: Formula, *, name: str = "") -> int:
        """Rows enforcing `formula` under a new indicator column, fixed to 1, which is
        returned; set its bounds to (0, 1) to make the requirement optional again."""
        origin = Origin(OriginKind.ADDED, name or "require")
        z = self.add_column(1.0, 1.0, integer=True, name=name)
        compile_formula(
            formula, z, hard=False, ctx=Context(_SessionSink(self), self.compiled.layout, origin)
        )
        return z

    def set_objective(
        self, coefs: Mapping[int, float], *, maximize: bool, constant: float = 0.0
    ) -> None:
        self._model.set_objective(coefs, maximize=maximize, constant=constant)

    def set_bounds(self, col: int, lo: float, hi: float) -> None:
        self._model.set_bounds(col, lo, hi)
        wide_lo, wide_hi = self._wide[col]
        self._wide[col] = (min(wide_lo, lo), max(wide_hi, hi))

    def bounds(self, col: int) -> tuple[float, float]:
        """The column's current bounds."""
        return self._model.bounds(col)

    def solve(self, *, time_limit: float | None = None) -> Outcome:
        self.solves += 1
        return self._model.solve(time_limit=time_limit)

    def polish(self, outcome: Outcome, *, tol: float = 1e-9) -> Outcome:
        """`outcome` with exactly integral integer columns: when some integer column is more
        than `tol` from an integer (HiGHS accepts 1e-7, and a big-M row can turn that into
        a visible leak), every integer column is fixed at its rounded value and the LP is
        re-solved with the same objective; bounds are restored afterwards. Returns
        `outcome` itself when it is already integral, has no values, or the rounded point
        is infeasible (then certification decides)."""
        values = outcome.values
        if values is None:
            return outcome
        integer_cols = [c for c in range(len(values)) if self._model.is_integer(c)]
        if all(abs(values[c] - round(values[c])) <= tol for c in integer_cols):
            return outcome
        saved = [self._model.bounds(c) for c in integer_cols]
        try:
            for col in integer_cols:
                fixed = float(round(values[col]))
                self._model.set_bounds(col, fixed, fixed)
            polished = self._model.solve()
        finally:
            for col, (lo, hi) in zip(integer_cols, saved, strict=True):
                self._model.set_bounds(col, lo, hi)
        if polished.values is None:
            return outcome
        # The LP is optimal for these integers only: the MILP's status still describes it.
        return Outcome(outcome.status, polished.values, polished.objective)

    def widest_bounds(self, col: int) -> tuple[float, float]:
        return self._wide[col]


class _SessionSink:
    """Lets the formula compiler write into a live session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add_column(self, lo: float, hi: float, *, integer: bool, name: str, origin: Origin) -> int:
        return self._session.add_column(lo, hi, integer=integer, name=name)

    def add_row(
        self, coefs: Mapping[int, float], lo: float, hi: float, *, name: str, origin: Origin
    ) -> int:
        return self._session.add_row(coefs, lo, hi, name=name)

    def column_bounds(self, col: int) -> tuple[float, float]:
        return self._session.widest_bounds(col)
