"""The Pareto frontier: hand-derived frontiers (finite and continuous), the limits and the
no-ZOPA case, brute-force agreement on random finite scenarios (2 and 3 actors, through the
MILP search), and the separable fast path giving byte-identical answers to the MILP search."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.analysis.pareto import pareto_frontier, search_frontier
from zopa.analysis.result import ParetoInfo, Solution
from zopa.analysis.separable import separable_frontier
from zopa.model.compile import compile_scenario
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle
from zopa.testing import strategies as zst

FINITE = ("integer", "choice", "boolean", "sequence")
EXAMPLES = settings(max_examples=max(5, settings.default.max_examples // 4))


def frontier(text: str, **options: Any) -> tuple[tuple[Solution, ...], ParetoInfo]:
    return pareto_frontier(compile_scenario(zopa.loads(text)), **options)


def vectors(points: Sequence[Solution], actors: Sequence[str]) -> list[tuple[float, ...]]:
    return [tuple(round(p.utilities[a], 9) for a in actors) for p in points]


def as_json(points: Sequence[Solution]) -> str:
    return json.dumps([p.to_dict() for p in points])


# --- by hand ---------------------------------------------------------------------------------

SPLIT = """
zopa: 1
issues:
  split: {type: choice, options: [all_a, most_a, half, most_b, all_b, waste]}
  fee: {type: boolean}
actors:
  a:
    preferences:
      split: {weight: 3, values: {all_a: 1, most_a: 0.75, half: 0.5, most_b: 0.25, waste: 0.2}}
      fee: {weight: 1, values: {false: 1}}
  b:
    preferences:
      split: {weight: 3, values: {all_b: 1, most_b: 0.75, half: 0.5, most_a: 0.25, waste: 0.2}}
      fee: {weight: 1, values: {false: 1}}
    reservation: 0.3
"""


def test_two_actor_frontier_by_hand() -> None:
    """Both prefer no fee, so fee = false everywhere on the frontier: a = (3s + 1)/4,
    b = (3(1 - s) + 1)/4 for a's share s. `waste` (0.2, 0.2) is dominated; b's reservation
    0.3 rules out all_a (b = 0.25). Frontier, a descending: most_a, half, most_b, all_b."""
    points, info = frontier(SPLIT)
    assert info.complete and info.note == ""
    assert [p.deal["split"] for p in points] == ["most_a", "half", "most_b", "all_b"]
    assert all(p.deal["fee"] is False for p in points)
    assert vectors(points, ["a", "b"]) == [
        (0.8125, 0.4375),
        (0.625, 0.625),
        (0.4375, 0.8125),
        (0.25, 1.0),
    ]


def test_the_milp_search_finds_the_same_frontier() -> None:
    compiled = compile_scenario(zopa.loads(SPLIT))
    milp, info = search_frontier(compiled)
    assert as_json(milp) == as_json(pareto_frontier(compiled)[0])
    assert info.complete and info.method == "epsilon-constraint"


def test_a_limit_cuts_the_list_and_says_so() -> None:
    points, info = frontier(SPLIT, max_points=2)
    assert len(points) == 2
    assert not info.complete
    assert "2 of 4" in info.note
    milp, milp_info = search_frontier(compile_scenario(zopa.loads(SPLIT)), max_points=2)
    assert len(milp) == 2 and not milp_info.complete and "limit" in milp_info.note


def test_no_zopa_no_frontier() -> None:
    text = SPLIT.replace(
        "reservation: 0.3", "reservation: 0.3\n    red_lines: [{id: x, require: split == 'waste'}]"
    )
    text = text.replace("  a:\n", "  a:\n    red_lines: [{id: y, require: split != 'waste'}]\n")
    points, info = frontier(text)
    assert points == () and info.complete and info.note == "no ZOPA"
    points, info = search_frontier(compile_scenario(zopa.loads(text)))
    assert points == () and info.complete and info.note == "no ZOPA"


SEGMENT = """
zopa: 1
issues: {x: {type: number, min: 0, max: 1}}
actors:
  one: {preferences: {x: {weight: 1, curve: [[0, 0], [1, 1]]}}}
  two: {preferences: {x: {weight: 1, curve: [[0, 1], [1, 0.7]]}}}
"""


def test_a_continuous_frontier_is_listed_at_a_resolution() -> None:
    """Every deal is on the frontier (0, 1) - (1, 0.7), u2 = 1 - 0.3 u1. The search steps
    0.01 in the second actor's utility from its lowest to its highest value: 31 points."""
    points, info = frontier(SEGMENT)
    assert not info.complete and "0.01 apart" in info.note
    got = vectors(points, ["one", "two"])
    assert len(got) == 31
    assert got[0] == pytest.approx((1.0, 0.7), abs=1e-9)
    assert got[-1] == pytest.approx((0.0, 1.0), abs=1e-9)
    for u1, u2 in got:
        assert u2 == pytest.approx(1 - 0.3 * u1, abs=1e-9)
    steps = [b[1] - a[1] for a, b in itertools.pairwise(got)]
    assert all(s == pytest.approx(0.01, abs=1e-6) for s in steps)


