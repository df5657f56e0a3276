"""The negotiation picture: each actor's utility of the offer on the table, round by round,
a filled marker where it accepts and a hollow one where it rejects, its reservation as a
dashed line and, when tactics are played, its aspiration as a dotted one; the agreement's
round is marked. Below, what moving first is worth: each actor's utility of the agreement
with each actor proposing first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zopa.dynamics.result import Negotiation
from zopa.plot.figure import INK, actor_colour, new_figure, style, title_text
from zopa.scenario.scenario import Scenario

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def negotiate_figure(result: Negotiation, scenario: Scenario) -> Figure:
    """The negotiation `result` of `scenario`."""
    actors = list(scenario.actors)
    with style():
        figure = new_figure(7.2, 7.0)
        offers, first = figure.subplots(2, 1, gridspec_kw={"height_ratios": [3, 2]})
        _offers(offers, result, actors)
        _first_movers(first, result, actors)
        lead = title_text(scenario.title or scenario.name)
        play = result.play
        outcome = (
            f"agreed in round {play.agreement.round}, proposed by {play.agreement.proposer}"
            if play.agreement is not None
            else "no agreement"
        )
        figure.suptitle(f"{lead}\n{play.method}: {outcome}", x=0.01, ha="left", fontweight="bold")
    return figure


def _offers(axes: Axes, result: Negotiation, actors: list[str]) -> None:
    rounds = result.play.rounds
    for index, actor in enumerate(actors):
        colour = actor_colour(index)
        xs = [r.round for r in rounds if r.utilities is not None]
        ys = [r.utilities[actor] for r in rounds if r.utilities is not None]
        axes.plot(xs, ys, color=colour, linewidth=1, label=actor)
        for r in rounds:
            if r.utilities is None:
                continue
            accepted = r.answers.get(actor)
            face = colour if accepted or r.proposer == actor else "white"
            marker = "s" if r.proposer == actor else "o"
            axes.plot(
                [r.round],
                [r.utilities[actor]],
                marker=marker,
                markersize=5,
                markerfacecolor=face,
                markeredgecolor=colour,
                linestyle="none",
            )
        if rounds:
            axes.plot(
                [rounds[0].round, rounds[-1].round],
                [result.reservations[actor]] * 2,
                color=colour,
                linestyle="--",
                linewidth=0.8,
                alpha=0.7,
            )
        aspirations = [
            (r.round, r.aspirations[actor])
            for r in rounds
            if r.aspirations is not None and actor in r.aspirations
        ]
        if aspirations:
            axes.plot(
                [a for a, _ in aspirations],
                [b for _, b in aspirations],
                color=colour,
                linestyle=":",
                linewidth=1,
            )
    if result.play.agreement is not None:
        axes.axvline(result.play.agreement.round, color=INK, linestyle=":", linewidth=1.2)
    axes.set_xlabel(
        "round (square: the proposer; hollow: rejected; dashed: reservation; dotted: aspiration)",
        fontsize=8,
    )
    axes.set_ylabel("utility of the offer")
    axes.set_ylim(-0.02, 1.02)
    axes.legend(fontsize=8, loc="lower right")


def _first_movers(axes: Axes, result: Negotiation, actors: list[str]) -> None:
    proposers = list(result.by_first_proposer)
    width = 0.8 / max(1, len(actors))
    for index, actor in enumerate(actors):
        values = []
        for proposer in proposers:
            agreement = result.by_first_proposer[proposer].agreement
            values.append(
                agreement.utilities[actor] if agreement is not None else result.reservations[actor]
            )
        axes.bar(
            [k + index * width for k in range(len(proposers))],
            values,
            width=width,
            color=actor_colour(index),
            alpha=0.85,
            label=actor,
        )
    axes.set_xticks(
        [k + 0.4 - width / 2 for k in range(len(proposers))],
        [f"{p} first" for p in proposers],
        fontsize=8,
    )
    axes.set_ylim(0, 1.02)
    axes.set_ylabel("utility of the agreement")
    axes.set_title("what moving first is worth", loc="left", fontsize=9)
