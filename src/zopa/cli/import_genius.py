"""`zopa import genius`: a GENIUS / ANAC negotiation as scenario YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.errors import handled
from zopa.cli.shared import write_text


def import_genius(
    domain: Annotated[Path, typer.Argument(help="GENIUS domain XML file (issues and values).")],
    profiles: Annotated[
        list[Path], typer.Argument(help="GENIUS profile XML files, one per party, in actor order.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the YAML here instead of to stdout."),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="Scenario title (default: from the domain file name).")
    ] = None,
) -> None:
    """Import a GENIUS / ANAC negotiation (a domain and linear-additive profiles) as scenario
    YAML. Discount factors are ignored; non-linear (hyperRectangle) profiles are refused."""
    from zopa.importers.genius import genius_to_yaml

    with handled():
        text = genius_to_yaml(domain, profiles, title=title)
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_text(output, text)
