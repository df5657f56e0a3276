"""`zopa plot`: a picture of one scenario's frontier, zone or sweep, as PNG or SVG."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zopa.cli.errors import handled, usage_error
from zopa.cli.shared import DropOption, SetOption, WithoutOption, load


class Kind(StrEnum):
    pareto = "pareto"
    zone = "zone"
    sweep = "sweep"
    simulate = "simulate"
    negotiate = "negotiate"


def plot(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    kind: Annotated[
        Kind,
        typer.Option(
            "--kind",
            help="pareto: two actors' frontier; zone: one bar per issue; sweep: a ZOPA and "
            "the Nash utilities against one --vary; simulate: P(ZOPA), sensitivity and the "
            "Nash deal's spread (zopa simulate); negotiate: the offers round by round "
            "(zopa negotiate).",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--output", "-o", metavar="OUT.png|OUT.svg", help="The picture.")
    ],
    actors: Annotated[
        str | None,
        typer.Option(
            "--actors", metavar="A,B", help="The frontier's two actors (default: the first two)."
        ),
    ] = None,
    vary: Annotated[
        str | None,
        typer.Option(
            "--vary", metavar="PATH=START:STOP:STEPS", help="What a sweep varies (one path)."
        ),
    ] = None,
    samples: Annotated[
        int, typer.Option("-n", "--samples", min=1, help="Samples of a simulate picture.")
    ] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of a simulate picture.")] = 0,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """Draw the Pareto frontier, the zone, a sweep, a simulation or a negotiation of the
    scenario into a PNG or SVG file."""
    if kind is Kind.sweep and vary is None:
        usage_error("zopa plot: --kind sweep needs --vary PATH=START:STOP:STEPS")
    if kind is not Kind.sweep and vary is not None:
        usage_error("zopa plot: --vary goes with --kind sweep")
    if kind is not Kind.pareto and actors is not None:
        usage_error("zopa plot: --actors goes with --kind pareto")
    if vary is not None:
        from zopa.analysis.sweep_grid import clash_with_variant

        clash = clash_with_variant([vary], set_ or (), set(drop or ()), command="zopa plot")
        if clash is not None:
            usage_error(clash)
    with handled():
        from zopa.plot.figure import file_format, require_matplotlib

        file_format(out)
        require_matplotlib()
    scenario = load(file, set_, drop, without)
    with handled():
        from zopa.plot.draw import draw

        draw(scenario, kind.value, out, actors=actors, vary=vary, samples=samples, seed=seed)
