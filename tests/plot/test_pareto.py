"""The frontier picture: the chosen actors, the solutions with their utilities, the
reservations as lines, and the same SVG bytes as the golden file."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import zopa
from zopa.errors import ScenarioError
from zopa.format.numbers import people_text
from zopa.plot.figure import figure_bytes
from zopa.plot.pareto import chosen_actors, pareto_figure

LAPTOP = zopa.load("scenarios/genius/laptop.yaml")
COALITION = zopa.load("scenarios/coalition.yaml")


def test_chosen_actors() -> None:
    assert chosen_actors(COALITION, None) == ("greens", "liberals")
    assert chosen_actors(COALITION, "social, greens") == ("social", "greens")
    for bad in ("greens", "greens,greens", "greens,nobody", "a,b,c"):
        with pytest.raises(ScenarioError, match="two different actors"):
            chosen_actors(COALITION, bad)


def test_the_picture_shows_what_the_analysis_found() -> None:
    result = zopa.analyze(COALITION)
    figure = pareto_figure(result, COALITION, ("greens", "social"))
    axes = figure.axes[0]
    labels = [text.get_text() for text in figure.legends[0].get_texts()]
    for title, name in (("Nash", "nash"), ("utilitarian", "utilitarian")):
        solution = result.solutions[name]
        assert solution is not None
        greens, social = (people_text(solution.utilities[a]) for a in ("greens", "social"))
        assert f"{title} ({greens}, {social})" in labels
    assert f"Pareto frontier ({len(result.pareto)} deals)" in labels
    reservations = sorted(
        line.get_xdata()[0] if line.get_xdata()[0] == line.get_xdata()[1] else -line.get_ydata()[0]
        for line in axes.get_lines()
        if line.get_linestyle() == "--"
    )
    assert reservations == [-0.5, 0.45]  # social's 0.5 (horizontal), greens' 0.45 (vertical)
    lo, hi = axes.get_xlim()
    assert lo <= 0.45 <= hi and lo >= -0.02 and hi <= 1.02


def test_no_zopa_says_so() -> None:
    ukraine = zopa.load("scenarios/ukraine.yaml")
    figure = pareto_figure(zopa.analyze(ukraine), ukraine, ("russia", "ukraine"))
    assert "No ZOPA" in figure.axes[0].get_title(loc="left")


def test_pareto_svg_golden(golden: Callable[[str, bytes], None]) -> None:
    figure = pareto_figure(zopa.analyze(LAPTOP), LAPTOP, ("buyer", "seller"))
    golden("pareto-laptop.svg", figure_bytes(figure, "svg"))