def test_resolution_is_adjustable() -> None:
    points, _ = frontier(SEGMENT, resolution=0.1)
    assert len(points) == 4  # 0.7, 0.8, 0.9, 1.0


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="max_points"):
        frontier(SPLIT, max_points=-1)
    with pytest.raises(ValueError, match="resolution"):
        frontier(SPLIT, resolution=0.0)


THREE = """
zopa: 1
issues:
  host: {type: choice, options: [a, b, c]}
  menu: {type: choice, options: [fish, meat, veg]}
actors:
  a:
    preferences: {host: {weight: 2, values: {a: 1}}, menu: {weight: 1, values: {fish: 1, veg: 0.5}}}
  b:
    preferences: {host: {weight: 2, values: {b: 1}}, menu: {weight: 1, values: {meat: 1, veg: 0.5}}}
  c:
    red_lines: [{id: no-fish, require: menu != "fish"}]
    preferences: {host: {weight: 1, values: {c: 1}}, menu: {weight: 1, values: {veg: 1}}}
"""


def test_three_actor_frontier_by_hand() -> None:
    """No fish (c's red line). Utilities (a, b, c) = (2[host a] + menu_a, 2[host b] +
    menu_b, [host c] + menu_c) / (3, 3, 2), menu values meat (0, 1, 0), veg (.5, .5, 1).
    Dominated: host c with meat (0, 1/3, 1/2) by host c with veg (1/6, 1/6, 1)? No — b
    loses. Work through all six: (a, meat) = (2/3, 1/3, 0); (a, veg) = (5/6, 1/6, 1/2);
    (b, meat) = (0, 1, 0); (b, veg) = (1/6, 5/6, 1/2); (c, meat) = (0, 1/3, 1/2);
    (c, veg) = (1/6, 1/6, 1). Only (c, meat) is dominated (by (b, veg))."""
    points, info = frontier(THREE)
    assert info.complete
    got = [(p.deal["host"], p.deal["menu"]) for p in points]
    assert got == [("a", "veg"), ("a", "meat"), ("b", "veg"), ("c", "veg"), ("b", "meat")]
    milp, _ = search_frontier(compile_scenario(zopa.loads(THREE)))
    assert as_json(milp) == as_json(points)


# --- against brute force --------------------------------------------------------------------


def assert_matches_brute_force(scenario: Scenario, points: Sequence[Solution]) -> None:
    expect = dict(oracle.pareto_of(scenario))
    actors = list(scenario.actors)
    got = vectors(points, actors)
    assert sorted(got, reverse=True) == got  # listed lexicographically descending
    assert set(got) == set(expect)
    for v, point in zip(got, points, strict=True):
        assert dict(point.deal) == dict(expect[v])


@EXAMPLES
@given(zst.feasible_scenarios(max_issues=3, max_actors=2, max_red_lines=3, kinds=FINITE))
def test_two_actor_search_matches_brute_force(scenario: Scenario) -> None:
    points, info = search_frontier(compile_scenario(scenario))
    assert info.complete
    assert_matches_brute_force(scenario, points)


@EXAMPLES
@given(zst.feasible_scenarios(max_issues=3, max_actors=3, max_red_lines=3, kinds=FINITE))
def test_search_matches_brute_force(scenario: Scenario) -> None:
    points, info = search_frontier(compile_scenario(scenario))
    assert info.complete
    assert_matches_brute_force(scenario, points)


@EXAMPLES
@given(zst.feasible_scenarios(max_issues=3, max_actors=3, max_red_lines=3, kinds=FINITE))
def test_frontier_matches_brute_force(scenario: Scenario) -> None:
    """Through `pareto_frontier`: the fast path where it applies, the search elsewhere."""
    points, info = pareto_frontier(compile_scenario(scenario))
    assert info.complete
    assert_matches_brute_force(scenario, points)


# --- the fast path and the search agree byte for byte ------------------------------------------


