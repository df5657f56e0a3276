"""Diagnosis: which positions collide and the cheapest ways out (no ZOPA), or which red
lines shape the zone (a ZOPA) — FORMAT §4 `diagnosis`.

Candidates are the scenario's *groups* (`compiled.groups`, YAML order): every red line
(`actor/id`) and every reservation (`actor/reservation`, firmness 1). A reservation of 0 is
left out: every utility lies in [0, 1], so it can never fail, never take part in a conflict
and never shape the zone. Rules are never candidates: they are facts of the world.

No ZOPA:
- `relaxations`: every minimal correction set (dropping it opens a ZOPA, dropping any
  proper subset does not) up to `max_conflicts`, cheapest first by summed firmness, ties by
  size, then by the YAML order of the members; each with the numeric moves of its movable
  members (`zopa.analysis.elastic`).
- `conflicts`: every minimal set of groups that cannot hold together under the rules, up to
  `max_conflicts`, smallest first, ties by the YAML order of the members; members in YAML
  order.
- `truncated`: a limit cut either list short. When more than `max_conflicts` exist, the
  ones listed are the first found: relaxations in cost order, conflicts in size order
  (within the last cost or size listed, which ones make the cut is the solver's choice).
  Conflicts are also cut short, deterministically, when `max_conflicts * CHECKS_PER_CONFLICT +
  CHECKS_BASE` feasibility checks did not finish them.
- `rules_infeasible`: the rules contradict each other (or an issue's domain) with every
  group dropped: nothing can be blamed on a position, and both lists are empty.

A ZOPA: `binding` lists, in YAML order, the groups whose removal enlarges the ZOPA: those
for which some deal satisfies every other group and violates this one (a red line's
negation; for a reservation, a utility at least `STRICT_GAP` below it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zopa.analysis.elastic import MoveFinder
from zopa.analysis.marco import GroupSet, conflict_sets, correction_sets
from zopa.analysis.result import Diagnosis, Relaxation
from zopa.errors import SolverError
from zopa.expr.tree import Not
from zopa.format.tolerances import STRICT_GAP
from zopa.format.zone import Zone
from zopa.model.compile import CompiledModel, Group, GroupKind
from zopa.model.session import Outcome, Session, SolveStatus

CHECKS_PER_CONFLICT = 50
CHECKS_BASE = 500
"""Budget of feasibility checks for the conflict search: `max_conflicts * 50 + 500`."""


def candidate_groups(compiled: CompiledModel) -> tuple[Group, ...]:
    """The groups a diagnosis speaks of, in YAML order (reservations of 0 left out)."""
    return tuple(
        g
        for g in compiled.groups
        if g.kind is GroupKind.RED_LINE or compiled.reservation(g.actor) > 0
    )


def _feasible(outcome: Outcome, what: str) -> bool:
    if outcome.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return True
    if outcome.status is SolveStatus.INFEASIBLE:
        return False
    raise SolverError(f"diagnosis ({what}): solver status {outcome.status.value}")


class GroupOracle:
    """The `marco.SubsetOracle` of one compiled scenario: group `i` is `groups[i]`.

    Two sessions: one for feasibility checks and grows (groups switched on and off), one for
    the cheapest correction set (every group free, no-good cuts accumulated)."""

    def __init__(self, compiled: CompiledModel, groups: Sequence[Group]) -> None:
        self._groups = tuple(groups)
        self._checks = compiled.session()
        self._enforced = [True] * len(self._groups)
        self._corrections = compiled.session()
        for g in self._groups:
            self._corrections.enforce(g.ref, False)
        self._corrections.set_objective(
            {g.indicator: g.firmness for g in self._groups}, maximize=True
        )
        self._cuts = 0

    def _switch(self, enforced: GroupSet) -> None:
        for i, g in enumerate(self._groups):
            on = i in enforced
            if self._enforced[i] != on:
                self._checks.enforce(g.ref, on)
                self._enforced[i] = on

    def _solve_with(self, enforced: GroupSet) -> tuple[float, ...] | None:
        """Column values of a deal satisfying the rules and `enforced`, or None."""
        self._switch(enforced)
        outcome = self._checks.solve()
        if not _feasible(outcome, "feasibility check"):
            return None
        if outcome.values is None:
            raise SolverError("diagnosis (feasibility check): a solution without values")
        return outcome.values

    def feasible(self, enforced: GroupSet) -> bool:
        return self._solve_with(enforced) is not None

    def grow(self, enforced: GroupSet) -> GroupSet:
        """A maximal feasible superset by feasibility checks alone: each other group, in YAML
        order, is kept if it can hold with those kept so far (so a group left out was
        refused next to a subset of the final set: the result is maximal), and every group
        whose indicator a found deal sets to 1 is kept for free. Maximising the number of
        groups kept in one MILP is exact too, but can take minutes where these checks take
        milliseconds each."""
        values = self._solve_with(enforced)
        if values is None:
            raise ValueError("grow() needs a feasible set of groups to start from")
        kept = set(enforced) | self._held(values)
        for i in range(len(self._groups)):
            if i not in kept:
                values = self._solve_with(frozenset(kept | {i}))
                if values is not None:
                    kept |= {i} | self._held(values)
        return frozenset(kept)

    def _held(self, values: tuple[float, ...]) -> set[int]:
        return {i for i, g in enumerate(self._groups) if values[g.indicator] > 0.5}

    def cheapest_correction(self, cuts: Sequence[GroupSet]) -> GroupSet | None:
        """The cheapest set of groups whose removal opens a ZOPA and that contains no set of
        `cuts`, or None. Each answer is confirmed by the same fixed-indicator check that
        decides the zone: within about 1e-9 of a boundary, the optimiser can keep every
        indicator a hair below 1 and call "drop nothing" a relaxation; such an answer is
        cut off (some group outside it must go too) and the search goes on."""
        session = self._corrections
        for cut in cuts[self._cuts :]:
            session.add_row({self._groups[i].indicator: 1.0 for i in cut}, 1.0, float("inf"))
        self._cuts = len(cuts)
        everything = frozenset(range(len(self._groups)))
        while True:
            outcome = session.solve()
            if outcome.status is SolveStatus.INFEASIBLE:
                return None
            if outcome.status is not SolveStatus.OPTIMAL or outcome.values is None:
                raise SolverError(f"diagnosis (relaxation): solver status {outcome.status.value}")
            values = outcome.values
            dropped = frozenset(i for i, g in enumerate(self._groups) if values[g.indicator] < 0.5)
            if self.feasible(everything - dropped):
                return dropped
            kept = sorted(everything - dropped)
            if not kept:
                return None
            session.add_row(
                {self._groups[i].indicator: 1.0 for i in kept}, -float("inf"), len(kept) - 1.0
            )


@dataclass(frozen=True, slots=True)
class _Ranked:
    """A set of group indices with its sort key."""

    members: tuple[int, ...]
    cost: float


def _cost(groups: Sequence[Group], members: GroupSet) -> float:
    return sum(groups[i].firmness for i in sorted(members))


def _relaxations(
    compiled: CompiledModel, groups: Sequence[Group], found: Sequence[GroupSet]
) -> tuple[Relaxation, ...]:
    ranked = sorted(
        (_Ranked(tuple(sorted(s)), _cost(groups, s)) for s in found),
        key=lambda r: (round(r.cost, 9), len(r.members), r.members),
    )
    finder = MoveFinder(compiled)
    out: list[Relaxation] = []
    for r in ranked:
        refs = tuple(groups[i].ref for i in r.members)
        moves = []
        for i in r.members:
            others = [ref for ref in refs if ref != groups[i].ref]
            move = finder.move(groups[i], others)
            if move is not None:
                moves.append(move)
        out.append(Relaxation(drop=refs, cost=r.cost, moves=tuple(moves)))
    return tuple(out)


def _conflicts(groups: Sequence[Group], found: Sequence[GroupSet]) -> tuple[tuple[str, ...], ...]:
    ordered = sorted((tuple(sorted(s)) for s in found), key=lambda m: (len(m), m))
    return tuple(tuple(groups[i].ref for i in members) for members in ordered)


def explain_infeasibility(compiled: CompiledModel, *, max_conflicts: int = 20) -> Diagnosis:
    """Conflicts and relaxations of a scenario that has no ZOPA."""
    groups = candidate_groups(compiled)
    oracle = GroupOracle(compiled, groups)
    if not oracle.feasible(frozenset()):
        return Diagnosis(rules_infeasible=True)
    limit = max(0, max_conflicts)
    corrections = correction_sets(oracle, len(groups), limit=limit)
    conflicts = conflict_sets(
        oracle,
        [g.ref for g in groups],
        corrections.sets,
        limit=limit,
        max_checks=limit * CHECKS_PER_CONFLICT + CHECKS_BASE,
    )
    return Diagnosis(
        conflicts=_conflicts(groups, conflicts.sets[:limit]),
        relaxations=_relaxations(compiled, groups, corrections.sets[:limit]),
        truncated=not (corrections.complete and conflicts.complete),
    )


def _violation_possible(session: Session, compiled: CompiledModel, group: Group) -> bool:
    """Whether some deal satisfies every other group and violates `group`."""
    session.enforce(group.ref, False)
    try:
        if group.kind is GroupKind.RESERVATION:
            u = compiled.utility_col[group.actor]
            r = compiled.reservation(group.actor)
            row = session.add_row({u: 1.0}, -float("inf"), r - STRICT_GAP, name="violate")
            try:
                return _feasible(session.solve(), f"binding {group.ref}")
            finally:
                session.remove_rows([row])
        z = session.require(Not(compiled.formula_of(group.ref)), name=f"violate {group.ref}")
        try:
            return _feasible(session.solve(), f"binding {group.ref}")
        finally:
            session.set_bounds(z, 0.0, 0.0)
    finally:
        session.enforce(group.ref, True)


def binding_groups(compiled: CompiledModel) -> tuple[str, ...]:
    """The groups whose removal enlarges the ZOPA, in YAML order."""
    session = compiled.session()
    return tuple(
        g.ref for g in candidate_groups(compiled) if _violation_possible(session, compiled, g)
    )


def diagnose(compiled: CompiledModel, zone: Zone, *, max_conflicts: int = 20) -> Diagnosis:
    """The diagnosis of FORMAT §4: binding groups when `zone.exists`, else conflicts and
    relaxations (see the module docstring for the definitions and order)."""
    if zone.exists:
        return Diagnosis(binding=binding_groups(compiled))
    return explain_infeasibility(compiled, max_conflicts=max_conflicts)
