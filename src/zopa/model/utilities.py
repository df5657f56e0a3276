"""Preferences to utility columns: `u_a = sum_k (w_k / W) · v_k`, modelled EXACTLY as an
equality, because utilities are both maximised and minimised (zone ranges, bargaining) and
bounded below (reservations).

- values of a choice or boolean: `v` is linear in the one-hot / binary columns;
- a curve over a number, an integer or a step's position: piecewise linear, flat beyond its
  ends. It is first restricted to the issue's bounds (breakpoints added at the bounds,
  collinear breakpoints merged); a curve that is then a single segment is linear in the
  column. Otherwise the incremental ("delta") formulation with fill fractions: `t_j in
  [0, 1]`, `x = X_0 + sum L_j t_j`, `v = V_0 + sum (V_j - V_{j-1}) t_j`, and binaries `w_j`
  with `t_j >= w_j >= t_{j+1}` so segments fill in order. It is exact for
  any curve (concave or not, in any objective direction) and its LP relaxation is the
  convex hull of the curve's graph (locally ideal), which keeps branching small.

A conditional term (`actors.A.terms`) is an indicator binary equal to its condition
(`compile_term`), weighted like a preference.

One function per preference kind, found through `PREFERENCE_COMPILERS`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence

from zopa.expr.tree import Not
from zopa.format.schema import Actor, Preference
from zopa.model.constraints import Context, compile_formula
from zopa.model.ir import Origin, OriginKind
from zopa.model.variables import Layout, Sink
from zopa.scenario.scenario import CheckedTerm

INF = math.inf
LinearValue = tuple[dict[int, float], float]
"""({column: coef}, constant): a linear expression over columns."""

PreferenceCompiler = Callable[[str, str, Preference, Layout, Sink], LinearValue]


def curve_value(points: Sequence[tuple[float, float]], x: float) -> float:
    """The curve at `x`: linear between points, flat beyond the ends."""
    if x <= points[0][0]:
        return float(points[0][1])
    for (x0, v0), (x1, v1) in itertools.pairwise(points):
        if x <= x1:
            return float(v0 + (v1 - v0) * (x - x0) / (x1 - x0))
    return float(points[-1][1])


def breakpoints(
    points: Sequence[tuple[float, float]], lo: float, hi: float
) -> tuple[tuple[float, float], ...]:
    """The curve over [lo, hi] as its own breakpoints: the bounds plus the curve's interior
    points, with points where the slope does not change removed."""
    xs = [lo, *(float(x) for x, _ in points if lo < x < hi)]
    if hi > lo:
        xs.append(hi)
    pts = [(x, curve_value(points, x)) for x in xs]
    kept = [pts[0]]
    for i in range(1, len(pts) - 1):
        (x0, v0), (x1, v1), (x2, v2) = kept[-1], pts[i], pts[i + 1]
        left, right = (v1 - v0) / (x1 - x0), (v2 - v1) / (x2 - x1)
        if abs(left - right) > 1e-12 * max(1.0, abs(left), abs(right)):
            kept.append(pts[i])
    if len(pts) > 1:
        kept.append(pts[-1])
    return tuple(kept)


SLOPE_RANGE = (1e-6, 1e6)
"""A single-segment curve whose slope lies in this range is written directly as
`v = V_0 + slope·(x - X_0)`; outside it (an issue measured in billions, say) the slope would
be a coefficient HiGHS may treat as zero (its `small_matrix_value` is 1e-9), so the curve
goes through a fill fraction in [0, 1] like the multi-segment case."""


def _curve_term(
    actor: str, key: str, pref: Preference, col: int, layout: Layout, sink: Sink
) -> LinearValue:
    if pref.curve is None:
        raise ValueError(f"actors.{actor}.preferences.{key}: a curve is needed here")
    lo, hi = sink.column_bounds(col)
    pts = breakpoints([(float(x), float(v)) for x, v in pref.curve], lo, hi)
    if len(pts) == 1:
        return {}, pts[0][1]
    if len(pts) == 2:
        (x0, v0), (x1, v1) = pts
        slope = (v1 - v0) / (x1 - x0)
        if slope == 0:
            return {}, v0
        if SLOPE_RANGE[0] <= abs(slope) <= SLOPE_RANGE[1]:
            return {col: slope}, v0 - slope * x0
    return _segment_fills(actor, key, col, pts, sink)


def _segment_fills(
    actor: str, key: str, col: int, pts: tuple[tuple[float, float], ...], sink: Sink
) -> LinearValue:
    """The incremental formulation with fill fractions `t_j in [0, 1]` of each segment:
    `x = X_0 + sum L_j t_j`, `v = V_0 + sum (V_j - V_{j-1}) t_j`, and binaries `w_j` with
    `t_j >= w_j >= t_{j+1}` so segments fill in order. Coefficients are segment lengths and
    value steps, never slopes, so nothing tiny reaches the solver."""
    origin = Origin(OriginKind.CURVE, f"{actor}/{key}", actor, f"actors.{actor}.preferences.{key}")
    segments = list(itertools.pairwise(pts))
    fills = [
        sink.add_column(0.0, 1.0, integer=False, name=f"{actor}:{key}:t{j}", origin=origin)
        for j in range(len(segments))
    ]
    for j in range(len(fills) - 1):
        w = sink.add_column(0.0, 1.0, integer=True, name=f"{actor}:{key}:w{j}", origin=origin)
        sink.add_row({fills[j]: 1.0, w: -1.0}, 0.0, INF, name="", origin=origin)
        sink.add_row({fills[j + 1]: 1.0, w: -1.0}, -INF, 0.0, name="", origin=origin)
    link = {col: 1.0}
    coefs: dict[int, float] = {}
    for t, ((x0, v0), (x1, v1)) in zip(fills, segments, strict=True):
        link[t] = -(x1 - x0)
        if v1 != v0:
            coefs[t] = v1 - v0
    sink.add_row(link, pts[0][0], pts[0][0], name=f"{actor}:{key}:x", origin=origin)
    return coefs, pts[0][1]


def curve_on_issue(
    actor: str, key: str, pref: Preference, layout: Layout, sink: Sink
) -> LinearValue:
    """A curve over a number or integer issue."""
    return _curve_term(actor, key, pref, layout.issues[key].cols[0], layout, sink)


def curve_on_step(
    actor: str, key: str, pref: Preference, layout: Layout, sink: Sink
) -> LinearValue:
    """A curve over a step's position (`moves.us_outreach`)."""
    issue, step = key.split(".", 1)
    vars_ = layout.issues[issue]
    return _curve_term(actor, key, pref, vars_.cols[vars_.labels.index(step)], layout, sink)


