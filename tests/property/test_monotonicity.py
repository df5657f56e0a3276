"""Weakening a position never shrinks the ZOPA; adding one never enlarges it.

The ZOPA is an intersection of constraints, so these hold for any scenario: dropping a red
line, relaxing one (`require: (R) or (S)`, or a new `when:`), lowering a reservation; and in
reverse, adding a red line. Zones are compared through what the engine reports: each
issue's range and each actor's utility range must contain (or lie within) the other's.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.analysis.zone import compute_zone
from zopa.format.zone import BoolSet, NumberRange, OptionSet, StepPositions, Zone
from zopa.model.compile import compile_scenario
from zopa.scenario.scenario import Scenario
from zopa.testing import strategies as zst

TOL = 1e-6
N = settings.default.max_examples
SMALL = {"max_issues": 3, "max_actors": 2, "max_red_lines": 2}


def _zone(scenario: Scenario) -> Zone:
    return compute_zone(compile_scenario(scenario))


def _range_within(inner: object, outer: object) -> bool:
    if isinstance(inner, NumberRange) and isinstance(outer, NumberRange):
        return outer.min - TOL <= inner.min and inner.max <= outer.max + TOL
    if isinstance(inner, OptionSet) and isinstance(outer, OptionSet):
        return set(inner.options) <= set(outer.options)
    if isinstance(inner, BoolSet) and isinstance(outer, BoolSet):
        return set(inner.values) <= set(outer.values)
    if isinstance(inner, StepPositions) and isinstance(outer, StepPositions):
        bounds = {step: (lo, hi) for step, lo, hi in outer.positions}
        return all(bounds[s][0] <= lo and hi <= bounds[s][1] for s, lo, hi in inner.positions)
    return False


def _within(inner: Zone, outer: Zone) -> list[str]:
    """Why `inner` is not within `outer` (empty: it is). An empty zone is within any."""
    if not inner.exists:
        return []
    if not outer.exists:
        return ["the smaller zone exists but the larger does not"]
    problems = [
        f"{issue}: {found} not within {outer.issues[issue]}"
        for issue, found in inner.issues.items()
        if not _range_within(found, outer.issues[issue])
    ]
    problems += [
        f"utility of {actor}: {found} not within {outer.utilities[actor]}"
        for actor, found in inner.utilities.items()
        if not _range_within(found, outer.utilities[actor])
    ]
    return problems


def _red_line_paths(scenario: Scenario) -> list[tuple[str, str]]:
    """(ref, YAML path) of every red line."""
    return [(c.ref, c.path) for c in scenario.red_lines]


def _texts(scenario: Scenario) -> list[str]:
    texts = [c.require_text for c in scenario.constraints]
    texts += [c.when_text for c in scenario.constraints if c.when_text is not None]
    return texts


@settings(max_examples=max(10, N // 4))
@given(st.data())
def test_dropping_a_red_line_never_shrinks_the_zopa(data: st.DataObject) -> None:
    scenario = data.draw(zst.scenarios(**SMALL).filter(lambda s: bool(s.red_lines)))
    ref, _ = data.draw(st.sampled_from(_red_line_paths(scenario)))
    before, after = _zone(scenario), _zone(scenario.with_changes(drop=[ref]))
    assert _within(before, after) == []


@settings(max_examples=max(10, N // 4))
@given(st.data())
def test_relaxing_a_red_line_never_shrinks_the_zopa(data: st.DataObject) -> None:
    scenario = data.draw(zst.scenarios(**SMALL).filter(lambda s: bool(s.red_lines)))
    ref, path = data.draw(st.sampled_from(_red_line_paths(scenario)))
    line = scenario.constraint(ref)
    other = data.draw(st.sampled_from(_texts(scenario)))
    if line.when_text is None and data.draw(st.booleans()):
        relaxed = scenario.with_changes(set={f"{path}.when": other})
    else:
        relaxed = scenario.with_changes(
            set={f"{path}.require": f"({line.require_text}) or ({other})"}
        )
    assert _within(_zone(scenario), _zone(relaxed)) == []


@settings(max_examples=max(10, N // 4))
@given(st.data())
def test_lowering_a_reservation_never_shrinks_the_zopa(data: st.DataObject) -> None:
    scenario = data.draw(zst.scenarios(**SMALL))
    actor = data.draw(st.sampled_from(list(scenario.actors)))
    share = data.draw(st.floats(0, 1))
    lower = scenario.actors[actor].reservation * share
    relaxed = scenario.with_changes(set={f"actors.{actor}.reservation": lower})
    assert _within(_zone(scenario), _zone(relaxed)) == []


@settings(max_examples=max(10, N // 4))
@given(st.data())
def test_adding_a_red_line_never_enlarges_the_zopa(data: st.DataObject) -> None:
    scenario = data.draw(zst.scenarios(**SMALL).filter(lambda s: bool(s.constraints)))
    texts = _texts(scenario)
    first, second = data.draw(st.sampled_from(texts)), data.draw(st.sampled_from(texts))
    shape = data.draw(st.sampled_from(["{a}", "not ({a})", "({a}) or ({b})", "({a}) and ({b})"]))
    actor = data.draw(st.sampled_from(list(scenario.actors)))
    lines = list(scenario.raw["actors"][actor].get("red_lines", []))
    at = data.draw(st.integers(0, len(lines)))
    lines.insert(at, {"id": "added-by-the-test", "require": shape.format(a=first, b=second)})
    stricter = scenario.with_changes(set={f"actors.{actor}.red_lines": lines})
    assert _within(_zone(stricter), _zone(scenario)) == []
