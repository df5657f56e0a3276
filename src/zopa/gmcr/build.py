"""A scenario as a conflict graph (GMCR): its states, each actor's moves and preferences.

- States are the deals that satisfy every rule, in the order of the issues' domains
  (booleans false before true, options in declared order, integers ascending; the first
  issue varies slowest).
- An actor's move from a state changes any combination of the issues it controls
  (`controlled_by`) to another state, each boolean only in its `direction`.
- An actor prefers a state that breaks fewer of its red lines; at equal count the higher
  utility (preferences and conditional terms); utilities within `TIE_TOL` tie.

Every issue must be finite and controlled: a number or a sequence, or an issue without
`controlled_by`, is a `ScenarioError` naming the issue and what to do.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from zopa.errors import Problem, ScenarioError
from zopa.format.schema import BooleanIssue, ChoiceIssue, IntegerIssue, Issue
from zopa.format.values import Value
from zopa.gmcr.graph import ConflictGraph, ranks_from_keys
from zopa.scenario.evaluate import actor_utility, constraint_holds
from zopa.scenario.scenario import Scenario

TIE_TOL = 1e-9
"""Utilities within this of each other tie (as `zopa stability` promises)."""

MAX_STATES = 4096
"""The most deals enumerated: the concepts search the others' reachable states from every
improvement, about a minute at 4096 states and 3 actors on 2 cores (benchmarks/README.md)."""

Deal = Mapping[str, Value]


@dataclass(frozen=True, slots=True)
class ScenarioGraph:
    """The conflict graph of a scenario and what its states mean.

    `deals[s]` is state s's deal; `utilities[s][a]` and `broken[s][a]` (refs of red lines
    of actor a that it breaks) are indexed by state and by actor id; `status_quo` is the
    state of the issues' `status_quo` values, None where an issue has none or that deal
    breaks a rule (`status_quo_note` says which).
    """

    graph: ConflictGraph
    deals: tuple[Deal, ...]
    utilities: tuple[Mapping[str, float], ...]
    broken: tuple[Mapping[str, tuple[str, ...]], ...]
    status_quo: int | None
    status_quo_note: str | None


def _problem(scenario: Scenario, path: str, message: str) -> Problem:
    line, column = scenario.positions.get(path, (None, None))
    return Problem(scenario.name, path, line, column, message)


def _domain(issue: Issue) -> tuple[Value, ...] | None:
    if isinstance(issue, BooleanIssue):
        return (False, True)
    if isinstance(issue, ChoiceIssue):
        return tuple(issue.options)
    if isinstance(issue, IntegerIssue):
        return tuple(range(issue.min, issue.max + 1))
    return None


def check_stability_ready(scenario: Scenario) -> None:
    """Raise `ScenarioError` unless every issue is finite and controlled by an actor."""
    problems: list[Problem] = []
    for key, issue in scenario.model.issues.items():
        path = f"issues.{key}"
        if _domain(issue) is None:
            problems.append(
                _problem(
                    scenario,
                    f"{path}.type",
                    f"stability needs finite issues, but {key!r} is a {issue.type}; make it "
                    "an integer, a choice or a boolean (e.g. a choice of a few levels)",
                )
            )
        elif getattr(issue, "controlled_by", None) is None:
            problems.append(
                _problem(
                    scenario,
                    path,
                    f"no actor controls {key!r}; add `controlled_by: ACTOR` (one of "
                    f"{', '.join(scenario.actors)}) to say who may change it",
                )
            )
    if problems:
        raise ScenarioError(problems)


def _states(scenario: Scenario) -> list[dict[str, Value]]:
    issues = scenario.model.issues
    domains = [_domain(issue) or () for issue in issues.values()]
    total = 1
    for domain in domains:
        total *= len(domain)
    if total > MAX_STATES:
        raise ScenarioError(
            [
                _problem(
                    scenario,
                    "issues",
                    f"the issues make {total} deals; stability enumerates at most "
                    f"{MAX_STATES}: use fewer issues or options, or narrower integer ranges",
                )
            ]
        )
    rules = scenario.rules
    deals = (dict(zip(issues, values, strict=True)) for values in itertools.product(*domains))
    return [deal for deal in deals if all(constraint_holds(r, deal) for r in rules)]


def _allowed(issue: Issue, before: Value, after: Value) -> bool:
    if before == after or not isinstance(issue, BooleanIssue):
        return True
    return bool(issue.direction == "both" or (issue.direction == "to_true") == bool(after))


def _moves(
    scenario: Scenario, actor: str, deals: list[dict[str, Value]]
) -> tuple[tuple[int, ...], ...]:
    issues = scenario.model.issues
    mine = [k for k, issue in issues.items() if getattr(issue, "controlled_by", None) == actor]
    others = [k for k in issues if k not in mine]
    groups: dict[tuple[Value, ...], list[int]] = {}
    for s, deal in enumerate(deals):
        groups.setdefault(tuple(deal[k] for k in others), []).append(s)
    moves: list[tuple[int, ...]] = []
    for s, deal in enumerate(deals):
        group = groups[tuple(deal[k] for k in others)] if mine else []
        moves.append(
            tuple(
                t
                for t in group
                if t != s and all(_allowed(issues[k], deal[k], deals[t][k]) for k in mine)
            )
        )
    return tuple(moves)


def _status_quo(scenario: Scenario, deals: list[dict[str, Value]]) -> tuple[int | None, str | None]:
    issues = scenario.model.issues
    missing = [k for k, issue in issues.items() if issue.status_quo is None]
    if missing:
        return None, f"no status_quo for {', '.join(missing)}"
    quo = {k: issue.status_quo for k, issue in issues.items()}
    for s, deal in enumerate(deals):
        if deal == quo:
            return s, None
    return None, "the status quo breaks a rule"


def build_graph(scenario: Scenario) -> ScenarioGraph:
    """The conflict graph of `scenario` (module docstring). Raises `ScenarioError`."""
    check_stability_ready(scenario)
    deals = _states(scenario)
    actors = tuple(scenario.actors)
    utilities = [{a: actor_utility(scenario, a, deal) for a in actors} for deal in deals]
    broken = [
        {
            a: tuple(
                c.ref for c in scenario.red_lines if c.actor == a and not constraint_holds(c, deal)
            )
            for a in actors
        }
        for deal in deals
    ]
    ranks = tuple(
        ranks_from_keys(
            [(len(b[a]), u[a]) for b, u in zip(broken, utilities, strict=True)], tol=TIE_TOL
        )
        for a in actors
    )
    graph = ConflictGraph(
        actors=actors, moves=tuple(_moves(scenario, a, deals) for a in actors), ranks=ranks
    )
    status_quo, note = _status_quo(scenario, deals)
    return ScenarioGraph(
        graph=graph,
        deals=tuple(deals),
        utilities=tuple(utilities),
        broken=tuple(broken),
        status_quo=status_quo,
        status_quo_note=note,
    )
