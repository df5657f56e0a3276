"""Draws for `zopa simulate`: one block of samples per batch, from the batch's own seed.

A batch's numbers depend only on the run's seed, the batch's index and its size, never on
which worker runs it: `numpy.random.SeedSequence(seed, spawn_key=(index,))` is the
batch's generator. Within a block, the credibility draws come first (one uniform per red
line with a credibility, in YAML order), then each distribution's draws in YAML order.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from zopa.format.distributions import Distribution, Kind
from zopa.scenario.uncertain import Uncertainty


@dataclass(frozen=True, slots=True)
class Draw:
    """One sample: a value for each uncertain input (YAML order), whether each red line with
    a credibility is real, and the sample's weight (1 for Monte Carlo, its probability in
    exact mode)."""

    values: tuple[float, ...]
    kept: tuple[bool, ...]
    weight: float = 1.0


def draw(dist: Distribution, rng: np.random.Generator, size: int) -> np.ndarray:
    """`size` independent draws of `dist`."""
    a = dist.args
    if dist.kind is Kind.UNIFORM:
        return rng.uniform(a[0], a[1], size)
    if dist.kind is Kind.TRIANGULAR:
        if a[0] == a[2]:
            rng.random(size)  # the same stream length whatever the shape
            return np.full(size, a[0])
        return rng.triangular(a[0], a[1], a[2], size)
    if dist.kind is Kind.NORMAL:
        lo, hi = dist.support
        return np.clip(rng.normal(a[0], a[1], size), lo, hi)
    return rng.beta(a[0], a[1], size)


def monte_carlo_block(uncertainty: Uncertainty, seed: int, index: int, size: int) -> list[Draw]:
    """The draws of batch `index` (of `size` samples) of a run with `seed`."""
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(index,)))
    cred = np.array([c.p for c in uncertainty.credibilities], dtype=float)
    real = rng.random((size, len(cred))) < cred
    columns = [draw(i.distribution, rng, size) for i in uncertainty.inputs]
    return [
        Draw(tuple(float(col[k]) for col in columns), tuple(bool(x) for x in real[k]))
        for k in range(size)
    ]


def exact_combinations(uncertainty: Uncertainty) -> Iterator[Draw]:
    """Every combination of real and absent red lines with a probability above 0, with that
    probability (a credibility of 0 or 1 is not uncertain: that red line is always absent
    or always real). Order: the first red line varies slowest, real before absent."""
    choices = []
    for cred in uncertainty.credibilities:
        options = []
        if cred.p > 0:
            options.append((True, cred.p))
        if cred.p < 1:
            options.append((False, 1.0 - cred.p))
        choices.append(options)
    for combo in itertools.product(*choices):
        weight = 1.0
        for _, p in combo:
            weight *= p
        yield Draw((), tuple(k for k, _ in combo), weight)


def exact_count(uncertainty: Uncertainty) -> int:
    """How many combinations `exact_combinations` yields."""
    count = 1
    for cred in uncertainty.credibilities:
        count *= 2 if 0 < cred.p < 1 else 1
    return count
