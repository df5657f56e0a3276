"""The `zopa` command line: a shell that parses options, calls the library, renders, and
chooses the exit code (FORMAT §3). No logic lives here.

Exit codes: 0 the command ran (no ZOPA is an answer, not an error); 2 bad input or usage
(every problem on stderr as `file:line:col: path: message`, no traceback); 3 a solver or
internal failure (one line on stderr, no traceback).

Heavy modules (pydantic, numpy, highspy, rich) are imported inside the commands so that
`zopa --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from zopa.errors import ScenarioError
    from zopa.scenario.changes import Change
    from zopa.scenario.scenario import Scenario

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

app = typer.Typer(
    name="zopa",
    help="Negotiation positions in, zone of possible agreement, fair deals and conflicts out.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


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
) -> None:
    """zopa: is there a deal every side could accept, where is it, and which deal is fair?"""


def _report_problems(error: ScenarioError) -> None:
    for problem in error.problems:
        typer.echo(str(problem), err=True)


def _internal(error: BaseException) -> NoReturn:
    message = " ".join(str(error).split()) or "(no message)"
    typer.echo(
        f"zopa: internal error: {type(error).__name__}: {message} "
        "(please report this with the scenario file)",
        err=True,
    )
    raise typer.Exit(EXIT_INTERNAL)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario files to check.")],
) -> None:
    """Check scenario files; print every problem with its file, line and column."""
    from zopa.errors import ScenarioError
    from zopa.scenario.load import load_file

    failed = False
    for file in files:
        try:
            load_file(file)
        except ScenarioError as error:
            _report_problems(error)
            failed = True
        except Exception as error:  # a bug in zopa, not in the file
            _internal(error)
        else:
            typer.echo(f"ok {file}")
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format, for editors."""
    import json

    from zopa.scenario.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


@app.command()
def analyze(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object (FORMAT §4) on stdout.")
    ] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="PATH=VALUE",
            help="Set a value first, e.g. actors.russia.reservation=0.3 (repeatable).",
        ),
    ] = None,
    drop: Annotated[
        list[str] | None,
        typer.Option(
            "--drop",
            metavar="ACTOR/ID",
            help="Remove a red line, or ACTOR/reservation (repeatable).",
        ),
    ] = None,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", metavar="ACTOR", help="Remove an actor (repeatable)."),
    ] = None,
    max_pareto: Annotated[
        int, typer.Option("--max-pareto", min=0, help="Most Pareto deals to list.")
    ] = 1000,
    max_conflicts: Annotated[
        int,
        typer.Option("--max-conflicts", min=0, help="Most conflicts and relaxations to list."),
    ] = 20,
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", min=0.0, help="Seconds allowed for each solver call."),
    ] = None,
) -> None:
    """Find the zone of possible agreement, fair deals, the Pareto frontier and conflicts."""
    from zopa.errors import ScenarioError
    from zopa.scenario.load import load_file

    try:
        scenario = load_file(file, changes=_changes(set_, drop, without))
    except ScenarioError as error:
        _report_problems(error)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except Exception as error:
        _internal(error)
    try:
        _analyze_and_render(
            scenario,
            as_json=as_json,
            max_pareto=max_pareto,
            max_conflicts=max_conflicts,
            time_limit=time_limit,
        )
    except ScenarioError as error:
        _report_problems(error)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except Exception as error:  # SolverError, or a bug: one line, exit 3
        _internal(error)


def _changes(
    set_: list[str] | None, drop: list[str] | None, without: list[str] | None
) -> list[Change]:
    from zopa.scenario.changes import drop_option, set_option, without_option

    changes = [set_option(text) for text in set_ or ()]
    changes += [drop_option(ref) for ref in drop or ()]
    changes += [without_option(actor) for actor in without or ()]
    return changes


def _analyze_and_render(
    scenario: Scenario,
    *,
    as_json: bool,
    max_pareto: int,
    max_conflicts: int,
    time_limit: float | None,
) -> None:
    import zopa

    result = zopa.analyze(
        scenario, max_pareto=max_pareto, max_conflicts=max_conflicts, time_limit=time_limit
    )
    if as_json:
        from zopa.report.json import dumps  # type: ignore[import-not-found,unused-ignore]

        typer.echo(dumps(result))
        return
    from rich.console import Console

    from zopa.report.text import render  # type: ignore[import-not-found,unused-ignore]

    render(result, scenario, Console())


# `check`, `sweep` and `compare` are further commands of FORMAT §3; they will be added here,
# each as a shell over its library call like the ones above.


def main() -> None:
    """The console-script entry point (`zopa`, `python -m zopa`)."""
    try:
        app(prog_name="zopa")
    except KeyboardInterrupt:
        sys.stderr.write("zopa: interrupted\n")
        sys.exit(130)