def values_on_choice(
    actor: str, key: str, pref: Preference, layout: Layout, sink: Sink
) -> LinearValue:
    """`sum_o value[o] · y[o]`; options not listed count 0."""
    if pref.values is None:
        raise ValueError(f"actors.{actor}.preferences.{key}: values are needed here")
    vars_ = layout.issues[key]
    coefs: dict[int, float] = {}
    for col, option in zip(vars_.cols, vars_.labels, strict=True):
        value = float(pref.values.get(option, 0.0))
        if value != 0:
            coefs[col] = value
    return coefs, 0.0


def boolean_value(values: Mapping[str | bool, float], flag: bool) -> float:
    """The value listed for `flag`, under a YAML boolean key or its name; 0 if absent."""
    if flag in values:
        return float(values[flag])
    return float(values.get("true" if flag else "false", 0.0))


def values_on_boolean(
    actor: str, key: str, pref: Preference, layout: Layout, sink: Sink
) -> LinearValue:
    """`value[false] + (value[true] - value[false]) · b`."""
    if pref.values is None:
        raise ValueError(f"actors.{actor}.preferences.{key}: values are needed here")
    v_true = boolean_value(pref.values, True)
    v_false = boolean_value(pref.values, False)
    col = layout.bool_col(key)
    return ({col: v_true - v_false} if v_true != v_false else {}), v_false


