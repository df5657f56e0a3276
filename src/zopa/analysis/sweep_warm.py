"""Warm starts along a reservation sweep: each point's Nash search starts next to where the
previous point's ended.

Neighbouring points of a reservation sweep have neighbouring Nash deals. The previous
point's Nash deal, when it still clears every (moved) reservation with a positive gain, is
a witness: the ZOPA exists and every actor is counted, so neither the zone nor the ideal
gains need a solve. The outer approximation then starts from tangents bracketing each
actor's Nash utility as extrapolated from the last two points, instead of fractions of the
ideal gains: on car-sale a point takes about 5 solver calls instead of 29 (zone and Nash). The
answer meets the same tolerances as a cold search (`zopa.analysis.bargaining.nash`).

Chains make the rows independent of how the grid is split: the grid is cut into chains of
`chain_length` consecutive points; a chain's first point is answered cold, exactly as
`zopa analyze` answers it, and the others warm from their predecessor. Workers are given
whole chains.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zopa.analysis.bargaining import FIRST_TANGENTS, Gains, NashStart, gains_of, nash
from zopa.analysis.result import Solution
from zopa.format.tolerances import NASH_TOL, POSITIVE_GAIN
from zopa.format.zone import Zone

if TYPE_CHECKING:
    from zopa.model.compile import CompiledModel

CHAINS = 8
"""A grid is cut into about this many chains (so up to 8 workers have one each)..."""

MIN_CHAIN = 64
"""... of at least this many points (a chain's cold first point costs some six warm ones)."""


def chain_length(points: int) -> int:
    """Grid points per chain for a grid of `points`: the first of each chain is answered
    cold, the rest warm (module docstring). It depends on the grid alone, never on the
    number of workers, so the rows do not either."""
    return max(MIN_CHAIN, math.ceil(points / CHAINS))


BRACKET = (-0.1, -1e-2, -1e-3, -1e-4, -2e-5, 0.0, 2e-5, 1e-4, 1e-3, 1e-2, 0.1)
"""Relative offsets, around the predicted Nash gain, of the tangent points a warm search
starts from. The product's top is flat: tangents on both sides of the optimum, 2e-5 apart,
bound it within the gap `NASH_GAP` when the prediction is that close; the wider ones catch
a prediction that missed (measured on car-sale: fewer solves than 5, 7, 9 or 15 offsets)."""


FIRST_GAP = NASH_TOL / 10
"""Phase one's gap in a warm search with real numbers (`NashStart.first_gap`)."""


@dataclass(frozen=True, slots=True)
class WarmState:
    """What a point hands to the next: its Nash deal and reservations (actor order), and
    those of the point before it (to extrapolate where the optimum moves)."""

    deal: Solution
    at: tuple[float, ...]
    before: tuple[Mapping[str, float], tuple[float, ...]] | None = None

    def then(self, deal: Solution, at: tuple[float, ...]) -> WarmState:
        """The state after the next point, at reservations `at` with Nash deal `deal`."""
        return WarmState(deal, at, (self.deal.utilities, self.at))

    def predicted(self, actor: str, at: tuple[float, ...]) -> float:
        """The actor's Nash utility at reservations `at`: extrapolated linearly when the
        last two points and this one are evenly spaced along one line (a grid's row), else
        the last deal's (a row's first point follows the far end of the row before). A
        quadratic extrapolation amplified the solver's noise and took more solves."""
        now = self.deal.utilities[actor]
        if self.before is None:
            return now
        utilities, before = self.before
        steps = zip(before, self.at, at, strict=True)
        if all(abs((b - a) - (c - b)) <= 1e-12 * max(1.0, abs(c)) for a, b, c in steps):
            return 2 * now - utilities[actor]
        return now


def warm_nash(
    compiled: CompiledModel, state: WarmState, exists: Callable[[], bool]
) -> Solution | None:
    """The Nash solution of `compiled` started from `state`; None when there is no ZOPA.

    `exists` decides existence when the previous deal is no witness (it is called at most
    once)."""
    actors = compiled.actors
    at = reservations(compiled)
    reservation = dict(zip(actors, at, strict=True))
    gain = {a: state.deal.utilities[a] - reservation[a] for a in actors}
    if all(g > POSITIVE_GAIN for g in gain.values()):
        col = {a: compiled.utility_col[a] for a in actors}
        # The witness's gains stand in for the ideal gains: they only place the spread of
        # first tangents (`_spread`), and every actor is counted either way.
        gains = Gains(actors, col, reservation, gain, actors)
        positive = True
    else:
        if not exists():
            return None
        gains = gains_of(compiled, Zone(exists=True))
        positive = False
    tangents = {
        a: _bracket(state.predicted(a, at), reservation[a]) + _spread(gains, a)
        for a in gains.counted
    }
    return nash(compiled, gains, _start(compiled, tangents, all_positive=positive))


def reservations(compiled: CompiledModel) -> tuple[float, ...]:
    """Every actor's reservation, in actor order: where a grid point sits."""
    return tuple(compiled.reservation(a) for a in compiled.actors)


def _spread(gains: Gains, actor: str) -> tuple[float, ...]:
    """A cold start's tangents (fractions of the ideal gain, or of the witness's gain), as
    utilities: whatever the prediction, every counted actor's log is bounded from the first
    round (without them a mispredicted actor's log is only capped at 0, and the search can
    stall on a deal that gives it next to nothing)."""
    best = gains.ideal[actor]
    return tuple(gains.reservation[actor] + best * f for f in FIRST_TANGENTS if best * f > 0)


def _start(
    compiled: CompiledModel, tangents: Mapping[str, tuple[float, ...]], *, all_positive: bool
) -> NashStart:
    """With real numbers phase two settles the deal: phase one may stop at `FIRST_GAP`."""
    if compiled.scenario.has_real_numbers:
        return NashStart(tangents, all_positive, first_gap=FIRST_GAP)
    return NashStart(tangents, all_positive)


def _bracket(utility: float, reservation: float) -> tuple[float, ...]:
    """Tangent points (as utilities) around a predicted utility, by relative gain offsets."""
    gain = utility - reservation
    if gain <= POSITIVE_GAIN:
        return ()
    return tuple(reservation + gain * (1.0 + offset) for offset in BRACKET)
