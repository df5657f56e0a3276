"""`compare`: differences between two analyses, as printed values."""

from __future__ import annotations

import zopa
from zopa.analysis.compare import compare

TEXT = """\
zopa: 1
issues:
  size: {type: integer, min: 0, max: 4}
actors:
  a:
    red_lines: [{id: big, require: size >= 2}]
    preferences: {size: {weight: 1, curve: [[0, 0], [4, 1]]}}
  b:
    red_lines: [{id: small, require: size <= 3}]
    preferences: {size: {weight: 1, curve: [[0, 1], [4, 0]]}}
"""


def test_identical_analyses_are_the_same() -> None:
    scenario = zopa.loads(TEXT)
    result = zopa.analyze(scenario)
    comparison = compare(result, zopa.analyze(scenario), names=("a", "b"))
    assert comparison.same
    assert comparison.differences == ()


def test_closing_the_zone_lists_what_went() -> None:
    scenario = zopa.loads(TEXT)
    before = zopa.analyze(scenario)
    after = zopa.analyze(scenario.with_changes(set={"actors.b.red_lines.0.require": "size <= 1"}))
    comparison = compare(before, after, names=("file", "file --set ..."))
    paths = [d.path for d in comparison.differences]
    assert paths[:2] == ["zopa.exists", "zopa.issues.size"]
    assert comparison.differences[0].before is True and comparison.differences[0].after is False
    assert comparison.differences[1].before == {"min": 2, "max": 3}
    assert comparison.differences[1].after is None
    assert "solutions.nash" in paths
    assert comparison.conflicts.added == (["a/big", "b/small"],)
    assert comparison.binding.removed == ("a/big", "b/small")
    assert comparison.pareto_size == (2, 0)
    assert not comparison.same


def test_a_moved_deal_is_reported_per_issue() -> None:
    scenario = zopa.loads(TEXT)
    before = zopa.analyze(scenario)
    after = zopa.analyze(scenario.with_changes(set={"actors.a.red_lines.0.require": "size >= 3"}))
    diffs = {
        d.path: (d.before, d.after) for d in compare(before, after, names=("x", "y")).differences
    }
    assert diffs["solutions.nash.deal.size"] == (2, 3)
    assert diffs["zopa.issues.size"] == ({"min": 2, "max": 3}, {"min": 3, "max": 3})
