"""The `zopa` command line: one module per command, registered in `zopa.cli.app`.

`main` is the console-script entry point (`zopa`, `python -m zopa`); it imports the typer
app only when called, so importing `zopa.cli` costs nothing.
"""

from __future__ import annotations


def main() -> None:
    """The console-script entry point (`zopa`, `python -m zopa`)."""
    from zopa.cli.app import main as run

    run()
