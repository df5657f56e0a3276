"""The constraint graph: factor tables against plain evaluation, the per-issue value
reduction, the min-fill order's induced width on graphs whose width is known by hand, and
the reasons a scenario has no graph."""

from __future__ import annotations

import itertools

import pytest

import zopa
from zopa.analysis import constraint_graph as cg
from zopa.scenario.evaluate import constraint_holds


def chain(n: int, *, cycle: bool = False) -> str:
    """n choice issues; red lines linking i_k and i_k+1 (and i_n-1 with i_0 on a cycle)."""
    lines = ["zopa: 1", "issues:"]
    lines += [f"  i{k}: {{type: choice, options: [a, b, c]}}" for k in range(n)]
    lines += ["actors:", "  x:", "    red_lines:"]
    pairs = [(k, k + 1) for k in range(n - 1)] + ([(n - 1, 0)] if cycle else [])
    lines += [f'      - {{id: r{a}, require: \'i{a} != "a" or i{b} == "b"\'}}' for a, b in pairs]
    lines += ["    preferences:"]
    lines += [f"      i{k}: {{weight: 1, values: {{a: 1, b: 0.5}}}}" for k in range(n)]
    lines += ["  y:", "    preferences:"]
    lines += [f"      i{k}: {{weight: 1, values: {{c: 1, b: 0.4}}}}" for k in range(n)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("n", "cycle", "width"), [(2, False, 1), (5, False, 1), (5, True, 2)])
def test_min_fill_width_is_the_known_treewidth(n: int, cycle: bool, width: int) -> None:
    graph = cg.build_graph(zopa.loads(chain(n, cycle=cycle)))
    assert isinstance(graph, cg.Graph)
    order, found = cg.elimination_order(graph)
    assert sorted(order) == list(range(n))
    assert found == width


def test_three_issue_tables_are_plain_evaluation() -> None:
    text = """
zopa: 1
issues:
  c: {type: choice, options: [p, q, r]}
  f: {type: boolean}
  n: {type: integer, min: 0, max: 3}
actors:
  x:
    red_lines:
      - {id: three, require: 'c in ["p", "r"] or not f or n >= 2'}
      - {id: cond, when: 'c == "q"', require: 'n <= 1'}
    preferences:
      c: {weight: 1, values: {p: 1, q: 1, r: 1}}
"""
    scenario = zopa.loads(text)
    issues = scenario.model.issues
    domains = [list(issues["c"].options), [False, True], [0, 1, 2, 3]]  # type: ignore[union-attr]
    table = cg._table(("c", "f", "n"), domains, (0, 1, 2), scenario.constraints)
    for (i, c), (j, f), (k, n) in itertools.product(*(enumerate(d) for d in domains)):
        deal = {"c": c, "f": f, "n": n}
        expect = all(constraint_holds(x, deal) for x in scenario.constraints)
        assert bool(table.allowed[i, j, k]) == expect


def test_values_alike_to_every_constraint_keep_only_the_undominated() -> None:
    """In `chain(2)`, i1's values b and c behave differently (b satisfies the red line), so
    both stay; i0's b and c are alike (both make the red line hold), and each is best for
    one actor, so both stay; with y indifferent to c, i0's c is dominated by b and goes."""
    graph = cg.build_graph(zopa.loads(chain(2)))
    assert isinstance(graph, cg.Graph)
    assert graph.values == (("a", "b", "c"), ("a", "b", "c"))
    flat = chain(2).replace("{c: 1, b: 0.4}", "{b: 0.4}")
    graph = cg.build_graph(zopa.loads(flat))
    assert isinstance(graph, cg.Graph)
    assert graph.values[0] == ("a", "b")
    assert graph.gains[0].shape == (2, 2)


def test_reasons_for_no_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    text = chain(2)
    monkeypatch.setattr(cg, "MAX_FACTOR_CELLS", 8)
    assert cg.build_graph(zopa.loads(text)) == (
        "a rule or red line over i0, i1 has 9 value combinations"
    )


def test_a_constant_false_rule_makes_the_graph_infeasible() -> None:
    text = chain(2).replace("actors:", "rules:\n  - {id: no, require: 'false'}\nactors:")
    graph = cg.build_graph(zopa.loads(text))
    assert isinstance(graph, cg.Graph)
    assert graph.infeasible
