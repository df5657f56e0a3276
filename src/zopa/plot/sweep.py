"""The sweep picture: against the swept value, whether a ZOPA exists (a green or red
strip) and each actor's utility of the Nash deal where it does, with the tipping points as
vertical lines and each actor's reservation as a dashed line of its colour."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from zopa.analysis.whatif import SweepResult, TippingPoint
from zopa.errors import Problem, ScenarioError
from zopa.format.numbers import people_text
from zopa.plot.figure import IN_ZONE, INK, OUT_OF_ZONE, actor_colour, new_figure, style, title_text
from zopa.scenario.scenario import Scenario

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def sweep_figure(result: SweepResult, scenario: Scenario) -> Figure:
    """The sweep `result` of `scenario` over one `--vary`."""
    if len(result.varies) != 1:
        raise ScenarioError(
            [Problem(scenario.name, "--vary", None, None, "a sweep picture varies one path")]
        )
    path = result.varies[0].path
    xs = [float(row.set[0][1]) for row in result.rows]
    with style():
        figure = new_figure(7.2, 5.2)
        strip, axes = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1, 6]})
        _existence(strip, xs, [row.exists for row in result.rows], result.tipping_points)
        for index, actor in enumerate(scenario.actors):
            colour = actor_colour(index)
            ys = [
                float("nan") if row.nash is None else row.nash.utilities[actor]
                for row in result.rows
            ]
            axes.plot(xs, ys, marker="o", markersize=3, color=colour, label=f"{actor}")
            reservation = _reservation(scenario, actor, path, xs)
            axes.plot(
                xs,
                reservation,
                linestyle="--",
                linewidth=1,
                color=colour,
                alpha=0.7,
                label=f"{actor}'s reservation",
            )
        for tip in result.tipping_points:
            _tipping(strip, axes, tip)
        axes.set_xlabel(path)
        axes.set_ylabel("utility of the Nash deal")
        axes.set_ylim(-0.02, 1.02)
        _legend(figure, axes, bool(result.tipping_points))
        lead = title_text(scenario.title or scenario.name)
        figure.suptitle(f"{lead}\nsweep of {path}", x=0.01, ha="left", fontweight="bold")
    return figure


def _reservation(scenario: Scenario, actor: str, path: str, xs: list[float]) -> list[float]:
    """An actor's reservation along the sweep: the swept value itself when it is swept."""
    if path == f"actors.{actor}.reservation":
        return list(xs)
    return [float(scenario.actors[actor].reservation)] * len(xs)


def _legend(figure: Figure, axes: Axes, tipping: bool) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles, labels = axes.get_legend_handles_labels()
    handles += [Patch(color=IN_ZONE, alpha=0.8), Patch(color=OUT_OF_ZONE, alpha=0.8)]
    labels += ["a ZOPA", "no ZOPA"]
    if tipping:
        handles.append(Line2D([], [], color=INK, linestyle=":"))
        labels.append("tipping point")
    figure.legend(handles, labels, loc="outside lower center", ncols=3)


def _existence(
    strip: Axes, xs: list[float], exists: list[bool], tips: tuple[TippingPoint, ...]
) -> None:
    """A strip: green where a ZOPA exists, red where it does not. Neighbouring grid points
    meet half-way, or at the refined tipping point between them when there is one."""
    refined = {(float(t.below), float(t.above)): t.value for t in tips if t.value is not None}
    middles = [refined.get((a, b), (a + b) / 2) for a, b in itertools.pairwise(xs)]
    edges = [xs[0], *[float(m) for m in middles if m is not None], xs[-1]]
    for k, flag in enumerate(exists):
        strip.axvspan(
            edges[k],
            edges[k + 1],
            color=IN_ZONE if flag else OUT_OF_ZONE,
            alpha=0.8,
            linewidth=0,
        )
    strip.set_yticks([0.5], ["ZOPA"])
    strip.set_ylim(0, 1)
    strip.tick_params(axis="y", length=0)


def _tipping(strip: Axes, axes: Axes, tip: TippingPoint) -> None:
    where = tip.value if tip.value is not None else (float(tip.below) + float(tip.above)) / 2
    for target in (strip, axes):
        target.axvline(where, color=INK, linestyle=":", linewidth=1.2)
    change = "opens" if tip.opens else "closes"
    exact = "" if tip.value is not None else "≈"
    axes.annotate(
        f"ZOPA {change} at {exact}{people_text(where)}",
        (where, 1.0),
        xytext=(3, -3),
        textcoords="offset points",
        va="top",
        fontsize=8,
        color=INK,
    )
