"""Enumeration of minimal correction sets and minimal conflicts over abstract groups.

Groups are the integers `0 .. n-1` (the caller maps them to `actor/id`, in YAML order). A
set of groups is *feasible* when the scenario's rules and every group in the set can hold
together. This module knows nothing of negotiations; it asks a `SubsetOracle`.

- A *correction set* D is one whose removal leaves a feasible set (complement of D
  feasible); a *minimal correction set* (MCS) has no proper subset that is one.
- A *conflict* is an infeasible set; a *minimal conflict* (MUS) has every proper subset
  feasible.

Algorithms (both exact; the invariants they rely on are stated where they are used):
- MCSes cheapest first: the oracle minimises the summed firmness of the dropped groups
  subject to no-good cuts `D ⊉ C` for every MCS C found so far. With every firmness > 0, a
  cost-minimal D is subset-minimal; each D is still checked with a deletion filter, so a
  solver tolerance can never make a non-minimal set appear.
- MUSes by hitting-set duality (MARCO's map, kept as a small MILP over one binary per
  group): every MUS hits every correction set. Take a minimum-cardinality set H that hits
  every correction set found so far and contains no MUS found so far. If H is infeasible it
  is itself a MUS (any MUS inside H is also such a hitting set, and none is smaller), so
  MUSes come out in non-decreasing size. If H is feasible, grow it to a maximal feasible set;
  the complement is a new MCS that H misses, and the map learns it. When no such H is left,
  every MUS has been found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from zopa.errors import SolverError
from zopa.model.ir import Column, MilpIR, Origin, OriginKind
from zopa.model.solver import LinearModel, SolveStatus

GroupSet = frozenset[int]


class SubsetOracle(Protocol):
    """Answers feasibility questions about sets of groups (`0 .. n-1`)."""

    def feasible(self, enforced: GroupSet) -> bool:
        """Whether the rules and exactly the groups in `enforced` can hold together."""
        ...

    def grow(self, enforced: GroupSet) -> GroupSet:
        """A maximal feasible superset of the feasible set `enforced`."""
        ...

    def cheapest_correction(self, cuts: Sequence[GroupSet]) -> GroupSet | None:
        """A correction set of least summed firmness that contains none of `cuts`, or None
        when there is none."""
        ...


@dataclass(frozen=True, slots=True)
class Enumeration:
    """Sets found, in the order found; `complete` is true when no further one exists."""

    sets: tuple[GroupSet, ...]
    complete: bool


def minimal_correction(oracle: SubsetOracle, n: int, dropped: GroupSet) -> GroupSet:
    """A minimal correction set inside the correction set `dropped` (deletion filter:
    each member, in index order, is put back if the rest still opens a feasible set)."""
    everything = frozenset(range(n))
    kept = set(dropped)
    for g in sorted(dropped):
        trial = frozenset(kept - {g})
        if oracle.feasible(everything - trial):
            kept.discard(g)
    return frozenset(kept)


def correction_sets(oracle: SubsetOracle, n: int, *, limit: int) -> Enumeration:
    """Minimal correction sets in non-decreasing cost, at most `limit + 1` of them (the
    extra one only tells that the list is incomplete; callers show `limit`)."""
    found: list[GroupSet] = []
    while len(found) <= limit:
        candidate = oracle.cheapest_correction(found)
        if candidate is None:
            return Enumeration(tuple(found), complete=True)
        mcs = minimal_correction(oracle, n, candidate)
        if mcs in found:  # only reachable through solver tolerance; stop rather than loop
            return Enumeration(tuple(found), complete=False)
        found.append(mcs)
    return Enumeration(tuple(found), complete=False)


class HittingSetMap:
    """MARCO's map as a MILP over one binary per group: minimum-cardinality sets that hit
    every correction set added and contain no conflict added."""

    def __init__(self, n: int, names: Sequence[str]) -> None:
        columns = tuple(
            Column(f"x[{name}]", 0.0, 1.0, True, Origin(OriginKind.ADDED, name)) for name in names
        )
        if len(columns) != n:
            raise ValueError(f"{n} groups need {n} names, got {len(columns)}")
        self._model = LinearModel(MilpIR(columns, ()))
        self._model.set_objective(dict.fromkeys(range(n), 1.0), maximize=False)
        self._n = n

    def add_correction(self, correction: GroupSet) -> None:
        """Every later answer contains a member of `correction`."""
        self._model.add_row(dict.fromkeys(correction, 1.0), 1.0, float("inf"))

    def add_conflict(self, conflict: GroupSet) -> None:
        """No later answer contains all of `conflict`."""
        self._model.add_row(dict.fromkeys(conflict, 1.0), -float("inf"), len(conflict) - 1.0)

    def smallest(self) -> GroupSet | None:
        """A minimum-cardinality set allowed by the map, or None when the map is empty."""
        outcome = self._model.solve()
        if outcome.status is SolveStatus.INFEASIBLE:
            return None
        if outcome.status is not SolveStatus.OPTIMAL or outcome.values is None:
            raise SolverError(f"hitting-set map: solver status {outcome.status.value}")
        return frozenset(i for i in range(self._n) if outcome.values[i] > 0.5)


def conflict_sets(
    oracle: SubsetOracle,
    names: Sequence[str],
    corrections: Iterable[GroupSet],
    *,
    limit: int,
    max_checks: int,
) -> Enumeration:
    """Minimal conflicts in non-decreasing size, at most `limit + 1` of them.

    `corrections` seeds the map with known correction sets (any, not only minimal ones).
    `max_checks` bounds the feasibility checks and grows spent (a budget counted in solves,
    not seconds, so the answer is deterministic); running out makes the result incomplete.
    """
    n = len(names)
    space = HittingSetMap(n, names)
    for correction in corrections:
        space.add_correction(correction)
    found: list[GroupSet] = []
    checks = 0
    while len(found) <= limit:
        candidate = space.smallest()
        if candidate is None:
            return Enumeration(tuple(found), complete=True)
        if checks >= max_checks:
            break
        checks += 1
        if oracle.feasible(candidate):
            checks += 1
            grown = oracle.grow(candidate)
            space.add_correction(frozenset(range(n)) - grown)
        else:
            found.append(candidate)
            space.add_conflict(candidate)
    return Enumeration(tuple(found), complete=False)
