"""`zopa validate`: check scenario files without solving anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.errors import EXIT_BAD_INPUT, Failures, handled


def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario files to check.")],
) -> None:
    """Check scenario files; print every problem with its file, line and column."""
    from zopa.scenario.load import load_file

    failures = Failures()
    for file in files:
        before = failures.count
        with handled(failures):
            load_file(file)
        if failures.count == before:
            typer.echo(f"ok {file}")
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)
