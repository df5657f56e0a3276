"""Uncertain inputs of a scenario: distributions where a number may stand, and the
credibility of red lines (the format guide, "Uncertain positions").

A distribution may stand in `parameters.NAME`, `actors.A.reservation`,
`actors.A.preferences.P.weight` and `actors.A.preferences.P.values.OPTION`. `split` finds
each one in the raw tree, checks it (shape, parameters, support inside what the key
allows) and returns a copy of the tree with every distribution replaced by its median: the
scenario that `analyze`, `check`, `sweep` and `compare` use. The distributions themselves
travel on as an `Uncertainty`, for `zopa simulate`.

The distributions themselves (kinds, supports, medians) are `zopa.format.distributions`;
this module imports no numpy or scipy either (validation stays fast).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from zopa.errors import Problem
from zopa.format.distributions import ARITY, FORMS, SHAPES, Distribution, Kind
from zopa.format.refs import group_text
from zopa.scenario.document import join_path
from zopa.scenario.positions import Locator


@dataclass(frozen=True, slots=True)
class UncertainInput:
    """A distribution at `path` (a dotted YAML path)."""

    path: str
    distribution: Distribution


@dataclass(frozen=True, slots=True)
class Credibility:
    """Red line `ref` (`actor/id`) is real with probability `p`; `path` ends in `credibility`."""

    ref: str
    path: str
    p: float


@dataclass(frozen=True, slots=True)
class Uncertainty:
    """Everything a scenario leaves uncertain, in YAML order."""

    inputs: tuple[UncertainInput, ...] = ()
    credibilities: tuple[Credibility, ...] = ()

    @property
    def paths(self) -> tuple[str, ...]:
        """The YAML paths of every uncertain value (what `"uncertain"` lists)."""
        return tuple(i.path for i in self.inputs) + tuple(c.path for c in self.credibilities)

    def __bool__(self) -> bool:
        return bool(self.inputs or self.credibilities)


@dataclass(frozen=True, slots=True)
class Split:
    """`split`'s answer: the tree with medians, what was uncertain, and what was wrong."""

    data: Any
    uncertainty: Uncertainty
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class _Slot:
    """What a key allows: its interval, whether its low end is open, and a neutral stand-in
    used after an error (so a bad distribution is reported once, not twice)."""

    lo: float
    hi: float
    lo_open: bool
    placeholder: float
    what: str


_UNIT = _Slot(0.0, 1.0, False, 0.0, "in [0, 1]")
_WEIGHT = _Slot(0.0, math.inf, True, 1.0, "greater than 0")
_ANY = _Slot(-math.inf, math.inf, False, 0.0, "a number")


