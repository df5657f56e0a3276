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

import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import yaml
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from zopa.format import yaml12
from zopa.format.refs import group_text, reservation_text
from zopa.format.values import Value
from zopa.testing._draw import (
    CONSTRAINT_IDS,
    IDENTIFIERS,
    ISSUE_KINDS,
    REAL_GRID,
    RESERVATION_GRID,
    UNIT_GRID,
    IssueKind,
    IssueSpec,
    Planted,
    PlantedValue,
    ceil_to,
    draw_bool,
    draw_ids,
    draw_int,
    draw_issue,
    draw_text,
    draw_value,
    floor_to,
    fresh_id,
    permutation,
    pick,
    plain_deal,
    quoted,
    signed_text,
    subset,
    yaml_number,
)
from zopa.testing._formulas import Context, constraints, context, ref_value

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
    red_lines = constraints(draw, ctx, limits.max_red_lines, accept)
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

    rules = constraints(draw, ctx, limits.max_rules, lambda: True)
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
    fresh = draw_issue(draw, fresh_id(draw, IDENTIFIERS, {i.id for i in draft.issues}), kind, 2)
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
