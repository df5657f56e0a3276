"""Scenario data built around a planted deal, exactly: the construction behind
`zopa.testing.strategies`.

A draft is drawn in this order: issues, a planted deal (a value for every issue), rules that
accept it, then actors whose red lines accept or reject it as asked and whose reservations it
meets (or not). Every expression is rendered from a choice of atom and truth value at the
planted deal, so whether it holds there is known by construction, never by evaluation:

- real thresholds sit at least `REAL_GRID` from the planted value, on the side that makes the
  comparison come out as wanted (strict and non-strict then agree, whatever the tolerance);
- integral comparisons (integers and step positions with whole coefficients) use whole
  thresholds, where ties are exact and `a < c` means `a <= c - 1`;
- utilities are computed with `Fraction`s, and positive reservations stay at least a tenth of
  the planted utility below it.

Every number written is a short terminating decimal, so YAML and expression text hold it
exactly. A planted conflict adds a fresh issue and two constraints on it that cannot hold
together (two red lines, or a reservation that demands what a red line forbids); nothing else
mentions that issue, so that pair is the only minimal conflict.

All drawing goes through a few cached primitive strategies: building composite strategies
per draw costs Hypothesis more than the drawing itself.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeVar

import yaml
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from zopa.format import yaml12
from zopa.format.refs import group_text, reservation_text
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


_IDENTIFIERS = st.one_of(
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
        "ids": _IDENTIFIERS,
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


# --- expressions with a known truth value at the planted deal ----------------------------------


@dataclass(frozen=True, slots=True)
class NumRef:
    """Something numeric an expression can name: an issue, or a sequence step's position."""

    text: str
    integral: bool
    lo: Fraction
    hi: Fraction


@dataclass(frozen=True, slots=True)
class Context:
    """What expressions may talk about, and the deal they are built around."""

    issues: tuple[IssueSpec, ...]
    refs: tuple[NumRef, ...]
    planted: Planted


def context(issues: Sequence[IssueSpec], planted: Planted) -> Context:
    refs: list[NumRef] = []
    for issue in issues:
        if issue.kind in ("number", "integer"):
            refs.append(NumRef(issue.id, issue.kind == "integer", issue.lo, issue.hi))
        elif issue.kind == "sequence":
            last = Fraction(len(issue.steps))
            refs.extend(NumRef(f"{issue.id}.{s}", True, Fraction(1), last) for s in issue.steps)
    return Context(tuple(issues), tuple(refs), planted)


def ref_value(text: str, planted: Planted) -> Fraction:
    """The planted value of a numeric issue, or the 1-based position of `SEQ.STEP`."""
    if "." in text:
        sequence, step = text.split(".", 1)
        order = planted[sequence]
        if not isinstance(order, tuple):
            raise TypeError(f"{sequence!r} is not a sequence")
        return Fraction(order.index(step) + 1)
    value = planted[text]
    if not isinstance(value, Fraction):
        raise TypeError(f"{text!r} is not numeric")
    return value


_COEFS = (*(Fraction(c) for c in (1, 1, -1, 2, -2, 3)), Fraction(1, 2))


def _term_text(coef: Fraction, ref: str, *, first: bool) -> str:
    mag = abs(coef)
    if mag == 1:
        body = ref
    elif mag.denominator == 1:
        body = f"{mag.numerator} * {ref}"
    else:
        body = f"{ref} / {mag.denominator}"
    if first:
        return body if coef > 0 else f"-{body}"
    return f" {'+' if coef > 0 else '-'} {body}"


_TRUE_WHEN_ABOVE = {"<=": True, "<": True, ">=": False, ">": False}
"""For `lhs OP c`: is the atom true at the planted value when `c` lies above it?"""


def _real_threshold(
    draw: st.DrawFn, value: Fraction, span: Fraction, op: str, truth: bool
) -> Fraction:
    step = span * draw_int(draw, 0, 5) / 10 + REAL_GRID
    if _TRUE_WHEN_ABOVE[op] == truth:
        return ceil_to(value + step, REAL_GRID)
    return floor_to(value - step, REAL_GRID)


