"""The weak-dominance filters against a quadratic brute force: every objective count (the
two-dimensional staircase of three objectives, the pairwise blocks of four and more), ties
and duplicate rows, and inputs longer than one block."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.analysis.dominance import undominated_in_order


def descending(grid: np.ndarray) -> np.ndarray:
    order = np.lexsort([-grid[:, j] for j in reversed(range(grid.shape[1]))])
    return grid[order]


def brute_force(grid: np.ndarray) -> list[bool]:
    above = np.all(grid[:, None, :] >= grid[None, :, :], axis=2)  # [j, i]: j >= i
    earlier = np.triu(np.ones((len(grid), len(grid)), dtype=bool), 1)
    return (~(above & earlier).any(axis=0)).tolist()


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 5),
    st.integers(1, 60),
    st.integers(1, 6),
    st.integers(0, 2**32 - 1),
)
def test_small_grids_are_brute_force(p: int, n: int, spread: int, seed: int) -> None:
    grid = descending(np.random.default_rng(seed).integers(0, spread, size=(n, p)))
    assert undominated_in_order(grid).tolist() == brute_force(grid)


@pytest.mark.parametrize("p", [3, 4])
def test_grids_longer_than_a_block_are_brute_force(p: int) -> None:
    rng = np.random.default_rng(p)
    # points near a simplex face: many of them undominated, so the kept set grows
    raw = rng.integers(0, 40, size=(1300, p))
    raw[:, -1] = 120 - raw[:, :-1].sum(axis=1) + rng.integers(0, 3, size=1300)
    grid = descending(raw)
    assert undominated_in_order(grid).tolist() == brute_force(grid)


def test_an_empty_grid_keeps_nothing() -> None:
    assert undominated_in_order(np.zeros((0, 3), dtype=np.int64)).tolist() == []
