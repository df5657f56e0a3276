"""`certify`: plain re-evaluation of deals, independent of the solver, with the tolerance
given in the direction the formula needs."""

from __future__ import annotations

import pytest

import zopa
from zopa.analysis.certify import certified_solution, certify
from zopa.errors import SolverError
from zopa.expr.evaluate import evaluate as holds
from zopa.model.compile import compile_scenario
from zopa.scenario.scenario import Scenario

TEXT = """
zopa: 1
issues:
  x: {type: number, min: 0, max: 1}
  c: {type: choice, options: [a, b]}
  p: {type: integer, min: 0, max: 3}
  s: {type: sequence, steps: [one, two]}
rules:
  - {id: sane, require: 'p <= 2'}
actors:
  u:
    red_lines:
      - {id: low, require: 'x <= 0.5'}
      - {id: half, require: 'not (0.5 * p < 0.5)'}
      - {id: cond, require: 'c == "b"', when: 'x < 0.3'}
    preferences:
      x: {weight: 3, curve: [[0, 1], [1, 0]]}
      c: {weight: 1, values: {b: 1}}
    reservation: 0.5
  v:
    preferences: {s.two: {weight: 1, curve: [[1, 0], [2, 1]]}}
"""


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return zopa.loads(TEXT)


def test_a_good_deal_returns_every_utility(scenario: Scenario) -> None:
    deal = {"x": 0.2, "c": "b", "p": 1, "s": ("one", "two")}
    assert certify(scenario, deal) == pytest.approx({"u": (3 * 0.8 + 1) / 4, "v": 1.0})
    swapped = {**deal, "s": ("two", "one")}
    assert certify(scenario, swapped)["v"] == 0.0


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"x": 0.6}, "u/low"),
        ({"p": 0}, "u/half"),
        ({"p": 3}, "rules/sane"),
        ({"x": 0.2, "c": "a"}, "u/cond"),
        ({"x": 0.5, "c": "a"}, "u/reservation"),  # (3 * 0.5 + 0) / 4 < 0.5
        ({"x": 0.3, "c": "a"}, None),  # the `when` is false at its strict boundary: 0.525
        ({"x": 1.5}, "x: 1.5 is above its max"),
        ({"c": "z"}, "not one of its options"),
    ],
)
def test_violations_are_named(
    scenario: Scenario, change: dict[str, object], named: str | None
) -> None:
    deal = {"x": 0.4, "c": "b", "p": 1, "s": ("one", "two"), **change}
    if named is None:
        certify(scenario, deal)
        return
    with pytest.raises(SolverError, match=named.replace("(", r"\(")):
        certify(scenario, deal)


def test_negated_strict_comparison_at_its_boundary_holds(scenario: Scenario) -> None:
    """`not (0.5 * p < 0.5)` at p = 1 is exactly `0.5 >= 0.5`: it holds. Evaluating the
    strict `<` with slack first and negating afterwards would wrongly reject it."""
    formula = scenario.constraint("u/half").require
    assert holds(formula, {"p": 1}, tol=1e-6)
    assert not holds(formula, {"p": 0}, tol=1e-6)


def test_when_at_its_strict_boundary(scenario: Scenario) -> None:
    constraint = scenario.constraint("u/cond")
    assert constraint.when is not None
    assert holds(constraint.when, {"x": 0.3}, tol=1e-6, negate=True)  # x < 0.3 is false


def test_certified_solution_decodes_then_certifies(scenario: Scenario) -> None:
    compiled = compile_scenario(scenario)
    session = compiled.session()
    session.set_objective({compiled.utility_col["u"]: 1.0}, maximize=True)
    outcome = session.solve()
    assert outcome.values is not None
    solution = certified_solution(compiled, outcome.values)
    assert solution.deal["c"] == "b" and solution.deal["x"] == pytest.approx(0.0)
    assert solution.utilities["u"] == pytest.approx(1.0)