def _integral_threshold(draw: st.DrawFn, value: Fraction, op: str, truth: bool) -> Fraction:
    k = draw_int(draw, 0, 2)
    if op in ("==", "!="):
        if (op == "==") == truth:
            return value
        return value + pick(draw, (-1, 1)) * (1 + k)
    table = {
        ("<=", True): value + k,
        ("<=", False): value - 1 - k,
        ("<", True): value + 1 + k,
        ("<", False): value - k,
        (">=", True): value - k,
        (">=", False): value + 1 + k,
        (">", True): value - 1 - k,
        (">", False): value + k,
    }
    return table[(op, truth)]


_FLIP = {"<=": ">=", "<": ">", ">=": "<=", ">": "<", "==": "==", "!=": "!="}
_REAL_OPS = ("<=", "<", ">=", ">")
_INTEGRAL_OPS = (*_REAL_OPS, "==", "!=")


def _numeric_atom(draw: st.DrawFn, ctx: Context, truth: bool) -> str:
    chosen = subset(draw, ctx.refs, 1, 2)
    pairs = [(pick(draw, _COEFS), ref) for ref in chosen]
    integral = all(r.integral and c.denominator == 1 for c, r in pairs)
    value = sum((c * ref_value(r.text, ctx.planted) for c, r in pairs), Fraction(0))
    span = sum((abs(c) * (r.hi - r.lo) for c, r in pairs), Fraction(0))
    op = pick(draw, _INTEGRAL_OPS if integral else _REAL_OPS)
    if integral:
        threshold = _integral_threshold(draw, value, op, truth)
    else:
        threshold = _real_threshold(draw, value, span, op, truth)
    return _render_comparison(draw, pairs, op, threshold)


def _render_comparison(
    draw: st.DrawFn, pairs: Sequence[tuple[Fraction, NumRef]], op: str, c: Fraction
) -> str:
    """`lhs OP c`, sometimes written `c OP' lhs`, or with the second term moved across."""
    lhs = "".join(_term_text(k, r.text, first=i == 0) for i, (k, r) in enumerate(pairs))
    style = draw_int(draw, 0, 3)
    if style == 1:
        return f"{signed_text(c)} {_FLIP[op]} {lhs}"
    if style == 2 and len(pairs) == 2:
        (k0, r0), (k1, r1) = pairs
        first = _term_text(k0, r0.text, first=True)
        moved = _term_text(-k1, r1.text, first=True)
        return f"{first} {op} {moved} {'+' if c >= 0 else '-'} {decimal_text(abs(c))}"
    return f"{lhs} {op} {signed_text(c)}"


_NEGATED_FORM = {"==": "!=", "!=": "==", "in": "not in", "not in": "in"}


def _choice_atom(draw: st.DrawFn, issue: IssueSpec, here: str, truth: bool) -> str:
    others = [o for o in issue.options if o != here]
    forms = ("==", "!=", "in", "not in", "order") if issue.ordered else ("==", "!=", "in", "not in")
    form = pick(draw, forms)
    if form == "order":
        return _order_atom(draw, issue, issue.options.index(here), truth)
    # the options an atom names contain the planted one iff (positive form) == truth
    names_here = (form in ("==", "in")) == truth
    if not names_here and not others:
        form, names_here = _NEGATED_FORM[form], True
    if form in ("==", "!="):
        option = here if names_here else pick(draw, others)
        return f"{issue.id} {form} {quoted(option)}"
    members = [here, *subset(draw, others)] if names_here else subset(draw, others, 1)
    if draw_bool(draw):
        members.sort(key=issue.options.index)
    return f"{issue.id} {form} [{', '.join(quoted(m) for m in members)}]"


_ORDER_TESTS: dict[str, Callable[[int, int], bool]] = {
    "<": lambda i, j: i < j,
    "<=": lambda i, j: i <= j,
    ">": lambda i, j: i > j,
    ">=": lambda i, j: i >= j,
}


def _order_atom(draw: st.DrawFn, issue: IssueSpec, index: int, truth: bool) -> str:
    """`c OP "o"` on an ordered choice compares positions in the option list."""
    candidates = [
        (op, j)
        for op, test in _ORDER_TESTS.items()
        for j in range(len(issue.options))
        if test(index, j) == truth
    ]
    if not candidates:  # a one-option choice: `<` and `>` are always false there
        return f"{issue.id} {'==' if truth else '!='} {quoted(issue.options[index])}"
    op, j = pick(draw, candidates)
    return f"{issue.id} {op} {quoted(issue.options[j])}"


