"""Weak-dominance filters over integer utility grids sorted lexicographically descending:
which rows no earlier row weakly dominates (the frontier paths' inner loop).

Only an earlier row can weakly dominate a row of such an order (a weak dominator is
lexicographically at least as large, and an equal one with a smaller key sorts first), so
one pass in order decides every row:
- two objectives: a running maximum of the second;
- three: every earlier row is at least as large in the first objective, so a row is
  dominated exactly when an earlier row is at least as large in the other two, a query on
  the two-dimensional staircase of the rows kept so far (kept per block of rows, queried by
  binary search): O(n log n);
- four or more: blocks of rows against the rows kept so far, pairwise.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

_BLOCK = 512
_KEPT_CHUNK = 2048
_STAIR_BLOCK = 256


def undominated_in_order(grid: Ints) -> Bools:
    """Which rows of lexicographically descending `grid` no earlier row weakly dominates."""
    n, p = grid.shape
    if n == 0:
        return np.zeros(0, dtype=bool)
    if p == 1:
        keep = np.zeros(n, dtype=bool)
        keep[0] = True
        return keep
    if p == 2:
        best_before = np.maximum.accumulate(grid[:, 1])
        keep = np.ones(n, dtype=bool)
        keep[1:] = grid[1:, 1] > best_before[:-1]
        return keep
    if p == 3:
        return _undominated_by_staircase(grid)
    return _undominated_pairwise(grid)


def _undominated_by_staircase(grid: Ints) -> Bools:
    """Three objectives (module docstring). The staircase holds the two-dimensional maxima
    of the kept rows' last two objectives, the second ascending and the third strictly
    descending: the largest third among rows whose second is at least `a` is then the third
    of the first step at or after `a`."""
    n = len(grid)
    keep = np.zeros(n, dtype=bool)
    stair_b = np.zeros(0, dtype=np.int64)
    stair_c = np.zeros(0, dtype=np.int64)
    for start in range(0, n, _STAIR_BLOCK):
        block = grid[start : start + _STAIR_BLOCK]
        b, c = block[:, 1], block[:, 2]
        beaten = np.zeros(len(block), dtype=bool)
        if len(stair_b):
            at = np.searchsorted(stair_b, b, side="left")
            inside = at < len(stair_b)
            beaten[inside] = stair_c[at[inside]] >= c[inside]
        open_rows = np.flatnonzero(~beaten)
        sub = block[open_rows]
        earlier = np.triu(np.ones((len(sub), len(sub)), dtype=bool), 1)
        survivors = open_rows[~(_weakly_above(sub, sub) & earlier).any(axis=0)]
        if not len(survivors):
            continue
        keep[start + survivors] = True
        stair_b, stair_c = _staircase(
            np.concatenate([stair_b, b[survivors]]), np.concatenate([stair_c, c[survivors]])
        )
    return keep


def _staircase(b: Ints, c: Ints) -> tuple[Ints, Ints]:
    """The two-dimensional maxima of points (b, c): b ascending, c strictly descending."""
    order = np.lexsort((-c, -b))  # b descending, then c descending
    b, c = b[order], c[order]
    best_before = np.maximum.accumulate(c)
    top = np.ones(len(c), dtype=bool)
    top[1:] = c[1:] > best_before[:-1]
    return b[top][::-1].copy(), c[top][::-1].copy()


def _undominated_pairwise(grid: Ints) -> Bools:
    """Blocks of rows against every row kept before them, then among themselves. The first
    objective is never compared: an earlier row is at least as large there."""
    n, p = grid.shape
    keep = np.zeros(n, dtype=bool)
    kept = np.zeros((0, p), dtype=np.int64)
    for start in range(0, n, _BLOCK):
        block = grid[start : start + _BLOCK]
        beaten = np.zeros(len(block), dtype=bool)
        for k in range(0, len(kept), _KEPT_CHUNK):
            beaten |= _weakly_above(kept[k : k + _KEPT_CHUNK], block).any(axis=0)
        open_rows = np.flatnonzero(~beaten)
        sub = block[open_rows]
        earlier = np.triu(np.ones((len(sub), len(sub)), dtype=bool), 1)
        survivors = open_rows[~(_weakly_above(sub, sub) & earlier).any(axis=0)]
        keep[start + survivors] = True
        kept = np.concatenate([kept, block[survivors]])
    return keep


def _weakly_above(upper: Ints, lower: Ints) -> Bools:
    """[i, j]: row i of `upper` is at least row j of `lower` in every objective but the
    first (one 2-D comparison per objective: no 3-D array to reduce)."""
    above = upper[:, None, 1] >= lower[None, :, 1]
    for j in range(2, upper.shape[1]):
        above &= upper[:, None, j] >= lower[None, :, j]
    return above
