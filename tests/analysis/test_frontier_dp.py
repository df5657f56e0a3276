"""The constraint-graph dynamic program: the same frontier as brute force and, byte for byte,
as the MILP search on random coupled scenarios (two- and three-issue red lines, rules,
`when`, ties); through `pareto_frontier`, which names the method; and the fallback to the MILP
search, taken and reported where the program declines."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.analysis import frontier_dp as dp
from zopa.analysis.pareto import pareto_frontier, search_frontier
from zopa.analysis.result import Solution
from zopa.model.compile import compile_scenario
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle

SMALL = settings(max_examples=60, deadline=None)


def as_json(points: Sequence[Solution]) -> str:
    return json.dumps([p.to_dict() for p in points], sort_keys=True)


def assert_is_brute_force(scenario: Scenario, points: Sequence[Solution]) -> None:
    actors = list(scenario.actors)
    expect = oracle.pareto_of(scenario)
    got = [(tuple(round(p.utilities[a], 9) for a in actors), dict(p.deal)) for p in points]
    assert got == [(v, dict(d)) for v, d in expect]


@st.composite
def coupled_texts(draw: st.DrawFn) -> str:
    """Finite scenarios whose red lines and rules couple two or three issues; preferences on
    a coarse grid so that ties are common."""
    kinds = draw(
        st.lists(
            st.sampled_from(["choice", "boolean", "integer", "sequence"]), min_size=2, max_size=4
        )
    )
    lines = ["zopa: 1", "issues:"]
    atoms: list[list[str]] = []  # per issue: atoms that name it
    domains: list[tuple[str, list[str]]] = []  # per issue: its kind and options
    for i, kind in enumerate(kinds):
        name = f"i{i}"
        options = [f"o{j}" for j in range(draw(st.integers(2, 4)))]
        domains.append((kind, options))
        if kind == "choice":
            lines.append(f"  {name}: {{type: choice, options: [{', '.join(options)}]}}")
            atoms.append(
                [f'{name} == "{o}"' for o in options]
                + [f'{name} in ["{options[0]}", "{options[-1]}"]', f'{name} != "{options[1]}"']
            )
        elif kind == "boolean":
            lines.append(f"  {name}: {{type: boolean}}")
            atoms.append([name, f"not {name}"])
        elif kind == "integer":
            lines.append(f"  {name}: {{type: integer, min: 0, max: 3}}")
            atoms.append([f"{name} <= 1", f"{name} >= 2", f"{name} != 1"])
        else:
            lines.append(f"  {name}: {{type: sequence, steps: [s0, s1, s2]}}")
            atoms.append([f"{name}.s0 < {name}.s2", f"{name}.s1 == 1"])

    def preference(k: int) -> str:
        """One actor's preference on issue k, values on a coarse grid (ties are common)."""
        kind, options = domains[k]
        weight = draw(st.integers(1, 2))
        grid = st.sampled_from([0, 0.25, 0.5, 1])
        if kind == "choice":
            table = ", ".join(f"{o}: {draw(grid)}" for o in options)
            return f"i{k}: {{weight: {weight}, values: {{{table}}}}}"
        if kind == "boolean":
            return f"i{k}: {{weight: {weight}, values: {{true: {draw(grid)}}}}}"
        if kind == "integer":
            return f"i{k}: {{weight: {weight}, curve: [[0, {draw(grid)}], [3, {draw(grid)}]]}}"
        return f"i{k}.s0: {{weight: {weight}, curve: [[1, {draw(grid)}], [3, {draw(grid)}]]}}"

    issues = range(len(kinds))

    def clause() -> str:
        width = draw(st.integers(2, min(3, len(kinds))))
        chosen = draw(
            st.lists(st.sampled_from(issues), min_size=width, max_size=width, unique=True)
        )
        return " or ".join(draw(st.sampled_from(atoms[k])) for k in chosen)

    def constraint(ident: str) -> str:
        if draw(st.booleans()):
            a, b = draw(st.lists(st.sampled_from(issues), min_size=2, max_size=2, unique=True))
            when = draw(st.sampled_from(atoms[a])).replace("'", '"')
            body = draw(st.sampled_from(atoms[b])).replace("'", '"')
            return f"      - {{id: {ident}, when: '{when}', require: '{body}'}}"
        return f"      - {{id: {ident}, require: '{clause()}'}}"

    if draw(st.booleans()):
        lines.append("rules:")
        lines.append(constraint("rule").replace("      - ", "  - ", 1))
    lines.append("actors:")
    for a in range(draw(st.integers(2, 3))):
        lines += [f"  a{a}:", f"    reservation: {draw(st.sampled_from([0, 0.2, 0.4]))}"]
        lines.append("    preferences:")
        for k in issues:
            if draw(st.integers(0, 3)):
                lines.append(f"      {preference(k)}")
        if lines[-1] == "    preferences:":
            lines.pop()
        red = [constraint(f"r{n}") for n in range(draw(st.integers(0, 2)))]
        if red:
            lines += ["    red_lines:", *red]
    return "\n".join(lines) + "\n"


