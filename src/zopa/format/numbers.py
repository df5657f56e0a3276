"""How numbers print, in one place: 9 significant digits (JSON, text, suggestions), no `-0`,
floating-point residue of the solver as 0."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zopa.format.tolerances import ZERO_SNAP


def round_float(value: float) -> float:
    """`value` rounded to 9 significant digits, with -0.0 and residue below `ZERO_SNAP`
    printed as 0.0."""
    if abs(value) < ZERO_SNAP:
        return 0.0
    rounded = float(f"{value:.9g}")
    return 0.0 if rounded == 0 else rounded


def number_text(x: float) -> str:
    """`x` to 9 significant digits, without `-0` (as reports and suggested edits print it)."""
    text = f"{x:.9g}"
    return "0" if text == "-0" else text


def plain(value: Any) -> Any:
    """`value` as JSON data: floats rounded by `round_float`, mappings with string keys,
    tuples as lists. Raises `TypeError` for anything JSON cannot hold."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round_float(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    raise TypeError(f"cannot put {type(value).__name__} into JSON")


PEOPLE_DIGITS = 4
"""Significant digits of numbers in text meant for people (terminal reports, pictures, the
HTML report): enough to tell deals apart, few enough to read. A whole part is never cut."""

MAX_PEOPLE_DECIMALS = 9
"""Decimals beyond which a tiny number is written with an exponent."""


def people_text(x: float) -> str:
    """`x` for people: `PEOPLE_DIGITS` significant digits without an exponent and without
    cutting the whole part (`0.6123`, `15235`, `1.5`), solver residue and `-0` as `0`.

    JSON and suggested edits keep 9 digits (`number_text`, `round_float`)."""
    import math

    if abs(x) < ZERO_SNAP or x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(0, PEOPLE_DIGITS - 1 - magnitude)
    if decimals > MAX_PEOPLE_DECIMALS:
        text = f"{x:.{PEOPLE_DIGITS - 1}e}"
    else:
        text = f"{x:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "0") else text
