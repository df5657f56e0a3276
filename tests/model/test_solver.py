"""The HiGHS adapter: statuses through the one table, options, in-place changes, and a
silent banner (so `--json` stays clean)."""

from __future__ import annotations

import math
import random
import subprocess
import sys
from pathlib import Path

import highspy
import pytest

from zopa.format.tolerances import SOLVER_TOL
from zopa.model.ir import IRBuilder, MilpIR, Origin, OriginKind
from zopa.model.solver import (
    OPTIONS,
    RETRIES,
    STATUS_TABLE,
    LinearModel,
    SolveStatus,
    new_highs,
)

ORIGIN = Origin(OriginKind.ADDED, "test")


def tiny(lo: float = 0.0, hi: float = 4.0) -> MilpIR:
    """max x + y  s.t.  x + 2y <= 4, x - y >= -1, x in [lo, hi] integer, y in [0, 3]."""
    b = IRBuilder()
    x = b.add_column(lo, hi, integer=True, name="x", origin=ORIGIN)
    y = b.add_column(0, 3, integer=False, name="y", origin=ORIGIN)
    b.add_row({x: 1, y: 2}, -math.inf, 4, name="", origin=ORIGIN)
    b.add_row({x: 1, y: -1}, -1, math.inf, name="", origin=ORIGIN)
    return b.freeze()


def knapsack(n: int = 60, rows: int = 30) -> tuple[LinearModel, dict[int, float]]:
    rng = random.Random(1)
    b = IRBuilder()
    cols = [b.add_column(0, 1, integer=True, name="", origin=ORIGIN) for _ in range(n)]
    for _ in range(rows):
        b.add_row({c: rng.randint(1, 100) for c in cols}, -math.inf, 1500, name="", origin=ORIGIN)
    return LinearModel(b.freeze()), {c: float(rng.randint(1, 100)) for c in cols}


def test_every_highs_model_status_is_mapped() -> None:
    members = set(highspy.HighsModelStatus.__members__.values())
    unmapped = {m.name for m in members - set(STATUS_TABLE)}
    assert unmapped <= {"kHighsInterrupt"}  # not in every highspy: ERROR by default
    assert STATUS_TABLE[highspy.HighsModelStatus.kOptimal] is SolveStatus.OPTIMAL
    assert STATUS_TABLE[highspy.HighsModelStatus.kInfeasible] is SolveStatus.INFEASIBLE


def test_optimal_with_values_and_objective() -> None:
    model = LinearModel(tiny())
    model.set_objective({0: 1.0, 1: 1.0}, maximize=True, constant=10.0)
    outcome = model.solve()
    assert outcome.status is SolveStatus.OPTIMAL
    assert outcome.values is not None
    # x integer: x=2, y=1 gives 3; x=3, y=0.5 gives 3.5; x=4, y=0 gives 4.
    assert outcome.values[0] == pytest.approx(4) and outcome.values[1] == pytest.approx(0)
    assert outcome.objective == pytest.approx(14.0)


def test_objective_is_replaced_not_accumulated() -> None:
    model = LinearModel(tiny())
    model.set_objective({0: 1.0}, maximize=True)
    model.solve()
    model.set_objective({1: 1.0}, maximize=True)
    outcome = model.solve()
    assert outcome.objective == pytest.approx(1.5)  # x integer: x = 1, y = min(2, 1.5)


def test_infeasible_and_in_place_bounds() -> None:
    model = LinearModel(tiny())
    model.set_bounds(0, 0, 0)
    model.set_bounds(1, 2, 3)  # x - y >= -1 fails
    assert model.solve().status is SolveStatus.INFEASIBLE
    model.set_bounds(1, 0, 3)
    assert model.solve().status is SolveStatus.OPTIMAL


def test_added_rows_can_be_freed_without_shifting_indices() -> None:
    model = LinearModel(tiny())
    model.set_objective({0: 1.0}, maximize=True)
    first = model.add_row({0: 1.0}, -math.inf, 2.0)
    second = model.add_row({0: 1.0}, -math.inf, 1.0)
    assert (first, second) == (2, 3)
    assert model.solve().objective == pytest.approx(1.0)
    model.free_row(second)
    assert model.solve().objective == pytest.approx(2.0)
    model.free_row(first)
    assert model.solve().objective == pytest.approx(4.0)


def test_unbounded_is_reported() -> None:
    model = LinearModel(tiny())
    free = model.add_column(0.0, math.inf)
    model.set_objective({free: 1.0}, maximize=True)
    assert model.solve().status is SolveStatus.UNBOUNDED


def test_a_limit_without_a_solution() -> None:
    model, objective = knapsack()
    model.set_objective(objective, maximize=True)
    outcome = model.solve(time_limit=1e-9)
    assert outcome.status is SolveStatus.LIMIT_NO_SOLUTION
    assert outcome.values is None and outcome.objective is None


def test_a_limit_with_a_solution_is_feasible_never_optimal() -> None:
    model, objective = knapsack()
    model.set_objective(objective, maximize=True)
    model._highs.setOptionValue("mip_max_improving_sols", 1)  # stop at the first solution
    outcome = model.solve()
    assert outcome.status is SolveStatus.FEASIBLE
    assert outcome.values is not None


def test_options_for_tiny_models() -> None:
    highs = new_highs()
    for name, value in OPTIONS:
        _, actual = highs.getOptionValue(name)
        assert actual == value, name
    assert highs.getOptionValue("threads")[1] == 1
    assert highs.getOptionValue("mip_rel_gap")[1] == 0.0