def _atom(draw: st.DrawFn, ctx: Context, truth: bool) -> str:
    kinds: list[IssueSpec | None] = [None] if ctx.refs else []
    kinds.extend(i for i in ctx.issues if i.kind in ("choice", "boolean"))
    chosen = pick(draw, kinds)
    if chosen is None:
        return _numeric_atom(draw, ctx, truth)
    here = ctx.planted[chosen.id]
    if isinstance(here, str):
        return _choice_atom(draw, chosen, here, truth)
    return chosen.id if here is truth else f"not {chosen.id}"


_SHAPES = ("atom", "atom", "atom", "not", "and", "or")


def formula(draw: st.DrawFn, ctx: Context, truth: bool, depth: int = 2) -> str:
    """An expression whose value at the planted deal is `truth`."""
    shape = pick(draw, _SHAPES) if depth else "atom"
    if shape == "atom":
        return _atom(draw, ctx, truth)
    if shape == "not":
        return f"not ({formula(draw, ctx, not truth, depth - 1)})"
    n = draw_int(draw, 2, 3)
    # `and` is true iff every part is; `or` is false iff every part is
    if truth == (shape == "and"):
        parts = [truth] * n
    else:
        decisive = draw_int(draw, 0, n - 1)
        parts = [truth if i == decisive else draw_bool(draw) for i in range(n)]
    return f" {shape} ".join(f"({formula(draw, ctx, p, depth - 1)})" for p in parts)


def constraint_body(draw: st.DrawFn, ctx: Context, accepts: bool) -> dict[str, str]:
    """`require`, sometimes with `when`, that accepts or rejects the planted deal."""
    if draw_int(draw, 0, 3):
        return {"require": formula(draw, ctx, accepts)}
    when_holds = draw_bool(draw) if accepts else True
    require_holds = accepts if when_holds else draw_bool(draw)
    return {
        "when": formula(draw, ctx, when_holds, 1),
        "require": formula(draw, ctx, require_holds, 1),
    }


def _constraints(
    draw: st.DrawFn, ctx: Context, most: int, accept: Callable[[], bool]
) -> list[dict[str, Any]]:
    ids = draw_ids(draw, "constraints", 0, most)
    return [{"id": cid, **constraint_body(draw, ctx, accept())} for cid in ids]


# --- preferences and utilities ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PreferenceSpec:
    """One utility term: `curve` over a numeric ref, or `values` of options or booleans."""

    key: str
    weight: Fraction
    curve: tuple[tuple[Fraction, Fraction], ...] = ()
    values: tuple[tuple[str | bool, Fraction], ...] = ()

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"weight": yaml_number(self.weight)}
        if self.curve:
            out["curve"] = [[yaml_number(x), yaml_number(y)] for x, y in self.curve]
        else:
            out["values"] = {k: yaml_number(v) for k, v in self.values}
        return out

    def value(self, planted: Planted) -> Fraction:
        if self.curve:
            return curve_at(self.curve, ref_value(self.key, planted))
        here = planted[self.key]
        return next((v for k, v in self.values if k == here), Fraction(0))


