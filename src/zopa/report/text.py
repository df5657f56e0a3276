"""The terminal report of one analysis: title, whether a ZOPA exists, the zone (each issue's
range, options, values or step positions), each actor's utility range against its
reservation; then the solutions section (`report.solutions`) and the diagnosis section
(`report.diagnosis`).

Output is deterministic (YAML order everywhere, numbers rounded for people by
`format.numbers.people_text`; the JSON keeps 9 significant digits); colour only on a terminal
(`cli.shared.console`).
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zopa.analysis.result import Result
from zopa.format.numbers import people_text
from zopa.format.schema import ChoiceIssue, IntegerIssue, NumberIssue
from zopa.format.zone import BoolSet, IssueRange, NumberRange, OptionSet, StepPositions
from zopa.report.diagnosis import render_diagnosis
from zopa.report.solutions import render_solutions
from zopa.report.uncertain import uncertain_note
from zopa.scenario.scenario import Scenario


def _span(lo: float, hi: float) -> str:
    low, high = people_text(lo), people_text(hi)
    return low if low == high else f"{low} – {high}"


def describe_range(bounds: IssueRange, scenario: Scenario, issue: str) -> str:
    """One issue's range over the ZOPA in words: `150 – 180`, `none, mats (2 of 3)`, …"""
    if isinstance(bounds, NumberRange):
        return _span(bounds.min, bounds.max)
    if isinstance(bounds, OptionSet):
        spec = scenario.model.issues[issue]
        total = len(spec.options) if isinstance(spec, ChoiceIssue) else len(bounds.options)
        listed = ", ".join(bounds.options)
        return (
            listed
            if len(bounds.options) == total
            else f"{listed} ({len(bounds.options)} of {total})"
        )
    if isinstance(bounds, BoolSet):
        return ", ".join("true" if v else "false" for v in bounds.values)
    if isinstance(bounds, StepPositions):
        return ", ".join(f"{step} {_span(lo, hi)}" for step, lo, hi in bounds.positions)
    raise TypeError(f"unknown range {bounds!r}")


def _unit(scenario: Scenario, issue: str) -> str:
    spec = scenario.model.issues[issue]
    if isinstance(spec, NumberIssue | IntegerIssue) and spec.unit:
        return spec.unit
    return ""


def _zone_table(result: Result, scenario: Scenario) -> Table:
    table = Table(title="Zone of possible agreement", title_justify="left", show_lines=False)
    table.add_column("issue", style="bold", no_wrap=True)
    table.add_column("kind", style="dim", no_wrap=True)
    table.add_column("over the ZOPA", overflow="fold", ratio=3)
    table.add_column("unit", style="dim", overflow="fold", ratio=2)
    for issue, bounds in result.zopa.issues.items():
        kind = scenario.model.issues[issue].type
        table.add_row(issue, kind, describe_range(bounds, scenario, issue), _unit(scenario, issue))
    return table


def _actors_table(result: Result, scenario: Scenario) -> Table:
    table = Table(title="Utilities over the ZOPA", title_justify="left")
    table.add_column("actor", style="bold", no_wrap=True)
    table.add_column("utility", no_wrap=True)
    table.add_column("reservation", no_wrap=True)
    for actor, bounds in result.zopa.utilities.items():
        spec = scenario.actors[actor]
        label = actor if not spec.name else f"{actor} ({spec.name})"
        table.add_row(label, _span(bounds.min, bounds.max), people_text(float(spec.reservation)))
    return table


def render(result: Result, scenario: Scenario, console: Console) -> None:
    """Write the whole report of `result` (an analysis of `scenario`) to `console`."""
    if result.title:
        console.print(Text(result.title, style="bold underline"))
    note = uncertain_note(scenario)
    if note is not None:
        console.print(Text(note, style="yellow"))
    if result.zopa.exists:
        console.print(Text("ZOPA exists", style="bold green"))
        console.print(_zone_table(result, scenario))
        console.print(_actors_table(result, scenario))
    else:
        console.print(Text("No ZOPA", style="bold red"))
    render_solutions(result, scenario, console)
    render_diagnosis(result, scenario, console)
