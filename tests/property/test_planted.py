"""Exact oracles from planted scenarios, through the front door (`zopa.analyze`).

A planted deal is in the ZOPA by construction, so the zone exists and each reported range
contains it. A planted conflict is by construction the only minimal conflict, and dropping
either member alone is the only way out: the diagnosis must say exactly that.
"""

from __future__ import annotations

from hypothesis import given, settings

import zopa
from zopa.format.zone import BoolSet, NumberRange, OptionSet, StepPositions, Zone
from zopa.testing import strategies as zst

TOL = 1e-6
N = settings.default.max_examples


def _in_zone(zone: Zone, deal: zst.Deal) -> list[str]:
    """Issues whose reported range does not contain the deal's value."""
    outside: list[str] = []
    for issue, value in deal.items():
        found = zone.issues[issue]
        if isinstance(found, NumberRange):
            ok = isinstance(value, (int, float)) and found.min - TOL <= value <= found.max + TOL
        elif isinstance(found, OptionSet):
            ok = value in found.options
        elif isinstance(found, BoolSet):
            ok = value in found.values
        elif isinstance(found, StepPositions) and isinstance(value, tuple):
            ok = all(lo <= value.index(step) + 1 <= hi for step, lo, hi in found.positions)
        else:
            ok = False
        if not ok:
            outside.append(f"{issue}={value!r} not in {found}")
    return outside


@settings(max_examples=max(10, N // 4))
@given(zst.planted_deals())
def test_a_planted_deal_lies_in_the_reported_zone(planted: zst.PlantedDeal) -> None:
    result = zopa.analyze(planted.scenario, max_pareto=0)
    assert result.zopa.exists
    assert _in_zone(result.zopa, planted.deal) == []
    for actor, utility in planted.utilities.items():
        reported = result.zopa.utilities[actor]
        assert reported.min - TOL <= utility <= reported.max + TOL
        assert reported.min >= planted.scenario.actors[actor].reservation - TOL
    assert result.diagnosis.conflicts == () and result.diagnosis.relaxations == ()
    for solution in result.solutions.values():
        assert solution is not None


@settings(max_examples=max(10, N // 4))
@given(zst.planted_conflicts())
def test_a_planted_conflict_is_the_whole_diagnosis(planted: zst.PlantedConflict) -> None:
    result = zopa.analyze(planted.scenario)
    assert not result.zopa.exists
    assert all(solution is None for solution in result.solutions.values())
    assert result.pareto == ()
    diagnosis = result.diagnosis
    assert diagnosis.conflicts == (planted.conflict,)
    first, second = planted.conflict
    expected = sorted(
        [((first,), planted.firmness[first]), ((second,), planted.firmness[second])],
        key=lambda r: r[1],
    )
    found = [(r.drop, r.cost) for r in diagnosis.relaxations]
    assert {drop for drop, _ in found} == {(first,), (second,)}
    assert [cost for _, cost in found] == [cost for _, cost in expected]
    assert not diagnosis.truncated and not diagnosis.rules_infeasible
