"""The statistics of a simulation: P(ZOPA) with its Wilson interval, how often each red line
is real and in the cheapest relaxation, the spread of the Nash solution, and which inputs
matter most. Every statistic is a weighted one (weight 1 per Monte Carlo sample, the
combination's probability in exact mode), computed in sample order so the same samples give
the same bytes.

Definitions (also in docs/simulate.md):
- Wilson 95% interval: `(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`, z = 1.959964.
- percentile q: the smallest sampled value whose cumulative weight reaches q of the total
  (the "inverted CDF" definition; always a value some sample had).
- sensitivity of a distribution: P(ZOPA | draw above the distribution's median) minus
  P(ZOPA | draw at or below it); of a credibility: P(ZOPA | real) minus P(ZOPA | absent);
  0 where one side has no samples.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zopa.analysis.sampling import Draw
from zopa.analysis.simulate_eval import SampleOutcome
from zopa.format.numbers import round_float
from zopa.scenario.scenario import Scenario

Z95 = 1.959963984540054
"""The standard normal's 97.5% quantile."""

PERCENTILES = (5, 50, 95)


@dataclass(frozen=True, slots=True)
class Spread:
    """A number's weighted mean and its 5th, 50th and 95th percentiles."""

    mean: float
    p5: float
    p50: float
    p95: float

    def to_dict(self) -> dict[str, Any]:
        return {k: round_float(getattr(self, k)) for k in ("mean", "p5", "p50", "p95")}


@dataclass(frozen=True, slots=True)
class IssueSummary:
    """One issue over the Nash solutions: a `Spread` (numbers, integers), option shares
    (choices, booleans: every option listed, declared order), or step positions."""

    spread: Spread | None = None
    shares: Mapping[str, float] | None = None
    positions: Mapping[str, Spread] | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.spread is not None:
            return self.spread.to_dict()
        if self.shares is not None:
            return {"options": {k: round_float(v) for k, v in self.shares.items()}}
        return {"positions": {k: s.to_dict() for k, s in (self.positions or {}).items()}}


@dataclass(frozen=True, slots=True)
class NashSummary:
    """The Nash solution over the samples with a ZOPA that were solved for it."""

    samples: int
    issues: Mapping[str, IssueSummary]
    utilities: Mapping[str, Spread]

    def to_dict(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "issues": {k: v.to_dict() for k, v in self.issues.items()},
            "utilities": {k: v.to_dict() for k, v in self.utilities.items()},
        }


@dataclass(frozen=True, slots=True)
class RedLineStats:
    """`kept`: the share of samples where the red line is real; `in_cheapest_relaxation`:
    the share of samples without a ZOPA whose cheapest relaxation drops it (None: every
    sample had a ZOPA)."""

    kept: float
    in_cheapest_relaxation: float | None

    def to_dict(self) -> dict[str, Any]:
        share = self.in_cheapest_relaxation
        return {
            "kept": round_float(self.kept),
            "in_cheapest_relaxation": None if share is None else round_float(share),
        }


@dataclass(frozen=True, slots=True)
class Sensitivity:
    input: str
    effect: float

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "effect": round_float(self.effect)}


@dataclass(frozen=True, slots=True)
class Simulation:
    """What `zopa.simulate` answers (`to_dict()` is the `--json` object)."""

    title: str | None
    method: str
    samples: int
    seed: int
    p: float
    low: float
    high: float
    red_lines: Mapping[str, RedLineStats]
    nash: NashSummary | None
    sensitivity: tuple[Sensitivity, ...]
    uncertain: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "method": self.method,
            "samples": self.samples,
            "seed": self.seed,
            "zopa": {k: round_float(getattr(self, k)) for k in ("p", "low", "high")},
            "red_lines": {k: v.to_dict() for k, v in self.red_lines.items()},
            "solutions": {"nash": None if self.nash is None else self.nash.to_dict()},
            "sensitivity": [s.to_dict() for s in self.sensitivity],
            "uncertain": list(self.uncertain),
        }


def wilson(p: float, n: int) -> tuple[float, float]:
    """The Wilson 95% interval of a proportion `p` observed in `n` trials."""
    if n == 0:
        return 0.0, 1.0
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def weighted_percentile(values: Sequence[float], weights: Sequence[float], q: float) -> float:
    """The smallest value whose cumulative weight reaches `q` percent of the total."""
    pairs = sorted(zip(values, weights, strict=True))
    total = math.fsum(weights)
    target = total * q / 100.0
    running = 0.0
    for value, weight in pairs:
        running += weight
        if running >= target - 1e-12 * total:
            return value
    return pairs[-1][0]


