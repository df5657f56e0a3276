"""Expressions with a known truth value at the planted deal, for `zopa.testing._generate`: an
atom is chosen with the truth value wanted there (real thresholds at least `REAL_GRID` from
the planted value, integral ones whole), then combined with not/and/or, so whether a rendered
expression holds at the planted deal is known by construction, never by evaluation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from zopa.testing._draw import (
    REAL_GRID,
    IssueSpec,
    Planted,
    ceil_to,
    decimal_text,
    draw_bool,
    draw_ids,
    draw_int,
    floor_to,
    pick,
    quoted,
    signed_text,
    subset,
)

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


def constraints(
    draw: st.DrawFn, ctx: Context, most: int, accept: Callable[[], bool]
) -> list[dict[str, Any]]:
    ids = draw_ids(draw, "constraints", 0, most)
    return [{"id": cid, **constraint_body(draw, ctx, accept())} for cid in ids]
