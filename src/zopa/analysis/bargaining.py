"""The four bargaining solutions of FORMAT §4 over the ZOPA: Nash, Kalai–Smorodinsky,
egalitarian and utilitarian, each one certified deal.

Gains are `g_i = u_i - r_i` (utility less reservation; an actor whose reservation was
dropped has r = 0), so every deal of the ZOPA gives every actor a gain of at least 0.

Actors left out. An actor whose best gain over the ZOPA is at most `POSITIVE_GAIN` (the
zone's highest utility equals its reservation) has gain 0 in every deal of the ZOPA. It is
left out of the Nash product, the Kalai–Smorodinsky ratios and the egalitarian minimum,
which would otherwise be 0 (or undefined) for every deal and decide nothing.

Every solution is reached in lexicographic stages (`zopa.analysis.tiebreak`): its criterion,
fixed at its optimum less `OPTIMUM_TOL`; then the sum of all utilities (so the deal is
Pareto-efficient, not merely optimal for the criterion); then the canonical deal among
those left. Neither stage looks at actor names or order. The deal is then certified against
the scenario and its utilities are the certified ones.

- Nash: maximise the product of gains. `log` is concave, so `sum(log g_i)` is maximised by
  outer approximation: columns `t_i <= 0` under tangent cuts `t_i <= log(a) + (g_i - a)/a`,
  one per tangent point `a`; each round adds the tangents at the new optimum's gains, until
  the product's relative gap (cut model's bound against the best product found) is at most
  `NASH_GAP`, or the optimum repeats a point already cut (the bound is then exact up to the
  solver's tolerance). Exact on finite deal spaces; converged on continuous ones.
  When no deal gives every counted actor a gain above `POSITIVE_GAIN`, the rule is: first
  the largest number k of actors with such a gain, then the largest product of the gains of
  k actors (binaries `z_i` mark them; a cut is relaxed by its smallest valid big-M when
  `z_i = 0`, so such an actor contributes the factor 1).
- Kalai–Smorodinsky: ideal gains `I_i` (best gain over the ZOPA), maximise `λ` with
  `g_i >= λ I_i`.
- egalitarian: leximin of the gains, as the lexicographic maximum of `S_1, ..., S_n` where
  `S_k` is the sum of the k smallest gains, an LP (`max k·t - sum d_i`, `d_i >= t - g_i`,
  `d_i >= 0`); `S_n` is the sum of gains, i.e. the Pareto stage.
- utilitarian: maximise the sum of utilities.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zopa.analysis.certify import certify
from zopa.analysis.result import Solution
from zopa.analysis.tiebreak import Criteria, Stages, utility_objective
from zopa.errors import SolverError
from zopa.format.solutions import SOLUTION_NAMES
from zopa.format.tolerances import NASH_GAP, NASH_TOL, OPTIMUM_TOL, POSITIVE_GAIN, SAME_TANGENT
from zopa.format.zone import Zone

if TYPE_CHECKING:
    from zopa.model.compile import CompiledModel
    from zopa.model.session import Outcome

log = logging.getLogger(__name__)


NASH_MAX_ROUNDS = 500
"""Safety net on the rounds of the outer approximation (finite spaces need a few dozen)."""

LOG_SCALE = 1e3
"""In phase two (real numbers, finite choices fixed) the log columns hold
`LOG_SCALE * log(g_i)`: the solver's absolute tolerance of 1e-7 on a cut then costs 1e-10 in
`log(g_i)`, not 1e-7, which on a flat product's top would let the maximiser drift by 1e-4.
Phase one keeps the plain scale: its cuts' coefficients stay small, which HiGHS's MIP
checks prefer (and on finite choices the product is exact anyway). Should phase two still
fail numerically, phase one's point stands (`Stages.settle`)."""

FIRST_TANGENTS = (1.0, 0.5, 0.25, 0.0625)
"""A cold search's first tangent points, as fractions of each counted actor's ideal gain."""


@dataclass(frozen=True, slots=True)
class Gains:
    """Each actor's utility column, reservation and best gain over the ZOPA; `counted` are
    the actors whose best gain exceeds `POSITIVE_GAIN`, in actor order."""

    actors: tuple[str, ...]
    col: Mapping[str, int]
    reservation: Mapping[str, float]
    ideal: Mapping[str, float]
    counted: tuple[str, ...]