PREFERENCE_COMPILERS: Mapping[tuple[str, str], PreferenceCompiler] = {
    ("curve", "number"): curve_on_issue,
    ("curve", "integer"): curve_on_issue,
    ("curve", "step"): curve_on_step,
    ("values", "choice"): values_on_choice,
    ("values", "boolean"): values_on_boolean,
}
"""(preference form, kind of what it is on) to its compiler; a test keeps it whole."""


def preference_kind(key: str, pref: Preference, layout: Layout) -> tuple[str, str]:
    """(`curve` | `values`, `number` | `integer` | `step` | `choice` | `boolean`)."""
    form = "curve" if pref.curve is not None else "values"
    kind = "step" if "." in key else layout.issues[key].kind
    return form, kind


def compile_term(actor: str, term: CheckedTerm, index: int, layout: Layout, sink: Sink) -> int:
    """An indicator binary `z` with `z = 1` exactly when the term's `when` holds: both
    directions are compiled (`z = 1` forces `when`, `z = 0` forces `not when`), because an
    actor's utility is maximised by some questions and minimised by others, and other actors
    may prefer the term off."""
    origin = Origin(OriginKind.INDICATOR, f"{actor}/terms/{index}", actor, term.path)
    ctx = Context(sink, layout, origin)
    on = sink.add_column(0.0, 1.0, integer=True, name=f"{actor}:term{index}", origin=origin)
    off = sink.add_column(0.0, 1.0, integer=True, name=f"{actor}:term{index}:off", origin=origin)
    sink.add_row({on: 1.0, off: 1.0}, 1.0, 1.0, name="", origin=origin)
    compile_formula(term.when, on, hard=False, ctx=ctx)
    compile_formula(Not(term.when), off, hard=False, ctx=ctx)
    return on


def compile_utility(
    actor: str,
    spec: Actor,
    layout: Layout,
    sink: Sink,
    *,
    terms: Sequence[CheckedTerm] = (),
) -> int:
    """The utility column of `actor`, in [0, 1], tied to its preferences and conditional
    `terms` by an equality row (fixed at 0 for an actor with neither)."""
    origin = Origin(OriginKind.UTILITY, actor, actor, f"actors.{actor}.preferences")
    if not spec.preferences and not terms:
        return sink.add_column(0.0, 0.0, integer=False, name=f"u[{actor}]", origin=origin)
    total_weight = float(sum(p.weight for p in spec.preferences.values()))
    total_weight += sum(term.weight for term in terms)
    parts: list[tuple[float, LinearValue]] = []
    for key, pref in spec.preferences.items():
        form_kind = preference_kind(key, pref, layout)
        compiler = PREFERENCE_COMPILERS.get(form_kind)
        if compiler is None:
            raise ValueError(
                f"actors.{actor}.preferences.{key}: a {form_kind[0]} on a {form_kind[1]} "
                "cannot be compiled"
            )
        parts.append((float(pref.weight) / total_weight, compiler(actor, key, pref, layout, sink)))
    for index, term in enumerate(terms):
        z = compile_term(actor, term, index, layout, sink)
        parts.append((term.weight / total_weight, ({z: 1.0}, 0.0)))
    u = sink.add_column(0.0, 1.0, integer=False, name=f"u[{actor}]", origin=origin)
    row: dict[int, float] = {u: 1.0}
    constant = 0.0
    for share, (coefs, const) in parts:
        constant += share * const
        for col, coef in coefs.items():
            row[col] = row.get(col, 0.0) - share * coef
    sink.add_row(row, constant, constant, name=f"utility of {actor}", origin=origin)
    return u
