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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from zopa.errors import ScenarioError
    from zopa.scenario.changes import Change
    from zopa.scenario.scenario import Scenario

T = TypeVar("T")

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
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Log the engine's numerical fallbacks on stderr."),
    ] = False,
) -> None:
    """zopa: is there a deal every side could accept, where is it, and which deal is fair?"""
    if verbose:
        import logging

        logging.basicConfig(level=logging.INFO, format="zopa: %(name)s: %(message)s")


def _report_problems(error: ScenarioError) -> None:
    for problem in error.problems:
        typer.echo(str(problem), err=True)


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
        bool,
        typer.Option(
            "--json", help="Print one JSON object on stdout (sorted keys, 9 significant digits)."
        ),
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
        typer.Option("--time-limit", min=0.0, help="Seconds allowed for the zone search."),
    ] = None,
    max_pareto_solves: Annotated[
        int,
        typer.Option(
            "--max-pareto-solves",
            min=0,
            help="Solver calls the Pareto search may make (a count: answers stay the same).",
        ),
    ] = 500,
) -> None:
    """Find the zone of possible agreement, fair deals, the Pareto frontier and conflicts."""
    from zopa.errors import ScenarioError

    if time_limit is not None and time_limit <= 0:
        typer.echo("zopa analyze: --time-limit must be a positive number of seconds", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    scenario = _load(file, set_, drop, without)
    try:
        _analyze_and_render(
            scenario,
            as_json=as_json,
            max_pareto=max_pareto,
            max_conflicts=max_conflicts,
            time_limit=time_limit,
            max_pareto_solves=max_pareto_solves,
        )
    except ScenarioError as error:
        _report_problems(error)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except Exception as error:  # SolverError, or a bug: one line, exit 3
        _internal(error)


PIPED_WIDTH = 120
"""Columns of text output that goes to a file or a pipe (rich would take 80, and split the
nine-digit numbers of a solutions table); COLUMNS, when set, wins."""


def _console(*, soft_wrap: bool = False) -> Console:
    import os

    from rich.console import Console

    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(width=PIPED_WIDTH if piped else None, soft_wrap=soft_wrap)


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
    max_pareto_solves: int,
) -> None:
    import zopa

    result = zopa.analyze(
        scenario,
        max_pareto=max_pareto,
        max_conflicts=max_conflicts,
        time_limit=time_limit,
        max_pareto_solves=max_pareto_solves,
    )
    if as_json:
        from zopa.report.json import dumps

        typer.echo(dumps(result), nl=False)
        return

    from zopa.report.text import render

    render(result, scenario, _console())


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


def _load(
    file: Path, set_: list[str] | None, drop: list[str] | None, without: list[str] | None
) -> Scenario:
    """The scenario with its changes, or exit 2 with every problem on stderr."""
    from zopa.errors import ScenarioError
    from zopa.scenario.load import load_file

    try:
        return load_file(file, changes=_changes(set_, drop, without))
    except ScenarioError as error:
        _report_problems(error)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except Exception as error:
        _internal(error)


