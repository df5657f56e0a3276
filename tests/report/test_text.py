"""`report.text.render`: the readable report, rendered into a recording console."""

from __future__ import annotations

import io

from rich.console import Console

import zopa
from zopa.analysis.result import Diagnosis, Result, Solution
from zopa.format.numbers import number_text as number
from zopa.format.solutions import SOLUTION_NAMES
from zopa.format.zone import BoolSet, NumberRange, OptionSet, StepPositions, Zone
from zopa.report.text import describe_range, render

TEXT = """
zopa: 1
title: Used bike
issues:
  price: {type: number, min: 100, max: 300, unit: EUR}
  lock: {type: choice, options: [none, cable, chain]}
  lights: {type: boolean}
  steps: {type: sequence, steps: [pay, ride]}
actors:
  seller:
    name: Sam
    red_lines: [{id: floor, require: price >= 150}]
    reservation: 0.25
  buyer: {}
"""


def output(result: Result) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, force_terminal=False)
    render(result, zopa.loads(TEXT), console)
    return buffer.getvalue()


def zone() -> Zone:
    return Zone(
        True,
        {
            "price": NumberRange(150.0, 179.999999),
            "lock": OptionSet(("cable", "chain")),
            "lights": BoolSet((False, True)),
            "steps": StepPositions((("pay", 1, 2), ("ride", 1, 2))),
        },
        {"seller": NumberRange(0.25, 0.5), "buyer": NumberRange(0.0, 0.0)},
    )


def test_a_zopa_report() -> None:
    deal = {"price": 160.0, "lock": "chain", "lights": True, "steps": ("pay", "ride")}
    solutions: dict[str, Solution | None] = dict.fromkeys(SOLUTION_NAMES)
    solutions["nash"] = Solution(deal, {"seller": 0.3, "buyer": 0.0})
    text = output(Result("Used bike", zone(), solutions, diagnosis=Diagnosis()))
    lines = text.splitlines()
    assert lines[0] == "Used bike"
    assert lines[1] == "ZOPA exists"
    assert "150 – 180" in text and "EUR" in text
    assert "cable, chain (2 of 3)" in text
    assert "false, true" in text
    assert "pay 1 – 2, ride 1 – 2" in text
    assert "seller (Sam)" in text and "0.25 – 0.5" in text
    steps = [i for i, line in enumerate(lines) if line.startswith("│ steps ")][-1]
    assert "│ pay" in lines[steps] and "│ ride" in lines[steps + 1]  # one step a line
    assert "Nash" in text
    assert "\x1b[" not in text  # no colour codes when not a terminal


def test_a_no_zopa_report() -> None:
    result = Result(
        "Used bike",
        Zone(False),
        dict.fromkeys(SOLUTION_NAMES),
        diagnosis=Diagnosis(conflicts=(("seller/floor", "seller/reservation"),)),
    )
    text = output(result)
    assert "No ZOPA" in text and "ZOPA exists" not in text
    assert "Solutions" not in text
    assert "seller/floor" in text


def test_rendering_is_deterministic() -> None:
    result = Result("Used bike", zone(), dict.fromkeys(SOLUTION_NAMES))
    assert output(result) == output(result)


def test_numbers_and_ranges_in_words() -> None:
    assert number(-0.0) == "0"
    assert number(1 / 3) == "0.333333333"
    scenario = zopa.loads(TEXT)
    assert describe_range(OptionSet(("none", "cable", "chain")), scenario, "lock") == (
        "none, cable, chain"
    )
    assert describe_range(NumberRange(2, 2), scenario, "price") == "2"
