"""The Pareto frontier of the ZOPA: deals whose utility vectors no other deal of the ZOPA
dominates, one certified deal per distinct vector (FORMAT §4 `pareto`).

Two paths, the same answer:
- the separable fast path (`zopa.analysis.separable`) when no rule or red line couples two
  issues and every issue is finite: exact, no solver;
- otherwise an exact multi-objective search on the MILP, by epsilon constraints over search
  regions (Klamroth, Lacour & Vanderpooten 2015, "On the representation of the search
  region in multi-objective optimization"). The part of utility space where undiscovered
  frontier points may lie is kept as a union of regions `{u : u_j >= l_j + step for all j}`
  (one per local lower bound `l`). Each region is searched by maximising the first actor's
  utility, then (fixed) the sum of all utilities, which yields a non-dominated point, and
  then the canonical deal with that utility vector (`zopa.analysis.tiebreak`). A found
  point `z` removes `{u <= z}` from every region containing it: region `l` is split into
  the regions of `(l with l_j := z_j)`, and regions contained in others are dropped. An
  empty region is dropped after one infeasible solve, or with none when a region searched
  earlier contains it and tops out below its floor in the first utility. With two actors
  this is the classic epsilon-constraint sweep with a lexicographic tie-break.

Finite deal spaces: `step` is `FRONTIER_STEP`, comfortably above the solver's tolerance (a
step of 1e-7 would find the same point forever), so the search separates utility vectors
that differ by more than `FRONTIER_STEP` in some actor's utility; closer ones may merge.
Real-number issues: the frontier is a continuum, so the same search runs with `step` =
`resolution` and lists points along it (`ParetoInfo.complete` is then false and the note
says so).

Points are certified, de-duplicated and filtered for dominance, and listed in a fixed order:
utility vectors lexicographically, descending, actors in YAML order.

A frontier longer than `max_points` is cut short (`complete` false, with a note): the fast
path lists the first `max_points` points in that order, the search the first `max_points` it
found. Only then may the two paths list different points.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from zopa.analysis.certify import certify
from zopa.analysis.frontier_dp import DpFrontier, frontier_dp
from zopa.analysis.result import ParetoInfo, Solution
from zopa.analysis.separable import separable_frontier
from zopa.analysis.tiebreak import Stages, has_numbers, utility_objective
from zopa.errors import SolverError
from zopa.format.tolerances import (
    FRONTIER_STEP,
    OPTIMUM_TOL,
    SAME_UTILITY,
    SOLVER_TOL,
    UTILITY_BAND,
)

if TYPE_CHECKING:
    from zopa.model.compile import CompiledModel
    from zopa.model.session import Outcome, Session

log = logging.getLogger(__name__)


DEFAULT_RESOLUTION = 0.01
"""Spacing, in utility, of the points listed along a continuous frontier."""


DEFAULT_MAX_SOLVES = 500
"""Solver calls the MILP search may make before it stops with what it found. A frontier of
three or more actors over a large deal space can have thousands of points at ten or more
solves each (3 actors x 30 issues x 10 options: `zopa analyze` takes 12 s with this limit,
listing 50 points, against over 10 minutes without); it counts work, not time, so the same
input still lists the same points. The shipped scenarios' frontiers take 35–190 solves."""

Bound = tuple[float, ...]


