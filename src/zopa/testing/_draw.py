"""The ground of `zopa.testing._generate`: cached primitive strategies (ints, subsets,
permutations, ids, text), exact numbers and how they are written (short terminating
decimals), and issues with a planted value each. See `_generate` for the construction."""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeVar

from hypothesis import strategies as st

from zopa.format.solutions import SOLUTION_NAMES
from zopa.format.values import Value

T = TypeVar("T")

IssueKind = Literal["number", "integer", "choice", "boolean", "sequence"]
ISSUE_KINDS: tuple[IssueKind, ...] = ("number", "integer", "choice", "boolean", "sequence")

RESERVED_IDS: frozenset[str] = frozenset(
    {"and", "or", "not", "in", "true", "false"} | set(SOLUTION_NAMES)
)


PlantedValue = Fraction | str | bool | tuple[str, ...]
Planted = Mapping[str, PlantedValue]
"""A planted deal while it is built: `Fraction`s for numbers and integers."""

REAL_GRID = Fraction(1, 100)
"""Real thresholds are multiples of this and at least this far from the planted value."""
UNIT_GRID = Fraction(1, 20)
"""Preference values and curve heights are multiples of this."""
RESERVATION_GRID = Fraction(1, 10_000)
"""The grid of a reservation that demands a planted conflict's value."""


# --- drawing primitives ----------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _ints(lo: int, hi: int) -> st.SearchStrategy[int]:
    return st.integers(lo, hi)


@functools.lru_cache(maxsize=4096)
def _index_lists(n: int, least: int, most: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, n - 1), min_size=least, max_size=most, unique=True)


def draw_int(draw: st.DrawFn, lo: int, hi: int) -> int:
    return draw(_ints(lo, hi))


def draw_bool(draw: st.DrawFn) -> bool:
    return draw_int(draw, 0, 1) == 1


def pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    return items[draw_int(draw, 0, len(items) - 1)]


def subset(draw: st.DrawFn, items: Sequence[T], least: int = 0, most: int | None = None) -> list[T]:
    """Distinct items in drawn order (shrinks towards `least` items, the first ones)."""
    top = len(items) if most is None else min(most, len(items))
    if top == 0:
        return []
    return [items[i] for i in draw(_index_lists(len(items), least, top))]


def permutation(draw: st.DrawFn, items: Sequence[T]) -> tuple[T, ...]:
    """A drawn order of `items` (shrinks towards the given order)."""
    rest = list(items)
    return tuple(rest.pop(draw_int(draw, 0, len(rest) - 1)) for _ in range(len(items)))


_LOWER = "abcdefghijklmnopqrstuvwxyz"
_DIGITS = "0123456789"


def _pattern(first: str, rest: str, most: int) -> st.SearchStrategy[str]:
    """`[first][rest]{0,most-1}`: cheaper for Hypothesis than `from_regex`, and shrinks to
    one-letter names."""
    return st.tuples(st.sampled_from(first), st.text(rest, max_size=most - 1)).map("".join)


IDENTIFIERS = st.one_of(
    _pattern(_LOWER + "_", _LOWER + _DIGITS + "_", 10),
    st.sampled_from(["territory", "nato", "form", "aid", "moves", "x", "y", "_v", "a1"]),
).filter(lambda s: s not in RESERVED_IDS)
_STEP_IDS = _pattern(_LOWER + "_", _LOWER + _DIGITS + "_", 6).filter(
    lambda s: s not in RESERVED_IDS
)
CONSTRAINT_IDS = _pattern(_LOWER + _DIGITS + "_", _LOWER + _DIGITS + "_-", 12)
_OPTION_TEXT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz0123456789_- .'\"\\", min_size=1, max_size=10
)
"""Options may hold spaces, quotes and backslashes: expressions escape them."""
_TEXTS = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=30)


@functools.lru_cache(maxsize=256)
def _unique_lists(
    kind: Literal["ids", "steps", "options", "constraints"], least: int, most: int
) -> st.SearchStrategy[list[str]]:
    base = {
        "ids": IDENTIFIERS,
        "steps": _STEP_IDS,
        "options": _OPTION_TEXT,
        "constraints": CONSTRAINT_IDS,
    }[kind]
    return st.lists(base, min_size=least, max_size=most, unique=True)


def draw_ids(
    draw: st.DrawFn,
    kind: Literal["ids", "steps", "options", "constraints"],
    least: int,
    most: int,
) -> list[str]:
    return draw(_unique_lists(kind, least, most))


def fresh_id(draw: st.DrawFn, strategy: st.SearchStrategy[str], taken: Collection[str]) -> str:
    return draw(strategy.filter(lambda s: s not in taken))


def draw_text(draw: st.DrawFn) -> str:
    return draw(_TEXTS)


