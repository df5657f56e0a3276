"""Did-you-mean: the closest known name to a misspelt one, and short lists of known names,
for every error message (scenario files, options, expressions): one way to suggest."""

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
