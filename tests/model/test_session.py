"""The persistent session of the engine API: groups enforced and dropped, requirements
added and released, rows and columns added and freed, polished integral solutions."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from zopa.expr.tree import Not
from zopa.format.tolerances import STRICT_GAP
from zopa.model.compile import CompiledModel, GroupKind
from zopa.model.solver import Outcome, SolveStatus

Compile = Callable[[str], CompiledModel]

TEXT = """
zopa: 1
issues:
  x: {type: number, min: 0, max: 10}
  c: {type: choice, options: [lo, mid, hi]}
actors:
  a:
    red_lines:
      - {id: cap, require: 'x <= 4', firmness: 0.5}
      - {id: mid, require: 'c == "mid"', when: 'x >= 2'}
    preferences: {x: {weight: 1, curve: [[0, 0], [10, 1]]}}
    reservation: 0.1
  b:
    red_lines: [{id: floor, require: 'x >= 3'}]
"""


def max_x(compiled: CompiledModel, session: object) -> Outcome:
    from zopa.model.session import Session

    assert isinstance(session, Session)
    session.set_objective({compiled.issue_cols("x")[0]: 1.0}, maximize=True)
    return session.solve()


def test_groups_in_yaml_order_with_firmness(compile_text: Compile) -> None:
    compiled = compile_text(TEXT)
    assert [(g.ref, g.kind, g.firmness) for g in compiled.groups] == [
        ("a/cap", GroupKind.RED_LINE, 0.5),
        ("a/mid", GroupKind.RED_LINE, 1.0),
        ("a/reservation", GroupKind.RESERVATION, 1.0),
        ("b/floor", GroupKind.RED_LINE, 1.0),
        ("b/reservation", GroupKind.RESERVATION, 1.0),
    ]
    assert compiled.actors == ("a", "b")
    assert compiled.reservation("a") == 0.1
    with pytest.raises(KeyError):
        compiled.formula_of("a/reservation")


def test_enforce_drops_and_restores_a_group(compile_text: Compile) -> None:
    compiled = compile_text(TEXT)
    session = compiled.session()
    assert max_x(compiled, session).objective == pytest.approx(4.0)
    session.enforce("a/cap", False)
    assert max_x(compiled, session).objective == pytest.approx(10.0)
    session.enforce("a/cap", True)
    assert max_x(compiled, session).objective == pytest.approx(4.0)
    with pytest.raises(KeyError, match="no group"):
        session.enforce("a/nope", False)


def test_reservation_group(compile_text: Compile) -> None:
    compiled = compile_text(TEXT)
    session = compiled.session()
    x = compiled.issue_cols("x")[0]
    session.set_bounds(x, 0.0, 0.5)  # utility 0.05 < 0.1 and x < 3: two groups fail
    session.enforce("b/floor", False)
    assert session.solve().status is SolveStatus.INFEASIBLE
    session.enforce("a/reservation", False)
    assert session.solve().status is SolveStatus.OPTIMAL


def test_require_the_negation_of_a_group_shows_whether_it_binds(compile_text: Compile) -> None:
    compiled = compile_text(TEXT)
    session = compiled.session()
    session.enforce("a/mid", False)
    z = session.require(Not(compiled.formula_of("a/mid")), name="not a/mid")
    outcome = session.solve()
    assert outcome.status is SolveStatus.OPTIMAL and outcome.values is not None
    deal = compiled.decode(outcome.values)
    assert deal["c"] != "mid" and float(deal["x"]) >= 2  # type: ignore[arg-type]
    session.set_bounds(z, 0.0, 0.0)  # released: the requirement no longer applies
    session.enforce("a/mid", True)
    assert session.solve().status is SolveStatus.OPTIMAL


def test_require_takes_big_m_from_the_widest_bounds_seen(compile_text: Compile) -> None:
    compiled = compile_text(TEXT)
    session = compiled.session()
    x = compiled.issue_cols("x")[0]
    session.enforce("a/cap", False)
    session.enforce("b/floor", False)
    session.set_bounds(x, 3.5, 3.5)
    z = session.require(Not(compiled.formula_of("a/cap")))  # x > 4
    assert session.solve().status is SolveStatus.INFEASIBLE
    session.set_bounds(x, 0.0, 10.0)
    session.set_bounds(z, 0.0, 0.0)  # released: x goes down to 1 (a's reservation, x/10)
    session.set_objective({x: 1.0}, maximize=False)
    assert session.solve().objective == pytest.approx(1.0)
    session.set_bounds(z, 1.0, 1.0)
    assert session.solve().objective == pytest.approx(4.0 + STRICT_GAP)


def test_added_rows_and_columns(compile_text: Compile) -> None:
    compiled = compile_text(TEXT)
    session = compiled.session()
    x = compiled.issue_cols("x")[0]
    t = session.add_column(0.0, math.inf, name="t")
    row = session.add_row({t: 1.0, x: -2.0}, 0.0, 0.0)
    session.set_objective({t: 1.0}, maximize=True)
    assert session.solve().objective == pytest.approx(8.0)
    session.remove_rows([row])
    assert session.solve().status is SolveStatus.UNBOUNDED
    assert session.num_columns == compiled.ir.num_columns + 1
    assert session.num_rows == compiled.ir.num_rows + 1


def test_polish_makes_integer_columns_exactly_integral(compile_text: Compile) -> None:
    compiled = compile_text(TEXT)
    session = compiled.session()
    session.set_objective({compiled.issue_cols("x")[0]: 1.0}, maximize=True)
    exact = session.solve()
    assert exact.values is not None
    assert session.polish(exact) is exact
    leaky = list(exact.values)
    for col in compiled.issue_cols("c"):
        leaky[col] = 1.0 - 3e-7 if leaky[col] > 0.5 else 3e-7
    polished = session.polish(Outcome(SolveStatus.OPTIMAL, tuple(leaky), exact.objective))
    assert polished.values is not None
    assert all(polished.values[c] in (0.0, 1.0) for c in compiled.issue_cols("c"))
    assert polished.objective == pytest.approx(4.0)
    # Bounds are restored: the whole model is free again afterwards.
    session.enforce("a/cap", False)
    assert session.solve().objective == pytest.approx(10.0)


def test_set_row_bounds_moves_an_added_row(compile_text: Compile) -> None:
    compiled = compile_text(TEXT)
    session = compiled.session()
    x = compiled.issue_cols("x")[0]
    row = session.add_row({x: 1.0}, -math.inf, 3.5)
    assert max_x(compiled, session).objective == pytest.approx(3.5)
    session.set_row_bounds(row, -math.inf, 2.0)  # below b/floor (x >= 3): nothing is left
    assert session.solve().status is SolveStatus.INFEASIBLE
    session.set_row_bounds(row, -math.inf, math.inf)
    assert max_x(compiled, session).objective == pytest.approx(4.0)
