"""One sample of `zopa simulate` answered: does a ZOPA exist, which red lines does the
cheapest way out drop, and where is the Nash deal.

A sample is the median scenario with some red lines absent (credibility) and some numbers
moved (distributions). The evaluator keeps, for the life of one batch:

- one compiled model per set of absent red lines (compiled models are also shared per
  process: compiling is pure, so that changes no answer);
- where only reservations move, no recompilation at all: one live session per absent set
  whose reservation rows move from sample to sample, and exact caches that decide most
  samples without a solve. Raising reservations only removes deals, so a deal found at
  reservations `r` (its utilities `u >= r`) proves a ZOPA at every `r' <= u`, and a ZOPA
  proven empty at `r` is empty at every `r' >= r` (componentwise); a deal also proves a
  ZOPA with more red lines absent, an empty zone one with more red lines kept. The cheapest
  relaxation is found by trying subsets cheapest first (`by_cost`) against the same caches;
- answers memoised by (absent set, sampled numbers), so repeated combinations (exact mode,
  credibility-only runs) cost nothing.

Anything else (weights, values, parameters) is validated and compiled per sample, as a
fresh `zopa analyze` of the edited file would be, and its cheapest relaxation is the
solver's (`cheapest_relaxation`), equally cheap but possibly another among equals.

The solve caches live for one batch only: near a boundary (within the solver's tolerance)
a cached answer and a fresh solve could disagree, so sharing them between batches would let
the bytes depend on which batches shared a worker.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from zopa.analysis.bargaining import gains_of, nash
from zopa.analysis.diagnosis import GroupOracle, candidate_groups
from zopa.analysis.result import Solution
from zopa.analysis.sampling import Draw
from zopa.analysis.sweep_points import with_reservations
from zopa.errors import SolverError
from zopa.format.refs import GroupRef, reservation_text
from zopa.format.zone import Zone
from zopa.model.compile import CompiledModel, Group, GroupKind, compile_scenario
from zopa.model.session import Session, SolveStatus
from zopa.scenario.scenario import Scenario


@dataclass(frozen=True, slots=True)
class SampleOutcome:
    """What one sample answered. `relaxation` (no ZOPA only): the groups (`actor/id`,
    `actor/reservation`) of one cheapest relaxation; `nash`: the Nash solution, where a
    ZOPA exists and the sample was chosen for solutions."""

    exists: bool
    relaxation: tuple[str, ...] = ()
    nash: Solution | None = None


@dataclass(slots=True)
class _Caches:
    """Exact caches of one set of absent red lines, for reservation-only samples: deals'
    utility vectors (each proves a ZOPA below it) and reservation vectors proven empty
    (each proves no ZOPA above it)."""

    compiled: CompiledModel
    witnesses: list[tuple[float, ...]] = field(default_factory=list)
    empty_at: list[tuple[float, ...]] = field(default_factory=list)
    live: Session | None = None
    reservation_rows: tuple[int, ...] = ()

    def session_at(self, r: tuple[float, ...]) -> Session:
        """The batch's live session of this absent set with reservations `r`: each
        actor's own reservation group is left free and a plain row `u >= r` holds instead,
        whose bound moves from sample to sample (no rebuild, and HiGHS starts warm)."""
        if self.live is None:
            compiled = self.compiled
            self.live = compiled.session()
            rows = []
            for actor in compiled.actors:
                self.live.enforce(reservation_text(actor), False)
                rows.append(self.live.add_row({compiled.utility_col[actor]: 1.0}, 0.0, math.inf))
            self.reservation_rows = tuple(rows)
        for row, ri in zip(self.reservation_rows, r, strict=True):
            self.live.set_row_bounds(row, ri, math.inf)
        return self.live


def _reservation_actor(path: str) -> str | None:
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "actors" and parts[2] == "reservation":
        return parts[1]
    return None


def _below(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """a <= b componentwise."""
    return all(x <= y for x, y in zip(a, b, strict=True))


_SHARED_LIMIT = 512
_shared: OrderedDict[tuple[str, frozenset[str]], CompiledModel] = OrderedDict()
_shared_lock = threading.Lock()


class Evaluator:
    """Answers samples of one scenario (its `uncertainty` says what a draw means).

    `fingerprint` names the scenario for a per-process memo of compiled models that
    outlives the batch: compiling is a pure function of the scenario and the absent red
    lines, so sharing it across batches changes no answer (the solve caches, which could
    differ at a hair's breadth from a boundary, stay per batch)."""

    def __init__(self, scenario: Scenario, *, fingerprint: str = "") -> None:
        self.scenario = scenario
        self.fingerprint = fingerprint
        found = scenario.uncertainty
        self.paths = tuple(i.path for i in found.inputs)
        self.refs = tuple(c.ref for c in found.credibilities)
        actors = [_reservation_actor(p) for p in self.paths]
        self.reservation_only = all(a is not None for a in actors)
        self.res_actors = tuple(a for a in actors if a is not None)
        self._by_absent: dict[frozenset[str], _Caches] = {}
        self._memo: dict[tuple[frozenset[str], tuple[float, ...], bool], SampleOutcome] = {}
        self.solves = 0
        """Existence solves made (the caches' measure of success)."""

    def evaluate(self, sample: Draw, *, want_nash: bool) -> SampleOutcome:
        absent = frozenset(r for r, real in zip(self.refs, sample.kept, strict=True) if not real)
        key = (absent, sample.values, want_nash)
        found = self._memo.get(key)
        if found is None:
            found = (
                self._fast(absent, sample.values, want_nash)
                if self.reservation_only
                else self._slow(absent, sample.values, want_nash)
            )
            self._memo[key] = found
        return found

    def _compile(self, absent: frozenset[str]) -> CompiledModel:
        key = (self.fingerprint, absent)
        if self.fingerprint:
            with _shared_lock:
                found = _shared.get(key)
                if found is not None:
                    _shared.move_to_end(key)
                    return found
        variant = self.scenario.with_changes(drop=sorted(absent)) if absent else self.scenario
        compiled = compile_scenario(variant)
        if self.fingerprint:
            with _shared_lock:
                _shared[key] = compiled
                while len(_shared) > _SHARED_LIMIT:
                    _shared.popitem(last=False)
        return compiled

    def _base(self, absent: frozenset[str]) -> _Caches:
        caches = self._by_absent.get(absent)
        if caches is None:
            caches = _Caches(self._compile(absent))
            self._by_absent[absent] = caches
        return caches

    def _reservations(self, base: CompiledModel, values: tuple[float, ...]) -> tuple[float, ...]:
        moved = dict(zip(self.res_actors, values, strict=True))
        return tuple(moved.get(a, base.reservation(a)) for a in base.actors)

    def _fast(
        self, absent: frozenset[str], values: tuple[float, ...], want_nash: bool
    ) -> SampleOutcome:
        caches = self._base(absent)
        r = self._reservations(caches.compiled, values)
        if not self._exists_at(absent, r):
            return SampleOutcome(False, relaxation=self._relaxation(caches, absent, r))
        if not want_nash:
            return SampleOutcome(True)
        compiled = _at(caches.compiled, r)
        return SampleOutcome(True, nash=nash(compiled, gains_of(compiled, Zone(exists=True))))

    def _slow(
        self, absent: frozenset[str], values: tuple[float, ...], want_nash: bool
    ) -> SampleOutcome:
        changes: Mapping[str, float] = dict(zip(self.paths, values, strict=True))
        compiled = compile_scenario(self.scenario.with_changes(set=changes, drop=sorted(absent)))
        if self._exists(compiled, compiled.session()) is None:
            return SampleOutcome(False, relaxation=cheapest_relaxation(compiled))
        if not want_nash:
            return SampleOutcome(True)
        return SampleOutcome(True, nash=nash(compiled, gains_of(compiled, Zone(exists=True))))

    def _exists_at(self, absent: frozenset[str], r: tuple[float, ...]) -> bool:
        """Whether a ZOPA exists with `absent` red lines gone at reservations `r`. A deal
        of a scenario satisfies it with more red lines gone too, and a scenario without a
        ZOPA has none with more red lines kept: the caches of every absent set that is a
        subset (for deals) or superset (for empty zones) of `absent` answer too."""
        caches = self._base(absent)
        for other, found in self._by_absent.items():
            if other <= absent and any(_below(r, u) for u in found.witnesses):
                return True
        for other, found in self._by_absent.items():
            if other >= absent and any(_below(e, r) for e in found.empty_at):
                return False
        witness = self._exists(caches.compiled, caches.session_at(r))
        if witness is None:
            caches.empty_at.append(r)
            return False
        caches.witnesses.append(witness)
        return True

    def _relaxation(
        self, caches: _Caches, absent: frozenset[str], r: tuple[float, ...]
    ) -> tuple[str, ...]:
        """A cheapest relaxation at `r`: subsets of the droppable groups are tried in order
        of (summed firmness, YAML positions) until one opens a ZOPA, each try decided by
        the exact caches where they can; past `RELAXATION_TRIES` tries, the solver finds
        one (`cheapest_relaxation`) instead."""
        base = caches.compiled
        groups = [g for g in base.groups if g.kind is GroupKind.RED_LINE]
        groups += [g for g, ri in zip(_reservation_groups(base), r, strict=True) if ri > 0]
        for tries, subset in enumerate(by_cost([g.firmness for g in groups])):
            if tries >= RELAXATION_TRIES:
                return cheapest_relaxation(_at(base, r))
            dropped = tuple(groups[i].ref for i in subset)
            if subset and self._opens(base, absent, dropped, r):
                return _in_yaml_order(base, dropped)
        return ()

    def _opens(
        self,
        base: CompiledModel,
        absent: frozenset[str],
        dropped: tuple[str, ...],
        r: tuple[float, ...],
    ) -> bool:
        """Whether dropping `dropped` (red lines and reservations) opens a ZOPA at `r`."""
        refs = [GroupRef.parse(g) for g in dropped]
        lines = frozenset(str(r) for r in refs if r is not None and not r.is_reservation)
        gone = {r.actor for r in refs if r is not None and r.is_reservation}
        zeroed = tuple(0.0 if a in gone else ri for a, ri in zip(base.actors, r, strict=True))
        return self._exists_at(absent | lines, zeroed)

    def _exists(self, compiled: CompiledModel, session: Session) -> tuple[float, ...] | None:
        """Each actor's utility at some deal of the ZOPA, or None when there is none."""
        self.solves += 1
        outcome = session.solve()
        if outcome.status is SolveStatus.INFEASIBLE:
            return None
        if outcome.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) or not outcome.values:
            raise SolverError(f"does a ZOPA exist: the solver said {outcome.status.name}")
        return tuple(outcome.values[compiled.utility_col[a]] for a in compiled.actors)


