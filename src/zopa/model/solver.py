"""The only module that talks to HiGHS: a persistent MILP loaded from the IR, changed in
place (objective, bounds, added rows and columns) and re-solved; solver statuses mapped
through one explicit table to `SolveStatus`.

Knows nothing of negotiations. Options are tuned for the tiny models zopa builds
(DESIGN.md, "Dependency choices"): one thread, exact gaps, the expensive primal heuristics
off. The banner HiGHS prints on C-level stdout when the first `Highs()` of a process is
made is swallowed, so `zopa analyze --json` stays clean.
"""

from __future__ import annotations

import contextlib
import ctypes
import enum
import math
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import highspy
import numpy as np

from zopa.errors import SolverError
from zopa.format.tolerances import SOLVER_TOL
from zopa.model.ir import MilpIR

INF = math.inf

OPTIONS: tuple[tuple[str, bool | int | float | str], ...] = (
    ("output_flag", False),
    ("threads", 1),
    ("presolve", "on"),
    ("mip_rel_gap", 0.0),
    ("mip_abs_gap", 0.0),
    ("mip_feasibility_tolerance", SOLVER_TOL),
    ("mip_heuristic_run_rins", False),
    ("mip_heuristic_run_rens", False),
    ("mip_heuristic_run_feasibility_jump", False),
    ("mip_detect_symmetry", False),
)
"""HiGHS options set on every model, in this order. `mip_feasibility_tolerance` matches the
LP primal tolerance (1e-7) so integrality and big-M rows leak no more than the LP does;
options missing from the installed HiGHS are skipped (`optional` below)."""

_OPTIONAL = frozenset(
    {
        "mip_heuristic_run_rins",
        "mip_heuristic_run_rens",
        "mip_heuristic_run_feasibility_jump",
        "mip_detect_symmetry",
    }
)


class SolveStatus(enum.Enum):
    """What a solve established. FEASIBLE means a limit was hit with a solution in hand:
    never report it as optimal."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    LIMIT_NO_SOLUTION = "limit_no_solution"
    UNBOUNDED = "unbounded"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one solve: `values` (one per column) and `objective` are present
    exactly when the status is OPTIMAL or FEASIBLE."""

    status: SolveStatus
    values: tuple[float, ...] | None
    objective: float | None

    @property
    def has_solution(self) -> bool:
        return self.values is not None


_MS = highspy.HighsModelStatus

_LIMIT = "limit"
_AMBIGUOUS = "unbounded_or_infeasible"

STATUS_TABLE: Mapping[object, SolveStatus | str] = {
    _MS.kOptimal: SolveStatus.OPTIMAL,
    _MS.kModelEmpty: SolveStatus.OPTIMAL,
    _MS.kInfeasible: SolveStatus.INFEASIBLE,
    _MS.kUnbounded: SolveStatus.UNBOUNDED,
    _MS.kUnboundedOrInfeasible: _AMBIGUOUS,
    _MS.kTimeLimit: _LIMIT,
    _MS.kIterationLimit: _LIMIT,
    _MS.kSolutionLimit: _LIMIT,
    _MS.kObjectiveBound: _LIMIT,
    _MS.kObjectiveTarget: _LIMIT,
    _MS.kInterrupt: _LIMIT,
    _MS.kNotset: SolveStatus.ERROR,
    _MS.kLoadError: SolveStatus.ERROR,
    _MS.kModelError: SolveStatus.ERROR,
    _MS.kPresolveError: SolveStatus.ERROR,
    _MS.kSolveError: SolveStatus.ERROR,
    _MS.kPostsolveError: SolveStatus.ERROR,
    _MS.kUnknown: SolveStatus.ERROR,
    _MS.kMemoryLimit: SolveStatus.ERROR,
}
"""HiGHS model statuses to `SolveStatus` (a status missing here, e.g. kHighsInterrupt, is
ERROR); `_LIMIT` becomes FEASIBLE or LIMIT_NO_SOLUTION depending on whether a primal
solution exists; `_AMBIGUOUS` is settled by a second solve without presolve."""

_banner_lock = threading.Lock()
_banner_done = False


