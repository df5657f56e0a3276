"""Rendering of the what-if commands: sweep rows (JSON, CSV, table), `check` outcomes and
`compare` differences. Deterministic: the same answers print the same bytes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zopa.analysis.compare import Comparison
from zopa.analysis.expectations import CheckReport
from zopa.analysis.whatif import SweepResult
from zopa.format.numbers import number_text, people_text, plain
from zopa.report.solutions import value_text
from zopa.scenario.scenario import Scenario


def json_text(data: Any) -> str:
    """Any answer's dict as `--json` prints it: sorted keys, 2-space indent, final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def sweep_csv(result: SweepResult, scenario: Scenario) -> str:
    """The sweep rows flat, one line each after a header: the varied paths, `exists`, then
    `nash.ISSUE` for every issue and `nash.utility.ACTOR` for every actor (empty where there
    is no ZOPA). A sequence prints as its steps joined by `;`."""
    issues = list(scenario.model.issues)
    actors = list(scenario.actors)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [v.path for v in result.varies]
        + ["exists"]
        + [f"nash.{i}" for i in issues]
        + [f"nash.utility.{a}" for a in actors]
    )
    for row in result.rows:
        cells = [_cell(plain(value)) for _, value in row.set]
        cells.append("true" if row.exists else "false")
        if row.nash is None:
            cells += [""] * (len(issues) + len(actors))
        else:
            cells += [_cell(plain(row.nash.deal[i])) for i in issues]
            cells += [_cell(plain(row.nash.utilities[a])) for a in actors]
        writer.writerow(cells)
    return out.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def render_sweep(result: SweepResult, scenario: Scenario, console: Console) -> None:
    """The rows as a table (varied values, ZOPA yes/no, Nash deal and utilities), then the
    tipping points."""
    table = Table(title="Sweep", title_justify="left")
    for vary in result.varies:
        table.add_column(vary.path, justify="right")
    table.add_column("ZOPA")
    table.add_column("Nash deal")
    table.add_column("Nash utilities")
    for row in result.rows:
        cells = [
            Text(people_text(float(v)) if isinstance(v, float) else str(v)) for _, v in row.set
        ]
        if row.nash is None:
            cells += [Text("no", style="red"), Text("—"), Text("—")]
        else:
            deal = ", ".join(f"{k}={value_text(v)}" for k, v in row.nash.deal.items())
            utilities = ", ".join(f"{a} {people_text(u)}" for a, u in row.nash.utilities.items())
            cells += [Text("yes", style="green"), Text(deal), Text(utilities)]
        table.add_row(*cells)
    console.print(table)
    for line in tipping_lines(result):
        console.print(Text(line))


def tipping_lines(result: SweepResult) -> list[str]:
    """The tipping points in words, one line each (or one line saying there is none)."""
    if not result.tipping_points:
        return ["No tipping point: the ZOPA neither appears nor disappears on this grid."]
    lines = ["Tipping points:"]
    for tip in result.tipping_points:
        change = "opens" if tip.opens else "closes"
        where = (
            f"at {tip.path} = {number_text(tip.value)}"  # a threshold: all 9 digits
            if tip.value is not None
            else f"between {tip.path} = {tip.below} and {tip.above} (--refine finds the value)"
        )
        fixed = ", ".join(f"{p}={v}" for p, v in tip.fixed)
        suffix = f" (with {fixed})" if fixed else ""
        lines.append(f"  the ZOPA {change} {where}{suffix}")
    return lines


def render_check(report: CheckReport, console: Console) -> None:
    """One line per expectation: PASS/FAIL, file:line:col, the expectation, what was found."""
    if not report.outcomes:
        console.print(Text(f"{report.file}: no expectations (add an expect: block)"))
        return
    for outcome in report.outcomes:
        where = report.file
        if outcome.line is not None:
            where += f":{outcome.line}:{outcome.column}"
        mark = Text("PASS", style="green") if outcome.passed else Text("FAIL", style="bold red")
        console.print(Text.assemble(mark, f" {where}: {outcome.text} — {outcome.detail}"))


def render_compare(comparison: Comparison, console: Console) -> None:
    """The differences between two analyses, one per line, then the diagnosis changes."""
    console.print(Text(f"before: {comparison.before}"))
    console.print(Text(f"after:  {comparison.after}"))
    if comparison.same:
        console.print("No difference in the zone, the solutions, the frontier or the diagnosis.")
        return
    for diff in comparison.differences:
        console.print(Text(f"  {diff.path}: {_short(diff.before)} → {_short(diff.after)}"))
    before_n, after_n = comparison.pareto_size
    if before_n != after_n:
        console.print(Text(f"  pareto: {before_n} deals → {after_n} deals"))
    for name, change in (
        ("conflicts", comparison.conflicts),
        ("relaxations", comparison.relaxations),
        ("binding", comparison.binding),
    ):
        for item in change.added:
            console.print(Text(f"  {name} + {_short(item)}"))
        for item in change.removed:
            console.print(Text(f"  {name} − {_short(item)}"))


def _short(value: Any) -> str:
    if value is None:
        return "—"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
