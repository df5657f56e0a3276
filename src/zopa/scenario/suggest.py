"""Did-you-mean: the closest known name to a misspelt one, for error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_CUTOFF = 0.6
"""difflib similarity below which a guess would confuse more than help."""


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word` (case-insensitively), or None if none is close.

    Ties go to the candidate listed first, so the answer is deterministic.
    """
    names = list(dict.fromkeys(candidates))
    if not names:
        return None
    folded = word.casefold()
    for name in names:
        if name.casefold() == folded:
            return name
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(folded)
    best: str | None = None
    best_score = _CUTOFF
    for name in names:
        matcher.set_seq1(name.casefold())
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score > best_score or (best is None and score >= best_score):
            best, best_score = name, score
    return best


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a candidate is close to `word`, else the empty string."""
    guess = closest(word, candidates)
    return "" if guess is None or guess == word else f" (did you mean {guess!r}?)"


def one_of(candidates: Iterable[str], *, limit: int = 12) -> str:
    """The candidates as a short comma-separated list, elided after `limit` names."""
    names = list(candidates)
    shown = ", ".join(names[:limit])
    return shown + (f", … ({len(names) - limit} more)" if len(names) > limit else "")


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
