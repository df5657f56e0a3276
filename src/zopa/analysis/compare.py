"""`zopa compare`: what changed between two analyses — the zone, the solutions, the
frontier's size, the conflicts, relaxations and binding red lines.

Values are compared as they print (rounded to 9 significant digits), so a difference in
the 12th digit of a float is not reported as a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zopa.analysis.result import Result


@dataclass(frozen=True, slots=True)
class Difference:
    """One value that differs: `path` in the `--json` object (`zopa.issues.territory`,
    `solutions.nash.deal.nato`), its value before and after (None where absent)."""

    path: str
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class SetChange:
    """Members of a list-valued answer (conflicts, relaxations, binding) that appear or go."""

    added: tuple[Any, ...]
    removed: tuple[Any, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"added": list(self.added), "removed": list(self.removed)}


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two analyses side by side: `before` and `after` name them (file and changes)."""

    before: str
    after: str
    differences: tuple[Difference, ...]
    conflicts: SetChange
    relaxations: SetChange
    binding: SetChange
    pareto_size: tuple[int, int]

    @property
    def same(self) -> bool:
        return not (
            self.differences
            or self.pareto_size[0] != self.pareto_size[1]
            or any(c.added or c.removed for c in (self.conflicts, self.relaxations, self.binding))
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "same": self.same,
            "differences": [d.to_dict() for d in self.differences],
            "conflicts": self.conflicts.to_dict(),
            "relaxations": self.relaxations.to_dict(),
            "binding": self.binding.to_dict(),
            "pareto_size": {"before": self.pareto_size[0], "after": self.pareto_size[1]},
        }


def compare(before: Result, after: Result, *, names: tuple[str, str]) -> Comparison:
    """What differs between two analyses (`names` label them in the output)."""
    a, b = before.to_dict(), after.to_dict()
    differences = [
        *_leaf_differences("zopa", a["zopa"], b["zopa"]),
        *_leaf_differences("solutions", a["solutions"], b["solutions"]),
    ]
    da, db = a["diagnosis"], b["diagnosis"]
    return Comparison(
        before=names[0],
        after=names[1],
        differences=tuple(differences),
        conflicts=_set_change(da["conflicts"], db["conflicts"]),
        relaxations=_set_change(da["relaxations"], db["relaxations"]),
        binding=_set_change(da["binding"], db["binding"]),
        pareto_size=(len(a["pareto"]), len(b["pareto"])),
    )


def _leaf_differences(path: str, a: Any, b: Any) -> list[Difference]:
    """Differences between two JSON trees; a mapping is walked key by key (keys of both, in
    `a`'s order then `b`'s new ones), anything else is a leaf compared whole."""
    if isinstance(a, Mapping) and isinstance(b, Mapping) and not _is_leaf_mapping(a, b):
        keys = list(a) + [k for k in b if k not in a]
        found: list[Difference] = []
        for key in keys:
            found.extend(_leaf_differences(f"{path}.{key}", a.get(key), b.get(key)))
        return found
    return [] if a == b else [Difference(path, a, b)]


def _is_leaf_mapping(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """A range `{min, max}` or an option list is one value, not two."""
    leafy = ({"min", "max"}, {"options"}, {"values"})
    return set(a) in leafy and set(b) in leafy


def _set_change(before: list[Any], after: list[Any]) -> SetChange:
    added = tuple(x for x in after if x not in before)
    removed = tuple(x for x in before if x not in after)
    return SetChange(added, removed)
