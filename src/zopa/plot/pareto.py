"""The frontier picture: two actors' utilities, with the cloud of every deal when the space
is small and finite (`cloud`), the Pareto frontier, the four bargaining solutions labelled,
and each actor's reservation as a line (a deal left of or below a line is one that actor
would walk away from)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from zopa.analysis.result import Result, Solution
from zopa.errors import Problem, ScenarioError
from zopa.format.numbers import people_text
from zopa.format.solutions import SOLUTION_TITLES
from zopa.plot.cloud import NUMBER_SAMPLES, Cloud, deal_cloud
from zopa.plot.figure import (
    BACKGROUND,
    IN_ZONE,
    INK,
    MUTED,
    actor_colour,
    new_figure,
    style,
    title_text,
)
from zopa.scenario.scenario import Scenario

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SOLUTION_MARKERS = {"nash": "o", "kalai_smorodinsky": "s", "egalitarian": "D", "utilitarian": "^"}
"""A marker per solution, so that coinciding solutions stay visible."""


def chosen_actors(scenario: Scenario, text: str | None) -> tuple[str, str]:
    """The two actors of `--actors A,B` (default: the first two in YAML order)."""
    known = list(scenario.actors)
    if text is None:
        if len(known) < 2:
            raise _problem(scenario, "a frontier picture needs two actors; this has one")
        return known[0], known[1]
    names = [part.strip() for part in text.split(",")]
    unknown = [n for n in names if n not in scenario.actors]
    if len(names) != 2 or names[0] == names[1] or unknown:
        listed = ", ".join(known)
        raise _problem(scenario, f"--actors takes two different actors A,B of: {listed}")
    return names[0], names[1]


def _problem(scenario: Scenario, message: str) -> ScenarioError:
    return ScenarioError([Problem(scenario.name, "--actors", None, None, message)])


def pareto_figure(result: Result, scenario: Scenario, actors: tuple[str, str]) -> Figure:
    """The frontier of `result` (an analysis of `scenario`) seen by the two `actors`."""
    a, b = actors
    with style():
        figure = new_figure(6.4, 5.6)
        axes = figure.add_subplot()
        cloud = deal_cloud(scenario, actors)
        if cloud is not None:
            _cloud(axes, cloud)
        _frontier(axes, result.pareto, actors)
        _solutions(axes, result, actors)
        _reservations(axes, scenario, actors)
        axes.set_xlabel(f"utility of {_name(scenario, a)}")
        axes.set_ylabel(f"utility of {_name(scenario, b)}")
        _zoom(axes, result, scenario, actors, cloud)
        axes.set_title(_title(result, scenario, cloud))
        figure.legend(loc="outside lower center", ncols=2)
    return figure


def _cloud(axes: Axes, cloud: Cloud) -> None:
    what = "sampled deals" if cloud.sampled else "deals"
    layers = (
        (False, BACKGROUND, 1.0, 5, f"{what} outside the ZOPA"),
        (True, IN_ZONE, 0.5, 7, f"{what} in the ZOPA"),
    )
    for in_zone, colour, alpha, size, label in layers:
        chosen = [i for i, z in enumerate(cloud.in_zone) if z is in_zone]
        if chosen:
            axes.scatter(
                [cloud.x[i] for i in chosen],
                [cloud.y[i] for i in chosen],
                s=size,
                color=colour,
                alpha=alpha,
                label=f"{label} ({len(chosen)})",
                zorder=2 if in_zone else 1,
                rasterized=True,  # thousands of dots: one embedded image, not an element each
            )


def _zoom(
    axes: Axes,
    result: Result,
    scenario: Scenario,
    actors: tuple[str, str],
    cloud: Cloud | None,
) -> None:
    """Show what there is: the cloud, or else the frontier and the reservations, with a
    margin, never beyond [0, 1]."""
    limits = []
    for index, actor in enumerate(actors):
        values = [float(scenario.actors[actor].reservation)]
        values += [p.utilities[actor] for p in result.pareto]
        if cloud is not None:
            values += list(cloud.x if index == 0 else cloud.y)
        lo, hi = min(values), max(values)
        margin = max(0.05, 0.08 * (hi - lo))
        limits.append((max(-0.02, lo - margin), min(1.02, hi + margin)))
    axes.set_xlim(*limits[0])
    axes.set_ylim(*limits[1])


def _name(scenario: Scenario, actor: str) -> str:
    return scenario.actors[actor].name or actor


def _title(result: Result, scenario: Scenario, cloud: Cloud | None) -> str:
    lead = title_text(result.title or scenario.name)
    if not result.zopa.exists:
        return f"{lead}\nNo ZOPA: no deal every side accepts"
    if cloud is None:
        return f"{lead}\nPareto frontier (too many deals to draw them all)"
    if cloud.sampled:
        return f"{lead}\nPareto frontier; dots: deals, numbers sampled at {NUMBER_SAMPLES} values"
    return f"{lead}\nPareto frontier and every deal"


def _frontier(axes: Axes, points: Sequence[Solution], actors: tuple[str, str]) -> None:
    """The frontier's deals; the ones not beaten in these two utilities joined by a line
    (with more than two actors, a frontier deal can be beaten in two utilities alone)."""
    if not points:
        return
    a, b = actors
    xy = sorted({(p.utilities[a], p.utilities[b]) for p in points})
    front = [
        (x, y) for x, y in xy if not any(u >= x and v >= y and (u, v) != (x, y) for u, v in xy)
    ]
    axes.plot([x for x, _ in front], [y for _, y in front], color=INK, linewidth=1.2, zorder=3)
    axes.scatter(
        [x for x, _ in xy],
        [y for _, y in xy],
        s=12,
        color=INK,
        label=f"Pareto frontier ({len(points)} deal{'s' if len(points) != 1 else ''})",
        zorder=4,
    )


def _solutions(axes: Axes, result: Result, actors: tuple[str, str]) -> None:
    """Each solution a distinct marker and colour; its name and utilities in the legend
    (labels next to the points would overlap where solutions lie close together)."""
    a, b = actors
    for index, (name, solution) in enumerate(result.solutions.items()):
        if solution is None:
            continue
        x, y = solution.utilities[a], solution.utilities[b]
        axes.scatter(
            [x],
            [y],
            s=90 - 14 * index,  # smaller on top: coinciding solutions stay visible
            marker=SOLUTION_MARKERS.get(name, "o"),
            facecolor="none",
            edgecolor=actor_colour(index),
            linewidth=1.8,
            zorder=5 + index,
            label=f"{SOLUTION_TITLES.get(name, name)} ({people_text(x)}, {people_text(y)})",
        )


def _reservations(axes: Axes, scenario: Scenario, actors: tuple[str, str]) -> None:
    a, b = actors
    ra, rb = float(scenario.actors[a].reservation), float(scenario.actors[b].reservation)
    axes.axvline(ra, color=MUTED, linestyle="--", linewidth=1, zorder=0)
    axes.axhline(rb, color=MUTED, linestyle="--", linewidth=1, zorder=0)
    axes.annotate(
        f"{a}'s reservation {people_text(ra)}",
        (ra, 1.0),
        xycoords=axes.get_xaxis_transform(),  # x in data, y at the top of the axes
        xytext=(3, -2),
        textcoords="offset points",
        rotation=90,
        va="top",
        fontsize=8,
        color=MUTED,
    )
    axes.annotate(
        f"{b}'s reservation {people_text(rb)}",
        (1.0, rb),
        xycoords=axes.get_yaxis_transform(),  # x at the right of the axes, y in data
        xytext=(-2, 3),
        textcoords="offset points",
        ha="right",
        fontsize=8,
        color=MUTED,
    )
