"""`zopa report`: one self-contained HTML page about a scenario, for people."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.errors import handled
from zopa.cli.shared import DropOption, SetOption, WithoutOption, load, write_text


def report(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="OUT.html", help="Write the page here (default: stdout)."
        ),
    ] = None,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """Write one HTML page (pictures inline, nothing loaded from the network) that explains
    the scenario, its zone, fair deals and diagnosis to someone who never saw the YAML."""
    with handled():
        from zopa.plot.figure import require_matplotlib

        require_matplotlib()
    scenario = load(file, set_, drop, without)
    with handled():
        import zopa
        from zopa.report.html import build_report

        page = build_report(scenario, zopa.analyze(scenario))
        if out is None:
            typer.echo(page, nl=False)
        else:
            write_text(out, page)