def pareto_frontier(
    compiled: CompiledModel,
    *,
    max_points: int = 1000,
    resolution: float = DEFAULT_RESOLUTION,
    max_solves: int = DEFAULT_MAX_SOLVES,
) -> tuple[tuple[Solution, ...], ParetoInfo]:
    """The frontier of the ZOPA (module docstring), at most `max_points` points.

    Args:
        compiled: the compiled scenario.
        max_points: the most points listed; `ParetoInfo.complete` is false when the
            frontier has more.
        resolution: utility spacing of points along a continuous frontier (real-number
            issues); ignored on finite deal spaces.
        max_solves: the most solver calls the MILP search makes (the separable fast path
            makes none); `ParetoInfo.complete` is false, with a note, when it stops there.

    Raises:
        ValueError: `max_points` or `max_solves` is negative, or `resolution` is not
            positive.
        SolverError: the solver failed, or a deal did not certify.
    """
    if max_points < 0 or max_solves < 0:
        raise ValueError(
            f"limits must not be negative: max_points={max_points!r}, max_solves={max_solves!r}"
        )
    if not resolution > 0:
        raise ValueError(f"resolution must be positive, not {resolution!r}")
    fast = separable_frontier(compiled.scenario, max_points=max_points)
    if fast is not None:
        listed = order_points(compiled.actors, filter_points(compiled.actors, fast.points))
        return listed, _listed_info(SEPARABLE, fast.total, max_points)
    exact = frontier_dp(compiled.scenario, max_points=max_points)
    if isinstance(exact, DpFrontier):
        listed = order_points(compiled.actors, filter_points(compiled.actors, exact.points))
        return listed, _listed_info(dp_method(exact.width), exact.total, max_points)
    points, info = search_frontier(
        compiled, max_points=max_points, resolution=resolution, max_solves=max_solves
    )
    if has_numbers(compiled):
        return points, info  # the note already says the deal space has real numbers
    declined = f"the exact dynamic program declined: {exact}"
    note = f"{declined}; {info.note}" if info.note else declined
    return points, ParetoInfo(complete=info.complete, method=info.method, note=note)


def search_frontier(
    compiled: CompiledModel,
    *,
    max_points: int = 1000,
    resolution: float = DEFAULT_RESOLUTION,
    max_solves: int | None = None,
) -> tuple[tuple[Solution, ...], ParetoInfo]:
    """The frontier by the MILP search alone (module docstring), whatever the scenario's
    structure; `pareto_frontier` uses it where the fast path does not apply. Arguments
    and errors as for `pareto_frontier`, except that `max_solves` is unlimited unless given
    (the whole frontier, whatever it costs)."""
    finite = not has_numbers(compiled)
    step = FRONTIER_STEP if finite else max(resolution, FRONTIER_STEP)
    search = _Search(compiled, step=step)
    points, exhausted = search.run(max_points, max_solves=max_solves)
    if not finite and points:
        # Stepping by `resolution` stops short of the far ends of a continuum: add each
        # actor's lexicographic best, so the listed points span the whole frontier.
        points += [e for j in range(1, len(search.cols)) if (e := search.extreme(j))]
    ordered = order_points(compiled.actors, filter_points(compiled.actors, points))
    info = _info(len(compiled.actors), finite, exhausted, step, max_points, ordered)
    if search.out_of_work:
        info = ParetoInfo(
            complete=False,
            method=info.method,
            note=f"stopped after {search.session.solves} solver calls (the work limit, "
            "--max-pareto-solves); more points may exist",
        )
    return ordered, info


SEPARABLE = "separable (issue by issue Pareto filter)"


def dp_method(width: int) -> str:
    """`ParetoInfo.method` of the constraint-graph dynamic program."""
    return f"dynamic program over the constraint graph (induced width {width})"


def _listed_info(method: str, total: int, max_points: int) -> ParetoInfo:
    """How an exact path's frontier was listed: all `total` points, or the first
    `max_points`."""
    if total == 0:
        return ParetoInfo(complete=True, method=method, note="no ZOPA")
    if total > max_points:
        note = f"{max_points} of {total} points listed (the limit): the first in frontier order"
        return ParetoInfo(complete=False, method=method, note=note)
    return ParetoInfo(complete=True, method=method)


def _info(
    actors: int,
    finite: bool,
    exhausted: bool,
    step: float,
    max_points: int,
    points: Sequence[Solution],
) -> ParetoInfo:
    method = "epsilon-constraint" if actors <= 2 else "epsilon-constraint search regions"
    notes: list[str] = []
    if not points and exhausted:
        notes.append("no ZOPA")
    if not finite:
        notes.append(
            f"the deal space has real numbers: points along the frontier, {step:g} apart "
            "in some actor's utility; the frontier between them is not listed"
        )
    if not exhausted:
        notes.append(f"stopped after {max_points} points (the limit); more exist")
    return ParetoInfo(complete=finite and exhausted, method=method, note="; ".join(notes))


