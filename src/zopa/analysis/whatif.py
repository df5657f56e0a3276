"""What-if sweeps: one scenario re-answered over a grid of values (FORMAT §3, `zopa sweep`).

Each grid point is the scenario with `--set PATH=VALUE` for every varied path; its row says
whether a ZOPA exists and, if so, the Nash deal. Tipping points are the values where the
ZOPA appears or disappears between two neighbouring grid points, found by bisection.

Compile once, move only the numbers: when every varied path is an actor's reservation, the
scenario is compiled once and each point only rewrites the reservation rows' coefficients
(`u - r·z >= 0`) of the compiled model. Any other path changes what the compiler emits in
ways that are not one coefficient (bounds feed big-Ms, curves feed segment rows), so those
points are validated and compiled afresh — the honest, slower path (see benchmarks/).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from zopa.analysis.bargaining import gains_of, nash
from zopa.analysis.result import Solution, _plain
from zopa.analysis.zone import compute_zone
from zopa.errors import Problem, ScenarioError, SolverError
from zopa.model.compile import CompiledModel, compile_scenario
from zopa.model.ir import MilpIR, OriginKind, Row, normalise_coefs
from zopa.model.solver import SolveStatus
from zopa.scenario.scenario import Scenario

GridValue = float | int

MAX_GRID_POINTS = 1_000_000
"""More points than this is a mistake on the command line, not a sweep."""

BISECTION_TOL = 1e-9
"""Tipping points are refined until the bracketing interval is this narrow (or as narrow as
floating point allows at that magnitude). The solver's feasibility tolerance (1e-7) bounds
how exact the boundary itself can be."""


@dataclass(frozen=True, slots=True)
class Vary:
    """`PATH=START:STOP:STEPS`: STEPS evenly spaced values from START to STOP, both included."""

    path: str
    start: GridValue
    stop: GridValue
    steps: int

    @property
    def label(self) -> str:
        """How the option reads on the command line."""
        return f"--vary {self.path}={self.start}:{self.stop}:{self.steps}"

    @property
    def integral(self) -> bool:
        """Every grid value is a whole number and both ends were written as integers."""
        if not (isinstance(self.start, int) and isinstance(self.stop, int)):
            return False
        return self.steps == 1 or (self.stop - self.start) % (self.steps - 1) == 0

    def values(self) -> tuple[GridValue, ...]:
        if self.steps == 1:
            return (self.start,)
        if self.integral:
            step = (int(self.stop) - int(self.start)) // (self.steps - 1)
            return tuple(int(self.start) + i * step for i in range(self.steps))
        span = float(self.stop) - float(self.start)
        inner = (
            _tidy(float(self.start) + span * i / (self.steps - 1)) for i in range(1, self.steps - 1)
        )
        return (float(self.start), *inner, float(self.stop))


def _tidy(value: float) -> float:
    """`value` without binary noise (0.30000000000000004 → 0.3): 12 significant digits."""
    return float(f"{value:.12g}")


def parse_vary(text: str, *, file: str) -> Vary:
    """A `--vary PATH=START:STOP:STEPS` option. Raises `ScenarioError` naming the option."""

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(file, f"--vary {text}", None, None, message)])

    path, equals, grid = text.partition("=")
    parts = grid.split(":")
    if not equals or not path.strip() or len(parts) != 3:
        raise fail("write --vary PATH=START:STOP:STEPS, e.g. actors.russia.reservation=0:1:11")
    start, stop = (_number(p.strip()) for p in parts[:2])
    if start is None or stop is None:
        raise fail(f"START and STOP must be finite numbers, got {parts[0]!r} and {parts[1]!r}")
    try:
        steps = int(parts[2].strip())
    except ValueError:
        raise fail(f"STEPS must be a whole number, got {parts[2]!r}") from None
    if steps < 1 or steps > MAX_GRID_POINTS:
        raise fail(f"STEPS must be between 1 and {MAX_GRID_POINTS:,}, got {steps}")
    if steps == 1 and start != stop:
        raise fail("one step takes one value: make START equal STOP, or take 2 steps or more")
    return Vary(path.strip(), start, stop, steps)


def _number(text: str) -> GridValue | None:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True, slots=True)
class SweepRow:
    """One grid point: the values set (in `--vary` order), existence, and the Nash deal."""

    set: tuple[tuple[str, GridValue], ...]
    exists: bool
    nash: Solution | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": {path: _plain(value) for path, value in self.set},
            "exists": self.exists,
            "nash": None if self.nash is None else self.nash.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class TippingPoint:
    """Where the ZOPA appears or disappears as `path` moves from `below` to `above` (two
    neighbouring grid values), the other varied paths held at `fixed`. `value` is the
    refined boundary (bisection to `BISECTION_TOL`), None unless refinement was asked for;
    `opens` is true when the ZOPA exists at `above` but not at `below`."""

    path: str
    fixed: tuple[tuple[str, GridValue], ...]
    below: GridValue
    above: GridValue
    opens: bool
    value: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "fixed": {p: _plain(v) for p, v in self.fixed},
            "between": [_plain(self.below), _plain(self.above)],
            "opens": self.opens,
            "value": None if self.value is None else _plain(self.value),
        }


@dataclass(frozen=True, slots=True)
class SweepResult:
    """Every grid point's row in grid order (the first `--vary` varies slowest), and the
    tipping points between neighbouring points."""

    varies: tuple[Vary, ...]
    rows: tuple[SweepRow, ...]
    tipping_points: tuple[TippingPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.to_dict() for row in self.rows],
            "tipping_points": [t.to_dict() for t in self.tipping_points],
        }


Point = tuple[tuple[str, GridValue], ...]


def grid(varies: Sequence[Vary]) -> tuple[Point, ...]:
    """Every grid point, the first vary slowest."""
    axes = [[(v.path, value) for value in v.values()] for v in varies]
    points = tuple(tuple(p) for p in itertools.product(*axes))
    if len(points) > MAX_GRID_POINTS:
        raise ValueError(f"{len(points):,} grid points: at most {MAX_GRID_POINTS:,}")
    return points


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
        return _with_reservations(self._base, values)

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


CEILING_TOL = 1e-9
"""A reservation this far above the actor's best utility still counts as reachable, as the
solver's own feasibility tolerance (1e-7) would accept it too."""


