"""The separable fast path's parts: the numpy Pareto filter against a quadratic brute force
(ties, duplicates, 1 to 4 objectives), the issues a formula reads, which scenarios the path
takes, and its per-issue tables against plain evaluation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.analysis.separable import (
    GRID,
    formula_issues,
    frontier_order,
    issue_values,
    separable_frontier,
)
from zopa.scenario.evaluate import utility

EXAMPLES = settings(max_examples=max(10, settings.default.max_examples // 2))


def brute(vectors: np.ndarray, keys: np.ndarray) -> list[int]:
    """Non-dominated rows, one per distinct vector (smallest key), descending by vector."""
    grid = [tuple(int(x) for x in np.rint(v / GRID)) for v in vectors]
    best: dict[tuple[int, ...], int] = {}
    for i, g in enumerate(grid):
        if g not in best or tuple(keys[i]) < tuple(keys[best[g]]):
            best[g] = i
    kept = [
        g
        for g in best
        if not any(h != g and all(a >= b for a, b in zip(h, g, strict=True)) for h in best)
    ]
    return [best[g] for g in sorted(kept, reverse=True)]


@EXAMPLES
@given(
    st.integers(1, 4).flatmap(
        lambda p: st.lists(
            st.tuples(*[st.integers(0, 4)] * p, st.integers(0, 3)), min_size=1, max_size=60
        )
    )
)
def test_filter_matches_brute_force(rows: list[tuple[int, ...]]) -> None:
    vectors = np.array([r[:-1] for r in rows], dtype=np.float64) / 4
    keys = np.array([[r[-1], i] for i, r in enumerate(rows)], dtype=np.int64)
    assert frontier_order(vectors, keys).tolist() == brute(vectors, keys)


def test_filter_on_many_rows_uses_blocks_correctly() -> None:
    rng = np.random.default_rng(5)
    vectors = rng.integers(0, 30, size=(3000, 3)).astype(np.float64) / 30
    keys = np.arange(3000, dtype=np.int64)[:, None]
    assert frontier_order(vectors, keys).tolist() == brute(vectors, keys)


def test_float_noise_does_not_split_equal_vectors() -> None:
    vectors = np.array([[0.1 + 0.2, 0.5], [0.3, 0.5], [0.2, 0.4]])
    keys = np.array([[1], [0], [2]], dtype=np.int64)
    assert frontier_order(vectors, keys).tolist() == [1]


def test_formula_issues() -> None:
    scenario = zopa.loads(
        """
zopa: 1
issues:
  x: {type: number, min: 0, max: 1}
  c: {type: choice, options: [p, q]}
  f: {type: boolean}
  s: {type: sequence, steps: [u, v]}
actors:
  a:
    red_lines:
      - {id: one, require: "x <= 0.5 and (c == 'p' or not f)"}
      - {id: two, require: s.u < s.v}
      - {id: three, require: "true"}
"""
    )
    found = [formula_issues(c.require) for c in scenario.constraints]
    assert found == [{"x", "c", "f"}, {"s"}, set()]


APPLIES = """
zopa: 1
issues:
  c: {type: choice, options: [p, q, r]}
  n: {type: integer, min: 1, max: 3}
  s: {type: sequence, steps: [u, v, w]}
rules: [{id: no-r, require: c != "r"}]
actors:
  a:
    red_lines: [{id: first, require: s.u == 1}, {id: small, when: n >= 2, require: n <= 2}]
    preferences:
      c: {weight: 2, values: {p: 1, q: 0.5}}
      n: {weight: 1, curve: [[1, 0], [3, 1]]}
      s.v: {weight: 1, curve: [[1, 1], [3, 0]]}
  b:
    preferences: {c: {weight: 1, values: {q: 1}}, s.w: {weight: 2, curve: [[1, 1], [3, 0]]}}
"""


def test_single_issue_constraints_filter_values() -> None:
    """`c != r` (a rule), `s.u == 1`, and `n >= 2 -> n <= 2` each read one issue."""
    tables = issue_values(zopa.loads(APPLIES))
    assert tables is not None
    values = {t.issue: t.values for t in tables}
    assert values["c"] == ("p", "q")
    assert values["n"] == (2,)  # 1 and 2 allowed; 1 is dominated (a prefers 2, b indifferent)
    assert values["s"] == (("u", "v", "w"), ("u", "w", "v"))


def test_tables_add_up_to_utilities() -> None:
    scenario = zopa.loads(APPLIES)
    tables = issue_values(scenario)
    assert tables is not None
    deal = {t.issue: t.values[-1] for t in tables}
    total = sum(t.gains[-1] for t in tables)
    for a, actor in enumerate(scenario.actors.values()):
        assert total[a] == pytest.approx(utility(actor, scenario.model.issues, deal), abs=1e-12)


def test_a_constant_false_rule_means_no_zopa() -> None:
    text = APPLIES.replace('require: c != "r"', "require: 1 > 2")
    result = separable_frontier(zopa.loads(text), max_points=10)
    assert result is not None and result.total == 0 and result.points == ()


def test_the_path_declines_what_it_cannot_do() -> None:
    coupled = APPLIES.replace("require: s.u == 1", "require: s.u == n")
    assert issue_values(zopa.loads(coupled)) is None
    wide = APPLIES.replace("max: 3}", "max: 100000}")
    assert issue_values(zopa.loads(wide)) is None
    long = APPLIES.replace("steps: [u, v, w]", "steps: [u, v, w, s4, s5, s6, s7, s8]")
    assert issue_values(zopa.loads(long)) is None