def spread(values: Sequence[float], weights: Sequence[float]) -> Spread:
    total = math.fsum(weights)
    mean = math.fsum(v * w for v, w in zip(values, weights, strict=True)) / total
    p5, p50, p95 = (weighted_percentile(values, weights, q) for q in PERCENTILES)
    return Spread(mean, p5, p50, p95)


def _share(flags: Sequence[bool], weights: Sequence[float]) -> float:
    total = math.fsum(weights)
    return math.fsum(w for f, w in zip(flags, weights, strict=True) if f) / total if total else 0.0


def _issue_summary(
    scenario: Scenario, issue: str, deals: Sequence[Mapping[str, Any]], w: Sequence[float]
) -> IssueSummary:
    spec = scenario.model.issues[issue]
    values = [d[issue] for d in deals]
    if spec.type in ("number", "integer"):
        return IssueSummary(spread=spread([float(v) for v in values], w))
    if spec.type == "choice":
        return IssueSummary(shares={o: _share([v == o for v in values], w) for o in spec.options})
    if spec.type == "boolean":
        return IssueSummary(
            shares={
                "true": _share([v is True for v in values], w),
                "false": _share([v is False for v in values], w),
            }
        )
    steps: tuple[str, ...] = getattr(spec, "steps", ())
    positions = {
        step: spread([float(tuple(v).index(step) + 1) for v in values], w) for step in steps
    }
    return IssueSummary(positions=positions)


def _nash_summary(
    scenario: Scenario, pairs: list[tuple[SampleOutcome, float]]
) -> NashSummary | None:
    solved = [(o.nash, w) for o, w in pairs if o.nash is not None]
    if not solved:
        return None
    deals = [s.deal for s, _ in solved]
    weights = [w for _, w in solved]
    issues = {i: _issue_summary(scenario, i, deals, weights) for i in scenario.model.issues}
    utilities = {
        a: spread([s.utilities[a] for s, _ in solved], weights) for a in scenario.model.actors
    }
    return NashSummary(len(solved), issues, utilities)


def _effect(flags: Sequence[bool], exists: Sequence[bool], weights: Sequence[float]) -> float:
    up = [(e, w) for f, e, w in zip(flags, exists, weights, strict=True) if f]
    down = [(e, w) for f, e, w in zip(flags, exists, weights, strict=True) if not f]
    if not up or not down:
        return 0.0
    return _share([e for e, _ in up], [w for _, w in up]) - _share(
        [e for e, _ in down], [w for _, w in down]
    )


def summarise(
    scenario: Scenario,
    draws: Sequence[Draw],
    outcomes: Sequence[SampleOutcome],
    *,
    method: str,
    seed: int,
) -> Simulation:
    """The statistics of `outcomes` (one per draw, in sample order)."""
    found = scenario.uncertainty
    weights = [d.weight for d in draws]
    exists = [o.exists for o in outcomes]
    p = _share(exists, weights)
    low, high = (p, p) if method == "exact" else wilson(p, len(draws))
    cred_index = {c.ref: k for k, c in enumerate(found.credibilities)}
    failed = [(o, w) for o, w in zip(outcomes, weights, strict=True) if not o.exists]
    red_lines: dict[str, RedLineStats] = {}
    for line in scenario.red_lines:
        k = cred_index.get(line.ref)
        kept = 1.0 if k is None else _share([d.kept[k] for d in draws], weights)
        share = (
            _share([line.ref in o.relaxation for o, _ in failed], [w for _, w in failed])
            if failed
            else None
        )
        red_lines[line.ref] = RedLineStats(kept, share)
    sensitivity = [
        Sensitivity(
            i.path, _effect([d.values[k] > i.distribution.median() for d in draws], exists, weights)
        )
        for k, i in enumerate(found.inputs)
    ] + [
        Sensitivity(c.path, _effect([d.kept[k] for d in draws], exists, weights))
        for k, c in enumerate(found.credibilities)
        if 0 < c.p < 1
    ]
    sensitivity.sort(key=lambda s: (-abs(round_float(s.effect)), s.input))
    return Simulation(
        title=scenario.title,
        method=method,
        samples=len(draws),
        seed=seed,
        p=p,
        low=low,
        high=high,
        red_lines=red_lines,
        nash=_nash_summary(scenario, list(zip(outcomes, weights, strict=True))),
        sensitivity=tuple(sensitivity),
        uncertain=found.paths,
    )
