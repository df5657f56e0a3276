"""The sweep picture: the existence strip meets at the refined tipping point, the Nash
utilities are the sweep's, one varied path only; golden SVG bytes."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

import zopa
from zopa.analysis.whatif import parse_vary, sweep
from zopa.errors import ScenarioError
from zopa.plot.figure import figure_bytes
from zopa.plot.sweep import sweep_figure

CAR = zopa.load("scenarios/car-sale.yaml")
RESULT = sweep(CAR, [parse_vary("actors.buyer.reservation=0:1:5", file=CAR.name)], refine=True)


def test_the_strip_turns_red_at_the_tipping_point() -> None:
    (tip,) = RESULT.tipping_points
    assert tip.value is not None and not tip.opens
    figure = sweep_figure(RESULT, CAR)
    strip, axes = figure.axes
    assert len(strip.patches) == len(RESULT.rows) == 5
    edges = [p.get_x() for p in strip.patches]  # left edge of each band, data units
    assert edges[:3] == [0.0, 0.125, 0.375]  # half-way between 0, 0.25, 0.5
    assert edges[3] == pytest.approx(tip.value)  # the ZOPA closes here, not half-way
    dotted = [line for line in axes.get_lines() if line.get_linestyle() == ":"]
    assert dotted and dotted[0].get_xdata()[0] == pytest.approx(tip.value)


def test_the_lines_are_the_nash_utilities() -> None:
    axes = sweep_figure(RESULT, CAR).axes[1]
    dealer = next(line for line in axes.get_lines() if line.get_label() == "dealer")
    expected = [math.nan if r.nash is None else r.nash.utilities["dealer"] for r in RESULT.rows]
    got = list(dealer.get_ydata())
    assert [math.isnan(v) for v in got] == [math.isnan(v) for v in expected]
    assert [v for v in got if not math.isnan(v)] == [v for v in expected if not math.isnan(v)]
    buyer_reservation = next(
        line for line in axes.get_lines() if line.get_label() == "buyer's reservation"
    )
    assert list(buyer_reservation.get_ydata()) == [0.0, 0.25, 0.5, 0.75, 1.0]  # swept itself


def test_two_varied_paths_are_refused() -> None:
    varies = [
        parse_vary("actors.buyer.reservation=0:1:2", file=CAR.name),
        parse_vary("actors.dealer.reservation=0:1:2", file=CAR.name),
    ]
    with pytest.raises(ScenarioError, match="varies one path"):
        sweep_figure(sweep(CAR, varies), CAR)


def test_sweep_svg_golden(golden: Callable[[str, bytes], None]) -> None:
    golden("sweep-car-sale.svg", figure_bytes(sweep_figure(RESULT, CAR), "svg"))
