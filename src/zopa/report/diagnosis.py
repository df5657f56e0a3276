"""The terminal section of a diagnosis: which positions collide and the cheapest way out
(no ZOPA), or which red lines shape the zone (a ZOPA), each named as `actor/id` with its
expression, its place in the file and the quote it encodes (STYLE.md §5).

Everything written here is built from `rich.text.Text` pieces, never from markup strings,
so a quote with brackets in it prints as written. Each group takes two lines (what it says;
where it is and what it quotes) rather than a table row, so that a narrow terminal wraps a
long quote under itself instead of squeezing every column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.text import Text

from zopa.analysis.result import Relaxation, Result
from zopa.format.numbers import people_text
from zopa.format.refs import GroupRef, actor_of
from zopa.scenario.scenario import Scenario


def _where(scenario: Scenario, position: tuple[int, int] | None) -> str:
    if position is None:
        return scenario.name
    return f"{scenario.name}:{position[0]}:{position[1]}"


def _is_reservation(scenario: Scenario, ref: str) -> bool:
    group = GroupRef.parse(ref)
    return group is not None and group.is_reservation and group.actor in scenario.actors


def _expression(scenario: Scenario, ref: str) -> str:
    if _is_reservation(scenario, ref):
        actor = actor_of(ref)
        return f"utility >= {people_text(float(scenario.actors[actor].reservation))}"
    constraint = scenario.constraint(ref)
    if constraint.when_text is None:
        return constraint.require_text
    return f"when {constraint.when_text}: {constraint.require_text}"


@dataclass(frozen=True, slots=True)
class _Member:
    """What the report says of one group: its expression, where it is, what it quotes."""

    ref: str
    expression: str
    where: str
    quote: str | None


def _member(scenario: Scenario, ref: str) -> _Member:
    if _is_reservation(scenario, ref):
        actor = actor_of(ref)
        position = scenario.positions.get(f"actors.{actor}.reservation")
        return _Member(ref, _expression(scenario, ref), _where(scenario, position), None)
    constraint = scenario.constraint(ref)
    where = _where(scenario, constraint.position)
    return _Member(ref, _expression(scenario, ref), where, constraint.quote)


def _groups_listing(
    scenario: Scenario, blocks: Sequence[Sequence[str]], *, numbered: bool
) -> list[RenderableType]:
    """Two lines per group: `ref  expression` (aligned across the listing), then, indented,
    `file:line:col` and the quote, which wraps under itself; blocks (conflicts) numbered
    when `numbered`."""
    members = [[_member(scenario, ref) for ref in block] for block in blocks]
    ref_width = max((len(m.ref) for block in members for m in block), default=0)
    number_width = len(f"{len(blocks)}.") + 1 if numbered else 0
    lines: list[RenderableType] = []
    for n, block in enumerate(members, start=1):
        for i, m in enumerate(block):
            label = f"{n}." if numbered and i == 0 else ""
            lines.append(
                Text.assemble(
                    "  " + label.ljust(number_width),
                    (m.ref.ljust(ref_width), "bold"),
                    "  ",
                    (m.expression, "cyan"),
                )
            )
            source = Text(m.where, style="dim")
            if m.quote:
                source.append(": ", style="dim")
                source.append(f'"{m.quote}"', style="italic")
            lines.append(Padding(source, (0, 0, 0, 4 + number_width), expand=False))
    return lines


def _firmness(scenario: Scenario, ref: str) -> float:
    return 1.0 if _is_reservation(scenario, ref) else scenario.constraint(ref).firmness


def _way_out(scenario: Scenario, relaxation: Relaxation) -> Text:
    refs = list(relaxation.drop)
    named = _and(refs)
    if len(refs) == 1:
        cost = f"firmness {people_text(relaxation.cost)}"
    else:
        parts = " + ".join(people_text(_firmness(scenario, r)) for r in refs)
        cost = f"firmness {parts} = {people_text(relaxation.cost)}"
    return Text.assemble("drop ", (named, "bold"), f" ({cost})")


def _moves(relaxation: Relaxation, indent: int) -> list[Padding]:
    """`or move ...` lines: a move replaces dropping its group, the others still dropped."""
    lines = []
    for move in relaxation.moves:
        others = [ref for ref in relaxation.drop if ref != move.ref]
        lead = "or " + (f"drop {_and(others)} and " if others else "") + "move "
        text = Text.assemble(lead, (move.text, "cyan"), " instead")
        lines.append(Padding(text, (0, 0, 0, indent), expand=False))
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
        console.print(*_rules_listing(scenario), sep="\n")
        return
    if diagnosis.conflicts:
        console.print(
            "No deal satisfies every red line and reservation. These cannot hold together:"
        )
        console.print(*_groups_listing(scenario, diagnosis.conflicts, numbered=True), sep="\n")
    else:
        console.print("No deal satisfies every red line and reservation.")
    if diagnosis.relaxations:
        first, *others = diagnosis.relaxations
        console.print(Text.assemble("Cheapest way out: ", _way_out(scenario, first), "."))
        for line in _moves(first, 2):
            console.print(line)
        if others:
            console.print("Other ways out:")
            for relaxation in others:
                console.print(Padding(_way_out(scenario, relaxation), (0, 0, 0, 2), expand=False))
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


def _rules_listing(scenario: Scenario) -> list[RenderableType]:
    width = max((len(rule.ref) for rule in scenario.rules), default=0)
    return [
        Text.assemble(
            "  ",
            (rule.ref.ljust(width), "bold"),
            "  ",
            (rule.require_text, "cyan"),
            "  ",
            (_where(scenario, rule.position), "dim"),
        )
        for rule in scenario.rules
    ]


def _render_zone(result: Result, scenario: Scenario, console: Console) -> None:
    binding = result.diagnosis.binding
    if not binding:
        console.print(
            "No red line or reservation shapes the zone: dropping any one of them alone "
            "would not enlarge it."
        )
        return
    console.print("These shape the zone (dropping any one of them would enlarge it):")
    listing = _groups_listing(scenario, [(ref,) for ref in binding], numbered=False)
    console.print(*listing, sep="\n")


def render_diagnosis(result: Result, scenario: Scenario, console: Console) -> None:
    """Write the diagnosis section of `result` (an analysis of `scenario`) to `console`."""
    if result.zopa.exists:
        _render_zone(result, scenario, console)
    else:
        _render_no_zopa(result, scenario, console)