RELAXATION_TRIES = 200
"""Subsets tried, cheapest first, before the relaxation MILP takes over."""


def by_cost(costs: list[float]) -> Iterator[tuple[int, ...]]:
    """Every subset of `range(len(costs))` (sorted index tuples) in order of summed cost
    (costs > 0). A best-first walk over the indices sorted by cost: a subset's successors
    add the next index after its last, or move its last index one on; with sorted costs
    neither is cheaper than its parent, so the heap yields every subset once, in order."""
    order = sorted(range(len(costs)), key=lambda i: (costs[i], i))
    sorted_costs = [costs[i] for i in order]
    heap: list[tuple[float, tuple[int, ...]]] = [(0.0, ())]
    while heap:
        cost, subset = heapq.heappop(heap)
        yield tuple(sorted(order[i] for i in subset))
        last = subset[-1] if subset else -1
        if last + 1 < len(costs):
            heapq.heappush(heap, (cost + sorted_costs[last + 1], (*subset, last + 1)))
            if subset:
                moved = (*subset[:-1], last + 1)
                step = sorted_costs[last + 1] - sorted_costs[last]
                heapq.heappush(heap, (cost + step, moved))


def _reservation_groups(base: CompiledModel) -> list[Group]:
    by_actor = {g.actor: g for g in base.groups if g.kind is GroupKind.RESERVATION}
    return [by_actor[a] for a in base.actors]


def _in_yaml_order(base: CompiledModel, refs: tuple[str, ...]) -> tuple[str, ...]:
    wanted = set(refs)
    return tuple(g.ref for g in base.groups if g.ref in wanted)


def _at(base: CompiledModel, r: tuple[float, ...]) -> CompiledModel:
    """`base` with the reservations `r` (actor order)."""
    moved = {a: ri for a, ri in zip(base.actors, r, strict=True) if ri != base.reservation(a)}
    return with_reservations(base, moved) if moved else base


def cheapest_relaxation(compiled: CompiledModel) -> tuple[str, ...]:
    """The groups of one cheapest relaxation (least summed firmness), in YAML order: the
    search `zopa analyze`'s diagnosis starts from."""
    groups = candidate_groups(compiled)
    dropped = GroupOracle(compiled, groups).cheapest_correction(())
    if dropped is None:
        return ()
    return tuple(groups[i].ref for i in sorted(dropped))
