"""The same IR solved two independent ways: HiGHS through our persistent highspy adapter,
and `scipy.optimize.milp` (its own HiGHS build, its own array path). Every utility's and
every numeric issue's min and max must agree, and so must infeasibility."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

import zopa
from zopa.model.compile import CompiledModel, compile_scenario
from zopa.model.ir import MilpIR
from zopa.model.solver import SolveStatus

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

KINDS = {
    "number-and-curve": """
zopa: 1
issues:
  x: {type: number, min: -1, max: 3}
  y: {type: number, min: 0, max: 2}
actors:
  a:
    red_lines: [{id: r, require: 'x + y >= 1.5 or x < 0'}]
    preferences:
      x: {weight: 2, curve: [[0, 0], [1, 1], [2, 0.2]]}
      y: {weight: 1, curve: [[0, 1], [2, 0]]}
    reservation: 0.3
  b:
    preferences: {x: {weight: 1, curve: [[-1, 1], [3, 0]]}}
    reservation: 0.2
""",
    "integer": """
zopa: 1
issues:
  n: {type: integer, min: -3, max: 7}
  m: {type: integer, min: 0, max: 4}
rules: [{id: link, require: 'n != m'}]
actors:
  a:
    red_lines: [{id: r, require: '2 * n - m < 5', when: 'm >= 2'}]
    preferences: {n: {weight: 1, curve: [[-3, 0], [2, 1], [7, 0]]}}
""",
    "choice": """
zopa: 1
issues:
  c: {type: choice, options: [a, b, c, d], ordered: true}
  e: {type: choice, options: [x, y]}
actors:
  p:
    red_lines: [{id: r, require: 'c >= "b" and not (c == "d" and e == "y")'}]
    preferences: {c: {weight: 1, values: {a: 1, b: 0.5, d: 0.25}}, e: {weight: 1, values: {y: 1}}}
    reservation: 0.4
""",
    "boolean": """
zopa: 1
issues:
  b: {type: boolean}
  k: {type: integer, min: 0, max: 3}
actors:
  p:
    red_lines: [{id: r, require: 'b or k >= 2'}]
    preferences:
      b: {weight: 1, values: {true: 0.2, false: 0.9}}
      k: {weight: 1, curve: [[0, 1], [3, 0]]}
""",
    "sequence": """
zopa: 1
issues:
  s: {type: sequence, steps: [a, b, c, d]}
actors:
  p:
    red_lines: [{id: r, require: 's.a < s.b and s.d != 1'}]
    preferences: {s.c: {weight: 1, curve: [[1, 0], [2, 1], [4, 0.5]]}}
  q:
    preferences: {s.b: {weight: 1, curve: [[1, 1], [4, 0]]}}
    reservation: 0.5
""",
    "infeasible": """
zopa: 1
issues:
  x: {type: number, min: 0, max: 1}
actors:
  a: {red_lines: [{id: r, require: 'x > 0.6'}]}
  b: {red_lines: [{id: r, require: 'x < 0.4'}]}
""",
}


def scipy_optimum(ir: MilpIR, objective: dict[int, float], *, maximize: bool) -> float | None:
    """The optimum by `scipy.optimize.milp`, or None when infeasible."""
    n = ir.num_columns
    c = np.zeros(n)
    for col, coef in objective.items():
        c[col] = -coef if maximize else coef
    rows, cols, vals = [], [], []
    for i, row in enumerate(ir.rows):
        for col, coef in row.coefs:
            rows.append(i)
            cols.append(col)
            vals.append(coef)
    matrix = csr_array((vals, (rows, cols)), shape=(ir.num_rows, n))
    result = milp(
        c,
        integrality=np.array([1 if col.integer else 0 for col in ir.columns]),
        bounds=Bounds([col.lo for col in ir.columns], [col.hi for col in ir.columns]),
        constraints=LinearConstraint(
            matrix, [row.lo for row in ir.rows], [row.hi for row in ir.rows]
        ),
        options={"mip_rel_gap": 0.0},
    )
    if result.status == 2:
        return None
    assert result.status == 0, result.message
    return float(-result.fun if maximize else result.fun)


def objectives(compiled: CompiledModel) -> list[tuple[str, dict[int, float]]]:
    out = [(f"u[{a}]", {compiled.utility_col[a]: 1.0}) for a in compiled.actors]
    for issue, vars_ in compiled.layout.issues.items():
        if vars_.kind in ("number", "integer"):
            out.append((issue, {vars_.cols[0]: 1.0}))
        if vars_.kind == "sequence":
            out.extend(
                (f"{issue}.{step}", {col: 1.0})
                for col, step in zip(vars_.cols, vars_.labels, strict=True)
            )
    out.append(("sum of utilities", {compiled.utility_col[a]: 1.0 for a in compiled.actors}))
    return out


def cases() -> list[tuple[str, str]]:
    files = sorted(SCENARIOS.glob("*.yaml"))
    return [*KINDS.items(), *((p.name, p.read_text(encoding="utf-8")) for p in files)]


@pytest.mark.parametrize(("name", "text"), cases(), ids=[n for n, _ in cases()])
def test_highspy_session_agrees_with_scipy_milp(name: str, text: str) -> None:
    compiled = compile_scenario(zopa.loads(text, base_dir=str(SCENARIOS)))
    session = compiled.session()
    for label, objective in objectives(compiled):
        for maximize in (False, True):
            session.set_objective(objective, maximize=maximize)
            outcome = session.solve()
            theirs = scipy_optimum(compiled.ir, objective, maximize=maximize)
            if theirs is None:
                assert outcome.status is SolveStatus.INFEASIBLE, (label, maximize)
                continue
            assert outcome.status is SolveStatus.OPTIMAL, (label, maximize)
            assert outcome.objective is not None
            assert math.isclose(outcome.objective, theirs, abs_tol=1e-6), (label, maximize)


def test_the_cross_check_covers_both_outcomes() -> None:
    feasible = {name: compiled_feasible(text) for name, text in KINDS.items()}
    assert feasible["infeasible"] is False
    assert all(v for k, v in feasible.items() if k != "infeasible")


def compiled_feasible(text: str) -> bool:
    compiled = compile_scenario(zopa.loads(text))
    return scipy_optimum(compiled.ir, {}, maximize=False) is not None
