"""`zopa check`: evaluate each scenario file's `expect:` block."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zopa.cli.errors import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, Failures, handled
from zopa.cli.shared import JsonOption, console

if TYPE_CHECKING:
    from zopa.analysis.expectations import CheckReport
    from zopa.scenario.scenario import Scenario


def check(
    paths: Annotated[
        list[Path], typer.Argument(help="Scenario files, or folders of *.yaml files.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Evaluate each file's expect: block; exit 1 if any expectation fails."""
    import zopa
    from zopa.analysis.expectations import check_expectations
    from zopa.scenario.load import load_file

    reports: list[CheckReport] = []
    scenarios: list[Scenario] = []
    failures = Failures()
    files = _scenario_files(paths)
    for folder in paths:
        if folder.is_dir() and not any(f.is_relative_to(folder) for f in files):
            typer.echo(f"{folder}: no scenario files (*.yaml, *.yml) in this folder", err=True)
            failures.count += 1
    for file in files:
        with handled(failures):
            scenario = load_file(file)
            scenarios.append(scenario)
            reports.append(check_expectations(scenario, zopa.analyze(scenario)))
    from zopa.report.whatif import json_text, render_check

    if as_json:
        data = {"passed": all(r.passed for r in reports), "files": [r.to_dict() for r in reports]}
        typer.echo(json_text(data), nl=False)
    else:
        from zopa.report.uncertain import print_uncertain_notes

        out = console(soft_wrap=True)
        print_uncertain_notes(scenarios, out)
        for report in reports:
            render_check(report, out)
        outcomes = [o for r in reports for o in r.outcomes]
        failed = sum(not o.passed for o in outcomes)
        out.print(
            f"{len(outcomes)} expectations in {len(reports)} files: "
            f"{len(outcomes) - failed} passed, {failed} failed"
        )
    if failures:
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