def bargaining_solutions(compiled: CompiledModel, zone: Zone) -> dict[str, Solution | None]:
    """Nash, Kalai–Smorodinsky, egalitarian and utilitarian solutions (keys in that order),
    each None when there is no ZOPA.

    Raises:
        SolverError: the solver failed, or a deal did not certify.
    """
    if not zone.exists:
        return dict.fromkeys(SOLUTION_NAMES, None)
    gains = gains_of(compiled, zone)
    return {
        "nash": nash(compiled, gains),
        "kalai_smorodinsky": kalai_smorodinsky(compiled, gains),
        "egalitarian": egalitarian(compiled, gains),
        "utilitarian": utilitarian(compiled, gains),
    }


def gains_of(compiled: CompiledModel, zone: Zone) -> Gains:
    """Reservations and ideal gains; an ideal missing from `zone` is solved for."""
    col = {a: compiled.utility_col[a] for a in compiled.actors}
    reservation = {a: compiled.reservation(a) for a in compiled.actors}
    ideal: dict[str, float] = {}
    for actor in compiled.actors:
        span = zone.utilities.get(actor)
        best = span.max if span is not None else _best_utility(compiled, col[actor])
        ideal[actor] = max(0.0, float(best) - reservation[actor])
    counted = tuple(a for a in compiled.actors if ideal[a] > POSITIVE_GAIN)
    return Gains(compiled.actors, col, reservation, ideal, counted)


def _best_utility(compiled: CompiledModel, col: int) -> float:
    stages = Stages(compiled.session(), compiled, what="an actor's best utility")
    return float(stages.optimize_and_fix({col: 1.0}, maximize=True).objective or 0.0)


def utilitarian(compiled: CompiledModel, gains: Gains) -> Solution:
    """The deal with the highest sum of utilities."""
    stages = Stages(compiled.session(), compiled, what="the utilitarian solution")
    return _solve(stages, _pareto_stage)


def kalai_smorodinsky(compiled: CompiledModel, gains: Gains) -> Solution:
    """The deal with the largest equal share `λ` of every counted actor's ideal gain."""
    session = compiled.session()
    stages = Stages(session, compiled, what="the Kalai–Smorodinsky solution")
    if not gains.counted:
        return _solve(stages, _pareto_stage)
    share = stages.add_column(0.0, math.inf, name="ks_share")
    for actor in gains.counted:
        session.add_row(
            {gains.col[actor]: 1.0, share: -gains.ideal[actor]},
            gains.reservation[actor],
            math.inf,
        )

    def criteria(stages: Stages, tol: float) -> Outcome | None:
        stages.optimize_and_fix({share: 1.0}, maximize=True, tol=tol)
        return _pareto_stage(stages, tol)

    return _solve(stages, criteria)


def egalitarian(compiled: CompiledModel, gains: Gains) -> Solution:
    """The leximin deal: the highest smallest gain, then the highest second smallest …"""
    session = compiled.session()
    stages = Stages(session, compiled, what="the egalitarian solution")
    objectives: list[dict[int, float]] = []
    for k in range(1, len(gains.counted)):
        level = stages.add_column(-math.inf, math.inf, name=f"leximin_t{k}")
        objective = {level: float(k)}
        for actor in gains.counted:
            excess = stages.add_column(0.0, math.inf, name=f"leximin_d{k}_{actor}")
            # excess >= level - gain
            session.add_row(
                {excess: 1.0, level: -1.0, gains.col[actor]: 1.0},
                gains.reservation[actor],
                math.inf,
            )
            objective[excess] = -1.0
        objectives.append(objective)

    def criteria(stages: Stages, tol: float) -> Outcome | None:
        for objective in objectives:
            stages.optimize_and_fix(objective, maximize=True, tol=tol)
        return _pareto_stage(stages, tol)

    return _solve(stages, criteria)


@dataclass(frozen=True, slots=True)
class NashStart:
    """Where a warm Nash search starts (a sweep's neighbouring point): tangent points per
    counted actor, as utilities (gain plus reservation, so they keep their meaning when the
    reservation moves), and whether a deal of the ZOPA is known to give every counted actor
    a positive gain (then the count stage needs no solve)."""

    tangents: Mapping[str, tuple[float, ...]]
    all_positive: bool
    first_gap: float = NASH_GAP
    """The relative gap at which phase one stops. Where real numbers are settled in phase
    two anyway, phase one's product only sets the threshold of the later stages (`NASH_TOL`
    below it), and its unscaled cuts cannot close a gap much below the solver's 1e-7: a
    warm start may stop at a tenth of `NASH_TOL` instead of circling the optimum."""


