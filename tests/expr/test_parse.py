"""The parser: every construct of the language, offsets, and every rejected construct with
the offset of the offending token and what the message says is allowed."""

from __future__ import annotations

import pytest

from zopa.expr.errors import ExprError
from zopa.expr.parse import MAX_DEPTH, MAX_LENGTH, parse
from zopa.expr.syntax import (
    BoolLit,
    Comparison,
    ListLit,
    Logic,
    Name,
    Neg,
    NotExpr,
    Num,
    OpToken,
    Product,
    Str,
    Sum,
)


def error_of(text: str) -> ExprError:
    with pytest.raises(ExprError) as info:
        parse(text)
    return info.value


# --- literals and names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0.0),
        ("42", 42.0),
        ("0.25", 0.25),
        (".5", 0.5),
        ("3.", 3.0),
        ("1e3", 1000.0),
        ("2.5E-2", 0.025),
        ("7e+1", 70.0),
    ],
)
def test_numbers(text: str, value: float) -> None:
    assert parse(text) == Num(value, 0, len(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('"treaty"', "treaty"),
        ("'treaty'", "treaty"),
        ('"two words"', "two words"),
        (r"'it\'s'", "it's"),
        (r'"say \"no\""', 'say "no"'),
        (r'"back\\slash"', "back\\slash"),
        ('"é"', "é"),
    ],
)
def test_strings(text: str, value: str) -> None:
    assert parse(text) == Str(value, 0, len(text))


def test_true_and_false_are_keywords() -> None:
    assert parse("true") == BoolLit(True, 0, 4)
    assert parse(" false ") == BoolLit(False, 1, 6)


def test_names_plain_and_dotted_with_part_offsets() -> None:
    assert parse("territory") == Name(("territory",), (0,), 0, 9)
    assert parse("moves.ceasefire") == Name(("moves", "ceasefire"), (0, 6), 0, 15)
    assert parse("nash.moves.us_outreach") == Name(
        ("nash", "moves", "us_outreach"), (0, 5, 11), 0, 22
    )


def test_python_keywords_are_ordinary_names() -> None:
    assert parse("class") == Name(("class",), (0,), 0, 5)
    assert parse("if.lambda") == Name(("if", "lambda"), (0, 3), 0, 9)


# --- operators ----------------------------------------------------------------------------


def test_sum_and_product_are_flat_chains_with_operator_offsets() -> None:
    tree = parse("a + 2*b - c/4")
    assert isinstance(tree, Sum)
    assert tree.ops == (OpToken("+", 2), OpToken("-", 8))
    first, second, third = tree.operands
    assert first == Name(("a",), (0,), 0, 1)
    assert second == Product((Num(2.0, 4, 5), Name(("b",), (6,), 6, 7)), (OpToken("*", 5),), 4, 7)
    assert third == Product(
        (Name(("c",), (10,), 10, 11), Num(4.0, 12, 13)), (OpToken("/", 11),), 10, 13
    )


def test_unary_minus_and_plus() -> None:
    assert parse("-x") == Neg(Name(("x",), (1,), 1, 2), 0, 2)
    assert parse("+x") == Name(("x",), (1,), 1, 2)
    assert parse("- -x") == Neg(Neg(Name(("x",), (3,), 3, 4), 2, 4), 0, 4)


def test_precedence_product_binds_tighter_than_sum() -> None:
    tree = parse("a + b * c")
    assert isinstance(tree, Sum)
    assert isinstance(tree.operands[1], Product)


def test_chained_comparison_keeps_every_operator() -> None:
    tree = parse("0.1 <= territory < 0.2")
    assert tree == Comparison(
        (Num(0.1, 0, 3), Name(("territory",), (7,), 7, 16), Num(0.2, 19, 22)),
        (OpToken("<=", 4), OpToken("<", 17)),
        0,
        22,
    )


@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "==", "!="])
def test_every_comparison_operator(op: str) -> None:
    tree = parse(f"x {op} 1")
    assert isinstance(tree, Comparison)
    assert tree.ops == (OpToken(op, 2),)


def test_in_and_not_in_with_lists() -> None:
    tree = parse("nato not in [\"member\", 'deferred']")
    assert tree == Comparison(
        (
            Name(("nato",), (0,), 0, 4),
            ListLit((Str("member", 13, 21), Str("deferred", 23, 33)), 12, 34),
        ),
        (OpToken("not in", 5),),
        0,
        34,
    )
    assert parse("x in []") == Comparison(
        (Name(("x",), (0,), 0, 1), ListLit((), 5, 7)), (OpToken("in", 2),), 0, 7
    )
    trailing = parse('x in ["a",]')
    assert isinstance(trailing, Comparison)
    assert trailing.operands[1] == ListLit((Str("a", 6, 9),), 5, 11)


