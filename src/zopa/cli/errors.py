"""The command line's one error handler: exceptions in, a message on stderr and an exit code
out (FORMAT §3). Every command runs its library calls inside `handled()`.

Exit codes: 0 the command ran (no ZOPA is an answer, not an error); 1 an expectation failed
(`zopa check`); 2 bad input or usage (every problem on stderr as `file:line:col: path:
message`, no traceback); 3 a solver or internal failure (one line on stderr, no traceback).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def usage_error(message: str) -> NoReturn:
    """A bad combination of options: one line on stderr, exit 2."""
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


class Failures:
    """Counts the inputs whose problems were reported, for commands that go on to the next
    file (`validate`, `check`) instead of stopping at the first bad one."""

    def __init__(self) -> None:
        self.count = 0

    def __bool__(self) -> bool:
        return self.count > 0


@contextmanager
def handled(failures: Failures | None = None) -> Iterator[None]:
    """Run the block; turn what it raises into a message and an exit code.

    A `ScenarioError` prints every problem on stderr, then exits 2, or, when `failures` is
    given, counts one failure and lets the command carry on. Anything else (a `SolverError`,
    or a bug in zopa) is one line on stderr and exit 3. `typer.Exit` passes through.
    """
    try:
        yield
    except (typer.Exit, BrokenPipeError):
        raise  # a closed pipe is no error: `zopa.cli.app.main` ends the run quietly
    except Exception as error:
        from zopa.errors import ScenarioError

        if isinstance(error, ScenarioError):
            for problem in error.problems:
                typer.echo(str(problem), err=True)
            if failures is None:
                raise typer.Exit(EXIT_BAD_INPUT) from None
            failures.count += 1
            return
        _internal(error)


def _internal(error: BaseException) -> NoReturn:
    from zopa.errors import SolverError

    message = " ".join(str(error).split()) or "(no message)"
    if isinstance(error, SolverError):
        typer.echo(f"zopa: solver failure: {message}", err=True)
    else:
        typer.echo(
            f"zopa: internal error: {type(error).__name__}: {message} "
            "(please report this with the scenario file)",
            err=True,
        )
    raise typer.Exit(EXIT_INTERNAL)
