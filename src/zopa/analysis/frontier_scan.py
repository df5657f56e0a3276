"""Reservation sweeps on finite deal spaces without a solver: each point is a scan of one
exact frontier.

Raising reservations only removes deals, and a deal that dominates a deal of the ZOPA clears
every reservation the dominated deal clears. So for reservations `r` at or above `r_low`
(componentwise), the ZOPA's Pareto frontier at `r` is the frontier at `r_low` cut to the
points with `u >= r`, and every bargaining criterion zopa uses is maximised on the frontier.
One exact frontier at the grid's lowest reservations (the separable path or the dynamic
program of `zopa.analysis.frontier_dp`) then answers every grid point with array arithmetic:
existence, the ideal gains, the count of actors that can gain, the Nash product, the sum of
utilities and the canonical deal, with the stages and tolerances of
`zopa.analysis.bargaining.nash` (tested against fresh analyses).

It applies where that frontier is exact and small enough to keep: every issue finite, no
conditional terms, at most `MAX_SCAN_POINTS` frontier points. Elsewhere a sweep solves.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zopa.analysis.certify import certify
from zopa.analysis.frontier_dp import DpFrontier, dp_declines, frontier_dp
from zopa.analysis.result import Solution
from zopa.analysis.separable import separable_frontier
from zopa.analysis.tiebreak import deal_key
from zopa.format.tolerances import GRID, NASH_TOL, OPTIMUM_TOL, POSITIVE_GAIN
from zopa.scenario.scenario import Scenario

MAX_SCAN_POINTS = 50_000
"""The largest frontier a sweep keeps to scan; a larger one makes the sweep solve."""

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class FrontierScan:
    """The frontier at the lowest reservations of a sweep (`points`, with their utility
    vectors as the rows of `utilities`, actors in YAML order)."""

    scenario: Scenario
    actors: tuple[str, ...]
    points: tuple[Solution, ...]
    utilities: Floats

    @staticmethod
    def build(scenario: Scenario, lowest: Mapping[str, float]) -> FrontierScan | None:
        """The scan of `scenario` with each actor of `lowest` at that reservation (the
        lowest of the sweep); None where it does not apply (module docstring)."""
        if dp_declines(scenario) is not None:
            return None
        low = scenario.with_changes(
            set={f"actors.{a}.reservation": value for a, value in lowest.items()}
        )
        fast = separable_frontier(low, max_points=MAX_SCAN_POINTS)
        if fast is not None:
            points, total = fast.points, fast.total
        else:
            exact = frontier_dp(low, max_points=MAX_SCAN_POINTS)
            if not isinstance(exact, DpFrontier):
                return None
            points, total = exact.points, exact.total
        if total > MAX_SCAN_POINTS:
            return None
        actors = tuple(scenario.actors)
        table = np.array([[p.utilities[a] for a in actors] for p in points], dtype=np.float64)
        return FrontierScan(scenario, actors, points, table.reshape(len(points), len(actors)))

    def zone(self, reservation: Sequence[float]) -> npt.NDArray[np.intp]:
        """Indices of the frontier points that clear `reservation` (actor order)."""
        r = np.asarray(reservation, dtype=np.float64)
        return np.flatnonzero(np.all(self.utilities >= r - GRID, axis=1))

    def nash(self, reservation: Sequence[float], scenario: Scenario) -> Solution | None:
        """The Nash solution at `reservation` (None: no ZOPA), its deal certified against
        `scenario` (the grid point's)."""
        inside = self.zone(reservation)
        if inside.size == 0:
            return None
        r = np.asarray(reservation, dtype=np.float64)
        gains = self.utilities[inside] - r
        counted = np.flatnonzero(np.maximum(gains.max(axis=0), 0.0) > POSITIVE_GAIN)
        keep = inside
        if counted.size:
            keep = _best_products(inside, gains[:, counted])
        sums = self.utilities[keep].sum(axis=1)
        best = float(sums.max())
        keep = keep[sums >= best - OPTIMUM_TOL * max(1.0, abs(best))]
        chosen = min(keep.tolist(), key=lambda i: deal_key(self.scenario, self.points[i].deal))
        deal = self.points[chosen].deal
        return Solution(deal, certify(scenario, deal))


def _best_products(inside: npt.NDArray[np.intp], gains: Floats) -> npt.NDArray[np.intp]:
    """The points whose product of positive gains, among those with the most actors who
    can gain at once, is within `NASH_TOL` (in `sum(log g)`) of the largest."""
    positive = gains >= POSITIVE_GAIN
    count = positive.sum(axis=1)
    most = count == count.max()
    logs = np.where(positive, np.log(np.where(positive, gains, 1.0)), 0.0).sum(axis=1)
    logs = np.where(most, logs, -math.inf)
    return inside[logs >= float(logs.max()) - NASH_TOL]
