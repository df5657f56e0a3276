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
from zopa.analysis.frontier_scan import FrontierScan
from zopa.analysis.result import Solution
from zopa.analysis.sweep_grid import Point, SweepRow
from zopa.analysis.sweep_warm import WarmState, reservations, warm_nash
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
    the ZOPA without its reservation (one solve for the whole sweep).

    Three ways to a row, fastest first: a finite deal space scans one frontier (no solver,
    `frontier_scan`); a warm point starts its Nash search from its neighbour's
    (`sweep_warm`); a cold point runs the zone and the Nash search as `zopa.analyze` does.
    Scanned and cold rows equal a fresh analysis of the edited file exactly; warm rows do
    on finite deal spaces, and with real numbers agree within the Nash tolerance (tested)."""

    def __init__(
        self, scenario: Scenario, paths: Sequence[str], *, lowest: Sequence[float] | None = None
    ) -> None:
        """`lowest`: the lowest value each path takes in the sweep; with it, a
        reservation-only sweep of a finite deal space is answered by scanning one frontier
        (`zopa.analysis.frontier_scan`)."""
        self.scenario = scenario
        self.paths = tuple(paths)
        self._reservation_actors = _reservation_actors(scenario, paths)
        self._base: CompiledModel | None = None
        self._ceiling: float | None = None
        self._has_ceiling = False
        self._state: WarmState | None = None
        self._scan: FrontierScan | None = None
        if self._reservation_actors is not None:
            self._base = compile_scenario(scenario)
            if lowest is not None:
                low = dict(zip(self._reservation_actors, lowest, strict=True))
                self._scan = FrontierScan.build(scenario, low)
            if len(self._reservation_actors) == 1 and self._scan is None:
                self._ceiling = _best_without_reservation(self._base, self._reservation_actors[0])
                self._has_ceiling = True

    @property
    def scans(self) -> bool:
        """Whether points are answered by scanning one frontier (no solver)."""
        return self._scan is not None

    @property
    def compiles_once(self) -> bool:
        return self._base is not None

    def compiled_at(self, point: Point) -> CompiledModel:
        if self._base is None or self._reservation_actors is None:
            return compile_scenario(self.scenario.with_changes(set=dict(point)))
        return with_reservations(self._base, self._reservations(point))

    def _reservations(self, point: Point) -> dict[str, float]:
        actors = self._reservation_actors or ()
        return {actor: float(v) for (_, v), actor in zip(point, actors, strict=True)}

    def _scanned(self, scan: FrontierScan, point: Point) -> Solution | None:
        values = self._reservations(point)
        base = self._base
        assert base is not None  # a scan is only built on a compiled base
        reservation = [values.get(a, base.reservation(a)) for a in base.actors]
        return scan.nash(reservation, scenario_with_reservations(self.scenario, values))

    def _known_empty(self, point: Point) -> bool:
        if not self._has_ceiling:
            return False
        return self._ceiling is None or float(point[0][1]) > self._ceiling + CEILING_TOL

    def row(self, point: Point, *, warm: bool = False) -> SweepRow:
        """The answer at `point`. `warm` lets a reservation-only sweep start from the last
        point this evaluator found a ZOPA at (`zopa.analysis.sweep_warm`); cold, the
        answer is exactly a fresh analysis's."""
        if self._scan is not None:
            found = self._scanned(self._scan, point)
            return SweepRow(point, found is not None, found)
        if self._known_empty(point):
            return SweepRow(point, False, None)
        compiled = self.compiled_at(point)
        deal: Solution | None
        if warm and self._state is not None:
            deal = warm_nash(compiled, self._state, lambda: self.exists_at(point))
        else:
            self._state = None
            zone = compute_zone(compiled)
            deal = nash(compiled, gains_of(compiled, zone)) if zone.exists else None
        if deal is None:
            return SweepRow(point, False, None)
        if self.compiles_once:
            at = reservations(compiled)
            self._state = WarmState(deal, at) if self._state is None else self._state.then(deal, at)
        return SweepRow(point, True, deal)

    def exists_at(self, point: Point) -> bool:
        if self._scan is not None:
            return self._scanned(self._scan, point) is not None
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


def reservation_only(scenario: Scenario, paths: Sequence[str]) -> bool:
    """Whether every path is a different actor's reservation: the sweeps that compile once
    and may start warm."""
    return _reservation_actors(scenario, paths) is not None


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
    scenario = scenario_with_reservations(base.scenario, values)
    rows = list(base.ir.rows)
    for index, row in enumerate(rows):
        for actor, value in values.items():
            if row.origin.kind is OriginKind.RESERVATION and row.origin.actor == actor:
                rows[index] = _reservation_row(base, row, actor, value)
    ir = MilpIR(base.ir.columns, tuple(rows))
    return dataclasses.replace(base, scenario=scenario, ir=ir)


def scenario_with_reservations(scenario: Scenario, values: Mapping[str, float]) -> Scenario:
    """`scenario` with each actor's reservation moved to `values[actor]` (model and raw
    tree; nothing is validated again: a reservation is any number)."""
    actors = dict(scenario.model.actors)
    for actor, value in values.items():
        actors[actor] = actors[actor].model_copy(update={"reservation": value})
    model = scenario.model.model_copy(update={"actors": actors})
    raw = _raw_with_reservations(scenario.raw, values)
    return dataclasses.replace(scenario, model=model, raw=raw)


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
