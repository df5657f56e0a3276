"""Property: whatever the input, loading ends in a Scenario or a ScenarioError — never another
exception (which the command line would have to report as an internal error) — and every
problem carries a position inside the file or none at all."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.scenario.changes import drop_option, set_option, without_option

settings.register_profile("fuzz", max_examples=150, deadline=None, derandomize=True)

BASE: dict[str, Any] = {
    "zopa": 1,
    "sources": {"doc": "missing.txt"},
    "issues": {
        "territory": {"type": "number", "min": 0, "max": 0.3, "status_quo": 0.2},
        "troops": {"type": "integer", "min": 0, "max": 9},
        "nato": {"type": "choice", "options": ["member", "neutral"], "ordered": True},
        "talks": {"type": "boolean"},
        "moves": {"type": "sequence", "steps": ["a", "b"], "status_quo": ["b", "a"]},
    },
    "rules": [{"id": "r", "require": "not talks or nato == 'neutral'"}],
    "actors": {
        "russia": {
            "red_lines": [
                {"id": "x", "require": "territory >= 0.1", "when": "talks", "firmness": 2},
                {"id": "y", "require": "moves.a < moves.b", "source": {"doc": "doc", "quote": "q"}},
            ],
            "preferences": {
                "territory": {"weight": 1, "curve": [[0, 0], [0.3, 1]]},
                "nato": {"weight": 2, "values": {"member": 0, "neutral": 1}},
                "talks": {"weight": 1, "values": {True: 1}},
                "moves.a": {"weight": 1, "curve": [[1, 1], [2, 0]]},
            },
            "reservation": 0.2,
        },
        "ukraine": {"red_lines": [{"id": "z", "require": "territory <= 0.2"}]},
    },
    "expect": [{"zopa": "exists"}, {"require": "nash.territory <= 0.2"}, {"binding": "russia/x"}],
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "",
            "x",
            "territory",
            "nato",
            "number",
            "choice",
            "a/b",
            "russia/x",
            "1e3",
            "no",
            "territory * territory",
            "nato >",
            "moves.c",
            "'",
            "[",
            "reservation",
            "rules",
        ]
    ),
    st.text(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "type",
                    "min",
                    "x",
                    "weight",
                    "curve",
                    "values",
                    "require",
                    "doc",
                    "1",
                    "true",
                ]
            )
            | st.text(max_size=4),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*prefix, index)))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(values)
    return data


def _check_problems(error: zopa.ScenarioError, text: str) -> None:
    lines = text.count("\n") + 1
    for problem in error.problems:
        assert problem.file == "f.yaml"
        assert problem.message
        if problem.line is not None:
            assert 1 <= problem.line <= lines
            assert problem.column is not None and problem.column >= 1


@settings(settings.get_profile("fuzz"))
@given(data=mutated())
def test_mutated_scenarios_load_or_fail_cleanly(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    try:
        zopa.loads(text, name="f.yaml")
    except zopa.ScenarioError as error:
        _check_problems(error, text)


@settings(settings.get_profile("fuzz"))
@given(
    text=st.text(alphabet=st.sampled_from(list("ab:- \n[]{}'\"#&*!|>?,.0123~\t%@`é")), max_size=60)
)
def test_arbitrary_text_loads_or_fails_cleanly(text: str) -> None:
    try:
        zopa.loads(text, name="f.yaml")
    except zopa.ScenarioError as error:
        _check_problems(error, text)


@settings(settings.get_profile("fuzz"))
@given(
    sets=st.lists(
        st.tuples(
            st.sampled_from(
                [".".join(map(str, p)) for p in _paths(BASE) if p]
                + ["actors.rusia.x", "issues.x.y.z", "a..b", ""]
            ),
            st.sampled_from(["0.5", "[", "{weight: 1}", "no", "", "*x", "territory > 0"]),
        ),
        max_size=3,
    ),
    drops=st.lists(
        st.sampled_from(["russia/x", "russia/reservation", "ukraine/q", "x", "a/b/c"]), max_size=2
    ),
    without=st.lists(st.sampled_from(["russia", "ukraine", "nobody"]), max_size=2),
)
def test_changes_load_or_fail_cleanly(
    sets: list[tuple[str, str]], drops: list[str], without: list[str]
) -> None:
    text = yaml.safe_dump(BASE, sort_keys=False)
    changes = [set_option(f"{path}={value}") for path, value in sets]
    changes += [drop_option(ref) for ref in drops] + [without_option(a) for a in without]
    from zopa.scenario.load import load_text

    try:
        load_text(text, name="f.yaml", changes=changes)
    except zopa.ScenarioError as error:
        _check_problems(error, text)
