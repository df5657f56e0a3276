"""The simulation picture shows the simulation's own numbers: the P(ZOPA) bar ends at p, the
sensitivity bars are the effects in order, one histogram per Nash issue; same bytes twice."""

from __future__ import annotations

import pytest

import zopa
from zopa.plot.figure import figure_bytes
from zopa.plot.simulate import simulate_figure

SCENARIO = zopa.load("scenarios/ukraine-uncertain.yaml")
RESULT = zopa.simulate(SCENARIO, n=400, seed=3)


def test_the_probability_bar_ends_at_p() -> None:
    probability = simulate_figure(RESULT, SCENARIO).axes[0]
    green, red = probability.patches[:2]
    assert green.get_width() == pytest.approx(RESULT.p)
    assert red.get_x() == pytest.approx(RESULT.p)
    assert red.get_width() == pytest.approx(1 - RESULT.p)


def test_sensitivity_bars_are_the_effects_largest_on_top() -> None:
    sensitivity = simulate_figure(RESULT, SCENARIO).axes[1]
    widths = [bar.get_width() for bar in sensitivity.patches]
    expected = [s.effect for s in RESULT.sensitivity[:10]][::-1]
    assert widths == pytest.approx(expected)
    labels = [t.get_text() for t in sensitivity.get_yticklabels()]
    assert labels == [s.input for s in RESULT.sensitivity[:10]][::-1]


def test_one_panel_per_nash_issue_with_its_shares() -> None:
    assert RESULT.nash is not None
    figure = simulate_figure(RESULT, SCENARIO)
    assert len(figure.axes) == 2 + len(RESULT.nash.issues)
    nato = next(a for a in figure.axes if a.get_title(loc="left") == "Nash deal: nato")
    shares = RESULT.nash.issues["nato"].shares
    assert shares is not None
    assert [bar.get_height() for bar in nato.patches] == pytest.approx(list(shares.values()))


def test_the_same_simulation_draws_the_same_bytes() -> None:
    first = figure_bytes(simulate_figure(RESULT, SCENARIO), "svg")
    assert first == figure_bytes(simulate_figure(RESULT, SCENARIO), "svg")
