"""`Scenario.groups`: every constraint group in one order, the one the compiled model uses."""

from __future__ import annotations

from pathlib import Path

import pytest

import zopa
from zopa.format.refs import GroupRef
from zopa.model.compile import compile_scenario
from zopa.testing.oracle import group_refs

SHIPPED = sorted((Path(__file__).resolve().parents[2] / "scenarios").rglob("*.yaml"))

TEXT = """\
zopa: 1
issues: {x: {type: number, min: 0, max: 1}}
actors:
  b:
    red_lines: [{id: two, require: x <= 0.9}, {id: one, require: x >= 0.1}]
  a:
    red_lines: [{id: z, require: x <= 0.8}]
rules: [{id: cap, require: x <= 0.95}]
"""


def test_groups_follow_the_yaml_order() -> None:
    scenario = zopa.loads(TEXT)
    assert scenario.groups == (
        GroupRef("b", "two"),
        GroupRef("b", "one"),
        GroupRef.reservation("b"),
        GroupRef("a", "z"),
        GroupRef.reservation("a"),
    )


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_compiled_model_and_the_oracle_use_the_same_order(path: Path) -> None:
    scenario = zopa.load(path)
    refs = [str(group) for group in scenario.groups]
    assert [group.ref for group in compile_scenario(scenario).groups] == refs
    assert list(group_refs(scenario)) == refs
    assert len(set(refs)) == len(refs)
