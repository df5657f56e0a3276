"""The simulation picture: P(ZOPA) with its Wilson 95% interval, the sensitivity of P(ZOPA)
to each uncertain input (a tornado, largest effect on top), and, for every issue of the Nash
deal over the samples with a ZOPA, a histogram: option shares for choices and booleans, the
5/50/95 percentiles and mean for numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zopa.analysis.simulate_stats import IssueSummary, Simulation
from zopa.format.numbers import people_text
from zopa.plot.figure import IN_ZONE, INK, MUTED, OUT_OF_ZONE, new_figure, style, title_text
from zopa.scenario.scenario import Scenario

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MAX_BARS = 10
"""The most sensitivity bars drawn (the largest effects); the JSON has them all."""


def simulate_figure(result: Simulation, scenario: Scenario) -> Figure:
    """The simulation `result` of `scenario`."""
    issues = list(result.nash.issues.items()) if result.nash is not None else []
    rows = 2 + (len(issues) + 1) // 2
    with style():
        figure = new_figure(7.2, 2.2 * rows + 0.6)
        grid = figure.add_gridspec(rows, 2)
        _probability(figure.add_subplot(grid[0, :]), result)
        _sensitivity(figure.add_subplot(grid[1, :]), result)
        for k, (issue, summary) in enumerate(issues):
            _issue(figure.add_subplot(grid[2 + k // 2, k % 2]), issue, summary)
        lead = title_text(scenario.title or scenario.name)
        how = "exact enumeration" if result.method == "exact" else f"{result.samples} samples"
        figure.suptitle(
            f"{lead}\nsimulation: {how}, seed {result.seed}", x=0.01, ha="left", fontweight="bold"
        )
    return figure


def _probability(axes: Axes, result: Simulation) -> None:
    axes.barh([0], [result.p], color=IN_ZONE, alpha=0.8, height=0.5)
    axes.barh([0], [1 - result.p], left=[result.p], color=OUT_OF_ZONE, alpha=0.8, height=0.5)
    if result.high > result.low:
        axes.errorbar(
            [result.p],
            [0],
            xerr=[[result.p - result.low], [result.high - result.p]],
            color=INK,
            capsize=4,
            linewidth=1.2,
        )
    interval = (
        ""
        if result.high <= result.low
        else f" (95% interval {people_text(result.low)} to {people_text(result.high)})"
    )
    axes.set_title(f"P(ZOPA) = {people_text(result.p)}{interval}", loc="left", fontsize=10)
    axes.set_xlim(0, 1)
    axes.set_yticks([])


def _sensitivity(axes: Axes, result: Simulation) -> None:
    bars = list(result.sensitivity[:MAX_BARS])[::-1]
    if not bars:
        axes.text(0.5, 0.5, "no uncertain inputs", ha="center", va="center", color=MUTED)
        axes.set_axis_off()
        return
    effects = [b.effect for b in bars]
    axes.barh(
        range(len(bars)),
        effects,
        color=[IN_ZONE if e >= 0 else OUT_OF_ZONE for e in effects],
        alpha=0.8,
    )
    axes.set_yticks(range(len(bars)), [b.input for b in bars], fontsize=8)
    axes.axvline(0, color=INK, linewidth=0.8)
    limit = max(0.05, *(abs(e) for e in effects))
    axes.set_xlim(-limit * 1.1, limit * 1.1)
    axes.set_title(
        "sensitivity: P(ZOPA) upper half minus lower half (credibility: real minus absent)",
        loc="left",
        fontsize=9,
    )


def _issue(axes: Axes, issue: str, summary: IssueSummary) -> None:
    axes.set_title(f"Nash deal: {issue}", loc="left", fontsize=9)
    if summary.shares is not None:
        names = list(summary.shares)
        axes.bar(range(len(names)), [summary.shares[n] for n in names], color=IN_ZONE, alpha=0.8)
        axes.set_xticks(range(len(names)), names, rotation=30, ha="right", fontsize=7)
        axes.set_ylim(0, 1)
        axes.set_ylabel("share", fontsize=8)
    elif summary.spread is not None:
        spread = summary.spread
        axes.plot(
            [spread.p5, spread.p95],
            [0, 0],
            color=IN_ZONE,
            linewidth=6,
            alpha=0.6,
            solid_capstyle="butt",
            label="5th to 95th percentile",
        )
        axes.plot([spread.p50], [0], marker="|", markersize=18, color=INK, label="median")
        axes.plot([spread.mean], [0], marker="o", color=INK, label="mean")
        axes.set_yticks([])
        axes.legend(fontsize=7, loc="upper right", frameon=False)
    elif summary.positions is not None:
        steps = list(summary.positions)
        axes.barh(
            range(len(steps)), [summary.positions[s].mean for s in steps], color=IN_ZONE, alpha=0.8
        )
        axes.set_yticks(range(len(steps)), steps, fontsize=7)
        axes.set_xlabel("mean position (1 = first)", fontsize=8)
