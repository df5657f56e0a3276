"""The checker: each construct becomes the expected typed tree, and each kind of mistake is an
`ExprError` at the offending token with a message that says what would be valid."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from zopa.expr.check import check_expression
from zopa.expr.errors import ExprError
from zopa.expr.tree import (
    And,
    BoolIs,
    ChoiceIn,
    Compare,
    Const,
    Formula,
    IssueRef,
    Linear,
    Not,
    Op,
    Or,
    StepRef,
)
from zopa.format.schema import Issue

Check = Callable[..., Formula]
Error = Callable[..., ExprError]

SCOPES = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")

T = IssueRef("territory")
N = IssueRef("troops")
US = StepRef("moves", "us_outreach")
CF = StepRef("moves", "ceasefire")


def cmp(
    terms: tuple[tuple[IssueRef | StepRef, float], ...], const: float, op: Op, integral: bool
) -> Compare:
    return Compare(Linear(terms, const), op, integral)


@pytest.fixture
def check(issues: Mapping[str, Issue]) -> Check:
    def run(text: str, scopes: tuple[str, ...] = ()) -> Formula:
        return check_expression(text, issues, scopes=scopes)

    return run


@pytest.fixture
def error(issues: Mapping[str, Issue]) -> Error:
    def run(text: str, scopes: tuple[str, ...] = ()) -> ExprError:
        with pytest.raises(ExprError) as info:
            check_expression(text, issues, scopes=scopes)
        return info.value

    return run


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("territory <= 0.2", cmp(((T, 1.0),), -0.2, Op.LE, False)),
        ("territory >= 0.2", cmp(((T, 1.0),), -0.2, Op.GE, False)),
        ("territory < 0.2", cmp(((T, 1.0),), -0.2, Op.LT, False)),
        ("territory > 0.2", cmp(((T, 1.0),), -0.2, Op.GT, False)),
        ("territory == 0.2", cmp(((T, 1.0),), -0.2, Op.EQ, False)),
        ("territory != 0.2", cmp(((T, 1.0),), -0.2, Op.NE, False)),
        ("0.2 >= territory", cmp(((T, -1.0),), 0.2, Op.GE, False)),
        ("troops < 3", cmp(((N, 1.0),), -3.0, Op.LT, True)),
        ("troops < 2.5", cmp(((N, 1.0),), -2.5, Op.LT, False)),
        ("troops / 2 < 1", cmp(((N, 0.5),), -1.0, Op.LT, False)),
        ("moves.us_outreach == 1", cmp(((US, 1.0),), -1.0, Op.EQ, True)),
        ("moves.us_outreach < moves.ceasefire", cmp(((US, 1.0), (CF, -1.0)), 0.0, Op.LT, True)),
        ("troops + territory > 1", cmp(((N, 1.0), (T, 1.0)), -1.0, Op.GT, False)),
    ],
)
def test_numeric_comparisons_normalise_to_left_minus_right(
    check: Check, text: str, expected: Compare
) -> None:
    assert check(text) == expected


def test_linear_arithmetic_collects_terms_in_first_use_order(check: Check) -> None:
    formula = check("2*territory + troops/2 - 1 >= territory - (3 - troops) * 2")
    # left - right = 2t + n/2 - 1 - t + 6 - 2n = t - 1.5 n + 5
    assert formula == cmp(((T, 1.0), (N, -1.5)), 5.0, Op.GE, False)


def test_unary_minus_and_division_by_a_constant_expression(check: Check) -> None:
    assert check("-territory <= -(0.1)") == cmp(((T, -1.0),), 0.1, Op.LE, False)
    assert check("territory / (1 + 1) <= 0.1") == cmp(((T, 0.5),), -0.1, Op.LE, False)
    assert check("(2 * 3) * troops == 12") == cmp(((N, 6.0),), -12.0, Op.EQ, True)


def test_cancelled_terms_disappear_and_constants_fold(check: Check) -> None:
    assert check("territory - territory <= 1") == Const(True)
    assert check("0.1*troops + 0.2*troops - 0.3*troops >= 1") == Const(False)
    assert check("troops + territory - troops <= 0.2") == cmp(((T, 1.0),), -0.2, Op.LE, False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 < 2", True),
        ("2 < 2", False),
        ("1 <= 1", True),
        ("0.1 + 0.2 == 0.3", True),
        ("1 != 1", False),
        ("0.5 < 0.5000000001", False),
        ("0.5 < 0.51", True),
        ("3 > 2 > 1", True),
    ],
)
def test_constant_comparisons_fold(check: Check, text: str, value: bool) -> None:
    assert check(text) == Const(value)


def test_chained_comparison_means_and(check: Check) -> None:
    assert check("0.1 <= territory <= 0.2") == And(
        (cmp(((T, -1.0),), 0.1, Op.LE, False), cmp(((T, 1.0),), -0.2, Op.LE, False))
    )


def test_number_in_list_is_an_or_of_equalities(check: Check) -> None:
    assert check("troops in [1, 2]") == Or(
        (cmp(((N, 1.0),), -1.0, Op.EQ, True), cmp(((N, 1.0),), -2.0, Op.EQ, True))
    )
    assert check("troops not in [1]") == Not(cmp(((N, 1.0),), -1.0, Op.EQ, True))
    assert check("troops in []") == Const(False)


# --- choices --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ('nato == "neutral"', ("neutral",)),
        ('nato != "member"', ("deferred", "neutral")),
        ("nato == 'member'", ("member",)),
        ('"neutral" == nato', ("neutral",)),
        ('nato in ["neutral", "deferred"]', ("deferred", "neutral")),
        ('nato in ["neutral", "neutral"]', ("neutral",)),
        ('nato not in ["member"]', ("deferred", "neutral")),
        ("nato in []", ()),
        ("nato not in []", ("member", "deferred", "neutral")),
        ('form >= "armistice"', ("armistice", "treaty")),
        ('form > "armistice"', ("treaty",)),
        ('form <= "armistice"', ("truce", "armistice")),
        ('form < "armistice"', ("truce",)),
        ('form < "truce"', ()),
        ('"armistice" <= form', ("armistice", "treaty")),
        ('"armistice" > form', ("truce",)),
    ],
)
def test_choice_conditions_become_option_subsets_in_declared_order(
    check: Check, text: str, options: tuple[str, ...]
) -> None:
    issue = "form" if "form" in text else "nato"
    assert check(text) == ChoiceIn(issue, options)


def test_chained_choice_comparison(check: Check) -> None:
    assert check('"truce" < form <= "treaty"') == And(
        (
            ChoiceIn("form", ("armistice", "treaty")),
            ChoiceIn("form", ("truce", "armistice", "treaty")),
        )
    )


# --- booleans and logic -------------------------------------------------------------------------


def test_booleans_are_conditions(check: Check) -> None:
    assert check("dialogue_restored") == BoolIs("dialogue_restored", True)
    assert check("not dialogue_restored") == BoolIs("dialogue_restored", False)
    assert check("dialogue_restored == true") == BoolIs("dialogue_restored", True)
    assert check("dialogue_restored == false") == BoolIs("dialogue_restored", False)
    assert check("dialogue_restored != true") == BoolIs("dialogue_restored", False)
    assert check("false != dialogue_restored") == BoolIs("dialogue_restored", True)


def test_two_booleans_compare_as_equivalence(check: Check) -> None:
    d, a = BoolIs("dialogue_restored", True), BoolIs("amnesty", True)
    nd, na = BoolIs("dialogue_restored", False), BoolIs("amnesty", False)
    assert check("dialogue_restored == amnesty") == Or((And((d, a)), And((nd, na))))
    assert check("dialogue_restored != amnesty") == Not(Or((And((d, a)), And((nd, na)))))


def test_logic_flattens_and_folds_constants(check: Check) -> None:
    d, a = BoolIs("dialogue_restored", True), BoolIs("amnesty", True)
    assert check("dialogue_restored and amnesty and troops < 3") == And(
        (d, a, cmp(((N, 1.0),), -3.0, Op.LT, True))
    )
    assert check("dialogue_restored or (amnesty or true)") == Const(True)
    assert check("dialogue_restored and true") == d
    assert check("dialogue_restored and false") == Const(False)
    assert check("not (1 < 2)") == Const(False)
    assert check("true") == Const(True)
    assert check("not false") == Const(True)
    assert check('not (nato == "member" and form == "truce")') == Not(
        And((ChoiceIn("nato", ("member",)), ChoiceIn("form", ("truce",))))
    )


def test_a_condition_compared_with_true(check: Check) -> None:
    assert check("(troops < 3) == true") == cmp(((N, 1.0),), -3.0, Op.LT, True)
    assert check("(troops < 3) == false") == Not(cmp(((N, 1.0),), -3.0, Op.LT, True))


# --- scopes (expect: blocks) ----------------------------------------------------------------------


def test_scoped_names_carry_their_scope(check: Check) -> None:
    assert check("nash.territory <= 0.2", SCOPES) == cmp(
        ((IssueRef("territory", "nash"), 1.0),), -0.2, Op.LE, False
    )
    assert check("nash.moves.us_outreach == 1", SCOPES) == cmp(
        ((StepRef("moves", "us_outreach", "nash"), 1.0),), -1.0, Op.EQ, True
    )
    assert check('egalitarian.nato != "member"', SCOPES) == ChoiceIn(
        "nato", ("deferred", "neutral"), "egalitarian"
    )
    assert check("utilitarian.dialogue_restored", SCOPES) == BoolIs(
        "dialogue_restored", True, "utilitarian"
    )
    assert check("nash.territory <= kalai_smorodinsky.territory", SCOPES) == cmp(
        ((IssueRef("territory", "nash"), 1.0), (IssueRef("territory", "kalai_smorodinsky"), -1.0)),
        0.0,
        Op.LE,
        False,
    )


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "fragments"),
    [
        # names
        (
            "teritory <= 0.2",
            0,
            [
                "unknown issue 'teritory' (did you mean 'territory'?)",
                "known issues: territory, troops, nato",
            ],
        ),
        ("x + territory <= 0.2", 0, ["unknown issue 'x'; known issues"]),
        ("Territory <= 0.2", 0, ["did you mean 'territory'?"]),
        ("True", 0, ["lowercase", "true"]),
        (
            "moves.cease_fire == 1",
            6,
            [
                "unknown step 'cease_fire' of sequence 'moves'",
                "did you mean 'ceasefire'?",
                "steps: us_outreach, russia_response, ceasefire",
            ],
        ),
        ("territory.x == 1", 9, ["'territory' is a number issue and has no steps"]),
        ("moves <= 2", 0, ["'moves' is a sequence", "use moves.STEP for a step's position"]),
        ("nash.territory <= 1", 0, ["unknown issue 'nash'"]),
        ("a.b.c == 1", 3, ["too many parts"]),
        # options
        (
            'nato == "membr"',
            8,
            [
                "\"membr\" is not an option of 'nato'",
                "did you mean 'member'?",
                'options: "member", "deferred", "neutral"',
            ],
        ),
        (
            'nato in ["neutral", "nuetral"]',
            20,
            ['"nuetral" is not an option', "did you mean 'neutral'?"],
        ),
        (
            '"treatie" <= form',
            0,
            ["\"treatie\" is not an option of 'form'", "did you mean 'treaty'?"],
        ),
        ("nato in [1]", 9, ["options of 'nato' as strings"]),
        ('nato in "member"', 8, ["in takes a list"]),
        # order on unordered choices
        (
            'nato < "member"',
            5,
            ["'nato' is not ordered", "add `ordered: true` to the issue, or use in [...]"],
        ),
        ('"member" >= nato', 9, ["'nato' is not ordered", "ordered: true"]),
        # kinds that do not compare
        ('territory == "member"', 13, ["'territory' is a number", 'the option "member"']),
        (
            '"member" == territory',
            0,
            ["'territory' is a number", "options belong to choice issues"],
        ),
        ("nato == 1", 8, ["'nato' is a choice", 'compares only with its options: "member"']),
        ("2 > nato", 0, ["'nato' is a choice"]),
        ("nato == form", 5, ["a comparison of two choices is not supported"]),
        ('"a" == "b"', 4, ["cannot compare"]),
        ("territory == true", 13, ["'true' is a condition, not a number"]),
        ("dialogue_restored == 1", 0, ["'dialogue_restored' is a condition, not a number"]),
        ("dialogue_restored < true", 18, ["compare only with == or !="]),
        ("nato == true", 8, ["'nato' is a choice"]),
        ("[1] == troops", 0, ["a list [...] goes only on the right of in"]),
        ("dialogue_restored in [true]", 0, ["applies to a choice"]),
        ("troops in [territory]", 11, ["must hold constants"]),
        # arithmetic
        (
            "territory * troops <= 1",
            10,
            ["non-linear: territory * troops multiplies two issues", "multiply by constants only"],
        ),
        ("(territory + 1) * (troops - 1) <= 1", 16, ["non-linear", "multiply by constants only"]),
        ("1 / troops <= 1", 2, ["non-linear: division by troops", "divide by constants only"]),
        ("territory / (troops - troops + 0) <= 1", 10, ["division by zero"]),
        ("territory / 1e-320 <= 1", 19, ["too large to compute with"]),
        ("1e308 * 10 > troops", 11, ["too large to compute with"]),
        (
            "dialogue_restored + 1 > 0",
            0,
            ["'dialogue_restored' is a boolean", "booleans cannot be used in arithmetic"],
        ),
        ("territory + true > 0", 12, ["true/false cannot be used as numbers"]),
        ("-false < 1", 1, ["true/false cannot be used as numbers"]),
        ("nato + 1 > 0", 0, ["'nato' is a choice, not a number"]),
        ('"x" * 2 > 0', 0, ['the option "x" is not a number']),
        ("(troops < 1) + 1 > 0", 1, ["a condition is not a number"]),
        ("[1] + 1 > 0", 0, ["a list is not a number"]),
        # not a condition
        ("territory", 0, ["'territory' is a number, not a condition", "territory <= 0.2"]),
        ("troops + 1", 0, ["is a number, not a condition"]),
        ("nato", 0, ["'nato' is a choice, not a condition", 'nato == "member"']),
        ('"member"', 0, ["is not a condition"]),
        ('["member"]', 0, ["a list is not a condition"]),
        ("dialogue_restored and troops", 22, ["'troops' is a number, not a condition"]),
        ("not nato", 4, ["'nato' is a choice, not a condition"]),
        # syntax errors come through with their offsets
        (
            "__import__('os')",
            10,
            [
                "function calls are not allowed; an expression compares issues, "
                "e.g. territory <= 0.2"
            ],
        ),
        ("territory ** 2 <= 1", 10, ["powers (**) are not allowed"]),
    ],
)
def test_errors_point_at_the_offending_token(
    error: Error, text: str, offset: int, fragments: list[str]
) -> None:
    problem = error(text)
    for fragment in fragments:
        assert fragment in problem.message, problem.message
    assert problem.offset == offset, problem.message


@pytest.mark.parametrize(
    ("text", "offset", "fragments"),
    [
        (
            "territory <= 0.2",
            0,
            [
                "name a solution before the issue, e.g. nash.territory",
                "solutions: nash, kalai_smorodinsky, egalitarian, utilitarian",
            ],
        ),
        ("nsh.territory <= 0.2", 0, ["unknown solution 'nsh' (did you mean 'nash'?)"]),
        ("nash <= 0.2", 0, ["'nash' is a solution; name one of its issues"]),
        ("nash.teritory <= 0.2", 5, ["unknown issue 'teritory' (did you mean 'territory'?)"]),
        ("nash.moves.foo == 1", 11, ["unknown step 'foo'"]),
        ("nash.moves <= 1", 0, ["'nash.moves' is a sequence"]),
    ],
)
def test_scope_errors(error: Error, text: str, offset: int, fragments: list[str]) -> None:
    problem = error(text, SCOPES)
    for fragment in fragments:
        assert fragment in problem.message, problem.message
    assert problem.offset == offset, problem.message


def test_long_issue_lists_are_cut_short() -> None:
    from zopa.format.schema import ScenarioModel

    many = {f"issue_{i:02d}": {"type": "boolean"} for i in range(30)}
    model = ScenarioModel.model_validate({"zopa": 1, "issues": many, "actors": {"a": {}}})
    with pytest.raises(ExprError) as info:
        check_expression("zzz", model.issues)
    assert "issue_19, … (10 more)" in info.value.message
    assert "issue_20" not in info.value.message
