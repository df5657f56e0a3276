"""The cloud behind a frontier picture: the deals of a scenario as two actors' utilities,
and whether each lies in the ZOPA.

A finite space of at most `CLOUD_LIMIT` deals is drawn whole. A `number` issue is sampled
at `NUMBER_SAMPLES` evenly spaced values (both ends included), and the cloud says so
(`sampled`); a space still larger than `CLOUD_LIMIT` has no cloud (None).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from zopa.format.schema import Issue, NumberIssue
from zopa.format.tolerances import ORACLE_TOL
from zopa.format.values import Deal, Value
from zopa.scenario.evaluate import utility, violations
from zopa.scenario.scenario import Scenario
from zopa.testing.oracle import domain

CLOUD_LIMIT = 25_000
"""The most deals drawn as a cloud (each evaluated in plain Python: about a second)."""

NUMBER_SAMPLES = 11
"""Values a `number` issue is sampled at for the cloud."""


@dataclass(frozen=True, slots=True)
class Cloud:
    """Two actors' utilities of every deal (or sampled deal) that keeps the rules;
    `in_zone` marks the deals that also keep every red line and reservation; `sampled`
    says that number issues were sampled, not enumerated."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    in_zone: tuple[bool, ...]
    sampled: bool


def _values(issue_id: str, issue: Issue) -> tuple[Value, ...]:
    if isinstance(issue, NumberIssue):
        lo, hi = float(issue.min), float(issue.max)
        last = NUMBER_SAMPLES - 1
        return tuple(lo + (hi - lo) * k / last for k in range(NUMBER_SAMPLES))
    return domain(issue_id, issue)


def _deals(scenario: Scenario, domains: list[tuple[Value, ...]]) -> Iterator[Deal]:
    keys = list(scenario.model.issues)
    for values in itertools.product(*domains):
        yield dict(zip(keys, values, strict=True))


def deal_cloud(
    scenario: Scenario, actors: tuple[str, str], *, limit: int = CLOUD_LIMIT
) -> Cloud | None:
    """The cloud of `scenario` seen by `actors`, or None when it has more than `limit`
    deals (after sampling its number issues)."""
    issues = scenario.model.issues
    domains = [_values(key, issue) for key, issue in issues.items()]
    count = math.prod(len(values) for values in domains)
    if count > limit:
        return None
    first, second = (scenario.actors[a] for a in actors)
    x: list[float] = []
    y: list[float] = []
    in_zone: list[bool] = []
    for deal in _deals(scenario, domains):
        broken = violations(scenario, deal, tol=ORACLE_TOL)
        if any(ref.startswith("rules/") for ref in broken):
            continue  # the rules hold in every deal, negotiated or not
        x.append(utility(first, issues, deal))
        y.append(utility(second, issues, deal))
        in_zone.append(not broken)
    sampled = any(isinstance(issue, NumberIssue) for issue in issues.values())
    return Cloud(tuple(x), tuple(y), tuple(in_zone), sampled)
