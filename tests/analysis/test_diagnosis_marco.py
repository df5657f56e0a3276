"""The set-enumeration core of diagnosis (`zopa.analysis.marco`) against brute force.

A fake oracle stands for the solver: a random antichain of "true" conflicts decides which
sets of groups are feasible, and brute force over all subsets gives every minimal conflict
and every minimal correction set to compare with.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.analysis.marco import (
    GroupSet,
    conflict_sets,
    correction_sets,
    minimal_correction,
)

FAST = settings(max_examples=settings.default.max_examples)  # `ci`/`long` profiles decide the rest


class SetOracle:
    """Feasible = contains none of `conflicts`; cost of a set = sum of `firmness`."""

    def __init__(self, n: int, conflicts: Sequence[GroupSet], firmness: Sequence[float]):
        self.n = n
        self.conflicts = list(conflicts)
        self.firmness = list(firmness)
        self.calls = 0

    def feasible(self, enforced: GroupSet) -> bool:
        self.calls += 1
        return not any(c <= enforced for c in self.conflicts)

    def grow(self, enforced: GroupSet) -> GroupSet:
        kept = set(enforced)
        for g in range(self.n):
            if g not in kept and self.feasible(frozenset(kept | {g})):
                kept.add(g)
        return frozenset(kept)

    def cheapest_correction(self, cuts: Sequence[GroupSet]) -> GroupSet | None:
        everything = frozenset(range(self.n))
        best: tuple[float, GroupSet] | None = None
        for dropped in all_subsets(self.n):
            if any(c <= dropped for c in cuts) or not self.feasible(everything - dropped):
                continue
            cost = sum(self.firmness[g] for g in dropped)
            if best is None or cost < best[0]:
                best = (cost, dropped)
        return None if best is None else best[1]


def all_subsets(n: int) -> list[GroupSet]:
    return [frozenset(c) for k in range(n + 1) for c in itertools.combinations(range(n), k)]


def brute_muses(oracle: SetOracle) -> set[GroupSet]:
    infeasible = [s for s in all_subsets(oracle.n) if not oracle.feasible(s)]
    return {s for s in infeasible if all(oracle.feasible(s - {g}) for g in s)}


def brute_mcses(oracle: SetOracle) -> set[GroupSet]:
    everything = frozenset(range(oracle.n))
    corr = [d for d in all_subsets(oracle.n) if oracle.feasible(everything - d)]
    return {d for d in corr if not any(e < d for e in corr)}


@st.composite
def set_systems(draw: st.DrawFn) -> SetOracle:
    n = draw(st.integers(1, 7))
    raw = draw(st.lists(st.frozensets(st.integers(0, n - 1), min_size=1, max_size=n), max_size=6))
    conflicts = [c for c in raw if not any(o < c for o in raw)]
    conflicts = sorted(set(conflicts), key=lambda c: (len(c), sorted(c)))
    if not conflicts:
        conflicts = [frozenset({0})]
    firmness = draw(st.lists(st.sampled_from([0.25, 0.5, 1.0, 2.0]), min_size=n, max_size=n))
    return SetOracle(n, conflicts, firmness)


def names(n: int) -> list[str]:
    return [f"g{i}" for i in range(n)]


@FAST
@given(set_systems())
def test_conflicts_are_exactly_the_minimal_infeasible_subsets(oracle: SetOracle) -> None:
    mcses = correction_sets(oracle, oracle.n, limit=1000)
    found = conflict_sets(oracle, names(oracle.n), mcses.sets, limit=1000, max_checks=10_000)
    assert found.complete
    assert set(found.sets) == brute_muses(oracle) == set(oracle.conflicts)
    assert len(found.sets) == len(set(found.sets))
    sizes = [len(s) for s in found.sets]
    assert sizes == sorted(sizes), "minimal conflicts come out smallest first"


@FAST
@given(set_systems())
def test_conflicts_found_from_a_partial_map(oracle: SetOracle) -> None:
    """Seeded with a single correction set, the map still learns every conflict."""
    first = correction_sets(oracle, oracle.n, limit=0)
    found = conflict_sets(oracle, names(oracle.n), first.sets[:1], limit=1000, max_checks=10_000)
    assert found.complete
    assert set(found.sets) == brute_muses(oracle)


@FAST
@given(set_systems())
def test_corrections_are_exactly_the_minimal_correction_sets_cheapest_first(
    oracle: SetOracle,
) -> None:
    found = correction_sets(oracle, oracle.n, limit=1000)
    assert found.complete
    assert set(found.sets) == brute_mcses(oracle)
    costs = [sum(oracle.firmness[g] for g in s) for s in found.sets]
    assert costs == sorted(costs)


@FAST
@given(set_systems(), st.integers(0, 3))
def test_limits_report_incompleteness(oracle: SetOracle, limit: int) -> None:
    mcses = correction_sets(oracle, oracle.n, limit=limit)
    assert mcses.complete == (len(brute_mcses(oracle)) <= limit)
    assert len(mcses.sets) <= limit + 1
    muses = conflict_sets(oracle, names(oracle.n), mcses.sets, limit=limit, max_checks=10_000)
    assert muses.complete == (len(brute_muses(oracle)) <= limit)
    assert set(muses.sets) <= brute_muses(oracle)


def test_budget_cuts_the_search_short() -> None:
    # 4 disjoint pairs: 16 MCSes; seeded with one MCS the map needs several grows.
    conflicts = [frozenset({2 * i, 2 * i + 1}) for i in range(4)]
    oracle = SetOracle(8, conflicts, [1.0] * 8)
    seed = correction_sets(oracle, 8, limit=0).sets[:1]
    cut = conflict_sets(oracle, names(8), seed, limit=20, max_checks=2)
    assert not cut.complete
    assert set(cut.sets) <= set(conflicts)
    full = conflict_sets(oracle, names(8), seed, limit=20, max_checks=1000)
    assert full.complete and set(full.sets) == set(conflicts)


def test_deletion_filter_shrinks_a_correction_set_to_a_minimal_one() -> None:
    # conflicts {0,1} and {1,2}: dropping {0,1,2} works, and so does dropping {1} alone.
    oracle = SetOracle(3, [frozenset({0, 1}), frozenset({1, 2})], [1.0] * 3)
    assert minimal_correction(oracle, 3, frozenset({0, 1, 2})) == frozenset({1})
    assert minimal_correction(oracle, 3, frozenset({0, 2})) == frozenset({0, 2})
