"""`zopa stability`: which outcomes last (Nash, GMR, SMR, SEQ of the graph model)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.errors import handled
from zopa.cli.shared import DropOption, JsonOption, SetOption, WithoutOption, console, load


def stability(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    as_json: JsonOption = False,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """Stability of every outcome (graph model for conflict resolution: Nash, GMR, SMR, SEQ).
    Every issue must be finite and have `controlled_by`."""
    scenario = load(file, set_, drop, without)
    with handled():
        import zopa

        result = zopa.stability(scenario)
        if as_json:
            from zopa.report.stability import dumps

            typer.echo(dumps(result), nl=False)
            return
        from zopa.report.stability import render

        render(result, console())