def filter_points(actors: Sequence[str], points: Sequence[Solution]) -> tuple[Solution, ...]:
    """`points` without duplicates (utility vectors within `SAME_UTILITY`, first kept) and
    without points another one dominates (by more than `SAME_UTILITY`)."""
    if not points:
        return ()
    v = np.array([[p.utilities[a] for a in actors] for p in points], dtype=np.float64)
    n = len(points)
    close = np.all(np.abs(v[:, None, :] - v[None, :, :]) <= SAME_UTILITY, axis=2)
    duplicate = np.triu(close, 1).any(axis=0)  # an earlier point is the same
    at_least = np.all(v[:, None, :] >= v[None, :, :] - SAME_UTILITY, axis=2)
    better = np.any(v[:, None, :] > v[None, :, :] + SAME_UTILITY, axis=2)
    dominates = at_least & better & ~np.eye(n, dtype=bool)  # [j, i]: j dominates i
    dominated = (dominates & ~duplicate[:, None]).any(axis=0)
    return tuple(p for i, p in enumerate(points) if not duplicate[i] and not dominated[i])


def with_solutions(
    compiled: CompiledModel,
    points: Sequence[Solution],
    solutions: Sequence[Solution],
) -> tuple[Solution, ...]:
    """A continuum's listed points with the bargaining solutions among them: every
    solution is a frontier point, but stepping along a continuum rarely lands on one. A
    listed point within `UTILITY_BAND` of a solution gives way to the solution; finite
    frontiers are complete and returned as they are."""
    if not has_numbers(compiled):
        return tuple(points)
    actors = compiled.actors
    kept = list(solutions)
    for point in points:
        near = any(
            all(abs(point.utilities[a] - s.utilities[a]) <= UTILITY_BAND for a in actors)
            for s in solutions
        )
        if not near:
            kept.append(point)
    return order_points(actors, filter_points(actors, kept))


def order_points(actors: Sequence[str], points: Sequence[Solution]) -> tuple[Solution, ...]:
    """`points` by utility vector, lexicographically descending (actors in order)."""
    return tuple(sorted(points, key=lambda p: tuple(-p.utilities[a] for a in actors)))


@dataclass(frozen=True, slots=True)
class _Found:
    """A frontier point: its certified solution, and the solver's utility vector that the
    search regions are split at."""

    solution: Solution
    at: tuple[float, ...]


