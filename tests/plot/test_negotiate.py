"""The negotiation picture shows the play's own numbers: each actor's line is its utility of
every round's offer, the agreement's round is marked, the first-mover bars are the
by_first_proposer agreements; same bytes twice."""

from __future__ import annotations

import pytest

import zopa
from zopa.plot.figure import figure_bytes
from zopa.plot.negotiate import negotiate_figure

SCENARIO = zopa.load("scenarios/ukraine-negotiation.yaml")
RESULT = zopa.negotiate(SCENARIO, rounds=20)


def test_each_line_is_the_actor_s_utility_of_every_offer() -> None:
    offers = negotiate_figure(RESULT, SCENARIO).axes[0]
    for actor in SCENARIO.actors:
        line = next(line for line in offers.get_lines() if line.get_label() == actor)
        rounds = [r for r in RESULT.play.rounds if r.utilities is not None]
        assert list(line.get_xdata()) == [r.round for r in rounds]
        assert list(line.get_ydata()) == pytest.approx([r.utilities[actor] for r in rounds])


def test_the_agreement_round_is_marked() -> None:
    offers = negotiate_figure(RESULT, SCENARIO).axes[0]
    agreement = RESULT.play.agreement
    assert agreement is not None
    dotted = [
        line
        for line in offers.get_lines()
        if line.get_linestyle() == ":" and line.get_xdata()[0] == line.get_xdata()[-1]
    ]
    assert any(line.get_xdata()[0] == agreement.round for line in dotted)


def test_first_mover_bars_are_the_agreements() -> None:
    first = negotiate_figure(RESULT, SCENARIO).axes[1]
    heights = [bar.get_height() for bar in first.patches]
    expected = []
    for actor in SCENARIO.actors:
        for play in RESULT.by_first_proposer.values():
            got = play.agreement
            expected.append(got.utilities[actor] if got is not None else RESULT.reservations[actor])
    assert heights == pytest.approx(expected)


def test_the_same_play_draws_the_same_bytes() -> None:
    first = figure_bytes(negotiate_figure(RESULT, SCENARIO), "svg")
    assert first == figure_bytes(negotiate_figure(RESULT, SCENARIO), "svg")