@app.command()
def sweep(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            metavar="PATH=START:STOP:STEPS",
            help="STEPS evenly spaced values, both ends included (repeatable; the first "
            "varies slowest).",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help='Print {"rows": [...]}.')] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print the rows flat, with a header.")
    ] = False,
    refine: Annotated[
        bool, typer.Option("--refine", help="Bisect to the exact values where the ZOPA flips.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes to spread the grid over.")
    ] = 1,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """Re-analyse the scenario over a grid of values: ZOPA or not, and the Nash deal."""
    from zopa.analysis.whatif import parse_vary
    from zopa.analysis.whatif import sweep as run_sweep
    from zopa.errors import ScenarioError

    if as_json and as_csv:
        typer.echo("zopa sweep: choose one of --json and --csv", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    scenario = _load(file, set_, drop, without)
    try:
        varies = [parse_vary(text, file=scenario.name) for text in vary]
        result = _with_progress(
            lambda on_row: run_sweep(
                scenario, varies, refine=refine, workers=workers, on_row=on_row
            ),
            total=_grid_size(varies),
        )
    except ScenarioError as error:
        _report_problems(error)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except Exception as error:
        _internal(error)
    from zopa.report.whatif import json_text, render_sweep, sweep_csv, tipping_lines

    if as_json:
        typer.echo(json_text(result.to_dict()), nl=False)
    elif as_csv:
        typer.echo(sweep_csv(result, scenario), nl=False)
        for line in tipping_lines(result):  # CSV has no place for them: stderr, as notes
            typer.echo(line, err=True)
    else:
        render_sweep(result, scenario, _console())


def _grid_size(varies: list[Any]) -> int:
    total = 1
    for vary in varies:
        total *= vary.steps
    return total


def _with_progress(work: Callable[[Callable[[int], None]], T], *, total: int) -> T:
    """Run `work(on_row)` with a progress bar on stderr when stderr is a terminal."""
    if not sys.stderr.isatty():
        return work(lambda done: None)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("sweeping", total=total)
        return work(lambda done: progress.update(task, completed=done))


@app.command()
def check(
    paths: Annotated[
        list[Path], typer.Argument(help="Scenario files, or folders of *.yaml files.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Evaluate each file's expect: block; exit 1 if any expectation fails."""
    import zopa
    from zopa.analysis.expectations import check_expectations
    from zopa.errors import ScenarioError
    from zopa.scenario.load import load_file

    reports = []
    bad_input = False
    files = _scenario_files(paths)
    for folder in paths:
        if folder.is_dir() and not any(f.is_relative_to(folder) for f in files):
            typer.echo(f"{folder}: no scenario files (*.yaml, *.yml) in this folder", err=True)
            bad_input = True
    for file in files:
        try:
            scenario = load_file(file)
            reports.append(check_expectations(scenario, zopa.analyze(scenario)))
        except ScenarioError as error:
            _report_problems(error)
            bad_input = True
        except Exception as error:
            _internal(error)
    from zopa.report.whatif import json_text, render_check

    if as_json:
        data = {"passed": all(r.passed for r in reports), "files": [r.to_dict() for r in reports]}
        typer.echo(json_text(data), nl=False)
    else:
        console = _console(soft_wrap=True)
        for report in reports:
            render_check(report, console)
        outcomes = [o for r in reports for o in r.outcomes]
        failed = sum(not o.passed for o in outcomes)
        console.print(
            f"{len(outcomes)} expectations in {len(reports)} files: "
            f"{len(outcomes) - failed} passed, {failed} failed"
        )
    if bad_input:
        raise typer.Exit(EXIT_BAD_INPUT)
    if not all(r.passed for r in reports):
        raise typer.Exit(EXIT_CHECK_FAILED)


def _scenario_files(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for its *.yaml and *.yml files, recursively, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
            files.extend(found)
        else:
            files.append(path)
    return files


@app.command()
def compare(
    before: Annotated[Path, typer.Argument(help="The scenario file to start from.")],
    after: Annotated[
        Path | None,
        typer.Argument(help="A second scenario file (default: BEFORE with the changes)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """What changes between two scenarios, or one scenario and its --set/--drop/--without
    variant (the changes apply to the second side only)."""
    import zopa
    from zopa.analysis.compare import compare as run_compare

    if after is None and not (set_ or drop or without):
        typer.echo(
            "zopa compare: give a second file, or --set/--drop/--without to compare "
            f"{before} with a variant of itself",
            err=True,
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    first = _load(before, None, None, None)
    second = _load(after or before, set_, drop, without)
    try:
        comparison = run_compare(
            zopa.analyze(first),
            zopa.analyze(second),
            names=(str(before), _label(after or before, set_, drop, without)),
        )
    except Exception as error:
        _internal(error)
    from zopa.report.whatif import json_text, render_compare

    if as_json:
        typer.echo(json_text(comparison.to_dict()), nl=False)
    else:
        render_compare(comparison, _console(soft_wrap=True))


def _label(
    file: Path, set_: list[str] | None, drop: list[str] | None, without: list[str] | None
) -> str:
    parts = [str(file)]
    parts += [f"--set {s}" for s in set_ or ()]
    parts += [f"--drop {d}" for d in drop or ()]
    parts += [f"--without {w}" for w in without or ()]
    return " ".join(parts)


import_app = typer.Typer(
    help="Turn negotiation data written for other tools into scenario files.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@import_app.command("genius")
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
    from zopa.errors import ScenarioError
    from zopa.importers.genius import genius_to_yaml

    try:
        text = genius_to_yaml(domain, profiles, title=title)
    except ScenarioError as error:
        _report_problems(error)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        typer.echo(f"{output}: cannot write the file: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def main() -> None:
    """The console-script entry point (`zopa`, `python -m zopa`)."""
    try:
        app(prog_name="zopa")
    except KeyboardInterrupt:
        sys.stderr.write("zopa: interrupted\n")
        sys.exit(130)
