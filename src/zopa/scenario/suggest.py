"""Suggestions particular to scenario files (the general did-you-mean is
`zopa.format.suggest`)."""

from __future__ import annotations

from zopa.format.suggest import did_you_mean, one_of


def permutation_problem(order: tuple[str, ...], steps: tuple[str, ...]) -> str | None:
    """What keeps `order` from being a permutation of `steps`, or None if it is one."""
    listed, known = set(order), set(steps)
    missing = [s for s in steps if s not in listed]
    unknown = [s for s in order if s not in known]
    seen: set[str] = set()
    twice = []
    for step in order:
        if step in seen:
            twice.append(step)
        seen.add(step)
    if not (missing or unknown or twice):
        return None
    parts = []
    if unknown:
        parts.append(f"unknown step {unknown[0]!r}{did_you_mean(unknown[0], steps)}")
    if twice:
        parts.append(f"{twice[0]!r} appears twice")
    if missing:
        parts.append(f"missing {', '.join(repr(s) for s in missing)}")
    return (
        "status_quo must list every step exactly once ("
        + "; ".join(parts)
        + f"); steps: {one_of(steps)}"
    )
