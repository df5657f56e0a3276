"""Expression text → an untyped syntax tree with 0-based offsets; nothing is ever evaluated.

The grammar (lark, LALR, embedded below) is the whole language: whatever it does not
generate does not exist. A few constructs people type from habit (`f(x)`, `x ** 2`, `x[0]`,
`(x).y`, `//`, `%`, `=`, `&&`) are parsed or recognised only to be rejected with a message
that points at the offending token and says what is allowed instead.

Limits: at most `MAX_LENGTH` characters and `MAX_DEPTH` levels of nesting.

Names are parsed loosely (`[A-Za-z_][A-Za-z0-9_]*`, dotted up to three parts) so that the
checker, which knows the issues, can say "unknown issue 'Territory' (did you mean
'territory'?)" instead of a bare syntax error. The keywords `and or not in true false` cannot
be used as names.

String literals take double or single quotes; a backslash makes the next character literal
(`"it\\'s"`), so quotes and backslashes can appear in options.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from zopa.expr.errors import ExprError
from zopa.expr.syntax import (
    BoolLit,
    Comparison,
    ListLit,
    Logic,
    Name,
    Neg,
    Node,
    NotExpr,
    Num,
    OpToken,
    Product,
    Str,
    Sum,
)

MAX_LENGTH = 2000
"""The longest expression accepted, in characters."""

MAX_DEPTH = 100
"""The deepest nesting accepted, in grammar levels (parentheses, operators, `not`, minus)."""

MAX_NAME_PARTS = 3
"""`issue`, `seq.step`, and in `expect:` blocks `scope.issue` / `scope.seq.step`."""

EXAMPLE = "e.g. territory <= 0.2"

GRAMMAR = r"""
?start: or_test

?or_test: and_test (_OR and_test)*
?and_test: not_test (_AND not_test)*
?not_test: NOT not_test -> not_
         | comparison
?comparison: sum (comp_op sum)*
comp_op: COMP_OP | IN | NOT IN
?sum: term (ADD_OP term)*
?term: factor (MUL_OP factor)*
?factor: ADD_OP factor -> unary
       | power
?power: postfix (POW factor)?
?postfix: atom
        | postfix LPAR [arglist] RPAR -> call
        | postfix LSQB [arglist] RSQB -> subscript
        | postfix DOT NAME -> attr
?atom: NAME -> name
     | NUMBER -> number
     | STRING -> string
     | TRUE -> true
     | FALSE -> false
     | LPAR or_test RPAR -> paren
     | LSQB [arglist] RSQB -> list
arglist: or_test (COMMA or_test)* COMMA?

