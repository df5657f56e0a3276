"""The answers of an analysis, as typed frozen data, and their JSON form (FORMAT §4).

`Result.to_dict()` is exactly the object `zopa analyze --json` prints: floats rounded to
9 significant digits, so that the same input always prints the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zopa.format.numbers import plain
from zopa.format.values import Deal
from zopa.format.zone import Zone

_plain = plain
"""(The JSON form of a value, `zopa.format.numbers.plain`; the name analysis/whatif.py uses.)"""


@dataclass(frozen=True, slots=True)
class Solution:
    """A certified deal of the ZOPA and every actor's utility of it."""

    deal: Deal
    utilities: Mapping[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"deal": _plain(self.deal), "utilities": _plain(self.utilities)}


@dataclass(frozen=True, slots=True)
class NumericMove:
    """The smallest change of one number that opens a ZOPA instead of dropping a group:
    `path` is the YAML path of the number, `before` its value now, `after` the value that
    opens a ZOPA; `text` says it for people (`territory >= 0.2 -> >= 0.15`)."""

    ref: str
    path: str
    before: float
    after: float
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "path": self.path,
            "before": _plain(self.before),
            "after": _plain(self.after),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Relaxation:
    """A minimal set of constraint groups whose removal opens a ZOPA; `cost` sums firmness."""

    drop: tuple[str, ...]
    cost: float
    moves: tuple[NumericMove, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"drop": list(self.drop), "cost": _plain(self.cost)}
        if self.moves:
            out["moves"] = [m.to_dict() for m in self.moves]
        return out


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Minimal conflicts and cheapest relaxations (no ZOPA), binding red lines (a ZOPA).

    `truncated`: a `max_conflicts` limit cut `conflicts` or `relaxations` short.
    `rules_infeasible`: the rules alone admit no deal, so no red line or reservation can be
    blamed (both lists are then empty). Each flag appears in `to_dict()` only when true."""

    conflicts: tuple[tuple[str, ...], ...] = ()
    relaxations: tuple[Relaxation, ...] = ()
    binding: tuple[str, ...] = ()
    truncated: bool = False
    rules_infeasible: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "conflicts": [list(c) for c in self.conflicts],
            "relaxations": [r.to_dict() for r in self.relaxations],
            "binding": list(self.binding),
        }
        if self.truncated:
            out["truncated"] = True
        if self.rules_infeasible:
            out["rules_infeasible"] = True
        return out


@dataclass(frozen=True, slots=True)
class ParetoInfo:
    """How the frontier was found: `complete` when every non-dominated utility vector is
    listed; `method` names the algorithm; `note` says what is approximate, if anything."""

    complete: bool = True
    method: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"complete": self.complete, "method": self.method, "note": self.note}


@dataclass(frozen=True, slots=True)
class Result:
    """Everything `zopa analyze` answers about one scenario."""

    title: str | None
    zopa: Zone
    solutions: Mapping[str, Solution | None]
    pareto: tuple[Solution, ...] = ()
    pareto_info: ParetoInfo = field(default_factory=ParetoInfo)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    uncertain: tuple[str, ...] = ()
    """YAML paths of the distributions (at their medians) and credibilities (kept) that
    this answer fixed; listed in the JSON only when there are any."""

    def to_dict(self) -> dict[str, Any]:
        """The `--json` object of FORMAT §4 (floats rounded to 9 significant digits)."""
        extra = {"uncertain": list(self.uncertain)} if self.uncertain else {}
        return extra | {
            "format": 1,
            "title": self.title,
            "zopa": self.zopa.to_dict(),
            "solutions": {
                name: (None if sol is None else sol.to_dict())
                for name, sol in self.solutions.items()
            },
            "pareto": [s.to_dict() for s in self.pareto],
            "pareto_info": self.pareto_info.to_dict(),
            "diagnosis": self.diagnosis.to_dict(),
        }
