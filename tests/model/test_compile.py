"""One test per construct of the compiler: a tiny scenario, compiled, and specific deals
fixed into the model to see that exactly the right ones are feasible; plus the registries,
big-M sizes, origins and determinism of the IR."""

from __future__ import annotations

import itertools
import typing
from collections.abc import Callable
from typing import Any

import pytest

from zopa.expr.tree import Atom, BoolIs, Not
from zopa.format.schema import ISSUE_KINDS
from zopa.model.compile import CompiledModel, GroupKind
from zopa.model.constraints import ATOM_COMPILERS, nnf
from zopa.model.ir import OriginKind
from zopa.model.session import Session
from zopa.model.solver import SolveStatus
from zopa.model.utilities import PREFERENCE_COMPILERS, breakpoints, curve_value
from zopa.model.variables import ISSUE_COMPILERS

Feasible = Callable[..., bool]
SessionAt = Callable[[CompiledModel, dict[str, Any]], Session]
Compile = Callable[[str], CompiledModel]


def one_line(issues: str, require: str, when: str | None = None, extra: str = "") -> str:
    when_line = f"\n        when: '{when}'" if when else ""
    return f"""
zopa: 1
issues:
{issues}
actors:
  a:
    red_lines:
      - id: r
        require: '{require}'{when_line}
{extra}
"""


X = "  x: {type: number, min: 0, max: 10}"
N = "  n: {type: integer, min: 0, max: 5}"
C = "  c: {type: choice, options: [lo, mid, hi], ordered: true}"
B = "  b: {type: boolean}"
S = "  s: {type: sequence, steps: [p, q, r]}"


# --- registries -------------------------------------------------------------------------


def test_issue_registry_covers_every_issue_kind() -> None:
    assert set(ISSUE_COMPILERS) == set(ISSUE_KINDS)


def test_atom_registry_covers_every_atom_kind() -> None:
    assert set(ATOM_COMPILERS) == set(typing.get_args(Atom))


def test_preference_registry_covers_every_form_and_target() -> None:
    assert set(PREFERENCE_COMPILERS) == {
        ("curve", "number"),
        ("curve", "integer"),
        ("curve", "step"),
        ("values", "choice"),
        ("values", "boolean"),
    }


# --- atoms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("require", "ok", "bad"),
    [
        ("x <= 3", [0, 3], [3.01, 10]),
        ("x >= 3", [3, 10], [2.99, 0]),
        ("x == 3", [3], [2.99, 3.01]),
        ("x < 3", [3 - 2e-5, 0], [3, 3 - 1e-7, 3 - 5e-6]),
        ("x > 3", [3 + 2e-5], [3, 3 + 1e-7, 3 + 5e-6]),
        ("2 <= x <= 4", [2, 4], [1.99, 4.01]),
        ("x != 3", [2.99, 3.01], [3]),
    ],
)
def test_comparisons_on_reals(
    compile_text: Compile, feasible: Feasible, require: str, ok: list[float], bad: list[float]
) -> None:
    compiled = compile_text(one_line(X, require))
    for x in ok:
        assert feasible(compiled, {"x": x}), x
    for x in bad:
        assert not feasible(compiled, {"x": x}), x


@pytest.mark.parametrize(
    ("require", "allowed"),
    [
        ("n < 3", {0, 1, 2}),
        ("n > 3", {4, 5}),
        ("n != 2", {0, 1, 3, 4, 5}),
        ("2 * n - 3 >= 4", {4, 5}),
        ("n / 2 <= 1", {0, 1, 2}),
        ("0.5 * n < 1", {0, 1}),
    ],
)
def test_comparisons_on_integers(
    compile_text: Compile, feasible: Feasible, require: str, allowed: set[int]
) -> None:
    compiled = compile_text(one_line(N, require))
    assert {n for n in range(6) if feasible(compiled, {"n": n})} == allowed