_OR: "or"
_AND: "and"
NOT: "not"
IN: "in"
TRUE: "true"
FALSE: "false"
COMP_OP: "<=" | ">=" | "==" | "!=" | "<" | ">"
ADD_OP: "+" | "-"
MUL_OP: "*" | "/" | "//" | "%"
POW.2: "**"
LPAR: "("
RPAR: ")"
LSQB: "["
RSQB: "]"
COMMA: ","
DOT: "."
NAME: /[A-Za-z_][A-Za-z0-9_]*/
NUMBER: /(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/
STRING: /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/
%ignore /[ \t\r\n]+/
"""


# --- parsing ---------------------------------------------------------------------------------


@functools.cache
def _parser() -> Lark:
    return Lark(
        GRAMMAR,
        parser="lalr",
        lexer="basic",
        propagate_positions=True,
        maybe_placeholders=True,
    )


def parse(text: str) -> Node:
    """Parse expression `text` into a syntax tree.

    Raises:
        ExprError: the text is too long, nests too deeply, is not valid syntax, or uses a
            construct the language does not have; `offset` points at the offending token.
    """
    if len(text) > MAX_LENGTH:
        raise ExprError(
            f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}: "
            "split it into several red lines or rules",
            MAX_LENGTH,
        )
    if not text.strip():
        raise ExprError(f"expression is empty; write a condition, {EXAMPLE}", 0)
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(text, exc) from None
    return _Builder(text).node(tree, 0)


# --- syntax errors ---------------------------------------------------------------------------

_CHAR_HINTS: dict[str, str] = {
    "=": "use == to compare",
    "&": "use `and`",
    "|": "use `or`",
    "!": "use `not`, or != to compare",
    "~": "use `not`",
    "^": "powers are not allowed; an expression must stay linear",
    '"': "a string is missing its closing quote",
    "'": "a string is missing its closing quote",
}


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


_VALUE_EXPECTED = "a value: an issue, a number, a string, true, false, not, - or ("
_OPERATOR_EXPECTED = "an operator (+ - * /, < <= > >= == !=, in, not in, and, or)"
_CLOSERS = {"(": ")", "[": "]"}


def _open_brackets(text: str) -> list[str]:
    """The brackets still open at the end of `text`, innermost last (strings skipped)."""
    stack: list[str] = []
    quote = ""
    escaped = False
    for char in text:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in _CLOSERS:
            stack.append(char)
        elif char in ")]" and stack:
            stack.pop()
    return stack


def _expected(names: Iterable[object], text: str, offset: int) -> str:
    """What could have come at `offset`, in words: a value, or an operator and a closer."""
    wanted = {str(name) for name in names}
    if wanted & {"NAME", "NUMBER", "STRING"}:
        return _VALUE_EXPECTED
    stack = _open_brackets(text[:offset])
    if not stack:
        return f"{_OPERATOR_EXPECTED} or the end of the expression"
    if stack[-1] == "[":
        return f"{_OPERATOR_EXPECTED}, ',' or ']'"
    return f"{_OPERATOR_EXPECTED} or ')'"


def _syntax_error(text: str, exc: UnexpectedInput) -> ExprError:
    if isinstance(exc, UnexpectedCharacters):
        offset = exc.pos_in_stream or 0
        char = text[offset]
        if text.startswith("&&", offset):
            hint = "use `and`"
        elif text.startswith("||", offset):
            hint = "use `or`"
        else:
            hint = _CHAR_HINTS.get(char, f"allowed: names, numbers, strings, {_ALLOWED_OPS}")
        return ExprError(f"unexpected character {char!r}: {hint}", offset)
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        token = exc.token
        offset = token.start_pos if token.start_pos is not None else 0
        if token.type in ("RPAR", "RSQB") and not _open_brackets(text[:offset]):
            opener = "(" if token.type == "RPAR" else "["
            return ExprError(f"unmatched {str(token)!r}: no {opener!r} before it", offset)
        return ExprError(
            f"unexpected {_short(str(token))!r}; expected {_expected(exc.expected, text, offset)}",
            offset,
        )
    expected: Iterable[object] = ()
    if isinstance(exc, UnexpectedToken | UnexpectedEOF):
        expected = exc.expected
    end = len(text.rstrip())
    return ExprError(
        f"the expression ends too early; expected {_expected(expected, text, end)}", end
    )


_ALLOWED_OPS = "+ - * /, comparisons < <= > >= == !=, in [...], and, or, not, parentheses"


# --- lark tree → syntax tree -----------------------------------------------------------------


def _unescape(literal: str) -> str:
    body = literal[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append(body[i + 1])
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def _start(token: Token) -> int:
    return token.start_pos if token.start_pos is not None else 0


def _end(token: Token) -> int:
    return token.end_pos if token.end_pos is not None else _start(token) + len(token)


class _Builder:
    """Turns lark's tree into the frozen syntax tree, rejecting what the language lacks."""

    def __init__(self, text: str) -> None:
        self.text = text

    def node(self, item: Tree[Token] | Token, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ExprError(
                f"expression nests more than {MAX_DEPTH} levels deep; simplify it or split "
                "it into several red lines",
                self._pos(item),
            )
        if isinstance(item, Token):
            return self._token(item)
        handler = getattr(self, "_" + str(item.data).rstrip("_"), None)
        if handler is None:  # pragma: no cover - the grammar has no other rules
            raise ExprError(f"unsupported construct {item.data!s}", self._pos(item))
        result: Node = handler(item, depth + 1)
        return result

    @staticmethod
    def _pos(item: Tree[Token] | Token) -> int:
        if isinstance(item, Token):
            return _start(item)
        return int(getattr(item.meta, "start_pos", 0) or 0)

    @staticmethod
    def _endpos(item: Tree[Token] | Token) -> int:
        if isinstance(item, Token):
            return _end(item)
        return int(getattr(item.meta, "end_pos", 0) or 0)

    def _token(self, token: Token) -> Node:
        if token.type == "NAME":
            return Name((str(token),), (_start(token),), _start(token), _end(token))
        if token.type == "NUMBER":
            value = float(str(token))
            if not math.isfinite(value):
                raise ExprError(f"number {_short(str(token))!r} is too large", _start(token))
            return Num(value, _start(token), _end(token))
        if token.type == "STRING":
            return Str(_unescape(str(token)), _start(token), _end(token))
        if token.type in ("TRUE", "FALSE"):
            return BoolLit(token.type == "TRUE", _start(token), _end(token))
        raise ExprError(f"unexpected {str(token)!r}", _start(token))  # pragma: no cover

    def _children(self, tree: Tree[Token]) -> list[Tree[Token] | Token]:
        return list(tree.children)

    # atoms -------------------------------------------------------------------------------

    def _name(self, tree: Tree[Token], depth: int) -> Node:
        return self.node(self._children(tree)[0], depth)

    _number = _name
    _string = _name
    _true = _name
    _false = _name

    def _paren(self, tree: Tree[Token], depth: int) -> Node:
        return self.node(self._children(tree)[1], depth)

    def _list(self, tree: Tree[Token], depth: int) -> Node:
        arglist = self._children(tree)[1]
        items = () if arglist is None else self._args(arglist, depth)
        return ListLit(items, self._pos(tree), self._endpos(tree))

    def _args(self, arglist: Tree[Token] | Token, depth: int) -> tuple[Node, ...]:
        assert isinstance(arglist, Tree)  # the grammar puts an `arglist` rule here
        return tuple(
            self.node(child, depth)
            for child in arglist.children
            if not (isinstance(child, Token) and child.type == "COMMA")
        )

    # postfix forms: only dotted names are allowed -------------------------------------------

    def _call(self, tree: Tree[Token], depth: int) -> Node:
        paren = self._children(tree)[1]
        raise ExprError(
            "function calls are not allowed; an expression compares issues, " + EXAMPLE,
            self._pos(paren),
        )

    def _subscript(self, tree: Tree[Token], depth: int) -> Node:
        bracket = self._children(tree)[1]
        raise ExprError(
            "subscripts are not allowed; name a sequence step as SEQUENCE.STEP, "
            "e.g. moves.ceasefire",
            self._pos(bracket),
        )

    def _attr(self, tree: Tree[Token], depth: int) -> Node:
        base, dot, name = self._children(tree)
        assert isinstance(name, Token)
        if isinstance(base, Tree) and base.data == "attr":
            inner = self._attr(base, depth + 1)
        elif isinstance(base, Tree) and base.data == "name":
            inner = self.node(base, depth)
        else:
            raise ExprError(
                "attribute access is not allowed; only dotted names like moves.ceasefire are",
                self._pos(dot),
            )
        assert isinstance(inner, Name)
        parts = (*inner.parts, str(name))
        if len(parts) > MAX_NAME_PARTS:
            raise ExprError(
                f"{'.'.join(parts)!r} has too many parts; a name is an issue, "
                "SEQUENCE.STEP, or in expect: blocks SOLUTION.ISSUE",
                self._pos(dot),
            )
        return Name(parts, (*inner.offsets, _start(name)), inner.start, _end(name))

    # operators -------------------------------------------------------------------------------

    def _power(self, tree: Tree[Token], depth: int) -> Node:
        op = self._children(tree)[1]
        raise ExprError(
            "powers (**) are not allowed; an expression must stay linear: "
            "multiply by constants only",
            self._pos(op),
        )

    def _unary(self, tree: Tree[Token], depth: int) -> Node:
        op, arg = self._children(tree)
        inner = self.node(arg, depth)
        if str(op) == "+":
            return inner
        return Neg(inner, self._pos(tree), self._endpos(tree))

    def _chain(self, tree: Tree[Token], depth: int) -> tuple[tuple[Node, ...], tuple[OpToken, ...]]:
        children = self._children(tree)
        operands = tuple(self.node(child, depth) for child in children[0::2])
        ops = tuple(self._op(child) for child in children[1::2])
        return operands, ops

    def _op(self, item: Tree[Token] | Token) -> OpToken:
        if isinstance(item, Token):
            return OpToken(str(item), _start(item))
        words = [str(t) for t in item.children if isinstance(t, Token)]
        return OpToken(" ".join(words), self._pos(item))

    def _sum(self, tree: Tree[Token], depth: int) -> Node:
        operands, ops = self._chain(tree, depth)
        return Sum(operands, ops, self._pos(tree), self._endpos(tree))

    def _term(self, tree: Tree[Token], depth: int) -> Node:
        operands, ops = self._chain(tree, depth)
        for op in ops:
            if op.text == "//":
                raise ExprError("floor division (//) is not allowed; use /", op.offset)
            if op.text == "%":
                raise ExprError(
                    "the remainder operator (%) is not allowed; allowed arithmetic: + - * /",
                    op.offset,
                )
        return Product(operands, ops, self._pos(tree), self._endpos(tree))

    def _comparison(self, tree: Tree[Token], depth: int) -> Node:
        operands, ops = self._chain(tree, depth)
        return Comparison(operands, ops, self._pos(tree), self._endpos(tree))

    def _not(self, tree: Tree[Token], depth: int) -> Node:
        arg = self.node(self._children(tree)[1], depth)
        return NotExpr(arg, self._pos(tree), self._endpos(tree))

    def _and_test(self, tree: Tree[Token], depth: int) -> Node:
        operands = tuple(self.node(child, depth) for child in self._children(tree))
        return Logic("and", operands, self._pos(tree), self._endpos(tree))

    def _or_test(self, tree: Tree[Token], depth: int) -> Node:
        operands = tuple(self.node(child, depth) for child in self._children(tree))
        return Logic("or", operands, self._pos(tree), self._endpos(tree))
