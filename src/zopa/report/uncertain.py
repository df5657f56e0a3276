"""The line every fixed-point command prints for a scenario with uncertain values: which
values were taken at their medians and that every red line was kept."""

from __future__ import annotations

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
            f"{n} uncertain values at their medians"
            if n != 1
            else "1 uncertain value at its median"
        )
    if found.credibilities:
        n = len(found.credibilities)
        parts.append(f"{n} red line{'s' if n != 1 else ''} with a credibility kept")
    return (
        f"{scenario.name}: {' and '.join(parts)} (every red line is kept); "
        "`zopa simulate` samples them"
    )
