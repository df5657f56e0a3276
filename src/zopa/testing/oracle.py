"""A brute-force oracle for small finite scenarios: every deal enumerated and checked by
plain evaluation (`zopa.scenario.evaluate`), with no solver involved.

zopa's answers come from a MILP; this module answers the same questions by listing every
deal, so tests (zopa's own and users') can compare the two on scenarios small enough to
enumerate. A scenario is finite when it has no `number` issue: integers, choices, booleans and
sequences (all permutations of their steps) are enumerated. Deals are dicts in declared issue
order and come in a fixed order: the product of the issues' domains, the last issue varying
fastest; integers ascending, options in declared order, `false` before `true`, permutations in
lexicographic order of the declared steps.

Constraint groups are what diagnoses name: each red line (`ACTOR/ID`) and each actor's
reservation (`ACTOR/reservation`), in YAML order (an actor's red lines, then its reservation).
Rules always hold.

Example:
    >>> from zopa.testing import oracle
    >>> oracle.zone_of(scenario).exists                      # doctest: +SKIP
    >>> oracle.feasible_with(scenario, {"russia/no-nato"})    # doctest: +SKIP

Everything here depends on `zopa.scenario`, `zopa.expr` and the format's terms
(`zopa.format`, whose `zone` module the engine answers in too) only: no numpy, no solver,
nothing of `zopa.analysis`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

from zopa.format.refs import GroupRef, reservation_text
from zopa.format.schema import (
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    Issue,
    NumberIssue,
)
from zopa.format.tolerances import ORACLE_TOL
from zopa.format.values import Deal, Value
from zopa.format.zone import BoolSet, IssueRange, NumberRange, OptionSet, StepPositions, Zone
from zopa.scenario.evaluate import actor_utility, constraint_holds, reservation_holds, violations
from zopa.scenario.scenario import Scenario

DEFAULT_LIMIT = 200_000
"""The largest number of deals enumerated before giving up with `ValueError`."""


# --- the deal space -------------------------------------------------------------------------


def _not_finite(issue_id: str) -> ValueError:
    return ValueError(
        f"issue {issue_id!r} is a real number: the oracle enumerates finite scenarios only"
    )


def domain(issue_id: str, issue: Issue) -> tuple[Value, ...]:
    """Every value of a finite issue, in the fixed order of the module docstring; raises
    `ValueError` for a `number` issue."""
    if isinstance(issue, NumberIssue):
        raise _not_finite(issue_id)
    if isinstance(issue, IntegerIssue):
        return tuple(range(issue.min, issue.max + 1))
    if isinstance(issue, ChoiceIssue):
        return tuple(issue.options)
    if isinstance(issue, BooleanIssue):
        return (False, True)
    return tuple(itertools.permutations(issue.steps))


def _domain_size(issue_id: str, issue: Issue) -> int:
    if isinstance(issue, NumberIssue):
        raise _not_finite(issue_id)
    if isinstance(issue, IntegerIssue):
        return max(0, issue.max - issue.min + 1)
    if isinstance(issue, ChoiceIssue):
        return len(issue.options)
    if isinstance(issue, BooleanIssue):
        return 2
    return math.factorial(len(issue.steps))


def deal_count(scenario: Scenario) -> int:
    """How many deals the scenario has. Raises `ValueError` if it has a `number` issue."""
    total = 1
    for issue_id, issue in scenario.model.issues.items():
        total *= _domain_size(issue_id, issue)
    return total


def enumerate_deals(scenario: Scenario, *, limit: int = DEFAULT_LIMIT) -> Iterator[Deal]:
    """Every deal of a finite scenario, in the fixed order of the module docstring.

    Raises:
        ValueError: the scenario has a `number` issue, or more than `limit` deals.
    """
    count = deal_count(scenario)
    if count > limit:
        raise ValueError(
            f"the scenario has {count} deals, more than the limit of {limit}; "
            "shrink it or pass a larger limit"
        )
    issues = scenario.model.issues
    keys = list(issues)
    domains = [domain(key, issues[key]) for key in keys]
    for values in itertools.product(*domains):
        yield dict(zip(keys, values, strict=True))


def _rules_hold(scenario: Scenario, deal: Mapping[str, Value]) -> bool:
    return all(constraint_holds(r, deal, tol=ORACLE_TOL) for r in scenario.rules)


def zopa_deals(scenario: Scenario, *, limit: int = DEFAULT_LIMIT) -> list[Deal]:
    """The deals that satisfy every rule, red line and reservation, in enumeration order."""
    return [
        deal
        for deal in enumerate_deals(scenario, limit=limit)
        if not violations(scenario, deal, tol=ORACLE_TOL)
    ]


def canonical_key(scenario: Scenario, deal: Mapping[str, Value]) -> tuple[int, ...]:
    """A finite deal's place in the canonical order that breaks ties between deals of equal
    utilities (`zopa.analysis.tiebreak`): issues in YAML order; a choice by its option's
    position, a boolean false before true, an integer ascending, a sequence by its steps'
    positions taken in declared step order."""
    key: list[int] = []
    for name, issue in scenario.model.issues.items():
        value = deal[name]
        if isinstance(issue, ChoiceIssue):
            key.append(issue.options.index(str(value)))
        elif isinstance(issue, BooleanIssue | IntegerIssue) and not isinstance(value, tuple):
            key.append(int(value))
        elif isinstance(value, tuple):
            key.extend(value.index(step) for step in getattr(issue, "steps", ()))
    return tuple(key)


def pareto_of(
    scenario: Scenario, *, limit: int = DEFAULT_LIMIT
) -> list[tuple[tuple[float, ...], Deal]]:
    """The ZOPA's Pareto frontier: each non-dominated utility vector (actors in YAML order,
    rounded to 9 decimals) with its canonically smallest deal, vectors descending."""
    actors = list(scenario.actors)
    best: dict[tuple[float, ...], Deal] = {}
    for deal in zopa_deals(scenario, limit=limit):
        v = tuple(round(actor_utility(scenario, a, deal), 9) for a in actors)
        if v not in best or canonical_key(scenario, deal) < canonical_key(scenario, best[v]):
            best[v] = deal
    kept = [
        v
        for v in best
        if not any(w != v and all(x >= y for x, y in zip(w, v, strict=True)) for w in best)
    ]
    return [(v, best[v]) for v in sorted(kept, reverse=True)]


# --- the zone -------------------------------------------------------------------------------


def _issue_range(issue_id: str, issue: Issue, deals: Sequence[Deal]) -> IssueRange:
    seen = [deal[issue_id] for deal in deals]
    if isinstance(issue, IntegerIssue | NumberIssue):
        numbers = [v for v in seen if isinstance(v, int | float)]
        return NumberRange(min(numbers), max(numbers))
    if isinstance(issue, ChoiceIssue):
        return OptionSet(tuple(o for o in issue.options if o in seen))
    if isinstance(issue, BooleanIssue):
        return BoolSet(tuple(b for b in (False, True) if b in seen))
    positions = []
    for step in issue.steps:
        places = [list(order).index(step) + 1 for order in seen if isinstance(order, tuple)]
        positions.append((step, min(places), max(places)))
    return StepPositions(tuple(positions))


def zone_of(scenario: Scenario, *, limit: int = DEFAULT_LIMIT) -> Zone:
    """The ZOPA as FORMAT §4 defines `zopa.issues` and `zopa.utilities`, by enumeration:
    integer ranges (as ints), options in declared order, booleans `false` before `true`, each
    step's position range, and each actor's lowest and highest utility, over all ZOPA deals."""
    deals = zopa_deals(scenario, limit=limit)
    if not deals:
        return Zone(exists=False)
    issues = scenario.model.issues
    ranges = {key: _issue_range(key, issue, deals) for key, issue in issues.items()}
    utilities: dict[str, NumberRange] = {}
    for actor_id in scenario.actors:
        values = [actor_utility(scenario, actor_id, deal) for deal in deals]
        utilities[actor_id] = NumberRange(min(values), max(values))
    return Zone(exists=True, issues=ranges, utilities=utilities)


# --- constraint groups ----------------------------------------------------------------------


def group_refs(scenario: Scenario) -> tuple[str, ...]:
    """Every constraint group: each actor's red lines, then its reservation, in YAML order."""
    return tuple(str(group) for group in scenario.groups)