def test_the_banner_never_reaches_stdout(tmp_path: Path) -> None:
    code = (
        "import zopa\n"
        "from zopa.model.solver import new_highs\n"
        "print('before')\n"
        "new_highs(); new_highs()\n"
        "s = zopa.loads('zopa: 1\\nissues: {x: {type: integer, min: 0, max: 3}}\\n"
        "actors: {a: {red_lines: [{id: r, require: x >= 2}]}}\\n')\n"
        "from zopa.analysis.zone import compute_zone\n"
        "from zopa.model.compile import compile_scenario\n"
        "print(compute_zone(compile_scenario(s)).to_dict()['issues'])\n"
    )
    want = "before\n{'x': {'min': 2, 'max': 3}}\n"
    piped = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert piped.stdout == want
    assert "HiGHS" not in piped.stderr
    out_file = tmp_path / "out.txt"
    with out_file.open("w") as handle:  # a file is block-buffered: C buffers must be flushed
        subprocess.run([sys.executable, "-c", code], stdout=handle, check=True)
    assert out_file.read_text() == want


NASH_CUT_MPS = Path(__file__).parent / "data" / "nash-cut-self-check.mps"
"""A Nash outer-approximation round of the New Recruit case (issue 17), as zopa handed it to
HiGHS: with presolve on, HiGHS 1.16's MIP accepts a point 1e-7 above a tangent cut and its
self-check then turns "optimal" into kSolveError."""


def ir_from_mps(path: Path) -> tuple[MilpIR, dict[int, float]]:
    """The IR and objective of an MPS file, read by HiGHS itself."""
    h = new_highs()
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    lp = h.getLp()
    b = IRBuilder()
    integer = list(lp.integrality_) or [highspy.HighsVarType.kContinuous] * lp.num_col_

    def bound(v: float) -> float:
        return math.inf if v >= highspy.kHighsInf else (-math.inf if v <= -highspy.kHighsInf else v)

    for j in range(lp.num_col_):
        b.add_column(
            bound(lp.col_lower_[j]),
            bound(lp.col_upper_[j]),
            integer=integer[j] == highspy.HighsVarType.kInteger,
            name="",
            origin=ORIGIN,
        )
    rows: list[dict[int, float]] = [{} for _ in range(lp.num_row_)]
    a = lp.a_matrix_
    assert a.format_ == highspy.MatrixFormat.kColwise
    for j in range(lp.num_col_):
        for k in range(a.start_[j], a.start_[j + 1]):
            rows[a.index_[k]][j] = float(a.value_[k])
    for i, coefs in enumerate(rows):
        b.add_row(coefs, bound(lp.row_lower_[i]), bound(lp.row_upper_[i]), name="", origin=ORIGIN)
    return b.freeze(), {j: float(c) for j, c in enumerate(lp.col_cost_) if c != 0.0}


def test_a_highs_self_check_failure_is_solved_again_with_safer_options() -> None:
    ir, objective = ir_from_mps(NASH_CUT_MPS)
    raw = LinearModel(ir)
    raw.set_objective(objective, maximize=True)
    raw._highs.run()
    # The failure the retries exist for (if a later HiGHS fixes it, the retry is idle).
    failed = raw._highs.getModelStatus() == highspy.HighsModelStatus.kSolveError

    model = LinearModel(ir)
    model.set_objective(objective, maximize=True)
    outcome = model.solve()
    assert outcome.status is SolveStatus.OPTIMAL, failed
    assert outcome.values is not None and outcome.objective is not None
    # Presolve off finds the same optimum; every row holds within the LP tolerance.
    off = LinearModel(ir)
    off.set_objective(objective, maximize=True)
    off._highs.setOptionValue("presolve", "off")
    off._highs.run()
    assert off._highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    assert outcome.objective == pytest.approx(
        off._highs.getInfo().objective_function_value, abs=1e-9
    )
    for row in ir.rows:
        activity = sum(coef * outcome.values[col] for col, coef in row.coefs)
        assert row.lo - 1e-7 <= activity <= row.hi + 1e-7
    # The retry restores zopa's options.
    for name, value in OPTIONS:
        if name == "presolve":
            assert solver_option(model, name) == value
    assert solver_option(model, "mip_feasibility_tolerance") == SOLVER_TOL
    assert solver_option(model, "simplex_strategy") == solver_option(off, "simplex_strategy")


def solver_option(model: LinearModel, name: str) -> object:
    value = model._highs.getOptionValue(name)
    return value[1] if isinstance(value, tuple) else value


@pytest.mark.parametrize("failures", range(len(RETRIES) + 2))
def test_errors_are_retried_with_each_safer_option_set_in_turn(
    failures: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = LinearModel(tiny())
    model.set_objective({0: 1.0, 1: 1.0}, maximize=True)
    names = sorted({name for retry in RETRIES for name, _ in retry})
    seen: list[dict[str, object]] = []
    run = LinearModel._run

    def failing(self: LinearModel) -> object:
        seen.append({name: solver_option(self, name) for name in names})
        return SolveStatus.ERROR if len(seen) <= failures else run(self)

    before = {name: solver_option(model, name) for name in names}
    monkeypatch.setattr(LinearModel, "_run", failing)
    outcome = model.solve()
    # The first run, then one retry per failure, as long as there are retries left.
    assert len(seen) == min(failures, len(RETRIES)) + 1
    assert seen[0] == before
    for options, retry in zip(seen[1:], RETRIES, strict=False):
        assert options == {**before, **dict(retry)}
    expected = SolveStatus.ERROR if failures > len(RETRIES) else SolveStatus.OPTIMAL
    assert outcome.status is expected
    assert {name: solver_option(model, name) for name in names} == before
