"""The four standard stability concepts of the graph model (Fang, Hipel, Kilgour, 1993,
"Interactive Decision Making: The Graph Model for Conflict Resolution", ch. 3), for any
number of actors. For actor i at state s, with N - i the other actors:

- Nash: i has no unilateral improvement from s.
- GMR (general metarationality): every improvement s1 of i is sanctioned: the others can reach
  from s1 some s2 that i does not prefer to s (s2 in R_{N-i}(s1), not s2 >_i s).
- SMR (symmetric metarationality): every improvement s1 is sanctioned by some such s2 from which
  i cannot escape: no move s3 of i from s2 is preferred by i to s.
- SEQ (sequential stability): every improvement s1 is sanctioned by some such s2 that the others
  reach by their own unilateral improvements (s2 in R^+_{N-i}(s1)).

A state is an equilibrium of a concept when it is stable for every actor. Nash implies SEQ and
SMR; SEQ and SMR each imply GMR.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from zopa.gmcr.graph import ConflictGraph


class Concept(enum.Enum):
    """A stability concept; its value is how reports name it."""

    NASH = "nash"
    GMR = "gmr"
    SMR = "smr"
    SEQ = "seq"


@dataclass(frozen=True, slots=True)
class Stabilities:
    """Per concept and state, the actors (indices into `ConflictGraph.actors`) for whom the
    state is stable; `equilibria[concept]` are the states stable for every actor."""

    stable: dict[Concept, tuple[frozenset[int], ...]]
    equilibria: dict[Concept, tuple[int, ...]]


def _sanctioned(graph: ConflictGraph, actor: int, state: int, concept: Concept) -> bool:
    others = [a for a in range(len(graph.actors)) if a != actor]
    for s1 in graph.improvements(actor, state):
        reach = graph.reachable(others, s1, improving=concept is Concept.SEQ)
        if not any(_is_sanction(graph, actor, state, s2, concept) for s2 in sorted(reach)):
            return False
    return True


def _is_sanction(graph: ConflictGraph, actor: int, state: int, s2: int, concept: Concept) -> bool:
    if graph.prefers(actor, s2, state):
        return False
    if concept is Concept.SMR:
        return not any(graph.prefers(actor, s3, state) for s3 in graph.unilateral_moves(actor, s2))
    return True


def is_stable(graph: ConflictGraph, actor: int, state: int, concept: Concept) -> bool:
    """Whether `state` is stable for `actor` under `concept` (module docstring)."""
    if concept is Concept.NASH:
        return not graph.improvements(actor, state)
    return _sanctioned(graph, actor, state, concept)


def stabilities(graph: ConflictGraph) -> Stabilities:
    """Every concept at every state for every actor."""
    everyone = frozenset(range(len(graph.actors)))
    stable: dict[Concept, tuple[frozenset[int], ...]] = {}
    equilibria: dict[Concept, tuple[int, ...]] = {}
    for concept in Concept:
        per_state = tuple(
            frozenset(a for a in everyone if is_stable(graph, a, s, concept))
            for s in range(graph.size)
        )
        stable[concept] = per_state
        equilibria[concept] = tuple(s for s, who in enumerate(per_state) if who == everyone)
    return Stabilities(stable=stable, equilibria=equilibria)


def status_quo_reach(graph: ConflictGraph, status_quo: int) -> frozenset[int]:
    """The states the status quo evolves to by unilateral improvements of any actors, no actor
    moving twice in succession, the status quo itself included."""
    everyone = range(len(graph.actors))
    return graph.reachable(everyone, status_quo, improving=True) | {status_quo}