@SMALL
@given(coupled_texts())
def test_the_program_is_brute_force_and_the_milp_search(text: str) -> None:
    scenario = zopa.loads(text)
    found = dp.frontier_dp(scenario, max_points=1000)
    assert isinstance(found, dp.DpFrontier), found
    assert found.total == len(found.points)
    assert_is_brute_force(scenario, found.points)
    compiled = compile_scenario(scenario)
    points, info = pareto_frontier(compiled)
    assert as_json(points) == as_json(found.points)
    milp, milp_info = search_frontier(compiled)
    assert as_json(milp) == as_json(points)
    assert (info.complete, info.note) == (milp_info.complete, milp_info.note)
    assert info.method.startswith(("dynamic program", "separable"))


COUPLED = """
zopa: 1
issues:
  nato: {type: choice, options: [member, deferred, never]}
  guarantees: {type: boolean}
  troops: {type: integer, min: 0, max: 4}
actors:
  east:
    red_lines:
      - {id: security, when: 'nato == "deferred"', require: guarantees}
      - {id: three, require: 'nato != "member" or not guarantees or troops <= 1'}
    preferences:
      nato: {weight: 2, values: {member: 1, deferred: 0.5}}
      guarantees: {weight: 1, values: {true: 1}}
      troops: {weight: 1, curve: [[0, 0], [4, 1]]}
  west:
    reservation: 0.2
    preferences:
      nato: {weight: 2, values: {never: 1, deferred: 0.6}}
      guarantees: {weight: 1, values: {false: 1}}
      troops: {weight: 1, curve: [[0, 1], [4, 0]]}
"""


def test_a_coupled_scenario_by_the_program_names_it() -> None:
    scenario = zopa.loads(COUPLED)
    points, info = pareto_frontier(compile_scenario(scenario))
    assert info == type(info)(complete=True, method=info.method, note="")
    assert info.method == "dynamic program over the constraint graph (induced width 2)"
    assert_is_brute_force(scenario, points)


def test_a_limit_lists_the_first_points_and_says_how_many() -> None:
    scenario = zopa.loads(COUPLED)
    every, _ = pareto_frontier(compile_scenario(scenario))
    points, info = pareto_frontier(compile_scenario(scenario), max_points=2)
    assert as_json(points) == as_json(every[:2])
    assert not info.complete
    assert info.note == f"2 of {len(every)} points listed (the limit): the first in frontier order"


def test_real_numbers_fall_back_without_a_new_note() -> None:
    text = COUPLED.replace(
        "troops: {type: integer, min: 0, max: 4}", "troops: {type: number, min: 0, max: 4}"
    )
    scenario = zopa.loads(text)
    assert dp.dp_declines(scenario) == "issue troops is a real number"
    points, info = pareto_frontier(compile_scenario(scenario))
    assert points
    assert info.method == "epsilon-constraint"
    assert info.note.startswith("the deal space has real numbers")


def test_a_wide_graph_falls_back_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dp, "MAX_WIDTH", 1)
    scenario = zopa.loads(COUPLED)
    assert dp.frontier_dp(scenario, max_points=10) == (
        "the constraint graph's induced width is 2 (the most is 1)"
    )
    points, info = pareto_frontier(compile_scenario(scenario))
    assert info.method == "epsilon-constraint"
    assert info.note == (
        "the exact dynamic program declined: the constraint graph's induced width is 2 "
        "(the most is 1)"
    )
    assert info.complete
    assert_is_brute_force(scenario, points)


def test_partial_frontiers_past_the_cap_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dp, "MAX_ROWS", 3)
    found = dp.frontier_dp(zopa.loads(COUPLED), max_points=10)
    assert found == "the partial frontiers grew past 3 vectors"


def test_a_rule_no_deal_can_meet_means_no_zopa() -> None:
    text = COUPLED.replace("actors:", "rules:\n  - {id: never, require: 'troops > 4'}\nactors:")
    found = dp.frontier_dp(zopa.loads(text), max_points=10)
    assert isinstance(found, dp.DpFrontier)
    assert (found.points, found.total) == ((), 0)


@pytest.mark.parametrize("prefilter", [False, True])
@pytest.mark.parametrize("objectives", [1, 2, 3, 4])
def test_the_grouped_filter_is_brute_force_per_group(
    objectives: int, prefilter: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Groups of every size class the filter batches (1, 2-8, 9-32, 33-128) and beyond,
    with and without the sentinel prefilter of large inputs."""
    import numpy as np

    if prefilter:
        monkeypatch.setattr(dp, "_PREFILTER_ROWS", 0)

    rng = np.random.default_rng(objectives)
    sizes = [1, 3, 8, 20, 32, 60, 128, 300, 700]
    keys = np.repeat(rng.permutation(len(sizes)), sizes).astype(np.int64)
    sums = rng.integers(0, 6, size=(len(keys), objectives)) * 0.25
    picks = rng.permutation(len(keys)).astype(np.int64)[:, None]
    got = dp._grouped_frontier(keys, sums, picks).tolist()
    expect: list[int] = []
    for key in sorted(set(keys.tolist())):
        rows = [i for i in range(len(keys)) if keys[i] == key]
        best: dict[tuple[float, ...], int] = {}
        for i in rows:
            v = tuple(sums[i])
            if v not in best or picks[i, 0] < picks[best[v], 0]:
                best[v] = i
        kept = [v for v in best if not any(w != v and all(np.greater_equal(w, v)) for w in best)]
        expect += sorted(best[v] for v in kept)
    by_group = sorted(got, key=lambda i: (keys[i], i))
    assert by_group == sorted(expect, key=lambda i: (keys[i], i))
    assert [keys[i] for i in got] == sorted(keys[i] for i in got)  # grouped, ascending