def firmness_of(scenario: Scenario, ref: str) -> float:
    """A group's firmness: its red line's `firmness`, 1 for a reservation."""
    group = GroupRef.parse(ref)
    if group is not None and group.is_reservation and group.actor in scenario.actors:
        return 1.0
    return scenario.constraint(ref).firmness


def _groups_held(scenario: Scenario, deal: Mapping[str, Value]) -> frozenset[str]:
    issues = scenario.model.issues
    held = {c.ref for c in scenario.red_lines if constraint_holds(c, deal, tol=ORACLE_TOL)}
    held.update(
        reservation_text(actor_id)
        for actor_id, actor in scenario.actors.items()
        if reservation_holds(actor, issues, deal, tol=ORACLE_TOL, terms=scenario.terms_of(actor_id))
    )
    return frozenset(held)


def satisfied_groups(
    scenario: Scenario, *, limit: int = DEFAULT_LIMIT
) -> tuple[frozenset[str], ...]:
    """For the deals that satisfy every rule, the distinct sets of groups each one satisfies,
    in order of first appearance. Compute it once and test many subsets against it: a set of
    groups can hold together iff it is a subset of one of these."""
    distinct: dict[frozenset[str], None] = {}
    for deal in enumerate_deals(scenario, limit=limit):
        if _rules_hold(scenario, deal):
            distinct.setdefault(_groups_held(scenario, deal), None)
    return tuple(distinct)