@contextlib.contextmanager
def _stdout_silenced() -> Iterator[None]:
    """C-level stdout (fd 1) sent to /dev/null for the duration; C buffers flushed before
    restoring, so nothing written inside leaks out later."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no fd 1 at all: nothing to protect
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).fflush(None)
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def new_highs() -> highspy.Highs:
    """A silent `Highs` with zopa's options. The first one of the process is made with fd 1
    redirected, because HiGHS prints its banner from the constructor, before any option
    can be set."""
    global _banner_done
    with _banner_lock:
        if _banner_done:
            highs = highspy.Highs()  # type: ignore[no-untyped-call]
        else:
            with _stdout_silenced():
                highs = highspy.Highs()  # type: ignore[no-untyped-call]
                highs.setOptionValue("output_flag", False)
            _banner_done = True
    for name, value in OPTIONS:
        status = highs.setOptionValue(name, value)
        if status != highspy.HighsStatus.kOk and name not in _OPTIONAL:
            raise SolverError(f"HiGHS rejected option {name}={value!r}")
    return highs


def _csr(ir: MilpIR) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    starts = np.zeros(ir.num_rows + 1, dtype=np.int32)
    indices: list[int] = []
    values: list[float] = []
    for i, row in enumerate(ir.rows):
        for col, coef in row.coefs:
            indices.append(col)
            values.append(coef)
        starts[i + 1] = len(indices)
    return starts, np.asarray(indices, dtype=np.int32), np.asarray(values, dtype=np.float64)


def _highs_bound(value: float) -> float:
    return highspy.kHighsInf if value == INF else (-highspy.kHighsInf if value == -INF else value)


class LinearModel:
    """A persistent HiGHS MILP: loaded once from an IR, then changed in place.

    Column and row indices are stable: rows are never deleted, only freed
    (`free_row`), which presolve removes at no cost.
    """

    def __init__(self, ir: MilpIR) -> None:
        self._highs = new_highs()
        self._lo = [c.lo for c in ir.columns]
        self._hi = [c.hi for c in ir.columns]
        self._integer = [c.integer for c in ir.columns]
        self._num_rows = ir.num_rows
        self._objective_cols: list[int] = []
        self._load(ir)

    def _load(self, ir: MilpIR) -> None:
        lp = highspy.HighsLp()
        lp.num_col_ = ir.num_columns
        lp.num_row_ = ir.num_rows
        lp.col_cost_ = np.zeros(ir.num_columns)
        lp.col_lower_ = np.array([_highs_bound(v) for v in self._lo], dtype=np.float64)
        lp.col_upper_ = np.array([_highs_bound(v) for v in self._hi], dtype=np.float64)
        lp.row_lower_ = np.array([_highs_bound(r.lo) for r in ir.rows], dtype=np.float64)
        lp.row_upper_ = np.array([_highs_bound(r.hi) for r in ir.rows], dtype=np.float64)
        starts, indices, values = _csr(ir)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = ir.num_columns
        lp.a_matrix_.num_row_ = ir.num_rows
        lp.a_matrix_.start_ = starts
        lp.a_matrix_.index_ = indices
        lp.a_matrix_.value_ = values
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
            for i in self._integer
        ]
        self._check(self._highs.passModel(lp), "passModel")

    @staticmethod
    def _check(status: object, what: str) -> None:
        if status == highspy.HighsStatus.kError:
            raise SolverError(f"HiGHS {what} failed")

    @property
    def num_columns(self) -> int:
        return len(self._lo)

    @property
    def num_rows(self) -> int:
        return self._num_rows

    def bounds(self, col: int) -> tuple[float, float]:
        return self._lo[col], self._hi[col]

    def is_integer(self, col: int) -> bool:
        return self._integer[col]

    def add_column(self, lo: float, hi: float, *, integer: bool = False) -> int:
        if lo > hi:
            raise ValueError(f"column bounds [{lo}, {hi}] are empty")
        empty_i = np.zeros(0, dtype=np.int32)
        empty_v = np.zeros(0, dtype=np.float64)
        self._check(
            self._highs.addCol(0.0, _highs_bound(lo), _highs_bound(hi), 0, empty_i, empty_v),
            "addCol",
        )
        col = len(self._lo)
        if integer:
            self._check(
                self._highs.changeColIntegrality(col, highspy.HighsVarType.kInteger),
                "changeColIntegrality",
            )
        self._lo.append(lo)
        self._hi.append(hi)
        self._integer.append(integer)
        return col

    def add_row(self, coefs: Mapping[int, float], lo: float, hi: float) -> int:
        items = sorted((c, v) for c, v in coefs.items() if v != 0.0)
        for col, _ in items:
            if not 0 <= col < len(self._lo):
                raise IndexError(f"row refers to column {col}, which does not exist")
        index = np.array([c for c, _ in items], dtype=np.int32)
        value = np.array([v for _, v in items], dtype=np.float64)
        self._check(
            self._highs.addRow(_highs_bound(lo), _highs_bound(hi), len(items), index, value),
            "addRow",
        )
        self._num_rows += 1
        return self._num_rows - 1

    def set_row_bounds(self, row: int, lo: float, hi: float) -> None:
        self._check(
            self._highs.changeRowBounds(row, _highs_bound(lo), _highs_bound(hi)),
            "changeRowBounds",
        )

    def free_row(self, row: int) -> None:
        """The row no longer constrains anything; its index stays valid."""
        self.set_row_bounds(row, -INF, INF)

    def set_bounds(self, col: int, lo: float, hi: float) -> None:
        if lo > hi:
            raise ValueError(f"column {col}: bounds [{lo}, {hi}] are empty")
        self._check(
            self._highs.changeColBounds(col, _highs_bound(lo), _highs_bound(hi)),
            "changeColBounds",
        )
        self._lo[col] = lo
        self._hi[col] = hi

    def set_objective(
        self, coefs: Mapping[int, float], *, maximize: bool, constant: float = 0.0
    ) -> None:
        cols = sorted(set(self._objective_cols) | set(coefs))
        if cols:
            index = np.array(cols, dtype=np.int32)
            cost = np.array([float(coefs.get(c, 0.0)) for c in cols], dtype=np.float64)
            self._check(self._highs.changeColsCost(len(cols), index, cost), "changeColsCost")
        self._objective_cols = sorted(c for c, v in coefs.items() if v != 0.0)
        sense = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
        self._check(self._highs.changeObjectiveSense(sense), "changeObjectiveSense")
        self._check(self._highs.changeObjectiveOffset(float(constant)), "changeObjectiveOffset")

    def solve(self, *, time_limit: float | None = None) -> Outcome:
        limit = INF if time_limit is None else float(time_limit)
        self._highs.setOptionValue("time_limit", limit)
        status = self._run()
        if status in (_AMBIGUOUS, SolveStatus.ERROR):
            # Both are settled by a second solve without presolve: HiGHS 1.x sometimes ends
            # a MIP after a presolve restart with "claims optimality, but with primal
            # infeasibilities" (kSolveError) on a model it solves cleanly without presolve.
            self._highs.setOptionValue("presolve", "off")
            try:
                status = self._run()
            finally:
                self._highs.setOptionValue("presolve", "on")
            if status == _AMBIGUOUS:
                status = SolveStatus.ERROR
        return self._outcome(status)

    def _run(self) -> SolveStatus | str:
        if self._highs.run() == highspy.HighsStatus.kError:
            return SolveStatus.ERROR
        return STATUS_TABLE.get(self._highs.getModelStatus(), SolveStatus.ERROR)

    def _outcome(self, status: SolveStatus | str) -> Outcome:
        if status == _LIMIT:
            has = self._highs.getInfo().primal_solution_status == highspy.kSolutionStatusFeasible
            status = SolveStatus.FEASIBLE if has else SolveStatus.LIMIT_NO_SOLUTION
        if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
            final = status if isinstance(status, SolveStatus) else SolveStatus.ERROR
            return Outcome(final, None, None)
        values = tuple(float(v) for v in self._highs.getSolution().col_value)
        objective = float(self._highs.getInfo().objective_function_value)
        return Outcome(status, values, objective)