@pytest.mark.parametrize(
    ("require", "allowed"),
    [
        ('c == "mid"', {"mid"}),
        ('c != "mid"', {"lo", "hi"}),
        ('c in ["lo", "hi"]', {"lo", "hi"}),
        ('c not in ["lo", "hi"]', {"mid"}),
        ('c >= "mid"', {"mid", "hi"}),
        ('c < "mid"', {"lo"}),
        ('not (c <= "lo")', {"mid", "hi"}),
    ],
)
def test_choice_conditions(
    compile_text: Compile, feasible: Feasible, require: str, allowed: set[str]
) -> None:
    compiled = compile_text(one_line(C, require))
    assert {o for o in ("lo", "mid", "hi") if feasible(compiled, {"c": o})} == allowed


@pytest.mark.parametrize(("require", "allowed"), [("b", {True}), ("not b", {False})])
def test_boolean_conditions(
    compile_text: Compile, feasible: Feasible, require: str, allowed: set[bool]
) -> None:
    compiled = compile_text(one_line(B, require))
    assert {v for v in (False, True) if feasible(compiled, {"b": v})} == allowed


def test_constant_false_red_line_makes_no_zopa_until_dropped(
    compile_text: Compile, feasible: Feasible
) -> None:
    compiled = compile_text(one_line(X, "1 > 2"))
    assert not feasible(compiled, {"x": 1})
    assert feasible(compiled, {"x": 1}, drop=("a/r",))


# --- logic ------------------------------------------------------------------------------


def test_or_and_not_compose(compile_text: Compile, feasible: Feasible) -> None:
    compiled = compile_text(one_line(f"{N}\n{B}", "(n <= 1 and b) or not (n <= 3 or not b)"))
    allowed = {
        (n, b) for n in range(6) for b in (False, True) if feasible(compiled, {"n": n, "b": b})
    }
    assert allowed == {(0, True), (1, True), (4, True), (5, True)}


def test_when_makes_a_red_line_conditional(compile_text: Compile, feasible: Feasible) -> None:
    compiled = compile_text(one_line(f"{X}\n{B}", "x >= 5", when="b"))
    assert feasible(compiled, {"x": 0, "b": False})
    assert not feasible(compiled, {"x": 4.9, "b": True})
    assert feasible(compiled, {"x": 5, "b": True})
    assert compiled.formula_of("a/r") == compiled.formula_of("a/r")  # stable
    formula = compiled.formula_of("a/r")
    assert formula.__class__.__name__ == "Or"


def test_nnf_pushes_negations_to_atoms(compile_text: Compile) -> None:
    compiled = compile_text(one_line(f"{C}\n{B}", 'not (c == "lo" or b)'))
    options = compiled.layout.options
    normal = nnf(compiled.formula_of("a/r"), options)
    assert repr(normal).count("Not(") == 0
    assert normal == nnf(Not(Not(compiled.formula_of("a/r"))), options)
    assert nnf(Not(BoolIs("b", True)), options) == BoolIs("b", False)


def test_rules_always_hold_and_are_not_groups(compile_text: Compile, feasible: Feasible) -> None:
    text = one_line(N, "n >= 1").replace(
        "actors:", "rules:\n  - id: cap\n    require: n <= 2\nactors:"
    )
    compiled = compile_text(text)
    assert {n for n in range(6) if feasible(compiled, {"n": n})} == {1, 2}
    assert [g.ref for g in compiled.groups] == ["a/r", "a/reservation"]
    assert {n for n in range(6) if feasible(compiled, {"n": n}, drop=("a/r",))} == {0, 1, 2}
    with pytest.raises(KeyError):
        compiled.session().enforce("rules/cap", False)


# --- sequences --------------------------------------------------------------------------


def test_sequence_admits_exactly_the_permutations(
    compile_text: Compile, feasible: Feasible
) -> None:
    compiled = compile_text(one_line(S, "s.p >= 1"))
    for positions in itertools.product(range(1, 4), repeat=3):
        deal: dict[str, Any] = {"s": dict(zip("pqr", positions, strict=True))}
        assert feasible(compiled, deal) == (sorted(positions) == [1, 2, 3]), positions


def test_sequence_conditions(compile_text: Compile, feasible: Feasible) -> None:
    compiled = compile_text(one_line(S, "s.q < s.p and s.r != 2"))
    allowed = {order for order in itertools.permutations("pqr") if feasible(compiled, {"s": order})}
    assert allowed == {("q", "p", "r"), ("r", "q", "p")}


