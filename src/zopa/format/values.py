"""An issue's value and a deal, as the engine hands them out (FORMAT §4).

A number issue's value is a float, an integer issue's an int, a choice's the option's name,
a boolean's a bool, a sequence's the items in order (a tuple of names).
"""

from __future__ import annotations

from collections.abc import Mapping

Value = float | int | str | bool | tuple[str, ...]
"""The value of one issue in a deal."""

Deal = Mapping[str, Value]
"""A deal: every issue's value, by issue name."""
