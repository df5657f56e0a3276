"""The vocabulary of a what-if sweep (FORMAT §3, `zopa sweep`): the `--vary` option and its
grid of points, the rows and tipping points a sweep answers, and the checks of a grid
before any work."""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from zopa.analysis.result import Solution, _plain
from zopa.errors import Problem, ScenarioError
from zopa.scenario.scenario import Scenario

GridValue = float | int

MAX_GRID_POINTS = 1_000_000
"""More points than this is a mistake on the command line, not a sweep."""


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


def grid_size(varies: Sequence[Vary]) -> int:
    """How many points the grid of `varies` has (counted, not built)."""
    return math.prod(v.steps for v in varies)


def grid(varies: Sequence[Vary]) -> tuple[Point, ...]:
    """Every grid point, the first vary slowest.

    Raises:
        ValueError: the grid has more than `MAX_GRID_POINTS` points (checked before any
            point is built).
    """
    size = grid_size(varies)
    if size > MAX_GRID_POINTS:
        raise ValueError(f"{size:,} grid points: at most {MAX_GRID_POINTS:,}")
    axes = [[(v.path, value) for value in v.values()] for v in varies]
    return tuple(tuple(p) for p in itertools.product(*axes))


def clash_with_variant(
    varies: Iterable[str],
    sets: Iterable[str],
    drops: Collection[str],
    *,
    command: str = "zopa sweep",
) -> str | None:
    """Why the `--vary PATH=...` options contradict the variant's `--set PATH=VALUE` or
    `--drop ACTOR/ID` options, as written (a message for the user), or None. `analyze`
    applies sets before drops, a sweep its grid after both, so either combination would
    mean two different things."""
    set_paths = {text.split("=", 1)[0] for text in sets}
    for path in (text.split("=", 1)[0] for text in varies):
        if path in set_paths:
            return f"{command}: {path} is both --set and --vary: keep one"
        parts = path.split(".")
        if len(parts) == 3 and parts[0] == "actors" and parts[2] == "reservation":
            ref = f"{parts[1]}/reservation"
            if ref in drops:
                return (
                    f"{command}: --vary {path} with --drop {ref}: the drop removes the "
                    "reservation the sweep varies; keep one"
                )
    return None


def _integer_valued(scenario: Scenario, path: str) -> bool:
    """Whether `path` holds a whole number by the format (an integer issue's bounds or
    status quo); everything else may take any real value between grid points."""
    parts = path.split(".")
    if len(parts) != 3 or parts[0] != "issues" or parts[2] not in ("min", "max", "status_quo"):
        return False
    issue = scenario.model.issues.get(parts[1])
    return issue is not None and issue.type == "integer"


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