def _integer_valued(scenario: Scenario, path: str) -> bool:
    """Whether `path` holds a whole number by the format (an integer issue's bounds or
    status quo); everything else may take any real value between grid points."""
    parts = path.split(".")
    if len(parts) != 3 or parts[0] != "issues" or parts[2] not in ("min", "max", "status_quo"):
        return False
    issue = scenario.model.issues.get(parts[1])
    return issue is not None and issue.type == "integer"


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


def _with_reservations(base: CompiledModel, values: Mapping[str, float]) -> CompiledModel:
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


def _check_grid_ends(scenario: Scenario, varies: Sequence[Vary]) -> None:
    """Validate the grid's corners as ordinary changes, so a bad path or value is reported
    like a file error, naming its `--vary`, before any work. Every rule on one number is an
    interval, so corners that validate mean every point between them validates too."""
    from zopa.scenario.changes import Change, ChangeKind
    from zopa.scenario.load import apply_to

    for vary in varies:
        if vary.steps == 1 or vary.integral or not _integer_valued(scenario, vary.path):
            continue
        step = (float(vary.stop) - float(vary.start)) / (vary.steps - 1)
        message = (
            f"{vary.path} takes whole numbers, but this grid steps by {step:g}; choose whole "
            "START and STOP, and STEPS so that (STOP - START) / (STEPS - 1) is whole"
        )
        raise ScenarioError([Problem(scenario.name, vary.label, None, None, message)])
    for corner in itertools.product(*[(v.start, v.stop) for v in varies]):
        changes = [
            Change(ChangeKind.SET, v.path, value, v.label)
            for v, value in zip(varies, corner, strict=True)
        ]
        apply_to(scenario, changes)


def sweep(
    scenario: Scenario,
    varies: Sequence[Vary],
    *,
    refine: bool = False,
    workers: int = 1,
    executor: Executor | None = None,
    on_row: Callable[[int], None] | None = None,
) -> SweepResult:
    """Re-answer `scenario` at every grid point of `varies`.

    Args:
        scenario: the base scenario (already with any `--set/--drop/--without`).
        varies: the varied paths, the first varying slowest.
        refine: bisect between neighbouring points where existence flips.
        workers: processes to spread the grid over (1: in this process); rows come back
            in grid order whatever the number.
        executor: an explicit `concurrent.futures.Executor` (overrides `workers`), e.g.
            a dask `Client.get_executor()`.
        on_row: called with the number of rows done so far, for progress bars.

    Raises:
        ScenarioError: a varied path or value is not valid for this scenario.
        SolverError: the solver failed at some point.
    """
    if not varies:
        raise ValueError("a sweep needs at least one --vary")
    paths = [v.path for v in varies]
    if len(set(paths)) != len(paths):
        raise ScenarioError(
            [Problem(scenario.name, "--vary", None, None, "each PATH may be varied only once")]
        )
    _check_grid_ends(scenario, varies)
    points = grid(varies)
    rows = _rows(scenario, paths, points, workers=workers, executor=executor, on_row=on_row)
    tips = _tipping_points(scenario, varies, rows, refine=refine)
    return SweepResult(tuple(varies), rows, tips)


