"""The four stability concepts on textbook conflicts worked by hand, on sanctions that need an
actor to move twice (not in succession), and against a literal re-implementation of the
definitions on random small graphs."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.gmcr.concepts import Concept, is_stable, stabilities, status_quo_reach
from zopa.gmcr.graph import ConflictGraph, ranks_from_keys

# Two actors, one boolean each; states in the order CC, CD, DC, DD (A's choice first).
CC, CD, DC, DD = range(4)
TOGGLE_A = ((DC,), (DD,), (CC,), (CD,))
TOGGLE_B = ((CD,), (CC,), (DD,), (DC,))


def _two_by_two(ranks_a: tuple[int, ...], ranks_b: tuple[int, ...]) -> ConflictGraph:
    return ConflictGraph(actors=("a", "b"), moves=(TOGGLE_A, TOGGLE_B), ranks=(ranks_a, ranks_b))


def test_prisoners_dilemma() -> None:
    # A: DC > CC > DD > CD; B symmetric.
    graph = _two_by_two((2, 0, 3, 1), (2, 3, 0, 1))
    result = stabilities(graph)
    assert result.equilibria[Concept.NASH] == (DD,)
    for concept in (Concept.GMR, Concept.SMR, Concept.SEQ):
        assert result.equilibria[concept] == (CC, DD)
    # Mutual cooperation is unstable for no one under GMR, and Nash-unstable for both.
    assert result.stable[Concept.NASH][CC] == frozenset()
    assert result.stable[Concept.GMR][CC] == frozenset({0, 1})


def test_gmr_and_seq_differ_when_the_sanction_hurts_the_sanctioner() -> None:
    # As the dilemma, but B ranks DD last: B's threat DC -> DD against A's defection from CC
    # would hurt B itself, so it deters under GMR and SMR but is not credible under SEQ.
    graph = _two_by_two((2, 0, 3, 1), (2, 3, 1, 0))
    result = stabilities(graph)
    assert result.equilibria[Concept.NASH] == (DC,)
    assert result.equilibria[Concept.GMR] == (CC, DC)
    assert result.equilibria[Concept.SMR] == (CC, DC)
    assert result.equilibria[Concept.SEQ] == (DC,)
    assert is_stable(graph, 0, CC, Concept.GMR)
    assert not is_stable(graph, 0, CC, Concept.SEQ)
    assert is_stable(graph, 1, CC, Concept.SEQ)


def _chain(movers: list[int], n_actors: int, *, credible: bool = True) -> ConflictGraph:
    """States 0..k+1: actor 0 improves 0 -> 1, then movers[i] moves i+1 -> i+2; the last state
    is worse for actor 0 than state 0. Every mover gains from its move when `credible`."""
    size = len(movers) + 2
    moves = [[[] for _ in range(size)] for _ in range(n_actors)]
    moves[0][0].append(1)
    for i, mover in enumerate(movers):
        moves[mover][i + 1].append(i + 2)
    ranks_0 = [1] + [2] * len(movers) + [0]
    others = list(range(size)) if credible else list(range(size, 0, -1))
    ranks = [tuple(ranks_0)] + [tuple(others)] * (n_actors - 1)
    return ConflictGraph(
        actors=tuple(f"a{i}" for i in range(n_actors)),
        moves=tuple(tuple(tuple(t) for t in per) for per in moves),
        ranks=tuple(ranks),
    )


def test_three_actors_sanction_needs_an_actor_to_move_again_later() -> None:
    graph = _chain([1, 2, 1], 3)
    assert graph.reachable([1, 2], 1) == frozenset({2, 3, 4})
    for concept in (Concept.GMR, Concept.SMR, Concept.SEQ):
        assert is_stable(graph, 0, 0, concept)
    assert not is_stable(graph, 0, 0, Concept.NASH)
    # Without actor 2's move in between, actor 1 may not move twice in succession.
    blocked = _chain([1, 1], 3)
    assert blocked.reachable([1, 2], 1) == frozenset({2})
    assert not is_stable(blocked, 0, 0, Concept.GMR)
    # Moves that hurt their movers still sanction under GMR, but not under SEQ.
    incredible = _chain([1, 2, 1], 3, credible=False)
    assert is_stable(incredible, 0, 0, Concept.GMR)
    assert not is_stable(incredible, 0, 0, Concept.SEQ)


def test_four_actors_sanction_needs_an_actor_to_move_again_later() -> None:
    graph = _chain([1, 2, 1, 3], 4)
    assert graph.reachable([1, 2, 3], 1) == frozenset({2, 3, 4, 5})
    assert is_stable(graph, 0, 0, Concept.GMR)
    assert is_stable(graph, 0, 0, Concept.SEQ)
    assert not is_stable(_chain([1, 2, 2, 3], 4), 0, 0, Concept.GMR)
    # Actor 3 moves last in the only sanctioning sequence: without it there is none.
    assert 5 not in graph.reachable([1, 2], 1)


def test_status_quo_reach_follows_improvements() -> None:
    graph = _two_by_two((2, 0, 3, 1), (2, 3, 0, 1))  # the dilemma
    assert status_quo_reach(graph, CC) == frozenset({CC, CD, DC, DD})
    assert status_quo_reach(graph, DD) == frozenset({DD})


def test_ranks_from_keys_orders_red_lines_first_then_utility_with_ties() -> None:
    keys = [(0, 0.5), (1, 0.9), (0, 0.5 + 1e-10), (0, 0.7), (2, 1.0)]
    ranks = ranks_from_keys(keys)
    assert ranks[0] == ranks[2]
    assert ranks[4] < ranks[1] < ranks[0] < ranks[3]


# --- a literal re-implementation of the definitions ------------------------------------------


def _literal_reach(graph: ConflictGraph, coalition: list[int], s: int, improving: bool) -> set[int]:
    """R_H(s) by the textbook recursion: reached states with their sets of last movers,
    extended until nothing changes (Fang, Hipel, Kilgour 1993, def. 3.2)."""

    def moves(j: int, x: int) -> list[int]:
        out = list(graph.moves[j][x])
        return [t for t in out if graph.ranks[j][t] > graph.ranks[j][x]] if improving else out

    last: dict[int, set[int]] = {}
    for j in coalition:
        for t in moves(j, s):
            last.setdefault(t, set()).add(j)
    changed = True
    while changed:
        changed = False
        for x in list(last):
            for j in coalition:
                if last[x] == {j}:
                    continue
                for t in moves(j, x):
                    if j not in last.setdefault(t, set()):
                        last[t].add(j)
                        changed = True
    return set(last)


def _literal_stable(graph: ConflictGraph, i: int, s: int, concept: Concept) -> bool:
    rank = graph.ranks[i]
    others = [j for j in range(len(graph.actors)) if j != i]
    better = [t for t in graph.moves[i][s] if rank[t] > rank[s]]
    if concept is Concept.NASH:
        return not better
    for s1 in better:
        reach = _literal_reach(graph, others, s1, improving=concept is Concept.SEQ)
        ok = [s2 for s2 in reach if rank[s2] <= rank[s]]
        if concept is Concept.SMR:
            ok = [s2 for s2 in ok if all(rank[s3] <= rank[s] for s3 in graph.moves[i][s2])]
        if not ok:
            return False
    return True


@st.composite
def graphs(draw: st.DrawFn) -> ConflictGraph:
    n_actors = draw(st.integers(1, 4))
    size = draw(st.integers(1, 6))
    moves = []
    ranks = []
    for _ in range(n_actors):
        per_state = []
        for s in range(size):
            targets = draw(st.sets(st.integers(0, size - 1).filter(lambda t, s=s: t != s)))
            per_state.append(tuple(sorted(targets)))
        moves.append(tuple(per_state))
        ranks.append(tuple(draw(st.lists(st.integers(0, 3), min_size=size, max_size=size))))
    return ConflictGraph(
        actors=tuple(f"a{i}" for i in range(n_actors)), moves=tuple(moves), ranks=tuple(ranks)
    )


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_engine_matches_the_literal_definitions(graph: ConflictGraph) -> None:
    everyone = list(range(len(graph.actors)))
    for s in range(graph.size):
        for size in range(1, len(everyone) + 1):
            for coalition in itertools.combinations(everyone, size):
                for improving in (False, True):
                    assert graph.reachable(coalition, s, improving=improving) == _literal_reach(
                        graph, list(coalition), s, improving
                    )
    result = stabilities(graph)
    for concept in Concept:
        for s in range(graph.size):
            expected = frozenset(i for i in everyone if _literal_stable(graph, i, s, concept))
            assert result.stable[concept][s] == expected
    nash, gmr, smr, seq = (set(result.equilibria[c]) for c in Concept)
    assert nash <= smr <= gmr
    assert nash <= seq <= gmr
