"""One sample of `zopa simulate` answered: does a ZOPA exist, which red lines does the
cheapest way out drop, and where is the Nash deal.

A sample is the median scenario with some red lines absent (credibility) and some numbers
moved (distributions). The evaluator keeps, for the life of one batch:

- one compiled model per set of absent red lines (compiled once, reused by every sample
  with that set);
- where only reservations move, no recompilation at all: the compiled model's reservation
  rows are rewritten (`analysis.whatif`), and two exact caches decide most samples without
  a solve. Raising reservations only removes deals, so a deal found at reservations `r`
  (its utilities `u >= r`) proves a ZOPA at every `r' <= u`, and a ZOPA proven empty at `r`
  is empty at every `r' >= r` (componentwise);
- answers memoised by (absent set, sampled numbers), so repeated combinations (exact mode,
  credibility-only runs) cost nothing.

Anything else (weights, values, parameters) is validated and compiled per sample, as a
fresh `zopa analyze` of the edited file would be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from zopa.analysis.bargaining import gains_of, nash
from zopa.analysis.diagnosis import GroupOracle, candidate_groups
from zopa.analysis.result import Solution
from zopa.analysis.sampling import Draw
from zopa.analysis.whatif import _with_reservations
from zopa.errors import SolverError
from zopa.format.zone import Zone
from zopa.model.compile import CompiledModel, compile_scenario
from zopa.model.session import SolveStatus
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
    """Exact caches of one set of absent red lines, for reservation-only samples."""

    compiled: CompiledModel
    witnesses: list[tuple[float, ...]] = field(default_factory=list)
    empty_at: list[tuple[float, ...]] = field(default_factory=list)


def _reservation_actor(path: str) -> str | None:
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "actors" and parts[2] == "reservation":
        return parts[1]
    return None


class Evaluator:
    """Answers samples of one scenario (its `uncertainty` says what a draw means)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
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
            found = self._evaluate(absent, sample.values, want_nash)
            self._memo[key] = found
        return found

    def _base(self, absent: frozenset[str]) -> _Caches:
        caches = self._by_absent.get(absent)
        if caches is None:
            variant = self.scenario.with_changes(drop=sorted(absent)) if absent else self.scenario
            caches = _Caches(compile_scenario(variant))
            self._by_absent[absent] = caches
        return caches

    def _evaluate(
        self, absent: frozenset[str], values: tuple[float, ...], want_nash: bool
    ) -> SampleOutcome:
        if self.reservation_only:
            caches = self._base(absent)
            compiled = caches.compiled
            if values:
                moved = dict(zip(self.res_actors, values, strict=True))
                compiled = _with_reservations(compiled, moved)
            exists = self._exists_cached(caches, compiled)
        else:
            changes: Mapping[str, float] = dict(zip(self.paths, values, strict=True))
            variant = self.scenario.with_changes(set=changes, drop=sorted(absent))
            compiled = compile_scenario(variant)
            exists = self._exists(compiled) is not None
        if not exists:
            return SampleOutcome(False, relaxation=cheapest_relaxation(compiled))
        if not want_nash:
            return SampleOutcome(True)
        return SampleOutcome(True, nash=nash(compiled, gains_of(compiled, Zone(exists=True))))

    def _exists_cached(self, caches: _Caches, compiled: CompiledModel) -> bool:
        r = tuple(compiled.reservation(a) for a in compiled.actors)
        if any(all(ui >= ri for ui, ri in zip(u, r, strict=True)) for u in caches.witnesses):
            return True
        if any(all(ri >= ei for ri, ei in zip(r, e, strict=True)) for e in caches.empty_at):
            return False
        witness = self._exists(compiled)
        if witness is None:
            caches.empty_at.append(r)
            return False
        caches.witnesses.append(witness)
        return True

    def _exists(self, compiled: CompiledModel) -> tuple[float, ...] | None:
        """Each actor's utility at some deal of the ZOPA, or None when there is none."""
        self.solves += 1
        outcome = compiled.session().solve()
        if outcome.status is SolveStatus.INFEASIBLE:
            return None
        if outcome.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) or not outcome.values:
            raise SolverError(f"does a ZOPA exist: the solver said {outcome.status.name}")
        return tuple(outcome.values[compiled.utility_col[a]] for a in compiled.actors)


def cheapest_relaxation(compiled: CompiledModel) -> tuple[str, ...]:
    """The groups of one cheapest relaxation (least summed firmness), in YAML order: the
    search `zopa analyze`'s diagnosis starts from."""
    groups = candidate_groups(compiled)
    dropped = GroupOracle(compiled, groups).cheapest_correction(())
    if dropped is None:
        return ()
    return tuple(groups[i].ref for i in sorted(dropped))
