"""What several commands share: the --set/--drop/--without options, loading a scenario with
its changes, writing a file, and the rich console. Heavy modules are imported inside."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from zopa.cli.errors import handled

if TYPE_CHECKING:
    from rich.console import Console

    from zopa.scenario.changes import Change
    from zopa.scenario.scenario import Scenario

SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set", metavar="PATH=VALUE", help="Set a value first (repeatable), e.g. a.b.c=0.3."
    ),
]
DropOption = Annotated[
    list[str] | None,
    typer.Option(
        "--drop", metavar="ACTOR/ID", help="Remove a red line or ACTOR/reservation (repeatable)."
    ),
]
WithoutOption = Annotated[
    list[str] | None,
    typer.Option("--without", metavar="ACTOR", help="Remove an actor (repeatable)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]

T = TypeVar("T")

PIPED_WIDTH = 80
"""Columns of text output that goes to a file or a pipe; COLUMNS, when set, wins."""

_COLOR = {"wanted": True}
"""Whether colour is allowed at all: `zopa --no-color` turns it off for the whole run."""


def set_color(wanted: bool) -> None:
    """Allow or forbid colour for every console made after this call (`--no-color`)."""
    _COLOR["wanted"] = wanted


def color_allowed() -> bool:
    """Colour only on a terminal, never with `--no-color` or a non-empty NO_COLOR."""
    import os

    return _COLOR["wanted"] and not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def console(*, soft_wrap: bool = False) -> Console:
    import os

    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """Rich would exit 1; the reader stopping early is no error (`app.main`)."""
            raise BrokenPipeError

    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    color = color_allowed()
    return _Console(
        width=PIPED_WIDTH if piped else None,
        soft_wrap=soft_wrap,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=color,
    )


def changes(
    set_: list[str] | None, drop: list[str] | None, without: list[str] | None
) -> list[Change]:
    from zopa.scenario.changes import drop_option, set_option, without_option

    found = [set_option(text) for text in set_ or ()]
    found += [drop_option(ref) for ref in drop or ()]
    found += [without_option(actor) for actor in without or ()]
    return found


def load(
    file: Path, set_: list[str] | None, drop: list[str] | None, without: list[str] | None
) -> Scenario:
    """The scenario with its changes, or exit 2 with every problem on stderr."""
    from zopa.scenario.load import load_file

    with handled():
        return load_file(file, changes=changes(set_, drop, without))
    raise AssertionError("unreachable: handled() exits")  # pragma: no cover


def write_text(path: Path, text: str) -> None:
    """Write `text` to `path`; a failure is bad input (exit 2), named with the file."""
    from zopa.errors import Problem, ScenarioError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(str(path), "", None, None, f"cannot write the file: {reason}")
        raise ScenarioError([problem]) from None


def with_progress(
    work: Callable[[Callable[[int], None]], T], *, total: int, label: str = "sweeping"
) -> T:
    """Run `work(on_done)` with a progress bar on stderr when stderr is a terminal."""
    if not sys.stderr.isatty():
        return work(lambda done: None)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        return work(lambda done: progress.update(task, completed=done))
