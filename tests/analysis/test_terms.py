"""Conditional utility terms through the whole engine: zone, bargaining, Pareto frontier and
diagnosis of random finite scenarios with terms agree with brute-force enumeration (plain
evaluation of every deal), and the separable fast path steps aside."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

import zopa
from zopa.analysis.separable import issue_values
from zopa.analysis.zone import compute_zone
from zopa.model.compile import compile_scenario
from zopa.scenario.evaluate import actor_utility, violations
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle
from zopa.testing import strategies as zst

FINITE = ("integer", "choice", "boolean", "sequence")
TOL = 1e-6
EXAMPLES = settings(max_examples=40, deadline=None)

WITH_TERMS = zst.with_terms(zst.scenarios(max_issues=3, max_actors=3, kinds=FINITE))
FEASIBLE_WITH_TERMS = zst.with_terms(
    zst.feasible_scenarios(max_issues=3, max_actors=3, max_red_lines=2, kinds=FINITE)
)

INTERACTION = """
zopa: 1
issues:
  ceasefire: {type: boolean}
  guarantees: {type: boolean}
actors:
  kyiv:
    preferences:
      ceasefire: {weight: 1, values: {true: 1}}
    terms:
      - {when: ceasefire and guarantees, weight: 3}
    reservation: 0.5
  moscow:
    preferences:
      guarantees: {weight: 1, values: {false: 1}}
"""


def _utilities(scenario: Scenario, deal: oracle.Deal) -> tuple[float, ...]:
    return tuple(actor_utility(scenario, a, deal) for a in scenario.actors)


def test_a_term_rewards_a_combination_that_no_additive_utility_can() -> None:
    scenario = zopa.loads(INTERACTION)
    both = {"ceasefire": True, "guarantees": True}
    assert actor_utility(scenario, "kyiv", both) == pytest.approx(1.0)
    assert actor_utility(scenario, "kyiv", {**both, "guarantees": False}) == pytest.approx(0.25)
    result = zopa.analyze(scenario)
    # Kyiv's reservation 0.5 needs the term: ceasefire with guarantees is the only deal.
    assert result.zopa.exists
    assert result.zopa.issues["guarantees"].to_dict() == {"values": [True]}
    assert result.solutions["nash"] is not None
    assert dict(result.solutions["nash"].deal) == both
    assert scenario.has_terms
    assert issue_values(scenario) is None


def test_missing_terms_are_an_error_not_a_wrong_utility() -> None:
    from zopa.scenario.evaluate import utility

    scenario = zopa.loads(INTERACTION)
    with pytest.raises(ValueError, match="conditional terms"):
        utility(scenario.actors["kyiv"], scenario.model.issues, {"ceasefire": True})


@EXAMPLES
@given(WITH_TERMS)
def test_zone_with_terms_equals_brute_force(scenario: Scenario) -> None:
    got = compute_zone(compile_scenario(scenario))
    want = oracle.zone_of(scenario)
    assert got.exists == want.exists
    assert dict(got.issues) == dict(want.issues)
    for actor, span in want.utilities.items():
        assert got.utilities[actor].min == pytest.approx(span.min, abs=TOL)
        assert got.utilities[actor].max == pytest.approx(span.max, abs=TOL)


def _frontier(vectors: set[tuple[float, ...]]) -> set[tuple[float, ...]]:
    return {
        v
        for v in vectors
        if not any(w != v and all(x >= y for x, y in zip(w, v, strict=True)) for w in vectors)
    }


@EXAMPLES
@given(FEASIBLE_WITH_TERMS)
def test_bargaining_and_pareto_with_terms_equal_brute_force(scenario: Scenario) -> None:
    deals = oracle.zopa_deals(scenario)
    result = zopa.analyze(scenario)
    assert result.zopa.exists == bool(deals)
    if not deals:
        return
    actors = list(scenario.actors)
    reservation = [float(scenario.actors[a].reservation) for a in actors]
    vectors = [_utilities(scenario, d) for d in deals]
    rounded = {tuple(round(u, 9) for u in v) for v in vectors}
    listed = {tuple(round(s.utilities[a], 9) for a in actors) for s in result.pareto}
    assert listed == _frontier(rounded)
    best_sum = max(sum(v) for v in vectors)
    best_min_gain = max(min(u - r for u, r in zip(v, reservation, strict=True)) for v in vectors)
    for name, solution in result.solutions.items():
        assert solution is not None, name
        assert violations(scenario, solution.deal, tol=1e-9) == [], name
        got = _utilities(scenario, solution.deal)
        assert got == pytest.approx(tuple(solution.utilities[a] for a in actors), abs=1e-9)
        if name == "utilitarian":
            assert sum(got) == pytest.approx(best_sum, abs=TOL)
        if name == "egalitarian":
            gains = [u - r for u, r in zip(got, reservation, strict=True)]
            assert min(gains) == pytest.approx(best_min_gain, abs=TOL)
    nash = result.solutions["nash"]
    assert nash is not None
    got = _utilities(scenario, nash.deal)
    gains = [[u - r for u, r in zip(v, reservation, strict=True)] for v in vectors]
    if all(max(g[i] for g in gains) > 1e-6 for i in range(len(actors))):
        best = max(math.prod(max(x, 0.0) for x in g) for g in gains)
        product = math.prod(u - r for u, r in zip(got, reservation, strict=True))
        assert product == pytest.approx(best, rel=1e-6, abs=1e-12)


@EXAMPLES
@given(WITH_TERMS)
def test_diagnosis_with_terms_equals_brute_force(scenario: Scenario) -> None:
    result = zopa.analyze(scenario)
    if result.zopa.exists:
        lines = [ref for ref in result.diagnosis.binding if not ref.endswith("/reservation")]
        assert lines == oracle.binding_red_lines(scenario)
        return
    assert [tuple(c) for c in result.diagnosis.conflicts] == oracle.minimal_conflicts(scenario)
    expected = oracle.minimal_relaxations(scenario)
    got = [(tuple(r.drop), r.cost) for r in result.diagnosis.relaxations]
    assert got == [(drop, pytest.approx(cost)) for drop, cost in expected]


def test_the_exact_dynamic_program_steps_aside_for_terms() -> None:
    from zopa.analysis.frontier_dp import dp_declines
    from zopa.analysis.pareto import pareto_frontier

    scenario = zopa.loads(INTERACTION)
    assert dp_declines(scenario) == (
        "conditional utility terms make utilities non-additive over issues"
    )
    points, info = pareto_frontier(compile_scenario(scenario))
    assert info.complete
    assert "conditional utility terms" in info.note
    want = [vector for vector, _ in oracle.pareto_of(scenario)]
    got = [tuple(round(u, 9) for u in point.utilities.values()) for point in points]
    assert got == want