def curve_at(points: Sequence[tuple[Fraction, Fraction]], x: Fraction) -> Fraction:
    """Linear between points, flat beyond the ends (FORMAT §1)."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


_WEIGHTS = (Fraction(1, 2), Fraction(1), Fraction(2), Fraction(3), Fraction(5))


def _height(draw: st.DrawFn) -> Fraction:
    return draw_int(draw, 0, 20) * UNIT_GRID


def _preference(draw: st.DrawFn, issue: IssueSpec, key: str) -> PreferenceSpec:
    weight = pick(draw, _WEIGHTS)
    if issue.kind in ("choice", "boolean"):
        keys: list[str | bool] = list(issue.options) if issue.kind == "choice" else [True, False]
        chosen = subset(draw, keys, 1)
        return PreferenceSpec(key, weight, values=tuple((k, _height(draw)) for k in chosen))
    lo = issue.lo if issue.kind != "sequence" else Fraction(1)
    hi = issue.hi if issue.kind != "sequence" else Fraction(len(issue.steps))
    span = (hi - lo) or Fraction(1)
    xs = sorted(subset(draw, range(-5, 26), 1, 4))
    return PreferenceSpec(key, weight, curve=tuple((lo + k * span / 20, _height(draw)) for k in xs))


def _preferences(draw: st.DrawFn, issues: Sequence[IssueSpec]) -> tuple[PreferenceSpec, ...]:
    keys: list[tuple[IssueSpec, str]] = []
    for issue in issues:
        if issue.kind == "sequence":
            keys.extend((issue, f"{issue.id}.{s}") for s in issue.steps)
        else:
            keys.append((issue, issue.id))
    return tuple(_preference(draw, issue, key) for issue, key in subset(draw, keys, 0, 4))


def score(prefs: Sequence[PreferenceSpec], planted: Planted) -> tuple[Fraction, Fraction]:
    """(sum of weight * value, sum of weights): the utility is their ratio, 0 without terms."""
    total = sum((p.weight for p in prefs), Fraction(0))
    return sum((p.weight * p.value(planted) for p in prefs), Fraction(0)), total


def utility(prefs: Sequence[PreferenceSpec], planted: Planted) -> Fraction:
    achieved, total = score(prefs, planted)
    return achieved / total if total else Fraction(0)


# --- whole scenarios ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    """The caller's size limits, checked once."""

    max_issues: int
    max_actors: int
    max_red_lines: int
    max_rules: int
    kinds: tuple[IssueKind, ...]


def limits(
    max_issues: int, max_actors: int, max_red_lines: int, max_rules: int, kinds: Collection[str]
) -> Limits:
    """Checked limits. Raises Hypothesis's `InvalidArgument` (also a `TypeError`)."""
    for name, value, least in (
        ("max_issues", max_issues, 1),
        ("max_actors", max_actors, 1),
        ("max_red_lines", max_red_lines, 0),
        ("max_rules", max_rules, 0),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise InvalidArgument(f"{name}={value!r} must be an int >= {least}")
    if isinstance(kinds, str) or not kinds or not set(kinds) <= set(ISSUE_KINDS):
        raise InvalidArgument(
            f"kinds={kinds!r} must be a non-empty collection drawn from {list(ISSUE_KINDS)!r}"
        )
    chosen = tuple(k for k in ISSUE_KINDS if k in kinds)
    return Limits(max_issues, max_actors, max_red_lines, max_rules, chosen)


@dataclass(frozen=True, slots=True)
class ActorSpec:
    """An actor as drawn: red lines as plain data, preferences exact, reservation exact
    (None: the key is left out and the default 0 applies)."""

    id: str
    extras: Mapping[str, Any]
    red_lines: tuple[Mapping[str, Any], ...]
    preferences: tuple[PreferenceSpec, ...]
    reservation: Fraction | None

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.extras)
        if self.red_lines:
            out["red_lines"] = [dict(r) for r in self.red_lines]
        if self.preferences:
            out["preferences"] = {p.key: p.data() for p in self.preferences}
        if self.reservation is not None:
            out["reservation"] = yaml_number(self.reservation)
        return out


@dataclass(frozen=True, slots=True)
class Draft:
    """A scenario before it is written: its parts and the deal it was built around."""

    header: Mapping[str, Any]
    issues: tuple[IssueSpec, ...]
    rules: tuple[Mapping[str, Any], ...]
    actors: tuple[ActorSpec, ...]
    planted: Planted

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"zopa": 1, **self.header}
        out["issues"] = {i.id: i.data() for i in self.issues}
        if self.rules:
            out["rules"] = [dict(r) for r in self.rules]
        out["actors"] = {a.id: a.data() for a in self.actors}
        return out

    def deal(self) -> dict[str, Value]:
        return plain_deal(self.issues, self.planted)

    def utilities(self) -> dict[str, float]:
        return {a.id: float(utility(a.preferences, self.planted)) for a in self.actors}


_SHARES = (None, Fraction(0), Fraction(1, 4), Fraction(1, 2), Fraction(9, 10))


def _reservation_below(draw: st.DrawFn, planted_utility: Fraction) -> Fraction | None:
    """A reservation the planted deal meets by a tenth of its utility (None: left out)."""
    share = pick(draw, _SHARES)
    return None if share is None else floor_to(share * planted_utility, REAL_GRID)


