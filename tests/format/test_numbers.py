"""How numbers print: 9 significant digits, no `-0`, solver residue as 0."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.format.numbers import number_text, round_float
from zopa.format.tolerances import ZERO_SNAP


def test_known_values() -> None:
    assert number_text(-0.0) == "0"
    assert number_text(0.0) == "0"
    assert number_text(1 / 3) == "0.333333333"
    assert number_text(18830.000001) == "18830"
    assert round_float(-0.0) == 0.0 and math.copysign(1, round_float(-0.0)) == 1
    assert round_float(1.7e-18) == 0.0
    assert round_float(2 / 3) == 0.666666667


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_round_float_is_what_number_text_prints(x: float) -> None:
    r = round_float(x)
    assert round_float(r) == r  # idempotent
    if abs(x) >= ZERO_SNAP:
        assert float(number_text(x)) == r
        assert math.isclose(r, x, rel_tol=1e-8)
    assert not number_text(r).startswith("-0") or r != 0


def test_people_text_known_values() -> None:
    from zopa.format.numbers import people_text

    assert people_text(1 / 3) == "0.3333"
    assert people_text(2 / 3) == "0.6667"
    assert people_text(15234.5678) == "15235"
    assert people_text(18830.000001) == "18830"
    assert people_text(1.5) == "1.5"
    assert people_text(-0.0) == "0" and people_text(1.7e-18) == "0"
    assert people_text(-0.00004) == "-0.00004"
    assert people_text(0.1 + 0.2) == "0.3"
    assert people_text(1.23456e-12) == "1.235e-12"


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_people_text_is_close_and_short(x: float) -> None:
    from zopa.format.numbers import people_text

    text = people_text(x)
    assert not text.startswith("-0") or float(text) != 0
    if abs(x) >= ZERO_SNAP:
        assert math.isclose(float(text), x, rel_tol=1e-3, abs_tol=1e-12)
        digits = text.lstrip("-").split("e")[0].replace(".", "").lstrip("0")
        assert len(digits) <= max(4, len(str(int(abs(x)))) + 1)
