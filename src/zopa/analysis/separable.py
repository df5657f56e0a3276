"""The Pareto frontier's fast path: exact, in numpy, with no solver, for scenarios whose
issues are all finite and whose rules and red lines each involve one issue at most
(DESIGN "Use structure when it is there").

Why it is exact. Utilities are additive over issues (FORMAT §1): `u(deal) = sum_k c_k(v_k)`,
where `c_k(v)` is the vector of every actor's weighted preference terms on issue k at value
v. When no constraint couples two issues, the allowed deals (before reservations) are the
product of each issue's allowed values, and in a product a deal whose partial sum over
issues 1..k is dominated by another allowed partial sum is dominated as a whole (add the
same rest to both). So the frontier of issues 1..k+1 is the Pareto filter of (frontier of
1..k) ⊕ (values of issue k+1), and each issue's own dominated values can go first.
Reservations come last: a point that dominates a ZOPA point clears every reservation too, so
it is in the ZOPA; hence the ZOPA's frontier is exactly the unrestricted frontier's points
that clear every reservation. Partial sums that cannot reach some reservation even with the
best value of every remaining issue are dropped early: nothing they lead to is in the ZOPA.

Ties. Among deals with equal utility vectors the canonical deal of
`zopa.analysis.tiebreak` (issues in order; options in declared order, false before true,
integers ascending, a sequence's step positions in step order) is kept: when two partial
deals of issues 1..k have equal partial sums, the smaller stays the smaller whatever follows.
Vectors are compared on a grid of `GRID`, so float rounding in sums cannot split equal
vectors or order them.

The path declines (returns None, and the MILP search runs instead) when a constraint
involves two issues, an issue is a real number or has more values than `MAX_VALUES` (a
sequence more steps than `MAX_STEPS`), a preference does not fit its issue, or a partial
frontier outgrows `MAX_PARTIAL` points.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zopa.analysis.certify import certify
from zopa.analysis.dominance import undominated_in_order
from zopa.analysis.result import Solution
from zopa.expr.tree import (
    And,
    BoolIs,
    ChoiceIn,
    Compare,
    Const,
    Formula,
    Not,
    Or,
)
from zopa.format.schema import (
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    Issue,
    SequenceIssue,
)
from zopa.format.tolerances import GRID, VALUE_TOL
from zopa.format.values import Value
from zopa.scenario.evaluate import constraint_holds, preference_value
from zopa.scenario.scenario import CheckedConstraint, Scenario

MAX_VALUES = 10_000
"""The most values one issue may have for the fast path."""

MAX_STEPS = 7
"""The most steps a sequence may have for the fast path (7! = 5040 orders)."""

MAX_PARTIAL = 200_000
"""The largest partial frontier the fast path keeps before handing over to the MILP."""


Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class SeparableFrontier:
    """The frontier found by the fast path: its first `max_points` points in frontier order
    (utility vectors lexicographically descending), certified, and how many there are."""

    points: tuple[Solution, ...]
    total: int


@dataclass(frozen=True, slots=True)
class IssueValues:
    """One issue's allowed values in canonical order, and `gains[i, a]`: what value i adds
    to actor a's utility."""

    issue: str
    values: tuple[Value, ...]
    gains: Floats


def separable_frontier(scenario: Scenario, *, max_points: int) -> SeparableFrontier | None:
    """The ZOPA's frontier by the fast path, or None where the path does not apply.

    Raises:
        SolverError: a deal found here does not certify (a bug, never an answer).
    """
    plan = issue_values(scenario)
    if plan is None:
        return None
    actors = tuple(scenario.actors)
    reservation = np.array([float(scenario.actors[a].reservation) for a in actors])
    merged = _merge(plan, reservation, len(actors))
    if merged is None:
        return None
    sums, picks = merged
    clears = np.all(sums >= reservation - GRID, axis=1)
    sums, picks = sums[clears], picks[clears]
    order = frontier_order(sums, picks)
    total = len(order)
    points = tuple(
        _certified(scenario, plan, picks[i]) for i in order[: max(0, max_points)].tolist()
    )
    return SeparableFrontier(points, total)


def issue_values(scenario: Scenario) -> tuple[IssueValues, ...] | None:
    """Every issue's allowed, non-dominated values with their gains, in issue order; an
    issue with no allowed value gets an empty table (no ZOPA). None where the fast path does
    not apply (module docstring)."""
    if scenario.has_terms:
        return None  # a conditional term couples the issues it reads: utilities not additive
    issues = scenario.model.issues
    by_issue: dict[str, list[CheckedConstraint]] = {key: [] for key in issues}
    for constraint in scenario.constraints:
        involved = formula_issues(constraint.require)
        if constraint.when is not None:
            involved |= formula_issues(constraint.when)
        if len(involved) > 1:
            return None
        if not involved:
            if not constraint_holds(constraint, {}, tol=VALUE_TOL):
                return tuple(_no_values(key, len(scenario.actors)) for key in issues)
            continue
        by_issue[next(iter(involved))].append(constraint)
    plan: list[IssueValues] = []
    for key, issue in issues.items():
        table = _issue_table(scenario, key, issue, by_issue[key])
        if table is None:
            return None
        plan.append(table)
    return tuple(plan)


