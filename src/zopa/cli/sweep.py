"""`zopa sweep`: re-analyse a scenario over a grid of values."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from zopa.cli.errors import handled, usage_error
from zopa.cli.shared import DropOption, SetOption, WithoutOption, console, load, with_progress


def sweep(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            metavar="PATH=START:STOP:STEPS",
            help="STEPS evenly spaced values, both ends included (repeatable; the first "
            "varies slowest).",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help='Print {"rows": [...]}.')] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print the rows flat, with a header.")
    ] = False,
    refine: Annotated[
        bool, typer.Option("--refine", help="Bisect to the exact values where the ZOPA flips.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes to spread the grid over.")
    ] = 1,
    warm: Annotated[
        bool | None,
        typer.Option(
            "--warm/--cold",
            help="Start each point's Nash search from its neighbour's (--warm), or answer "
            "every point exactly as `zopa analyze` does (--cold). Default: warm where every "
            "issue is finite (the same rows, faster), cold with real numbers (a warm row "
            "agrees within the Nash tolerance, not to the last digit).",
            show_default=False,
        ),
    ] = None,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """Re-analyse the scenario over a grid of values: ZOPA or not, and the Nash deal."""
    from zopa.analysis.sweep_grid import clash_with_variant
    from zopa.analysis.sweep_points import reservation_only
    from zopa.analysis.whatif import parse_vary
    from zopa.analysis.whatif import sweep as run_sweep

    if as_json and as_csv:
        usage_error("zopa sweep: choose one of --json and --csv")
    clash = clash_with_variant(vary, set_ or (), set(drop or ()))
    if clash is not None:
        usage_error(clash)
    scenario = load(file, set_, drop, without)
    with handled():
        varies = [parse_vary(text, file=scenario.name) for text in vary]
        if warm and not reservation_only(scenario, [v.path for v in varies]):
            typer.echo(
                "note: --warm applies to sweeps of reservations only; this grid is "
                "validated and compiled afresh at every point",
                err=True,
            )
        result = with_progress(
            lambda on_row: run_sweep(
                scenario, varies, refine=refine, workers=workers, warm=warm, on_row=on_row
            ),
            total=_grid_size(varies),
        )
    from zopa.report.whatif import json_text, render_sweep, sweep_csv, tipping_lines

    if as_json:
        from zopa.report.uncertain import with_uncertain

        typer.echo(
            json_text(
                with_uncertain(result.to_dict(), [scenario], varied=[v.path for v in varies])
            ),
            nl=False,
        )
    elif as_csv:
        typer.echo(sweep_csv(result, scenario), nl=False)
        for line in tipping_lines(result):  # CSV has no place for them: stderr, as notes
            typer.echo(line, err=True)
    else:
        from zopa.report.uncertain import print_uncertain_notes

        out = console()
        print_uncertain_notes([scenario], out)
        render_sweep(result, scenario, out)


def _grid_size(varies: list[Any]) -> int:
    total = 1
    for vary in varies:
        total *= vary.steps
    return total