def test_one_step_sequence_is_fixed(compile_text: Compile) -> None:
    compiled = compile_text(one_line("  s: {type: sequence, steps: [only]}", "s.only == 1"))
    col = compiled.issue_cols("s")[0]
    assert (compiled.ir.columns[col].lo, compiled.ir.columns[col].hi) == (1.0, 1.0)


# --- big-M ------------------------------------------------------------------------------


def test_big_m_is_the_tightest_the_bounds_allow(compile_text: Compile) -> None:
    compiled = compile_text(one_line(X, "x <= 3"))
    (group,) = [g for g in compiled.groups if g.ref == "a/r"]
    rows = [r for r in compiled.ir.rows if r.origin.ref == "a/r"]
    assert len(rows) == 1
    x = compiled.issue_cols("x")[0]
    assert dict(rows[0].coefs) == {x: 1.0, group.indicator: 7.0}
    assert rows[0].hi == 10.0


def test_a_red_line_that_always_holds_needs_no_row(compile_text: Compile) -> None:
    compiled = compile_text(one_line(X, "x <= 10"))
    assert [r for r in compiled.ir.rows if r.origin.ref == "a/r"] == []


# --- utilities --------------------------------------------------------------------------


CURVE = """
zopa: 1
issues:
  x: {type: number, min: 0, max: 10}
  k: {type: integer, min: 1, max: 4}
  s: {type: sequence, steps: [p, q, r]}
actors:
  a:
    preferences:
      x: {weight: 2, curve: [[2, 0.1], [4, 0.9], [6, 0.3], [8, 0.8]]}
  b:
    preferences:
      k: {weight: 1, curve: [[0, 1], [2, 0], [3, 1]]}
      s.q: {weight: 1, curve: [[1, 0], [2, 1], [3, 0]]}
  c: {}
"""


@pytest.mark.parametrize("x", [0, 1, 2, 3, 4, 4.5, 6, 7, 8, 9.5, 10])
def test_non_concave_curve_is_exact_everywhere(compile_text: Compile, x: float) -> None:
    compiled = compile_text(CURVE)
    session = compiled.session()
    col = compiled.issue_cols("x")[0]
    session.set_bounds(col, x, x)
    want = curve_value([(2, 0.1), (4, 0.9), (6, 0.3), (8, 0.8)], x)
    for maximize in (False, True):
        session.set_objective({compiled.utility_col["a"]: 1.0}, maximize=maximize)
        outcome = session.solve()
        assert outcome.status is SolveStatus.OPTIMAL
        assert outcome.objective == pytest.approx(want, abs=1e-9)


def test_curves_on_integers_and_steps(compile_text: Compile) -> None:
    compiled = compile_text(CURVE)
    session = compiled.session()
    k_col = compiled.issue_cols("k")[0]
    q_col = compiled.issue_cols("s")[1]
    for k in range(1, 5):
        for q in range(1, 4):
            session.set_bounds(k_col, k, k)
            session.set_bounds(q_col, q, q)
            session.set_objective({compiled.utility_col["b"]: 1.0}, maximize=False)
            outcome = session.solve()
            want = (curve_value([(0, 1), (2, 0), (3, 1)], k) + [0, 1, 0][q - 1]) / 2
            assert outcome.objective == pytest.approx(want, abs=1e-9), (k, q)


def test_actor_without_preferences_has_utility_zero(compile_text: Compile) -> None:
    compiled = compile_text(CURVE)
    column = compiled.ir.columns[compiled.utility_col["c"]]
    assert (column.lo, column.hi) == (0.0, 0.0)


def test_breakpoints_clamp_to_bounds_and_merge_collinear_points() -> None:
    points = [(0.0, 0.0), (1.0, 0.5), (2.0, 1.0), (3.0, 1.0)]
    assert breakpoints(points, -1.0, 5.0) == ((-1.0, 0.0), (0.0, 0.0), (2.0, 1.0), (5.0, 1.0))
    assert breakpoints(points, 0.5, 1.5) == ((0.5, 0.25), (1.5, 0.75))
    assert breakpoints(points, 4.0, 4.0) == ((4.0, 1.0),)


