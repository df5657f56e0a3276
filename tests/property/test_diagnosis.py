"""The diagnosis keeps its definitions (FORMAT §4), checked by re-solving variants.

- every conflict is infeasible (its groups alone, with the rules, admit no deal) and minimal
  (without any one member they do);
- every relaxation opens a ZOPA and is minimal (putting any one member back closes it), and
  relaxations come cheapest first with their cost the summed firmness;
- a red line reported as not binding can be dropped without changing the zone.
"""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import zopa
from zopa.analysis.result import Result
from zopa.analysis.zone import compute_zone
from zopa.format.zone import NumberRange, Zone
from zopa.model.compile import compile_scenario
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle
from zopa.testing import strategies as zst

N = settings.default.max_examples
SMALL = {"max_issues": 3, "max_actors": 3, "max_red_lines": 2}


def _candidates(scenario: Scenario) -> list[str]:
    """The groups a diagnosis may name: red lines, and reservations above 0."""
    return [
        ref
        for ref in oracle.group_refs(scenario)
        if not ref.endswith("/reservation") or scenario.actors[ref.split("/")[0]].reservation > 0
    ]


def _exists(scenario: Scenario, dropped: Iterable[str]) -> bool:
    variant = scenario.with_changes(drop=sorted(set(dropped)))
    return compute_zone(compile_scenario(variant)).exists


def _no_zopa(scenario: Scenario) -> bool:
    return not compute_zone(compile_scenario(scenario)).exists


@st.composite
def _deadlocks(draw: st.DrawFn) -> tuple[Scenario, Result]:
    scenario = draw(
        st.one_of(zst.scenarios(**SMALL), zst.infeasible_scenarios(**SMALL)).filter(_no_zopa)
    )
    return scenario, zopa.analyze(scenario, max_conflicts=5)


@settings(max_examples=max(10, N // 4))
@given(_deadlocks())
def test_every_conflict_is_infeasible_and_minimal(case: tuple[Scenario, Result]) -> None:
    scenario, result = case
    diagnosis = result.diagnosis
    assume(not diagnosis.rules_infeasible)
    assert diagnosis.conflicts, "no ZOPA, so at least one conflict"
    groups = _candidates(scenario)
    for conflict in diagnosis.conflicts:
        others = [g for g in groups if g not in conflict]
        assert not _exists(scenario, others), f"{conflict} holds together"
        for member in conflict:
            assert _exists(scenario, [*others, member]), f"{conflict} without {member}"


@settings(max_examples=max(10, N // 4))
@given(_deadlocks())
def test_every_relaxation_opens_a_zopa_and_is_minimal(case: tuple[Scenario, Result]) -> None:
    scenario, result = case
    relaxations = result.diagnosis.relaxations
    assert relaxations, "no ZOPA, so at least one way out"
    costs = [r.cost for r in relaxations]
    assert costs == sorted(costs)
    for relaxation in relaxations:
        firmness = sum(oracle.firmness_of(scenario, ref) for ref in relaxation.drop)
        assert abs(relaxation.cost - firmness) <= 1e-9
        assert _exists(scenario, relaxation.drop), f"{relaxation.drop} opens nothing"
        for member in relaxation.drop:
            kept = [ref for ref in relaxation.drop if ref != member]
            assert not _exists(scenario, kept), f"{relaxation.drop} is not minimal"


@settings(max_examples=max(10, N // 4))
@given(st.data())
def test_a_red_line_that_is_not_binding_can_go_without_a_trace(data: st.DataObject) -> None:
    scenario = data.draw(zst.feasible_scenarios(**SMALL).filter(lambda s: bool(s.red_lines)))
    result = zopa.analyze(scenario, max_pareto=0)
    loose = [c.ref for c in scenario.red_lines if c.ref not in result.diagnosis.binding]
    assume(loose)
    ref = data.draw(st.sampled_from(loose))
    without = compute_zone(compile_scenario(scenario.with_changes(drop=[ref])))
    assert _same_zone(without, result.zopa), (ref, without, result.zopa)


def _same_zone(a: Zone, b: Zone) -> bool:
    """Equal zones, numbers within 1e-6 (a solver reports 0 as 1.7e-18 now and then)."""
    if a.exists != b.exists or a.issues.keys() != b.issues.keys():
        return False
    ranges = [(a.issues[k], b.issues[k]) for k in a.issues]
    ranges += [(a.utilities[k], b.utilities[k]) for k in a.utilities]
    for x, y in ranges:
        if isinstance(x, NumberRange) and isinstance(y, NumberRange):
            if abs(x.min - y.min) > 1e-6 or abs(x.max - y.max) > 1e-6:
                return False
        elif x != y:
            return False
    return a.utilities.keys() == b.utilities.keys()
