"""`zopa import gmcr`: a GMCR+ save file as scenario YAML (for `zopa stability`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.errors import handled
from zopa.cli.shared import write_text


def import_gmcr(
    file: Annotated[Path, typer.Argument(help="GMCR+ save file (.gmcr, JSON).")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the YAML here instead of to stdout."),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="Scenario title (default: the file name).")
    ] = None,
) -> None:
    """Import a GMCR+ conflict: options become boolean issues controlled by their decision
    maker, infeasible states become rules, option prioritization becomes weighted terms.
    Manual preference rankings and coalitions are not imported."""
    from zopa.importers.gmcr import gmcr_to_yaml

    with handled():
        text = gmcr_to_yaml(file, title=title)
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_text(output, text)
