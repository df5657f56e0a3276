"""Solutions and the frontier lie in the ZOPA, and nothing in the ZOPA dominates them.

Every deal the analysis reports is re-checked by plain evaluation, not by the solver: it
breaks no rule, red line or reservation under the documented tolerance semantics (negations
pushed down to comparisons, each comparison given `tol` in the direction the formula needs:
`zopa.analysis.certify`), and its reported utilities are the actors' utilities of it
(`zopa.scenario.evaluate.utility`). `violations(tol=1e-6)` would be the wrong judge at the
boundary: it evaluates a `when` antecedent tolerantly, so a deal exactly at the strict gap
of `not (a <= 0)` (a = 1e-6) counts as meeting `a <= 0`.

On finite scenarios the brute-force oracle lists the whole ZOPA, so "on the frontier" is
checked against every deal there is, and each solution's defining objective (Nash product,
smallest gain, sum) against its best value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from hypothesis import given, settings

import zopa
from zopa.analysis.certify import certify
from zopa.analysis.result import Result, Solution
from zopa.scenario.evaluate import utility
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle
from zopa.testing import strategies as zst

TOL = 1e-6
N = settings.default.max_examples
FINITE = {"kinds": ("integer", "choice", "boolean", "sequence"), "max_issues": 2}


def _utilities(scenario: Scenario, deal: Mapping[str, object]) -> list[float]:
    issues = scenario.model.issues
    return [utility(actor, issues, deal) for actor in scenario.actors.values()]  # type: ignore[arg-type]


def _dominates(a: Sequence[float], b: Sequence[float]) -> bool:
    """`a` is at least as good for everyone and better for someone, beyond tolerance."""
    return all(x >= y - TOL for x, y in zip(a, b, strict=True)) and any(
        x > y + TOL for x, y in zip(a, b, strict=True)
    )


def _reported(result: Result) -> list[tuple[str, Solution]]:
    named = [(name, s) for name, s in result.solutions.items() if s is not None]
    return named + [(f"pareto[{i}]", s) for i, s in enumerate(result.pareto)]


def _check_in_zone(scenario: Scenario, result: Result) -> None:
    for name, solution in _reported(result):
        certify(scenario, solution.deal)  # raises SolverError on a broken constraint
        evaluated = _utilities(scenario, solution.deal)
        assert list(solution.utilities) == list(scenario.actors)
        for got, want in zip(solution.utilities.values(), evaluated, strict=True):
            assert math.isclose(got, want, abs_tol=TOL), (name, got, want)


@settings(max_examples=max(10, N // 4))
@given(zst.feasible_scenarios(max_issues=3, max_actors=3))
def test_every_reported_deal_is_in_the_zopa_and_undominated_by_the_frontier(
    scenario: Scenario,
) -> None:
    result = zopa.analyze(scenario, max_pareto=50)
    _check_in_zone(scenario, result)
    frontier = [list(p.utilities.values()) for p in result.pareto]
    for name, solution in _reported(result):
        point = list(solution.utilities.values())
        assert not any(_dominates(p, point) for p in frontier), name


@settings(max_examples=max(10, N // 4))
@given(zst.feasible_scenarios(**FINITE))
def test_on_finite_scenarios_nothing_in_the_zopa_beats_a_solution(scenario: Scenario) -> None:
    result = zopa.analyze(scenario)
    _check_in_zone(scenario, result)
    vectors = [_utilities(scenario, deal) for deal in oracle.zopa_deals(scenario)]
    for name, solution in _reported(result):
        point = list(solution.utilities.values())
        assert not any(_dominates(v, point) for v in vectors), name
    if result.pareto_info.complete:
        distinct = {tuple(round(x, 6) for x in v) for v in vectors}
        frontier = [v for v in distinct if not any(_dominates(w, v) for w in distinct)]
        assert len(result.pareto) == len(frontier)
    reservations = [actor.reservation for actor in scenario.actors.values()]

    def gains(v: Sequence[float]) -> list[float]:
        return [u - r for u, r in zip(v, reservations, strict=True)]

    best = {
        "nash": max(math.prod(max(g, 0.0) for g in gains(v)) for v in vectors),
        "utilitarian": max(sum(v) for v in vectors),
        "egalitarian": max(min(gains(v)) for v in vectors),
    }
    found = {name: list(result.solutions[name].utilities.values()) for name in best}  # type: ignore[union-attr]
    assert math.prod(max(g, 0.0) for g in gains(found["nash"])) >= best["nash"] - TOL
    assert sum(found["utilitarian"]) >= best["utilitarian"] - TOL
    assert min(gains(found["egalitarian"])) >= best["egalitarian"] - TOL
