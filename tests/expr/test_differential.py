"""Differential tests: random well-typed expressions are built twice, as text for the checker
and as a Python function that decides them directly; `evaluate` of the checked tree must agree
with the function on random deals. Numbers are dyadic (k/2^j), so arithmetic is exact and
every non-zero difference is far larger than the strict-comparison gap: the two sides can only
disagree through a bug. A fuzz test feeds token soup to the checker: it must answer with a
formula or an `ExprError`, never anything else."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.expr.check import check_expression
from zopa.expr.errors import ExprError
from zopa.expr.evaluate import evaluate
from zopa.format.schema import Issue

Deal = Mapping[str, Any]
NumGen = tuple[str, Callable[[Deal], float]]
CondGen = tuple[str, Callable[[Deal], bool]]

NATO = ("member", "deferred", "neutral")
FORM = ("truce", "armistice", "treaty")
STEPS = ("us_outreach", "russia_response", "ceasefire")

COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
CONSTANTS = {"0": 0.0, "1": 1.0, "2": 2.0, "3": 3.0, "0.5": 0.5, "0.25": 0.25, "2.5e-1": 0.25}
FACTORS = {"2": 2.0, "0.5": 0.5, "3": 3.0, "-1": -1.0}
DIVISORS = {"2": 2.0, "4": 4.0, "0.5": 0.5}

PROFILE = settings(max_examples=400, deadline=None, derandomize=True)


# --- numbers --------------------------------------------------------------------------------


def _const(text: str) -> NumGen:
    value = CONSTANTS[text]
    return (text, lambda d: value)


def _step(step: str) -> NumGen:
    return (f"moves.{step}", lambda d: float(d["moves"].index(step) + 1))


NUM_LEAVES = st.one_of(
    st.sampled_from(sorted(CONSTANTS)).map(_const),
    st.just(("territory", lambda d: d["territory"])),
    st.just(("troops", lambda d: float(d["troops"]))),
    st.sampled_from(STEPS).map(_step),
)


def _addsub(item: tuple[NumGen, str, NumGen]) -> NumGen:
    (ta, fa), op, (tb, fb) = item
    sign = 1.0 if op == "+" else -1.0
    return (f"({ta} {op} {tb})", lambda d: fa(d) + sign * fb(d))


def _neg(item: NumGen) -> NumGen:
    text, fn = item
    return (f"-({text})", lambda d: -fn(d))


def _times(item: tuple[str, NumGen, bool]) -> NumGen:
    factor, (text, fn), left = item
    value = FACTORS[factor]
    shown = f"({factor}) * ({text})" if left else f"({text}) * ({factor})"
    return (shown, lambda d: value * fn(d))


def _divide(item: tuple[NumGen, str]) -> NumGen:
    (text, fn), divisor = item
    value = DIVISORS[divisor]
    return (f"({text}) / {divisor}", lambda d: fn(d) / value)


def _extend_numbers(children: st.SearchStrategy[NumGen]) -> st.SearchStrategy[NumGen]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-"]), children).map(_addsub),
        children.map(_neg),
        st.tuples(st.sampled_from(sorted(FACTORS)), children, st.booleans()).map(_times),
        st.tuples(children, st.sampled_from(sorted(DIVISORS))).map(_divide),
    )


NUMBERS = st.recursive(NUM_LEAVES, _extend_numbers, max_leaves=8)


# --- conditions -----------------------------------------------------------------------------


def _chain(item: tuple[list[NumGen], list[str]]) -> CondGen:
    operands, ops = item
    ops = ops[: len(operands) - 1]
    text = operands[0][0]
    for op, (t, _) in zip(ops, operands[1:], strict=True):
        text += f" {op} {t}"

    def decide(d: Deal) -> bool:
        values = [fn(d) for _, fn in operands]
        return all(COMPARE[op](values[i], values[i + 1]) for i, op in enumerate(ops))

    return (text, decide)


NUMERIC_COMPARISONS = st.tuples(
    st.lists(NUMBERS, min_size=2, max_size=3),
    st.lists(st.sampled_from(sorted(COMPARE)), min_size=2, max_size=2),
).map(_chain)


def _choice_eq(item: tuple[str, str, bool]) -> CondGen:
    op, option, reverse = item
    text = f'"{option}" {op} nato' if reverse else f'nato {op} "{option}"'
    return (text, lambda d: (d["nato"] == option) == (op == "=="))


def _choice_in(item: tuple[list[str], str]) -> CondGen:
    options, op = item
    listed = ", ".join(f"'{o}'" for o in options)
    inside = op == "in"
    return (f"nato {op} [{listed}]", lambda d: (d["nato"] in options) == inside)


def _ordered(item: tuple[str, str, bool]) -> CondGen:
    op, option, reverse = item
    index = FORM.index(option)
    if reverse:
        return (f'"{option}" {op} form', lambda d: COMPARE[op](index, FORM.index(d["form"])))
    return (f'form {op} "{option}"', lambda d: COMPARE[op](FORM.index(d["form"]), index))


def _number_in(item: tuple[list[int], bool]) -> CondGen:
    values, negate = item
    listed = ", ".join(str(v) for v in values)
    op = "not in" if negate else "in"
    return (f"troops {op} [{listed}]", lambda d: (d["troops"] in values) != negate)


def _bool_cmp(item: tuple[str, str, str]) -> CondGen:
    name, op, other = item
    want_equal = op == "=="

    def value_of(token: str, d: Deal) -> bool:
        return token == "true" if token in ("true", "false") else bool(d[token])

    return (
        f"{name} {op} {other}",
        lambda d: (value_of(name, d) == value_of(other, d)) == want_equal,
    )


BOOLEANS = ("dialogue_restored", "amnesty")

COND_LEAVES = st.one_of(
    NUMERIC_COMPARISONS,
    st.tuples(st.sampled_from(["==", "!="]), st.sampled_from(NATO), st.booleans()).map(_choice_eq),
    st.tuples(st.lists(st.sampled_from(NATO), max_size=3), st.sampled_from(["in", "not in"])).map(
        _choice_in
    ),
    st.tuples(st.sampled_from(sorted(COMPARE)), st.sampled_from(FORM), st.booleans()).map(_ordered),
    st.tuples(st.lists(st.integers(0, 10), max_size=3), st.booleans()).map(_number_in),
    st.sampled_from(BOOLEANS).map(lambda b: (b, lambda d: bool(d[b]))),
    st.tuples(
        st.sampled_from(BOOLEANS),
        st.sampled_from(["==", "!="]),
        st.sampled_from(["true", "false", *BOOLEANS]),
    ).map(_bool_cmp),
    st.sampled_from([("true", lambda d: True), ("false", lambda d: False)]),
)


def _logic(item: tuple[CondGen, str, CondGen]) -> CondGen:
    (ta, fa), op, (tb, fb) = item
    if op == "and":
        return (f"({ta}) and ({tb})", lambda d: fa(d) and fb(d))
    return (f"({ta}) or ({tb})", lambda d: fa(d) or fb(d))


def _not(item: CondGen) -> CondGen:
    text, fn = item
    return (f"not ({text})", lambda d: not fn(d))


def _extend_conditions(children: st.SearchStrategy[CondGen]) -> st.SearchStrategy[CondGen]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["and", "or"]), children).map(_logic),
        children.map(_not),
    )


CONDITIONS = st.recursive(COND_LEAVES, _extend_conditions, max_leaves=5)

DEALS = st.fixed_dictionaries(
    {
        "territory": st.sampled_from([0.0, 0.125, 0.25, 0.5]),
        "troops": st.integers(0, 10),
        "nato": st.sampled_from(NATO),
        "form": st.sampled_from(FORM),
        "dialogue_restored": st.booleans(),
        "amnesty": st.booleans(),
        "moves": st.permutations(STEPS).map(tuple),
    }
)


@PROFILE
@given(case=CONDITIONS, deals=st.lists(DEALS, min_size=1, max_size=4))
def test_evaluate_of_the_checked_tree_agrees_with_direct_evaluation(
    issues: Mapping[str, Issue], case: CondGen, deals: list[Deal]
) -> None:
    text, decide = case
    formula = check_expression(text, issues)
    for deal in deals:
        assert evaluate(formula, deal, tol=1e-9) is decide(deal), (text, deal, formula)


@PROFILE
@given(case=NUMERIC_COMPARISONS, deals=st.lists(DEALS, min_size=1, max_size=4))
def test_linear_arithmetic_agrees_with_direct_evaluation(
    issues: Mapping[str, Issue], case: CondGen, deals: list[Deal]
) -> None:
    # the condition test above spends most examples on logic; this one on arithmetic
    text, decide = case
    formula = check_expression(text, issues)
    for deal in deals:
        assert evaluate(formula, deal, tol=1e-9) is decide(deal), (text, deal, formula)


TOKENS = [
    "territory",
    "troops",
    "nato",
    "form",
    "moves",
    "moves.ceasefire",
    "dialogue_restored",
    "x",
    "nash",
    ".",
    "(",
    ")",
    "[",
    "]",
    ",",
    "+",
    "-",
    "*",
    "/",
    "**",
    "<",
    "<=",
    "==",
    "!=",
    ">",
    ">=",
    "=",
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    '"member"',
    "'treaty'",
    '"bogus"',
    "0",
    "1.5",
    "1e3",
    "f(",
    "%",
    "&",
    "'",
    '"',
]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(tokens=st.lists(st.sampled_from(TOKENS), max_size=12), spaced=st.booleans())
def test_token_soup_gives_a_formula_or_an_expression_error(
    issues: Mapping[str, Issue], tokens: list[str], spaced: bool
) -> None:
    text = (" " if spaced else "").join(tokens)
    try:
        check_expression(text, issues)
    except ExprError as error:
        assert 0 <= error.offset <= len(text)
        assert error.message


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.text(max_size=40))
def test_arbitrary_text_gives_a_formula_or_an_expression_error(
    issues: Mapping[str, Issue], text: str
) -> None:
    try:
        check_expression(text, issues)
    except ExprError as error:
        assert 0 <= error.offset <= len(text)