def nash(compiled: CompiledModel, gains: Gains, start: NashStart | None = None) -> Solution:
    """The deal with the largest product of counted actors' gains (module docstring).

    Warm (`start` given), the outer approximation starts from `start`'s tangents instead
    of fractions of the ideal gains, so near the optimum it closes its gap in a few rounds.
    The answer meets the same tolerances: on finite deal spaces it is the same deal; with
    real numbers the product is the same to about 1e-8 (each search stops within
    `NASH_GAP` of its optimum), the deal within the flatness of the product's top."""
    session = compiled.session()
    stages = Stages(session, compiled, what="the Nash solution")
    if not gains.counted:
        return _solve(stages, _pareto_stage)
    first = None if start is None else _gain_points(gains, start.tangents)
    product = _LogProduct(stages, gains, tangents=first)
    if start is not None and start.all_positive:
        for z in product.z:
            stages.session.set_bounds(z, 1.0, 1.0)
    else:
        _fix_positive_count(stages, product)

    first_gap = NASH_GAP if start is None else start.first_gap

    def criteria(stages: Stages, tol: float) -> Outcome | None:
        best, _ = _maximize_log_product(stages, product, gap=first_gap)
        threshold = best - NASH_TOL
        stages.add_row(product.objective(), threshold, math.inf)
        stages.separator = product.separator(threshold)
        return _pareto_stage(stages, tol)

    def settle(stages: Stages, tol: float) -> Outcome | None:
        # The finite part is fixed. The product's maximiser over the rest is Pareto-
        # efficient already (a sum stage would only let it drift along the product's flat
        # top), and scaled log columns take it to the promised gap.
        fine = _LogProduct(
            stages, gains, scale=LOG_SCALE, positive=product.z, tangents=product.tangents
        )
        return _maximize_log_product(stages, fine)[1]

    return _solve(stages, criteria, settle)


def _gain_points(gains: Gains, utilities: Mapping[str, tuple[float, ...]]) -> list[list[float]]:
    """Tangent points given as utilities, as each counted actor's gains now."""
    return [
        [u - gains.reservation[actor] for u in utilities.get(actor, ())] for actor in gains.counted
    ]


def _pareto_stage(stages: Stages, tol: float) -> Outcome | None:
    """The sum of all utilities, maximised and fixed."""
    return stages.optimize_and_fix(utility_objective(stages.compiled), maximize=True, tol=tol)


def _solve(stages: Stages, criteria: Criteria, settle: Criteria | None = None) -> Solution:
    """Both phases of `Stages` (criteria, canonical finite values, settled numbers), then
    the deal decoded and certified."""
    criteria(stages, OPTIMUM_TOL)
    stages.canonical()
    outcome = stages.session.polish(stages.settle(settle or criteria))
    if outcome.values is None:
        raise SolverError(f"{stages.what}: the solver returned no values")
    deal = stages.compiled.decode(outcome.values)
    return Solution(deal, certify(stages.compiled.scenario, deal))


class _LogProduct:
    """The outer approximation of `sum(log g_i)` over the counted actors, in one session:
    gain-is-positive binaries `z_i`, log columns `t_i` holding `scale * log(g_i)`, and
    their tangent cuts. Pass `positive` to reuse another product's binaries and
    `tangents` to start from its tangent points."""

    def __init__(
        self,
        stages: Stages,
        gains: Gains,
        *,
        scale: float = 1.0,
        positive: Sequence[int] | None = None,
        tangents: Sequence[Sequence[float]] | None = None,
    ) -> None:
        self.session = stages.session
        self.gains = gains
        self.scale = scale
        self.actors = gains.counted
        self.z: list[int] = [] if positive is None else list(positive)
        self.t: list[int] = []
        self.tangents: list[list[float]] = [[] for _ in self.actors]
        for actor in self.actors:
            if positive is None:
                z = stages.add_column(0.0, 1.0, integer=True, name=f"nash_z_{actor}")
                # gain >= POSITIVE_GAIN when z = 1
                self.session.add_row(
                    {gains.col[actor]: 1.0, z: -POSITIVE_GAIN},
                    gains.reservation[actor],
                    math.inf,
                )
                self.z.append(z)
            self.t.append(stages.add_column(-math.inf, 0.0, name=f"nash_t_{actor}"))
        for i, actor in enumerate(self.actors):
            if tangents is not None:
                points = list(tangents[i])
            else:
                points = [gains.ideal[actor] * fraction for fraction in FIRST_TANGENTS]
            for point in points:
                if point >= POSITIVE_GAIN:
                    self.add_tangent(i, point)

    def objective(self) -> dict[int, float]:
        return dict.fromkeys(self.t, 1.0)

    def count_objective(self) -> dict[int, float]:
        return dict.fromkeys(self.z, 1.0)

    def add_tangent(self, i: int, point: float) -> bool:
        """Cut `t_i <= log(a) + (g_i - a)/a + M(1 - z_i)` at `a = point`, with the smallest
        valid `M = 1 - log(a)` (then the cut allows `t_i = 0` for any gain >= 0). False if
        an equal tangent point is already cut."""
        if any(abs(point - a) <= SAME_TANGENT * max(1.0, a) for a in self.tangents[i]):
            return False
        actor = self.actors[i]
        big_m = 1.0 - math.log(point)
        rhs = math.log(point) - 1.0 - self.gains.reservation[actor] / point + big_m
        self.session.add_row(
            {
                self.t[i]: 1.0,
                self.gains.col[actor]: -self.scale / point,
                self.z[i]: self.scale * big_m,
            },
            -math.inf,
            self.scale * rhs,
        )
        self.tangents[i].append(point)
        return True

    def gains_at(self, values: tuple[float, ...]) -> list[float]:
        return [values[self.gains.col[a]] - self.gains.reservation[a] for a in self.actors]

    def value(self, values: tuple[float, ...]) -> float:
        """`sum(log g_i)` at a point over the actors marked positive (-inf if one is not)."""
        total = 0.0
        for i, gain in enumerate(self.gains_at(values)):
            if values[self.z[i]] > 0.5:
                if gain <= 0.0:
                    return -math.inf
                total += math.log(gain)
        return total

    def cut_at(self, values: tuple[float, ...]) -> bool:
        """Tangents at the point's gains; False if every one was already there."""
        added = False
        for i, gain in enumerate(self.gains_at(values)):
            if gain >= POSITIVE_GAIN:
                added = self.add_tangent(i, gain) or added
        return added

    def separator(self, threshold: float) -> _Separation:
        return _Separation(self, threshold)


