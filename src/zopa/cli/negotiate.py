"""`zopa negotiate`: play the negotiation out, round by round."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.errors import handled
from zopa.cli.shared import DropOption, JsonOption, SetOption, WithoutOption, console, load


def negotiate(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    first: Annotated[
        str | None, typer.Option("--first", metavar="ACTOR", help="Who proposes in round 1.")
    ] = None,
    order: Annotated[
        str | None,
        typer.Option("--order", metavar="A,B,...", help="Proposers of rounds 1, 2, ... cycling."),
    ] = None,
    discount: Annotated[
        list[str] | None,
        typer.Option(
            "--discount", metavar="ACTOR=D", help="Per-round discount in (0, 1] (repeatable)."
        ),
    ] = None,
    tactic: Annotated[
        list[str] | None,
        typer.Option(
            "--tactic",
            metavar="ACTOR=T",
            help="boulware | linear | conceder | a number beta > 0 (repeatable).",
        ),
    ] = None,
    rounds: Annotated[
        int | None,
        typer.Option("--rounds", min=1, help="The horizon (default: long enough / 100)."),
    ] = None,
    equilibrium: Annotated[
        bool,
        typer.Option("--equilibrium", help="Play the equilibrium, ignoring the file's tactics."),
    ] = False,
    as_json: JsonOption = False,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """Play the negotiation out: alternating offers in subgame-perfect equilibrium, or by
    concession tactics; the agreement, every round, and what moving first is worth."""
    scenario = load(file, set_, drop, without)
    with handled():
        from zopa.dynamics.run import cli_negotiate

        result = cli_negotiate(
            scenario,
            first=first,
            order=order,
            discount=discount or [],
            tactic=tactic or [],
            rounds=rounds,
            equilibrium=equilibrium,
        )
        if as_json:
            from zopa.report.negotiation import dumps

            typer.echo(dumps(result), nl=False)
            return
        from zopa.report.negotiation import render

        render(result, console())
