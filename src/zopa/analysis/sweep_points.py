"""Answering one grid point of a sweep: existence and the Nash deal (`PointEvaluator`).

Compile once, move only the numbers: when every varied path is an actor's reservation, the
scenario is compiled once and each point only rewrites the reservation rows' coefficients
(`u - r·z >= 0`) of the compiled model. Any other path changes what the compiler emits in
ways that are not one coefficient (bounds feed big-Ms, curves feed segment rows), so those
points are validated and compiled afresh — the honest, slower path (see benchmarks/).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from zopa.analysis.bargaining import gains_of, nash
from zopa.analysis.sweep_grid import Point, SweepRow
from zopa.analysis.zone import compute_zone
from zopa.errors import SolverError
from zopa.format.tolerances import CEILING_TOL
from zopa.model.compile import CompiledModel, compile_scenario
from zopa.model.ir import MilpIR, OriginKind, Row, normalise_coefs
from zopa.model.solver import SolveStatus
from zopa.scenario.scenario import Scenario


class PointEvaluator:
    """Answers existence and the Nash deal at grid points of one scenario.

    Reservation-only sweeps reuse one compiled model and rewrite its reservation rows;
    anything else is validated and compiled per point. A sweep of one actor's reservation
    also knows existence without solving: raising a reservation only removes deals, so the
    ZOPA exists exactly while the reservation is at most that actor's best utility over
    the ZOPA without its reservation (one solve for the whole sweep). Rows agree exactly
    with a fresh `zopa.analyze` of the edited file: the Nash deal is computed from the same
    zone, by the same code (tested)."""

    def __init__(self, scenario: Scenario, paths: Sequence[str]) -> None:
        self.scenario = scenario
        self._reservation_actors = _reservation_actors(scenario, paths)
        self._base: CompiledModel | None = None
        self._ceiling: float | None = None
        self._has_ceiling = False
        if self._reservation_actors is not None:
            self._base = compile_scenario(scenario)
            if len(self._reservation_actors) == 1:
                self._ceiling = _best_without_reservation(self._base, self._reservation_actors[0])
                self._has_ceiling = True

    @property
    def compiles_once(self) -> bool:
        return self._base is not None

    def compiled_at(self, point: Point) -> CompiledModel:
        if self._base is None or self._reservation_actors is None:
            return compile_scenario(self.scenario.with_changes(set=dict(point)))
        values = {
            actor: float(v) for (_, v), actor in zip(point, self._reservation_actors, strict=True)
        }
        return with_reservations(self._base, values)

    def _known_empty(self, point: Point) -> bool:
        if not self._has_ceiling:
            return False
        return self._ceiling is None or float(point[0][1]) > self._ceiling + CEILING_TOL

    def row(self, point: Point) -> SweepRow:
        if self._known_empty(point):
            return SweepRow(point, False, None)
        compiled = self.compiled_at(point)
        zone = compute_zone(compiled)
        if not zone.exists:
            return SweepRow(point, False, None)
        return SweepRow(point, True, nash(compiled, gains_of(compiled, zone)))

    def exists_at(self, point: Point) -> bool:
        if self._has_ceiling:
            return not self._known_empty(point)
        outcome = self.compiled_at(point).session().solve()
        if outcome.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
            return True
        if outcome.status is SolveStatus.INFEASIBLE:
            return False
        raise SolverError(f"deciding whether a ZOPA exists: the solver said {outcome.status.name}")


def _best_without_reservation(compiled: CompiledModel, actor: str) -> float | None:
    """`actor`'s highest utility over the ZOPA with its own reservation dropped; None when
    that set is empty (then no reservation opens a ZOPA)."""
    session = compiled.session()
    session.enforce(f"{actor}/reservation", False)
    session.set_objective({compiled.utility_col[actor]: 1.0}, maximize=True)
    outcome = session.solve()
    if outcome.status is SolveStatus.INFEASIBLE:
        return None
    if outcome.status is not SolveStatus.OPTIMAL or outcome.objective is None:
        raise SolverError(f"the best utility of {actor}: the solver said {outcome.status.name}")
    return float(outcome.objective)


def _reservation_actors(scenario: Scenario, paths: Sequence[str]) -> tuple[str, ...] | None:
    actors: list[str] = []
    for path in paths:
        parts = path.split(".")
        if len(parts) != 3 or parts[0] != "actors" or parts[2] != "reservation":
            return None
        if parts[1] not in scenario.actors or parts[1] in actors:
            return None
        actors.append(parts[1])
    return tuple(actors)


def with_reservations(base: CompiledModel, values: Mapping[str, float]) -> CompiledModel:
    """`base` with each actor's reservation moved to `values[actor]`: the scenario model
    (what certification and the bargaining read) and the reservation row `u - r·z >= 0`."""
    actors = dict(base.scenario.model.actors)
    for actor, value in values.items():
        actors[actor] = actors[actor].model_copy(update={"reservation": value})
    model = base.scenario.model.model_copy(update={"actors": actors})
    raw = _raw_with_reservations(base.scenario.raw, values)
    scenario = dataclasses.replace(base.scenario, model=model, raw=raw)
    rows = list(base.ir.rows)
    for index, row in enumerate(rows):
        for actor, value in values.items():
            if row.origin.kind is OriginKind.RESERVATION and row.origin.actor == actor:
                rows[index] = _reservation_row(base, row, actor, value)
    ir = MilpIR(base.ir.columns, tuple(rows))
    return dataclasses.replace(base, scenario=scenario, ir=ir)


def _reservation_row(base: CompiledModel, row: Row, actor: str, reservation: float) -> Row:
    """The compiler's `u - r·z >= 0` (model/compile.py) with another `r`."""
    u = base.utility_col[actor]
    z = base.group(f"{actor}/reservation").indicator
    return dataclasses.replace(row, coefs=normalise_coefs({u: 1.0, z: -reservation}))


def _raw_with_reservations(raw: Any, values: Mapping[str, float]) -> Any:
    actors = {**raw["actors"]}
    for actor, value in values.items():
        actors[actor] = {**actors[actor], "reservation": value}
    return {**raw, "actors": actors}