class _Bad(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def parse_distribution(value: Any, path: str) -> Distribution:
    """A distribution from its YAML mapping; raises `_Bad` with the offending path."""
    if not isinstance(value, dict):
        raise _Bad(path, "expected a number or a distribution")
    kinds = [k for k in Kind if k.value in value]
    unknown = [k for k in value if k not in {*(k.value for k in Kind), "clip"}]
    forms = FORMS
    if unknown:
        raise _Bad(
            join_path(path, str(unknown[0])),
            f"unknown key {unknown[0]!r}; a distribution is one of {forms}",
        )
    if len(kinds) != 1:
        raise _Bad(path, f"a distribution names exactly one kind: {forms}")
    kind = kinds[0]
    where = join_path(path, kind.value)
    args = value[kind.value]
    if not isinstance(args, list) or len(args) != ARITY[kind] or not all(map(_number, args)):
        raise _Bad(where, f"{kind.value} takes {SHAPES[kind]}: {ARITY[kind]} numbers")
    nums = tuple(float(a) for a in args)
    clip: tuple[float, float] | None = None
    if "clip" in value:
        if kind is not Kind.NORMAL:
            raise _Bad(
                join_path(path, "clip"), f"clip is for normal only; {kind.value} is bounded already"
            )
        raw = value["clip"]
        if not isinstance(raw, list) or len(raw) != 2 or not all(map(_number, raw)):
            raise _Bad(join_path(path, "clip"), "clip takes [lo, hi]: 2 numbers")
        clip = (float(raw[0]), float(raw[1]))
        if clip[0] > clip[1]:
            raise _Bad(
                join_path(path, "clip"), f"clip's lo {clip[0]:g} is above its hi {clip[1]:g}"
            )
    _check_args(kind, nums, where)
    return Distribution(kind, nums, clip)


def _check_args(kind: Kind, nums: tuple[float, ...], where: str) -> None:
    if kind is Kind.UNIFORM and nums[0] > nums[1]:
        raise _Bad(where, f"lo {nums[0]:g} is above hi {nums[1]:g}; write [lo, hi]")
    if kind is Kind.TRIANGULAR and not nums[0] <= nums[1] <= nums[2]:
        raise _Bad(where, f"triangular needs lo <= mode <= hi, got {list(nums)}")
    if kind is Kind.NORMAL and nums[1] <= 0:
        raise _Bad(where, f"the standard deviation must be greater than 0, got {nums[1]:g}")
    if kind is Kind.BETA and (nums[0] <= 0 or nums[1] <= 0):
        raise _Bad(where, f"beta's a and b must be greater than 0, got {list(nums)}")


def _check_support(dist: Distribution, slot: _Slot, path: str) -> None:
    lo, hi = dist.support
    below = lo <= slot.lo if slot.lo_open else lo < slot.lo
    if below or hi > slot.hi:
        hint = " (add clip: [lo, hi])" if dist.kind is Kind.NORMAL and dist.clip is None else ""
        shown = f"[{lo:g}, {hi:g}]"
        raise _Bad(
            path, f"this value must be {slot.what}, but the distribution can draw {shown}{hint}"
        )


class _Splitter:
    def __init__(self, data: dict[Any, Any], locator: Locator) -> None:
        self.locator = locator
        self.inputs: list[UncertainInput] = []
        self.credibilities: list[Credibility] = []
        self.problems: list[Problem] = []
        self.data = data

    def value(self, node: Any, path: str, slot: _Slot) -> Any:
        """`node` itself, or the median of the distribution it holds."""
        if not isinstance(node, dict):
            return node
        try:
            dist = parse_distribution(node, path)
            _check_support(dist, slot, path)
        except _Bad as bad:
            self.problems.append(self.locator.problem(bad.path, bad.message))
            return slot.placeholder
        self.inputs.append(UncertainInput(path, dist))
        return dist.median()

    def run(self) -> Any:
        out = dict(self.data)
        params = out.get("parameters")
        if isinstance(params, dict):
            out["parameters"] = {
                k: self.value(v, join_path("parameters", str(k)), _ANY) for k, v in params.items()
            }
        actors = out.get("actors")
        if isinstance(actors, dict):
            out["actors"] = {
                k: self.actor(v, join_path("actors", str(k)), k) for k, v in actors.items()
            }
        return out

    def actor(self, body: Any, path: str, actor: Any) -> Any:
        if not isinstance(body, dict):
            return body
        out = dict(body)
        if "reservation" in out:
            out["reservation"] = self.value(
                out["reservation"], join_path(path, "reservation"), _UNIT
            )
        prefs = out.get("preferences")
        if isinstance(prefs, dict):
            out["preferences"] = {
                k: self.preference(v, join_path(join_path(path, "preferences"), str(k)))
                for k, v in prefs.items()
            }
        lines = out.get("red_lines")
        if isinstance(lines, list):
            for index, line in enumerate(lines):
                self.credibility(line, join_path(join_path(path, "red_lines"), str(index)), actor)
        return out

    def preference(self, body: Any, path: str) -> Any:
        if not isinstance(body, dict):
            return body
        out = dict(body)
        if "weight" in out:
            out["weight"] = self.value(out["weight"], join_path(path, "weight"), _WEIGHT)
        values = out.get("values")
        if isinstance(values, dict):
            out["values"] = {
                k: self.value(v, join_path(join_path(path, "values"), _key(k)), _UNIT)
                for k, v in values.items()
            }
        return out

    def credibility(self, line: Any, path: str, actor: Any) -> None:
        if not isinstance(line, dict) or "credibility" not in line:
            return
        p = line["credibility"]
        where = join_path(path, "credibility")
        if not _number(p) or not 0 <= p <= 1:
            return  # the schema reports it (a number in [0, 1])
        if isinstance(line.get("id"), str):
            ref = group_text(str(actor), line["id"])
            self.credibilities.append(Credibility(ref, where, float(p)))


def _key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def split(data: Any, locator: Locator) -> Split:
    """`data` with every distribution replaced by its median, the `Uncertainty` found, and
    the problems of malformed distributions (each with its YAML position)."""
    if not isinstance(data, dict):
        return Split(data, Uncertainty(), ())
    splitter = _Splitter(data, locator)
    out = splitter.run()
    if not (splitter.inputs or splitter.credibilities or splitter.problems):
        out = data
    return Split(
        out,
        Uncertainty(tuple(splitter.inputs), tuple(splitter.credibilities)),
        tuple(splitter.problems),
    )
