"""The zone of possible agreement as the JSON output names it (FORMAT §4): each issue's
range over the ZOPA and each actor's utility range. The engine (`zopa.analysis.zone`) and the
brute-force oracle (`zopa.testing.oracle`) both answer in these terms, so that one can be
checked against the other without either importing the other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zopa.format.numbers import plain


@dataclass(frozen=True, slots=True)
class NumberRange:
    """Lowest and highest value of a number or integer (or a utility) over the ZOPA."""

    min: float
    max: float

    def to_dict(self) -> dict[str, Any]:
        return {"min": plain(self.min), "max": plain(self.max)}


@dataclass(frozen=True, slots=True)
class OptionSet:
    """The options of a choice that some deal of the ZOPA takes, in declared order."""

    options: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"options": list(self.options)}


@dataclass(frozen=True, slots=True)
class BoolSet:
    """The values of a boolean that some deal of the ZOPA takes (`false` before `true`)."""

    values: tuple[bool, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"values": list(self.values)}


@dataclass(frozen=True, slots=True)
class StepPositions:
    """Each step's lowest and highest 1-based position over the ZOPA, in declared order."""

    positions: tuple[tuple[str, int, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"positions": {step: [lo, hi] for step, lo, hi in self.positions}}


IssueRange = NumberRange | OptionSet | BoolSet | StepPositions


@dataclass(frozen=True, slots=True)
class Zone:
    """The ZOPA: whether it exists, each issue's range over it, each actor's utility range.
    `issues` and `utilities` are empty when it does not exist."""

    exists: bool
    issues: Mapping[str, IssueRange] = field(default_factory=dict)
    utilities: Mapping[str, NumberRange] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exists": self.exists,
            "issues": {k: v.to_dict() for k, v in self.issues.items()},
            "utilities": {k: v.to_dict() for k, v in self.utilities.items()},
        }