def _rows(
    scenario: Scenario,
    paths: Sequence[str],
    points: tuple[Point, ...],
    *,
    workers: int,
    executor: Executor | None,
    on_row: Callable[[int], None] | None,
) -> tuple[SweepRow, ...]:
    if executor is None and workers <= 1:
        evaluator = PointEvaluator(scenario, paths)
        rows: list[SweepRow] = []
        for point in points:
            rows.append(evaluator.row(point))
            if on_row is not None:
                on_row(len(rows))
        return tuple(rows)
    batches = list(_batches(points, max(workers, 1) * 4))
    own = executor is None
    pool: Executor = executor if executor is not None else ProcessPoolExecutor(workers)
    try:
        futures = [pool.submit(_batch_rows, scenario, tuple(paths), batch) for batch in batches]
        done: list[SweepRow] = []
        for future in futures:  # in submission order: rows stay in grid order
            done.extend(future.result())
            if on_row is not None:
                on_row(len(done))
        return tuple(done)
    finally:
        if own:
            pool.shutdown()


def _batches(points: tuple[Point, ...], count: int) -> Iterator[tuple[Point, ...]]:
    size = max(1, math.ceil(len(points) / count))
    for start in range(0, len(points), size):
        yield points[start : start + size]


def _batch_rows(
    scenario: Scenario, paths: tuple[str, ...], batch: tuple[Point, ...]
) -> list[SweepRow]:
    """One worker task: compile once for the batch, answer each point."""
    evaluator = PointEvaluator(scenario, paths)
    return [evaluator.row(point) for point in batch]


def _tipping_points(
    scenario: Scenario, varies: Sequence[Vary], rows: tuple[SweepRow, ...], *, refine: bool
) -> tuple[TippingPoint, ...]:
    shape = [v.steps for v in varies]
    exists = {row.set: row.exists for row in rows}
    evaluator = PointEvaluator(scenario, [v.path for v in varies]) if refine else None
    found: list[TippingPoint] = []
    for axis, vary in enumerate(varies):
        if shape[axis] < 2:
            continue
        others = [
            [(v.path, value) for value in v.values()] if i != axis else [None]
            for i, v in enumerate(varies)
        ]
        values = vary.values()
        for fixed_parts in itertools.product(*others):
            for lo, hi in itertools.pairwise(values):
                below = _point(fixed_parts, axis, vary.path, lo)
                above = _point(fixed_parts, axis, vary.path, hi)
                if exists[below] == exists[above]:
                    continue
                fixed = tuple(p for p in fixed_parts if p is not None)
                value = None
                if evaluator is not None:
                    value = _bisect(evaluator, fixed_parts, axis, vary, lo, hi, exists[below])
                found.append(TippingPoint(vary.path, fixed, lo, hi, exists[above], value))
    return tuple(found)


def _point(
    parts: tuple[tuple[str, GridValue] | None, ...], axis: int, path: str, value: GridValue
) -> Point:
    point: list[tuple[str, GridValue]] = []
    for i, part in enumerate(parts):
        if i == axis:
            point.append((path, value))
        elif part is not None:
            point.append(part)
    return tuple(point)


def _bisect(
    evaluator: PointEvaluator,
    parts: tuple[tuple[str, GridValue] | None, ...],
    axis: int,
    vary: Vary,
    lo: GridValue,
    hi: GridValue,
    exists_lo: bool,
) -> float:
    """The boundary between `lo` and `hi` where existence changes. On integer-valued paths
    the answer is the first whole value (from `lo`'s side) whose existence differs; on real
    ones the midpoint of a bracket narrower than BISECTION_TOL."""
    a, b = float(lo), float(hi)
    integral = vary.integral and _integer_valued(evaluator.scenario, vary.path)
    for _ in range(200):
        if integral and abs(b - a) <= 1:
            return b
        if not integral and abs(b - a) <= max(BISECTION_TOL, 4 * math.ulp(max(abs(a), abs(b)))):
            return (a + b) / 2
        mid = float(round((a + b) / 2)) if integral else (a + b) / 2
        value: GridValue = int(mid) if integral else mid
        if evaluator.exists_at(_point(parts, axis, vary.path, value)) == exists_lo:
            a = mid
        else:
            b = mid
    return (a + b) / 2
