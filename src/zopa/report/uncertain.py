"""The line every fixed-point command prints for a scenario with uncertain values: which
values were taken at their medians and that every red line was kept."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.text import Text

from zopa.scenario.scenario import Scenario


def uncertain_note(scenario: Scenario) -> str | None:
    """The note for `scenario`, or None when it holds no distribution or credibility."""
    found = scenario.uncertainty
    if not found:
        return None
    parts = []
    if found.inputs:
        n = len(found.inputs)
        parts.append(
            f"{n} distributions at their medians" if n != 1 else "1 distribution at its median"
        )
    if found.credibilities:
        n = len(found.credibilities)
        parts.append(f"{n} credible red line{'s' if n != 1 else ''} kept")
    return f"{scenario.name}: {', '.join(parts)}; `zopa simulate` samples them"


def print_uncertain_notes(scenarios: Iterable[Scenario], console: Console) -> None:
    """The note of each scenario that has one, each once, in order."""
    seen: set[str] = set()
    for scenario in scenarios:
        note = uncertain_note(scenario)
        if note is not None and note not in seen:
            seen.add(note)
            console.print(Text(note, style="yellow"))


def with_uncertain(
    data: dict[str, Any], scenarios: Iterable[Scenario], *, varied: Iterable[str] = ()
) -> dict[str, Any]:
    """`data` (a `--json` object) with `"uncertain"`: the YAML paths that the scenarios fixed
    at medians or kept (less those a sweep `varied`), each once, in order; `data` itself
    when there are none."""
    skip = set(varied)
    found = (p for s in scenarios for p in s.uncertainty.paths if p not in skip)
    paths = list(dict.fromkeys(found))
    return {**data, "uncertain": paths} if paths else data
