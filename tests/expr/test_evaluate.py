"""Plain evaluation of checked formulas: tolerance edges of every comparison, strict
comparisons on reals and integers, choices, booleans, step positions, scopes and bad deals."""

from __future__ import annotations

import pytest

from zopa.expr.evaluate import compare_holds, evaluate, linear_value, ref_value
from zopa.expr.tree import (
    And,
    BoolIs,
    ChoiceIn,
    Compare,
    Const,
    IssueRef,
    Linear,
    Not,
    Op,
    Or,
    StepRef,
)
from zopa.format.tolerances import STRICT_GAP

X = IssueRef("x")
TOL = 1e-6


def at(op: Op, value: float, *, integral: bool = False, tol: float = TOL) -> bool:
    """Whether `x OP 0` holds for x = value."""
    return evaluate(Compare(Linear(((X, 1.0),), 0.0), op, integral), {"x": value}, tol=tol)


@pytest.mark.parametrize(
    ("op", "value", "holds"),
    [
        (Op.LE, 0.0, True),
        (Op.LE, TOL, True),
        (Op.LE, 2 * TOL, False),
        (Op.LE, -5.0, True),
        (Op.GE, 0.0, True),
        (Op.GE, -TOL, True),
        (Op.GE, -2 * TOL, False),
        (Op.GE, 5.0, True),
        (Op.EQ, 0.0, True),
        (Op.EQ, TOL, True),
        (Op.EQ, -TOL, True),
        (Op.EQ, 2 * TOL, False),
        (Op.EQ, -2 * TOL, False),
        # != is `<` or `>` as the model has it: STRICT_GAP apart, less the tolerance
        (Op.NE, 0.0, False),
        (Op.NE, TOL, False),
        (Op.NE, STRICT_GAP - 2 * TOL, False),
        (Op.NE, STRICT_GAP - TOL, True),
        (Op.NE, -(STRICT_GAP - TOL), True),
    ],
)
def test_tolerance_edges(op: Op, value: float, holds: bool) -> None:
    assert at(op, value) is holds


@pytest.mark.parametrize(
    ("op", "value", "holds"),
    [
        # strict on reals: at least STRICT_GAP apart, less the tolerance
        (Op.LT, -STRICT_GAP, True),
        (Op.LT, -STRICT_GAP + 2e-9, False),
        (Op.LT, 0.0, False),
        (Op.LT, -STRICT_GAP / 2, False),
        (Op.LT, -1.0, True),
        (Op.GT, STRICT_GAP, True),
        (Op.GT, STRICT_GAP - 2e-9, False),
        (Op.GT, 0.0, False),
        (Op.GT, STRICT_GAP / 2, False),
    ],
)
def test_strict_on_reals_needs_the_gap_tol_1e_9(op: Op, value: float, holds: bool) -> None:
    assert at(op, value, tol=1e-9) is holds


def test_strict_on_reals_with_the_default_tolerance() -> None:
    # the default tolerance (1e-6) is a tenth of STRICT_GAP: `<` stays strict
    assert at(Op.LT, -STRICT_GAP + TOL) is True
    assert at(Op.LT, -STRICT_GAP + 2 * TOL) is False
    assert at(Op.LT, 0.0) is False
    assert at(Op.LT, -2e-5) is True


@pytest.mark.parametrize(
    ("op", "value", "holds"),
    [
        (Op.LT, -1.0, True),
        (Op.LT, -1.0 + TOL, True),
        (Op.LT, -0.5, False),
        (Op.LT, 0.0, False),
        (Op.GT, 1.0, True),
        (Op.GT, 1.0 - TOL, True),
        (Op.GT, 0.5, False),
        (Op.GT, 0.0, False),
    ],
)
def test_strict_on_integral_comparisons_steps_by_one(op: Op, value: float, holds: bool) -> None:
    assert at(op, value, integral=True) is holds


def test_compare_holds_reads_only_the_value() -> None:
    compare = Compare(Linear((), 0.0), Op.LE, False)
    assert compare_holds(compare, 1e-7, tol=1e-6)
    assert not compare_holds(compare, 1e-7, tol=1e-9)


def test_linear_value_and_step_positions() -> None:
    deal = {"t": 0.25, "n": 3, "moves": ("b", "c", "a")}
    linear = Linear(
        ((IssueRef("t"), 4.0), (IssueRef("n"), -1.0), (StepRef("moves", "a"), 2.0)), 0.5
    )
    assert linear_value(linear, deal) == pytest.approx(4 * 0.25 - 3 + 2 * 3 + 0.5)
    assert ref_value(StepRef("moves", "b"), deal) == 1.0
    assert ref_value(StepRef("moves", "c"), deal) == 2.0


def test_choices_booleans_and_logic() -> None:
    deal = {"nato": "neutral", "d": True, "e": False}
    assert evaluate(ChoiceIn("nato", ("deferred", "neutral")), deal)
    assert not evaluate(ChoiceIn("nato", ("member",)), deal)
    assert not evaluate(ChoiceIn("nato", ()), deal)
    assert evaluate(BoolIs("d", True), deal)
    assert evaluate(BoolIs("e", False), deal)
    assert not evaluate(BoolIs("e", True), deal)
    assert evaluate(Not(BoolIs("e", True)), deal)
    assert evaluate(And((BoolIs("d", True), BoolIs("e", False))), deal)
    assert not evaluate(And((BoolIs("d", True), BoolIs("e", True))), deal)
    assert evaluate(Or((BoolIs("e", True), BoolIs("d", True))), deal)
    assert not evaluate(Or(()), deal)
    assert evaluate(And(()), deal)
    assert evaluate(Const(True), {}) and not evaluate(Const(False), {})


def test_scoped_refs_read_their_solution_deal() -> None:
    scope_deals = {"nash": {"x": 0.1, "nato": "member", "d": True}, "utilitarian": {"x": 0.3}}
    formula = And(
        (
            Compare(
                Linear(((IssueRef("x", "nash"), 1.0), (IssueRef("x", "utilitarian"), -1.0)), 0.0),
                Op.LT,
                False,
            ),
            ChoiceIn("nato", ("member",), "nash"),
            BoolIs("d", True, "nash"),
        )
    )
    assert evaluate(formula, {}, scope_deals=scope_deals)
    with pytest.raises(KeyError, match="no deal given for solution 'egalitarian'"):
        evaluate(BoolIs("d", True, "egalitarian"), {}, scope_deals=scope_deals)
    with pytest.raises(KeyError, match="no deal given"):
        evaluate(BoolIs("d", True, "nash"), {"d": True})


def test_bad_deals_raise() -> None:
    with pytest.raises(KeyError, match="issue 'x' has no value in the deal"):
        evaluate(Compare(Linear(((X, 1.0),), 0.0), Op.LE, False), {})
    with pytest.raises(ValueError, match="not a number"):
        evaluate(Compare(Linear(((X, 1.0),), 0.0), Op.LE, False), {"x": "a"})
    with pytest.raises(ValueError, match="not a number"):
        evaluate(Compare(Linear(((X, 1.0),), 0.0), Op.LE, False), {"x": True})
    with pytest.raises(ValueError, match="not a boolean"):
        evaluate(BoolIs("x", True), {"x": 1})
    with pytest.raises(ValueError, match="has no step 'z'"):
        ref_value(StepRef("m", "z"), {"m": ("a", "b")})
    with pytest.raises(TypeError, match="not a formula"):
        evaluate("x <= 1", {})  # type: ignore[arg-type]
