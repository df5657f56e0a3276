"""The typer app: the root options and the registration of every command, one line each.

A command lives in its own module `zopa.cli.<name>` as one typed function (its docstring is
its help); it imports the library inside the function, so that `zopa --help` stays fast, and
runs its library calls inside `zopa.cli.errors.handled()`. No logic lives in the CLI layer.
"""

from __future__ import annotations

import sys
from typing import Annotated, NoReturn

import typer

from zopa.cli import (
    analyze,
    check,
    compare,
    import_genius,
    import_gmcr,
    negotiate,
    plot,
    report,
    schema,
    simulate,
    stability,
    sweep,
    validate,
)
from zopa.cli.errors import EXIT_OK

app = typer.Typer(
    name="zopa",
    help="Negotiation positions in, zone of possible agreement, fair deals and conflicts out.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
import_app = typer.Typer(
    help="Turn negotiation data written for other tools into scenario files.",
    no_args_is_help=True,
)

# --- the commands, in the order `zopa --help` lists them --------------------------------
app.command()(validate.validate)
app.command()(schema.schema)
app.command()(analyze.analyze)
app.command()(sweep.sweep)
app.command()(check.check)
app.command()(compare.compare)
app.command()(simulate.simulate)
app.command()(negotiate.negotiate)
app.command()(stability.stability)
app.command()(plot.plot)
app.command()(report.report)
app.add_typer(import_app, name="import")
import_app.command("genius")(import_genius.import_genius)
import_app.command("gmcr")(import_gmcr.import_gmcr)


def _version(value: bool) -> None:
    if value:
        from zopa import __version__

        typer.echo(f"zopa {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Log the engine's numerical fallbacks on stderr."),
    ] = False,
    no_color: Annotated[
        bool,
        typer.Option("--no-color", help="No colour even on a terminal (NO_COLOR=1 does the same)."),
    ] = False,
) -> None:
    """zopa: is there a deal every side could accept, where is it, and which deal is fair?"""
    from zopa.cli.shared import set_color

    set_color(not no_color)
    if verbose:
        import logging

        logging.basicConfig(level=logging.INFO, format="zopa: %(name)s: %(message)s")


def main() -> None:
    """Run the app; Ctrl-C is exit 130 with one line, not a traceback; a reader that stops
    early (`zopa analyze x.yaml | head -1`) ends the run quietly with exit 0."""
    try:
        app(prog_name="zopa")
    except KeyboardInterrupt:
        sys.stderr.write("zopa: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        _closed_pipe()
    except SystemExit as stop:
        if _pipe_was_closed():
            _closed_pipe()
        raise stop from None


def _pipe_was_closed() -> bool:
    """Click turns a closed stdout into exit 1 after wrapping stdout and stderr in its
    `PacifyFlushWrapper`; that wrapper is how the closed pipe is recognised."""
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"


def _closed_pipe() -> NoReturn:
    """The reader has gone: point stdout at /dev/null, so the final flush at exit cannot
    fail again, and end with exit 0 (the Python documentation's recipe for SIGPIPE)."""
    import os
    from contextlib import suppress

    devnull = os.open(os.devnull, os.O_WRONLY)
    with suppress(OSError, ValueError):  # stdout without a file descriptor: nothing to do
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    sys.exit(EXIT_OK)