def test_logic_precedence_not_over_and_over_or() -> None:
    tree = parse("a or not b and c")
    assert isinstance(tree, Logic) and tree.op == "or"
    left, right = tree.operands
    assert left == Name(("a",), (0,), 0, 1)
    assert isinstance(right, Logic) and right.op == "and"
    assert right.operands[0] == NotExpr(Name(("b",), (9,), 9, 10), 5, 10)


def test_parentheses_group_and_disappear() -> None:
    assert parse("((x))") == Name(("x",), (2,), 2, 3)
    tree = parse("(a or b) and c")
    assert isinstance(tree, Logic) and tree.op == "and"
    assert isinstance(tree.operands[0], Logic) and tree.operands[0].op == "or"


def test_not_in_is_not_confused_with_not() -> None:
    tree = parse("not x in ['a']")
    assert isinstance(tree, NotExpr)
    assert isinstance(tree.arg, Comparison) and tree.arg.ops == (OpToken("in", 6),)


def test_whitespace_and_newlines_are_ignored() -> None:
    assert parse("\n  x\n   <= 1 ") == Comparison(
        (Name(("x",), (3,), 3, 4), Num(1.0, 11, 12)), (OpToken("<=", 8),), 3, 12
    )


def test_a_long_flat_sum_parses() -> None:
    text = " + ".join(["x"] * 400)
    tree = parse(text)
    assert isinstance(tree, Sum) and len(tree.operands) == 400


# --- rejected constructs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "fragments"),
    [
        ("__import__('os')", 10, ["function calls are not allowed", "e.g. territory <= 0.2"]),
        ("max(a, b) <= 1", 3, ["function calls are not allowed"]),
        ("x ** 2 <= 1", 2, ["powers (**) are not allowed", "multiply by constants only"]),
        ("x[0] == 1", 1, ["subscripts are not allowed", "SEQUENCE.STEP"]),
        ("(x).y == 1", 3, ["attribute access is not allowed"]),
        ('"a".upper == 1', 3, ["attribute access is not allowed"]),
        ("a.b.c.d == 1", 5, ["too many parts"]),
        ("x // 2 <= 1", 2, ["floor division", "use /"]),
        ("x % 2 <= 1", 2, ["remainder", "+ - * /"]),
        ("x = 1", 2, ["use =="]),
        ("a && b", 2, ["use `and`"]),
        ("a || b", 2, ["use `or`"]),
        ("a & b", 2, ["use `and`"]),
        ("!a", 0, ["use `not`"]),
        ("x ^ 2", 2, ["powers are not allowed"]),
        ('nato == "member', 8, ["missing its closing quote"]),
        ("x @ y", 2, ["unexpected character '@'"]),
        ("x y", 2, ["unexpected 'y'; expected an operator", "or the end of the expression"]),
        ("(a or (b c))", 9, ["unexpected 'c'; expected an operator", "or ')'"]),
        ('x in ["a" "b"]', 10, ["unexpected '\"b\"'", "',' or ']'"]),
        ('"(" y', 4, ["or the end of the expression"]),
        ("(x <= )", 6, ["unexpected ')'; expected a value"]),
        ("x)", 1, ["unmatched ')': no '(' before it"]),
        ("x]", 1, ["unmatched ']'"]),
        ("not", 3, ["ends too early; expected a value"]),
        ("x <", 3, ["ends too early"]),
        ("x <=  ", 4, ["ends too early"]),
        ("(x <= 1", 7, ["ends too early", "or ')'"]),
        ("and", 0, ["unexpected 'and'"]),
        ("x in", 4, ["ends too early"]),
        ("1e999 > x", 0, ["too large"]),
        ("lambda: 1", 6, ["unexpected character ':'"]),
        ("", 0, ["empty"]),
        ("   ", 0, ["empty"]),
    ],
)
def test_rejected_constructs(text: str, offset: int, fragments: list[str]) -> None:
    error = error_of(text)
    assert error.offset == offset
    for fragment in fragments:
        assert fragment in error.message


def test_the_suggestions_never_offer_powers() -> None:
    assert "**" not in error_of("x y").message


def test_length_cap() -> None:
    ok = "x <= 1" + " " * (MAX_LENGTH - 6)
    assert isinstance(parse(ok), Comparison)
    error = error_of(ok + " ")
    assert error.offset == MAX_LENGTH
    assert f"the limit is {MAX_LENGTH}" in error.message


def test_depth_cap_stops_deep_nesting_without_recursion_errors() -> None:
    text = "-" * 500 + "x"
    error = error_of(text)
    assert f"more than {MAX_DEPTH} levels" in error.message
    deep_ok = "(" * 40 + "x" + ")" * 40
    assert parse(deep_ok) == Name(("x",), (40,), 40, 41)
    deep_bad = "(" * 900 + "x" + ")" * 900
    assert "nests more than" in error_of(deep_bad).message
