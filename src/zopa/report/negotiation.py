"""The report of `zopa negotiate`: the game as set (order, discounts, tactics, horizon), the
agreement (round, proposer, deal, utilities and discounted worth) or none, the rounds played
(each offer, each actor's utility and each answer), and what moving first is worth.

`dumps` is the `--json` form: one object, keys sorted, floats to 9 significant digits.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zopa.dynamics.result import Negotiation, Play, Round
from zopa.format.numbers import number_text
from zopa.report.solutions import value_text

MAX_ROUND_ROWS = 12
"""The most rounds the text report lists (the first and last half); `--json` has all."""


def dumps(result: Negotiation) -> str:
    """`result` as the JSON text `zopa negotiate --json` prints, with a final newline."""
    return (
        json.dumps(result.to_dict(), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
        + "\n"
    )


def _game_line(result: Negotiation) -> str:
    play = result.play
    horizon = f"{play.horizon} rounds"
    if play.auto_horizon:
        horizon += " (chosen: round 1 within 1e-06 of the infinite-horizon limit)"
    if result.tactics is None:
        how = "subgame-perfect equilibrium"
    else:
        how = "tactics " + ", ".join(
            f"{a} beta {number_text(b)}" for a, b in result.tactics.items()
        )
    discounts = ", ".join(f"{a} {number_text(d)}" for a, d in result.discount.items())
    return (
        f"{how}; order {' → '.join(play.order)} (cycling); discounts {discounts}; horizon {horizon}"
    )


def _agreement(play: Play, result: Negotiation, console: Console) -> None:
    agreement = play.agreement
    if agreement is None:
        console.print(
            Text(
                f"No agreement in {play.horizon} rounds: everyone gets its reservation", "bold red"
            )
        )
        return
    console.print(
        Text(
            f"Agreement in round {agreement.round}, proposed by {agreement.proposer}",
            style="bold green",
        )
    )
    deal = Table(title="Agreed deal", title_justify="left")
    deal.add_column("issue", style="bold", no_wrap=True)
    deal.add_column("value", overflow="fold")
    for issue, value in agreement.deal.items():
        deal.add_row(issue, value_text(value))
    console.print(deal)
    worth = Table(title="What it is worth", title_justify="left")
    for heading in ("actor", "utility", "reservation", "worth (discounted)"):
        worth.add_column(heading, no_wrap=True)
    for actor, u in agreement.utilities.items():
        worth.add_row(
            actor,
            number_text(u),
            number_text(result.reservations[actor]),
            number_text(agreement.worth[actor]),
        )
    console.print(worth)


def _round_lines(r: Round) -> list[str]:
    """One round as two lines: the offer, then every actor's utility and answer."""
    if r.offer is None:
        head = f"round {r.round}: {r.proposer} makes no acceptable offer"
    else:
        offer = ", ".join(f"{k}={value_text(v)}" for k, v in r.offer.items())
        head = f"round {r.round}: {r.proposer} offers {offer}"
    parts: list[str] = []
    for actor in r.utilities or r.aspirations or {}:
        part = actor
        if r.utilities is not None:
            part += f" {number_text(r.utilities[actor])}"
        if r.aspirations is not None:
            part += f" (aspires to {number_text(r.aspirations[actor])})"
        if actor in r.answers:
            part += " accepts" if r.answers[actor] else " rejects"
        parts.append(part)
    if not parts:
        parts = [f"{a} {'accepts' if ok else 'rejects'}" for a, ok in r.answers.items()]
    return [head, "    " + "; ".join(parts)]


def _rounds(play: Play, console: Console) -> None:
    console.print(Text(f"Rounds played: {len(play.rounds)}", style="bold"))
    shown = list(play.rounds)
    half = MAX_ROUND_ROWS // 2
    for index, r in enumerate(shown):
        if len(shown) > MAX_ROUND_ROWS and half <= index < len(shown) - half:
            if index == half:
                hidden = len(shown) - MAX_ROUND_ROWS
                console.print(Text(f"  ... {hidden} rounds not shown (--json lists all)", "dim"))
            continue
        for line in _round_lines(r):
            console.print(Text("  " + line), soft_wrap=False)


def _first_movers(result: Negotiation, console: Console) -> None:
    table = Table(title="What moving first is worth (worth of the outcome)", title_justify="left")
    table.add_column("first proposer", style="bold", no_wrap=True)
    table.add_column("round", justify="right")
    for actor in result.reservations:
        table.add_column(actor, no_wrap=True)
    for first, play in result.by_first_proposer.items():
        worth = [number_text(play.worth(a, r)) for a, r in result.reservations.items()]
        agreed = "none" if play.agreement is None else str(play.agreement.round)
        table.add_row(first, agreed, *worth)
    console.print(table)


def render(result: Negotiation, console: Console) -> None:
    """Write the report of `result` to `console`."""
    if result.title:
        console.print(Text(result.title, style="bold underline"))
    console.print(Text(_game_line(result)))
    _agreement(result.play, result, console)
    _rounds(result.play, console)
    _first_movers(result, console)