def _actor(
    draw: st.DrawFn, ctx: Context, actor_id: str, limits: Limits, accept: Callable[[], bool]
) -> ActorSpec:
    red_lines = _constraints(draw, ctx, limits.max_red_lines, accept)
    for line in red_lines:
        if draw_int(draw, 0, 2) == 0:
            line["firmness"] = yaml_number(Fraction(draw_int(draw, 1, 50), 10))
    prefs = _preferences(draw, ctx.issues)
    if accept():
        reservation = _reservation_below(draw, utility(prefs, ctx.planted))
    else:
        reservation = _height(draw)
    extras = {"name": draw_text(draw)} if draw_bool(draw) else {}
    return ActorSpec(actor_id, extras, tuple(red_lines), prefs, reservation)


def draw_draft(draw: st.DrawFn, limits: Limits, *, feasible: bool) -> Draft:
    """A scenario around a planted deal. `feasible`: every group accepts the deal; else
    each red line and reservation accepts it with a probability drawn per scenario."""
    ids = draw_ids(draw, "ids", 1, limits.max_issues)
    issues = tuple(draw_issue(draw, i, pick(draw, limits.kinds)) for i in ids)
    planted = {i.id: draw_value(draw, i) for i in issues}
    ctx = context(issues, planted)
    tenths = 10 if feasible else pick(draw, (10, 8, 5))

    def accept() -> bool:
        return tenths == 10 or draw_int(draw, 0, 9) < tenths

    rules = _constraints(draw, ctx, limits.max_rules, lambda: True)
    actor_ids = draw_ids(draw, "ids", 1, limits.max_actors)
    actors = tuple(_actor(draw, ctx, a, limits, accept) for a in actor_ids)
    header = {"title": draw_text(draw)} if draw_bool(draw) else {}
    return Draft(header, issues, tuple(rules), actors, planted)


# --- planted conflicts ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Clash:
    """Two constraint bodies on the fresh issue that cannot both hold, and for each a value of
    the fresh issue that satisfies it (and so breaks the other)."""

    first: Mapping[str, Any]
    second: Mapping[str, Any]
    first_value: PlantedValue
    second_value: PlantedValue


def _clash(draw: st.DrawFn, issue: IssueSpec) -> Clash:
    if issue.kind in ("number", "integer"):
        return _number_clash(draw, issue)
    if issue.kind == "choice":
        return _choice_clash(draw, issue)
    if issue.kind == "boolean":
        return Clash({"require": issue.id}, {"require": f"not {issue.id}"}, True, False)
    order = permutation(draw, issue.steps)
    a, b, others = order[0], order[1], order[2:]
    before = f"{issue.id}.{a} < {issue.id}.{b}"
    after = pick(draw, (f"{issue.id}.{b} < {issue.id}.{a}", f"{issue.id}.{a} > {issue.id}.{b}"))
    return Clash({"require": before}, {"require": after}, (a, b, *others), (b, a, *others))


def _choice_clash(draw: st.DrawFn, issue: IssueSpec) -> Clash:
    chosen = subset(draw, issue.options, 1, len(issue.options) - 1)
    rest = [o for o in issue.options if o not in chosen]
    listed = ", ".join(quoted(o) for o in chosen)
    outside = pick(
        draw,
        (f"{issue.id} not in [{listed}]", f"{issue.id} in [{', '.join(quoted(o) for o in rest)}]"),
    )
    return Clash({"require": f"{issue.id} in [{listed}]"}, {"require": outside}, chosen[0], rest[0])


def _number_clash(draw: st.DrawFn, issue: IssueSpec) -> Clash:
    if issue.kind == "integer":
        grid = [Fraction(v) for v in range(int(issue.lo), int(issue.hi) + 1)]
    else:
        grid = [issue.lo + j * (issue.hi - issue.lo) / 20 for j in range(21)]
    low = draw_int(draw, 0, len(grid) - 2)
    high = draw_int(draw, low + 1, len(grid) - 1)
    below = f"{issue.id} <= {signed_text(grid[low])}"
    above = pick(
        draw, (f"{issue.id} >= {signed_text(grid[high])}", f"{issue.id} > {signed_text(grid[low])}")
    )
    return Clash({"require": below}, {"require": above}, grid[0], grid[-1])


