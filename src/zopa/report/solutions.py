"""The terminal section of the bargaining solutions and the Pareto frontier: each named
solution's deal and utilities, and how many frontier deals there are. A minimal renderer,
to be extended by whoever owns the bargaining analyses."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zopa.analysis.result import Result, Value
from zopa.scenario.scenario import Scenario

TITLES = {
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai–Smorodinsky",
    "egalitarian": "egalitarian",
    "utilitarian": "utilitarian",
}


def _value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = f"{value:.9g}"
        return "0" if text == "-0" else text
    if isinstance(value, tuple):
        return " → ".join(value)
    return str(value)


def render_solutions(result: Result, scenario: Scenario, console: Console) -> None:
    """The solutions table (one column per solution, one row per issue, then utilities) and
    a line on the Pareto frontier; nothing when no solution was found."""
    found = {name: sol for name, sol in result.solutions.items() if sol is not None}
    if not found:
        return
    table = Table(title="Solutions", title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    for name in found:
        table.add_column(TITLES.get(name, name), overflow="fold")
    for issue in scenario.model.issues:
        table.add_row(issue, *(_value(sol.deal[issue]) for sol in found.values()))
    for actor in scenario.actors:
        table.add_row(
            Text(f"utility of {actor}", style="dim"),
            *(_value(sol.utilities[actor]) for sol in found.values()),
        )
    console.print(table)
    if result.pareto:
        note = "" if result.pareto_info.complete else " (not complete)"
        console.print(f"Pareto frontier: {len(result.pareto)} deals{note}.")
