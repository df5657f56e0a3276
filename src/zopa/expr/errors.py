"""The error an expression raises when it cannot be parsed or checked."""

from __future__ import annotations


class ExprError(ValueError):
    """`message` says what is wrong and what would be valid; `offset` is the 0-based index
    in the expression text where the problem starts (the loader adds it to the YAML column)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