@dataclass(frozen=True, slots=True)
class ConflictDraft:
    """A feasible draft plus a planted conflict: `refs` are the two groups, `witnesses[ref]`
    the deal that satisfies everything but `ref`, `firmness[ref]` the cost of dropping it."""

    draft: Draft
    refs: tuple[str, str]
    witnesses: Mapping[str, Mapping[str, Value]]
    firmness: Mapping[str, float]


def draw_conflict(draw: st.DrawFn, limits: Limits) -> ConflictDraft:
    draft = draw_draft(draw, limits, feasible=True)
    kind = pick(draw, limits.kinds)
    fresh = draw_issue(draw, fresh_id(draw, _IDENTIFIERS, {i.id for i in draft.issues}), kind, 2)
    at = draw_int(draw, 0, len(draft.issues))
    issues = (*draft.issues[:at], fresh, *draft.issues[at:])
    clash = _clash(draw, fresh)
    actors = list(draft.actors)
    a = draw_int(draw, 0, len(actors) - 1)
    b = draw_int(draw, 0, len(actors) - 1)
    if kind in ("choice", "boolean") and draw_bool(draw):
        actors[a], first, first_cost = _reservation_demand(draw, actors[a], fresh, clash, draft)
    else:
        actors[a], first, first_cost = _with_red_line(draw, actors[a], clash.first)
    actors[b], second, second_cost = _with_red_line(draw, actors[b], clash.second)
    planted = dict(draft.planted)
    conflicted = Draft(draft.header, issues, draft.rules, tuple(actors), planted)

    def witness(value: PlantedValue) -> dict[str, Value]:
        return plain_deal(issues, {**planted, fresh.id: value})

    return ConflictDraft(
        conflicted,
        (first, second),
        {first: witness(clash.second_value), second: witness(clash.first_value)},
        {first: first_cost, second: second_cost},
    )


def _with_red_line(
    draw: st.DrawFn, actor: ActorSpec, body: Mapping[str, Any]
) -> tuple[ActorSpec, str, float]:
    line_id = fresh_id(draw, CONSTRAINT_IDS, {str(r["id"]) for r in actor.red_lines})
    line: dict[str, Any] = {"id": line_id, **body}
    firmness = Fraction(1)
    if draw_bool(draw):
        firmness = Fraction(draw_int(draw, 1, 50), 10)
        line["firmness"] = yaml_number(firmness)
    at = draw_int(draw, 0, len(actor.red_lines))
    lines = (*actor.red_lines[:at], line, *actor.red_lines[at:])
    return replace(actor, red_lines=lines), group_text(actor.id, line_id), float(firmness)


def _reservation_demand(
    draw: st.DrawFn, actor: ActorSpec, fresh: IssueSpec, clash: Clash, draft: Draft
) -> tuple[ActorSpec, str, float]:
    """Make `actor`'s reservation demand that the fresh issue take `clash.first_value`.

    The fresh issue gets a preference worth 1 there and 0 elsewhere, weighted above the sum
    `rest` of the actor's other weights. Without that value the actor's utility is at most
    rest / total, below the reservation; with it, the planted deal reaches the reservation.
    """
    achieved, rest = score(actor.preferences, draft.planted)
    weight = rest + draw_int(draw, 1, 3)
    total = rest + weight
    low, high = rest / total, (achieved + weight) / total
    reservation = ceil_to(low + (high - low) / 2, RESERVATION_GRID)
    wanted = clash.first_value
    if not isinstance(wanted, (str, bool)):
        raise TypeError(f"a reservation demand needs a choice or boolean, not {wanted!r}")
    pref = PreferenceSpec(fresh.id, weight, values=((wanted, Fraction(1)),))
    new = replace(actor, preferences=(*actor.preferences, pref), reservation=reservation)
    return new, reservation_text(actor.id), 1.0


# --- writing YAML that a YAML 1.2 reader reads back as written ------------------------------------


def dump(data: Mapping[str, Any], *, flow: bool = False) -> str:
    """`data` as YAML text that zopa's YAML 1.2 reader reads back as `data`."""
    return yaml.dump(
        dict(data),
        Dumper=yaml12.Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=None if flow else False,
    )
