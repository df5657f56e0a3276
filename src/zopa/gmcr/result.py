"""What `zopa stability` answers: every state with its deal and, per concept, the actors for
whom it is stable; the equilibria of each concept; what the status quo reaches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zopa.format.numbers import round_float
from zopa.format.values import Value
from zopa.gmcr.build import ScenarioGraph, build_graph
from zopa.gmcr.concepts import Concept, stabilities, status_quo_reach
from zopa.scenario.scenario import Scenario

CONCEPTS: tuple[str, ...] = tuple(c.value for c in Concept)
"""The concepts in report order: nash, gmr, smr, seq."""


def _plain(value: Value) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True, slots=True)
class State:
    """One state: its number (1-based, as GMCR tools count), deal, each actor's utility and
    broken red lines, and per concept the actors for whom it is stable (in actor order)."""

    number: int
    deal: Mapping[str, Value]
    utilities: Mapping[str, float]
    broken: Mapping[str, tuple[str, ...]]
    stable: Mapping[str, tuple[str, ...]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.number,
            "deal": {k: _plain(v) for k, v in self.deal.items()},
            "utilities": {a: round_float(u) for a, u in self.utilities.items()},
            "broken": {a: list(refs) for a, refs in self.broken.items()},
            "stable": {c: list(actors) for c, actors in self.stable.items()},
        }


@dataclass(frozen=True, slots=True)
class StatusQuo:
    """The status quo's state, every state it reaches by unilateral improvements (itself
    included), and per concept the equilibria among them."""

    state: int
    reaches: tuple[int, ...]
    equilibria: Mapping[str, tuple[int, ...]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "reaches": list(self.reaches),
            "equilibria": {c: list(s) for c, s in self.equilibria.items()},
        }


@dataclass(frozen=True, slots=True)
class StabilityResult:
    """Everything `zopa stability` answers about one scenario; `status_quo` is None where
    the scenario has none (`status_quo_note` says why)."""

    title: str | None
    actors: tuple[str, ...]
    states: tuple[State, ...]
    equilibria: Mapping[str, tuple[int, ...]]
    status_quo: StatusQuo | None
    status_quo_note: str | None

    def to_dict(self) -> dict[str, Any]:
        """The `--json` object (floats rounded to 9 significant digits)."""
        return {
            "format": 1,
            "title": self.title,
            "actors": list(self.actors),
            "states": [s.to_dict() for s in self.states],
            "equilibria": {c: list(s) for c, s in self.equilibria.items()},
            "status_quo": None if self.status_quo is None else self.status_quo.to_dict(),
            "status_quo_note": self.status_quo_note,
        }


def stability(scenario: Scenario) -> StabilityResult:
    """Nash, GMR, SMR and SEQ stability of every state of `scenario` (see
    `zopa.gmcr.build` for the graph, `zopa.gmcr.concepts` for the definitions).

    Raises:
        ScenarioError: an issue is not finite or not controlled, or there are too many deals.
    """
    built = build_graph(scenario)
    return from_graph(scenario, built)


def from_graph(scenario: Scenario, built: ScenarioGraph) -> StabilityResult:
    """The result for an already built graph."""
    graph = built.graph
    found = stabilities(graph)
    actors = graph.actors
    states = tuple(
        State(
            number=s + 1,
            deal=built.deals[s],
            utilities=built.utilities[s],
            broken=built.broken[s],
            stable={
                c.value: tuple(a for i, a in enumerate(actors) if i in found.stable[c][s])
                for c in Concept
            },
        )
        for s in range(graph.size)
    )
    equilibria = {c.value: tuple(s + 1 for s in found.equilibria[c]) for c in Concept}
    quo = None
    if built.status_quo is not None:
        reach = status_quo_reach(graph, built.status_quo)
        quo = StatusQuo(
            state=built.status_quo + 1,
            reaches=tuple(s + 1 for s in sorted(reach)),
            equilibria={
                c.value: tuple(s + 1 for s in found.equilibria[c] if s in reach) for c in Concept
            },
        )
    return StabilityResult(
        title=scenario.title,
        actors=actors,
        states=states,
        equilibria=equilibria,
        status_quo=quo,
        status_quo_note=built.status_quo_note,
    )