@st.composite
def separable_texts(draw: st.DrawFn) -> str:
    """Finite scenarios whose red lines each name one issue (the fast path applies)."""
    lines = ["zopa: 1", "issues:"]
    kinds = draw(st.lists(st.sampled_from(FINITE), min_size=1, max_size=4))
    issues: list[tuple[str, str, list[Any]]] = []
    for i, kind in enumerate(kinds):
        name = f"i{i}"
        if kind == "choice":
            options = [f"o{j}" for j in range(draw(st.integers(2, 4)))]
            lines.append(f"  {name}: {{type: choice, options: [{', '.join(options)}]}}")
            issues.append((name, kind, options))
        elif kind == "integer":
            top = draw(st.integers(1, 4))
            lines.append(f"  {name}: {{type: integer, min: 0, max: {top}}}")
            issues.append((name, kind, list(range(top + 1))))
        elif kind == "boolean":
            lines.append(f"  {name}: {{type: boolean}}")
            issues.append((name, kind, [True, False]))
        else:
            steps = [f"s{j}" for j in range(draw(st.integers(2, 3)))]
            lines.append(f"  {name}: {{type: sequence, steps: [{', '.join(steps)}]}}")
            issues.append((name, kind, steps))
    lines.append("actors:")
    tenths = st.integers(0, 10).map(lambda k: k / 10)
    for a in range(draw(st.integers(2, 3))):
        lines += [f"  a{a}:", f"    reservation: {draw(st.sampled_from([0, 0.2, 0.35]))}"]
        lines.append("    preferences:")
        for name, kind, values in issues:
            if not draw(st.booleans()):
                continue
            weight = draw(st.integers(1, 3))
            if kind == "choice":
                table = ", ".join(f"{o}: {draw(tenths)}" for o in values)
                lines.append(f"      {name}: {{weight: {weight}, values: {{{table}}}}}")
            elif kind == "boolean":
                lines.append(
                    f"      {name}: {{weight: {weight}, values: {{true: {draw(tenths)}}}}}"
                )
            elif kind == "integer":
                ends = f"[[0, {draw(tenths)}], [4, {draw(tenths)}]]"
                lines.append(f"      {name}: {{weight: {weight}, curve: {ends}}}")
            else:
                step = draw(st.sampled_from(values))
                ends = f"[[1, 1], [3, {draw(tenths)}]]"
                lines.append(f"      {name}.{step}: {{weight: {weight}, curve: {ends}}}")
        if lines[-1] == "    preferences:":
            lines.pop()
        red: list[str] = []
        for name, kind, values in issues:
            if draw(st.integers(0, 3)) != 0:
                continue
            if kind == "choice":
                red.append(f'{name} != "{draw(st.sampled_from(values))}"')
            elif kind == "integer":
                red.append(f"{name} <= {draw(st.sampled_from(values))}")
            elif kind == "boolean":
                red.append(name if draw(st.booleans()) else f"not {name}")
            else:
                red.append(f"{name}.{values[0]} < {name}.{values[-1]}")
        if red:
            lines.append("    red_lines:")
            lines += [f"      - {{id: r{n}, require: '{body}'}}" for n, body in enumerate(red)]
    return "\n".join(lines) + "\n"


@EXAMPLES
@given(separable_texts())
def test_fast_path_and_search_give_the_same_json(text: str) -> None:
    scenario = zopa.loads(text)
    compiled = compile_scenario(scenario)
    assert separable_frontier(scenario, max_points=1000) is not None
    fast, fast_info = pareto_frontier(compiled)
    milp, milp_info = search_frontier(compiled)
    assert as_json(fast) == as_json(milp)
    assert (fast_info.complete, fast_info.note) == (milp_info.complete, milp_info.note)
    assert fast_info.method.startswith("separable")
    assert_matches_brute_force(scenario, fast)


def test_coupling_red_lines_turn_the_fast_path_off() -> None:
    coupled = SPLIT.replace(
        "    reservation: 0.3",
        "    reservation: 0.3\n    red_lines: [{id: c, require: fee or split == 'half'}]",
    )
    assert separable_frontier(zopa.loads(coupled), max_points=10) is None
    assert separable_frontier(zopa.loads(SPLIT), max_points=10) is not None
    assert separable_frontier(zopa.loads(SEGMENT), max_points=10) is None  # a real number
    points, info = frontier(coupled)
    assert info.method.startswith("dynamic program over the constraint graph")
    assert_matches_brute_force(zopa.loads(coupled), points)
    milp, milp_info = search_frontier(compile_scenario(zopa.loads(coupled)))
    assert milp_info.method == "epsilon-constraint"
    assert as_json(milp) == as_json(points)


def test_large_separable_frontier_is_fast() -> None:
    """3 parties × 7 issues × 10 options (10^7 deals): the fast path, well under the time
    the MILP search or enumeration would take."""
    import sys
    import time
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from bench_bargaining import synthetic_yaml

    scenario = zopa.loads(synthetic_yaml(3, 7, 10))
    start = time.perf_counter()
    result = separable_frontier(scenario, max_points=1000)
    elapsed = time.perf_counter() - start
    assert result is not None and 100 < result.total <= 1000
    assert elapsed < 5.0
    utilities = [tuple(p.utilities.values()) for p in result.points]
    for i, u in enumerate(utilities[:50]):  # mutually non-dominated (spot check)
        assert not any(
            j != i and all(x >= y for x, y in zip(v, u, strict=True)) and v != u
            for j, v in enumerate(utilities)
        )
    assert math.isfinite(sum(sum(u) for u in utilities))
