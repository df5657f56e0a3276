"""Conditional utility terms (`actors.A.terms`) added to generated scenarios: random
conditions over a scenario's own issues, so that every engine path meets utilities that are
not additive over issues."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from hypothesis import strategies as st

import zopa
from zopa.format.schema import (
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    NumberIssue,
    SequenceIssue,
)
from zopa.scenario.scenario import Scenario
from zopa.testing._generate import dump

_SAFE_OPTION = re.compile(r"^[A-Za-z0-9_ -]{1,40}$")
TERM_WEIGHTS = (0.5, 1, 2, 3)


@st.composite
def atoms(draw: st.DrawFn, scenario: Scenario) -> str:
    """One condition on one issue of `scenario`, as expression text."""
    key, issue = draw(st.sampled_from(list(scenario.model.issues.items())))
    if isinstance(issue, BooleanIssue):
        return draw(st.sampled_from([key, f"not {key}"]))
    if isinstance(issue, ChoiceIssue):
        safe = [o for o in issue.options if _SAFE_OPTION.match(o)]
        if not safe:
            return "true"
        chosen = draw(st.lists(st.sampled_from(safe), min_size=1, max_size=2, unique=True))
        return f"{key} in [{', '.join(json.dumps(o) for o in chosen)}]"
    if isinstance(issue, IntegerIssue):
        bound = draw(st.integers(issue.min, issue.max))
        return f"{key} {draw(st.sampled_from(['<=', '>=', '==']))} {bound}"
    if isinstance(issue, NumberIssue):
        level = round(draw(st.floats(float(issue.min), float(issue.max), allow_nan=False)), 3)
        return f"{key} {draw(st.sampled_from(['<=', '>=']))} {level!r}"
    if isinstance(issue, SequenceIssue):
        step = draw(st.sampled_from(issue.steps))
        return f"{key}.{step} <= {draw(st.integers(1, len(issue.steps)))}"
    raise TypeError(issue)


@st.composite
def conditions(draw: st.DrawFn, scenario: Scenario) -> str:
    """An atom, its negation, or two atoms joined by `and` / `or`."""
    first = draw(atoms(scenario))
    shape = draw(st.sampled_from(["atom", "not", "and", "or"]))
    if shape == "atom":
        return first
    if shape == "not":
        return f"not ({first})"
    return f"({first}) {shape} ({draw(atoms(scenario))})"


@st.composite
def with_terms(
    draw: st.DrawFn, base: st.SearchStrategy[Scenario], *, max_terms: int = 2
) -> Scenario:
    """A scenario drawn from `base` with up to `max_terms` conditional terms added to each
    actor (at least one in all)."""
    scenario = draw(base)
    raw: dict[str, Any] = copy.deepcopy(scenario.raw)
    actors = list(raw["actors"])
    counts = draw(
        st.lists(st.integers(0, max_terms), min_size=len(actors), max_size=len(actors)).filter(any)
    )
    for actor, count in zip(actors, counts, strict=True):
        body = raw["actors"][actor]
        if body is None:
            body = raw["actors"][actor] = {}
        body["terms"] = [
            {"when": draw(conditions(scenario)), "weight": draw(st.sampled_from(TERM_WEIGHTS))}
            for _ in range(count)
        ]
    return zopa.loads(dump(raw), name=scenario.name)