class _Search:
    """The search-region loop (module docstring) on one session."""

    def __init__(self, compiled: CompiledModel, *, step: float) -> None:
        self.compiled = compiled
        self.step = step
        self.session: Session = compiled.session()
        self.cols = tuple(compiled.utility_col[a] for a in compiled.actors)
        self.ideal: tuple[float, ...] = ()
        self.searched: list[tuple[Bound, float]] = []
        """Each region searched so far, with its best first utility (-inf: empty)."""
        self.out_of_work = False

    def run(self, max_points: int, *, max_solves: int | None) -> tuple[list[Solution], bool]:
        """Frontier points in the order found; True when the search was exhausted. Stops
        (`out_of_work`) before a region once `max_solves` solver calls have been made."""
        ideal = self._ideal()
        if ideal is None:
            return [], True
        self.ideal = ideal
        bounds: list[Bound] = [tuple(-math.inf for _ in self.cols)]
        found: list[Solution] = []
        while bounds:
            if len(found) >= max_points:
                return found, False
            if max_solves is not None and self.session.solves >= max_solves:
                self.out_of_work = True
                return found, False
            bound = bounds.pop(0)
            if self._known_empty(bound):
                continue
            point, top = self._search_region(bound)
            self.searched.append((bound, top))
            if point is None:
                continue
            found.append(point.solution)
            bounds = self._split(bounds, bound, point.at)
        return found, True

    def _known_empty(self, bound: Bound) -> bool:
        """Whether an earlier search proves the region empty with no solve: a searched
        region containing it whose best first utility is below the region's floor (or which
        was empty itself)."""
        floor = bound[0] + self.step
        return any(
            floor > top + SOLVER_TOL and all(o <= b for o, b in zip(other, bound, strict=True))
            for other, top in self.searched
        )

    def _ideal(self) -> tuple[float, ...] | None:
        """Each actor's best utility over the ZOPA; None when there is no ZOPA."""
        best: list[float] = []
        for col in self.cols:
            stages = Stages(self.session, self.compiled, what="the Pareto frontier")
            outcome = stages.optimize({col: 1.0}, maximize=True)
            if outcome is None or outcome.objective is None:
                return None
            best.append(outcome.objective)
        return tuple(best)

    def _empty(self, bound: Bound) -> bool:
        return any(
            lo + self.step > hi + SOLVER_TOL for lo, hi in zip(bound, self.ideal, strict=True)
        )

    def extreme(self, lead: int) -> Solution | None:
        """The frontier's end where actor `lead` is best off: its utility maximised, then
        the sum, then the canonical deal; None when there is no ZOPA."""
        unbounded: Bound = tuple(-math.inf for _ in self.cols)
        found, _ = self._search_region(unbounded, lead=lead)
        return None if found is None else found.solution

    def _search_region(self, bound: Bound, *, lead: int = 0) -> tuple[_Found | None, float]:
        """The canonical frontier point of one region (None when it is empty), and the
        region's best utility of actor `lead` (-inf when empty)."""
        stages = Stages(self.session, self.compiled, what="the Pareto frontier")
        lead_col = self.cols[lead]

        def criteria(stages: Stages, tol: float) -> Outcome | None:
            for col, lo in zip(self.cols, bound, strict=True):
                if lo > -math.inf:
                    stages.add_row({col: 1.0}, lo + self.step, math.inf)
            first = stages.optimize({lead_col: 1.0}, maximize=True)
            if first is None or first.objective is None:
                return None
            stages.add_row({lead_col: 1.0}, first.objective - tol, math.inf)
            return stages.optimize_and_fix(utility_objective(self.compiled), maximize=True)

        try:
            best = criteria(stages, OPTIMUM_TOL)
            if best is None or best.values is None:
                return None, -math.inf
            top = best.values[lead_col] + OPTIMUM_TOL
            for col in self.cols:
                value = best.values[col]
                stages.add_row({col: 1.0}, value - UTILITY_BAND, value + UTILITY_BAND)
            stages.canonical()
            outcome = self.session.polish(stages.settle(criteria))
        finally:
            stages.release()
        if outcome.values is None:
            raise SolverError("the Pareto frontier: the solver returned no values")
        deal = self.compiled.decode(outcome.values)
        solution = Solution(deal, certify(self.compiled.scenario, deal))
        return _Found(solution, tuple(outcome.values[col] for col in self.cols)), top

    def _split(self, bounds: list[Bound], searched: Bound, z: tuple[float, ...]) -> list[Bound]:
        """Remove `{u <= z}` from the search region. The searched region's child that raises
        the first actor's bound is empty (z maximised that utility there) and is skipped."""
        children: list[Bound] = []
        for bound in [searched, *bounds]:
            if not self._inside(z, bound):
                children.append(bound)
                continue
            for j in range(len(z)):
                if bound is searched and j == 0:
                    continue
                child = (*bound[:j], z[j], *bound[j + 1 :])
                if not self._empty(child):
                    children.append(child)
        if not self._inside(z, searched):
            # The solver's point sits on the edge of its own region (tolerance): drop the
            # region rather than search it again.
            children.remove(searched)
        return _irredundant(children)

    def _inside(self, z: tuple[float, ...], bound: Bound) -> bool:
        return all(v > lo + self.step / 2 for v, lo in zip(z, bound, strict=True))


def _irredundant(bounds: Sequence[Bound]) -> list[Bound]:
    """`bounds` without duplicates and without bounds whose region another one contains
    (`l' <= l` componentwise means region(l) is inside region(l')); order kept."""
    kept: list[Bound] = []
    for i, bound in enumerate(bounds):
        if bound in bounds[:i]:
            continue
        contained = any(
            other != bound and all(o <= b for o, b in zip(other, bound, strict=True))
            for other in bounds
        )
        if not contained:
            kept.append(bound)
    return kept


__all__ = [
    "DEFAULT_RESOLUTION",
    "FRONTIER_STEP",
    "SAME_UTILITY",
    "filter_points",
    "order_points",
    "pareto_frontier",
    "search_frontier",
]