def formula_issues(formula: Formula) -> set[str]:
    """The ids of the issues a checked formula reads."""
    if isinstance(formula, Compare):
        return {ref.issue for ref, _ in formula.expr.terms}
    if isinstance(formula, ChoiceIn | BoolIs):
        return {formula.issue}
    if isinstance(formula, Const):
        return set()
    if isinstance(formula, Not):
        return formula_issues(formula.arg)
    if isinstance(formula, And | Or):
        found: set[str] = set()
        for arg in formula.args:
            found |= formula_issues(arg)
        return found
    raise TypeError(f"unknown formula node {type(formula).__name__}")


def _no_values(key: str, actors: int) -> IssueValues:
    return IssueValues(key, (), np.zeros((0, actors)))


def domain_of(issue: Issue) -> Iterator[Value] | None:
    """The issue's values in canonical order; None if there are too many."""
    if isinstance(issue, IntegerIssue):
        if issue.max - issue.min + 1 > MAX_VALUES:
            return None
        return iter(range(issue.min, issue.max + 1))
    if isinstance(issue, ChoiceIssue):
        return iter(issue.options) if len(issue.options) <= MAX_VALUES else None
    if isinstance(issue, BooleanIssue):
        return iter((False, True))
    if isinstance(issue, SequenceIssue):
        return _orders(issue.steps) if len(issue.steps) <= MAX_STEPS else None
    return None


def _orders(steps: Sequence[str]) -> Iterator[Value]:
    """Every order of `steps`, ascending in the steps' positions taken in declared order."""
    for positions in itertools.permutations(range(len(steps))):
        order = [""] * len(steps)
        for step, place in zip(steps, positions, strict=True):
            order[place] = step
        yield tuple(order)


def _issue_table(
    scenario: Scenario, key: str, issue: Issue, constraints: Sequence[CheckedConstraint]
) -> IssueValues | None:
    domain = domain_of(issue)
    if domain is None:
        return None
    values = tuple(
        v for v in domain if all(constraint_holds(c, {key: v}, tol=VALUE_TOL) for c in constraints)
    )
    gains = issue_gains(scenario, key, values)
    if gains is None:
        return None
    keep = frontier_order(gains, np.arange(len(values), dtype=np.int64)[:, None])
    return IssueValues(key, tuple(values[i] for i in sorted(keep.tolist())), gains[np.sort(keep)])


def issue_gains(scenario: Scenario, key: str, values: Sequence[Value]) -> Floats | None:
    """`gains[i, a]`: what value `values[i]` of issue `key` adds to actor a's utility (its
    weighted preference terms over the actor's total weight); None when a preference does
    not fit the issue."""
    gains = np.zeros((len(values), len(scenario.actors)))
    for a, actor in enumerate(scenario.actors.values()):
        total_weight = float(sum(p.weight for p in actor.preferences.values()))
        terms = [
            (name, pref)
            for name, pref in actor.preferences.items()
            if name == key or name.split(".", 1)[0] == key
        ]
        if total_weight <= 0 or not terms:
            continue
        for i, value in enumerate(values):
            try:
                gains[i, a] = (
                    sum(
                        pref.weight
                        * preference_value(name, pref, scenario.model.issues, {key: value})
                        for name, pref in terms
                    )
                    / total_weight
                )
            except (KeyError, ValueError):
                return None
    return gains


def _merge(
    plan: Sequence[IssueValues], reservation: Floats, actors: int
) -> tuple[Floats, Ints] | None:
    """The unrestricted frontier (less what cannot reach the reservations): utility sums
    and, per point, each issue's value index."""
    best = [t.gains.max(axis=0) if len(t.values) else np.zeros(actors) for t in plan]
    rest = [
        np.sum(best[k + 1 :], axis=0) if k + 1 < len(best) else np.zeros(actors)
        for k in range(len(best))
    ]
    sums: Floats = np.zeros((1, actors))
    picks: Ints = np.zeros((1, 0), dtype=np.int64)
    for k, table in enumerate(plan):
        n = len(table.values)
        if n == 0:
            return np.zeros((0, actors)), np.zeros((0, len(plan)), dtype=np.int64)
        cand = (sums[:, None, :] + table.gains[None, :, :]).reshape(-1, actors)
        cand_picks = np.concatenate(
            [
                np.repeat(picks, n, axis=0),
                np.tile(np.arange(n, dtype=np.int64), len(sums))[:, None],
            ],
            axis=1,
        )
        reachable = np.all(cand + rest[k] >= reservation - 2 * GRID, axis=1)
        cand, cand_picks = cand[reachable], cand_picks[reachable]
        keep = frontier_order(cand, cand_picks)
        if len(keep) > MAX_PARTIAL:
            return None
        sums, picks = cand[keep], cand_picks[keep]
    return sums, picks


def frontier_order(vectors: Floats, keys: Ints) -> Ints:
    """Indices of the non-dominated rows of `vectors` (one per distinct vector: the one with
    the lexicographically smallest `keys` row), lexicographically descending by vector."""
    if len(vectors) == 0:
        return np.zeros(0, dtype=np.int64)
    grid = np.rint(vectors / GRID).astype(np.int64)
    columns = [keys[:, j] for j in reversed(range(keys.shape[1]))]
    columns += [-grid[:, j] for j in reversed(range(grid.shape[1]))]
    order = np.lexsort(columns)
    sorted_grid = grid[order]
    return order[undominated_in_order(sorted_grid)]


def _certified(scenario: Scenario, plan: Sequence[IssueValues], picks: Ints) -> Solution:
    deal: dict[str, Value] = {
        table.issue: table.values[int(i)] for table, i in zip(plan, picks, strict=True)
    }
    return Solution(deal, certify(scenario, deal))
