"""The validated scenario handed to every later stage: the format model, its checked
expressions, and where each piece came from in the user's file.

Nothing here edits a scenario: `with_changes` builds a new one from the raw tree.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from zopa.expr.tree import Formula
from zopa.format.refs import GroupRef
from zopa.format.schema import Actor, NumberIssue, ScenarioModel
from zopa.scenario.uncertain import Uncertainty


class ConstraintKind(enum.Enum):
    RULE = "rule"
    RED_LINE = "red_line"


@dataclass(frozen=True, slots=True)
class CheckedConstraint:
    """A rule or red line with its expressions parsed and checked.

    `ref` is how answers name it: `actor/id` for a red line, `rules/id` for a rule.
    `path` is its YAML path (`actors.russia.red_lines.0`), `position` its (line, column).
    """

    ref: str
    kind: ConstraintKind
    actor: str | None
    id: str
    require: Formula
    when: Formula | None
    require_text: str
    when_text: str | None
    firmness: float
    path: str
    position: tuple[int, int] | None
    quote: str | None


class VariantBuilder(Protocol):
    """Builds a validated variant of a scenario (`zopa.scenario.load.build_variant`). The
    loader hands itself to every scenario it makes, so this module need not import the
    loader, which imports it: the two would otherwise depend on each other."""

    def __call__(
        self,
        scenario: Scenario,
        *,
        set: Mapping[str, Any],
        drop: Iterable[str],
        without: Iterable[str],
    ) -> Scenario: ...


@dataclass(frozen=True, slots=True)
class CheckedTerm:
    """An actor's conditional utility term with its `when` parsed and checked: `weight`
    points whenever `when` holds. `path` is its YAML path (`actors.russia.terms.0`)."""

    actor: str
    when: Formula
    when_text: str
    weight: float
    path: str


@dataclass(frozen=True, slots=True)
class Scenario:
    """A scenario that passed validation.

    `raw` is the plain data the YAML held (after `--set`/`--drop`/`--without`), kept so that
    variants can be derived and re-validated; `positions` maps dotted YAML paths to 1-based
    (line, column); `name` is the file name used in messages; `base_dir` resolves `sources`;
    `variants` is the loader's `build_variant`, which `with_changes` calls.
    """

    model: ScenarioModel
    constraints: tuple[CheckedConstraint, ...]
    raw: Any
    positions: Mapping[str, tuple[int, int]]
    name: str
    base_dir: Path | None
    source_texts: Mapping[str, str]
    variants: VariantBuilder = field(repr=False, compare=False)
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    """The distributions and credibilities the file holds; `model` has their medians."""
    terms: Mapping[str, tuple[CheckedTerm, ...]] = field(default_factory=dict)
    """Each actor's conditional utility terms (`actors.A.terms`), by actor id; actors
    without terms are absent."""

    @property
    def has_real_numbers(self) -> bool:
        """Whether some issue is a real number: the deal space is then a continuum (no
        finite frontier to list, and the bargaining solutions' numbers settle in phase
        two)."""
        return any(isinstance(i, NumberIssue) for i in self.model.issues.values())

    @property
    def has_terms(self) -> bool:
        """Whether any actor has a conditional utility term: utilities are then not additive
        over issues, and issue-by-issue methods (the separable Pareto path) do not apply."""
        return any(self.terms.values())

    def terms_of(self, actor: str) -> tuple[CheckedTerm, ...]:
        """`actor`'s checked terms (empty if it has none)."""
        return self.terms.get(actor, ())

    @property
    def title(self) -> str | None:
        return self.model.title

    @property
    def actors(self) -> Mapping[str, Actor]:
        return self.model.actors

    @property
    def rules(self) -> tuple[CheckedConstraint, ...]:
        return tuple(c for c in self.constraints if c.kind is ConstraintKind.RULE)

    @property
    def red_lines(self) -> tuple[CheckedConstraint, ...]:
        return tuple(c for c in self.constraints if c.kind is ConstraintKind.RED_LINE)

    @property
    def groups(self) -> tuple[GroupRef, ...]:
        """Every constraint group, in YAML order: each actor's red lines, then its
        reservation (the order of the compiled model's groups and of every report)."""
        refs: list[GroupRef] = []
        for actor_id, actor in self.actors.items():
            refs.extend(GroupRef(actor_id, line.id) for line in actor.red_lines)
            refs.append(GroupRef.reservation(actor_id))
        return tuple(refs)

    def constraint(self, ref: str) -> CheckedConstraint:
        """The rule or red line named `ref`; raises KeyError if there is none."""
        for item in self.constraints:
            if item.ref == ref:
                return item
        raise KeyError(ref)

    def with_changes(
        self,
        *,
        set: Mapping[str, Any] | None = None,
        drop: Iterable[str] = (),
        without: Iterable[str] = (),
    ) -> Scenario:
        """A new scenario: this one's raw tree with values set, red lines or reservations
        dropped, and actors removed, validated afresh. Raises `ScenarioError`."""
        return self.variants(self, set=set or {}, drop=tuple(drop), without=tuple(without))
