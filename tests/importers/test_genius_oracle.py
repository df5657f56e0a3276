"""The imported scenarios against a brute-force oracle built straight from the XML.

The oracle here reads the GENIUS files with `xml.etree.ElementTree` (not the importer), turns
each profile into GENIUS's utility (weights normalised to sum 1, evaluations divided by the
issue's largest), and enumerates every outcome. Two checks per domain:

1. zopa's plain evaluation of the imported scenario (`zopa.testing.oracle.enumerate_deals` +
   `zopa.scenario.evaluate.utility`) gives GENIUS's utility for every outcome;
2. `zopa.analyze`'s Pareto frontier is exactly the set of non-dominated utility vectors of the
   enumeration (one deal per distinct vector), each deal carrying its true utilities.
"""

from __future__ import annotations

import functools
import itertools
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import zopa
from zopa.scenario.evaluate import utility
from zopa.testing.oracle import enumerate_deals

TOL = 1e-9

Outcome = tuple[str, ...]


def _domain_values(path: Path) -> list[tuple[int, list[str]]]:
    objective = ET.parse(path).getroot().iter("objective").__next__()
    return [
        (int(issue.attrib["index"]), [item.attrib["value"] for item in issue.iter("item")])
        for issue in objective.findall("issue")
    ]


def _profile_table(path: Path, domain: list[tuple[int, list[str]]]) -> list[dict[str, float]]:
    """Per domain issue: value -> normalised weight x normalised evaluation."""
    objective = ET.parse(path).getroot().iter("objective").__next__()
    weights = {int(w.attrib["index"]): float(w.attrib["value"]) for w in objective.iter("weight")}
    total = sum(weights.values())
    evaluations = {
        int(issue.attrib["index"]): {
            item.attrib["value"]: float(item.attrib["evaluation"]) for item in issue.iter("item")
        }
        for issue in objective.findall("issue")
    }
    table = []
    for index, values in domain:
        top = max(evaluations[index].values())
        share = weights[index] / total
        table.append({v: share * evaluations[index][v] / top for v in values})
    return table


@functools.cache
def _brute_force(case: Any) -> tuple[list[Outcome], np.ndarray]:
    """Every outcome (domain order, last issue fastest) and its utility per profile."""
    domain = _domain_values(case.domain_path)
    tables = [_profile_table(p, domain) for p in case.profile_paths]
    outcomes = list(itertools.product(*(values for _, values in domain)))
    utilities = np.array(
        [[sum(t[i][v] for i, v in enumerate(outcome)) for t in tables] for outcome in outcomes]
    )
    return outcomes, utilities


def _non_dominated(utilities: np.ndarray) -> np.ndarray:
    """The distinct non-dominated rows (within TOL), found by a sweep in lexicographically
    decreasing order: anything that dominates or equals a row comes before it."""
    order = np.lexsort(tuple(-utilities[:, k] for k in reversed(range(utilities.shape[1]))))
    kept: list[np.ndarray] = []
    for row in utilities[order]:
        if kept and np.any(np.all(np.array(kept) >= row - TOL, axis=1)):
            continue
        kept.append(row)
    return np.array(kept)


@functools.cache
def _frontier(case: Any) -> np.ndarray:
    return _non_dominated(_brute_force(case)[1])


def test_zopa_utilities_equal_genius_utilities_on_every_outcome(case: Any) -> None:
    outcomes, expected = _brute_force(case)
    scenario = zopa.load(case.scenario_path)
    actors = list(scenario.actors.values())
    issues = scenario.model.issues
    deals = list(enumerate_deals(scenario))
    assert len(deals) == case.outcomes == len(outcomes)
    for deal, outcome, row in zip(deals, outcomes, expected, strict=True):
        assert tuple(deal.values()) == outcome
        got = [utility(actor, issues, deal) for actor in actors]
        assert got == pytest.approx(list(row), abs=1e-12)


def _require_real_frontier(result: Any) -> None:
    if result.pareto_info.method == "not computed":
        pytest.skip("analysis.pareto is still the engine's placeholder")


def _match(points: np.ndarray, frontier: np.ndarray) -> None:
    """Each reported point is a distinct frontier vector, and every frontier vector is
    reported (a bijection within TOL)."""
    assert points.shape == frontier.shape, f"{len(points)} points, {len(frontier)} expected"
    unmatched = list(range(len(frontier)))
    for point in points:
        hits = [j for j in unmatched if np.max(np.abs(frontier[j] - point)) <= 1e-7]
        assert hits, f"reported point {point} is not on the brute-force frontier"
        unmatched.remove(hits[0])
    assert unmatched == []


SLOW_BUDGET = 20.0
"""Seconds the largest domain's analysis may take before its check is skipped as too slow."""


def test_pareto_frontier_equals_brute_force(case: Any) -> None:
    outcomes, utilities = _brute_force(case)
    frontier = _frontier(case)
    scenario = zopa.load(case.scenario_path)
    start = time.perf_counter()
    result = zopa.analyze(scenario)
    elapsed = time.perf_counter() - start
    _require_real_frontier(result)
    if case.outcomes > 10_000 and elapsed > SLOW_BUDGET:
        pytest.skip(f"analysis took {elapsed:.1f} s (> {SLOW_BUDGET} s budget)")
    assert result.pareto_info.complete
    actors = list(scenario.actors)
    index = {outcome: k for k, outcome in enumerate(outcomes)}
    points = []
    for solution in result.pareto:
        true = utilities[index[tuple(solution.deal.values())]]
        reported = np.array([solution.utilities[a] for a in actors])
        assert np.max(np.abs(true - reported)) <= 1e-7
        points.append(true)
    _match(np.array(points), frontier)


FRONTIER_SIZES = {
    "Laptop": 4,
    "ItexvsCypress": 18,
    "EnglandZimbabwe": 25,
    "Camera": 16,
    "Politics": 124,
}
"""Distinct non-dominated utility vectors per domain, from a separate pairwise-dominance script
(every outcome checked against every kept point): a check on the sweep above."""


def test_brute_force_frontier_sizes(case: Any) -> None:
    assert len(_frontier(case)) == FRONTIER_SIZES[case.folder]


def test_milp_frontier_search_equals_brute_force(case: Any) -> None:
    """The general path (epsilon constraints on the MILP), which `analyze` skips here because
    these scenarios are separable, finds the same frontier on the real domains."""
    pareto = pytest.importorskip("zopa.analysis.pareto")
    search_frontier = getattr(pareto, "search_frontier", None)
    if search_frontier is None:
        pytest.skip("zopa.analysis.pareto has no search_frontier")
    from zopa.model.compile import compile_scenario

    outcomes, utilities = _brute_force(case)
    scenario = zopa.load(case.scenario_path)
    start = time.perf_counter()
    points, info = search_frontier(compile_scenario(scenario))
    elapsed = time.perf_counter() - start
    if case.outcomes > 10_000 and elapsed > SLOW_BUDGET:
        pytest.skip(f"MILP frontier search took {elapsed:.1f} s (> {SLOW_BUDGET} s budget)")
    assert info.complete
    index = {outcome: k for k, outcome in enumerate(outcomes)}
    actors = list(scenario.actors)
    found = []
    for solution in points:
        true = utilities[index[tuple(solution.deal.values())]]
        assert max(abs(true[k] - solution.utilities[a]) for k, a in enumerate(actors)) <= 1e-7
        found.append(true)
    _match(np.array(found), _frontier(case))