class _Separation:
    """Accepts a point whose true `sum(log g_i)` reaches `threshold` less `NASH_TOL`;
    otherwise cuts it off (or accepts it when it cannot, the approximation being exact
    there already). The slack makes every cut violate the fixed row by more than `NASH_TOL`,
    far beyond the solver's tolerance, so a cut-off point never comes back."""

    def __init__(self, product: _LogProduct, threshold: float) -> None:
        self.product = product
        self.threshold = threshold

    def __call__(self, values: tuple[float, ...]) -> bool:
        if self.product.value(values) >= self.threshold - NASH_TOL:
            return True
        return not self.product.cut_at(values)


def _fix_positive_count(stages: Stages, product: _LogProduct) -> None:
    """Fix the number of actors with a positive gain at its maximum (all, almost always)."""
    outcome = stages.optimize(product.count_objective(), maximize=True)
    if outcome is None or outcome.objective is None:
        raise SolverError("the Nash solution: the solver found no deal where one exists")
    count = round(outcome.objective)
    if count == len(product.z):
        for z in product.z:
            stages.session.set_bounds(z, 1.0, 1.0)
    else:
        log.info("Nash: at most %d of %d actors can gain at once", count, len(product.z))
        stages.session.add_row(product.count_objective(), float(count), math.inf)


def _maximize_log_product(
    stages: Stages, product: _LogProduct, *, gap: float = NASH_GAP
) -> tuple[float, Outcome]:
    """The largest `sum(log g_i)` and a point attaining it, by adding tangents until the
    gap closes."""
    best = -math.inf
    best_point: Outcome | None = None
    objective = product.objective()
    for rounds in range(1, NASH_MAX_ROUNDS + 1):
        outcome = stages.optimize(objective, maximize=True)
        if outcome is None or outcome.values is None or outcome.objective is None:
            raise SolverError("the Nash solution: the solver found no deal where one exists")
        value = product.value(outcome.values)
        if value > best or best_point is None:
            best, best_point = value, outcome
        bound = outcome.objective / product.scale
        if best > -math.inf and math.expm1(max(0.0, bound - best)) <= gap:
            log.debug("Nash: gap closed after %d rounds", rounds)
            return best, best_point
        if not product.cut_at(outcome.values):
            log.debug("Nash: optimum repeats a cut point after %d rounds", rounds)
            return best, best_point
    log.warning("Nash: %d rounds without closing the gap; using the best product found", rounds)
    if best == -math.inf or best_point is None:
        raise SolverError("the Nash solution: no deal with positive gains was found")
    return best, best_point


__all__ = [
    "FIRST_TANGENTS",
    "NASH_GAP",
    "OPTIMUM_TOL",
    "POSITIVE_GAIN",
    "Gains",
    "NashStart",
    "bargaining_solutions",
    "egalitarian",
    "gains_of",
    "kalai_smorodinsky",
    "nash",
    "utilitarian",
]
