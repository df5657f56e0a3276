"""The report of `zopa stability`: a table of every state (its deal, each actor's utility,
and per concept the actors for whom it is stable), the equilibria of each concept, and what
the status quo reaches. `dumps` is the `--json` text (sorted keys, 9 significant digits)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zopa.format.numbers import number_text
from zopa.gmcr.result import CONCEPTS, StabilityResult
from zopa.report.solutions import value_text

CONCEPT_NAMES = {
    "nash": "Nash",
    "gmr": "GMR (general metarationality)",
    "smr": "SMR (symmetric metarationality)",
    "seq": "SEQ (sequential stability)",
}


def dumps(result: StabilityResult) -> str:
    """`result` as the JSON text `zopa stability --json` prints, with a final newline."""
    return (
        json.dumps(result.to_dict(), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
        + "\n"
    )


LETTERS = {"nash": "N", "gmr": "G", "smr": "S", "seq": "Q"}
"""One letter per concept in the states table."""


def _flags(stable: Mapping[str, tuple[str, ...]], actor: str) -> str:
    return "".join(LETTERS[c] if actor in stable[c] else "-" for c in CONCEPTS)


def _states(result: StabilityResult) -> Table:
    table = Table(title="States", title_justify="left", padding=(0, 1), box=None)
    table.add_column("#", justify="right")
    issues = list(result.states[0].deal) if result.states else []
    for issue in issues:
        table.add_column(Text(issue), overflow="fold")
    for actor in result.actors:
        table.add_column(Text(f"u[{actor}]"), justify="right")
    for actor in result.actors:
        table.add_column(Text(actor))
    for state in result.states:
        cells = [str(state.number)]
        cells += [value_text(state.deal[k]) for k in issues]
        cells += [
            number_text(round(state.utilities[a], 3)) + ("!" * len(state.broken[a]))
            for a in result.actors
        ]
        cells += [_flags(state.stable, a) for a in result.actors]
        table.add_row(*(Text(cell) for cell in cells))
    return table


def _numbers(states: tuple[int, ...]) -> str:
    return ", ".join(str(s) for s in states) if states else "none"


def render(result: StabilityResult, console: Console) -> None:
    """Write the text report of `result` to `console`."""
    if result.title:
        console.print(Text(result.title, style="bold"))
    console.print(_states(result))
    console.print(
        "Utilities to 3 decimals (the JSON has 9 digits); each ! marks a red line of that actor "
        "the state breaks.\nUnder each actor: N G S Q where the state is stable for it under Nash, "
        "GMR, SMR, SEQ; - where not."
    )
    console.print(Text("Equilibria (stable for every actor)", style="bold"))
    for concept in CONCEPTS:
        console.print(f"  {CONCEPT_NAMES[concept]}: {_numbers(result.equilibria[concept])}")
    quo = result.status_quo
    if quo is None:
        console.print(f"Status quo: not analysed ({result.status_quo_note}).")
        return
    console.print(
        Text(f"Status quo: state {quo.state}; by unilateral improvements it reaches", style="bold")
    )
    console.print(f"  states {_numbers(quo.reaches)}")
    for concept in CONCEPTS:
        console.print(
            f"  {CONCEPT_NAMES[concept]} equilibria among them: {_numbers(quo.equilibria[concept])}"
        )
