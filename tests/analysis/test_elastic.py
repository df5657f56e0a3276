"""Printed numeric moves must still open the ZOPA: rounding goes the relaxing way."""

from __future__ import annotations

import pytest

import zopa
from zopa.analysis.elastic import round_outward


@pytest.mark.parametrize(
    ("x", "down", "expected"),
    [
        (18830.00001, False, 18830.0001),  # a cap must not print below the exact bound
        (18830.00001, True, 18830.0),
        (0.5006775829, False, 0.500677583),
        (0.5006775829, True, 0.500677582),
        (0.25, True, 0.25),  # exact at 9 digits: unchanged either way
        (0.25, False, 0.25),
        (-1.0000000004, True, -1.00000001),
    ],
)
def test_round_outward(x: float, down: bool, expected: float) -> None:
    assert round_outward(x, down=down) == expected


def test_printed_moves_open_the_zopa_when_applied() -> None:
    """Apply each printed move through --set (the path and the text after the arrow) and
    the ZOPA opens: the printed number is never on the wrong side of the exact one."""
    text = """\
zopa: 1
issues:
  price: {type: number, min: 15000, max: 25000}
actors:
  dealer:
    red_lines: [{id: floor, require: price > 18830}]
  buyer:
    red_lines: [{id: cap, require: price < 18500}]
"""
    scenario = zopa.loads(text)
    result = zopa.analyze(scenario)
    moves = [m for r in result.diagnosis.relaxations for m in r.moves]
    assert [m.text for m in moves] == [
        "dealer/floor: price > 18830 → price > 18499.9999",
        "buyer/cap: price < 18500 → price < 18830.0001",
    ]
    for move in moves:
        requirement = move.text.split("→ ")[1]
        opened = zopa.analyze(scenario.with_changes(set={move.path: requirement}))
        assert opened.zopa.exists, move.text


def test_a_move_that_admits_every_value_is_a_drop_and_not_listed() -> None:
    """x lies in [0, 10]: moving `x >= 2` to `x >= 0` would admit every deal, so it is no
    move at all; moving `x <= 0` to `x <= 2` is."""
    scenario = zopa.loads(
        """\
zopa: 1
issues:
  x: {type: integer, min: 0, max: 10}
actors:
  a:
    red_lines: [{id: floor, require: x >= 2}]
  b:
    red_lines: [{id: cap, require: x <= 0}]
"""
    )
    moves = [m.text for r in zopa.analyze(scenario).diagnosis.relaxations for m in r.moves]
    assert moves == ["b/cap: x <= 0 → x <= 2"]
