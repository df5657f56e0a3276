"""The graph model of a conflict (GMCR): states, each actor's unilateral moves, each actor's
preference, and the states a coalition reaches by legal sequences of moves.

Plain Python, no solver: a state is an index `0..n-1`; `moves[a][s]` lists the states actor `a`
reaches from `s` in one move (never `s` itself); `ranks[a][s]` is `a`'s preference as a rank,
higher is better, equal ranks tie. Ranks make the preference a complete preorder, which the
standard definitions (Fang, Hipel, Kilgour 1993) assume.

Coalition reachability (Fang et al.; Kilgour, Hipel, Fang 1987 for the improvement version):
a coalition `H` reaches `t` from `s` if some sequence of unilateral moves by members of `H`
leads from `s` to `t` in which no actor moves twice in succession (an actor may move again
later). For improvements, every move of the sequence is a unilateral improvement of its mover
from the state it leaves. With two actors this is one move of the other actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ConflictGraph:
    """States, moves and preferences of a conflict (module docstring).

    `actors` are ids in a fixed order; `moves[a]` and `ranks[a]` are indexed like `actors`.
    """

    actors: tuple[str, ...]
    moves: tuple[tuple[tuple[int, ...], ...], ...]
    ranks: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        n = self.size
        if len(self.moves) != len(self.actors) or len(self.ranks) != len(self.actors):
            raise ValueError("moves and ranks need one entry per actor")
        for a, (moves, ranks) in enumerate(zip(self.moves, self.ranks, strict=True)):
            if len(moves) != n or len(ranks) != n:
                raise ValueError(f"actor {self.actors[a]!r}: moves and ranks need {n} states")
            for s, targets in enumerate(moves):
                if any(not 0 <= t < n or t == s for t in targets):
                    raise ValueError(f"actor {self.actors[a]!r}: bad move from state {s}")

    @property
    def size(self) -> int:
        """The number of states."""
        return len(self.ranks[0]) if self.ranks else 0

    def prefers(self, actor: int, better: int, worse: int) -> bool:
        """Whether `actor` strictly prefers state `better` to state `worse`."""
        return self.ranks[actor][better] > self.ranks[actor][worse]

    def unilateral_moves(self, actor: int, state: int) -> tuple[int, ...]:
        """R_i(s): the states `actor` reaches from `state` in one move."""
        return self.moves[actor][state]

    def improvements(self, actor: int, state: int) -> tuple[int, ...]:
        """R_i^+(s): the moves of `actor` from `state` to states it strictly prefers."""
        return tuple(t for t in self.moves[actor][state] if self.prefers(actor, t, state))

    def reachable(
        self, coalition: Iterable[int], state: int, *, improving: bool = False
    ) -> frozenset[int]:
        """R_H(s) (or R_H^+(s) when `improving`): every state the coalition reaches from
        `state` by one or more moves, no actor moving twice in succession (module docstring).

        A breadth-first search over (state, last mover) pairs, so it is polynomial: each pair
        is expanded once.
        """
        members = tuple(sorted(set(coalition)))
        step = self.improvements if improving else self.unilateral_moves
        seen: set[tuple[int, int]] = set()
        frontier = [(t, a) for a in members for t in step(a, state)]
        while frontier:
            pair = frontier.pop()
            if pair in seen:
                continue
            seen.add(pair)
            current, last = pair
            frontier.extend((t, a) for a in members if a != last for t in step(a, current))
        return frozenset(t for t, _ in seen)


def ranks_from_keys(keys: Sequence[tuple[int, float]], *, tol: float = 1e-9) -> tuple[int, ...]:
    """Ranks (higher is better) of states whose worth to one actor is `(-broken, utility)`:
    fewer broken red lines first, then higher utility; utilities within `tol` of the next
    lower one in sorted order tie (a chain of near ties is one rank).

    Args:
        keys: per state, `(broken red lines, utility)`.
    """
    order = sorted(range(len(keys)), key=lambda s: (-keys[s][0], keys[s][1]))
    ranks = [0] * len(keys)
    rank = 0
    for position, s in enumerate(order):
        if position > 0:
            prev = order[position - 1]
            tied = keys[prev][0] == keys[s][0] and keys[s][1] - keys[prev][1] <= tol
            if not tied:
                rank += 1
        ranks[s] = rank
    return tuple(ranks)