# --- exact numbers and how they are written ----------------------------------------------------


def ceil_to(x: Fraction, grid: Fraction) -> Fraction:
    return math.ceil(x / grid) * grid


def floor_to(x: Fraction, grid: Fraction) -> Fraction:
    return math.floor(x / grid) * grid


def yaml_number(x: Fraction) -> int | float:
    """A grid number as YAML holds it: an int when whole, else a float whose shortest repr is
    the exact decimal (every grid here has terminating decimals of at most 6 places)."""
    return int(x) if x.denominator == 1 else float(x)


def decimal_text(x: Fraction | float) -> str:
    """A non-negative number as expression text, never with an exponent: `3`, `0.25`."""
    if isinstance(x, float):
        text = format(Decimal(repr(x)), "f")
    elif x.denominator == 1:
        return str(int(x))
    else:
        text = format(Decimal(x.numerator) / Decimal(x.denominator), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def signed_text(x: Fraction) -> str:
    return decimal_text(x) if x >= 0 else f"-{decimal_text(-x)}"


def quoted(option: str) -> str:
    """An option as an expression string literal (a backslash escapes quotes and itself)."""
    escaped = option.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


# --- issues and planted values ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssueSpec:
    """An issue as drawn: its domain in exact numbers."""

    id: str
    kind: IssueKind
    lo: Fraction = Fraction(0)
    hi: Fraction = Fraction(0)
    options: tuple[str, ...] = ()
    ordered: bool = False
    steps: tuple[str, ...] = ()
    extras: Mapping[str, Any] | None = None

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.kind}
        if self.kind in ("number", "integer"):
            out["min"] = yaml_number(self.lo)
            out["max"] = yaml_number(self.hi)
        elif self.kind == "choice":
            out["options"] = list(self.options)
            if self.ordered:
                out["ordered"] = True
        elif self.kind == "sequence":
            out["steps"] = list(self.steps)
        out.update(self.extras or {})
        return out


_SCALES = (Fraction(1), Fraction(1, 10), Fraction(10))


def draw_issue(draw: st.DrawFn, issue_id: str, kind: IssueKind, least: int = 1) -> IssueSpec:
    """An issue; `least` is the fewest options or steps (2 where a conflict is planted)."""
    if kind == "number":
        scale = pick(draw, _SCALES)
        lo = draw_int(draw, -20, 20) * scale / 20
        issue = IssueSpec(issue_id, kind, lo=lo, hi=lo + draw_int(draw, 1, 40) * scale / 20)
    elif kind == "integer":
        low = draw_int(draw, -5, 10)
        issue = IssueSpec(issue_id, kind, lo=Fraction(low), hi=Fraction(low + draw_int(draw, 1, 5)))
    elif kind == "choice":
        options = tuple(draw_ids(draw, "options", least, 4))
        issue = IssueSpec(issue_id, kind, options=options, ordered=draw_bool(draw))
    elif kind == "boolean":
        issue = IssueSpec(issue_id, kind)
    else:
        issue = IssueSpec(issue_id, kind, steps=tuple(draw_ids(draw, "steps", least, 4)))
    return replace(issue, extras=_draw_extras(draw, issue))


def draw_value(draw: st.DrawFn, issue: IssueSpec) -> PlantedValue:
    if issue.kind == "number":
        return issue.lo + draw_int(draw, 0, 20) * (issue.hi - issue.lo) / 20
    if issue.kind == "integer":
        return Fraction(draw_int(draw, int(issue.lo), int(issue.hi)))
    if issue.kind == "choice":
        return pick(draw, issue.options)
    if issue.kind == "boolean":
        return draw_bool(draw)
    return permutation(draw, issue.steps)


def plain(issue: IssueSpec, value: PlantedValue) -> Value:
    """A planted value as a deal holds it."""
    if isinstance(value, Fraction):
        return int(value) if issue.kind == "integer" else float(value)
    return value


def plain_deal(issues: Sequence[IssueSpec], planted: Planted) -> dict[str, Value]:
    return {i.id: plain(i, planted[i.id]) for i in issues}


def _draw_extras(draw: st.DrawFn, issue: IssueSpec) -> dict[str, Any]:
    """Optional keys: a status quo inside the domain, a unit, a description."""
    extras: dict[str, Any] = {}
    if draw_bool(draw):
        value = draw_value(draw, issue)
        if isinstance(value, Fraction):
            extras["status_quo"] = yaml_number(value)
        else:
            extras["status_quo"] = list(value) if isinstance(value, tuple) else value
    if issue.kind == "number" and draw_bool(draw):
        extras["unit"] = draw_text(draw)
    if draw_int(draw, 0, 3) == 0:
        extras["description"] = draw_text(draw)
    return extras
