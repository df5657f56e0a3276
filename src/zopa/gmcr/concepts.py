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
import math
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


class _Sanctions:
    """For actor i and a state s1 it can improve to, the worst that the others can do from s1,
    computed once per (i, s1, improving) and shared by every state s that i leaves for s1:

    - `worst[i, s1]`: the lowest rank (for i) of a state the others reach from s1: a GMR (or,
      with improving moves, SEQ) sanction against s exists iff it is <= rank_i(s);
    - `trapped[i, s1]`: the lowest, over those states s2, of max(rank_i(s2), the best rank of
      a move of i from s2): an SMR sanction exists iff it is <= rank_i(s).
    """

    def __init__(self, graph: ConflictGraph) -> None:
        self.graph = graph
        self.memo: dict[tuple[int, int, bool], tuple[float, float]] = {}
        n = len(graph.actors)
        self.escape = [
            [
                max((graph.ranks[a][t] for t in graph.moves[a][s2]), default=-1)
                for s2 in range(graph.size)
            ]
            for a in range(n)
        ]

    def summary(self, actor: int, s1: int, improving: bool) -> tuple[float, float]:
        key = (actor, s1, improving)
        found = self.memo.get(key)
        if found is None:
            graph = self.graph
            others = [a for a in range(len(graph.actors)) if a != actor]
            reach = graph.reachable(others, s1, improving=improving)
            rank = graph.ranks[actor]
            worst = min((rank[s2] for s2 in reach), default=math.inf)
            trapped = min((max(rank[s2], self.escape[actor][s2]) for s2 in reach), default=math.inf)
            found = self.memo[key] = (worst, trapped)
        return found

    def stable(self, actor: int, state: int, concept: Concept) -> bool:
        graph = self.graph
        if concept is Concept.NASH:
            return not graph.improvements(actor, state)
        level = graph.ranks[actor][state]
        for s1 in graph.improvements(actor, state):
            worst, trapped = self.summary(actor, s1, concept is Concept.SEQ)
            if (trapped if concept is Concept.SMR else worst) > level:
                return False
        return True


def is_stable(graph: ConflictGraph, actor: int, state: int, concept: Concept) -> bool:
    """Whether `state` is stable for `actor` under `concept` (module docstring)."""
    return _Sanctions(graph).stable(actor, state, concept)


def stabilities(graph: ConflictGraph) -> Stabilities:
    """Every concept at every state for every actor."""
    sanctions = _Sanctions(graph)
    everyone = frozenset(range(len(graph.actors)))
    stable: dict[Concept, tuple[frozenset[int], ...]] = {}
    equilibria: dict[Concept, tuple[int, ...]] = {}
    for concept in Concept:
        per_state = tuple(
            frozenset(a for a in everyone if sanctions.stable(a, s, concept))
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
