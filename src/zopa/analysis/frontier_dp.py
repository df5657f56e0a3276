"""The exact Pareto frontier of a finite scenario whose rules and red lines couple issues: a
multi-objective dynamic program (bucket elimination) over the constraint graph
(`zopa.analysis.constraint_graph`), in numpy, with no solver.

Why it is exact. Utilities are additive over issues (FORMAT §1) and every constraint is a
table over the issues it names. Eliminate the issues one at a time in a min-fill order. The
bucket of issue x joins x's values with every table still mentioning x (constraint tables
and the messages of issues eliminated before); what it passes on is a message over the
bucket's other issues (its separator S): for each assignment of S, the partial utility
vectors of the issues eliminated into it, each with the partial deal that reaches it (the
back-pointer). Given S's assignment, those issues touch nothing else, so a partial vector
dominated by another of the same S assignment stays dominated whatever the rest of the deal
is (add the same rest to both): only the non-dominated ones are kept. When every issue is
eliminated, what is left is the unrestricted frontier; reservations are a final filter (a
deal dominating a ZOPA deal clears every reservation too). Partial vectors that cannot
reach some reservation even with the best value of every other issue are dropped early.

Ties, as in the separable path and the MILP search (`zopa.analysis.tiebreak`): among equal
partial vectors of one separator assignment the partial deal first in the canonical order
is kept; two such deals differ only in the issues eliminated into the message, so whatever
completes one completes the other and the order between the two whole deals is theirs.
Vectors are compared on a grid of `GRID`.

The program declines (the MILP search runs instead) where `dp_declines` gives a reason, where
the constraint graph has none (`constraint_graph.build_graph`), where its induced width is
above `MAX_WIDTH` or one bucket has more than `MAX_CELLS` value combinations, or where the
partial frontiers together outgrow `MAX_ROWS` rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zopa.analysis.certify import certify
from zopa.analysis.constraint_graph import Graph, build_graph, elimination_order
from zopa.analysis.dominance import undominated_in_order
from zopa.analysis.result import Solution
from zopa.analysis.separable import frontier_order
from zopa.format.schema import NumberIssue
from zopa.format.tolerances import GRID
from zopa.format.values import Value
from zopa.scenario.scenario import Scenario

MAX_WIDTH = 4
"""The largest induced width (issues in one bucket's separator) the program takes."""

MAX_CELLS = 2_000_000
"""The most value combinations of one bucket's issues."""

MAX_ROWS = 3_000_000
"""The most partial vectors one bucket may hold before the program hands over."""

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class DpFrontier:
    """The frontier found: its first `max_points` points in frontier order (utility vectors
    lexicographically descending), certified; how many there are; the induced width."""

    points: tuple[Solution, ...]
    total: int
    width: int


def dp_declines(scenario: Scenario) -> str | None:
    """Why the dynamic program cannot take `scenario` before any work is done, or None when
    it can. (Sizes found while building the graph or running can still make it decline.)"""
    if scenario.has_terms:
        return "conditional utility terms make utilities non-additive over issues"
    for key, issue in scenario.model.issues.items():
        if isinstance(issue, NumberIssue):
            return f"issue {key} is a real number"
    return None


def frontier_dp(scenario: Scenario, *, max_points: int) -> DpFrontier | str:
    """The ZOPA's frontier by the dynamic program, or the reason it declined.

    Raises:
        SolverError: a deal found here does not certify (a bug, never an answer).
    """
    reason = dp_declines(scenario)
    if reason is not None:
        return reason
    graph = build_graph(scenario)
    if isinstance(graph, str):
        return graph
    order, width = elimination_order(graph)
    if width > MAX_WIDTH:
        return f"the constraint graph's induced width is {width} (the most is {MAX_WIDTH})"
    actors = tuple(scenario.actors)
    reservation = np.array([float(scenario.actors[a].reservation) for a in actors])
    if graph.infeasible:
        return DpFrontier((), 0, width)
    run = _Run(graph, reservation)
    found = run.eliminate(order)
    if isinstance(found, str):
        return found
    sums, picks = found
    clears = np.all(sums >= reservation - GRID, axis=1)
    sums, picks = sums[clears], picks[clears]
    listed = frontier_order(sums, picks)
    points = tuple(
        _certified(scenario, graph, picks[i]) for i in listed[: max(0, max_points)].tolist()
    )
    return DpFrontier(points, len(listed), width)


@dataclass(frozen=True, slots=True)
class _Message:
    """Partial frontiers over `scope` (issue indices, ascending): row r has the separator
    assignment `keys[r]` (mixed radix over the scope's value counts, rows sorted by it), the
    partial utility vector `sums[r]` and the partial deal `picks[r]` (value index per issue,
    -1 where unassigned)."""

    scope: tuple[int, ...]
    keys: Ints
    sums: Floats
    picks: Ints


class _Run:
    """Bucket elimination over one graph (module docstring)."""

    def __init__(self, graph: Graph, reservation: Floats) -> None:
        self.graph = graph
        self.sizes = graph.sizes()
        self.reservation = reservation
        self.best = np.array([g.max(axis=0) for g in graph.gains])
        self.factors = list(graph.factors)
        self.messages: list[_Message] = []

    def eliminate(self, order: Sequence[int]) -> tuple[Floats, Ints] | str:
        """The unrestricted frontier (less what cannot reach the reservations): sums and
        picks; or why the program stopped."""
        for x in order:
            message = self._bucket(x)
            if isinstance(message, str):
                return message
            self.messages.append(message)
        sums: Floats = np.zeros((1, len(self.reservation)))
        picks: Ints = np.full((1, len(self.sizes)), -1, dtype=np.int64)
        for message in self.messages:  # every one left has an empty scope
            rows = len(sums) * len(message.sums)
            if rows > MAX_ROWS:
                return f"the partial frontiers grew past {MAX_ROWS} vectors"
            left = np.repeat(np.arange(len(sums)), len(message.sums))
            right = np.tile(np.arange(len(message.sums)), len(sums))
            sums = sums[left] + message.sums[right]
            picks = np.maximum(picks[left], message.picks[right])
            keep = frontier_order(sums, picks)
            sums, picks = sums[keep], picks[keep]
        return sums, picks

    def _bucket(self, x: int) -> _Message | str:
        factors = [f for f in self.factors if x in f.scope]
        self.factors = [f for f in self.factors if x not in f.scope]
        messages = [m for m in self.messages if x in m.scope]
        self.messages = [m for m in self.messages if x not in m.scope]
        scope = sorted(
            {x, *(k for f in factors for k in f.scope), *(k for m in messages for k in m.scope)}
        )
        shape = tuple(self.sizes[k] for k in scope)
        if math.prod(shape) > MAX_CELLS:
            return f"a bucket of the constraint graph has {math.prod(shape)} value combinations"
        allowed = np.ones(shape, dtype=bool)
        for f in factors:
            allowed &= _broadcast(f.allowed, f.scope, scope)
        cells = np.flatnonzero(allowed.ravel())
        at = dict(zip(scope, np.unravel_index(cells, shape), strict=True))
        sums = self.graph.gains[x][at[x]]
        picks = np.full((len(cells), len(self.sizes)), -1, dtype=np.int64)
        picks[:, x] = at[x]
        row_cell = np.arange(len(cells))
        for m in messages:
            key = _radix(m.scope, at, self.sizes)[row_cell]
            start = np.searchsorted(m.keys, key, side="left")
            count = np.searchsorted(m.keys, key, side="right") - start
            total = int(count.sum())
            if total > MAX_ROWS:
                return f"the partial frontiers grew past {MAX_ROWS} vectors"
            left = np.repeat(np.arange(len(key)), count)
            offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
            right = np.repeat(start, count) + offset
            sums = sums[left] + m.sums[right]
            picks = np.maximum(picks[left], m.picks[right])
            row_cell = row_cell[left]
            if m is not messages[0]:
                # Rows of one cell share every later completion: filter them now.
                kept = _grouped_frontier(row_cell, sums, picks)
                sums, picks, row_cell = sums[kept], picks[kept], row_cell[kept]
        done = picks[0] >= 0 if len(picks) else np.zeros(len(self.sizes), dtype=bool)
        outside = self.best[~done].sum(axis=0) if (~done).any() else 0.0
        reach = np.all(sums + outside >= self.reservation - 2 * GRID, axis=1)
        sums, picks, row_cell = sums[reach], picks[reach], row_cell[reach]
        separator = tuple(k for k in scope if k != x)
        keys = _radix(separator, at, self.sizes)[row_cell]
        keep = _grouped_frontier(keys, sums, picks)
        return _Message(separator, keys[keep], sums[keep], picks[keep])


def _broadcast(
    table: npt.NDArray[np.bool_], scope: Sequence[int], into: Sequence[int]
) -> npt.NDArray[np.bool_]:
    """`table` over `scope` reshaped to broadcast over the axes `into` (a superset)."""
    shape = [table.shape[scope.index(k)] if k in scope else 1 for k in into]
    return table.reshape(shape)


def _radix(scope: Sequence[int], at: dict[int, Ints], sizes: Sequence[int]) -> Ints:
    """Mixed-radix key of each cell's assignment of `scope`."""
    n = len(next(iter(at.values()))) if at else 0
    key = np.zeros(n, dtype=np.int64)
    for k in scope:
        key = key * sizes[k] + at[k]
    return key


def _grouped_frontier(keys: Ints, sums: Floats, picks: Ints) -> Ints:
    """Indices of the rows non-dominated within their key's group (one per distinct vector:
    the smallest picks), grouped by key ascending."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    grid = np.rint(sums / GRID).astype(np.int64)
    columns = [picks[:, j] for j in reversed(range(picks.shape[1]))]
    columns += [-grid[:, j] for j in reversed(range(grid.shape[1]))]
    order = np.lexsort([*columns, keys])
    grid, keys = grid[order], keys[order]
    if len(keys) > _PREFILTER_ROWS:
        survivors = np.flatnonzero(~_beaten_by_sentinels(grid, keys))
        order, grid, keys = order[survivors], grid[survivors], keys[survivors]
    starts = np.flatnonzero(np.r_[True, np.diff(keys) != 0])
    sizes = np.diff(np.r_[starts, len(keys)])
    keep = np.zeros(len(keys), dtype=bool)
    keep[starts[sizes == 1]] = True
    for low, high in ((2, 8), (9, 32), (33, _SMALL_GROUP)):
        chosen = (sizes >= low) & (sizes <= high)
        if chosen.any():
            _small_groups(grid, starts[chosen], sizes[chosen], high, keep)
    for start, size in zip(starts.tolist(), sizes.tolist(), strict=True):
        if size > _SMALL_GROUP:
            keep[start : start + size] = undominated_in_order(grid[start : start + size])
    return order[keep]


_SMALL_GROUP = 128
"""Groups up to this size are filtered in batches by pairwise comparison."""

_PREFILTER_ROWS = 20_000
"""Above this many rows, rows are first checked against a few strong rows of their group."""

_SENTINELS = 16


def _beaten_by_sentinels(grid: Ints, keys: Ints) -> npt.NDArray[np.bool_]:
    """Which rows (sorted by key, then lexicographically descending) an earlier row of their
    group weakly dominates, checked against each group's `_SENTINELS` rows of largest
    utility sum only. A row found here is not on the group's frontier; the rest keep their
    order, and filtering them alone gives the same frontier (whatever dominates a dropped
    row also dominates every row that row dominates)."""
    n = len(keys)
    starts = np.flatnonzero(np.r_[True, np.diff(keys) != 0])
    sizes = np.diff(np.r_[starts, n])
    group = np.repeat(np.arange(len(starts)), sizes)
    by_sum = np.lexsort((-grid.sum(axis=1), keys))
    rank = np.arange(n) - starts[group]
    sentinels = np.full((len(starts), _SENTINELS), -1, dtype=np.int64)
    top = rank < _SENTINELS
    sentinels[group[top], rank[top]] = by_sum[top]
    beaten = np.zeros(n, dtype=bool)
    step = max(1, 2_000_000 // (_SENTINELS * grid.shape[1]))
    for lo in range(0, n, step):
        rows = np.arange(lo, min(n, lo + step))
        cand = sentinels[group[rows]]
        valid = (cand >= 0) & (cand < rows[:, None])
        # Sentinels are earlier rows: at least as large in the first objective already.
        ge = np.all(grid[np.maximum(cand, 0), 1:] >= grid[rows][:, None, 1:], axis=2)
        beaten[rows] = (valid & ge).any(axis=1)
    return beaten


def _small_groups(
    grid: Ints, starts: Ints, sizes: Ints, pad: int, keep: npt.NDArray[np.bool_]
) -> None:
    """Mark in `keep` the rows of the given groups (each sorted lexicographically descending)
    that no earlier row of their group weakly dominates; groups padded to `pad` rows."""
    p = grid.shape[1]
    chunk = max(1, 4_000_000 // (pad * pad * p))
    offsets = np.arange(pad)
    earlier = np.tril(np.ones((pad, pad), dtype=bool), -1)  # [i, j]: j before i
    for c in range(0, len(starts), chunk):
        st, sz = starts[c : c + chunk], sizes[c : c + chunk]
        real = offsets[None, :] < sz[:, None]
        rows = np.where(real, st[:, None] + offsets[None, :], 0)
        block = np.where(real[:, :, None], grid[rows], np.iinfo(np.int64).min)
        # [g, i, j]: j >= i; only earlier j count, at least as large in the first already
        ge = np.all(block[:, None, :, 1:] >= block[:, :, None, 1:], axis=3)
        beaten = (ge & earlier[None]).any(axis=2)
        keep[rows[real & ~beaten]] = True


def _certified(scenario: Scenario, graph: Graph, picks: Ints) -> Solution:
    deal: dict[str, Value] = {
        key: graph.values[k][int(picks[k])] for k, key in enumerate(graph.issues)
    }
    return Solution(deal, certify(scenario, deal))


__all__ = ["MAX_CELLS", "MAX_ROWS", "MAX_WIDTH", "DpFrontier", "dp_declines", "frontier_dp"]
