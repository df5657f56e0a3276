"""The syntax tree of an expression, as `zopa.expr.parse.parse` returns it: frozen nodes, each
with the [start, end) offsets of its text, before any name is resolved (`zopa.expr.check`)."""

from __future__ import annotations

from dataclasses import dataclass

# --- the syntax tree -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpToken:
    """An operator as written (`<=`, `+`, `in`, `not in`) and where it starts."""

    text: str
    offset: int


@dataclass(frozen=True, slots=True)
class Num:
    """A number literal."""

    value: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Str:
    """A string literal (an option of a choice), quotes removed and escapes resolved."""

    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BoolLit:
    """`true` or `false`."""

    value: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Name:
    """A possibly dotted name (`territory`, `moves.ceasefire`, `nash.moves.ceasefire`);
    `offsets` holds where each part starts."""

    parts: tuple[str, ...]
    offsets: tuple[int, ...]
    start: int
    end: int

    @property
    def text(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True, slots=True)
class ListLit:
    """`[item, ...]`, the right-hand side of `in` / `not in`."""

    items: tuple[Node, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Neg:
    """Unary minus (unary plus is dropped while parsing)."""

    arg: Node
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sum:
    """`a + b - c`: `ops[i]` sits between `operands[i]` and `operands[i + 1]`."""

    operands: tuple[Node, ...]
    ops: tuple[OpToken, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Product:
    """`a * b / c`: `ops[i]` sits between `operands[i]` and `operands[i + 1]`."""

    operands: tuple[Node, ...]
    ops: tuple[OpToken, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """`a < b <= c` (a chain: every adjacent pair must hold); ops include `in`, `not in`."""

    operands: tuple[Node, ...]
    ops: tuple[OpToken, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NotExpr:
    """`not arg`."""

    arg: Node
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Logic:
    """`a and b and c` (`op` "and") or `a or b` (`op` "or")."""

    op: str
    operands: tuple[Node, ...]
    start: int
    end: int


Node = Num | Str | BoolLit | Name | ListLit | Neg | Sum | Product | Comparison | NotExpr | Logic
