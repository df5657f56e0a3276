"""The terminal section of the bargaining solutions and the Pareto frontier: the four
solutions side by side (each issue's value, each actor's utility and, in brackets, its gain
over the reservation), then the frontier as a table with one row per deal, marking the rows
that are solutions.

The frontier table shows at most `MAX_FRONTIER_ROWS` rows: when the frontier is longer, rows
evenly spaced along it (the first and the last among them) are shown, numbered by their
place in the full list, with a note; `--json` lists every deal. Issues that take the same
value in every frontier deal are named once under the table instead of filling a column.

Everything is built from `rich.text.Text`, never markup strings, so an option such as
`[draft]` prints as written. Numbers have 9 significant digits, as in the JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zopa.analysis.result import Result, Solution
from zopa.format.numbers import people_text
from zopa.format.schema import IntegerIssue, NumberIssue
from zopa.format.solutions import SOLUTION_TITLES
from zopa.format.tolerances import ZERO_GAIN
from zopa.format.values import Value
from zopa.scenario.scenario import Scenario

TITLES: Mapping[str, str] = SOLUTION_TITLES
"""Column headings of the solutions, in `SOLUTION_NAMES` order."""

SHORT: Mapping[str, str] = {
    "nash": "N",
    "kalai_smorodinsky": "KS",
    "egalitarian": "E",
    "utilitarian": "U",
}
"""How the frontier table marks the rows that are solutions."""

MAX_FRONTIER_ROWS = 20
"""The most frontier rows printed; the JSON has every one."""


def value_text(value: Value) -> str:
    """An issue's value as the report prints it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return people_text(value)
    if isinstance(value, tuple):
        return " → ".join(value)
    return str(value)


def gain_text(gain: float) -> str:
    """A gain over the reservation, signed, to 3 significant digits (0 within 1e-9)."""
    if abs(gain) < ZERO_GAIN:
        return "+0"
    return f"{gain:+.3g}"


def render_solutions(result: Result, scenario: Scenario, console: Console) -> None:
    """The solutions side by side, then the frontier table; nothing when there is no
    solution (no ZOPA)."""
    found = {name: sol for name, sol in result.solutions.items() if sol is not None}
    if not found:
        return
    console.print(_solutions_table(found, scenario))
    if result.pareto:
        _render_frontier(result, found, scenario, console)


def _label(scenario: Scenario, issue: str, *, sep: str = " ") -> Text:
    spec = scenario.model.issues[issue]
    label = Text(issue, style="bold")
    if isinstance(spec, NumberIssue | IntegerIssue) and spec.unit:
        label.append(f"{sep}({spec.unit})", style="dim")
    return label


def _solutions_table(found: Mapping[str, Solution], scenario: Scenario) -> Table:
    table = Table(title="Bargaining solutions", title_justify="left")
    table.add_column("", overflow="fold")  # wraps first: values keep their line
    for name in found:
        table.add_column(TITLES.get(name, name).replace("–", "–\n"), overflow="fold")
    for issue in scenario.model.issues:
        cells = [Text(_cell_text(sol.deal[issue])) for sol in found.values()]
        table.add_row(_label(scenario, issue, sep="\n"), *cells)
    table.add_section()
    for actor, spec in scenario.actors.items():
        reservation = float(spec.reservation)
        cells = []
        for sol in found.values():
            u = sol.utilities[actor]
            cell = Text(people_text(u))
            cell.append(f"\n{gain_text(u - reservation)}", style="dim")
            cells.append(cell)
        table.add_row(Text(f"utility of {actor}"), *cells)
    return table


def _cell_text(value: Value) -> str:
    """A value in a narrow column: a sequence one step a line, first step first."""
    if isinstance(value, tuple):
        return "\n".join(value)
    return value_text(value)


def shown_rows(total: int, limit: int = MAX_FRONTIER_ROWS) -> list[int]:
    """Indices of the frontier rows to print: all of them, or `limit` evenly spaced ones
    including the first and the last."""
    if total <= limit:
        return list(range(total))
    if limit <= 1:
        return [0][:limit]
    return sorted({round(k * (total - 1) / (limit - 1)) for k in range(limit)})


def _render_frontier(
    result: Result, found: Mapping[str, Solution], scenario: Scenario, console: Console
) -> None:
    points = result.pareto
    varying = [
        issue
        for issue in scenario.model.issues
        if len({value_text(p.deal[issue]) for p in points}) > 1
    ]
    rows = shown_rows(len(points))
    title = f"Pareto frontier: {len(points)} deal{'s' if len(points) != 1 else ''}"
    table = Table(title=title, title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    for actor in scenario.actors:
        table.add_column(actor, justify="right", no_wrap=True)
    for issue in varying:
        table.add_column(_label(scenario, issue), overflow="fold")
    table.add_column("solution", no_wrap=True)
    for index in rows:
        point = points[index]
        cells = [Text(str(index + 1), style="dim")]
        cells += [Text(people_text(point.utilities[a])) for a in scenario.actors]
        cells += [Text(value_text(point.deal[issue])) for issue in varying]
        cells.append(Text(", ".join(_solutions_at(point, found)), style="bold"))
        table.add_row(*cells)
    console.print(table)
    for line in _frontier_notes(result, scenario, varying, rows):
        console.print(line)


def _solutions_at(point: Solution, found: Mapping[str, Solution]) -> list[str]:
    return [
        SHORT.get(name, name) for name, sol in found.items() if dict(sol.deal) == dict(point.deal)
    ]


def _frontier_notes(
    result: Result, scenario: Scenario, varying: Sequence[str], rows: Sequence[int]
) -> list[Text]:
    points = result.pareto
    notes: list[Text] = []
    fixed = [issue for issue in scenario.model.issues if issue not in varying]
    if fixed and len(points) > 1:
        same = ", ".join(f"{i} = {value_text(points[0].deal[i])}" for i in fixed)
        notes.append(Text(f"The same in every frontier deal: {same}.", style="dim"))
    if len(rows) < len(points):
        notes.append(
            Text(
                f"Showing {len(rows)} of {len(points)} deals, evenly spaced along the "
                "frontier; --json lists them all.",
                style="dim",
            )
        )
    info = result.pareto_info
    if info.note and info.note != "no ZOPA":
        notes.append(Text(f"Note: {info.note}.", style="dim"))
    marks = ", ".join(f"{SHORT[n]} = {TITLES[n]}" for n in TITLES if n in SHORT)
    notes.append(Text(f"Solutions: {marks}.", style="dim"))
    return notes
