"""`zopa analyze`: the zone, fair deals, the Pareto frontier and conflicts of one scenario."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zopa.cli.errors import handled, usage_error
from zopa.cli.shared import console, load

if TYPE_CHECKING:
    from zopa.scenario.scenario import Scenario


def analyze(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print one JSON object on stdout (sorted keys, 9 significant digits)."
        ),
    ] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="PATH=VALUE",
            help="Set a value first, e.g. actors.russia.reservation=0.3 (repeatable).",
        ),
    ] = None,
    drop: Annotated[
        list[str] | None,
        typer.Option(
            "--drop",
            metavar="ACTOR/ID",
            help="Remove a red line, or ACTOR/reservation (repeatable).",
        ),
    ] = None,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", metavar="ACTOR", help="Remove an actor (repeatable)."),
    ] = None,
    max_pareto: Annotated[
        int, typer.Option("--max-pareto", min=0, help="Most Pareto deals to list.")
    ] = 1000,
    max_conflicts: Annotated[
        int,
        typer.Option("--max-conflicts", min=0, help="Most conflicts and relaxations to list."),
    ] = 20,
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", min=0.0, help="Seconds allowed for the zone search."),
    ] = None,
    max_pareto_solves: Annotated[
        int,
        typer.Option(
            "--max-pareto-solves",
            min=0,
            help="Solver calls the Pareto search may make (a count: answers stay the same).",
        ),
    ] = 500,
) -> None:
    """Find the zone of possible agreement, fair deals, the Pareto frontier and conflicts."""
    if time_limit is not None and time_limit <= 0:
        usage_error("zopa analyze: --time-limit must be a positive number of seconds")
    scenario = load(file, set_, drop, without)
    with handled():
        _analyze_and_render(
            scenario,
            as_json=as_json,
            max_pareto=max_pareto,
            max_conflicts=max_conflicts,
            time_limit=time_limit,
            max_pareto_solves=max_pareto_solves,
        )


def _analyze_and_render(
    scenario: Scenario,
    *,
    as_json: bool,
    max_pareto: int,
    max_conflicts: int,
    time_limit: float | None,
    max_pareto_solves: int,
) -> None:
    import zopa

    result = zopa.analyze(
        scenario,
        max_pareto=max_pareto,
        max_conflicts=max_conflicts,
        time_limit=time_limit,
        max_pareto_solves=max_pareto_solves,
    )
    if as_json:
        from zopa.report.json import dumps

        typer.echo(dumps(result), nl=False)
        return

    from zopa.report.text import render

    render(result, scenario, console())