def _check_refs(scenario: Scenario, refs: Iterable[str]) -> frozenset[str]:
    known = group_refs(scenario)
    wanted = frozenset(refs)
    unknown = sorted(wanted.difference(known))
    if unknown:
        raise ValueError(f"unknown groups {unknown}; groups: {', '.join(known)}")
    return wanted


def feasible_with(
    scenario: Scenario,
    refs: Collection[str],
    *,
    satisfied: Sequence[frozenset[str]] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> bool:
    """Whether some deal satisfies every rule and exactly the groups `refs` (red-line refs and
    `ACTOR/reservation`); other groups are ignored. Pass `satisfied` (`satisfied_groups`) to
    answer many questions about one scenario without re-enumerating.

    Raises:
        ValueError: a ref is not a group of the scenario, or the scenario is not finite.
    """
    wanted = _check_refs(scenario, refs)
    table = satisfied_groups(scenario, limit=limit) if satisfied is None else satisfied
    return any(wanted <= held for held in table)


def minimal_conflicts(scenario: Scenario, *, limit: int = DEFAULT_LIMIT) -> list[tuple[str, ...]]:
    """Every minimal set of groups that cannot hold together under the rules (each set
    infeasible, every proper subset feasible), smallest first, then in group order. When the
    rules alone admit no deal, the only minimal conflict is the empty set."""
    refs = group_refs(scenario)
    table = satisfied_groups(scenario, limit=limit)
    found: list[tuple[str, ...]] = []
    for size in range(len(refs) + 1):
        for subset in itertools.combinations(refs, size):
            members = frozenset(subset)
            if any(frozenset(c) <= members for c in found):
                continue
            if not any(members <= held for held in table):
                found.append(subset)
    return found


def minimal_relaxations(
    scenario: Scenario, *, limit: int = DEFAULT_LIMIT
) -> list[tuple[tuple[str, ...], float]]:
    """Every minimal set of groups whose removal lets a deal satisfy all the others (with the
    rules), with its cost (summed firmness, reservation 1): cheapest first, then by size,
    then in group order. When a ZOPA exists, the only one is the empty set; when the rules
    alone admit no deal, there is none."""
    refs = group_refs(scenario)
    order = {ref: i for i, ref in enumerate(refs)}
    table = set(satisfied_groups(scenario, limit=limit))
    maximal = [held for held in table if not any(held < other for other in table)]
    drops = [tuple(r for r in refs if r not in held) for held in maximal]
    priced = [(drop, sum((firmness_of(scenario, r) for r in drop), 0.0)) for drop in drops]
    priced.sort(key=lambda item: (item[1], len(item[0]), [order[r] for r in item[0]]))
    return priced


def binding_red_lines(scenario: Scenario, *, limit: int = DEFAULT_LIMIT) -> list[str]:
    """Red lines whose removal enlarges the ZOPA: some deal satisfies every rule and every
    other group but breaks this red line. In group order. Where no ZOPA exists these are the
    red lines whose removal alone opens one (`zopa analyze` reports binding red lines only
    when a ZOPA exists: check `zone_of(...).exists` before comparing)."""
    refs = group_refs(scenario)
    table = satisfied_groups(scenario, limit=limit)
    binding: list[str] = []
    for line in scenario.red_lines:
        others = frozenset(r for r in refs if r != line.ref)
        if any(others <= held and line.ref not in held for held in table):
            binding.append(line.ref)
    return binding