VALUES = """
zopa: 1
issues:
  c: {type: choice, options: [x, y, z]}
  b: {type: boolean}
actors:
  a:
    preferences:
      c: {weight: 3, values: {x: 0.2, z: 1}}
      b: {weight: 1, values: {true: 0.4, false: 1}}
"""


def test_choice_and_boolean_values(compile_text: Compile, session_at: SessionAt) -> None:
    compiled = compile_text(VALUES)
    for option, v_c in (("x", 0.2), ("y", 0.0), ("z", 1.0)):
        for flag, v_b in ((False, 1.0), (True, 0.4)):
            session = session_at(compiled, {"c": option, "b": flag})
            session.set_objective({compiled.utility_col["a"]: 1.0}, maximize=True)
            outcome = session.solve()
            assert outcome.objective == pytest.approx((3 * v_c + v_b) / 4, abs=1e-12)


# --- IR ---------------------------------------------------------------------------------


def test_every_row_and_column_says_where_it_comes_from(compile_text: Compile) -> None:
    compiled = compile_text(one_line(f"{N}\n{C}\n{S}", 'n < 2 or c == "hi"', when="s.p == 1"))
    kinds = {c.origin.kind for c in compiled.ir.columns} | {r.origin.kind for r in compiled.ir.rows}
    assert {
        OriginKind.ISSUE,
        OriginKind.CHOICE,
        OriginKind.STEP,
        OriginKind.ORDER,
        OriginKind.RED_LINE,
        OriginKind.INDICATOR,
        OriginKind.RESERVATION,
        OriginKind.UTILITY,
    } <= kinds
    red = [r for r in compiled.ir.rows if r.origin.kind is OriginKind.RED_LINE]
    assert red and all(r.origin.actor == "a" for r in red)
    assert all(r.origin.path == "actors.a.red_lines.0" for r in red)
    group = compiled.group("a/r")
    assert (group.kind, group.actor, group.firmness) == (GroupKind.RED_LINE, "a", 1.0)


def test_compiling_twice_gives_the_same_ir(compile_text: Compile) -> None:
    text = one_line(f"{X}\n{C}\n{S}", 'x < 2 or c == "hi" or s.q != 2', when="s.p == 1")
    assert compile_text(text).ir == compile_text(text).ir


def test_decode_rounds_integers_and_clamps_numbers(compile_text: Compile) -> None:
    compiled = compile_text(
        "zopa: 1\nissues:\n" + "\n".join([X, N, C, B, S]) + "\nactors: {a: {}}\n"
    )
    values = [0.0] * compiled.ir.num_columns
    values[compiled.issue_cols("x")[0]] = 10.0000001
    values[compiled.issue_cols("n")[0]] = 2.9999999
    values[compiled.issue_cols("c")[2]] = 0.9999999
    values[compiled.issue_cols("b")[0]] = 0.0000001
    for col, position in zip(compiled.issue_cols("s"), (3.0, 1.0000001, 1.9999999), strict=True):
        values[col] = position
    deal = compiled.decode(values)
    assert deal == {"x": 10.0, "n": 3, "c": "hi", "b": False, "s": ("q", "r", "p")}
    assert isinstance(deal["n"], int)


def test_tiny_coefficients_are_scaled_up_not_dropped(
    compile_text: Compile, feasible: Feasible
) -> None:
    """1e-10 is below HiGHS's smallest matrix value (1e-9): unscaled, the row would read
    `0 <= 0.05` and allow any price."""
    issue = "  price: {type: number, min: 0, max: 1000000000}"
    compiled = compile_text(one_line(issue, "price / 10000000000 <= 0.05"))
    assert feasible(compiled, {"price": 5e8})
    assert not feasible(compiled, {"price": 5.1e8})
    rows = [r for r in compiled.ir.rows if r.origin.ref == "a/r"]
    assert max(abs(c) for r in rows for _, c in r.coefs) >= 1.0
