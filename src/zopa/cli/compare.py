"""`zopa compare`: what changes between two scenarios, or a scenario and a variant of it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.errors import handled, usage_error
from zopa.cli.shared import DropOption, JsonOption, SetOption, WithoutOption, console, load


def compare(
    before: Annotated[Path, typer.Argument(help="The scenario file to start from.")],
    after: Annotated[
        Path | None,
        typer.Argument(help="A second scenario file (default: BEFORE with the changes)."),
    ] = None,
    as_json: JsonOption = False,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """What changes between two scenarios, or one scenario and its --set/--drop/--without
    variant (the changes apply to the second side only)."""
    import zopa
    from zopa.analysis.compare import compare as run_compare

    if after is None and not (set_ or drop or without):
        usage_error(
            "zopa compare: give a second file, or --set/--drop/--without to compare "
            f"{before} with a variant of itself"
        )
    first = load(before, None, None, None)
    second = load(after or before, set_, drop, without)
    with handled():
        comparison = run_compare(
            zopa.analyze(first),
            zopa.analyze(second),
            names=(str(before), _label(after or before, set_, drop, without)),
        )
    from zopa.report.whatif import json_text, render_compare

    if as_json:
        from zopa.report.uncertain import with_uncertain

        typer.echo(json_text(with_uncertain(comparison.to_dict(), [first, second])), nl=False)
    else:
        from zopa.report.uncertain import print_uncertain_notes

        out = console(soft_wrap=True)
        print_uncertain_notes([first, second], out)
        render_compare(comparison, out)


def _label(
    file: Path, set_: list[str] | None, drop: list[str] | None, without: list[str] | None
) -> str:
    parts = [str(file)]
    parts += [f"--set {s}" for s in set_ or ()]
    parts += [f"--drop {d}" for d in drop or ()]
    parts += [f"--without {w}" for w in without or ()]
    return " ".join(parts)
