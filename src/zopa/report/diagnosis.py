"""The terminal section of a diagnosis: which positions collide and the cheapest way out
(no ZOPA), or which red lines shape the zone (a ZOPA), each named as `actor/id` with its
expression, its place in the file and the quote it encodes (STYLE.md §5).

Everything written here is built from `rich.text.Text` pieces, never from markup strings,
so a quote with brackets in it prints as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from zopa.analysis.result import Relaxation, Result
from zopa.scenario.scenario import Scenario

RESERVATION = "reservation"


def _number(x: float) -> str:
    text = f"{x:.9g}"
    return "0" if text == "-0" else text


def _where(scenario: Scenario, position: tuple[int, int] | None) -> str:
    if position is None:
        return scenario.name
    return f"{scenario.name}:{position[0]}:{position[1]}"


def _is_reservation(scenario: Scenario, ref: str) -> bool:
    actor, _, name = ref.partition("/")
    return name == RESERVATION and actor in scenario.actors


def _expression(scenario: Scenario, ref: str) -> str:
    if _is_reservation(scenario, ref):
        actor = ref.partition("/")[0]
        return f"utility >= {_number(float(scenario.actors[actor].reservation))}"
    constraint = scenario.constraint(ref)
    if constraint.when_text is None:
        return constraint.require_text
    return f"when {constraint.when_text}: {constraint.require_text}"


def _row(scenario: Scenario, ref: str) -> tuple[Text, Text, Text, Text]:
    if _is_reservation(scenario, ref):
        actor = ref.partition("/")[0]
        position = scenario.positions.get(f"actors.{actor}.reservation")
        quote = None
    else:
        constraint = scenario.constraint(ref)
        position, quote = constraint.position, constraint.quote
    return (
        Text(ref, style="bold"),
        Text(_expression(scenario, ref), style="cyan"),
        Text(_where(scenario, position), style="dim"),
        Text(f'"{quote}"' if quote else "", style="italic"),
    )


def _groups_table(
    scenario: Scenario, blocks: Iterable[Sequence[str]], *, numbered: bool
) -> Padding:
    """One row per group; blocks (conflicts) numbered and separated by a blank row."""
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    if numbered:
        table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for n, block in enumerate(blocks, start=1):
        if n > 1 and numbered:
            table.add_row()
        for i, ref in enumerate(block):
            cells = _row(scenario, ref)
            if numbered:
                table.add_row(Text(f"{n}." if i == 0 else ""), *cells)
            else:
                table.add_row(*cells)
    return Padding(table, (0, 0, 0, 2))


def _firmness(scenario: Scenario, ref: str) -> float:
    return 1.0 if _is_reservation(scenario, ref) else scenario.constraint(ref).firmness


def _way_out(scenario: Scenario, relaxation: Relaxation) -> Text:
    refs = list(relaxation.drop)
    named = _and(refs)
    if len(refs) == 1:
        cost = f"firmness {_number(relaxation.cost)}"
    else:
        parts = " + ".join(_number(_firmness(scenario, r)) for r in refs)
        cost = f"firmness {parts} = {_number(relaxation.cost)}"
    return Text.assemble("drop ", (named, "bold"), f" ({cost})")


def _moves(relaxation: Relaxation, indent: int) -> list[Padding]:
    """`or move ...` lines: a move replaces dropping its group, the others still dropped."""
    lines = []
    for move in relaxation.moves:
        others = [ref for ref in relaxation.drop if ref != move.ref]
        lead = "or " + (f"drop {_and(others)} and " if others else "") + "move "
        text = Text.assemble(lead, (move.text, "cyan"), " instead")
        lines.append(Padding(text, (0, 0, 0, indent)))
    return lines


def _and(refs: Sequence[str]) -> str:
    return refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1]


def _render_no_zopa(result: Result, scenario: Scenario, console: Console) -> None:
    diagnosis = result.diagnosis
    if diagnosis.rules_infeasible:
        console.print(
            "No deal satisfies the rules alone: they contradict each other or an issue's "
            "range, so no red line or reservation is to blame. The rules:"
        )
        console.print(_rules_table(scenario))
        return
    if diagnosis.conflicts:
        console.print("No deal satisfies every red line. These cannot hold together:")
        console.print(_groups_table(scenario, diagnosis.conflicts, numbered=True))
    else:
        console.print("No deal satisfies every red line.")
    if diagnosis.relaxations:
        first, *others = diagnosis.relaxations
        console.print(Text.assemble("Cheapest way out: ", _way_out(scenario, first), "."))
        for line in _moves(first, 2):
            console.print(line)
        if others:
            console.print("Other ways out:")
            for relaxation in others:
                console.print(Padding(_way_out(scenario, relaxation), (0, 0, 0, 2)))
                for line in _moves(relaxation, 4):
                    console.print(line)
    if diagnosis.truncated:
        console.print(
            Text(
                "More conflicts or ways out exist than are listed here; raise "
                "--max-conflicts to see them.",
                style="dim",
            )
        )


def _rules_table(scenario: Scenario) -> Padding:
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    for _ in range(3):
        table.add_column(overflow="fold")
    for rule in scenario.rules:
        table.add_row(
            Text(rule.ref, style="bold"),
            Text(rule.require_text, style="cyan"),
            Text(_where(scenario, rule.position), style="dim"),
        )
    return Padding(table, (0, 0, 0, 2))


def _render_zone(result: Result, scenario: Scenario, console: Console) -> None:
    binding = result.diagnosis.binding
    if not binding:
        console.print(
            "No red line or reservation shapes the zone: dropping any one of them alone "
            "would not enlarge it."
        )
        return
    console.print("These shape the zone (dropping any one of them would enlarge it):")
    console.print(_groups_table(scenario, [(ref,) for ref in binding], numbered=False))


def render_diagnosis(result: Result, scenario: Scenario, console: Console) -> None:
    """Write the diagnosis section of `result` (an analysis of `scenario`) to `console`."""
    if result.zopa.exists:
        _render_zone(result, scenario, console)
    else:
        _render_no_zopa(result, scenario, console)
