"""What-if sweeps: one scenario re-answered over a grid of values (FORMAT §3, `zopa sweep`).

Each grid point is the scenario with `--set PATH=VALUE` for every varied path; its row says
whether a ZOPA exists and, if so, the Nash deal. Tipping points are the values where the
ZOPA appears or disappears between two neighbouring grid points, found by bisection.

The grid and the answers' types are `zopa.analysis.sweep_grid`; one point is answered by
`zopa.analysis.sweep_points.PointEvaluator`; this module runs the grid (in this process or
spread over workers) and finds the tipping points.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor

from zopa.analysis.sweep_grid import (
    MAX_GRID_POINTS,
    GridValue,
    Point,
    SweepResult,
    SweepRow,
    TippingPoint,
    Vary,
    _check_grid_ends,
    _integer_valued,
    grid,
    grid_size,
    parse_vary,
)
from zopa.analysis.sweep_points import PointEvaluator
from zopa.analysis.sweep_warm import chain_length
from zopa.errors import Problem, ScenarioError
from zopa.format.tolerances import BISECTION_TOL
from zopa.scenario.scenario import Scenario

__all__ = [
    "MAX_GRID_POINTS",
    "GridValue",
    "Point",
    "PointEvaluator",
    "SweepResult",
    "SweepRow",
    "TippingPoint",
    "Vary",
    "grid",
    "parse_vary",
    "sweep",
]


def sweep(
    scenario: Scenario,
    varies: Sequence[Vary],
    *,
    refine: bool = False,
    workers: int = 1,
    warm: bool | None = None,
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
        warm: start each point's Nash search from its neighbour's (`sweep_warm`), or
            answer every point exactly as a fresh analysis (False). None (the default):
            warm where every issue is finite (the same rows either way, only faster), cold
            where real numbers make a warm row differ in the last digits.
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
    size = grid_size(varies)
    if size > MAX_GRID_POINTS:
        message = (
            f"the grid has {size:,} points (the product of the STEPS); at most "
            f"{MAX_GRID_POINTS:,}: use fewer STEPS"
        )
        raise ScenarioError([Problem(scenario.name, "--vary", None, None, message)])
    _check_grid_ends(scenario, varies)
    points = grid(varies)
    lowest = tuple(min(float(x) for x in v.values()) for v in varies)
    evaluator = PointEvaluator(scenario, paths, lowest=lowest)
    rows = _rows(
        evaluator,
        lowest,
        points,
        workers=workers,
        warm=warm if warm is not None else not scenario.has_real_numbers,
        executor=executor,
        on_row=on_row,
    )
    tips = _tipping_points(evaluator, varies, rows, refine=refine)
    return SweepResult(tuple(varies), rows, tips)


def _rows(
    evaluator: PointEvaluator,
    lowest: tuple[float, ...],
    points: tuple[Point, ...],
    *,
    workers: int,
    warm: bool,
    executor: Executor | None,
    on_row: Callable[[int], None] | None,
) -> tuple[SweepRow, ...]:
    """Every point's row, in grid order. A scanning evaluator answers in microseconds a
    point: it answers them all here rather than rebuild its frontier in every worker."""
    chain = chain_length(len(points)) if warm else 1
    if evaluator.scans or (executor is None and workers <= 1):
        rows: list[SweepRow] = []
        for index, point in enumerate(points):
            rows.append(evaluator.row(point, warm=index % chain != 0))
            if on_row is not None:
                on_row(len(rows))
        return tuple(rows)
    batches = list(_batches(points, max(workers, 1) * 4, chain))
    scenario, paths = evaluator.scenario, tuple(evaluator.paths)
    own = executor is None
    processes = min(workers, len(batches))  # no idle processes to start and stop
    pool: Executor = executor if executor is not None else ProcessPoolExecutor(processes)
    try:
        futures = [
            pool.submit(_batch_rows, scenario, paths, lowest, chain, batch) for batch in batches
        ]
        done: list[SweepRow] = []
        for future in futures:  # in submission order: rows stay in grid order
            done.extend(future.result())
            if on_row is not None:
                on_row(len(done))
        return tuple(done)
    finally:
        if own:
            pool.shutdown()


def _batches(points: tuple[Point, ...], count: int, chain: int) -> Iterator[tuple[Point, ...]]:
    """About `count` batches of whole chains of `chain` points (so rows do not depend on
    the split)."""
    chains = math.ceil(len(points) / chain)
    size = chain * max(1, math.ceil(chains / count))
    for start in range(0, len(points), size):
        yield points[start : start + size]


def _batch_rows(
    scenario: Scenario,
    paths: tuple[str, ...],
    lowest: tuple[float, ...],
    chain: int,
    batch: tuple[Point, ...],
) -> list[SweepRow]:
    """One worker task: compile once for the batch (whole chains), answer each point;
    `chain` 1 answers every point cold."""
    evaluator = PointEvaluator(scenario, paths, lowest=lowest)
    return [evaluator.row(point, warm=i % chain != 0) for i, point in enumerate(batch)]


def _tipping_points(
    evaluator: PointEvaluator,
    varies: Sequence[Vary],
    rows: tuple[SweepRow, ...],
    *,
    refine: bool,
) -> tuple[TippingPoint, ...]:
    shape = [v.steps for v in varies]
    exists = {row.set: row.exists for row in rows}
    bisecting = evaluator if refine else None
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
                if bisecting is not None:
                    value = _bisect(bisecting, fixed_parts, axis, vary, lo, hi, exists[below])
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
